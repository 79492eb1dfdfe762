# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    coop_share_capital = fields.Boolean(
        string="Share Capital Journal",
        help="Capital invoices, redemption bills and capital transfers of the share register; "
        "kept out of the sales and purchase analysis.",
    )
