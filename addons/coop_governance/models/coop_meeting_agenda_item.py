# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .coop_meeting import REGISTER_STATES


class CoopMeetingAgendaItem(models.Model):
    _name = "coop.meeting.agenda.item"
    _inherit = ["coop.protected.mixin", "coop.good.standing.mixin"]
    _description = "Meeting Agenda Item"
    _order = "meeting_id, sequence, id"
    _check_company_auto = True

    meeting_id = fields.Many2one("coop.meeting", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="meeting_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    description = fields.Html()
    presenter_id = fields.Many2one("res.partner")
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")
    share_with_members = fields.Boolean(
        help="Members invited to the meeting may download this item's documents from the portal.",
    )
    motion_ids = fields.One2many("coop.motion", "agenda_item_id", string="Motions")

    def _coop_frozen_fields(self):
        frozen = super()._coop_frozen_fields()
        state = self.meeting_id.state
        if state in REGISTER_STATES:
            # the agenda is what the notice announced; the secretary still
            # tables papers and names presenters until the meeting closes
            frozen |= {"meeting_id", "name", "sequence", "description"}
        if state == "closed":
            frozen |= {"presenter_id", "attachment_ids"}
        return frozen

    @api.ondelete(at_uninstall=False)
    def _unlink_only_before_convening(self):
        if self.filtered(lambda item: item.meeting_id.state in REGISTER_STATES):
            raise UserError(
                self.env._(
                    "The agenda of a convened meeting is the one its notice announced: "
                    "it is never edited. Cancel the meeting and convene a new one instead."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        for item in items:
            item._check_documents(item.attachment_ids)
        return items

    def write(self, vals):
        if not {"attachment_ids", "meeting_id"} & set(vals):
            return super().write(vals)
        # documents already on the agenda were checked when they were added
        linked = {item: item.sudo().attachment_ids for item in self}
        result = super().write(vals)
        for item in self:
            documents = item.sudo().attachment_ids
            item._check_documents(documents if "meeting_id" in vals else documents - linked[item])
        return result

    def _check_documents(self, documents):
        """A document joins the agenda only if it belongs to the meeting's
        co-op and the user who adds it may read it: the agenda (and the
        portal, for a shared item) never serves what its author could not
        open."""
        documents = documents.sudo()
        foreign = documents.filtered(
            lambda document: document.company_id and document.company_id != self.company_id
        )
        if foreign:
            raise ValidationError(
                self.env._(
                    "%(document)s belongs to %(coop)s, not to the co-op of this meeting.",
                    document=foreign[0].name,
                    coop=foreign[0].company_id.name,
                )
            )
        if not self.env.su:
            documents.with_env(self.env).check("read")
