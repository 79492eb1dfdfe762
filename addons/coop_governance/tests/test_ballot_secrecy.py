# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from odoo.addons.coop_base.tests.common import JsonRpcCase

from .. import ballot_box, ballot_seal
from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestBallotSecrecy(GovernanceCase, JsonRpcCase, HttpCase):
    """Nothing an application user can read links a member to the content of
    a secret vote, and the urn is sealed to a key the database never holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second_teller = cls._new_user(
            "gov_teller_2", "coop_governance.group_coop_teller", cls.coop
        )

    def _urn(self, ballot):
        self.env.cr.execute(
            "SELECT envelope, roll_id FROM coop_ballot_urn WHERE ballot_id = %s", [ballot.id]
        )
        return [(bytes(envelope), roll_id) for envelope, roll_id in self.env.cr.fetchall()]

    def test_teller_entries_never_link_a_member_to_a_paper(self):
        ballot = self._ballot(method="yes_no", allow_paper=True, notify_voters=False)
        ballot.action_open()
        Entry = self.env["coop.ballot.teller.entry"].with_user(self.teller)
        self.assertNotIn("receipt_code", Entry._fields)
        # a member given with a content is dropped, whatever the order of edits
        entry = Entry.create(
            {"ballot_id": ballot.id, "mode": "issue_paper", "membership_id": self.members[0].id}
        )
        entry.write({"mode": "key_paper", "choice": "yes"})
        self.assertEqual((entry.membership_id.id, entry.choice), (False, "yes"))
        keyed = Entry.create(
            {
                "ballot_id": ballot.id,
                "mode": "key_paper",
                "membership_id": self.members[1].id,
                "choice": "no",
            }
        )
        self.assertFalse(keyed.membership_id)
        issued = Entry.create(
            {
                "ballot_id": ballot.id,
                "mode": "issue_paper",
                "membership_id": self.members[1].id,
                "choice": "no",
            }
        )
        self.assertFalse(issued.choice)
        # another teller, an officer of another co-op: none of these entries
        for user in (self.second_teller, self.other_officer):
            with self.subTest(user=user.login):
                found = self.rpc(user, "coop.ballot.teller.entry", "search_read", [], ["id"])
                self.assertFalse({row["id"] for row in found} & set((entry | keyed | issued).ids))
        issued.action_save()
        keyed.action_save()
        self.assertFalse((issued | keyed).exists(), "a recorded entry is deleted")
        entry.unlink()
        self.assertFalse(
            self.env["coop.ballot.teller.entry"].sudo().search([("ballot_id", "=", ballot.id)])
        )
        self._close_and_count(ballot)
        box = ballot.box_entry_ids
        self.assertNotIn("paper", box._fields, "no published entry is marked as a paper")
        self.assertFalse(box.roll_id)
        self.assertEqual(box.mapped("content"), ['{"choice":"no"}'])

    def test_secret_urn_is_sealed_to_a_key_outside_the_database(self):
        ballot = self._ballot(method="stv", seats=2, notify_voters=False)
        ballot.action_open()
        public_key = ballot._urn_public_key()
        directory = ballot._key_directory()
        path = ballot_seal.key_path(directory, public_key)
        self.assertTrue(os.path.isfile(path))
        self.assertFalse(
            os.path.realpath(path).startswith(
                os.path.realpath(config.filestore(self.env.cr.dbname))
            ),
            "the key is not in the filestore, which database backups include",
        )
        private_key = ballot._urn_private_key()
        for field_name, field in ballot._fields.items():
            if field.store and field.type in ("char", "text", "binary"):
                value = ballot[field_name]
                self.assertFalse(isinstance(value, str) and private_key.hex() in value, field_name)
        rankings = [("Ana",), ("Ben", "Ana", "Cleo", "Dev"), ("Cleo", "Dev")]
        codes = [
            ballot._cast_vote(member, {"ranking": self._keys(ballot, *names)}, "portal")
            for member, names in zip(self.members, rankings, strict=False)
        ]
        urn = self._urn(ballot)
        self.assertEqual({len(envelope) for envelope, _roll in urn}, {len(urn[0][0])})
        self.assertEqual({roll for _envelope, roll in urn}, {None})
        opened = []
        for envelope, _roll in urn:
            for clear in [ballot_box.receipt_hash(code) for code in codes] + ["ranking"]:
                self.assertNotIn(clear.encode(), envelope)
            opened.append(ballot_box.open_envelope(ballot_seal.unseal(private_key, envelope)))
        self.assertEqual(
            sorted(receipt for _content, receipt in opened),
            sorted(ballot_box.receipt_hash(code) for code in codes),
        )
        self._close_and_count(ballot)
        box = ballot._get_published_box()
        self.assertEqual(
            sorted(entry["content"]["ranking"] for entry in box["entries"]),
            sorted([self._keys(ballot, *names) for names in rankings]),
            "the published box holds the opened votes: anybody recounts it",
        )
        self.assertEqual(ballot_box.recount(box), ballot._get_result())
        self.assertEqual(self._urn(ballot), [])

    def test_roll_call_urn_is_not_sealed(self):
        ballot = self._ballot(method="yes_no", secret=False, notify_voters=False)
        ballot.action_open()
        self.assertFalse(ballot.urn_public_key)
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "teller")
        [(envelope, roll_id)] = self._urn(ballot)
        self.assertEqual(ballot_box.open_envelope(envelope)[0], {"choice": "yes"})
        self.assertEqual(roll_id, ballot.roll_ids.filtered("has_voted").id)
