from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import CoopBaseCase


@tagged("post_install", "-at_install")
class TestCompanySettings(CoopBaseCase, TransactionCase):
    def _settings(self, company):
        return (
            company.coop_fiscal_year_end_day,
            company.coop_fiscal_year_end_month,
            company.coop_min_shares_per_member,
            company.coop_max_shares_per_member,
            company.coop_quorum_type,
            company.coop_quorum_value,
        )

    def test_fiscal_year_end_must_be_a_date(self):
        before = self._settings(self.coop_a)
        for month, day in (("2", 30), ("2", 29), ("4", 31), ("1", 0), ("12", 32)):
            with (
                self.subTest(month=month, day=day),
                self.assertRaisesRegex(ValidationError, "is not a date"),
            ):
                with self.env.cr.savepoint():
                    self.coop_a.write(
                        {"coop_fiscal_year_end_month": month, "coop_fiscal_year_end_day": day}
                    )
                    self.coop_a.flush_recordset()
            self.coop_a.invalidate_recordset()
            self.assertEqual(self._settings(self.coop_a), before)
        self.coop_a.write({"coop_fiscal_year_end_month": "6", "coop_fiscal_year_end_day": 30})
        self.assertEqual(
            (self.coop_a.coop_fiscal_year_end_month, self.coop_a.coop_fiscal_year_end_day),
            ("6", 30),
        )

    def test_new_company_with_impossible_fiscal_year_end(self):
        count = self.env["res.company"].search_count([])
        with self.assertRaises(ValidationError):
            self.env["res.company"].create(
                {
                    "name": "Leap Co-op",
                    "coop_fiscal_year_end_month": "2",
                    "coop_fiscal_year_end_day": 30,
                }
            )
        self.assertEqual(self.env["res.company"].search_count([]), count)

    def test_bylaws_link_is_a_web_address(self):
        refused = ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "bylaws.pdf")
        for link in refused:
            with (
                self.subTest(link=link),
                self.assertRaisesRegex(ValidationError, "must be a web address"),
                self.env.cr.savepoint(),
            ):
                self.coop_a.coop_bylaws_url = link
        self.coop_a.coop_bylaws_url = "https://www.example.org/bylaws.pdf"
        self.assertEqual(self.coop_a.coop_bylaws_url, "https://www.example.org/bylaws.pdf")

    def test_share_limits_must_be_consistent(self):
        before = self._settings(self.coop_a)
        with (
            self.assertRaisesRegex(ValidationError, "may not be below the minimum"),
            self.env.cr.savepoint(),
        ):
            self.coop_a.write({"coop_min_shares_per_member": 5, "coop_max_shares_per_member": 2})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.coop_a.write({"coop_min_shares_per_member": -1})
        self.coop_a.invalidate_recordset()
        self.assertEqual(self._settings(self.coop_a), before)
        self.coop_a.write({"coop_min_shares_per_member": 5, "coop_max_shares_per_member": 0})
        self.assertEqual(self.coop_a.coop_min_shares_per_member, 5)

    def test_quorum_percent_within_0_100(self):
        before = self._settings(self.coop_a)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"), self.env.cr.savepoint():
            self.coop_a.write({"coop_quorum_type": "percent", "coop_quorum_value": 120})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.coop_a.write({"coop_quorum_type": "number", "coop_quorum_value": -3})
        self.coop_a.invalidate_recordset()
        self.assertEqual(self._settings(self.coop_a), before)
        self.coop_a.write({"coop_quorum_type": "number", "coop_quorum_value": 120})
        self.assertEqual(self.coop_a.coop_quorum_value, 120)

    def test_officer_cannot_change_coop_settings(self):
        company = self.coop_a.with_user(self.officer_a)
        with self.assertRaisesRegex(AccessError, "Only co-op managers"):
            company.write({"coop_notice_period_days": 3})
        self.coop_a.invalidate_recordset()
        self.assertEqual(self.coop_a.coop_notice_period_days, 14)

    def test_manager_changes_coop_settings_only(self):
        company = self.coop_a.with_user(self.manager_a)
        company.write({"coop_notice_period_days": 30, "coop_proxy_allowed": True})
        self.assertEqual(self.coop_a.coop_notice_period_days, 30)
        with self.assertRaisesRegex(AccessError, "only change the co-op settings"):
            company.write({"name": "Renamed"})
        self.coop_a.invalidate_recordset()
        self.assertEqual(self.coop_a.name, "Alpha Bakery Co-op")

    def test_manager_settings_form(self):
        view = self.env.ref("coop_base.res_company_view_form_coop_settings")
        with Form(self.coop_a.with_user(self.manager_a), view=view) as form:
            form.coop_legal_name = "Alpha Bakery Workers' Cooperative Ltd"
            form.coop_fiscal_year_end_day = 30
            form.coop_fiscal_year_end_month = "6"
        self.assertEqual(self.coop_a.coop_legal_name, "Alpha Bakery Workers' Cooperative Ltd")

    def test_menu_opens_the_current_coop_form(self):
        action = self.env.ref("coop_base.res_company_action_open_coop_settings")
        for company, user in ((self.coop_a, self.manager_a), (self.coop_b, self.officer_b)):
            result = action.with_user(user).with_context(allowed_company_ids=company.ids).run()
            self.assertEqual((result["res_model"], result["res_id"]), ("res.company", company.id))
            self.assertEqual(result["views"][0][1], "form")
        with self.assertRaises(AccessError):
            action.with_user(self.employee_a).run()

    def test_settings_page_writes_the_company(self):
        settings = (
            self.env["res.config.settings"]
            .with_company(self.coop_a)
            .create(
                {
                    "coop_quorum_type": "number",
                    "coop_quorum_value": 12,
                    "coop_default_majority": "two_thirds",
                }
            )
        )
        settings.execute()
        self.assertEqual(self.coop_a.coop_quorum_value, 12)
        self.assertEqual(self.coop_a.coop_default_majority, "two_thirds")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["res.config.settings"].with_company(self.coop_a).create(
                {"coop_fiscal_year_end_month": "2", "coop_fiscal_year_end_day": 30}
            ).execute()
        self.coop_a.invalidate_recordset()
        self.assertEqual(
            (self.coop_a.coop_fiscal_year_end_month, self.coop_a.coop_fiscal_year_end_day),
            ("12", 31),
        )
