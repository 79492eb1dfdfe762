"""Benchmark of coop_academy: one co-op with 10,000 members under 10 required
courses (a training matrix of 100,000 lines).

Measures the first page of the training matrix and of its Overdue filter
(``web_search_read`` as an officer), the pivot's grouping by course and state,
and the daily reminder cron: statuses moved by the date, then reminders (one
queued mail per line, an activity per overdue line) in batches of 1,000.

    .venv/bin/python tests/benchmarks/bench_coop_academy.py [--scale 0.01]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

from odoo import Command  # noqa: E402

DATABASE = "coop_bench_academy"
COMPANY_NAME = "Bench Academy Co-op"
MEMBERS = 10_000
COURSES = 10
BATCH = 1_000
MATRIX_SPECIFICATION = {
    "membership_id": {"fields": {"display_name": {}}},
    "channel_id": {"fields": {"display_name": {}}},
    "date_due": {},
    "date_done": {},
    "date_expiry": {},
    "status": {},
    "company_id": {"fields": {"display_name": {}}},
}


def populate(env, members):
    company = env["res.company"].search([("name", "=", COMPANY_NAME)], limit=1)
    if company:
        return company
    company = env["res.company"].create({"name": COMPANY_NAME, "email": "bench@academy.test"})
    officer = env["res.users"].create(
        {
            "name": "bench_officer",
            "login": "bench_academy_officer",
            "password": "bench_academy_officer",
            "email": "bench_academy_officer@example.com",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([env.ref("coop_base.group_coop_officer").id])],
        }
    )
    env.cr.execute(
        """INSERT INTO res_partner (name, complete_name, email, active, type, lang,
                                    create_date, write_date, create_uid, write_uid)
           SELECT 'Learner ' || n, 'Learner ' || n, 'learner' || n || '@example.com', true,
                  'contact', 'en_US', now(), now(), 1, 1
             FROM generate_series(1, %s) AS n RETURNING id""",
        [members],
    )
    partner_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids]
    )
    env.cr.execute(
        """INSERT INTO coop_membership (partner_id, company_id, member_number, state,
                                        application_date, admission_date,
                                        create_date, write_date, create_uid, write_uid)
           SELECT p, %s, 'L' || lpad(n::text, 7, '0'), 'member', '2024-01-01', '2024-01-01',
                  now(), now(), 1, 1
             FROM unnest(%s::int[]) WITH ORDINALITY AS t(p, n)""",
        [company.id, partner_ids],
    )
    channels = env["slide.channel"].create(
        [
            {"name": f"Course {index + 1}", "company_id": company.id, "is_published": True}
            for index in range(COURSES)
        ]
    )
    requirements = env["coop.academy.requirement"].create(
        [
            {
                "name": f"Course {index + 1} within 60 days",
                "company_id": company.id,
                "channel_id": channel.id,
                "trigger": "admission",
                "days_due": 60,
                "validity_months": 24,
                "user_id": officer.id,
            }
            for index, channel in enumerate(channels)
        ]
    )
    # a quarter of each state's dates: done, due soon, overdue, expired by the date
    env.cr.execute(
        """INSERT INTO coop_academy_assignment
                  (requirement_id, company_id, membership_id, partner_id, channel_id,
                   date_start, date_due, date_done, date_expiry, status,
                   create_date, write_date, create_uid, write_uid)
           SELECT r.id, r.company_id, m.id, m.partner_id, r.channel_id,
                  current_date - 50, current_date + 10 - 20 * (m.id %% 4 / 2),
                  CASE WHEN m.id %% 4 IN (0, 3) THEN current_date - 400 END,
                  CASE WHEN m.id %% 4 = 0 THEN current_date + 300
                       WHEN m.id %% 4 = 3 THEN current_date - 1 END,
                  CASE WHEN m.id %% 4 IN (0, 3) THEN 'done' ELSE 'due' END,
                  now(), now(), 1, 1
             FROM coop_academy_requirement r, coop_membership m
            WHERE r.id = ANY(%s) AND m.company_id = r.company_id""",
        [requirements.ids],
    )
    env.cr.execute("ANALYZE res_partner, coop_membership, coop_academy_assignment")
    env.invalidate_all()
    return company


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's sizes")
    args = parser.parse_args()
    members = max(10, int(MEMBERS * args.scale))
    database = DATABASE if args.scale == 1.0 else f"{DATABASE}_{args.scale:g}".replace(".", "_")

    with benchlib.database(database, ["coop_academy"]) as env:
        company = populate(env, members)
        env.cr.commit()
        officer = env["res.users"].search([("login", "=", "bench_academy_officer")])
        Assignment = env["coop.academy.assignment"]
        total = Assignment.search_count([("company_id", "=", company.id)])

        def page(domain):
            env.invalidate_all()
            return (
                Assignment.with_user(officer)
                .with_company(company)
                .web_search_read(domain=domain, specification=MATRIX_SPECIFICATION, limit=80)
            )

        result = benchlib.measure(
            f"training matrix first page of {total:,} (officer)", lambda: page([])
        )
        assert len(result["records"]) == 80

        def pivot():
            env.invalidate_all()
            return (
                Assignment.with_user(officer)
                .with_company(company)
                .read_group([], ["__count"], ["channel_id", "status"], lazy=False)
            )

        groups = benchlib.measure("training matrix pivot: course x state (officer)", pivot)
        assert len(groups) >= COURSES

        def cron_batch():
            pending = Assignment._cron_refresh_and_remind(batch_size=BATCH)
            env.flush_all()
            return pending

        # the first run moves the lapsed lines (overdue, expired) then reminds a batch
        first = benchlib.measure(
            f"reminder cron, first run: statuses by date + {BATCH:,} reminders",
            cron_batch,
            repeat=1,
        )
        overdue = [("status", "=", "overdue")]
        result = benchlib.measure(
            "training matrix Overdue filter, first page (officer)", lambda: page(overdue)
        )
        assert result["length"] > 0
        benchlib.measure(f"reminder cron, next batch of {BATCH:,}", cron_batch, repeat=3)
        env.cr.commit()
        remaining = Assignment.search_count(Assignment._coop_reminder_domain())
        mails = env["mail.mail"].search_count([("model", "=", "coop.academy.assignment")])
        print(f"  first batch {len(first)}, {mails:,} mails queued, {remaining:,} lines left")

    benchlib.report(
        f"coop_academy — {members:,} members x {COURSES} required courses",
        notes=(
            "Set-up data is inserted in bulk (a quarter of the lines each done, due soon, "
            "overdue and expired by the date); the measured operations go through the ORM "
            "as a co-op officer, the cron as the cron's user. Each cron run reminds one batch "
            "(mails queued for the mail queue, one follow-up activity per requirement with "
            "members behind) "
            "and triggers itself again while reminders remain: the whole matrix's reminders take "
            "one run per 1,000 lines reminded."
        ),
    )


if __name__ == "__main__":
    main()
