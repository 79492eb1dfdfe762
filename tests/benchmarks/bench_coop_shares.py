"""Benchmark of coop_shares: a 100,000-member share register with 300,000 entries.

Measures the holdings of every member at a past date, the register export
(CSV, XLSX, PDF) of a 10,000-member co-op, issuing shares for 10,000 paid
capital invoices in one batch (settlement entries and register entries), and a
member's portal page over real HTTP.

    .venv/bin/python tests/benchmarks/bench_coop_shares.py [--scale 0.01]
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

from odoo import Command  # noqa: E402

DATABASE = "coop_bench_shares"
PAST_DATE = "2024-06-30"


def coop(env, name):
    """A co-op with books and two share classes."""
    company = env["res.company"].search([("name", "=", name)], limit=1)
    if not company:
        company = env["res.company"].create({"name": name, "coop_max_shares_per_member": 0})
        company._coop_shares_ensure_chart()
    classes = env["coop.share.class"].search([("company_id", "=", company.id)], order="id")
    if not classes:
        accounts = env["account.account"].create(
            [
                {
                    "code": code,
                    "name": label,
                    "account_type": "equity",
                    "company_ids": [Command.set(company.ids)],
                }
                for code, label in (
                    ("301100", "Member share capital"),
                    ("301200", "Investor share capital"),
                )
            ]
        )
        classes = env["coop.share.class"].create(
            [
                {
                    "name": "Member share",
                    "code": "MS",
                    "company_id": company.id,
                    "nominal_value": 50,
                    "required_for_membership": True,
                    "min_quantity": 1,
                    "equity_account_id": accounts[0].id,
                },
                {
                    "name": "Investor share",
                    "code": "IS",
                    "company_id": company.id,
                    "nominal_value": 500,
                    "equity_account_id": accounts[1].id,
                },
            ]
        )
    return company, classes


def populate(env, company, classes, members):
    """``members`` members with three register entries each, inserted in bulk."""
    if env["coop.membership"].search_count([("company_id", "=", company.id)]) >= members:
        return
    env.cr.execute(
        """INSERT INTO res_partner (name, complete_name, email, active, type, autopost_bills,
                                    create_date, write_date, create_uid, write_uid)
           SELECT 'Holder ' || %s || ' ' || n, 'Holder ' || %s || ' ' || n,
                  'holder' || n || '@example.com', true, 'contact', 'ask', now(), now(), 1, 1
             FROM generate_series(1, %s) AS n RETURNING id""",
        [company.id, company.id, members],
    )
    partner_ids = [row[0] for row in env.cr.fetchall()]
    # each contact is its own commercial entity, as the ORM would set it
    env.cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids]
    )
    env.cr.execute(
        """INSERT INTO coop_membership (partner_id, company_id, member_number, state,
                                        application_date, admission_date, create_date, write_date,
                                        create_uid, write_uid)
           SELECT p, %s, 'M' || lpad(n::text, 7, '0'), 'member', '2020-01-01', '2020-01-01',
                  now(), now(), 1, 1
             FROM unnest(%s::int[]) WITH ORDINALITY AS t(p, n) RETURNING id""",
        [company.id, partner_ids],
    )
    membership_ids = [row[0] for row in env.cr.fetchall()]
    member_share, investor_share = classes
    # per member: 2 member shares, 3 investor shares, one investor share redeemed 30 days later
    env.cr.execute(
        """INSERT INTO coop_share_line (name, company_id, date, membership_id, class_id, quantity,
                                        unit_value, amount, operation, state, create_date,
                                        write_date, create_uid, write_uid)
           SELECT 'SR' || lpad((3 * (n - 1) + k)::text, 9, '0'), %(company)s,
                  DATE '2022-01-01' + ((n * 7) %% 1000)::int + d,
                  m, CASE WHEN k = 1 THEN %(ms)s ELSE %(is)s END,
                  q, CASE WHEN k = 1 THEN 50 ELSE 500 END,
                  q * CASE WHEN k = 1 THEN 50 ELSE 500 END,
                  CASE WHEN k = 3 THEN 'redemption' ELSE 'issue' END, 'posted', now(), now(), 1, 1
             FROM unnest(%(members)s::int[]) WITH ORDINALITY AS t(m, n),
                  LATERAL (VALUES (1, 2, 0), (2, 3, 100), (3, -1, 130)) AS e(k, q, d)""",
        {
            "company": company.id,
            "ms": member_share.id,
            "is": investor_share.id,
            "members": membership_ids,
        },
    )
    env.invalidate_all()


def invoiced_subscriptions(env, company, member_share, count):
    """``count`` subscriptions invoiced and ready to be paid, created in bulk."""
    memberships = env["coop.membership"].search(
        [("company_id", "=", company.id)], limit=count, order="id"
    )
    subscriptions = env["coop.share.request"].create(
        [
            {
                "membership_id": m.id,
                "company_id": company.id,
                "class_id": member_share.id,
                "quantity": 1,
                "request_type": "subscription",
            }
            for m in memberships
        ]
    )
    journal = company._coop_share_journal("sale")
    pending = company._coop_share_pending_account()
    invoices = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "company_id": company.id,
                "journal_id": journal.id,
                "partner_id": request.partner_id.id,
                "invoice_date": "2026-01-15",
                "coop_share_request_id": request.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": member_share.product_id.id,
                            "quantity": 1,
                            "price_unit": 50,
                            "account_id": pending.id,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
            for request in subscriptions
        ]
    )
    invoices.action_post()
    env.cr.execute(
        """UPDATE coop_share_request r
              SET move_id = m.id, state = 'invoiced', approval_date = CURRENT_DATE
             FROM account_move m WHERE m.coop_share_request_id = r.id AND r.id = ANY(%s)""",
        [subscriptions.ids],
    )
    env.invalidate_all()
    return invoices


def portal_user(env, company):
    user = env["res.users"].search([("login", "=", "bench_shareholder")])
    if not user:
        membership = env["coop.membership"].search(
            [("company_id", "=", company.id)], limit=1, order="id"
        )
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": "bench_shareholder",
                    "password": "bench_shareholder",
                    "partner_id": membership.partner_id.id,
                    "groups_id": [Command.set(env.ref("base.group_portal").ids)],
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                }
            )
        )
    return user


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of 100,000 members / 10,000 exports"
    )
    parser.add_argument(
        "--skip-batch", action="store_true", help="leave out the 10,000-invoice batch (slow set-up)"
    )
    args = parser.parse_args()
    members = max(int(100_000 * args.scale), 100)
    export_members = max(int(10_000 * args.scale), 50)
    batch = max(int(10_000 * args.scale), 50)

    with benchlib.database(DATABASE, ["coop_shares"]) as env:
        Line = env["coop.share.line"]
        big, big_classes = coop(env, "Bench Shares Co-op")
        populate(env, big, big_classes, members)
        small, small_classes = coop(env, "Bench Shares Co-op (export)")
        populate(env, small, small_classes, export_members)
        env.cr.commit()
        entries = Line.search_count([("company_id", "=", big.id)])
        print(f"register: {members} members, {entries} entries", flush=True)

        holdings = benchlib.measure(
            f"holdings of every member at a past date ({members} members, {entries} entries)",
            lambda: Line._get_holdings([("company_id", "=", big.id)], date=PAST_DATE),
            setup=env.invalidate_all,
        )
        print(f"  {len(holdings)} non-zero holdings on {PAST_DATE}", flush=True)

        wizard = env["coop.share.register.wizard"].create(
            {"company_id": small.id, "date": PAST_DATE}
        )

        def export(export_format):
            wizard.export_format = export_format
            return wizard.action_export()

        benchlib.measure(
            f"register export CSV, {export_members} members",
            lambda: export("csv"),
            setup=env.invalidate_all,
        )
        benchlib.measure(
            f"register export XLSX, {export_members} members",
            lambda: export("xlsx"),
            setup=env.invalidate_all,
        )
        report = env.ref("coop_shares.action_report_share_register")
        benchlib.measure(
            f"register PDF (wkhtmltopdf), {export_members} members",
            lambda: report._render_qweb_pdf(report.report_name, wizard.ids),
            repeat=1,
            setup=env.invalidate_all,
        )

        if not args.skip_batch:
            invoices = invoiced_subscriptions(env, big, big_classes[0], batch)
            env.cr.commit()
            benchlib.measure(
                f"issue shares for {batch} paid capital invoices in one batch (paid hook)",
                invoices._invoice_paid_hook,
                repeat=1,
            )
            issued = Line.search_count([("request_id", "in", invoices.coop_share_request_id.ids)])
            assert issued == batch, f"{issued} register entries for {batch} invoices"
            env.cr.commit()

        user = portal_user(env, big)
        membership = env["coop.membership"].search([("partner_id", "=", user.partner_id.id)])
        benchlib.measure(
            "portal page data of one member (in process)",
            lambda: membership.with_user(user)._coop_shares_portal_values(),
            setup=env.invalidate_all,
        )
        env.cr.commit()

        with benchlib.serve(DATABASE) as url:
            session = benchlib.http_login(url, "bench_shareholder")
            session.get(f"{url}/my/shares", timeout=120)  # warm caches
            timings = []
            for _run in range(5):
                start = time.perf_counter()
                response = session.get(f"{url}/my/shares", timeout=120)
                timings.append(time.perf_counter() - start)
                assert response.status_code == 200 and "o_coop_shares_holdings" in response.text
        log = (benchlib.suite.LOG_DIR / f"bench-{DATABASE}.log").read_text()
        served = re.findall(r'"GET /my/shares HTTP/1.1" 200 - (\d+) ', log)
        benchlib.record(
            "member portal page /my/shares over HTTP",
            statistics.median(timings),
            int(served[-1]) if served else 0,
            len(timings),
        )
        benchlib.report(
            f"coop_shares ({members} members, {entries} register entries)",
            "HTTP query count is read from the server log line of the last request.",
        )


if __name__ == "__main__":
    main()
