# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopPatronagePortal(CustomerPortal):
    def _coop_patronage_own_allocations(self):
        return request.env["coop.capital.account.line"]._portal_allocations(
            request.env.user.partner_id
        )

    @http.route(["/my/capital"], type="http", auth="user", website=True)
    def portal_my_capital(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_capital",
                "coops": request.env["coop.capital.account.line"]._portal_values(
                    request.env.user.partner_id
                ),
            }
        )
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
