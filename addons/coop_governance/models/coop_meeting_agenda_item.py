# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopMeetingAgendaItem(models.Model):
    _name = "coop.meeting.agenda.item"
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
    motion_ids = fields.One2many("coop.motion", "agenda_item_id", string="Motions")
