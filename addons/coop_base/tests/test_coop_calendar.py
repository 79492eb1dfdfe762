from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import Form, TransactionCase, tagged

from .common import CoopBaseCase

# 23:30 UTC on 31 March 2024: already 1 April in Auckland (UTC+13), still
# 31 March in Los Angeles (UTC-7) and 1 April in Paris (UTC+2)
LATE_EVENING_UTC = datetime(2024, 3, 31, 23, 30)


@tagged("post_install", "-at_install")
class TestCoopCalendar(CoopBaseCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop_a.coop_tz = "Pacific/Auckland"
        cls.coop_b.coop_tz = "America/Los_Angeles"
        # the user deciding sits in yet another zone: it must not matter
        cls.manager_a.tz = "Europe/Paris"

    def test_today_is_the_coop_wall_clock(self):
        with freeze_time(LATE_EVENING_UTC):
            self.assertEqual(self.coop_a._coop_today(), date(2024, 4, 1))
            self.assertEqual(self.coop_b._coop_today(), date(2024, 3, 31))
            now = self.coop_a._coop_now()
            self.assertEqual((now.date(), now.hour, now.minute), (date(2024, 4, 1), 12, 30))
        self.assertEqual(self.coop_b._coop_date_of(LATE_EVENING_UTC), date(2024, 3, 31))
        self.assertEqual(self.coop_a._coop_day_start("2024-04-01"), datetime(2024, 3, 31, 11))

    def test_time_zone_falls_back_to_address_then_administrator(self):
        self.coop_a.coop_tz = False
        self.coop_a.partner_id.tz = "Asia/Tokyo"
        self.assertEqual(self.coop_a._coop_tz_name(), "Asia/Tokyo")
        self.coop_a.partner_id.tz = False
        self.env.ref("base.user_admin").tz = "America/Chicago"
        self.assertEqual(self.coop_a._coop_tz_name(), "America/Chicago")
        self.env.ref("base.user_admin").tz = False
        self.assertEqual(self.coop_a._coop_tz_name(), "UTC")

    def test_application_and_decision_dates_per_coop(self):
        with freeze_time(LATE_EVENING_UTC):
            # created without any time zone in the context, as a cron or a
            # JSON-RPC client would
            applications = self.env["coop.membership"].create(
                [
                    {"partner_id": self.partners[0].id, "company_id": self.coop_a.id},
                    {"partner_id": self.partners[0].id, "company_id": self.coop_b.id},
                ]
            )
            self.assertEqual(
                applications.mapped("application_date"), [date(2024, 4, 1), date(2024, 3, 31)]
            )
            # one batch, two co-ops: each admission is dated in its co-op
            # decided by someone whose own clock says Paris
            applications.with_context(tz="Europe/Paris")._coop_admit("board decision")
            self.assertEqual(
                applications.mapped("admission_date"), [date(2024, 4, 1), date(2024, 3, 31)]
            )
            member_b = applications.filtered(lambda m: m.company_id == self.coop_b)
            member_b._coop_withdraw("moved away")
            self.assertEqual(member_b.end_date, date(2024, 3, 31))

    def test_wizard_dates_default_to_the_coop_today(self):
        member = self._member(self.partners[1])
        with freeze_time(LATE_EVENING_UTC):
            decision = Form(
                self.env["coop.membership.decision.wizard"]
                .with_user(self.manager_a)
                .with_context(default_membership_ids=member.ids, default_action="suspend")
            )
            self.assertEqual(decision.date, date(2024, 4, 1))
            register = Form(self.env["coop.member.register.wizard"].with_user(self.manager_a))
            self.assertEqual(register.date, date(2024, 4, 1))
