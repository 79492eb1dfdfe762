from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class AcademyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_learning_count" in counters:
            # sudo on the user's own lines: an internal user without a co-op
            # group reads none, and an error here blanks the home page
            values["coop_learning_count"] = (
                request.env["coop.academy.assignment"]
                .sudo()
                .search_count(self._coop_learning_domain() + [("status", "!=", "done")])
            )
        return values

    def _coop_learning_domain(self):
        return [
            ("partner_id", "=", request.env.user.partner_id.id),
            ("company_id", "in", request.env.user.company_ids.ids),
        ]

    @http.route("/my/learning", type="http", auth="user", website=True)
    def portal_my_learning(self, **kwargs):
        """The member's required courses: deadline, state, progress, and the
        certificate of each certification passed."""
        # read as the user: the portal rule shows their own lines only
        assignments = request.env["coop.academy.assignment"].search(
            self._coop_learning_domain(), order="status desc, date_due"
        )
        channels = assignments.channel_id.sudo()
        certifications = {
            channel.id: channel.slide_ids.filtered(
                lambda s: s.slide_category == "certification"
            ).survey_id[:1]
            for channel in channels
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_learning",
                "assignments": assignments,
                "certifications": certifications,
                "channel_urls": {channel.id: channel.website_url for channel in channels},
                "badges": request.env.user.sudo().badge_ids,
            }
        )
        return request.render("coop_academy.portal_my_learning", values)
