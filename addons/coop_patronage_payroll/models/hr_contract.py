# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The salary rule that deducts the buy-in: its amount is
# ``result = -contract.coop_buyin_due`` and its debit account the receivable
# account of the capital invoices, so that the payslip's entry pays the invoice.
BUYIN_RULE_CODE = "COOPBUYIN"


class HrContract(models.Model):
    _inherit = "hr.contract"

    coop_buyin_request_id = fields.Many2one(
        "coop.share.request",
        string="Capital Buy-in",
        check_company=True,
        groups="coop_base.group_coop_officer",
        tracking=True,
        domain="[('company_id', '=', company_id), ('request_type', '=', 'subscription'), "
        "('state', '=', 'invoiced')]",
        help="The worker's share subscription paid by payroll deduction: the salary rule "
        f"{BUYIN_RULE_CODE} deducts an instalment from each payslip until its invoice is paid.",
    )
    coop_buyin_instalment = fields.Monetary(
        string="Buy-in Instalment",
        groups="coop_base.group_coop_officer",
        tracking=True,
        help="Deducted from each payslip; the last one only deducts what is left to pay.",
    )
    coop_buyin_due = fields.Monetary(
        string="Buy-in Due on the Next Payslip",
        compute="_compute_coop_buyin_due",
        help="What the buy-in rule deducts: the instalment, or what is left of the capital "
        "invoice if less.",
    )

    @api.depends(
        "coop_buyin_instalment",
        "coop_buyin_request_id.state",
        "coop_buyin_request_id.move_id.amount_residual",
    )
    def _compute_coop_buyin_due(self):
        # payroll users compute payslips without reading share requests
        for contract in self:
            sudo = contract.sudo()
            request = sudo.coop_buyin_request_id
            contract.coop_buyin_due = (
                min(sudo.coop_buyin_instalment, request.move_id.amount_residual)
                if request.state == "invoiced"
                else 0.0
            )

    @api.model
    def _coop_demo_buyin(self, contract_id, share_class_id, quantity, instalment):
        """Demo: the worker subscribes shares through the share request workflow
        (filed, approved by the co-op's manager, so invoiced) and the contract pays
        the capital invoice by payroll deduction: the buy-in rule of its structure
        credits the invoice's receivable account."""
        contract = self.browse(contract_id)
        company = contract.company_id
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        contract = contract.with_env(env)
        request = env["coop.share.request"].create(
            {
                "request_type": "subscription",
                "membership_id": contract.employee_id.coop_membership_id.id,
                "company_id": company.id,
                "class_id": share_class_id,
                "quantity": quantity,
            }
        )
        request.action_submit()
        request.with_user(env.ref("base.user_admin")).action_approve()
        receivable = request.move_id.line_ids.account_id.filtered(
            lambda account: account.account_type == "asset_receivable"
        )
        contract.struct_id.rule_ids.filtered(
            lambda rule: rule.code == BUYIN_RULE_CODE
        ).account_debit = receivable
        contract.write({"coop_buyin_request_id": request.id, "coop_buyin_instalment": instalment})
        return request

    @api.constrains("coop_buyin_request_id", "coop_buyin_instalment", "employee_id")
    def _check_coop_buyin(self):
        for contract in self.sudo().filtered("coop_buyin_request_id"):
            request = contract.coop_buyin_request_id
            worker = contract.employee_id.work_contact_id.commercial_partner_id
            if request.partner_id.commercial_partner_id != worker:
                raise ValidationError(
                    self.env._(
                        "%(request)s is %(partner)s's subscription: %(employee)s's payslips "
                        "cannot pay it.",
                        request=request.name,
                        partner=request.partner_id.name,
                        employee=contract.employee_id.name,
                    )
                )
            if request.request_type != "subscription":
                raise ValidationError(
                    self.env._(
                        "Only a share subscription is paid by payroll deduction, not %(request)s.",
                        request=request.name,
                    )
                )
            if contract.coop_buyin_instalment <= 0:
                raise ValidationError(
                    self.env._(
                        "The buy-in instalment of %(contract)s must be a positive amount.",
                        contract=contract.name,
                    )
                )
