# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=consider-merging-classes-inherited
from decimal import Decimal
from fractions import Fraction

from odoo import models
from odoo.tools import SQL

from .. import patronage_rules as rules

# posted invoice lines that count, per basis: (move types, sign of the balance)
INVOICE_BASES = {
    "purchases": (("out_invoice", "out_refund"), -1),  # sales are credits
    "volume": (("in_invoice", "in_refund"), 1),  # supplies are debits
}


class CoopPatronagePeriod(models.Model):
    """How much business each member did with the co-op in the period, by
    aggregate queries (one per source, never a loop over members)."""

    _inherit = "coop.patronage.period"

    def _coop_patronage(self):
        """``(rows, patronage)``: membership id -> (commercial partner id, measure, share of the
        period), and membership id -> patronage (measure × share), exact."""
        self.ensure_one()
        eligible = self._coop_eligible()
        measures = self._coop_measures({commercial for _p, commercial, _s in eligible.values()})
        rows, patronage = {}, {}
        for membership_id, (_partner_id, commercial_id, share) in eligible.items():
            measure = measures.get(commercial_id, Decimal(0))
            rows[membership_id] = (commercial_id, measure, share)
            patronage[membership_id] = Fraction(measure) * share
        return rows, patronage

    def _coop_eligible(self):
        """membership id -> (partner id, commercial partner id, share of the period)."""
        self.ensure_one()
        Membership = self.env["coop.membership"].sudo()
        if self.eligibility == "year_end":
            memberships = Membership.search(
                Membership._good_standing_domain(self.company_id, self.date_to)
            )
            shares = dict.fromkeys(memberships.ids, Fraction(1))
        else:
            memberships = Membership.search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("admission_date", "!=", False),
                    ("admission_date", "<=", self.date_to),
                    "|",
                    ("end_date", "=", False),
                    ("end_date", ">", self.date_from),
                ]
            )
            shares = {
                membership.id: rules.membership_share(
                    self.date_from, self.date_to, membership.admission_date, membership.end_date
                )
                for membership in memberships
            }
        return {
            membership.id: (
                membership.partner_id.id,
                membership.partner_id.commercial_partner_id.id,
                shares[membership.id],
            )
            for membership in memberships
        }

    def _coop_measures(self, commercial_partner_ids):
        """Commercial partner id -> measure (Decimal) for the period's basis."""
        self.ensure_one()
        return getattr(self, f"_coop_measure_{self.basis}")(list(commercial_partner_ids))

    def _coop_measure_purchases(self, partner_ids):
        return self._coop_invoice_measure(partner_ids, "purchases")

    def _coop_measure_volume(self, partner_ids):
        return self._coop_invoice_measure(partner_ids, "volume")

    def _coop_invoice_measure(self, partner_ids, basis):
        """Posted invoice lines (refunds deducted) by commercial partner, in the
        co-op's currency, weighted by product category; share capital, membership
        fees and excluded products or categories never count."""
        move_types, sign = INVOICE_BASES[basis]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT move.commercial_partner_id,
                       ROUND(SUM(%(sign)s * line.balance
                                 * COALESCE(category.coop_patronage_factor, 1))::numeric, 2)
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN account_journal journal ON journal.id = move.journal_id
             LEFT JOIN product_product product ON product.id = line.product_id
             LEFT JOIN product_template template ON template.id = product.product_tmpl_id
             LEFT JOIN product_category category ON category.id = template.categ_id
                 WHERE move.company_id = %(company)s
                   AND move.state = 'posted'
                   AND move.move_type = ANY(%(move_types)s)
                   AND move.date BETWEEN %(date_from)s AND %(date_to)s
                   AND move.commercial_partner_id = ANY(%(partners)s)
                   AND line.display_type = 'product'
                   AND NOT COALESCE(journal.coop_share_capital, FALSE)
                   AND NOT COALESCE(template.coop_patronage_excluded, FALSE)
                   AND NOT COALESCE(category.coop_patronage_excluded, FALSE)
                   AND NOT EXISTS (
                       SELECT 1 FROM coop_membership fee WHERE fee.coop_fee_move_id = move.id
                   )
              GROUP BY move.commercial_partner_id
                """,
                sign=sign,
                company=self.company_id.id,
                move_types=list(move_types),
                date_from=self.date_from,
                date_to=self.date_to,
                partners=partner_ids,
            )
        )
        return {partner_id: Decimal(str(total)) for partner_id, total in self.env.cr.fetchall()}
