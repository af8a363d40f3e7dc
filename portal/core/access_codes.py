"""Access codes: the short secret printed on a case receipt or shown once for a feedback, which with the
public code opens the citizen's lookup. Only an argon2id hash is stored, so a leaked database or backup does not
reveal the codes (issue 13 point 11); the plaintext exists at issue time only (receipt, first page, e-mail).

The codes are ~40 bits (8 characters of 32), so the hash parameters are deliberately light — about 10 ms per
hash on the server — and defined here once; a stored hash names its own parameters, so raising them later
leaves old hashes verifiable. The rate limits on the public lookups stay the guard against online guessing.
"""
from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper
LENGTH = 8
MAX_INPUT = 16  # what the forms accept; longer input cannot match

# argon2id, 8 MiB, 2 passes, one lane: ≈ 11 ms on the reference server (measured, issue 13 point 11).
_HASHER = _SERVING = PasswordHasher(time_cost=2, memory_cost=8192, parallelism=1, hash_len=32, salt_len=16,
                                    type=Type.ID)
# The demo loader only (seed-demo makes ~7,000 cases and feedback in one process, codes nobody is ever given):
# 1 MiB, 1 pass, ≈ 0.6 ms. Still argon2id with its parameters in each hash, so verifying is the same code path.
_SEED_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, hash_len=32, salt_len=16, type=Type.ID)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def replace_code(record) -> str:
    """Give `record` (a case or a feedback: `access_code_hash`, `issued_access_code`) a new code: the old one stops
    working at once. Returns the plaintext, the only time it exists; the caller records who did it."""
    code = new_code()
    record.access_code_hash = hash_code(code)
    record.issued_access_code = code
    return code


def normalise(given: str | None) -> str:
    """As typed by a citizen: surrounding spaces, lower case and a composed/decomposed form do not matter."""
    return unicodedata.normalize("NFC", (given or "").strip().upper())[:MAX_INPUT]


def hash_code(code: str) -> str:
    return _HASHER.hash(normalise(code))


@contextmanager
def seed_cost() -> Iterator[None]:
    """Lighter hashing while the demo loader runs (portal.demo.seed); never entered while serving requests."""
    global _HASHER
    saved, _HASHER = _HASHER, _SEED_HASHER
    try:
        yield
    finally:
        _HASHER = saved


@cache
def _dummy_hash() -> str:
    return _SERVING.hash(new_code())  # the serving cost, even if first needed while seeding


def verify_code(stored_hash: str | None, given: str | None) -> bool:
    """True when `given` is the code behind `stored_hash`. Without a stored hash (an unknown public code) a
    dummy hash is verified instead, so an unknown code and a wrong access code take the same time."""
    code = normalise(given)
    try:
        return _HASHER.verify(stored_hash or _dummy_hash(), code) and bool(stored_hash) and bool(code)
    except (VerificationError, InvalidHashError):
        return False
