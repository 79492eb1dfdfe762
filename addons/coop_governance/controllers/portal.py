# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import functools
import json

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.coop_base.portal_input import record_id
from odoo.addons.portal.controllers.portal import CustomerPortal

from .. import ballot_box, tally

# Far above the longest vote a ballot can hold (every option ranked), far
# below what it takes to tire the JSON parser.
MAX_CONTENT_LENGTH = 65536


class Unavailable(Exception):
    """The page's record does not exist or is not the member's to see."""


def clear_refusal(route):
    """Answer a page the member may not see with a page that says so (and
    where to go), the same whether the record exists or not."""

    @functools.wraps(route)
    def wrapper(self, *args, **kwargs):
        try:
            return route(self, *args, **kwargs)
        except Unavailable:
            values = self._prepare_portal_layout_values()
            values["page_name"] = "governance"
            return request.render(
                "coop_governance.portal_governance_unavailable", values, status=403
            )

    return wrapper


class GovernancePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "governance_count" in counters:
            values["governance_count"] = self._governance_count()
        return values

    def _governance_count(self):
        """Open ballots and current meetings where the user is on the roll or
        register. Counted with sudo on their own entries only: a member may
        not read roll entries, and an internal user may read no ballot at all
        (the whole home page waits on this count)."""
        partner = request.env.user.partner_id
        own = [
            ("partner_id", "in", (partner | partner.commercial_partner_id).ids),
            ("company_id", "in", request.env.companies.ids),
        ]
        rolls = request.env["coop.ballot.roll"].sudo()
        attendances = request.env["coop.meeting.attendance"].sudo()
        return len(rolls.search(own + [("ballot_id.state", "=", "open")]).ballot_id) + len(
            attendances.search(own + [("meeting_id.state", "in", ("convened", "held"))]).meeting_id
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _memberships(self, company=None):
        """The user's memberships (in ``company`` only, if given)."""
        # two ids are needed, not the hundred columns of a user and a partner
        partner = request.env.user.with_context(prefetch_fields=False).partner_id
        domain = [("partner_id", "in", (partner | partner.commercial_partner_id).ids)]
        if company:
            domain.append(("company_id", "=", company.id))
        return request.env["coop.membership"].sudo().search(domain)

    def _record(self, model, res_id):
        """The record if the member may read it, else ``Unavailable``.

        A search applies the record rules in SQL; checking them on the record
        would load a ballot's whole roll (100,000 entries) in memory. An id
        beyond PostgreSQL's integer names no record (and would fail the query).
        """
        if not record_id(res_id):
            raise Unavailable()
        try:
            record = request.env[model].search([("id", "=", res_id)])
        except AccessError:
            raise Unavailable() from None
        if not record:
            raise Unavailable()
        return record

    def _own_attendance(self, meeting):
        memberships = self._memberships()
        return (
            request.env["coop.meeting.attendance"]
            .sudo()
            .search([("meeting_id", "=", meeting.id), ("membership_id", "in", memberships.ids)])
        )

    # ------------------------------------------------------------------
    # Overview
    # ------------------------------------------------------------------
    @http.route("/my/governance", type="http", auth="user", website=True)
    def portal_governance(self, **kw):
        partner = request.env.user.partner_id
        memberships = self._memberships()
        ballots = request.env["coop.ballot"].search([("state", "!=", "draft")])
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="governance",
            meetings=request.env["coop.meeting"].search(
                [("state", "in", ("convened", "held"))], order="date_start"
            ),
            past_meetings=request.env["coop.meeting"].search([("state", "=", "closed")], limit=20),
            open_ballots=ballots.filtered(lambda b: b.state == "open"),
            closed_ballots=ballots.filtered(lambda b: b.state == "closed"),
            # the record rule shows a member the register of their co-ops
            resolutions=request.env["coop.resolution"].search([], limit=50),
            partner=partner,
            voted_ballot_ids=set(
                request.env["coop.ballot.roll"]
                .sudo()
                .search([("membership_id", "in", memberships.ids), ("vote_count", ">", 0)])
                .ballot_id.ids
            ),
        )
        return request.render("coop_governance.portal_my_governance", values)

    # ------------------------------------------------------------------
    # Meetings: RSVP and proxies
    # ------------------------------------------------------------------
    @http.route("/my/governance/meeting/<int:meeting_id>", type="http", auth="user", website=True)
    @clear_refusal
    def portal_meeting(self, meeting_id, **kw):
        return self._meeting_page(meeting_id)

    def _meeting_page(self, meeting_id, error=None, message=None, **form):
        """The meeting page; ``form`` carries the RSVP form's state back (the
        answer chosen, the proxy holder searched and the matches). Never from
        the URL: a link must not put words or choices on a member's page."""
        meeting = self._record("coop.meeting", meeting_id)
        attendance = self._own_attendance(meeting)
        documents = meeting.sudo()._member_documents()
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="governance",
            governance_title=meeting.name,
            meeting=meeting,
            attendance=attendance,
            documents={
                item.id: item.attachment_ids & documents for item in meeting.sudo().agenda_item_ids
            },
            error=error,
            message=message,
            rsvp_choice=form.get("rsvp_choice"),
            holder_search=form.get("holder_search"),
            proxy_matches=form.get("proxy_matches"),
        )
        return request.render("coop_governance.portal_meeting", values)

    @http.route(
        "/my/governance/meeting/<int:meeting_id>/document/<int:document_id>",
        type="http",
        auth="user",
        website=True,
    )
    @clear_refusal
    def portal_meeting_document(self, meeting_id, document_id, **kw):
        """A document of the agenda shared with members, to those on the
        meeting's register: served here, never through an access token that
        would open it to anyone holding the link."""
        meeting = self._record("coop.meeting", meeting_id)
        document = meeting.sudo()._member_documents().filtered(lambda d: d.id == document_id)
        if not document:
            raise Unavailable()
        return request.env["ir.binary"]._get_stream_from(document).get_response(as_attachment=True)

    @http.route(
        "/my/governance/meeting/<int:meeting_id>/meeting.ics",
        type="http",
        auth="user",
        website=True,
    )
    @clear_refusal
    def portal_meeting_ics(self, meeting_id, **kw):
        """The meeting as an iCalendar event, for the member's own calendar."""
        meeting = self._record("coop.meeting", meeting_id)
        return request.make_response(
            meeting.sudo()._ics(),
            headers=[
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="meeting-{meeting.id}.ics"'),
            ],
        )

    @http.route(
        "/my/governance/meeting/<int:meeting_id>/rsvp",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    @clear_refusal
    def portal_meeting_rsvp(self, meeting_id, rsvp=None, holder_search=None, holder_id=None, **kw):
        meeting = self._record("coop.meeting", meeting_id)
        attendance = self._own_attendance(meeting)
        if not attendance or meeting.state not in ("convened", "held"):
            raise Unavailable()
        if meeting.state != "convened":
            return self._meeting_page(
                meeting_id,
                error=_("The session has started: only the secretary records attendance now."),
            )
        holder_search = (holder_search or "").strip()[:100]
        if kw.get("find"):
            # members name their proxy holder by name, among those who may hold it
            return self._meeting_page(
                meeting_id,
                rsvp_choice="proxy",
                holder_search=holder_search,
                proxy_matches=self._proxy_candidates(meeting, attendance, holder_search),
            )
        if rsvp == "yes":
            values = {"rsvp": "yes", "state": "invited", "proxy_holder_id": False}
        elif rsvp == "no":
            values = {"rsvp": "no", "state": "apologies", "proxy_holder_id": False}
        elif rsvp == "proxy":
            holder = self._proxy_candidates(meeting, attendance, holder=record_id(holder_id))
            if not holder:
                return self._meeting_page(
                    meeting_id,
                    rsvp_choice="proxy",
                    holder_search=holder_search,
                    error=_(
                        "Search the member who will hold your proxy by name, then choose them."
                    ),
                )
            values = {"rsvp": "no", "state": "proxy", "proxy_holder_id": holder.id}
        else:
            return self._meeting_page(meeting_id, error=_("Choose an answer."))
        try:
            with request.env.cr.savepoint():
                attendance.sudo().write(values)
        except (UserError, ValidationError) as error:
            return self._meeting_page(meeting_id, error=str(error))
        return self._meeting_page(meeting_id, message=_("Your answer is recorded."))

    def _proxy_candidates(self, meeting, attendance, name=None, holder=None, limit=10):
        """Members on the meeting's register who may hold the member's proxy
        (not the member, not one who gave their own proxy away): those whose
        name contains ``name`` (2 characters at least), or the one whose
        membership id is ``holder``."""
        if holder:
            criterion = ("membership_id", "=", holder)
        elif name and len(name) >= 2:
            criterion = ("membership_id.partner_id.name", "ilike", name)
        else:
            return request.env["coop.membership"]
        found = (
            request.env["coop.meeting.attendance"]
            .sudo()
            .search(
                [
                    ("meeting_id", "=", meeting.id),
                    ("membership_id", "not in", attendance.membership_id.ids),
                    ("state", "!=", "proxy"),
                    criterion,
                ],
                limit=limit,
            )
        )
        return found.membership_id

    # ------------------------------------------------------------------
    # Ballots
    # ------------------------------------------------------------------
    def _ballot_voters(self, ballot):
        """``(own, voters, rolls)`` of the user on ``ballot`` (see ``_voters_of_user``)."""
        return ballot.sudo()._voters_of_user(request.env.user)

    def _ballot_values(self, ballot, **extra):
        own, voters, rolls = self._ballot_voters(ballot)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="governance",
            ballot=ballot,
            options=ballot.sudo().option_ids.sorted(lambda o: (o.sequence, o.id)),
            voters=voters,
            own=own,
            voted={roll.membership_id.id: roll.has_voted for roll in rolls},
            result=ballot.sudo()._get_result(),
            error=None,
            submitted=None,
            submitted_voter=None,
            recount=None,
            governance_title=ballot.name,
        )
        values.update(extra)
        return values

    @http.route("/my/governance/ballot/<int:ballot_id>", type="http", auth="user", website=True)
    @clear_refusal
    def portal_ballot(self, ballot_id, **kw):
        ballot = self._record("coop.ballot", ballot_id)
        return request.render("coop_governance.portal_ballot", self._ballot_values(ballot))

    def _content_from_form(self, ballot, form):
        method = ballot.method
        if method in (tally.METHOD_YES_NO, tally.METHOD_SINGLE):
            return {"choice": form.get("choice")}
        if method == tally.METHOD_APPROVAL:
            return {"choices": request.httprequest.form.getlist("choices")}
        positions = {
            key[len("rank_") :]: value
            for key, value in form.items()
            if key.startswith("rank_") and value
        }
        try:
            ranking = tally.validate_positions(
                positions, ballot._option_keys(), ballot.require_full_ranking
            )
        except tally.TallyError as error:
            raise ballot._tally_error(error) from error
        return {"ranking": ranking}

    def _voter(self, ballot, voter_id):
        """``(voter, holder)``: the member whose vote the form casts, the user's own
        membership or one they hold a proxy for (``voter_id`` is whatever the form
        sent), and for a proxy vote the user's membership that holds it."""
        wanted = str(voter_id or "").strip()
        own, voters, _rolls = self._ballot_voters(ballot)
        voter = voters.filtered(lambda m: str(m.id) == wanted)
        if not voter:
            raise UserError(_("You cannot vote for this member on this ballot."))
        return voter, (None if voter in own else own[:1])

    def _parse_content(self, content):
        """The vote sent back by the confirmation page, as JSON; anything
        longer than any vote or not JSON is refused with a message."""
        if len(content or "") <= MAX_CONTENT_LENGTH:
            with contextlib.suppress(ValueError, RecursionError):
                return json.loads(content or "")
        raise UserError(_("The ballot content is not readable."))

    @http.route(
        "/my/governance/ballot/<int:ballot_id>/confirm",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    @clear_refusal
    def portal_ballot_confirm(self, ballot_id, voter_id=None, **form):
        ballot = self._record("coop.ballot", ballot_id)
        voter = None
        try:
            voter, _holder = self._voter(ballot, voter_id)
            content = ballot.sudo()._validate_content(self._content_from_form(ballot.sudo(), form))
            ballot.sudo()._check_window("portal")
        except UserError as error:
            # the member's choices stay on the form they have to correct
            values = self._ballot_values(
                ballot, error=str(error), submitted=form, submitted_voter=voter and voter.id
            )
            return request.render("coop_governance.portal_ballot", values)
        return request.render(
            "coop_governance.portal_ballot_confirm",
            self._ballot_values(
                ballot, voter=voter, content=content, content_json=json.dumps(content)
            ),
        )

    @http.route(
        "/my/governance/ballot/<int:ballot_id>/cast",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    @clear_refusal
    def portal_ballot_cast(self, ballot_id, voter_id=None, content=None, **kw):
        """The confirmed vote, posted by the form (without JavaScript)."""
        ballot = self._record("coop.ballot", ballot_id)
        try:
            voter, code = self._cast(ballot, voter_id, content)
        except UserError as error:
            return request.render(
                "coop_governance.portal_ballot", self._ballot_values(ballot, error=str(error))
            )
        return request.render(
            "coop_governance.portal_ballot_receipt",
            self._ballot_values(ballot, receipt=code, voter=voter),
        )

    @http.route(
        "/my/governance/ballot/<int:ballot_id>/cast/json",
        type="json",
        auth="user",
        methods=["POST"],
    )
    def portal_ballot_cast_json(self, ballot_id, voter_id=None, content=None, **kw):
        """The confirmed vote, posted by the confirmation page's script: the same
        checks and cast as the form, answered with the receipt box alone instead of
        a whole page (the lean path when a whole membership votes at once)."""
        try:
            ballot = self._record("coop.ballot", ballot_id)
            _voter, code = self._cast(ballot, voter_id, content)
        except Unavailable:
            return {"error": _("This ballot is not open to you.")}
        except UserError as error:
            return {"error": str(error)}
        return {
            "receipt_html": request.env["ir.qweb"]._render(
                "coop_governance.portal_ballot_receipt_box", {"ballot": ballot, "receipt": code}
            )
        }

    def _cast(self, ballot, voter_id, content):
        """Cast the vote ``content`` (JSON) for ``voter_id``: ``(voter, receipt code)``;
        a ``UserError`` says why not, and nothing is recorded."""
        voter, holder = self._voter(ballot, voter_id)
        parsed = self._parse_content(content)
        with request.env.cr.savepoint():
            code = ballot.sudo()._cast_vote(voter, parsed, "portal", holder=holder)
        return voter, code

    @http.route(
        "/my/governance/ballot/<int:ballot_id>/verify",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    @clear_refusal
    def portal_ballot_verify(self, ballot_id, receipt=None, **kw):
        ballot = self._record("coop.ballot", ballot_id)
        try:
            position = ballot.sudo()._check_receipt(receipt or "")
        except UserError as error:
            return request.render(
                "coop_governance.portal_ballot", self._ballot_values(ballot, error=str(error))
            )
        return request.render(
            "coop_governance.portal_ballot",
            self._ballot_values(ballot, receipt_checked=True, receipt_position=position),
        )

    @http.route(
        "/my/governance/ballot/<int:ballot_id>/recount", type="http", auth="user", website=True
    )
    @clear_refusal
    def portal_ballot_recount(self, ballot_id, **kw):
        """Check the published box's hash chain and count it again, for any
        member: what the count would be from the box alone."""
        ballot = self._record("coop.ballot", ballot_id)
        if ballot.state != "closed":
            raise request.not_found()
        box = ballot.sudo()._get_published_box()
        recount = {"head": box["head"], "entries": len(box["entries"])}
        try:
            ballot_box.verify_box(box)
            matches = ballot_box.recount(box) == ballot.sudo()._get_result()
            recount.update(matches=matches, problem=_("the counts differ."))
        except ballot_box.BoxIntegrityError as error:
            recount.update(matches=False, problem=str(error))
        return request.render(
            "coop_governance.portal_ballot", self._ballot_values(ballot, recount=recount)
        )

    @http.route(
        "/my/governance/ballot/<int:ballot_id>/box.json", type="http", auth="user", website=True
    )
    @clear_refusal
    def portal_ballot_box(self, ballot_id, **kw):
        ballot = self._record("coop.ballot", ballot_id)
        if ballot.state != "closed":
            raise request.not_found()
        box = ballot.sudo()._get_published_box()
        return request.make_response(
            json.dumps(box, indent=1, sort_keys=True),
            headers=[
                ("Content-Type", "application/json"),
                ("Content-Disposition", f'attachment; filename="ballot-box-{ballot.id}.json"'),
            ],
        )

    @http.route(
        "/my/governance/resolution/<int:resolution_id>", type="http", auth="user", website=True
    )
    @clear_refusal
    def portal_resolution(self, resolution_id, **kw):
        resolution = self._record("coop.resolution", resolution_id)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="governance", governance_title=resolution.reference, resolution=resolution
        )
        return request.render("coop_governance.portal_resolution", values)

    @http.route(
        "/my/governance/meeting/<int:meeting_id>/minutes", type="http", auth="user", website=True
    )
    @clear_refusal
    def portal_minutes(self, meeting_id, **kw):
        meeting = self._record("coop.meeting", meeting_id)
        if meeting.state != "closed":
            raise request.not_found()
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("coop_governance.action_report_meeting_minutes", [meeting.id])
        )
        return request.make_response(
            pdf, headers=[("Content-Type", "application/pdf"), ("Content-Length", len(pdf))]
        )
