# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.coop_base.portal_input import record_id
from odoo.addons.portal.controllers.portal import CustomerPortal

PORTAL_REQUEST_TYPES = ("subscription", "redemption")
# A member may withdraw a request until the board decided on it.
PORTAL_CANCELLABLE_STATES = ("draft", "submitted")


class CoopSharesPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_share_request_count" in counters:
            # The user's own requests, whatever their groups: an officer would
            # count the whole co-op's, an internal user may read none (and an
            # error in one count leaves the whole home page blank).
            partner = request.env.user.partner_id
            values["coop_share_request_count"] = (
                request.env["coop.share.request"]
                .sudo()
                .search_count(
                    [
                        ("partner_id", "in", (partner | partner.commercial_partner_id).ids),
                        ("company_id", "in", request.env.companies.ids),
                    ]
                )
            )
        return values

    def _coop_shares_page_values(self, errors=None, form=None):
        memberships = self._coop_shares_own_memberships()
        values = self._prepare_portal_layout_values()
        values.update(memberships._coop_shares_portal_values())
        values.update(
            {
                "page_name": "coop_shares",
                "errors": errors or [],
                "form": form or {},
                "requested": request.params.get("requested"),
                "cancelled": request.params.get("cancelled"),
            }
        )
        return values

    @http.route(["/my/shares"], type="http", auth="user", website=True)
    def portal_my_shares(self, **kw):
        return request.render("coop_shares.portal_my_shares", self._coop_shares_page_values())

    def _coop_shares_render_error(self, message, post=None):
        """The page again with the reason shown; the transaction is rolled back."""
        request.env.cr.rollback()
        return request.render(
            "coop_shares.portal_my_shares", self._coop_shares_page_values([message], post)
        )

    def _coop_shares_own_memberships(self):
        """The user's own memberships, whatever their groups (an employee without a
        co-op group may read none); everything the page shows hangs from them."""
        partner = request.env.user.partner_id
        return (
            request.env["coop.membership"]
            .sudo()
            .search([("partner_id", "in", (partner | partner.commercial_partner_id).ids)])
        )

    @http.route(["/my/shares/request"], type="http", auth="user", website=True, methods=["POST"])
    def portal_my_shares_request(self, **post):
        try:
            quantity = int(post.get("quantity") or 0)
        except ValueError:
            return self._coop_shares_render_error(_("Give whole numbers."), post)
        membership_id = record_id(post.get("membership_id"))
        class_id = record_id(post.get("class_id"))
        if membership_id is None or class_id is None:
            return self._coop_shares_render_error(
                _("Choose one of your memberships and one of the share classes."), post
            )
        request_type = post.get("request_type")
        if request_type not in PORTAL_REQUEST_TYPES:
            return self._coop_shares_render_error(_("Choose a subscription or a redemption."), post)
        membership = self._coop_shares_own_memberships().filtered(
            lambda own: own.id == membership_id
        )
        if not membership:
            # Someone else's membership, or none at all.
            raise Forbidden()
        share_class = request.env["coop.share.class"].search(
            [("id", "=", class_id), ("company_id", "=", membership.company_id.id)]
        )
        if not share_class:
            return self._coop_shares_render_error(
                _("Choose one of the share classes of %(coop)s.", coop=membership.company_id.name),
                post,
            )
        try:
            # Validated above for this member; the member has no right to create requests
            # (nor to move them along), so the portal files and submits with its own.
            share_request = (
                request.env["coop.share.request"]
                .sudo()
                .create(
                    {
                        "request_type": request_type,
                        "membership_id": membership.id,
                        "company_id": membership.company_id.id,
                        "class_id": share_class.id,
                        "quantity": quantity,
                    }
                )
            )
            share_request._check_submission()
            share_request.action_submit()
        except (UserError, ValidationError) as error:
            return self._coop_shares_render_error(error.args[0], post)
        return request.redirect("/my/shares?requested=1")

    @http.route(
        ["/my/shares/request/<int:request_id>/cancel"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_shares_request_cancel(self, request_id, **post):
        """A member withdraws their own request while it awaits the board's decision."""
        if record_id(request_id) is None:
            raise Forbidden()
        share_request = (
            request.env["coop.share.request"]
            .sudo()
            .search(
                [
                    ("id", "=", request_id),
                    ("membership_id", "in", self._coop_shares_own_memberships().ids),
                ]
            )
        )
        if not share_request:
            raise Forbidden()
        if share_request.state not in PORTAL_CANCELLABLE_STATES:
            return self._coop_shares_render_error(
                _(
                    "Request %(request)s is no longer awaiting a decision; contact the co-op "
                    "to change it.",
                    request=share_request.name,
                )
            )
        share_request.action_cancel(reason=_("Withdrawn by the member on the portal."))
        return request.redirect("/my/shares?cancelled=1")

    @http.route(
        ["/my/shares/certificate/<int:request_id>"], type="http", auth="public", website=True
    )
    def portal_my_share_certificate(self, request_id, access_token=None, download=False, **kw):
        try:
            request_sudo = self._document_check_access(
                "coop.share.request", request_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if request_sudo.state != "done" or not request_sudo._certificate_lines():
            return request.redirect("/my/shares")
        return self._show_report(
            model=request_sudo,
            report_type="pdf",
            report_ref="coop_shares.action_report_share_certificate",
            download=download,
        )
