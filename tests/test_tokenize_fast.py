"""The tokenizer's fast paths (plain words and marks tried first, offsets found with str.find) give
exactly the tokens of the plain alternatives, whatever the text: hypothesis writes texts from the
pieces where the alternatives compete (contractions, possessives, abbreviations, initialisms,
numbers, hyphens, quotes, periods, odd white space)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.extract.lexicon import load_lexicon
from ceasefire.extract.tokens import Tokenizer


def _reference_pattern(abbreviations: list[str]) -> re.Pattern[str]:
    """The tokenizer's alternatives without the fast paths, matched one by one with finditer."""
    abbrevs = sorted({a for a in abbreviations if a.endswith(".")}, key=len, reverse=True)
    abbrev_alt = "|".join(re.escape(a) for a in abbrevs)
    abbrev_chars = "".join(re.escape(c) for c in sorted(set("".join(abbrevs))))
    return re.compile(
        rf"""
        (?<![\w.])(?=[{abbrev_chars}]*\.)(?:{abbrev_alt})(?!\w)
        | (?:[A-Za-z]\.){{2,}}(?![A-Za-z])
        | \d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?(?![\w])
        | \w+(?=n['’]t\b)
        | n['’]t\b
        | \w+(?=['’](?:s|S|re|ve|ll|m|d)\b)
        | ['’](?:s|S|re|ve|ll|m|d)\b
        | \w+(?:-\w+|['’](?!(?:s|S|re|ve|ll|m|d)\b)\w+)*
        | \.\.\.|--|[^\w\s]
        """,
        re.VERBOSE,
    )


ABBREVIATIONS = [w for rule in load_lexicon().abbreviations for w in rule.words]
REFERENCE = _reference_pattern(ABBREVIATIONS)
PIECES = [
    "talks", "Gaza", "didn", "didn't", "can’t", "Israel's", "We're", "’s", "'", "’", "n't", "Sa'ar",
    "U.S.", "U.N.", "a.m.", "Feb.", "Gen.", "Lt.-Col.", "Brig.-Gen.", "approx.", "St.", "Jan", "x.y",
    "1,900", "3.5", "21st", "1990s", "02:00", "2025", "7th", "a1", "_", "café", "Zürich", "ceasefire-",
    "-", "--", "...", ".", ",", ";", ":", "!", "?", "(", ")", '"', "“", "”", "‘", "/", "&", "%",
]  # fmt: skip
SPACES = ["", "", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2009"]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(ABBREVIATIONS)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=30))
def test_same_tokens_as_the_plain_alternatives(parts: list[tuple[str, str]]) -> None:
    tokenizer = Tokenizer(ABBREVIATIONS)
    text = "".join(piece + space for piece, space in parts)
    expected = [(m.group(), m.start(), m.end()) for m in REFERENCE.finditer(text)]
    assert [(t.text, t.start, t.end) for t in tokenizer.tokens(text)] == expected
    tokens = tokenizer.tokens(text)
    assert [t.i for t in tokens] == list(range(len(tokens)))


def test_a_window_of_the_text(tokenizer: Tokenizer) -> None:
    text = "Header line\nThe U.S. envoy didn't meet Hamas's negotiators on Feb. 3, officials said."
    start, end = 12, len(text) - 15
    expected = [(m.group(), m.start(), m.end()) for m in REFERENCE.finditer(text, start, end)]
    got = [(t.text, t.start, t.end) for t in tokenizer.tokens(text, start, end)]
    assert got == expected
    assert got[0] == ("The", 12, 15)
    assert ("did", 27, 30) in got and ("n't", 30, 33) in got


def test_only_white_space_lies_between_tokens(tokenizer: Tokenizer) -> None:
    text = " “Troops withdrew,” he said\u00a0—\tand (again) on 12/3 at 5 p.m.!  "
    tokens = tokenizer.tokens(text)
    for a, b in itertools.pairwise(tokens):
        assert text[a.end : b.start].strip() == ""
    assert "".join(t.text for t in tokens) == "".join(text.split())
