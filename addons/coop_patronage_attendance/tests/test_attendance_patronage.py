# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from decimal import Decimal

from odoo.tests import tagged

from odoo.addons.coop_patronage.tests.common import YEAR, CoopPatronageCommon


@tagged("post_install", "-at_install", "coop_patronage_attendance")
class TestAttendancePatronage(CoopPatronageCommon):
    """Without payroll, a worker co-op counts its members' attended hours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop.write({"coop_patronage_basis": "attendance", "coop_tz": "America/Denver"})
        cls.employees = {
            membership: cls.env["hr.employee"].create(
                {
                    "name": membership.partner_id.name,
                    "work_contact_id": membership.partner_id.id,
                    "company_id": cls.coop.id,
                }
            )
            for membership in (cls.alice, cls.bob, cls.dan)
        }

    def _attend(self, membership, start, hours, closed=True):
        """An attendance from ``start`` (UTC) of ``hours``, checked out or not."""
        return self.env["hr.attendance"].create(
            {
                "employee_id": self.employees[membership].id,
                "check_in": start,
                "check_out": start + datetime.timedelta(hours=hours) if closed else False,
            }
        )

    def test_attended_hours_of_the_period_are_the_patronage(self):
        self._attend(self.alice, datetime.datetime(YEAR, 3, 2, 15), 8)
        self._attend(self.alice, datetime.datetime(YEAR, 3, 3, 15), 6.5)
        self._attend(self.bob, datetime.datetime(YEAR, 3, 2, 15), 4)
        # still checked in: not counted yet
        self._attend(self.bob, datetime.datetime(YEAR, 3, 4, 15), 0, closed=False)
        # 1 January 03:00 UTC is still 31 December in Denver: the year before
        self._attend(self.bob, datetime.datetime(YEAR, 1, 1, 3), 2)
        # an applicant's hours earn nothing
        self._attend(self.dan, datetime.datetime(YEAR, 3, 2, 15), 9)
        period = self._period(surplus=1000.0)
        self.assertEqual(
            period._coop_measures(
                [self.alice.partner_id.id, self.bob.partner_id.id, self.carol.partner_id.id]
            ),
            {self.alice.partner_id.id: Decimal("14.50"), self.bob.partner_id.id: Decimal("4.00")},
        )
        period.action_compute()
        allocations = {a.partner_id: a for a in period.allocation_ids.filtered("allocated_amount")}
        self.assertEqual(set(allocations), {self.alice.partner_id, self.bob.partner_id})
        self.assertAlmostEqual(allocations[self.alice.partner_id].measure, 14.5)
        self.assertAlmostEqual(
            allocations[self.alice.partner_id].allocated_amount
            + allocations[self.bob.partner_id].allocated_amount,
            650.0,
            places=2,
        )

    def test_measure_is_one_query(self):
        self._attend(self.alice, datetime.datetime(YEAR, 5, 2, 15), 8)
        period = self._period()
        partners = [self.alice.partner_id.id]
        # the first call flushes what attendances still had to compute (overtime)
        period._coop_measure_attendance(partners)
        with self.assertQueryCount(1):
            period._coop_measure_attendance(partners)
