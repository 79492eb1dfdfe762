# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import stat
import tempfile

from odoo.tests import BaseCase, tagged

from .. import ballot_box, ballot_seal


@tagged("post_install", "-at_install")
class TestBallotSeal(BaseCase):
    """The sealing of the urn and the key directory, as plain functions."""

    def setUp(self):
        super().setUp()
        self.private_key, self.public_key = ballot_seal.new_key_pair()
        self.size = ballot_seal.padded_size(ballot_box.longest_envelope(["101", "102", "103"]))

    def _envelope(self, content):
        return ballot_box.envelope(content, ballot_box.receipt_hash(ballot_box.new_receipt_code()))

    def test_sealed_votes_open_with_the_key_only(self):
        envelope = self._envelope({"ranking": ["102", "101"]})
        sealed = ballot_seal.seal(self.public_key, envelope, self.size)
        self.assertEqual(ballot_seal.unseal(self.private_key, sealed), envelope)
        content, receipt = ballot_box.open_envelope(ballot_seal.unseal(self.private_key, sealed))
        self.assertEqual(content, {"ranking": ["102", "101"]})
        self.assertEqual(len(receipt), 64)
        other_private, _other_public = ballot_seal.new_key_pair()
        with self.assertRaisesRegex(ballot_seal.SealError, "does not open"):
            ballot_seal.unseal(other_private, sealed)
        tampered = bytearray(sealed)
        tampered[-1] ^= 1
        with self.assertRaisesRegex(ballot_seal.SealError, "does not open"):
            ballot_seal.unseal(self.private_key, bytes(tampered))

    def test_every_vote_of_a_ballot_seals_to_the_same_length(self):
        contents = [
            {"choice": "yes"},
            {"choice": "abstain"},
            {"ranking": ["101"]},
            {"ranking": ["103", "102", "101"]},
            {"choices": ["101", "102", "103"]},
        ]
        sealed = [
            ballot_seal.seal(self.public_key, self._envelope(content), self.size)
            for content in contents
        ]
        self.assertEqual({len(item) for item in sealed}, {len(sealed[0])})
        # the same vote twice seals to two different strings
        twice = self._envelope({"choice": "yes"})
        self.assertNotEqual(
            ballot_seal.seal(self.public_key, twice, self.size),
            ballot_seal.seal(self.public_key, twice, self.size),
        )
        with self.assertRaisesRegex(ballot_seal.SealError, "longer"):
            ballot_seal.seal(self.public_key, b"x" * self.size, self.size)

    def test_key_directory(self):
        with tempfile.TemporaryDirectory() as base:
            directory = os.path.join(base, "keys", "db")
            ballot_seal.store_private_key(directory, self.public_key, self.private_key)
            path = ballot_seal.key_path(directory, self.public_key)
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            self.assertEqual(stat.S_IMODE(os.stat(directory).st_mode), 0o700)
            self.assertEqual(
                ballot_seal.load_private_key(directory, self.public_key), self.private_key
            )
            with self.assertRaises(FileExistsError):
                ballot_seal.store_private_key(directory, self.public_key, self.private_key)
            _other_private, other_public = ballot_seal.new_key_pair()
            os.rename(path, ballot_seal.key_path(directory, other_public))
            with self.assertRaisesRegex(ballot_seal.SealError, "does not belong"):
                ballot_seal.load_private_key(directory, other_public)
            ballot_seal.destroy_private_key(directory, other_public)
            self.assertEqual(os.listdir(directory), [])
            with self.assertRaisesRegex(ballot_seal.SealError, "not on this server"):
                ballot_seal.load_private_key(directory, other_public)
            ballot_seal.destroy_private_key(directory, other_public)  # already gone: fine
