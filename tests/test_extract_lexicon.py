"""Rules as data: a user lexicon adds triggers, cues and places without code; bad files are
reported with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

import ceasefire
from ceasefire.errors import LexiconError
from ceasefire.extract.lexicon import check_lexicons, load_lexicon

EXTRA = """\
# Change log
#   2026-11-27  test lexicon for a new conflict
triggers:
  - id: consult.parley
    type: CONSULT
    pos: any
    words: [parley, powwow]
locations:
  - {name: Port Imaginary, belongs_to: freedonia}
"""


def test_builtin_lexicons_are_valid() -> None:
    lines = check_lexicons()
    assert len(lines) == 5 and all(line.endswith(": ok") for line in lines)
    lexicon = load_lexicon()
    assert {rule.type for rule in lexicon.triggers} >= {"AGREE", "RELEASE", "ATTACK"}


def test_user_lexicon_adds_a_trigger_without_code(tmp_path: Path) -> None:
    path = tmp_path / "parley.yaml"
    path.write_text(EXTRA)
    text = "Egypt held a parley with Qatar in Port Imaginary on Tuesday."
    assert ceasefire.extract(text, date="2025-02-05") == []
    events = ceasefire.extract(text, date="2025-02-05", lexicons=[path])
    assert [(e.type, e.actor, e.rule, e.location) for e in events] == [
        ("CONSULT", "egypt", "consult.parley", "Port Imaginary")
    ]


def test_same_id_replaces_a_builtin_rule(tmp_path: Path) -> None:
    path = tmp_path / "retune.yaml"
    path.write_text("triggers:\n  - id: deny.verb\n    type: DENY\n    words: [gainsay]\n")
    ids = [rule.id for rule in load_lexicon([path]).triggers]
    assert ids.count("deny.verb") == 1
    assert [r.words for r in load_lexicon([path]).triggers if r.id == "deny.verb"] == [["gainsay"]]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("triggers:\n  - id: a\n    type: AGREE\n    words: []\n", ":2"),
        ("triggers:\n  - id: a\n    type: AGREE\n    words: [x]\n    colour: red\n", "colour"),
        (
            "cues:\n  - id: a\n    kind: planned\n    words: [x]\n"
            "  - id: b\n    kind: unknown\n    words: [y]\n",
            ":5",
        ),
        ("abbreviations:\n  - id: a\n    words: [Xyz]\n", "period"),
        ("sounds:\n  - id: a\n", "unknown section"),
        ("triggers: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_lexicon_files_say_where(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(LexiconError) as info:
        load_lexicon([path])
    assert needle in str(info.value) and str(path) in str(info.value)


def test_user_lexicon_adds_the_lead_of_a_link_line(tmp_path: Path) -> None:
    """Lines that link to other stories are recognised by their lead words, which are data: an
    outlet's own lead ("More on this:") is added by a lexicon file."""
    path = tmp_path / "outlet.yaml"
    path.write_text("cues:\n  - {id: outlet-links, kind: link-line, words: [more on this]}\n")
    text = (
        "Israeli troops pulled back from two villages on Monday.\n"
        "More  on this: Hezbollah chief demands a full Israeli pullout by March\n"
        "Residents began returning home."
    )
    builtin = [e.type for e in ceasefire.extract(text, date="2025-02-05")]
    assert "DEMAND" in builtin and "WITHDRAW" in builtin
    added = [e.type for e in ceasefire.extract(text, date="2025-02-05", lexicons=[path])]
    assert "DEMAND" not in added and "WITHDRAW" in added
    # the builtin leads stay: a user file with other cues does not drop them
    assert load_lexicon([path]).cue_words("link-line")[-1] == "more on this"
    assert "read more" in load_lexicon([path]).cue_words("link-line")
