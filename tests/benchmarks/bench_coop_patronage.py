"""Benchmark of coop_patronage: a consumer co-op's year.

100,000 members, 5,000,000 point of sale order lines and 500,000 invoice
lines in the year (``--scale`` shrinks them all): every member's patronage
(aggregate SQL, no loop over members' documents); the allocation, computed by
the patronage cron for a co-op larger than a batch of members; posting it
(the manager's request posts the first batch of members, the patronage cron
the others, each batch one entry with a payable and an equity line per member
and its capital-account lines); and a member's portal page "My Capital
Account" over real HTTP.

    .venv/bin/python tests/benchmarks/bench_coop_patronage.py [--scale 0.01]
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402
from bench_coop_shares import coop, populate, portal_user  # noqa: E402

DATABASE = "coop_bench_patronage"
YEAR = 2025


def sales(env, company, lines):
    """``lines`` posted customer-invoice lines in YEAR, 10 per invoice, spread
    over the co-op's members, inserted in bulk."""
    env.cr.execute(
        """SELECT count(*) FROM account_move_line l JOIN account_move m ON m.id = l.move_id
            WHERE m.company_id = %s AND m.move_type = 'out_invoice'""",
        [company.id],
    )
    if env.cr.fetchone()[0] >= lines:
        return
    journal = env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
    )
    income = journal.default_account_id
    env.cr.execute(
        "SELECT partner_id FROM coop_membership WHERE company_id = %s ORDER BY id", [company.id]
    )
    partners = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        """INSERT INTO account_move (journal_id, company_id, currency_id, state, move_type,
                                     auto_post, date, invoice_date, name, partner_id,
                                     commercial_partner_id)
           SELECT %(journal)s, %(company)s, %(currency)s, 'posted', 'out_invoice', 'no',
                  DATE %(start)s + (n %% 365), DATE %(start)s + (n %% 365),
                  'BENCH/' || n, p, p
             FROM generate_series(0, %(moves)s - 1) AS n,
                  LATERAL (SELECT (%(partners)s::int[])[1 + n %% %(count)s] AS p) AS t
        RETURNING id""",
        {
            "journal": journal.id,
            "company": company.id,
            "currency": company.currency_id.id,
            "start": f"{YEAR}-01-01",
            "moves": lines // 10,
            "partners": partners,
            "count": len(partners),
        },
    )
    env.cr.execute(
        """INSERT INTO account_move_line (move_id, company_id, journal_id, account_id, currency_id,
                                          display_type, date, parent_state, partner_id, balance,
                                          amount_currency, debit, credit, quantity, price_unit)
           SELECT m.id, m.company_id, m.journal_id, %(income)s, m.currency_id, 'product', m.date,
                  'posted', m.commercial_partner_id, -(k + 1), -(k + 1), 0, k + 1, 1, k + 1
             FROM account_move m, generate_series(0, 9) AS k
            WHERE m.company_id = %(company)s AND m.name LIKE 'BENCH/%%'""",
        {"income": income.id, "company": company.id},
    )
    env.invalidate_all()


def till(env, company):
    """The co-op's store: a point of sale with a cash method and an open
    session, as a cashier would find it."""
    config = env["pos.config"].search([("company_id", "=", company.id)], limit=1)
    if config:
        return config
    return env["pos.order"]._coop_demo_store(company, "Bench Store", "BST")


def pos_sales(env, company, lines):
    """``lines`` paid point of sale order lines in YEAR, 5 per order, spread
    over the co-op's members, inserted in bulk in the till's session."""
    env.cr.execute("SELECT count(*) FROM pos_order_line WHERE company_id = %s", [company.id])
    if env.cr.fetchone()[0] >= lines:
        return
    config = till(env, company)
    product = env["product.product"].search([("name", "=", "Bench groceries")], limit=1)
    if not product:
        product = env["product.product"].create(
            {"name": "Bench groceries", "list_price": 4.0, "available_in_pos": True}
        )
    env.flush_all()
    env.cr.execute(
        "SELECT partner_id FROM coop_membership WHERE company_id = %s ORDER BY id", [company.id]
    )
    partners = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        """INSERT INTO pos_order (session_id, company_id, config_id, pricelist_id, name, state,
                                  date_order, partner_id, amount_tax, amount_total, amount_paid,
                                  amount_return, create_date, write_date, create_uid, write_uid)
           SELECT %(session)s, %(company)s, %(config)s, %(pricelist)s, 'BENCH/' || n, 'done',
                  TIMESTAMP %(start)s + (n %% 365) * INTERVAL '1 day' + INTERVAL '15 hours',
                  p, 0, 20, 20, 0, now(), now(), 1, 1
             FROM generate_series(0, %(orders)s - 1) AS n,
                  LATERAL (SELECT (%(partners)s::int[])[1 + n %% %(count)s] AS p) AS t""",
        {
            "session": config.current_session_id.id,
            "company": company.id,
            "config": config.id,
            "pricelist": config.pricelist_id.id or None,
            "start": f"{YEAR}-01-01",
            "orders": lines // 5,
            "partners": partners,
            "count": len(partners),
        },
    )
    env.cr.execute(
        """INSERT INTO pos_order_line (order_id, company_id, product_id, name, qty, price_unit,
                                       price_subtotal, price_subtotal_incl, create_date,
                                       write_date, create_uid, write_uid)
           SELECT o.id, o.company_id, %(product)s, 'Bench groceries', 1, 4, 4, 4,
                  now(), now(), 1, 1
             FROM pos_order o, generate_series(1, 5) AS k
            WHERE o.company_id = %(company)s AND o.name LIKE 'BENCH/%%'""",
        {"product": product.id, "company": company.id},
    )
    env.invalidate_all()


def post_in_batches(period):
    """The manager's Post (first batch), then the patronage cron until the
    period is posted, as the cron runner calls it while batches remain."""
    benchlib.measure(
        "post, the manager's request: first batch, entry and capital-account lines",
        period.action_post,
        repeat=1,
    )
    seconds, queries = [], []
    Period = period.env["coop.patronage.period"]
    while period.state == "posting":
        before = benchlib.sql_db.sql_counter
        start = time.perf_counter()
        Period._cron_post_batches()
        period.env.cr.commit()
        seconds.append(time.perf_counter() - start)
        queries.append(benchlib.sql_db.sql_counter - before)
        period.invalidate_recordset()
    if seconds:
        size = period._coop_batch_size()
        benchlib.record(
            f"post, patronage cron: one batch of {size} members (entry of {2 * size} member "
            "lines, capital-account lines)",
            statistics.median(seconds),
            int(statistics.median(queries)),
            len(seconds),
        )
        benchlib.record(
            f"post, all {len(seconds)} cron batches together", sum(seconds), sum(queries)
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="fraction of 100,000 members, 5,000,000 POS lines and 500,000 invoice lines",
    )
    args = parser.parse_args()
    members = max(int(100_000 * args.scale), 100)
    pos_lines = max(int(5_000_000 * args.scale), 1000)
    lines = max(int(500_000 * args.scale), 100)

    with benchlib.database(DATABASE, ["coop_patronage_pos"]) as env:
        company, classes = coop(env, "Bench Patronage Co-op")
        populate(env, company, classes, members)
        pos_sales(env, company, pos_lines)
        sales(env, company, lines)
        env.cr.commit()
        Period = env["coop.patronage.period"]
        # a rerun on the same database allocates the same year again
        Period.search([("company_id", "=", company.id)])._coop_workflow().write(
            {"state": "reversed"}
        )
        period = Period.create(
            {
                "name": f"Bench {YEAR} {Period.search_count([])}",
                "company_id": company.id,
                "date_from": f"{YEAR}-01-01",
                "date_to": f"{YEAR}-12-31",
                "date": f"{YEAR + 1}-03-01",
                "surplus": 1_000_000.0,
                "override_reason": "Benchmark",
            }
        )
        print(
            f"co-op: {members} members, {pos_lines} POS lines, {lines} invoice lines in {YEAR}",
            flush=True,
        )
        benchlib.measure(
            f"patronage of {members} members over {pos_lines} POS lines and {lines} invoice "
            "lines (SQL aggregates)",
            lambda: period._coop_patronage(),
            repeat=3,
            setup=env.invalidate_all,
        )
        # more members than a batch: the manager's Compute queues it for the cron
        period.action_compute()
        assert period.state == "computing"
        benchlib.measure(
            f"compute (patronage cron): measures, split to the cent, {members} allocation rows",
            Period._cron_post_batches,
            repeat=1,
        )
        # the till's orders count: 4.00 a line
        assert period.total_patronage >= 4 * pos_lines, period.total_patronage
        env.cr.commit()
        post_in_batches(period)
        assert period.state == "posted" and len(period.capital_line_ids) == members
        portal_user(env, company)
        env.cr.commit()

        with benchlib.serve(DATABASE) as url:
            session = benchlib.http_login(url, "bench_shareholder")
            session.get(f"{url}/my/capital", timeout=120)  # warm caches
            timings = []
            for _run in range(5):
                start = time.perf_counter()
                response = session.get(f"{url}/my/capital", timeout=120)
                timings.append(time.perf_counter() - start)
                assert response.status_code == 200 and "o_coop_capital_balance" in response.text
        log = (benchlib.suite.LOG_DIR / f"bench-{DATABASE}.log").read_text()
        served = re.findall(r'"GET /my/capital HTTP/1.1" 200 - (\d+) ', log)
        benchlib.record(
            "member portal page /my/capital over HTTP",
            statistics.median(timings),
            int(served[-1]) if served else 0,
            len(timings),
        )
        benchlib.report(
            f"coop_patronage ({members} members, {pos_lines} POS lines, {lines} invoice lines)",
            "HTTP query count is read from the server log line of the last request.",
        )


if __name__ == "__main__":
    main()
