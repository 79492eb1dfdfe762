# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from decimal import Decimal

from odoo import models
from odoo.tools import SQL


class CoopPatronagePeriod(models.Model):
    _inherit = "coop.patronage.period"

    def _coop_measure_purchases(self, partner_ids):
        """Invoices, plus point of sale orders that were not invoiced: an
        invoiced order is already counted through its invoice."""
        measures = super()._coop_measure_purchases(partner_ids)
        for partner_id, total in self._coop_pos_measure(partner_ids).items():
            measures[partner_id] = measures.get(partner_id, Decimal(0)) + total
        return measures

    def _coop_pos_measure(self, partner_ids):
        self.ensure_one()
        self.env.flush_all()
        tz = self.company_id.partner_id.tz or self.env.user.tz or "UTC"
        self.env.cr.execute(
            SQL(
                """
                SELECT partner.commercial_partner_id,
                       ROUND(SUM(line.price_subtotal
                                 * COALESCE(category.coop_patronage_factor, 1))::numeric, 2)
                  FROM pos_order_line line
                  JOIN pos_order pos_order ON pos_order.id = line.order_id
                  JOIN res_partner partner ON partner.id = pos_order.partner_id
                  JOIN product_product product ON product.id = line.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
             LEFT JOIN product_category category ON category.id = template.categ_id
                 WHERE pos_order.company_id = %(company)s
                   AND pos_order.state IN ('paid', 'done')
                   AND pos_order.account_move IS NULL
                   AND (pos_order.date_order AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                       BETWEEN %(date_from)s AND %(date_to)s
                   AND partner.commercial_partner_id = ANY(%(partners)s)
                   AND NOT COALESCE(template.coop_patronage_excluded, FALSE)
                   AND NOT COALESCE(category.coop_patronage_excluded, FALSE)
              GROUP BY partner.commercial_partner_id
                """,
                company=self.company_id.id,
                tz=tz,
                date_from=self.date_from,
                date_to=self.date_to,
                partners=partner_ids,
            )
        )
        return {partner_id: Decimal(str(total)) for partner_id, total in self.env.cr.fetchall()}
