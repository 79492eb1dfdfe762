# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import random
import threading
import time
from datetime import timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .. import ballot_seal


class CommittedBallotCase(TransactionCase):
    """A ballot and its voters committed through separate cursors (the test
    transaction's data would be invisible to other transactions), removed
    afterwards with the urn's key file."""

    members = 1
    ballot_values = {}

    def _committed_env(self, cr):
        # Give the cursor its transaction up front: looking the registry up
        # again would wait for the lock the test runner holds.
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            company = env.ref("base.main_company")
            partners = env["res.partner"].create(
                [{"name": f"Concurrent Voter {index}"} for index in range(self.members)]
            )
            memberships = env["coop.membership"].create(
                [{"partner_id": partner.id, "company_id": company.id} for partner in partners]
            )
            memberships._coop_admit("concurrency test")
            ballot = env["coop.ballot"].create(
                {
                    "name": "Concurrent ballot",
                    "company_id": company.id,
                    "method": "yes_no",
                    "notify_voters": False,
                    "date_close": fields.Datetime.now() + timedelta(hours=1),
                    **self.ballot_values,
                }
            )
            ballot.action_open()
            self.ballot_id = ballot.id
            self.membership_ids = tuple(memberships.ids)
            self.partner_ids = tuple(partners.ids)
            self.key_file = ballot_seal.key_path(ballot._key_directory(), ballot._urn_public_key())
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            ids = {
                "ballot": self.ballot_id,
                "memberships": self.membership_ids,
                "partners": self.partner_ids,
            }
            for query in (
                "DELETE FROM coop_ballot_urn WHERE ballot_id = %(ballot)s",
                "DELETE FROM coop_ballot_box_entry WHERE ballot_id = %(ballot)s",
                "DELETE FROM coop_ballot_roll WHERE ballot_id = %(ballot)s",
                "DELETE FROM coop_ballot_mailing WHERE ballot_id = %(ballot)s",
                "DELETE FROM mail_followers WHERE res_model = 'coop.ballot' "
                "AND res_id = %(ballot)s",
                "DELETE FROM mail_message WHERE model = 'coop.ballot' AND res_id = %(ballot)s",
                "DELETE FROM coop_ballot WHERE id = %(ballot)s",
                "DELETE FROM mail_followers WHERE res_model = 'coop.membership' "
                "AND res_id IN %(memberships)s",
                "DELETE FROM mail_message WHERE model = 'coop.membership' "
                "AND res_id IN %(memberships)s",
                "DELETE FROM mail_activity WHERE res_model = 'coop.membership' "
                "AND res_id IN %(memberships)s",
                "DELETE FROM coop_membership WHERE id IN %(memberships)s",
                "DELETE FROM res_partner WHERE id IN %(partners)s",
            ):
                cr.execute(query, ids)
        if os.path.exists(self.key_file):
            os.remove(self.key_file)

    def _at_once(self, *calls):
        """Run each ``call(env)`` in its own transaction, all starting
        together, each run again in a new transaction after a serialization
        failure as Odoo's web layer retries a request (``retrying`` itself
        waits for the registry lock the test runner holds); the outcome of
        each: 'done', 'refused' or the unexpected error."""
        barrier = threading.Barrier(len(calls))
        outcomes = []

        def run(call):
            for attempt in range(5):
                try:
                    with self.registry.cursor() as cr:
                        env = self._committed_env(cr)
                        if not attempt:
                            # every transaction takes its snapshot before any writes
                            self._ballot(env).read(["state", "paper_issued_count"])
                            barrier.wait(timeout=10)
                        call(env)
                    outcomes.append("done")
                    return
                except psycopg2.errors.SerializationFailure:
                    time.sleep(random.uniform(0.0, 0.2 * 2**attempt))
                except UserError:
                    outcomes.append("refused")
                    return
                except Exception as error:  # noqa: BLE001  (reported by the assertion)
                    outcomes.append(repr(error))
                    return
            outcomes.append("still failing after 5 tries")

        threads = [threading.Thread(target=run, args=(call,)) for call in calls]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
        return sorted(outcomes)

    def _ballot(self, env):
        return env["coop.ballot"].browse(self.ballot_id)

    def _membership(self, env, index=0):
        return env["coop.membership"].browse(self.membership_ids[index])


@tagged("post_install", "-at_install")
class TestConcurrentVotes(CommittedBallotCase):
    def test_two_votes_at_once_one_counts(self):
        barrier = threading.Barrier(2)
        outcomes = []

        def vote(choice):
            try:
                with self.registry.cursor() as cr:
                    env = self._committed_env(cr)
                    ballot = self._ballot(env)
                    ballot.roll_ids.mapped(
                        "vote_count"
                    )  # both read "not voted" before either writes
                    barrier.wait(timeout=10)
                    ballot._cast_vote(self._membership(env), {"choice": choice}, "portal")
                outcomes.append("cast")
            except UserError:
                outcomes.append("refused")
            except psycopg2.errors.SerializationFailure:
                # The web layer retries such a request, which then sees the vote and refuses.
                outcomes.append("refused")
            except Exception as error:  # noqa: BLE001  (reported by the assertion below)
                outcomes.append(repr(error))

        threads = [threading.Thread(target=vote, args=(choice,)) for choice in ("yes", "no")]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
        self.assertEqual(sorted(outcomes), ["cast", "refused"])
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT vote_count FROM coop_ballot_roll "
                "WHERE ballot_id = %s AND membership_id = %s",
                [self.ballot_id, self.membership_ids[0]],
            )
            self.assertEqual(cr.fetchall(), [(1,)])
            cr.execute(
                "SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = %s", [self.ballot_id]
            )
            self.assertEqual(cr.fetchone()[0], 1, "exactly one ballot in the urn")

    def test_urn_key_lives_outside_the_database_until_the_count_is_committed(self):
        self.assertTrue(os.path.isfile(self.key_file), "written when the ballot opened")
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            self._ballot(env)._cast_vote(self._membership(env), {"choice": "yes"}, "portal")
        # a count that rolls back keeps the key: the ballot can still be counted
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            ballot = self._ballot(env)
            ballot._close_early("Counted in the test.")
            ballot._count()
            cr.rollback()
        self.assertTrue(os.path.isfile(self.key_file))
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            ballot = self._ballot(env)
            ballot._close_early("Counted in the test.")
            ballot._count()
        self.assertFalse(os.path.exists(self.key_file), "destroyed once the count is committed")
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            ballot = self._ballot(env)
            self.assertEqual(ballot.state, "closed")
            self.assertEqual(ballot._get_result()["counts"]["yes"], 1)

    def test_closing_waits_for_a_vote_in_flight(self):
        """A vote whose transaction began before voting stopped is either
        counted or refused, never left behind in the urn."""
        outcomes = self._at_once(
            lambda env: self._ballot(env)._cast_vote(
                self._membership(env), {"choice": "no"}, "portal"
            ),
            lambda env: self._ballot(env)._close_early("Closed while a member votes."),
        )
        self.assertIn(outcomes, (["done", "done"], ["done", "refused"]))
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            ballot = self._ballot(env)
            self.assertEqual(ballot.state, "counting")
            ballot._count()
            self.assertEqual(ballot.state, "closed")
            self.assertEqual(ballot._get_result()["valid"], ballot.voted_count)


@tagged("post_install", "-at_install")
class TestConcurrentPaper(CommittedBallotCase):
    """Issuing and keying in paper ballots at the same moment, under Odoo's
    REPEATABLE READ: one paper issued is keyed in once, and the ballot
    still closes."""

    members = 2
    ballot_values = {"allow_paper": True}

    def test_one_paper_keyed_twice_at_once_counts_once(self):
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            self._ballot(env)._issue_paper(self._membership(env))
        outcomes = self._at_once(
            lambda env: self._ballot(env)._key_in_paper({"choice": "yes"}),
            lambda env: self._ballot(env)._key_in_paper({"choice": "no"}),
        )
        self.assertEqual(outcomes, ["done", "refused"])
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            ballot = self._ballot(env)
            self.assertEqual((ballot.paper_issued_count, ballot.paper_keyed_count), (1, 1))
            cr.execute(
                "SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = %s", [self.ballot_id]
            )
            self.assertEqual(cr.fetchone()[0], 1, "one paper in the urn")
            ballot._close_early("Every paper is keyed in.")
            ballot._count()
            self.assertEqual(ballot.state, "closed")

    def test_issue_and_key_in_at_once(self):
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            self._ballot(env)._issue_paper(self._membership(env, 0))
        outcomes = self._at_once(
            lambda env: self._ballot(env)._key_in_paper({"choice": "yes"}),
            lambda env: self._ballot(env)._issue_paper(self._membership(env, 1)),
            lambda env: self._ballot(env)._key_in_paper({"choice": "no"}),
        )
        # the second key-in counts only if the second paper was issued first
        self.assertIn(outcomes, (["done", "done", "done"], ["done", "done", "refused"]))
        with self.registry.cursor() as cr:
            env = self._committed_env(cr)
            ballot = self._ballot(env)
            cr.execute(
                "SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = %s", [self.ballot_id]
            )
            in_urn = cr.fetchone()[0]
            self.assertEqual(ballot.paper_issued_count, 2)
            self.assertEqual(ballot.paper_keyed_count, in_urn)
            self.assertLessEqual(in_urn, 2)
