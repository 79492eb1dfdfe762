# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
import threading
import time
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentAdoptions(TransactionCase):
    """Two officers decide motions at the same moment, in two transactions,
    each retried on a serialization failure as Odoo's web layer retries a
    request. The data is committed through separate cursors (the test
    transaction's data would be invisible to them) and removed afterwards."""

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
                [{"name": f"Concurrent Member {index}"} for index in range(2)]
            )
            memberships = env["coop.membership"].create(
                [{"partner_id": p.id, "company_id": company.id} for p in partners]
            )
            memberships._coop_admit("concurrency test")
            body = env["coop.body"].create(
                {
                    "name": "Concurrent Assembly",
                    "kind": "general_assembly",
                    "company_id": company.id,
                }
            )
            # a meeting in session with everybody present, as its workflow
            # would have left it
            meeting = (
                env["coop.meeting"]
                ._coop_workflow()
                .create(
                    {
                        "name": "Concurrent Meeting",
                        "company_id": company.id,
                        "body_id": body.id,
                        "meeting_type": "egm",
                        "date_start": fields.Datetime.now() - timedelta(minutes=5),
                        "state": "held",
                    }
                )
            )
            env["coop.meeting.attendance"]._coop_workflow().create(
                [
                    {"meeting_id": meeting.id, "membership_id": m.id, "state": "present"}
                    for m in memberships
                ]
            )
            self.assertTrue(meeting.quorum_reached)
            motions = env["coop.motion"].create(
                [
                    {
                        "meeting_id": meeting.id,
                        "name": f"Concurrent motion {index}",
                        "text": "<p>Resolved.</p>",
                        "votes_yes": 2,
                    }
                    for index in range(2)
                ]
            )
            self.company_id, self.last_number = company.id, company.coop_resolution_last_number
            self.motion_ids = motions.ids
            self.committed = {
                "partners": tuple(partners.ids),
                "memberships": tuple(memberships.ids),
                "body": body.id,
                "meeting": meeting.id,
                "motions": tuple(motions.ids),
            }
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            ids = dict(self.committed, company=self.company_id, last=self.last_number)
            for query in (
                "DELETE FROM coop_resolution WHERE motion_id IN %(motions)s",
                "DELETE FROM coop_motion WHERE id IN %(motions)s",
                "DELETE FROM coop_meeting_attendance WHERE meeting_id = %(meeting)s",
                "DELETE FROM coop_meeting WHERE id = %(meeting)s",
                "DELETE FROM coop_body WHERE id = %(body)s",
                "DELETE FROM mail_followers WHERE (res_model = 'coop.motion' AND res_id IN "
                "%(motions)s) OR (res_model = 'coop.meeting' AND res_id = %(meeting)s) OR "
                "(res_model = 'coop.body' AND res_id = %(body)s) OR "
                "(res_model = 'coop.membership' AND res_id IN %(memberships)s)",
                "DELETE FROM mail_message WHERE (model = 'coop.motion' AND res_id IN "
                "%(motions)s) OR (model = 'coop.meeting' AND res_id = %(meeting)s) OR "
                "(model = 'coop.body' AND res_id = %(body)s) OR "
                "(model = 'coop.membership' AND res_id IN %(memberships)s)",
                "DELETE FROM mail_activity WHERE res_model = 'coop.membership' "
                "AND res_id IN %(memberships)s",
                "DELETE FROM coop_membership WHERE id IN %(memberships)s",
                "DELETE FROM res_partner WHERE id IN %(partners)s",
                "UPDATE res_company SET coop_resolution_last_number = %(last)s "
                "WHERE id = %(company)s",
            ):
                cr.execute(query, ids)

    def _decide_at_once(self, motion_ids):
        """Each motion decided by its own thread, both starting together and
        retried after a concurrency failure as Odoo's web layer retries a
        request (``odoo.service.model.retrying`` itself cannot run here: it
        looks the registry up, whose lock the test runner holds). The outcome
        of each: 'adopted', 'refused' or an unexpected error."""
        barrier = threading.Barrier(len(motion_ids))
        outcomes = []

        def decide(motion_id):
            try:
                for attempt in range(MAX_TRIES_ON_CONCURRENCY_FAILURE):
                    try:
                        with self.registry.cursor() as cr:
                            motion = self._committed_env(cr)["coop.motion"].browse(motion_id)
                            if not attempt:
                                # both read "draft" before either decides
                                motion.read(["state"])
                                barrier.wait(timeout=10)
                            motion.action_decide()
                        outcomes.append("adopted")
                        return
                    except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                        time.sleep(random.uniform(0.0, 0.5))
                outcomes.append("too many concurrency failures")
            except UserError:
                outcomes.append("refused")
            except Exception as error:  # noqa: BLE001  (reported by the assertion)
                outcomes.append(repr(error))

        threads = [threading.Thread(target=decide, args=(mid,)) for mid in motion_ids]
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        return sorted(outcomes)

    def _register(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT motion_id, number, reference FROM coop_resolution "
                "WHERE motion_id IN %s ORDER BY number",
                [tuple(self.motion_ids)],
            )
            return cr.fetchall()

    def test_two_motions_adopted_at_once_get_consecutive_numbers(self):
        self.assertEqual(self._decide_at_once(self.motion_ids), ["adopted", "adopted"])
        register = self._register()
        self.assertEqual(sorted(row[0] for row in register), sorted(self.motion_ids))
        first = register[0][1]
        self.assertEqual([row[1] for row in register], [first, first + 1])
        self.assertEqual([row[2] for row in register], [f"RES-{first:04d}", f"RES-{first + 1:04d}"])

    def test_one_motion_adopted_twice_at_once_is_adopted_once(self):
        motion_id = self.motion_ids[0]
        self.assertEqual(self._decide_at_once([motion_id, motion_id]), ["adopted", "refused"])
        self.assertEqual(len(self._register()), 1)
