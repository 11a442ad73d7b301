"""API key material: generation, hashing and parsing (pure; no database)."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

KEY_PREFIX = "lct"
# lct_<8 hex>_<43 url-safe chars>; the prefix is stored in clear to find the row without the secret.
_KEY_RE = re.compile(r"^lct_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True, slots=True)
class NewKey:
    plaintext: str
    prefix: str
    key_hash: str


def hash_key(plaintext: str) -> str:
    """SHA-256 hex digest; keys are 256-bit random, so a fast unsalted hash is enough."""
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def generate_key() -> NewKey:
    prefix = secrets.token_hex(4)
    plaintext = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    return NewKey(plaintext=plaintext, prefix=prefix, key_hash=hash_key(plaintext))


def prefix_of(plaintext: str) -> str | None:
    """The key's public prefix, or None when the string is not shaped like one of our keys."""
    match = _KEY_RE.match(plaintext)
    return match.group(1) if match else None


def hashes_match(plaintext: str, stored_hash: str) -> bool:
    return secrets.compare_digest(hash_key(plaintext), stored_hash)
