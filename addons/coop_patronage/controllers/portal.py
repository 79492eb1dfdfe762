# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .. import patronage_rules as rules


class CoopPatronagePortal(CustomerPortal):
    def _coop_patronage_own_allocations(self):
        """The user's own posted allocations, whatever their groups: everything
        the page shows hangs from the user's partner."""
        partner = request.env.user.partner_id
        return (
            request.env["coop.patronage.allocation"]
            .sudo()
            .search(
                [
                    (
                        "membership_id.partner_id",
                        "in",
                        (partner | partner.commercial_partner_id).ids,
                    ),
                    ("period_id.state", "=", "posted"),
                ]
            )
        )

    def _coop_capital_values(self):
        """Per co-op: the years' allocations, the capital account's entries by
        year and the retained balance; a fixed number of queries."""
        partner = request.env.user.partner_id
        Line = request.env["coop.capital.account.line"].sudo()
        groups = Line._read_group(
            [("membership_id.partner_id", "in", (partner | partner.commercial_partner_id).ids)],
            ["company_id", "year", "operation"],
            ["amount:sum"],
        )
        ledger = defaultdict(lambda: defaultdict(float))
        for company, year, operation, amount in groups:
            ledger[company][(year, operation)] += amount
        allocations = self._coop_patronage_own_allocations()
        coops = []
        for company in allocations.company_id | request.env["res.company"].browse(
            [company.id for company in ledger]
        ):
            own = allocations.filtered(lambda a, company=company: a.company_id == company)
            entries = ledger.get(company, {})
            years = sorted(
                {a.period_id.year for a in own} | {year for year, _op in entries}, reverse=True
            )
            coops.append(
                {
                    "company": company,
                    "balance": sum(entries.values()),
                    "years": [
                        {
                            "year": year,
                            "allocations": own.filtered(
                                lambda a, year=year: a.period_id.year == year
                            ),
                            "retained": sum(
                                amount
                                for (entry_year, operation), amount in entries.items()
                                if entry_year == year and operation != "redemption"
                            ),
                            "redeemed": -sum(
                                amount
                                for (entry_year, operation), amount in entries.items()
                                if entry_year == year and operation == "redemption"
                            ),
                            "revolving_year": rules.revolving_year(
                                year, company.coop_patronage_revolving_years
                            ),
                        }
                        for year in years
                    ],
                }
            )
        return coops

    @http.route(["/my/capital"], type="http", auth="user", website=True)
    def portal_my_capital(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "coop_capital", "coops": self._coop_capital_values()})
        return request.render("coop_patronage.portal_my_capital", values)

    @http.route(["/my/capital/notice/<int:allocation_id>"], type="http", auth="user", website=True)
    def portal_my_capital_notice(self, allocation_id, download=False, **kw):
        allocation = self._coop_patronage_own_allocations().filtered(
            lambda a: a.id == allocation_id
        )
        if not allocation:
            return request.redirect("/my/capital")
        return self._show_report(
            model=allocation,
            report_type="pdf",
            report_ref="coop_patronage.action_report_coop_patronage_notice",
            download=download,
        )
