from odoo.tests import TransactionCase, tagged

from .common import AcademyCase

MATRIX_SPECIFICATION = {
    "membership_id": {"fields": {"display_name": {}}},
    "channel_id": {"fields": {"display_name": {}}},
    "date_due": {},
    "date_done": {},
    "date_expiry": {},
    "status": {},
    "company_id": {"fields": {"display_name": {}}},
}


@tagged("post_install", "-at_install", "coop_academy")
class TestMatrixPerformance(AcademyCase, TransactionCase):
    def _add_members(self, count, start):
        partners = self.env["res.partner"].create(
            [{"name": f"Matrix member {start + index}"} for index in range(count)]
        )
        return self._admit(partners)

    def _page(self, domain):
        self.env.invalidate_all()
        return (
            self.env["coop.academy.assignment"]
            .with_user(self.officer_a)
            .web_search_read(domain=domain, specification=MATRIX_SPECIFICATION, limit=80)
        )

    def _count_queries(self, domain):
        self._page(domain)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = self._page(domain)
        return self.env.cr.sql_log_count - before, result

    def test_first_page_and_overdue_filter_constant_queries(self):
        overdue = [("status", "=", "overdue")]
        members = self._add_members(90, 0)
        self._assignments(members).sudo()._coop_workflow().write({"status": "overdue"})
        few_all, result = self._count_queries([])
        few_overdue, _result = self._count_queries(overdue)
        self.assertEqual(len(result["records"]), 80)
        members = self._add_members(300, 90)
        self._assignments(members).sudo()._coop_workflow().write({"status": "overdue"})
        for domain, queries in (([], few_all), (overdue, few_overdue)):
            self._page(domain)
            with self.assertQueryCount(queries):
                result = self._page(domain)
            self.assertEqual(len(result["records"]), 80)
            self.assertEqual(result["length"], 390)
