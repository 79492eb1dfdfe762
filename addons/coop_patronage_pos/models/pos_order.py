# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import Command, api, models

# Demo: what each of Green Valley's members bought at the till, (flour, seeds) packs
DEMO_BASKETS = {1: (4, 6), 2: (1, 2), 3: (0, 8), 4: (6, 0), 5: (2, 3), 6: (3, 3), 7: (1, 0)}


class PosOrder(models.Model):
    _inherit = "pos.order"

    @api.model
    def _coop_demo_store(self, company, name, code):
        """Demo and benchmark: a store of ``company`` with a cash payment
        method, its session opened by the admin as cashier."""
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        if not env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1):
            # a co-op created before Inventory was installed has no warehouse yet
            env["stock.warehouse"].create({"name": name, "code": code, "company_id": company.id})
        cash_journal = env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "cash")], limit=1
        )
        cash = env["pos.payment.method"].create(
            {"name": "Cash", "journal_id": cash_journal.id, "company_id": company.id}
        )
        config = env["pos.config"].create(
            {"name": name, "company_id": company.id, "payment_method_ids": [Command.set(cash.ids)]}
        )
        cashier = env.ref("base.user_admin")
        if company not in cashier.company_ids:
            cashier.company_ids = [Command.link(company.id)]
        config.with_user(cashier).open_ui()
        return config

    @api.model
    def _coop_demo_till_year(self, company_id):
        """Demo: the store's till in the year before last, through the real
        workflows — a session opened, members' orders paid in cash, the session
        closed — then that year closed: patronage computed from the till's
        orders, posted and its cash portions paid."""
        company = self.env["res.company"].browse(company_id)
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        cashier = env.ref("base.user_admin")
        config = self.with_env(env)._coop_demo_store(company, "Green Valley Store", "GVS")
        cash = config.payment_method_ids
        session = config.current_session_id
        products = (
            env.ref("coop_patronage.product_flour"),
            env.ref("coop_patronage.product_seeds"),
        )
        products[0].product_tmpl_id.available_in_pos = products[
            1
        ].product_tmpl_id.available_in_pos = True
        year = datetime.date.today().year - 2
        orders = []
        for number, quantities in DEMO_BASKETS.items():
            lines = [
                Command.create(
                    {
                        "product_id": product.id,
                        "qty": quantity,
                        "price_unit": product.lst_price,
                        "price_subtotal": product.lst_price * quantity,
                        "price_subtotal_incl": product.lst_price * quantity,
                        "tax_ids": [Command.clear()],
                    }
                )
                for product, quantity in zip(products, quantities, strict=True)
                if quantity
            ]
            total = sum(line[2]["price_subtotal"] for line in lines)
            orders.append(
                {
                    "name": f"Green Valley Store {year}/{number:04d}",
                    "uuid": f"coop-demo-{year}-{number}",
                    "session_id": session.id,
                    "partner_id": env.ref(f"coop_base.demo_partner_{number:02d}").id,
                    "date_order": f"{year}-{number + 2:02d}-14 10:00:00",
                    "pricelist_id": config.pricelist_id.id,
                    "user_id": cashier.id,
                    "sequence_number": number,
                    "lines": lines,
                    "amount_total": total,
                    "amount_tax": 0.0,
                    "amount_paid": total,
                    "amount_return": 0.0,
                    "payment_ids": [
                        Command.create(
                            {
                                "amount": total,
                                "payment_method_id": cash.id,
                                "payment_date": f"{year}-{number + 2:02d}-14 10:00:00",
                            }
                        )
                    ],
                    "last_order_preparation_change": "{}",
                    "to_invoice": False,
                }
            )
        self.with_env(env).with_user(cashier).sync_from_ui(orders)
        session = session.with_user(cashier)
        session.post_closing_cash_details(session.cash_register_balance_end)
        session.close_session_from_ui()

        period = env["coop.patronage.period"].create(
            {
                "name": f"Patronage {year} (till)",
                "company_id": company.id,
                "date_from": datetime.date(year, 1, 1),
                "date_to": datetime.date(year, 12, 31),
                "date": datetime.date(year + 1, 3, 1),
                "surplus": 400.0,
                "override_reason": "The till's takings are in the books of the day its "
                "session closed; the surplus is from the audited accounts.",
            }
        )
        period.action_compute()
        period.action_post()
        period._coop_demo_pay_cash()
        return period
