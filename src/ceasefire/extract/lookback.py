"""Reading words backwards from a position: the cue phrases before a date or a number ("by late
Saturday", "more than 600", "killing at least 29"). Shared by ``dates`` and ``numbers``."""

from __future__ import annotations

from typing import Any

__all__ = ["match_back", "suffixes_of", "words_before"]


def words_before(text: str, pos: int, n: int, lo: int = 0) -> list[tuple[int, int, str]]:
    """Up to ``n`` words right before ``pos`` (nearest last) as (start, end, word).

    Words are separated by whitespace only: a comma, bracket or quote ends the look-back, so cue
    phrases never reach across punctuation. Hyphens, apostrophes and periods stay inside words.
    """
    out: list[tuple[int, int, str]] = []
    i = pos
    while len(out) < n:
        j = i
        while j > lo and text[j - 1] in " \t\n\r\xa0":
            j -= 1
        if j == i:
            break
        k = j
        while k > lo and (text[k - 1].isalnum() or text[k - 1] in "-'’."):
            k -= 1
        if k == j:
            break
        out.append((k, j, text[k:j]))
        i = k
    out.reverse()
    return out


def suffixes_of(phrases: Any) -> frozenset[str]:
    """Every word-final part of the phrases ("late on" -> "on", "late on"), for ``match_back``."""
    out: set[str] = set()
    for phrase in phrases:
        words = phrase.lower().split()
        out.update(" ".join(words[i:]) for i in range(len(words)))
    return frozenset(out)


def match_back(
    text: str, pos: int, lo: int, table: Any, suffixes: frozenset[str], init: str = ""
) -> tuple[int, str] | None:
    """The longest phrase of ``table`` (lower case, single spaces) that ends right before ``pos``
    (after whitespace), as (start, phrase). ``init`` is a head word already read at ``pos``. Walks
    back one word at a time only while the words read are the end of some phrase (``suffixes``),
    so the common case costs one word."""
    best = None
    phrase = init
    i = pos
    while True:
        j = i
        while j > lo and text[j - 1] in " \t\n\r\xa0":
            j -= 1
        if j == i:
            break
        k = j
        while k > lo and (text[k - 1].isalnum() or text[k - 1] in "-'’."):
            k -= 1
        if k == j:
            break
        word = text[k:j].lower()
        phrase = f"{word} {phrase}" if phrase else word
        if phrase not in suffixes:
            break
        if phrase in table:
            best = (k, phrase)
        i = k
    return best
