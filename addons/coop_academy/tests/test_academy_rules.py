from datetime import date

from odoo.tests import BaseCase, tagged

from .. import academy_rules as rules


@tagged("post_install", "-at_install")
class TestAcademyRules(BaseCase):
    """Deadlines, validity and status, without the ORM."""

    def test_due_date(self):
        self.assertEqual(rules.due_date(date(2026, 1, 31), 60), date(2026, 4, 1))
        self.assertEqual(rules.due_date(date(2026, 1, 31), 0), date(2026, 1, 31))
        with self.assertRaises(ValueError):
            rules.due_date(date(2026, 1, 31), -1)

    def test_expiry_date(self):
        # valid two years: the last day is the eve of the anniversary
        self.assertEqual(rules.expiry_date(date(2026, 3, 15), 24), date(2028, 3, 14))
        self.assertEqual(rules.expiry_date(date(2024, 2, 29), 12), date(2025, 2, 27))
        self.assertIsNone(rules.expiry_date(date(2026, 3, 15), 0))
        with self.assertRaises(ValueError):
            rules.expiry_date(date(2026, 3, 15), -6)

    def test_status(self):
        due = date(2026, 6, 30)
        self.assertEqual(rules.status(date(2026, 6, 30), due, None, None), rules.DUE)
        self.assertEqual(rules.status(date(2026, 7, 1), due, None, None), rules.OVERDUE)
        done, expiry = date(2026, 6, 1), date(2028, 5, 31)
        self.assertEqual(rules.status(date(2026, 7, 1), due, done, expiry), rules.DONE)
        self.assertEqual(rules.status(date(2028, 5, 31), due, done, expiry), rules.DONE)
        self.assertEqual(rules.status(date(2028, 6, 1), due, done, expiry), rules.EXPIRED)
        self.assertEqual(rules.status(date(2040, 1, 1), due, done, None), rules.DONE)
        # a completion dated after today does not count yet
        self.assertEqual(rules.status(date(2026, 5, 1), due, done, expiry), rules.DUE)
        # renewed after expiry: done again until the new expiry
        renewed = date(2028, 7, 1)
        self.assertEqual(
            rules.status(date(2028, 7, 2), due, renewed, rules.expiry_date(renewed, 24)),
            rules.DONE,
        )

    def test_holds(self):
        self.assertFalse(rules.holds(date(2026, 1, 1), None, None))
        self.assertTrue(rules.holds(date(2026, 1, 1), date(2025, 1, 1), None))
        self.assertTrue(rules.holds(date(2026, 1, 1), date(2025, 1, 1), date(2026, 1, 1)))
        self.assertFalse(rules.holds(date(2026, 1, 2), date(2025, 1, 1), date(2026, 1, 1)))
        self.assertFalse(rules.holds(date(2024, 12, 31), date(2025, 1, 1), None))
