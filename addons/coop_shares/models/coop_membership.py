# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    coop_share_line_ids = fields.One2many(
        "coop.share.line", "membership_id", string="Register Entries"
    )
    coop_share_request_ids = fields.One2many(
        "coop.share.request", "membership_id", string="Share Requests"
    )
    coop_share_quantity = fields.Integer(compute="_compute_coop_share_totals", string="Shares")
    coop_share_capital = fields.Monetary(
        compute="_compute_coop_share_totals",
        string="Share Capital",
        currency_field="coop_currency_id",
    )
    coop_currency_id = fields.Many2one(related="company_id.currency_id", string="Co-op Currency")
    coop_share_request_count = fields.Integer(
        compute="_compute_coop_share_request_count", string="Share Request Count"
    )

    def _compute_coop_share_totals(self):
        totals = self.env["coop.share.line"]._read_group(
            [("membership_id", "in", self.ids)], ["membership_id"], ["quantity:sum", "amount:sum"]
        )
        by_membership = {
            membership.id: (quantity, amount) for membership, quantity, amount in totals
        }
        for membership in self:
            membership.coop_share_quantity, membership.coop_share_capital = by_membership.get(
                membership.id, (0, 0.0)
            )

    def _compute_coop_share_request_count(self):
        counts = dict(
            self.env["coop.share.request"]._read_group(
                [("membership_id", "in", self.ids)], ["membership_id"], ["__count"]
            )
        )
        for membership in self:
            membership.coop_share_request_count = counts.get(membership, 0)

    def action_view_coop_share_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coop_shares.coop_share_line_action")
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {"search_default_group_class": 1}
        return action

    def action_view_coop_share_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_shares.coop_share_request_action"
        )
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {
            "default_membership_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action

    def action_print_coop_share_statement(self):
        return self.env.ref("coop_shares.action_report_share_statement").report_action(self)

    def _coop_shares_portal_values(self, history_limit=20):
        """What /my/shares shows for these memberships, in a fixed number of queries."""
        Line = self.env["coop.share.line"]
        holdings = Line._get_holdings([("membership_id", "in", self.ids)])
        classes = (
            self.env["coop.share.class"]
            .sudo()
            .with_context(active_test=False)
            .browse({key[1] for key in holdings})
        )
        holding_rows = [
            {
                "membership": self.browse(membership_id),
                "class": classes.browse(class_id),
                "quantity": quantity,
                "capital": quantity * classes.browse(class_id).nominal_value,
            }
            for (membership_id, class_id), quantity in sorted(holdings.items())
        ]
        redeemable_rows = [
            row for row in holding_rows if row["quantity"] > 0 and row["class"].redeemable
        ]
        lines = Line.search([("membership_id", "in", self.ids)], limit=history_limit)
        requests = self.env["coop.share.request"].search(
            [("membership_id", "in", self.ids)], limit=history_limit
        )
        invoices = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("coop_share_request_id.membership_id", "in", self.ids),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                ],
                limit=history_limit,
                order="invoice_date desc, id desc",
            )
        )
        return {
            "memberships": self.sudo(),
            "holding_rows": holding_rows,
            "share_lines": lines,
            "share_requests": requests,
            "capital_invoices": invoices,
            "subscribable_classes": self.env["coop.share.class"].search(
                [("company_id", "in", self.company_id.ids)]
            ),
            # Redemption is offered only on shares held, of classes that allow it.
            "redeemable_rows": redeemable_rows,
            "redeemable_memberships": self.sudo().browse(
                dict.fromkeys(row["membership"].id for row in redeemable_rows)
            ),
        }
