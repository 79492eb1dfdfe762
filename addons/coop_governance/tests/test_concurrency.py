# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from datetime import timedelta

import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentVotes(TransactionCase):
    """Two transactions cast the same member's vote at the same moment.

    The data is committed through separate cursors (the test transaction's
    data would be invisible to them) and removed afterwards.
    """

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
            partner = env["res.partner"].create({"name": "Concurrent Voter"})
            membership = env["coop.membership"].create(
                {"partner_id": partner.id, "company_id": company.id}
            )
            membership._coop_admit("concurrency test")
            ballot = env["coop.ballot"].create(
                {
                    "name": "Concurrent ballot",
                    "company_id": company.id,
                    "method": "yes_no",
                    "notify_voters": False,
                    "date_close": fields.Datetime.now() + timedelta(hours=1),
                }
            )
            ballot.action_open()
            self.ballot_id, self.membership_id, self.partner_id = (
                ballot.id,
                membership.id,
                partner.id,
            )
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            for query in (
                "DELETE FROM coop_ballot_urn WHERE ballot_id = %(ballot)s",
                "DELETE FROM coop_ballot_box_entry WHERE ballot_id = %(ballot)s",
                "DELETE FROM coop_ballot_roll WHERE ballot_id = %(ballot)s",
                "DELETE FROM mail_followers WHERE res_model = 'coop.ballot' "
                "AND res_id = %(ballot)s",
                "DELETE FROM mail_message WHERE model = 'coop.ballot' AND res_id = %(ballot)s",
                "DELETE FROM coop_ballot WHERE id = %(ballot)s",
                "DELETE FROM mail_followers WHERE res_model = 'coop.membership' "
                "AND res_id = %(membership)s",
                "DELETE FROM mail_message WHERE model = 'coop.membership' "
                "AND res_id = %(membership)s",
                "DELETE FROM coop_membership WHERE id = %(membership)s",
                "DELETE FROM res_partner WHERE id = %(partner)s",
            ):
                cr.execute(
                    query,
                    {
                        "ballot": self.ballot_id,
                        "membership": self.membership_id,
                        "partner": self.partner_id,
                    },
                )

    def test_two_votes_at_once_one_counts(self):
        barrier = threading.Barrier(2)
        outcomes = []

        def vote(choice):
            try:
                with self.registry.cursor() as cr:
                    env = self._committed_env(cr)
                    ballot = env["coop.ballot"].browse(self.ballot_id)
                    membership = env["coop.membership"].browse(self.membership_id)
                    ballot.roll_ids.mapped(
                        "vote_count"
                    )  # both read "not voted" before either writes
                    barrier.wait(timeout=10)
                    ballot._cast_vote(membership, {"choice": choice}, "portal")
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
                [self.ballot_id, self.membership_id],
            )
            self.assertEqual(cr.fetchall(), [(1,)])
            cr.execute(
                "SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = %s", [self.ballot_id]
            )
            self.assertEqual(cr.fetchone()[0], 1, "exactly one ballot in the urn")
