# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    coop_patronage_excluded = fields.Boolean(
        string="Excluded from Patronage",
        help="Sales and purchases of this product never count toward patronage (gift cards, "
        "deposits, share capital...).",
    )
