# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""Admission with shares: the membership fee as a customer invoice and the co-op's
admission rule (on the board's approval, or once the fee and the required shares are
paid)."""

from odoo import Command, api, fields, models

from odoo.addons.coop_base import membership_rules

from ..share_rules import ADMISSION_ONCE_PAID, admission_due, missing_required_shares

PAID_STATES = ("paid", "in_payment")


class CoopMembership(models.Model):
    _inherit = "coop.membership"

    coop_fee_move_id = fields.Many2one(
        "account.move",
        string="Membership Fee Invoice",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
    )
    coop_fee_payment_state = fields.Selection(
        related="coop_fee_move_id.payment_state", string="Fee Payment"
    )
    coop_fee_invoiceable = fields.Boolean(
        compute="_compute_coop_fee_invoiceable",
        help="An application of a co-op with a membership fee, not invoiced yet.",
    )

    @property
    def _coop_workflow_fields(self):
        # the fee invoice is the workflow's: a client linking any paid invoice
        # would buy an admission
        return (*super()._coop_workflow_fields, "coop_fee_move_id")

    @api.depends("state", "coop_fee_move_id", "company_id.coop_membership_fee")
    def _compute_coop_fee_invoiceable(self):
        for membership in self:
            membership.coop_fee_invoiceable = (
                membership.state == membership_rules.APPLICANT
                and not membership.coop_fee_move_id
                and membership.company_id.currency_id.compare_amounts(
                    membership.company_id.coop_membership_fee, 0
                )
                > 0
            )

    @api.model_create_multi
    def create(self, vals_list):
        memberships = super().create(vals_list)
        # a co-op that admits once paid asks for the fee with the application
        memberships.filtered(
            lambda m: m.company_id.coop_admission_rule == ADMISSION_ONCE_PAID
        )._coop_invoice_membership_fee()
        return memberships

    def _apply_transition(self, action, reason=None, date=None):
        result = super()._apply_transition(action, reason=reason, date=date)
        if action == "approve":
            self._coop_invoice_membership_fee()
        elif action == "reject":
            self._coop_cancel_membership_fee()
        return result

    # ------------------------------------------------------------------
    # The fee: a standard customer invoice of the co-op
    # ------------------------------------------------------------------
    def _coop_fee_status(self):
        """``(fee due, fee paid)`` of this membership."""
        self.ensure_one()
        move = self.sudo().coop_fee_move_id
        due = (
            bool(move)
            or self.company_id.currency_id.compare_amounts(self.company_id.coop_membership_fee, 0)
            > 0
        )
        return due, move.payment_state in PAID_STATES

    def _coop_invoice_membership_fee(self):
        """Post the membership fee invoice of those of these memberships whose co-op has a
        fee and that have none yet."""
        to_invoice = self.filtered(
            lambda m: (
                not m.coop_fee_move_id
                and m.company_id.currency_id.compare_amounts(m.company_id.coop_membership_fee, 0)
                > 0
            )
        )
        for company in to_invoice.company_id:
            memberships = to_invoice.filtered(lambda m, c=company: m.company_id == c)
            journal = company._coop_fee_journal()
            account = company._coop_fee_account()
            moves = (
                self.env["account.move"]
                .sudo()
                .with_company(company)
                .create(
                    [
                        {
                            "move_type": "out_invoice",
                            "company_id": company.id,
                            "journal_id": journal.id,
                            "partner_id": membership.partner_id.id,
                            "invoice_date": company._coop_today(),
                            "invoice_origin": membership.display_name,
                            "invoice_line_ids": [
                                Command.create(
                                    {
                                        "name": self.env._(
                                            "Membership fee of %(coop)s",
                                            coop=company.coop_legal_name or company.name,
                                        ),
                                        "quantity": 1,
                                        "price_unit": company.coop_membership_fee,
                                        "account_id": account.id,
                                        "tax_ids": [Command.clear()],
                                    }
                                )
                            ],
                        }
                        for membership in memberships
                    ]
                )
            )
            moves.action_post()
            for membership, move in zip(memberships.sudo()._coop_workflow(), moves, strict=True):
                membership.coop_fee_move_id = move

    def _coop_cancel_membership_fee(self):
        """A rejected application owes no fee: its invoice is reversed by a credit note,
        matched with it when unpaid, left open for the refund when paid."""
        for membership in self.sudo().filtered("coop_fee_move_id"):
            move = membership.coop_fee_move_id
            if move.state != "posted" or move.payment_state == "reversed":
                continue
            paid = move.payment_state in PAID_STATES
            reversal = move._reverse_moves(
                [
                    {
                        "ref": self.env._(
                            "Application rejected: %(membership)s",
                            membership=membership.display_name,
                        ),
                        "invoice_date": membership.company_id._coop_today(),
                    }
                ],
                cancel=not paid,
            )
            if paid:
                reversal.action_post()

    def action_coop_invoice_fee(self):
        """Invoice the fee of applications that have none (e.g. the fee was set after they
        applied)."""
        self._check_action_rights("approve")
        self.filtered("coop_fee_invoiceable")._coop_invoice_membership_fee()
        return True

    # ------------------------------------------------------------------
    # The admission rule
    # ------------------------------------------------------------------
    def _coop_required_holdings(self):
        """{membership: [(share class, rules, quantity held)]} of the classes required for
        membership in its co-op."""
        holdings = (
            self.env["coop.share.line"].sudo()._get_holdings([("membership_id", "in", self.ids)])
        )
        required = {
            company: [(cls, cls._rules()) for cls in company._coop_required_share_classes()]
            for company in self.company_id
        }
        return {
            membership: [
                (share_class, rules, holdings.get((membership.id, share_class.id), 0))
                for share_class, rules in required[membership.company_id]
            ]
            for membership in self
        }

    def _coop_admission_issues(self):
        issues = super()._coop_admission_issues()
        for membership, required in self._coop_required_holdings().items():
            company = membership.company_id
            messages = [
                self.env._(
                    "holds %(held)s %(share_class)s of the %(minimum)s required",
                    held=held,
                    minimum=minimum,
                    share_class=required[index][0].name,
                )
                for index, held, minimum in missing_required_shares(
                    [(rules, quantity) for _cls, rules, quantity in required]
                )
            ]
            fee_due, fee_paid = membership._coop_fee_status()
            if company.coop_admission_rule == ADMISSION_ONCE_PAID and fee_due and not fee_paid:
                invoice = membership.sudo().coop_fee_move_id
                messages.append(
                    self.env._("membership fee not paid (%(invoice)s)", invoice=invoice.name)
                    if invoice
                    else self.env._("membership fee not invoiced")
                )
            if messages:
                earlier, _refuse = issues.get(membership, ([], False))
                issues[membership] = (
                    earlier + messages,
                    company.coop_admission_breach == "refuse",
                )
        return issues

    def _coop_admit_paid_up(self, reason):
        """Admit the applicants among these whose co-op admits once paid and who have paid
        the fee and hold the required shares."""
        paid_up = self.browse()
        for membership, required in self._coop_required_holdings().items():
            if (
                membership.state == membership_rules.APPLICANT
                and membership.company_id.coop_admission_rule == ADMISSION_ONCE_PAID
                and admission_due(
                    [(rules, quantity) for _cls, rules, quantity in required],
                    *membership._coop_fee_status(),
                )
            ):
                paid_up |= membership
        return paid_up._coop_admit(reason)
