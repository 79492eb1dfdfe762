import threading
import time

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestApplicationRace(TransactionCase):
    """One partner applies twice at the same moment, in two real transactions.

    Neither sees the other's uncommitted application, so both pass the ORM's
    check: the second fails to serialise on the partner's row, which Odoo
    retries (a request, a cron job) on a snapshot that sees the first
    application, and refuses with a readable message. Data is committed (the
    second connection must see it) and removed afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.company_id = env.ref("base.main_company").id
            self.partner_id = env["res.partner"].create({"name": "Applies Twice"}).id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["coop.membership"].search([("partner_id", "=", self.partner_id)]).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _apply(self, cr):
        # the test runner's thread holds the registry lock: hand the registry
        # over rather than have the environment look it up
        cr.transaction = api.Transaction(self.registry)
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["coop.membership"]._coop_apply(
            env["res.partner"].browse(self.partner_id), env["res.company"].browse(self.company_id)
        )

    def _others_waiting_on_a_lock(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            return cr.fetchone()[0]

    def test_two_applications_at_once_keep_one(self):
        first_applied = threading.Event()
        second_done = threading.Event()
        outcome = {}

        def first():
            with self.registry.cursor() as cr:
                self._apply(cr)
                first_applied.set()
                # commit only once the second transaction is blocked behind this
                # one (or, without the constraint, has gone through)
                deadline = time.monotonic() + 10
                while not second_done.is_set() and time.monotonic() < deadline:
                    if self._others_waiting_on_a_lock():
                        break
                    time.sleep(0.05)

        def second():
            first_applied.wait(10)
            try:
                with self.registry.cursor() as cr:
                    self._apply(cr)
                outcome["second"] = "applied"
            except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
                outcome["second"] = error
            finally:
                second_done.set()

        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
        # not the exclusion constraint, which a retry would not get past
        self.assertIsInstance(outcome.get("second"), SerializationFailure)
        with self.registry.cursor() as cr:
            with self.assertRaisesRegex(ValidationError, "already has a membership"):
                self._apply(cr)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state FROM coop_membership WHERE partner_id = %s AND company_id = %s",
                (self.partner_id, self.company_id),
            )
            self.assertEqual(cr.fetchall(), [("applicant",)])
