from psycopg2 import IntegrityError

from odoo import _, http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.portal.controllers.portal import CustomerPortal

# Longest text accepted per field of the application form: a clear message,
# never a database error, for anything longer.
APPLICATION_MAX_LENGTHS = {"name": 128, "email": 254, "phone": 32, "note": 4000}
# Control characters other than line breaks and tabs (NUL cannot be stored).
FORBIDDEN_CHARACTERS = frozenset(chr(code) for code in range(32)) - {"\n", "\r", "\t"}


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
        """Memberships of the user: their own partner's only, whatever their groups
        (an employee of the co-op without a co-op group may read no membership)."""
        return (
            request.env["coop.membership"]
            .sudo()
            .search([("partner_id", "in", self._coop_user_partners().ids)], order="company_id, id")
        )

    def _coop_refusals(self, memberships):
        """Why the user may not apply again ("current", "expelled" or
        "deceased"), by co-op of their ``memberships``; a former member may."""
        Membership = request.env["coop.membership"]
        refusals = {}
        for company in memberships.company_id:
            for partner in self._coop_user_partners():
                refusal = Membership._coop_application_refusal(partner, company)
                if refusal:
                    refusals[company.id] = refusal
                    break
        return refusals

    def _coop_open_companies(self, memberships):
        """Co-ops that accept applications and where the user may apply."""
        return (
            request.env["res.company"]
            .sudo()
            .search(
                [
                    ("coop_accepts_applications", "=", True),
                    ("id", "not in", list(self._coop_refusals(memberships))),
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
                request.env["coop.membership"]._coop_apply(
                    partner,
                    company,
                    member_class_id=member_class.id,
                    application_note=post.get("note", "").strip() or False,
                )
        except ValidationError as error:
            return request.render(
                "coop_base.portal_my_coop",
                self._coop_page_values(form=post, errors={"general": error.args[0]}),
            )
        except IntegrityError:
            # the same application sent twice at once: the database kept one
            return request.render(
                "coop_base.portal_my_coop",
                self._coop_page_values(
                    form=post,
                    errors={
                        "general": _(
                            "You are already a member of this co-op or your application is pending."
                        )
                    },
                ),
            )
        return request.redirect("/my/coop?applied=1")

    def _coop_validate_application(self, post):
        """Return (errors by field, co-op, member class) of a posted form.

        Only the fields of the form are read: whatever else is posted (a
        state, a member number...) is ignored."""
        errors = {}
        labels = {
            "name": _("Name"),
            "email": _("Email"),
            "phone": _("Phone"),
            "note": _("Note"),
            "company_id": _("Co-op"),
        }
        for field in ("name", "email", "company_id"):
            value = post.get(field) or ""
            if isinstance(value, str) and not value.strip():
                errors[field] = _("%s is required.", labels[field])
        for field, max_length in APPLICATION_MAX_LENGTHS.items():
            text = post.get(field) or ""
            if not isinstance(text, str):
                # a file uploaded in place of a text field
                errors[field] = _("%(field)s must be text.", field=labels[field])
            elif len(text) > max_length:
                errors[field] = _(
                    "%(field)s is too long (at most %(max)s characters).",
                    field=labels[field],
                    max=max_length,
                )
            elif FORBIDDEN_CHARACTERS.intersection(text) or (
                field != "note" and {"\n", "\r", "\t"}.intersection(text)
            ):
                errors[field] = _(
                    "%(field)s contains characters that are not allowed.", field=labels[field]
                )
        if post.get("email") and "email" not in errors and not email_normalize(post["email"]):
            errors["email"] = _("This email address is not valid.")
        if not post.get("accept_bylaws"):
            errors["accept_bylaws"] = _("You must accept the bylaws of the co-op to apply.")
        company = request.env["res.company"]
        member_class = request.env["coop.member.class"]
        if not errors.get("company_id"):
            memberships = self._coop_user_memberships()
            open_companies = self._coop_open_companies(memberships)
            company = open_companies.filtered(lambda c: str(c.id) == post["company_id"])
            refusal = next(
                (
                    refusal
                    for company_id, refusal in self._coop_refusals(memberships).items()
                    if str(company_id) == post["company_id"]
                ),
                None,
            )
            if refusal == "current":
                errors["company_id"] = _(
                    "You are already a member of this co-op or your application is pending."
                )
            elif refusal == "expelled":
                errors["company_id"] = _(
                    "You were expelled from this co-op: only its board can accept a new "
                    "application. Please contact the co-op."
                )
            elif refusal == "deceased":
                errors["company_id"] = _("This membership cannot be renewed.")
            elif not company:
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
