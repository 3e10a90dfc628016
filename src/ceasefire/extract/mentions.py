"""Actor and place mentions: dictionary matching with Aho-Corasick over the lower-cased text, people
mapped to the body they act for, surnames learnt within a report ("Hazem Qassem … Qassem said"),
and anaphora ("it", "the group", "the spokesman") resolved to the last actor named before them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import ahocorasick

from ceasefire.actors.registry import ActorRegistry
from ceasefire.extract.lexicon import Lexicon, Place
from ceasefire.extract.tokens import Token

# a pronoun or "the group" looks back this far (characters) for the actor it stands for
ANAPHORA_REACH = 400


# "a spokesman for Hamas", "a member of the Hamas politburo", "mediators from Egypt": the one named after
# the preposition is the one who speaks or acts, through its member (no oblique, no place)
ROLE_NOUNS = frozenset(
    {
        "spokesman", "spokeswoman", "spokesperson", "official", "officials", "member", "leader",
        "leaders", "head", "chief", "representative", "representatives", "negotiator", "negotiators",
        "commander", "adviser", "advisor", "envoy", "delegation", "delegate", "delegates", "minister",
        "mediator", "mediators", "diplomat", "diplomats", "office", "statement", "ministry",
    }
)  # fmt: skip
MEMBER_OF = frozenset({"of", "for", "with", "from"})
# a demonym before these tells the clock a time is read on ("Israeli time"), not an actor
CLOCK_WORDS = frozenset({"time"})


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    actor: str
    how: str  # name, alias, adjective, member:<who>, surname:<who>, anaphora:<phrase>
    first: int = 0  # token indices [first, last)
    last: int = 0
    locative: bool = False  # "in Cairo": a place, not an agent

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        actor: str,
        how: str,
        first: int = 0,
        last: int = 0,
        locative: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.actor = actor
        self.how = how
        self.first = first
        self.last = last
        self.locative = locative

    @property
    def is_person(self) -> bool:
        return self.how.startswith(("member:", "surname:"))


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    name: str
    belongs_to: str | None
    first: int = 0
    last: int = 0

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        belongs_to: str | None,
        first: int = 0,
        last: int = 0,
    ) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.belongs_to = belongs_to
        self.first = first
        self.last = last


def _is_acronym(form: str) -> bool:
    """Forms matched only in their own case: "US", "PA", and short mixed-case ones ("LeT" is no "let")."""
    letters = [c for c in form if c.isalpha()]
    short = len(letters) <= 4
    return (
        (short and all(c.isupper() for c in letters))
        or form.isupper()
        or (short and any(c.isupper() for c in letters[1:]))
    )


def _phrase_table(entries: Iterable[tuple[str, object]]) -> dict[str, list[tuple[str, object]]]:
    """Lower-cased phrase -> its (form as written, value) pairs, white space normalised."""
    table: dict[str, list[tuple[str, object]]] = {}
    for form, value in entries:
        form = " ".join(form.split())
        if form:
            table.setdefault(form.lower(), []).append((form, value))
    return table


def _longest(hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Longest non-overlapping hits, in text order."""
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, object]] = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            out.append(hit)
            last_end = hit[1]
    return out


class PhraseIndexes:
    """Whole-word phrase search over lower-cased text; acronyms ("US", "PA") must match their case.
    Several phrase indexes searched in one Aho-Corasick pass over the text, not one pass each: the
    text is the long part. Each index's matches are the ones its own ``PhraseIndex`` would find."""

    def __init__(self, tables: list[Iterable[tuple[str, object]]]) -> None:
        self.automaton = ahocorasick.Automaton()
        # key -> (index number, [(form, value, whether the form must match its case)])
        merged: dict[str, list[tuple[int, list[tuple[str, object, bool]]]]] = {}
        for number, entries in enumerate(tables):
            for key, values in _phrase_table(entries).items():
                forms = [(form, value, _is_acronym(form)) for form, value in values]
                merged.setdefault(key, []).append((number, forms))
        for key, found in merged.items():
            self.automaton.add_word(key, (len(key), found))
        self.count = len(tables)
        self.empty = not merged
        if not self.empty:
            self.automaton.make_automaton()

    def find(self, text: str, lower: str) -> list[list[tuple[int, int, object]]]:
        """For each index, its longest non-overlapping whole-word matches: (start, end, value)."""
        hits: list[list[tuple[int, int, object]]] = [[] for _ in range(self.count)]
        if self.empty:
            return hits
        n = len(text)
        # the automaton's values typed here (it gives ``Any``): compiled, the loop runs on native ints
        end_index: int
        length: int
        found: list[tuple[int, list[tuple[str, object, bool]]]]
        for end_index, (length, found) in self.automaton.iter(lower):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and (lower[start - 1].isalnum() or lower[start - 1] == "-"):
                continue
            if end < n and (
                lower[end].isalnum() or (lower[end] == "-" and end + 1 < n and lower[end + 1].isalpha())
            ):
                continue
            for number, values in found:
                for form, value, acronym in values:
                    if acronym and text[start:end] != form:
                        continue
                    hits[number].append((start, end, value))
                    break
        return [_longest(h) for h in hits]


class PhraseIndex:
    """Whole-word phrase search over lower-cased text; acronyms ("US", "PA") must match their case."""

    def __init__(self, entries: Iterable[tuple[str, object]]) -> None:
        self.indexes = PhraseIndexes([entries])

    def find(self, text: str, lower: str) -> list[tuple[int, int, object]]:
        """Longest non-overlapping whole-word matches: (start, end, value)."""
        return self.indexes.find(text, lower)[0]


def _token_span(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    return bisect_left(ends, start + 1), bisect_right(starts, end - 1)


def _surname(name: str) -> str | None:
    parts = name.split()
    if len(parts) < 2:
        return None
    last = parts[-1]
    return last if len(last) > 3 and last[0].isupper() else None


# "they", "them", "their" stand for a plural noun phrase ("Hamas officials", "the mediators", "the Houthis");
# a party named by its singular name is "it" in news English, and "it" never stands for a plural phrase
# ("its" may: "the Israeli forces … its positions" reads the state behind them)
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
SINGULAR_PRONOUNS = frozenset({"it"})


# "it has been decided to …", "it remained unclear whether …", "it is expected that …": no referent
DUMMY_IT = re.compile(
    r"\s+(?:is|was|has been|had been|will be|would be|remains|remained|seems|seemed|appears|appeared)\s+"
    r"(?:not\s+)?(?:unclear|clear|likely|unlikely|possible|impossible|uncertain|too early|decided|agreed|"
    r"expected|believed|reported|understood|thought|feared|hoped|estimated|announced|known|learned|said)\b"
)


def _dummy_it(lower: str, start: int, end: int) -> bool:
    return lower[start:end] == "it" and DUMMY_IT.match(lower, end) is not None


def _plural(m: Mention) -> bool:
    word = m.text.split()[-1] if m.text.split() else ""
    return word.endswith("s") and (word[:1].islower() or word.endswith(("is", "ans", "ers", "ists")))


class MentionFinder:
    """Finds actor mentions, places and anaphora in one report."""

    def __init__(self, registry: ActorRegistry, lexicon: Lexicon) -> None:
        self.registry = registry
        actor_forms: list[tuple[str, object]] = [
            (form, (actor, what)) for form, actor, what in registry.forms()
        ]
        self.actors = PhraseIndex(actor_forms)
        places: list[tuple[str, object]] = []
        for place in lexicon.locations:
            places += [(form, place) for form in [place.name, *place.aliases]]
        self.places = PhraseIndex(places)
        self.place_forms = {form.lower() for form, _ in places}
        self.locative = {w.lower() for w in lexicon.cue_words("locative") if " " not in w}
        self.oblique = {w.lower() for w in lexicon.cue_words("oblique") if " " not in w}
        anaphora: list[tuple[str, object]] = []
        for kind in ("anaphora-group", "anaphora-state", "anaphora-person", "anaphora-any", "anaphora-both"):
            anaphora += [(w, kind) for w in lexicon.cue_words(kind)]
        self.anaphora = PhraseIndex(anaphora)
        # the three searched in one pass (same matches as each index's own find)
        self.indexes = PhraseIndexes([actor_forms, places, anaphora])
        self.kinds = {entry.id: entry.kind for entry in registry.entries()}

    def find(self, text: str, tokens: list[Token]) -> tuple[list[Mention], list[PlaceMention]]:
        lower = text.lower()
        starts = [t.start for t in tokens]
        ends = [t.end for t in tokens]
        mentions: list[Mention] = []
        actor_hits, place_hits, anaphora_hits = self.indexes.find(text, lower)
        for start, end, value in actor_hits:
            actor, what = cast("tuple[str, str]", value)
            first, last = _token_span(starts, ends, start, end)
            if what == "adjective" and last < len(tokens) and tokens[last].lower in CLOCK_WORDS:
                continue  # "1 a.m. (Bulgarian time)": a time zone, nobody acting
            mentions.append(Mention(start, end, text[start:end], actor, what, first, last))
        mentions = self._learn_surnames(text, lower, mentions, starts, ends)
        places: list[PlaceMention] = []
        for start, end, value in place_hits:
            place: Place = value  # type: ignore[assignment]
            first, last = _token_span(starts, ends, start, end)
            places.append(PlaceMention(start, end, place.name, place.belongs_to, first, last))
        for mention in mentions:
            if mention.text.lower() not in self.place_forms:
                continue
            if len(mention.text) > 3 and mention.text.isupper():
                mention.locative = True  # a dateline ("BEIRUT –", "DOHA/CAIRO, Jan 13"): where it was filed
                continue
            # "in Cairo", "in south Lebanon", "into southern Gaza": a preposition a word or two before
            for k in range(mention.first - 1, max(-1, mention.first - 3), -1):
                if tokens[k].lower in self.locative:
                    member = tokens[k].lower in MEMBER_OF and k > 0 and tokens[k - 1].lower in ROLE_NOUNS
                    mention.locative = not member
                    break
                if not tokens[k].text[:1].islower():
                    break
        mentions += self._anaphora(text, lower, mentions, tokens, anaphora_hits)
        mentions.sort(key=lambda m: m.start)
        return mentions, places

    def _learn_surnames(
        self, text: str, lower: str, mentions: list[Mention], starts: list[int], ends: list[int]
    ) -> list[Mention]:
        """After a full name, its surname alone means the same person for the rest of the report."""
        taken = [(m.start, m.end) for m in mentions]
        extra: list[Mention] = []
        learnt: dict[str, tuple[str, str, int]] = {}
        for m in mentions:
            if m.how.startswith("member:"):
                surname = _surname(m.text)
                if surname and surname.lower() not in learnt and self.registry.resolve(surname) is None:
                    learnt[surname.lower()] = (m.actor, m.how.replace("member:", "surname:", 1), m.end)
        for key, (actor, how, after) in learnt.items():
            pos = lower.find(key, after)
            while pos >= 0:
                end = pos + len(key)
                whole = (pos == 0 or not lower[pos - 1].isalnum()) and (
                    end >= len(lower) or not lower[end].isalnum()
                )
                if whole and text[pos].isupper() and not any(s < end and pos < e for s, e in taken):
                    first, last = _token_span(starts, ends, pos, end)
                    extra.append(Mention(pos, end, text[pos:end], actor, how, first, last))
                pos = lower.find(key, end)
        return sorted(mentions + extra, key=lambda m: m.start)

    def _anaphora(
        self,
        text: str,
        lower: str,
        mentions: list[Mention],
        tokens: list[Token],
        found: list[tuple[int, int, object]] | None = None,
    ) -> list[Mention]:
        starts = [t.start for t in tokens]
        ends = [t.end for t in tokens]
        taken = [(m.start, m.end) for m in mentions]
        out: list[Mention] = []

        def oblique(m: Mention) -> bool:
            k = m.first - 1
            while k >= 0 and tokens[k].lower in {"the", "a", "an"}:
                k -= 1
            return k >= 0 and tokens[k].lower in self.oblique

        # an antecedent is a doer named earlier: not a civilian group, not "to the Egyptian side"
        named = [
            m
            for m in mentions
            if self.kinds.get(m.actor) != "people"
            and not oblique(m)
            and not m.locative
            and m.how != "adjective"
        ]
        for start, end, kind in self.anaphora.find(text, lower) if found is None else found:
            if any(s < end and start < e for s, e in taken):
                continue
            if kind == "anaphora-both":
                first, last = _token_span(starts, ends, start, end)
                out.append(Mention(start, end, text[start:end], "", "anaphora:both", first, last))
                continue
            if _dummy_it(lower, start, end):
                continue
            before = [m for m in named if m.end <= start]
            antecedent = None
            plural = lower[start:end] in PLURAL_PRONOUNS
            for m in reversed([b for b in before[-8:] if start - b.end < ANAPHORA_REACH]):
                actor_kind = self.kinds.get(m.actor, "other")
                if plural != _plural(m) and (plural or lower[start:end] in SINGULAR_PRONOUNS):
                    # "they" are Hamas officials or Israeli troops, never "Israel"; "it" is never "mediators"
                    continue
                if (
                    kind == "anaphora-any"
                    or (kind == "anaphora-group" and actor_kind == "group")
                    or (kind == "anaphora-state" and actor_kind in ("state", "body"))
                    or (kind == "anaphora-person" and m.is_person)
                ):
                    antecedent = m
                    break
            if antecedent is None:
                continue
            first, last = _token_span(starts, ends, start, end)
            resolved = Mention(
                start, end, text[start:end], antecedent.actor, f"anaphora:{antecedent.text}", first, last
            )
            out.append(resolved)
            if kind != "anaphora-any" and not oblique(resolved):
                # "The military said it …": a resolved noun phrase stands for its party to later pronouns
                insort(named, resolved, key=lambda m: m.end)
        return out
