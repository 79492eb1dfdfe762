"""Benchmark of coop_governance: a 100,000-member electorate.

Measures opening a ballot (freezing the roll) and closing it as the officer's
requests, with notifications on (every member has an email): the mails to
the roll are rendered by a batched cron, measured per batch. Also tallying
100,000 ranked ballots with 10 candidates by IRV and by STV for 5 seats,
counting a closed ballot in the governance cron (opening the 100,000 sealed
votes, publishing the hash-chained box, counting), and voting through the
portal over real HTTP with concurrent clients, checking that no vote is lost
or doubled.

    .venv/bin/python tests/benchmarks/bench_coop_governance.py [--scale 0.01]
"""

import argparse
import configparser
import http.client
import json
import random
import re
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402
import requests  # noqa: E402

from odoo import Command, fields  # noqa: E402

DATABASE = "coop_bench_governance"
CANDIDATES = 10
SEATS = 5


def populate(env, members):
    """A co-op with ``members`` members in good standing, inserted in bulk."""
    company = env["res.company"].search([("name", "=", "Bench Governance Co-op")], limit=1)
    if company:
        return company
    company = env["res.company"].create(
        {"name": "Bench Governance Co-op", "coop_quorum_type": "percent", "coop_quorum_value": 10}
    )
    env.cr.execute(
        """INSERT INTO res_partner (name, complete_name, email, active, type, company_id,
                                    create_date, write_date, create_uid, write_uid)
           SELECT 'Bench member ' || n, 'Bench member ' || n, 'bench' || n || '@example.com', true,
                  'contact', NULL, now(), now(), 1, 1
             FROM generate_series(1, %s) AS n RETURNING id""",
        [members],
    )
    partner_ids = [row[0] for row in env.cr.fetchall()]
    env.cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids]
    )
    env.cr.execute(
        """INSERT INTO coop_membership
               (partner_id, company_id, member_number, state, application_date,
                admission_date, create_date, write_date, create_uid, write_uid)
           SELECT p, %s, 'B' || lpad(n::text, 7, '0'), 'member', '2020-01-01', '2020-01-01',
                  now(), now(), 1, 1
             FROM unnest(%s::int[]) WITH ORDINALITY AS t(p, n)""",
        [company.id, partner_ids],
    )
    env.invalidate_all()
    return company


def new_ballot(env, company, method="stv", seats=SEATS, name="Bench ballot", notify=False):
    return env["coop.ballot"].create(
        {
            "name": name,
            "company_id": company.id,
            "method": method,
            "seats": seats,
            "notify_voters": notify,
            "date_close": fields.Datetime.now() + timedelta(days=1),
            "option_ids": [
                Command.create({"name": f"Candidate {i}", "sequence": i}) for i in range(CANDIDATES)
            ],
        }
    )


def random_rankings(count, keys, seed=2007):
    rng = random.Random(seed)
    popularity = {key: rng.random() for key in keys}
    rankings = []
    for _index in range(count):
        order = sorted(keys, key=lambda k: -popularity[k] * rng.random())
        rankings.append(order[: rng.randint(1, len(keys))])
    return rankings


def fill_urn(env, ballot, rankings):
    """Cast the ballots in bulk, as the voting path would leave them: every
    vote sealed to the urn's key."""
    from odoo.addons.coop_governance import ballot_box, ballot_seal

    env.cr.execute(
        "UPDATE coop_ballot_roll SET vote_count = 1, channel = 'portal' WHERE id IN "
        "(SELECT id FROM coop_ballot_roll WHERE ballot_id = %s ORDER BY id LIMIT %s)",
        [ballot.id, len(rankings)],
    )
    public_key = ballot._urn_public_key()
    size = ballot_seal.padded_size(ballot_box.longest_envelope(ballot._option_keys()))
    envelopes = [
        ballot_seal.seal(
            public_key,
            ballot_box.envelope(
                {"ranking": ranking}, ballot_box.receipt_hash(ballot_box.new_receipt_code())
            ),
            size,
        )
        for ranking in rankings
    ]
    env.cr.execute(
        """INSERT INTO coop_ballot_urn (entry_key, ballot_id, envelope)
           SELECT md5(random()::text || e::text), %s, e FROM unnest(%s::bytea[]) AS t(e)""",
        [ballot.id, envelopes],
    )
    ballot.invalidate_recordset()


def open_now(ballot):
    """Open the ballot and draw its roll, as the governance cron would."""
    ballot.action_open()
    if ballot.state == "opening":
        ballot._freeze_roll()


def close_now(ballot):
    """Stop voting with a recorded decision and count, as the cron would."""
    ballot._close_early("Closed by the benchmark.")
    ballot._count()


def portal_users(env, company, count):
    members = env["coop.membership"].search(
        [("company_id", "=", company.id)], limit=count, order="id"
    )
    users = env["res.users"].search([("login", "=like", "bench_voter_%")])
    if len(users) < count:
        portal = env.ref("base.group_portal")
        for index, membership in enumerate(members[len(users) :], start=len(users)):
            env["res.users"].with_context(no_reset_password=True).create(
                {
                    "login": f"bench_voter_{index}",
                    "password": f"bench_voter_{index}",
                    "partner_id": membership.partner_id.id,
                    "groups_id": [Command.set(portal.ids)],
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                }
            )
    return [f"bench_voter_{index}" for index in range(count)]


def send(session, method, url, outcomes, **kwargs):
    """A request, sent again when the server turns it away before any work
    (HTTP 500 while its connection pool is full), as a browser user would."""
    for _attempt in range(10):
        try:
            response = session.request(method, url, timeout=120, **kwargs)
        except requests.ConnectionError:
            # the listen queue overflowed: the kernel dropped the connection
            outcomes.append("retried")
            continue
        if response.status_code < 500:
            return response
        outcomes.append("retried")
        time.sleep(0.5)
    response.raise_for_status()


def post_json(session, url, path, payload, outcomes):
    """POST ``payload`` as JSON with the session's cookie through http.client:
    the client threads share the two cores with the server they measure, and
    requests costs them about 2.3 ms of CPU a vote where this costs 0.7. Sent
    again after a 5xx, as ``send``; answers the decoded JSON."""
    parts = urlsplit(url)
    cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    body = json.dumps(payload)
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    for _attempt in range(10):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            connection.request("POST", path, body, headers)
            response = connection.getresponse()
            data = response.read()
        except (http.client.HTTPException, ConnectionError):
            # closed without an answer (the listen queue overflowed): not sent
            # again, a vote's fate is then read from the database
            return None
        finally:
            connection.close()
        if response.status < 500:
            return json.loads(data)
        outcomes.append("retried")
        time.sleep(0.5)
    raise RuntimeError(f"POST {path}: HTTP {response.status}")


def compose_options():
    """The server options of odoo.conf, the file the Compose set-up runs."""
    config = configparser.ConfigParser()
    config.read(benchlib.suite.REPO / "odoo.conf")
    return config["options"]


def ballot_form(session, url, ballot_id, outcomes):
    """What the member's browser holds once the ballot page is shown: the form's
    token and the voter it casts for."""
    page = send(session, "GET", f"{url}/my/governance/ballot/{ballot_id}", outcomes).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    voter = re.search(r'name="voter_id" value="(\d+)"', page).group(1)
    return token, voter


def http_cast(session, url, ballot_id, form, keys, latencies, outcomes):
    """Cast the confirmed vote as the confirmation page's script does (JSON, the
    receipt box back); time it."""
    _token, voter = form
    content = json.dumps({"ranking": random.sample(keys, 3)})
    start = time.perf_counter()
    answer = post_json(
        session,
        url,
        f"/my/governance/ballot/{ballot_id}/cast/json",
        {"jsonrpc": "2.0", "method": "call", "params": {"voter_id": voter, "content": content}},
        outcomes,
    )
    if answer is None:
        outcomes.append("dropped")
        return
    latencies.append(time.perf_counter() - start)
    result = answer.get("result") or {}
    if "o_coop_receipt" in result.get("receipt_html", ""):
        outcomes.append("cast")
    elif "already voted" in result.get("error", ""):
        outcomes.append("refused")
    else:
        outcomes.append("failed")


def run_clients(sessions, work):
    """Run work(session) for every client at once; the wall time it took."""
    threads = [threading.Thread(target=work, args=(session,)) for session in sessions]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 100,000 members")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--http-ballots", type=int, default=4, help="ballots of a burst")
    parser.add_argument(
        "--http-rounds",
        type=int,
        default=5,
        help="bursts of votes, each on new ballots: a burst of a few seconds is at the mercy "
        "of one slow second, the median of several is not",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(compose_options()["workers"]),
        help="Odoo HTTP workers (default: odoo.conf's, as Compose runs it); 0: threaded server",
    )
    args = parser.parse_args()
    members = max(int(100_000 * args.scale), args.clients * 2)
    clients = args.clients

    with benchlib.database(DATABASE, ["coop_governance"]) as env:
        from odoo.addons.coop_governance import ballot_box, tally

        company = populate(env, members)
        env.cr.commit()
        electorate = env["coop.membership"].search_count(
            [("company_id", "=", company.id), ("state", "=", "member")]
        )
        print(f"electorate: {electorate} members", flush=True)

        Mailing = env["coop.ballot.mailing"]
        ballots = []

        def prepare():
            ballots.append(new_ballot(env, company, notify=True))

        benchlib.measure(
            f"open ballot of {electorate} members: the officer's request (notifications on)",
            lambda: ballots[-1].action_open(),
            repeat=3,
            setup=prepare,
        )
        benchlib.measure(
            f"draw the roll of {electorate} (governance cron), make the urn's key, queue mails",
            lambda: env["coop.ballot"]._cron_remind_and_close(),
            repeat=3,
        )
        assert all(b.state == "open" and b.roll_count == electorate for b in ballots)
        benchlib.measure(
            "mails of the opening: a batch of 500 rendered and queued by the cron",
            lambda: Mailing._cron_send(batch_size=500),
            repeat=2,
        )
        ballot = ballots[-1]
        keys = ballot._option_keys()
        rankings = random_rankings(electorate, keys)
        contents = [{"ranking": ranking} for ranking in rankings]
        irv = benchlib.measure(
            f"IRV tally, {len(contents)} ballots x {CANDIDATES} candidates",
            lambda: tally.count_irv(contents, keys, "bench"),
        )
        stv = benchlib.measure(
            f"STV tally (Scottish), {len(contents)} ballots, {SEATS} seats",
            lambda: tally.count_stv(contents, keys, SEATS, "bench"),
        )
        print(f"  IRV: {len(irv['rounds'])} rounds; STV: {len(stv['stages'])} stages", flush=True)
        fill_urn(env, ballot, rankings)
        benchlib.measure(
            f"close ballot: voting of {electorate} stops, count queued (notifications on)",
            ballot.action_close,
            repeat=1,
        )
        benchlib.measure(
            f"count (governance cron): open {len(rankings)} sealed votes, publish the "
            "hash-chained box, count, queue the results mails",
            lambda: env["coop.ballot"]._cron_remind_and_close(),
            repeat=1,
        )
        assert ballot.state == "closed"
        assert ballot.voted_count == len(rankings) == len(ballot.box_entry_ids)
        benchlib.measure(
            "recount the published box",
            lambda: ballot_box.recount(ballot._get_published_box()),
            repeat=1,
        )
        # the other mails of these ballots would take the cron minutes: not sent
        Mailing.search([]).write({"done": True})
        for old in ballots[:-1]:
            close_now(old)

        # In-process cost of one portal vote, for the query count.
        single = new_ballot(env, company, method="irv", seats=1, name="Bench single vote")
        open_now(single)
        voters = iter(
            env["coop.membership"].search(
                [("company_id", "=", company.id)], limit=5, order="id desc"
            )
        )
        benchlib.measure(
            "one vote (in process: roll check, DB-guarded mark, urn insert)",
            lambda: single._cast_vote(
                next(voters), {"ranking": single._option_keys()[:3]}, "portal"
            ),
        )
        close_now(single)

        logins = portal_users(env, company, clients)
        http_ballots = [
            new_ballot(env, company, method="irv", seats=1, name=f"HTTP ballot {i}")
            for i in range(args.http_ballots * args.http_rounds)
        ]
        for http_ballot in http_ballots:
            open_now(http_ballot)
        ballot_options = [(b.id, b._option_keys()) for b in http_ballots]
        env.cr.commit()

        twin_ballot = new_ballot(env, company, method="irv", seats=1, name="HTTP twin votes")
        open_now(twin_ballot)
        twin_keys = twin_ballot._option_keys()
        env.cr.commit()
        server_args = [
            f"--workers={args.workers}",
            f"--db_maxconn={compose_options()['db_maxconn']}",
            f"--gevent-port={benchlib.suite.free_port()}",
        ]
        with benchlib.serve(DATABASE, *(server_args if args.workers else [])) as url:
            sessions = [benchlib.http_login(url, login) for login in logins]
            forms, latencies, outcomes = {}, [], []
            # Each member opens the ballot page (not timed), then all vote at once.
            run_clients(
                sessions,
                lambda session: forms.update(
                    {
                        (id(session), ballot_id): ballot_form(session, url, ballot_id, outcomes)
                        for ballot_id, _keys in ballot_options + [(twin_ballot.id, None)]
                    }
                ),
            )
            client_cpu, elapsed, rates = time.process_time(), 0.0, []
            for burst in range(args.http_rounds):
                ballots = ballot_options[burst * args.http_ballots :][: args.http_ballots]
                before = outcomes.count("cast")
                seconds = run_clients(
                    sessions,
                    lambda session, ballots=ballots: [
                        http_cast(
                            session,
                            url,
                            ballot_id,
                            forms[id(session), ballot_id],
                            keys,
                            latencies,
                            outcomes,
                        )
                        for ballot_id, keys in ballots
                    ],
                )
                elapsed += seconds
                rates.append((outcomes.count("cast") - before) / seconds)
            client_cpu = time.process_time() - client_cpu
            # The same member sends a vote twice at once: exactly one must count.
            twin_outcomes = []
            run_clients(
                [session for session in sessions for _twin in range(2)],
                lambda session: http_cast(
                    session,
                    url,
                    twin_ballot.id,
                    forms[id(session), twin_ballot.id],
                    twin_keys,
                    [],
                    twin_outcomes,
                ),
            )

        env.cr.rollback()  # a snapshot taken after the votes
        env.invalidate_all()
        cast, retried = outcomes.count("cast"), outcomes.count("retried")
        failed = outcomes.count("failed") + outcomes.count("refused")
        expected = clients * len(http_ballots)
        recorded = sum(b.voted_count for b in http_ballots)
        all_ballots = [b.id for b in http_ballots] + [twin_ballot.id]
        env.cr.execute(
            "SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = ANY(%s)", [all_ballots]
        )
        in_urn = env.cr.fetchone()[0]
        twins_cast, twins_refused = twin_outcomes.count("cast"), twin_outcomes.count("refused")
        mode = f"{args.workers} prefork workers" if args.workers else "threaded server"
        benchlib.record(
            f"HTTP vote ({mode}, {clients} concurrent members), p50 per request",
            statistics.median(latencies),
            0,
            len(latencies),
        )
        benchlib.record(
            f"HTTP vote ({mode}, {clients} concurrent members), p95 per request",
            percentile(latencies, 0.95),
            0,
            len(latencies),
        )
        benchlib.record(
            f"HTTP: {cast} votes cast in {args.http_rounds} bursts of "
            f"{clients * args.http_ballots}, median burst {statistics.median(rates):.1f} votes/s "
            f"(slowest {min(rates):.1f}, fastest {max(rates):.1f}; {mode})",
            elapsed,
            0,
            len(latencies),
        )
        dropped = outcomes.count("dropped") + twin_outcomes.count("dropped")
        # every vote the server confirmed is in the urn once, and nothing else is
        ok = (
            cast == recorded
            and in_urn == recorded + twin_ballot.voted_count
            and twins_cast == twin_ballot.voted_count
            and twins_cast + twin_outcomes.count("dropped") >= twins_refused
            and not failed
        )
        notes = (
            f"HTTP check ({mode}): {expected} votes ({clients} members x {len(http_ballots)} "
            f"ballots, in {args.http_rounds} bursts) sent at once: {cast} cast, {failed} failed, "
            f"{retried} requests sent again after a 5xx or a dropped connection, {dropped} votes "
            f"whose connection the kernel dropped (listen queue full); {recorded} roll entries "
            "voted. "
            "Then each member sent one more vote "
            f"twice at once: {twins_cast} cast, {twins_refused} refused as second votes; "
            f"{in_urn} ballots in the urns -> "
            f"{'no vote lost or doubled' if ok else 'MISMATCH'}. "
            f"The {clients} client threads (this process) used {client_cpu:.1f} s of CPU while the "
            f"votes were sent ({client_cpu / elapsed:.0%} of one core). "
            "HTTP query counts are those of the in-process vote."
        )
        benchlib.report(f"coop_governance (electorate {electorate})", notes)
        for http_ballot in [*http_ballots, twin_ballot]:
            close_now(http_ballot)
        if not ok:
            raise SystemExit("votes lost or doubled")


if __name__ == "__main__":
    main()
