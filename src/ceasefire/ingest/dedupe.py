"""Content hashes and near-duplicate signatures.

Exact duplicates share the SHA-256 of their normalised text. Near duplicates (a wire story
republished with edits) are found with MinHash over 5-word shingles of the normalised, lower-cased
text (datasketch) and banded LSH: a report whose signature shares a band with a stored one, and whose
estimated Jaccard similarity with it is at least ``THRESHOLD``, joins its story cluster.

The LSH index lives in the database (``minhash_bands``: one row per band key), so it survives across
runs, needs no rebuild at start-up and keeps memory flat however large the corpus grows."""

from __future__ import annotations

import hashlib
import zlib
from functools import lru_cache

import numpy as np

NUM_PERM = 64
THRESHOLD = 0.5
# datasketch's optimiser for threshold 0.5 and 64 permutations (equal false-positive and
# false-negative weights) chooses 14 bands of 4 rows; fixed here so stored band keys stay valid.
BANDS, ROWS = 14, 4
SHINGLE = 5  # 5-word shingles: rewrites of one story keep long identical runs, templates do not
MIX = tuple(np.uint32(c) for c in (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1))
FOLD = tuple(
    np.uint64(c) for c in (0x100000001B3, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0x2545F4914F6CDD1D)
)


def content_hash(normalised: str) -> str:
    """SHA-256 of the normalised text (whitespace, quotes and Unicode form do not matter)."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class ShingleHasher:
    """Stable 32-bit hashes of the 5-word shingles of a normalised text.

    Each word is hashed once (CRC-32, mapped in C over the encoded words) and the hashes of three
    consecutive words are mixed with numpy, so a 2 KB report costs one pass over its words. Repeated
    shingles are kept: they do not change a minimum."""

    def __call__(self, normalised: str) -> np.ndarray:
        words = normalised.lower().encode("utf-8").split()
        w = np.fromiter(map(zlib.crc32, words), dtype=np.uint32, count=len(words))
        if len(w) < SHINGLE:
            return w * MIX[0] if len(w) else np.zeros(1, np.uint32)
        count = len(w) - SHINGLE + 1
        mixed = w[:count] * MIX[0]  # uint32 arithmetic wraps, as intended
        for j in range(1, SHINGLE):
            mixed ^= w[j : j + count] * MIX[j]
        return mixed


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutation parameters for NUM_PERM, seed 1, scheme affine32."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def signature(shingle_hashes: np.ndarray) -> np.ndarray:
    """The MinHash of 32-bit shingle hashes, bit for bit what datasketch's ``MinHash(num_perm=NUM_PERM,
    seed=1, scheme="affine32", hashfunc=identity).update_batch(hashes)`` gives, without building one
    object per report (that costs ~0.5 ms; this ~0.05 ms)."""
    from datasketch.minhash import _fmix

    a, b = _permutations()
    mixed = _fmix(shingle_hashes.astype(np.uint32), 32)
    return (np.multiply.outer(mixed, a) + b).min(axis=0).astype(np.uint32)


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """LSH band keys of signatures (n × NUM_PERM uint32) as signed 64-bit integers, n × BANDS.

    Each band's ROWS values are folded with odd multipliers, the band number is mixed in (equal rows
    in different bands give different keys) and the MurmurHash3 64-bit finaliser spreads the result."""
    rows = signatures[:, : BANDS * ROWS].reshape(len(signatures), BANDS, ROWS).astype(np.uint64)
    key = np.full(rows.shape[:2], np.uint64(0x9E3779B97F4A7C15)) * (np.arange(BANDS, dtype=np.uint64) + 1)
    for r in range(ROWS):
        key = (key ^ rows[:, :, r]) * FOLD[r]
    key ^= key >> np.uint64(33)
    key *= np.uint64(0xFF51AFD7ED558CCD)
    key ^= key >> np.uint64(33)
    key *= np.uint64(0xC4CEB9FE1A85EC53)
    key ^= key >> np.uint64(33)
    return key.view(np.int64)


def to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
