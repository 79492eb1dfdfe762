from datetime import date, datetime

from babel import Locale

from odoo.tests import BaseCase, tagged

from .. import coop_time


@tagged("post_install", "-at_install")
class TestCoopTime(BaseCase):
    """The co-op's calendar as plain functions, without the ORM."""

    def test_local_date_crosses_midnight_both_ways(self):
        late_utc = datetime(2024, 3, 31, 23, 30)
        self.assertEqual(coop_time.local_date(late_utc, "UTC"), date(2024, 3, 31))
        # already the next day east of Greenwich (Paris is on summer time: +2)
        self.assertEqual(coop_time.local_date(late_utc, "Europe/Paris"), date(2024, 4, 1))
        self.assertEqual(coop_time.local_date(late_utc, "Pacific/Kiritimati"), date(2024, 4, 1))
        early_utc = datetime(2024, 4, 1, 3, 0)
        # still the day before west of it
        self.assertEqual(coop_time.local_date(early_utc, "America/Chicago"), date(2024, 3, 31))
        self.assertEqual(coop_time.local_date(early_utc, "Europe/Paris"), date(2024, 4, 1))

    def test_unknown_or_empty_zone_is_utc(self):
        moment = datetime(2024, 12, 31, 23, 59)
        for name in (False, None, "", "Mars/Olympus_Mons"):
            with self.subTest(name=name):
                self.assertEqual(coop_time.local_date(moment, name), date(2024, 12, 31))
                self.assertEqual(coop_time.local_now(moment, name).utcoffset().total_seconds(), 0)

    def test_local_now_is_aware(self):
        now = coop_time.local_now(datetime(2024, 7, 1, 12, 0), "Europe/Brussels")
        self.assertEqual((now.hour, now.utcoffset().total_seconds()), (14, 7200))

    def test_day_start_in_utc(self):
        self.assertEqual(
            coop_time.day_start_utc(date(2024, 1, 15), "Europe/Paris"), datetime(2024, 1, 14, 23)
        )
        self.assertEqual(
            coop_time.day_start_utc(date(2024, 7, 15), "Europe/Paris"), datetime(2024, 7, 14, 22)
        )
        self.assertEqual(
            coop_time.day_start_utc(date(2024, 7, 15), "America/New_York"),
            datetime(2024, 7, 15, 4),
        )
        self.assertEqual(coop_time.day_start_utc(date(2024, 7, 15), "UTC"), datetime(2024, 7, 15))

    def test_day_start_when_midnight_is_skipped_or_doubled(self):
        # Chile moved its clocks from 00:00 to 01:00 on 3 September 2023: the
        # day starts at 01:00 local, 04:00 UTC
        self.assertEqual(
            coop_time.day_start_utc(date(2023, 9, 3), "America/Santiago"),
            datetime(2023, 9, 3, 4),
        )
        # Cuba moved them back from 01:00 to 00:00 on 5 November 2023: the
        # first midnight (summer time, UTC-4) starts the day
        self.assertEqual(
            coop_time.day_start_utc(date(2023, 11, 5), "America/Havana"),
            datetime(2023, 11, 5, 4),
        )

    def test_day_start_round_trips_to_the_same_date(self):
        for name in ("Pacific/Auckland", "Asia/Kolkata", "America/St_Johns", "Pacific/Pago_Pago"):
            for day in (date(2024, 1, 1), date(2024, 3, 10), date(2024, 10, 27)):
                with self.subTest(zone=name, day=day):
                    start = coop_time.day_start_utc(day, name)
                    self.assertEqual(coop_time.local_date(start, name), day)

    def test_member_datetime_in_their_zone_and_language_to_the_minute(self):
        stored = datetime(2026, 3, 3, 17, 30, 45)
        english = coop_time.member_datetime(stored, "Europe/Paris", Locale.parse("en_US"))
        self.assertEqual(english, "Tue, Mar 3, 2026, 6:30 PM (Europe/Paris)")
        french = coop_time.member_datetime(stored, "Europe/Paris", Locale.parse("fr_FR"))
        self.assertIn("18:30 (Europe/Paris)", french)
        self.assertNotIn("18:30:45", french)
        self.assertIn(
            "11:30 AM (America/Chicago)",
            coop_time.member_datetime(stored, "America/Chicago", Locale.parse("en_US")),
        )
