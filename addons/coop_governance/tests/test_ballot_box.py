# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy

from odoo.tests import BaseCase, tagged

from .. import ballot_box


@tagged("post_install", "-at_install")
class TestBallotBox(BaseCase):
    def _box(self):
        header = {"ballot": "b-1", "method": "irv", "options": ["A", "B"], "seats": 1, "seed": "s"}
        self.codes = [ballot_box.new_receipt_code() for _i in range(3)]
        entries = [
            ({"ranking": ["A"]}, ballot_box.receipt_hash(self.codes[0])),
            ({"ranking": ["B", "A"]}, ballot_box.receipt_hash(self.codes[1])),
            ({"ranking": ["A", "B"]}, ballot_box.receipt_hash(self.codes[2])),
        ]
        return ballot_box.publish_box(header, entries)

    def test_publish_verify_recount(self):
        box = self._box()
        self.assertEqual(ballot_box.verify_box(box), box["head"])
        self.assertEqual(ballot_box.recount(box)["elected"], ["A"])
        self.assertTrue(ballot_box.receipt_in_box(box, self.codes[1].lower()))
        self.assertFalse(ballot_box.receipt_in_box(box, ballot_box.new_receipt_code()))
        hashes = [e["receipt_hash"] for e in box["entries"]]
        self.assertEqual(hashes, sorted(hashes), "published in receipt order, not voting order")

    def test_receipt_typed_back_in_any_form(self):
        code = "ABCDE-FGH23-JKLMN-PQRS4"
        for typed in (
            code,
            code.lower(),
            "abcde fgh23 jklmn pqrs4",
            " ABCDEFGH23JKLMNPQRS4 ",
            "abcde-fgh23\tjklmn - pqrs4",
        ):
            self.assertEqual(ballot_box.normalize_receipt(typed), code, typed)
            self.assertEqual(ballot_box.receipt_hash(typed), ballot_box.receipt_hash(code))
        self.assertNotEqual(
            ballot_box.receipt_hash("ABCDE-FGH23-JKLMN-PQRS5"), ballot_box.receipt_hash(code)
        )

    def test_tampering_detected(self):
        box = self._box()
        for mutate in (
            lambda b: b["entries"][0]["content"].update(ranking=["B"]),
            lambda b: b["entries"].pop(1),
            lambda b: b["header"].update(seats=2),
            lambda b: b.update(head="0" * 64),
        ):
            tampered = copy.deepcopy(box)
            mutate(tampered)
            with self.assertRaises(ballot_box.BoxIntegrityError):
                ballot_box.recount(tampered)

    def test_receipt_codes_are_random(self):
        codes = {ballot_box.new_receipt_code() for _i in range(200)}
        self.assertEqual(len(codes), 200)
        self.assertEqual(
            ballot_box.receipt_hash("abcde-fghij"), ballot_box.receipt_hash("ABCDE-FGHIJ")
        )
