"""Normalised text (NFC, straight quotes, collapsed whitespace) and its map back to the original."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.ingest.normalise import QUOTES, normalise, normalised_text

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list(" \t\n\r\u00a0\u2003\u2018\u2019\u201c\u201d\"'e\u0301\u0327\u1100\u1161\u11a8\u0b47\u0b3e")
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=80,
)


def _reference(text: str) -> str:
    """The definition, written plainly: NFC, quotes, then whitespace runs."""
    import re

    text = unicodedata.normalize("NFC", text).translate(QUOTES)

    def collapse(match: re.Match[str]) -> str:
        n = match.group(0).count("\n")
        return "\n\n" if n >= 2 else "\n" if n == 1 else " "

    return re.sub(r"\s+", collapse, text).strip()


def test_examples() -> None:
    assert normalised_text("  He said \u201chi\u201d\n\n\n  there\t\tnow ") == 'He said "hi"\n\nthere now'
    assert normalised_text("cafe\u0301 \u2018ok\u2019") == "caf\u00e9 'ok'"
    assert normalised_text("a \r\n b") == "a\nb"


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_fast_and_mapped_paths_agree_with_the_definition(text: str) -> None:
    assert normalised_text(text) == _reference(text)
    assert normalise(text).text == normalised_text(text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_every_normalised_character_maps_back_to_an_original_range(text: str) -> None:
    n = normalise(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    previous_start = 0
    for i, ch in enumerate(n.text):
        start, end = n.starts[i], n.ends[i]
        assert 0 <= start < end <= len(text)
        assert start >= previous_start  # the map is monotonic
        previous_start = start
        original = text[start:end]
        if ch.isspace():
            assert original.strip() == "" and original  # whitespace comes from whitespace
        else:
            assert ch in unicodedata.normalize("NFC", original).translate(QUOTES)


def test_span_maps_back_to_the_original_words() -> None:
    text = "  The  \u201ctruce\u201d\n\n held  on Sunday."
    n = normalise(text)
    start = n.text.index("truce")
    a, b = n.to_original(start - 1, start + len("truce") + 1)
    assert text[a:b] == "\u201ctruce\u201d"
    assert n.to_normalised(text.index("held")) == n.text.index("held")
