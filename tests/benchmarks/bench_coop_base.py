"""Benchmark of coop_base: one co-op with 10,000 members and 10,000 pending
applications.

Measures the batch approval of all the applications (one click in the list),
the first page of the member list (``web_search_read`` as an officer), the
member register of 10,000 rows (QWeb HTML, then the PDF through
wkhtmltopdf) and the portal page of one member over real HTTP.

    .venv/bin/python tests/benchmarks/bench_coop_base.py [--scale 0.01]
"""

import argparse
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

from odoo import Command  # noqa: E402

DATABASE = "coop_bench_base"
COMPANY_NAME = "Bench Co-op"
MEMBERS = 10_000
APPLICATIONS = 10_000
LIST_SPECIFICATION = {
    "member_number": {},
    "partner_id": {"fields": {"display_name": {}}},
    "member_class_id": {"fields": {"display_name": {}}},
    "company_id": {"fields": {"display_name": {}}},
    "admission_date": {},
    "state": {},
}
PORTAL_LOGIN = "bench_member"


def insert_memberships(env, company, classes, count, state, tag):
    """``count`` partners and their memberships, inserted in bulk (set-up only)."""
    env.cr.execute(
        """INSERT INTO res_partner (name, complete_name, email, active, type, lang,
                                    create_date, write_date, create_uid, write_uid)
           SELECT %(tag)s || ' ' || n, %(tag)s || ' ' || n, %(tag)s || n || '@example.com', true,
                  'contact', 'en_US', now(), now(), 1, 1
             FROM generate_series(1, %(count)s) AS n RETURNING id""",
        {"tag": tag, "count": count},
    )
    partner_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids]
    )
    admitted = state == "member"
    env.cr.execute(
        """INSERT INTO coop_membership (partner_id, company_id, member_class_id, member_number,
                                        state, application_date, admission_date,
                                        create_date, write_date, create_uid, write_uid)
           SELECT p, %(company)s, (%(classes)s::int[])[1 + n %% 3],
                  CASE WHEN %(admitted)s THEN 'B' || lpad(n::text, 7, '0') END,
                  %(state)s, '2020-01-01', CASE WHEN %(admitted)s THEN date '2020-01-01' END,
                  now(), now(), 1, 1
             FROM unnest(%(partners)s::int[]) WITH ORDINALITY AS t(p, n)""",
        {
            "company": company.id,
            "classes": classes.ids,
            "admitted": admitted,
            "state": state,
            "partners": partner_ids,
        },
    )


def populate(env, members, applications):
    company = env["res.company"].search([("name", "=", COMPANY_NAME)], limit=1)
    if company:
        return company
    company = env["res.company"].create({"name": COMPANY_NAME, "coop_accepts_applications": True})
    classes = env["coop.member.class"].create(
        [
            {"name": name, "code": name[0], "company_id": company.id}
            for name in ("Worker", "Consumer", "Investor")
        ]
    )
    insert_memberships(env, company, classes, members, "member", "Bench member")
    insert_memberships(env, company, classes, applications, "applicant", "Bench applicant")
    env.invalidate_all()
    groups = {
        "bench_officer": ["base.group_user", "coop_base.group_coop_officer"],
        "bench_manager": ["base.group_user", "coop_base.group_coop_manager"],
    }
    for login, xmlids in groups.items():
        env["res.users"].create(
            {
                "name": login,
                "login": login,
                "password": login,
                "email": f"{login}@example.com",  # sender of the decision emails
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set([env.ref(xmlid).id for xmlid in xmlids])],
            }
        )
    first_member = env["coop.membership"].search(
        [("company_id", "=", company.id), ("state", "=", "member")], limit=1
    )
    env["res.users"].create(
        {
            "login": PORTAL_LOGIN,
            "password": PORTAL_LOGIN,
            "partner_id": first_member.partner_id.id,
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    env.cr.execute("ANALYZE res_partner, coop_membership")
    return company


def user(env, login):
    return env["res.users"].search([("login", "=", login)])


def reset_applications(env, company, applicant_ids):
    """Put the applications back to pending (and drop their decision mails)
    so that each approval run starts from the same state."""
    env.cr.execute(
        """UPDATE coop_membership SET state = 'applicant', member_number = NULL,
                  admission_date = NULL, decided_by_id = NULL, state_reason = NULL,
                  pending_decision_mail = NULL
            WHERE id = ANY(%s)""",
        [applicant_ids],
    )
    env.cr.execute(
        "DELETE FROM mail_mail WHERE mail_message_id IN (SELECT id FROM mail_message "
        "WHERE model = 'coop.membership' AND res_id = ANY(%s))",
        [applicant_ids],
    )
    env.cr.execute(
        "DELETE FROM mail_message WHERE model = 'coop.membership' AND res_id = ANY(%s)",
        [applicant_ids],
    )
    env.invalidate_all()


def request_query_counts(log_path, path):
    """SQL query counts of the requests to ``path``, from the server's
    access log lines ('"GET /path HTTP/1.1" 200 - <queries> <sql s> <other s>')."""
    pattern = re.compile(rf'"GET {re.escape(path)} HTTP/1\.1" 200 - (\d+) ')
    return [int(match.group(1)) for match in pattern.finditer(Path(log_path).read_text())]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's sizes")
    args = parser.parse_args()
    members = max(10, int(MEMBERS * args.scale))
    applications = max(10, int(APPLICATIONS * args.scale))
    database = DATABASE if args.scale == 1.0 else f"{DATABASE}_{args.scale:g}".replace(".", "_")

    with benchlib.database(database, ["coop_base"]) as env:
        company = populate(env, members, applications)
        Membership = env["coop.membership"]
        # the applications, whether still pending or approved by a previous run
        applicant_ids = Membership.search(
            [
                ("company_id", "=", company.id),
                "|",
                ("state", "=", "applicant"),
                ("member_number", "=like", "M%"),
            ]
        ).ids
        reset_applications(env, company, applicant_ids)
        env.cr.commit()
        manager = user(env, "bench_manager")
        officer = user(env, "bench_officer")
        report = env["ir.actions.report"]
        log_path = benchlib.suite.LOG_DIR / f"bench-{database}.log"

        with benchlib.serve(database) as url:
            # wkhtmltopdf fetches the report assets from this server
            env["ir.config_parameter"].set_param("report.url", url)
            env.cr.commit()

            def first_page():
                env.invalidate_all()
                return (
                    Membership.with_user(officer)
                    .with_company(company)
                    .web_search_read(domain=[], specification=LIST_SPECIFICATION, limit=80)
                )

            total = Membership.search_count([("company_id", "=", company.id)])
            result = benchlib.measure(f"member list first page of {total:,} (officer)", first_page)
            assert len(result["records"]) == 80

            wizard = env["coop.member.register.wizard"].create(
                {"company_id": company.id, "date": date.today()}
            )
            env.cr.commit()
            in_register = len(Membership._get_members_in_good_standing(company))

            def register_html():
                env.invalidate_all()
                return report._render_qweb_html(
                    "coop_base.action_report_member_register", wizard.ids
                )

            def register_pdf():
                env.invalidate_all()
                return report._render_qweb_pdf(
                    "coop_base.action_report_member_register", wizard.ids
                )

            benchlib.measure(
                f"member register, {in_register:,} rows (QWeb HTML)", register_html, repeat=3
            )
            pdf, _format = benchlib.measure(
                f"member register, {in_register:,} rows (PDF)", register_pdf, repeat=3
            )
            assert pdf.startswith(b"%PDF")

            def approve_all():
                applications = (
                    Membership.with_user(manager).with_company(company).browse(applicant_ids)
                )
                applications.action_approve()
                env.flush_all()
                env.cr.precommit.run()  # tracking messages are written at commit time

            benchlib.measure(
                f"batch approval of {len(applicant_ids):,} applications (manager)",
                approve_all,
                repeat=1 if args.scale == 1.0 else 3,
                setup=lambda: reset_applications(env, company, applicant_ids),
            )
            approved = Membership.browse(applicant_ids)
            assert set(approved.mapped("state")) == {"member"}
            assert len(set(approved.mapped("member_number"))) == len(applicant_ids)

            def queue_decision_mails():
                Membership._cron_queue_decision_mails(batch_size=len(applicant_ids))
                env.flush_all()

            benchlib.measure(
                f"decision emails of {len(applicant_ids):,} approvals queued (cron job)",
                queue_decision_mails,
                repeat=1,
            )
            queued = env["mail.mail"].search_count(
                [("model", "=", "coop.membership"), ("res_id", "in", applicant_ids)]
            )
            assert queued == len(applicant_ids), queued
            env["ir.config_parameter"].set_param("report.url", "")
            env.cr.commit()

            session = benchlib.http_login(url, PORTAL_LOGIN)
            session.get(f"{url}/my/coop", timeout=60).raise_for_status()  # warm up
            timings = []
            for _run in range(5):
                start = time.perf_counter()
                response = session.get(f"{url}/my/coop", timeout=60)
                timings.append(time.perf_counter() - start)
                response.raise_for_status()
                assert "o_coop_membership_card" in response.text
        counts = request_query_counts(log_path, "/my/coop")[-5:]
        benchlib.record(
            "portal page /my/coop of one member (HTTP)",
            statistics.median(timings),
            int(statistics.median(counts)) if counts else "n/a",
            runs=len(timings),
        )

    benchlib.report(
        f"coop_base — {members:,} members and {applications:,} applications in one co-op",
        notes=(
            "Set-up data is inserted in bulk; the measured operations go through the ORM "
            "(list as an officer, approval as a co-op manager). The list and the register "
            "are measured before the approval (members and pending applications). Approval "
            "includes numbering and chatter tracking; the decision emails are rendered "
            "right after by a cron job it triggers, which queues them for the mail queue. "
            "The portal query count is the server's own count "
            "per request."
        ),
    )


if __name__ == "__main__":
    main()
