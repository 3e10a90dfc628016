"""The quantity vocabulary of ``lexicon/units.yaml``, validated at load, and the compiled
expressions and head automaton that ``ceasefire.extract.numbers`` reads quantities with."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import ahocorasick

from ceasefire.errors import LexiconError
from ceasefire.extract.lexicon import read_packaged_yaml
from ceasefire.extract.lookback import suffixes_of

__all__ = ["UNITS", "UnitLexicon", "UnitPatterns", "check_unit_lexicon", "load_unit_lexicon"]

LEXICON = "units.yaml"
UNITS = ("hostage", "prisoner", "body", "truck", "person", "killed")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


class UnitLexicon:
    def __init__(self, data: Any) -> None:
        where = f"lexicon/{LEXICON}"
        if not isinstance(data, dict):
            raise LexiconError("top level must be a mapping", where=where)
        self.tokens = _words(data, "number_tokens", where)
        self.phrases = _mapping(data, "number_phrases", where, int)
        self.multipliers = _mapping(data, "multipliers", where, int)
        self.approx = {_norm(w) for w in _words(data, "approx_before", where)}
        self.vague = _words(data, "vague", where)
        self.noun_unit: dict[str, str] = {}
        self.proper_nouns: set[str] = set()  # "Palestinian": no article count ("an Israeli official")
        units = data.get("units")
        if not isinstance(units, dict) or not units:
            raise LexiconError("missing mapping 'units'", where=where)
        for unit in units:
            if unit not in UNITS:
                raise LexiconError(f"unknown unit {unit!r} (SPEC units: {', '.join(UNITS)})", where=where)
            for noun in _words(units, unit, f"{where}: units"):
                self.noun_unit[noun.lower()] = unit
                if noun[0].isupper():
                    self.proper_nouns.add(noun.lower())
        sides = data.get("release_sides")
        if not isinstance(sides, dict) or set(sides) != {"hostage", "prisoner"}:
            raise LexiconError("release_sides must map hostage and prisoner to word lists", where=where)
        self.release_sides = {w.lower(): unit for unit in sides for w in _words(sides, unit, where)}
        self.stops = {w.lower() for w in _words(data, "noun_phrase_stops", where)}
        self.modifiers = {w.lower() for w in _words(data, "modifiers", where)}
        self.body_modifiers = {w.lower() for w in _words(data, "body_modifiers", where)}
        self.added_before = {w.lower() for w in _words(data, "added_before", where)}
        self.added_modifiers = {w.lower() for w in _words(data, "added_modifiers", where)}
        self.besides_modifiers = {w.lower() for w in _words(data, "besides_modifiers", where)}
        self.subject_bridge = {w.lower() for w in _words(data, "subject_bridge", where)}
        self.body_of = {f"{_norm(w)} of{the}" for w in _words(data, "body_of", where) for the in ("", " the")}
        self.compound_heads = {w.lower() for w in _words(data, "compound_heads", where)}
        self.killed_before = {_norm(w) for w in _words(data, "killed_before", where)}
        self.killed_after = _words(data, "killed_after", where)
        self.killed_bridge = _words(data, "killed_bridge", where)
        self.killed_aside = _words(data, "killed_aside", where)
        self.rates = _mapping(data, "rates", where, str)
        self.excluded_before = {w.lower() for w in _words(data, "excluded_before", where)}
        self.excluded_after = _words(data, "excluded_after", where)


def _words(data: Any, key: str, where: str) -> list[str]:
    vals = data.get(key) if isinstance(data, dict) else None
    if not isinstance(vals, list) or not vals or not all(isinstance(v, str) and v.strip() for v in vals):
        raise LexiconError(f"field {key!r} must be a non-empty list of words", where=where)
    return vals


def _mapping(data: Any, key: str, where: str, typ: type) -> dict[str, Any]:
    table = data.get(key)
    if not isinstance(table, dict) or not table:
        raise LexiconError(f"field {key!r} must be a non-empty mapping", where=where)
    for k, v in table.items():
        if not isinstance(v, typ) or isinstance(v, bool):
            raise LexiconError(f"{key}[{k!r}] must be a {typ.__name__}, got {v!r}", where=where)
    return {str(k).lower(): v for k, v in table.items()}


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


def _alt(words: Any) -> str:
    return (
        "(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
        + ")"
    )


class UnitPatterns:
    def __init__(self, lx: UnitLexicon) -> None:
        token = _alt(lx.tokens)
        word_num = rf"(?:{token})(?:(?:\s+|-)(?:and\s+)?(?:{token}))*"
        phrases = _alt(p for p in lx.phrases if p not in ("a", "an"))
        singular = _alt(n for n in lx.noun_unit if " " not in n)
        mods = _alt(lx.modifiers)
        article = rf"an?(?=\s+(?:(?:{mods}|[A-Z][a-z]+)\s+)?{singular}\b)"
        mult = _alt(lx.multipliers)
        digits = rf"(?<![\w.,$€£#+/:-]){_DIGITS}(?:\s+{mult})?(?![\w])"
        num = rf"(?:{digits}|\b(?i:{phrases}(?:\s+{mult})?|{word_num}|{article})\b)"
        self.main = re.compile(
            rf"(?P<vague>\b(?i:{_alt(lx.vague)})\b)|(?:\b(?P<between>[Bb]etween)\s+)?(?P<n1>{num})"
        )
        num2 = num.replace("(?<![\\w.,$€£#+/:-])", "", 1)
        self.range_tail = re.compile(rf"\s*(?P<sep>–|-|\bto\b|\bor\b|\band\b)\s*(?P<n2>{num2})")
        self.month_after = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Z][a-z]+\.?)")
        bridge = _alt(lx.killed_bridge)
        aside = rf"(?:\s*,?\s*(?:{_alt(lx.killed_aside)})\b[^.;:!?]{{0,60}}?)?"
        self.killed_after = re.compile(
            rf"{aside}\s*[”\"’]?\s*,?\s*(?:(?:{bridge})\s+){{0,3}}{_alt(lx.killed_after)}\b"
        )
        # "22 people, including six women and a soldier, were killed": the counts in the aside are
        # parts of the count before it, up to the aside's end
        self.aside_open = re.compile(rf"[^,.;:!?\d]{{0,40}}?,?\s*(?:{_alt(lx.killed_aside)})\b")
        self.aside_end = re.compile(r"[,;:.!?()\u2013\u2014]")
        self.rate = re.compile(
            rf"[^.;!?\d]{{0,30}}?\b(?P<rate>{_alt(lx.rates)})\b(?!\s+(?:later|earlier|after|before))"
        )
        self.excl_after = re.compile(
            rf"\s*(?:{_alt(lx.excluded_after)})(?![A-Za-z])|-[A-Za-z]|:\d|[\s.-]\d\d"
        )
        self.age_before = re.compile(r"[A-Z][\w'’-]+,\s*$")
        self.cue_lasts = frozenset(p.split()[-1] for p in [*lx.approx, *lx.killed_before, *lx.body_of])
        self.approx_suffixes = suffixes_of(lx.approx)
        self.killed_suffixes = suffixes_of(lx.killed_before)
        self.body_of_suffixes = suffixes_of(lx.body_of)
        self.killed_keys = tuple({w.lower()[:4] for w in lx.killed_after})
        self.rate_keys = tuple({w.lower().split()[-1][:4] for w in lx.rates})
        self.heads = ahocorasick.Automaton()
        for word in lx.tokens:
            self.heads.add_word(word.lower(), (word.lower(), "number"))
        for phrase in [*lx.phrases, *lx.vague]:
            words = [w for w in phrase.lower().split() if w not in ("a", "an")]
            if words:
                self.heads.add_word(words[0], (words[0], "number"))
        for noun, unit in lx.noun_unit.items():
            if unit != "killed" and noun not in lx.proper_nouns and noun not in ("people", "displaced"):
                self.heads.add_word(noun, (noun, "article"))  # "a body": the article stands before it
        self.heads.make_automaton()
        self.partitive = re.compile(r"\s+of\s+(?:the|those|these|its|their|his|her)(?=\s)")


@cache
def load_unit_lexicon() -> tuple[UnitLexicon, UnitPatterns]:
    data = read_packaged_yaml(LEXICON)
    lx = UnitLexicon(data)
    return lx, UnitPatterns(lx)


def check_unit_lexicon() -> str:
    """One summary line for ``rules check``; LexiconError if units.yaml is bad."""
    lx = load_unit_lexicon()[0]
    return f"lexicon/{LEXICON}: {len(lx.noun_unit)} counted nouns, {len(lx.phrases)} number phrases: ok"
