from odoo.tests import TransactionCase, tagged

from .common import CoopBaseCase

LIST_SPECIFICATION = {
    "member_number": {},
    "partner_id": {"fields": {"display_name": {}}},
    "member_class_id": {"fields": {"display_name": {}}},
    "company_id": {"fields": {"display_name": {}}},
    "admission_date": {},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestListPerformance(CoopBaseCase, TransactionCase):
    def _add_members(self, count):
        partners = self.env["res.partner"].create(
            [{"name": f"Member {index}"} for index in range(count)]
        )
        return self._admit_in_bulk(partners)

    def _first_page(self):
        self.env.invalidate_all()
        return (
            self.env["coop.membership"]
            .with_user(self.officer_a)
            .web_search_read(domain=[], specification=LIST_SPECIFICATION, limit=80)
        )

    def test_list_first_page_query_count(self):
        # more members than a page from the start: past one page the list
        # also counts the records, once
        self._add_members(90)
        self._first_page()  # warm caches
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        result = self._first_page()
        queries_for_few = self.env.cr.sql_log_count - before
        self.assertEqual(result["length"], 90)
        self._add_members(200)
        self._first_page()
        with self.assertQueryCount(queries_for_few):
            result = self._first_page()
        self.assertEqual(len(result["records"]), 80)
        self.assertEqual(result["length"], 290)
