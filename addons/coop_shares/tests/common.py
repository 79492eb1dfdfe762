# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.tests import Form, new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.coop_base.tests.common import JsonRpcCase, new_coop_user


class CoopSharesCommon(AccountTestInvoicingCommon):
    """A co-op with books (generic chart), two share classes and its people."""

    @classmethod
    def get_default_groups(cls):
        # the test user configures the co-op
        return super().get_default_groups() | cls.env.ref("coop_base.group_coop_manager")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop = cls.env.company
        cls.coop.write(
            {
                "coop_max_shares_per_member": 0,
                "coop_fiscal_year_end_month": "12",
                "coop_fiscal_year_end_day": 31,
            }
        )
        cls.equity_member = cls._equity_account("301100", "Member share capital")
        cls.equity_investor = cls._equity_account("301200", "Investor share capital")
        ShareClass = cls.env["coop.share.class"]
        cls.member_class = ShareClass.create(
            {
                "name": "Member share",
                "code": "MS",
                "company_id": cls.coop.id,
                "nominal_value": 50.0,
                "required_for_membership": True,
                "min_quantity": 1,
                "max_quantity": 10,
                "notice_period_days": 30,
                "lockup_months": 12,
                "yearly_redemption_limit_percent": 10.0,
                "equity_account_id": cls.equity_member.id,
            }
        )
        cls.investor_class = ShareClass.create(
            {
                "name": "Investor share",
                "code": "IS",
                "company_id": cls.coop.id,
                "nominal_value": 500.0,
                "min_quantity": 0,
                "equity_account_id": cls.equity_investor.id,
            }
        )
        company_vals = {"company_id": cls.coop.id, "company_ids": [Command.set(cls.coop.ids)]}
        cls.officer = new_test_user(
            cls.env,
            login="shares_officer",
            groups="base.group_user,coop_base.group_coop_officer",
            **company_vals,
        )
        cls.manager = new_test_user(
            cls.env,
            login="shares_manager",
            groups="base.group_user,coop_base.group_coop_manager",
            **company_vals,
        )
        cls.manager_2 = new_test_user(
            cls.env,
            login="shares_manager_2",
            groups="base.group_user,coop_base.group_coop_manager",
            **company_vals,
        )
        cls.accountant = new_test_user(
            cls.env,
            login="shares_accountant",
            groups="base.group_user,account.group_account_invoice",
            **company_vals,
        )

    @classmethod
    def _equity_account(cls, code, name, company=None):
        return cls.env["account.account"].create(
            {
                "code": code,
                "name": name,
                "account_type": "equity",
                "company_ids": [Command.set((company or cls.env.company).ids)],
            }
        )

    @classmethod
    def _membership(cls, name, admitted=True, company=None):
        partner = cls.env["res.partner"].create(
            {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.com"}
        )
        membership = cls.env["coop.membership"].create(
            {"partner_id": partner.id, "company_id": (company or cls.coop).id}
        )
        if admitted:
            membership._coop_admit("Founding member")
        return membership

    def _request(
        self, membership, share_class, quantity, request_type="subscription", user=None, **extra
    ):
        """File and submit a request as an officer, through the form."""
        with Form(self.env["coop.share.request"].with_user(user or self.officer)) as form:
            form.request_type = request_type
            form.membership_id = membership
            form.class_id = share_class
            form.quantity = quantity
            for name, value in extra.items():
                setattr(form, name, value)
        request = form.save()
        request.action_submit()
        return request.with_env(self.env)

    def _approve(self, request, user=None):
        request.with_user(user or self.manager).action_approve()
        return request.with_env(self.env)

    def _pay(self, move, user=None):
        """Register the payment the way an accountant does, from the document."""
        action = move.with_user(user or self.accountant).action_register_payment()
        wizard = Form(
            self.env["account.payment.register"]
            .with_user(user or self.accountant)
            .with_context(**action["context"])
        ).save()
        wizard.action_create_payments()
        return move

    def _issue(self, membership, share_class, quantity):
        """Subscription approved and paid: shares in the register."""
        request = self._approve(self._request(membership, share_class, quantity))
        self._pay(request.move_id)
        return request

    def _holding(self, membership, share_class, date=None):
        return (
            self.env["coop.share.line"]
            ._get_holdings(
                [("membership_id", "=", membership.id), ("class_id", "=", share_class.id)],
                date=date,
            )
            .get((membership.id, share_class.id), 0)
        )

    def _ledger_capital(self, share_class):
        """Credit balance of the class's equity account from posted entries."""
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("account_id", "=", share_class.equity_account_id.id),
                    ("parent_state", "=", "posted"),
                    ("company_id", "=", share_class.company_id.id),
                ],
                [],
                ["balance:sum"],
            )
        )
        return -(groups[0][0] or 0.0)

    def assertRegisterMatchesLedger(self, share_classes=None):
        capital = self.env["coop.share.line"]._get_capital()
        for share_class in share_classes or (self.member_class | self.investor_class):
            register = capital.get(share_class.id, (0, 0.0))[1]
            self.assertAlmostEqual(
                register,
                self._ledger_capital(share_class),
                places=2,
                msg=f"register and ledger disagree on {share_class.code}",
            )

    @staticmethod
    def today():
        return fields.Date.today()


class CoopSharesRpcCommon(CoopSharesCommon, JsonRpcCase):
    """The co-op's people as JSON-RPC callers (password ``<login>-pw-1234``): a portal member,
    an officer, a manager, an accountant and the administrator. Mixed with HttpCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_officer = new_coop_user(
            cls.env, "rpc_officer", "coop_base.group_coop_officer", cls.coop
        )
        cls.rpc_manager = new_coop_user(
            cls.env, "rpc_manager", "coop_base.group_coop_manager", cls.coop
        )
        cls.rpc_accountant = new_coop_user(
            cls.env, "rpc_accountant", "base.group_user,account.group_account_user", cls.coop
        )
        cls.rpc_portal = new_coop_user(cls.env, "rpc_portal", "base.group_portal", cls.coop)
        cls.portal_membership = cls.env["coop.membership"].create(
            {"partner_id": cls.rpc_portal.partner_id.id, "company_id": cls.coop.id}
        )
        cls.portal_membership._coop_admit("Founding member")
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write({"company_ids": [Command.link(cls.coop.id)], "password": "admin-pw-1234"})
        cls.rpc_users = (cls.rpc_portal, cls.rpc_officer, cls.rpc_manager, cls.admin)

    def _request_snapshot(self, requests=None):
        """Everything a forgery could change, to prove nothing changed."""
        self.env.invalidate_all()
        Request = self.env["coop.share.request"]
        requests = requests or Request.search([])
        return (
            sorted(
                (
                    r.id,
                    r.state,
                    r.request_type,
                    r.quantity,
                    r.amount,
                    r.class_id.id,
                    r.membership_id.id,
                    r.request_date,
                    r.approved_by_id.id,
                    r.approval_date,
                    r.move_id.id,
                    r.certificate_to_send,
                )
                for r in requests
            ),
            Request.search_count([]),
            self.env["coop.share.line"].search_count([]),
            sorted(self.env["account.move"].search([]).mapped(lambda m: (m.id, m.state))),
        )
