"""Receipts and the published, hash-chained ballot box.

Plain Python, no ORM. A member recounts a ballot with this file and
``tally.py`` side by side::

    python3 -c "import json, ballot_box; print(ballot_box.recount(json.load(open('box.json'))))"

The box is published when the ballot closes: a header (method, options,
seats, seed, the ballot's public reference) and one entry per ballot, in
receipt-hash order, each chained to the previous one by SHA-256.
"""

import hashlib
import json
import secrets

if __package__:
    from . import tally
else:  # a member's copy of the two files, run on their own
    import tally

GENESIS_LABEL = "coop-governance-ballot-box"
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class BoxIntegrityError(ValueError):
    """The published ballot box does not match its hash chain."""


def canonical_json(data):
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def new_receipt_code():
    """Random receipt shown once to the voter: 20 base32 characters in groups."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _index in range(20))
    return "-".join(raw[i : i + 5] for i in range(0, 20, 5))


def normalize_receipt(code):
    """A receipt as issued (groups of 5 joined by dashes) from however it was
    typed back: lower case, spaces or dashes between groups, or none."""
    raw = "".join(char for char in (code or "").upper() if char.isalnum())
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def receipt_hash(code):
    return hashlib.sha256(normalize_receipt(code).encode()).hexdigest()


def envelope(content, receipt):
    """One vote as the urn holds it while voting runs: its canonical content
    and its receipt hash (sealed together in a secret ballot)."""
    return canonical_json({"content": content, "receipt": receipt}).encode()


def open_envelope(data):
    """(content, receipt hash) of an envelope."""
    value = json.loads(bytes(data).decode())
    return value["content"], value["receipt"]


def longest_envelope(options):
    """Length of the longest envelope a ballot with these option keys holds:
    every option ranked (or approved), or the longest yes/no choice."""
    receipt = receipt_hash("")
    options = [str(option) for option in options]
    return max(
        len(envelope(content, receipt))
        for content in ({"choice": "abstain"}, {"ranking": options}, {"choices": options})
    )


def chain_hash(previous, content, receipt):
    """Hash of one box entry: previous head, canonical content and receipt hash."""
    data = f"{previous}\n{canonical_json(content)}\n{receipt}"
    return hashlib.sha256(data.encode()).hexdigest()


def genesis_hash(header):
    return hashlib.sha256(f"{GENESIS_LABEL}\n{canonical_json(header)}".encode()).hexdigest()


def publish_box(header, entries):
    """Build the published box from (content, receipt hash) pairs.

    ``header`` holds what a recount needs: method, options, seats, seed and the
    ballot's public reference. Entries are ordered by receipt hash, which is
    random, so the order says nothing about who voted when.
    """
    head = genesis_hash(header)
    published = []
    for content, receipt in sorted(entries, key=lambda entry: entry[1]):
        head = chain_hash(head, content, receipt)
        published.append({"content": content, "receipt_hash": receipt, "hash": head})
    return {"header": header, "entries": published, "head": head}


def verify_box(box):
    """Recompute the chain; return its head or raise BoxIntegrityError."""
    head = genesis_hash(box["header"])
    for position, entry in enumerate(box["entries"], start=1):
        head = chain_hash(head, entry["content"], entry["receipt_hash"])
        if head != entry["hash"]:
            raise BoxIntegrityError(f"Entry {position} does not match the hash chain.")
    if head != box["head"]:
        raise BoxIntegrityError("The head of the chain does not match.")
    return head


def receipt_in_box(box, code):
    wanted = receipt_hash(code)
    return any(entry["receipt_hash"] == wanted for entry in box["entries"])


def recount(box):
    """Verify the published box and count it again from scratch."""
    verify_box(box)
    header = box["header"]
    contents = [
        tally.validate_content(
            header["method"], header["options"], entry["content"], header.get("seats", 1)
        )
        for entry in box["entries"]
    ]
    return tally.tally(
        header["method"], header["options"], contents, header.get("seats", 1), header["seed"]
    )
