"""Sealing the urn of a secret ballot to a key the database never holds.

Plain Python, no ORM. When a secret ballot opens it gets an X25519 key pair:
the public key is stored on the ballot, the private key in a file of the
server's key directory, outside the database and its backups. Each vote is
sealed at casting, sealed-box style: a fresh ephemeral key pair, a shared
secret with the ballot's public key, HKDF-SHA256 and ChaCha20-Poly1305. Every
sealed vote of a ballot has the same length (the plaintext is padded to the
ballot's longest possible vote), so its size says nothing either. Counting
opens the urn with the private key file, which is destroyed once the count
is committed: from then on a sealed row kept anywhere (a dead tuple, an old
dump) opens for nobody.
"""

import hashlib
import hmac
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

KEY_SIZE = 32
HKDF_INFO = b"coop-governance-sealed-vote"
# every key is used for one message only: a constant nonce is safe
NONCE = bytes(12)
LENGTH = struct.Struct(">I")
PAD_BLOCK = 64


class SealError(ValueError):
    """A sealed vote does not open with this key, or a key is missing."""


def _raw(key):
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_key_pair():
    """(private key, public key), 32 raw bytes each."""
    private = X25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw_private, _raw(private.public_key())


def _cipher(shared, ephemeral_public, recipient_public):
    """ChaCha20-Poly1305 keyed by HKDF-SHA256 (RFC 5869, no salt, one block)
    of the shared secret, bound to both public keys."""
    info = HKDF_INFO + ephemeral_public + recipient_public
    pseudo_random_key = hmac.new(bytes(32), shared, hashlib.sha256).digest()
    return ChaCha20Poly1305(hmac.new(pseudo_random_key, info + b"\x01", hashlib.sha256).digest())


def padded_size(longest):
    """Length every plaintext of a ballot is padded to: its longest possible
    vote, its length prefix, rounded up to a block."""
    needed = LENGTH.size + longest
    return -(-needed // PAD_BLOCK) * PAD_BLOCK


def seal(public_key, plaintext, size):
    """Seal ``plaintext`` (bytes) to ``public_key``, padded to ``size`` bytes."""
    if LENGTH.size + len(plaintext) > size:
        raise SealError("The vote is longer than any vote of this ballot can be.")
    padded = LENGTH.pack(len(plaintext)) + plaintext
    padded += bytes(size - len(padded))
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    sealed = _cipher(shared, ephemeral_public, public_key).encrypt(NONCE, padded, None)
    return ephemeral_public + sealed


def opener(private_key):
    """A function that opens the votes sealed by :func:`seal` to the public
    key of ``private_key`` (the key is loaded once for a whole urn)."""
    private = X25519PrivateKey.from_private_bytes(private_key)
    public_key = _raw(private.public_key())

    def unseal(sealed):
        ephemeral_public, ciphertext = bytes(sealed[:KEY_SIZE]), bytes(sealed[KEY_SIZE:])
        try:
            shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
            padded = _cipher(shared, ephemeral_public, public_key).decrypt(NONCE, ciphertext, None)
        except (InvalidTag, ValueError) as error:
            raise SealError("A sealed vote does not open with this ballot's key.") from error
        (length,) = LENGTH.unpack_from(padded)
        return padded[LENGTH.size : LENGTH.size + length]

    return unseal


def unseal(private_key, sealed):
    """The plaintext of one vote sealed by :func:`seal`."""
    return opener(private_key)(sealed)


# ---------------------------------------------------------------------------
# The key directory: one file per open secret ballot, named after its public key
# ---------------------------------------------------------------------------


def key_path(directory, public_key):
    return os.path.join(directory, f"{hashlib.sha256(public_key).hexdigest()}.key")


def store_private_key(directory, public_key, private_key):
    """Write the private key, readable by the server's user only."""
    os.makedirs(directory, mode=0o700, exist_ok=True)
    descriptor = os.open(
        key_path(directory, public_key), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600
    )
    with os.fdopen(descriptor, "wb") as key_file:
        key_file.write(private_key)
        key_file.flush()
        os.fsync(key_file.fileno())


def load_private_key(directory, public_key):
    """The private key of ``public_key``, checked against it."""
    try:
        with open(key_path(directory, public_key), "rb") as key_file:
            private_key = key_file.read()
    except FileNotFoundError as error:
        raise SealError("The key that opens this ballot's urn is not on this server.") from error
    try:
        private = X25519PrivateKey.from_private_bytes(private_key)
    except ValueError as error:
        raise SealError("The key file of this ballot is damaged.") from error
    if _raw(private.public_key()) != public_key:
        raise SealError("The key file does not belong to this ballot.")
    return private_key


def destroy_private_key(directory, public_key):
    """Overwrite and remove the private key; nothing to do if it is gone."""
    path = key_path(directory, public_key)
    try:
        with open(path, "r+b") as key_file:
            key_file.write(bytes(KEY_SIZE))
            key_file.flush()
            os.fsync(key_file.fileno())
        os.remove(path)
    except FileNotFoundError:
        return
