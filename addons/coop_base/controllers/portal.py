from odoo import _, http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_membership_count" in counters:
            # sudo on the user's own memberships: an internal user without a
            # co-op group may read no membership, and an error in one count
            # leaves the whole home page blank
            values["coop_membership_count"] = (
                request.env["coop.membership"]
                .sudo()
                .search_count([("partner_id", "in", self._coop_user_partners().ids)])
            )
        return values

    def _coop_user_partners(self):
        partner = request.env.user.partner_id
        return partner | partner.commercial_partner_id

    def _coop_user_memberships(self):
        """Memberships of the user, read with their own rights so the portal
        record rule applies."""
        return request.env["coop.membership"].search(
            [("partner_id", "in", self._coop_user_partners().ids)], order="company_id, id"
        )

    def _coop_open_companies(self, memberships):
        """Co-ops that accept applications and where the user has no
        membership yet."""
        return (
            request.env["res.company"]
            .sudo()
            .search(
                [
                    ("coop_accepts_applications", "=", True),
                    ("id", "not in", memberships.company_id.ids),
                ]
            )
        )

    def _coop_page_values(self, form=None, errors=None):
        memberships = self._coop_user_memberships()
        companies = self._coop_open_companies(memberships)
        member_classes = (
            request.env["coop.member.class"].sudo().search([("company_id", "in", companies.ids)])
            if companies
            else request.env["coop.member.class"]
        )
        partner = request.env.user.partner_id
        form = form or {
            "name": partner.name,
            "email": partner.email,
            "phone": partner.phone,
            "company_id": str(
                request.env.company.id if request.env.company in companies else companies[:1].id
            ),
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop",
                # sudo for display only: a co-op the user applied to may be
                # outside the companies their user may read
                "memberships": memberships.sudo(),
                "open_companies": companies,
                "member_classes": member_classes,
                "form": form,
                "errors": errors or {},
                "applied": request.params.get("applied"),
            }
        )
        return values

    @http.route(["/my/coop"], type="http", auth="user", website=True)
    def portal_my_coop(self, **kw):
        return request.render("coop_base.portal_my_coop", self._coop_page_values())

    @http.route(["/my/coop/apply"], type="http", auth="user", website=True, methods=["POST"])
    def portal_my_coop_apply(self, **post):
        errors, company, member_class = self._coop_validate_application(post)
        if errors:
            return request.render(
                "coop_base.portal_my_coop", self._coop_page_values(form=post, errors=errors)
            )
        partner = request.env.user.partner_id
        try:
            # portal users cannot create memberships: the checks above and
            # the model constraints stand in for the access rights
            partner_values = {"name": post["name"].strip(), "email": email_normalize(post["email"])}
            if post.get("phone", "").strip():
                partner_values["phone"] = post["phone"].strip()
            with request.env.cr.savepoint():
                partner.sudo().write(partner_values)
                request.env["coop.membership"].sudo().create(
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "member_class_id": member_class.id,
                        "application_note": post.get("note", "").strip() or False,
                    }
                )
        except ValidationError as error:
            return request.render(
                "coop_base.portal_my_coop",
                self._coop_page_values(form=post, errors={"general": error.args[0]}),
            )
        return request.redirect("/my/coop?applied=1")

    def _coop_validate_application(self, post):
        """Return (errors by field, co-op, member class) of a posted form."""
        errors = {}
        for field, label in (
            ("name", _("Name")),
            ("email", _("Email")),
            ("company_id", _("Co-op")),
        ):
            if not (post.get(field) or "").strip():
                errors[field] = _("%s is required.", label)
        if post.get("email") and not email_normalize(post["email"]):
            errors["email"] = _("This email address is not valid.")
        if not post.get("accept_bylaws"):
            errors["accept_bylaws"] = _("You must accept the bylaws of the co-op to apply.")
        company = request.env["res.company"]
        member_class = request.env["coop.member.class"]
        if not errors.get("company_id"):
            memberships = self._coop_user_memberships()
            open_companies = self._coop_open_companies(memberships)
            company = open_companies.filtered(lambda c: str(c.id) == post["company_id"])
            if not company:
                if post["company_id"] in [str(cid) for cid in memberships.company_id.ids]:
                    errors["company_id"] = _(
                        "You are already a member of this co-op or your application is pending."
                    )
                else:
                    errors["company_id"] = _("This co-op does not accept applications.")
        member_classes = (
            request.env["coop.member.class"].sudo().search([("company_id", "in", company.ids)])
        )
        if member_classes:
            member_class = member_classes.filtered(
                lambda c: str(c.id) == (post.get("member_class_id") or "")
            )
            if not member_class:
                errors["member_class_id"] = _("Choose a member class of this co-op.")
        return errors, company, member_class
