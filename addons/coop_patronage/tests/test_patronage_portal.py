# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase, pdf_pages, render_pdf

from .common import CoopPatronageCommon


@tagged("post_install", "-at_install")
class TestPatronagePortal(CoopPatronageCommon, JsonRpcCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.alice, [(cls.tool, 210)])
        cls._invoice(cls.bob, [(cls.tool, 90)])
        period = cls.env["coop.patronage.period"].create(
            {
                "name": "Patronage 2025",
                "company_id": cls.coop.id,
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
                "date": "2026-03-01",
                "surplus": 3000.0,
                "override_reason": "Members only",
            }
        )
        period.action_compute()
        period.action_post()
        cls.period = period
        cls.portal_alice = cls.env["res.users"].create(
            {
                "name": "Alice Patron",
                "login": "alice_patron",
                "password": "alice_patron-pw-1234",
                "partner_id": cls.alice.partner_id.id,
                "company_id": cls.coop.id,
                "company_ids": [Command.set(cls.coop.ids)],
                "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )

    def test_my_capital_shows_own_account_only(self):
        self.authenticate("alice_patron", "alice_patron-pw-1234")
        page = self.url_open("/my/capital")
        self.assertEqual(page.status_code, 200)
        self.assertIn("1,092.00", page.text)  # retained balance
        self.assertIn("273.00", page.text)  # cash
        self.assertIn("Expected redemption of the retained part: 2028", page.text)
        self.assertNotIn("585.00", page.text)  # Bob's allocation
        own = self.period.allocation_ids.filtered(lambda a: a.membership_id == self.alice)
        notice = self.url_open(f"/my/capital/notice/{own.id}")
        self.assertEqual(notice.headers["Content-Type"], "application/pdf")
        bob = self.period.allocation_ids.filtered(lambda a: a.membership_id == self.bob)
        other = self.url_open(f"/my/capital/notice/{bob.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 303)
        self.assertTrue(other.headers["Location"].endswith("/my/capital"))
        for path in ("/my/capital/notice/999999", "/my/capital/notice/abc"):
            self.assertIn(self.url_open(path, allow_redirects=False).status_code, (303, 404))

    def _portal_queries(self):
        """Queries to gather what /my/capital shows for Alice."""
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        coops = self.env["coop.capital.account.line"]._portal_values(self.alice.partner_id)
        for coop in coops:
            for year in coop["years"]:
                year["allocations"].mapped("cash_paid")
                year["allocations"].mapped("allocated_amount")
        return self.cr.sql_log_count - before, coops

    def test_capital_page_queries_do_not_grow_with_years(self):
        one_year, coops = self._portal_queries()
        self.assertEqual([year["year"] for year in coops[0]["years"]], [2025])
        for year in (2022, 2023, 2024):
            self._invoice(self.alice, [(self.tool, 50)], date=f"{year}-05-01")
            period = self.env["coop.patronage.period"].create(
                {
                    "name": f"Patronage {year}",
                    "company_id": self.coop.id,
                    "date_from": f"{year}-01-01",
                    "date_to": f"{year}-12-31",
                    "date": f"{year + 1}-01-15",
                    "surplus": 100.0,
                    "override_reason": "Members only",
                }
            )
            period.action_compute()
            period.action_post()
        four_years, coops = self._portal_queries()
        self.assertEqual([year["year"] for year in coops[0]["years"]], [2025, 2024, 2023, 2022])
        self.assertLessEqual(four_years, one_year)

    def test_notice_and_board_report_pdfs(self):
        alice = self.period.allocation_ids.filtered(lambda a: a.membership_id == self.alice)
        notice = pdf_pages(
            render_pdf(self.env, "coop_patronage.action_report_coop_patronage_notice", alice.ids)
        )
        self.assertEqual(len(notice), 1)
        self.assertIn("Qualified written notice of allocation", notice[0])
        self.assertIn("1,092.00", notice[0])
        self.assertIn("redeemed in 2028", notice[0])
        report = " ".join(
            pdf_pages(
                render_pdf(
                    self.env, "coop_patronage.action_report_coop_patronage_period", self.period.ids
                )
            )
        )
        self.assertIn("Alice Patron", report)
        self.assertIn("Bob Patron", report)
        self.assertIn("900.00", report)  # collective reserve

    def test_portal_user_reads_nothing_over_json_rpc(self):
        for model in (
            "coop.capital.account.line",
            "coop.patronage.allocation",
            "coop.patronage.period",
        ):
            self.assertRpcRefused(self.portal_alice, model, "search_read", [], fields=["id"])
