"""Normalised text for hashing and shingling (Unicode NFC, straight quotes, collapsed whitespace),
with a map from every normalised character back to the original characters it came from.

The stored text is always the original; spans refer to it. ``normalised_text`` is the fast path used
at ingest time (C-level operations only); ``normalise`` also builds the offset map, on demand.
Whitespace: a run holding two or more line breaks becomes a paragraph break ``\\n\\n``, a run holding
one becomes ``\\n``, any other run becomes one space; leading and trailing whitespace is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

QUOTE_CHARS = re.compile("[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033]")
QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
QUOTE_MAP = {chr(k): v for k, v in QUOTES.items()}
WHITESPACE_RUN = re.compile(r"[^\S ]\s*| \s+")  # single spaces, by far the most common run, are left alone


def _collapse(match: re.Match[str]) -> str:
    breaks = match.group(0).count("\n")
    return "\n\n" if breaks >= 2 else "\n" if breaks == 1 else " "


def _straight(match: re.Match[str]) -> str:
    return QUOTE_MAP[match.group(0)]


UNUSUAL_SPACE = re.compile(r"[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# Substrings that mean an ASCII whitespace run needs collapsing (str.isspace counts \x1c-\x1f too).
UNTIDY = ("  ", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\n\n\n", " \n", "\n ")


def _tidy(text: str) -> bool:
    """True when no whitespace run needs collapsing (checked with fast substring scans)."""
    if not text.isascii() and UNUSUAL_SPACE.search(text):
        return False
    return not any(marker in text for marker in UNTIDY)


def normalised_text(text: str) -> str:
    """NFC, straight quotes, collapsed whitespace. Equal to ``normalise(text).text``."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = QUOTE_CHARS.sub(_straight, text)  # faster than str.translate on non-ASCII text
    if _tidy(text):
        return text.strip()
    return WHITESPACE_RUN.sub(_collapse, text).strip()


@dataclass(frozen=True, slots=True)
class Normalised:
    """``text`` and, for each of its characters, the original range ``[starts[i], ends[i])``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering normalised ``[start, end)`` (an empty span maps to a point)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the normalised text")
        if start == end:
            point = self.starts[start] if start < len(self.text) else (self.ends[-1] if self.ends else 0)
            return point, point
        return self.starts[start], self.ends[end - 1]

    def to_normalised(self, original: int) -> int:
        """The normalised position of an original offset (the first character at or after it)."""
        return bisect_right(self.ends, original)


@lru_cache(maxsize=1)
def _composing_starters() -> frozenset[str]:
    """Characters of combining class 0 that NFC can still merge with what precedes them."""
    found: set[str] = set()
    for cp in range(0x30000):
        decomposition = unicodedata.decomposition(chr(cp))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = decomposition.split()
        if len(parts) == 2:
            second = chr(int(parts[1], 16))
            if unicodedata.combining(second) == 0:
                found.add(second)
    found.update(chr(cp) for cp in range(0x1160, 0x1200))  # Hangul medial vowels and final consonants
    return frozenset(found)


def _clusters(text: str) -> list[tuple[int, int]]:
    """Split ``text`` where NFC cannot compose across the boundary."""
    joiners = _composing_starters()
    bounds: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(text)):
        ch = text[i]
        if unicodedata.combining(ch) == 0 and ch not in joiners:
            bounds.append((start, i))
            start = i
    if text:
        bounds.append((start, len(text)))
    return bounds


def normalise(text: str) -> Normalised:
    """Normalised text with its offset map (slow path: one Python step per character)."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    if unicodedata.is_normalized("NFC", text):
        pieces = ((ch, i, i + 1) for i, ch in enumerate(text))
    else:
        pieces = ((ch, a, b) for a, b in _clusters(text) for ch in unicodedata.normalize("NFC", text[a:b]))
    pending_ws: list[tuple[str, int, int]] = []
    for ch, a, b in pieces:
        if ch.isspace():
            pending_ws.append((ch, a, b))
            continue
        if pending_ws:
            if chars:  # leading whitespace is dropped
                breaks = sum(1 for c, _, _ in pending_ws if c == "\n")
                repl = "\n\n" if breaks >= 2 else "\n" if breaks == 1 else " "
                ws_start, ws_end = pending_ws[0][1], pending_ws[-1][2]
                for r in repl:
                    chars.append(r)
                    starts.append(ws_start)
                    ends.append(ws_end)
            pending_ws = []
        chars.append(ch.translate(QUOTES))
        starts.append(a)
        ends.append(b)
    return Normalised("".join(chars), tuple(starts), tuple(ends))
