# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, models


class CoopShareRequest(models.Model):
    _inherit = "coop.share.request"

    @api.model
    def _demo_populate(self, company_id):
        """Requests of the demo co-op in every state, through the real workflow."""
        company = self.env["res.company"].browse(company_id)
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        officer = env.ref("coop_base.demo_user_officer")
        manager = env.ref("coop_base.demo_user_manager")
        member_share = env.ref("coop_shares.demo_share_class_member")
        investor_share = env.ref("coop_shares.demo_share_class_investor")

        def membership(number):
            return env.ref(f"coop_base.demo_membership_{number:02d}")

        def file(request_type, member, share_class, quantity, **extra):
            request = (
                self.with_env(env)
                .with_user(officer)
                .create(
                    {
                        "request_type": request_type,
                        "membership_id": member.id,
                        "company_id": company.id,
                        "class_id": share_class.id,
                        "quantity": quantity,
                        **extra,
                    }
                )
            )
            request.action_submit()
            return request.with_user(manager)

        def pay(request):
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=request.move_id.ids
            ).create({})._create_payments()

        for number, quantity in (
            (1, 2),
            (2, 1),
            (3, 4),
            (4, 1),
            (5, 3),
            (6, 1),
            (7, 2),
            (8, 1),
            (19, 1),
        ):
            request = file("subscription", membership(number), member_share, quantity)
            request.action_approve()
            pay(request)
        for number, quantity in ((2, 3), (3, 2)):
            request = file("subscription", membership(number), investor_share, quantity)
            request.action_approve()
            pay(request)
        file(
            "subscription", membership(9), member_share, 1
        ).action_approve()  # invoiced, awaiting payment
        file("subscription", membership(18), member_share, 1)  # submitted, for the board
        self.with_env(env).with_user(officer).create(
            {
                "request_type": "subscription",
                "membership_id": membership(10).id,
                "company_id": company.id,
                "class_id": member_share.id,
                "quantity": 2,
            }
        )  # draft
        file("subscription", membership(11), investor_share, 10).action_reject(
            "Above the investor cap of the class."
        )
        file("subscription", membership(12), member_share, 1).action_cancel(
            "Filed twice by mistake."
        )
        file(
            "transfer",
            membership(3),
            member_share,
            1,
            target_partner_id=membership(20).partner_id.id,
        ).action_approve()
        file(
            "conversion",
            membership(2),
            investor_share,
            1,
            target_class_id=member_share.id,
            target_quantity=10,
        ).action_approve()
        redemption = file("redemption", membership(3), investor_share, 1)
        redemption.action_approve()
        pay(redemption)
        file(
            "redemption", membership(2), investor_share, 1
        ).action_approve()  # bill awaiting payment
