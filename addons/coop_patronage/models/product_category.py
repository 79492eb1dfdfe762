# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    coop_patronage_factor = fields.Float(
        string="Patronage Factor",
        default=1.0,
        digits=(6, 4),
        help="Each unit of money spent on (or supplied in) this category counts this many times "
        "toward patronage: e.g. 0.5 for low-margin staples.",
    )
    coop_patronage_excluded = fields.Boolean(
        string="Excluded from Patronage",
        help="Sales and purchases of this category never count toward patronage (gift cards, "
        "deposits...).",
    )

    _sql_constraints = [
        (
            "coop_patronage_factor_positive",
            "CHECK (coop_patronage_factor >= 0)",
            "A patronage factor cannot be negative.",
        ),
    ]
