"""Generic matchers over tokens: trigger records (``{id, type, words, pos, near, …}``) and cue phrases.

Words are lemma phrases: a token matches a word if its lower-case form or its verb or noun lemma is
that word, so one record covers "freed", "frees" and "freeing". The first word of a phrase also
honours the record's part of speech (``strikes`` cannot match a verb-only record as "strike"s noun
reading would).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ceasefire.extract.lexicon import LINE_CUE_KINDS, Lexicon, TriggerRule
from ceasefire.extract.tokens import Token


class Trigger:
    """A trigger record as extraction reads it: the lexicon's validated ``TriggerRule`` copied into a
    plain class, so that the compiled build reads its fields directly (a pydantic model's attributes
    are looked up by name each time, and the role and mode steps read them many times per hit).
    ``order`` is the record's place in the lexicon (earlier records win ties)."""

    def __init__(self, record: TriggerRule, order: int = 0) -> None:
        self.id: str = record.id
        self.type: str = record.type
        self.words: list[str] = list(record.words)
        self.pos: str = record.pos
        self.frame: str = record.frame
        self.window: int = record.window
        self.object: str | None = record.object
        self.invert: str | None = record.invert
        self.passive: bool = record.passive
        self.mutual: bool = record.mutual
        self.order = order
        self.near_words = ContextWords(list(record.near))
        self.not_near_words = ContextWords(list(record.not_near))

    def __repr__(self) -> str:
        return f"Trigger({self.id!r}, {self.type})"


@dataclass(slots=True)
class TriggerHit:
    rule: Trigger
    first: int  # token indices [first, last)
    last: int
    text: str
    start: int
    end: int
    object: str | None = None  # the step a speech act is about, set by the pipeline
    object_from: str = ""  # why
    objects: list[str] = field(default_factory=list)  # every step an accusation names
    complement_at: int | None = None  # where the step it is about begins (its days are not its own)
    suppressed: str = ""  # why this hit gives no event of its own
    notes: list[str] = field(default_factory=list)

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        rule: Trigger,
        first: int,
        last: int,
        text: str,
        start: int,
        end: int,
        object: str | None = None,
        object_from: str = "",
        objects: list[str] | None = None,
        complement_at: int | None = None,
        suppressed: str = "",
        notes: list[str] | None = None,
    ) -> None:
        self.rule = rule
        self.first = first
        self.last = last
        self.text = text
        self.start = start
        self.end = end
        self.object = object
        self.object_from = object_from
        self.objects = [] if objects is None else objects
        self.complement_at = complement_at
        self.suppressed = suppressed
        self.notes = [] if notes is None else notes


def _token_matches(token: Token, word: str, pos: str) -> bool:
    if pos == "verb":
        return token.verb == word or (token.lower == word and not token.noun)
    if pos == "noun":
        return token.noun == word or token.lower == word
    return word in (token.lower, token.verb, token.noun)


def _phrase_at(tokens: list[Token], k: int, end: int, words: tuple[str, ...], pos: str) -> int:
    """Number of tokens matched by ``words`` starting at token k (0 if no match)."""
    if k + len(words) > end:
        return 0
    if not _token_matches(tokens[k], words[0], pos):
        return 0
    for offset, word in enumerate(words[1:], 1):
        if not _token_matches(tokens[k + offset], word, "any"):
            return 0
    return len(words)


_ONE_WORD_MAX = 100_000


Matches = tuple[tuple[int, object], ...]
Phrases = tuple[tuple[tuple[str, ...], object, str], ...]


class PhraseTable:
    """Phrases indexed for a quick scan of a sentence: one-word phrases (most of them) by a plain
    dictionary look-up, longer ones by their first two words (in every lemma reading).

    Answers are cached per lower-case form (a ``str`` key: the dictionaries' fastest look-up). A
    token's verb and noun lemmas follow from its lower-case form (``tokens.lemmas_of``), yet each
    entry keeps the lemmas it was computed for and is used only for a token that has the same ones."""

    def __init__(self) -> None:
        self.multi: dict[str, dict[str, list[tuple[tuple[str, ...], object, str]]]] = {}
        self.single: dict[str, list[tuple[object, str]]] = {}
        self.keys: set[str] = set()  # every first word, of one-word and longer phrases
        # lower -> (verb, noun, whether some phrase may start at the word)
        self.first_words: dict[str, tuple[str, str, bool]] = {}
        # lower -> (verb, noun, matches), for words no longer phrase starts with (most of them)
        self.one_word: dict[str, tuple[str, str, Matches]] = {}
        # lower -> (verb, noun, one-word matches), for every word that starts some phrase
        self.ones: dict[str, tuple[str, str, Matches]] = {}
        # lower -> next word's lower -> (the four lemmas, the longer phrases whose first two words
        # they are; mostly none)
        self.pairs: dict[str, dict[str, tuple[str, str, str, str, Phrases]]] = {}
        self.pair_count = 0  # entries in all of ``pairs``, which is cleared when full

    def add(self, phrase: str, value: object, pos: str = "any") -> None:
        words = tuple(phrase.lower().split())
        self.keys.add(words[0])
        if len(words) == 1:
            self.single.setdefault(words[0], []).append((value, pos))
        else:
            self.multi.setdefault(words[0], {}).setdefault(words[1], []).append((words, value, pos))

    def sort(self) -> None:
        for seconds in self.multi.values():
            for entries in seconds.values():
                entries.sort(key=lambda e: -len(e[0]))

    def starts(self, tokens: list[Token], first: int, last: int) -> list[int]:
        """Tokens in [first, last) where some phrase may start: one look-up per token, so ``at``
        (a function call per token) runs only on the few tokens that can match."""
        keys, known = self.keys, self.first_words
        out: list[int] = []
        for k in range(first, last):
            t = tokens[k]
            entry = known.get(t.lower)
            if entry is None or entry[0] != t.verb or entry[1] != t.noun:
                may = t.lower in keys or t.verb in keys or t.noun in keys
                if len(known) > _ONE_WORD_MAX:
                    known.clear()
                known[t.lower] = (t.verb, t.noun, may)
            else:
                may = entry[2]
            if may:
                out.append(k)
        return out

    def known(self, token: Token) -> Matches | None:
        """``at``'s answer for a word no longer phrase starts with, if it was computed before."""
        entry = self.one_word.get(token.lower)
        if entry is not None and entry[0] == token.verb and entry[1] == token.noun:
            return entry[2]
        return None

    def at(self, tokens: list[Token], k: int, end: int) -> list[tuple[int, object]]:
        """Every (length, value) whose phrase starts at token k, longest first."""
        token = tokens[k]
        multi, single = self.multi, self.single
        lower, verb, noun = token.lower, token.verb, token.noun
        cached = self.known(token)
        if cached is not None:
            return list(cached)
        starts_longer = lower in multi or verb in multi or noun in multi
        if not starts_longer and lower not in single and verb not in single and noun not in single:
            return []  # the common case, kept cheap
        # one-word matches depend on the word's forms alone: cached per forms, also for words that
        # start longer phrases too ("the", "to"), whose longer matches depend on the words after them
        entry = self.ones.get(lower)
        if entry is not None and entry[0] == verb and entry[1] == noun:
            ones = entry[2]
        else:
            found: list[tuple[int, object]] = []
            seen: set[int] = set()
            for key in (lower, verb, noun):
                for value, pos in single.get(key, ()) if key else ():
                    if id(value) not in seen and _token_matches(token, key, pos):
                        seen.add(id(value))
                        found.append((1, value))
            if len(self.ones) > _ONE_WORD_MAX:
                self.ones.clear()
            ones = tuple(found)
            self.ones[lower] = (verb, noun, ones)
        if not starts_longer:
            # no longer phrase starts here: the answer depends on the word's forms alone
            if len(self.one_word) > _ONE_WORD_MAX:
                self.one_word.clear()
            self.one_word[lower] = (verb, noun, ones)
            return list(ones)
        out: list[tuple[int, object]] = []
        nxt = tokens[k + 1] if k + 1 < end else None
        if nxt is None:
            return list(ones)
        # the phrases whose first two words these are depend on the two words alone: cached per pair
        seconds_known = self.pairs.get(lower)
        pair = seconds_known.get(nxt.lower) if seconds_known is not None else None
        if (
            pair is not None
            and pair[0] == verb
            and pair[1] == noun
            and pair[2] == nxt.verb
            and pair[3] == nxt.noun
        ):
            phrases = pair[4]
        else:
            found_phrases: list[tuple[tuple[str, ...], object, str]] = []
            for key in (lower, verb, noun):
                seconds = multi.get(key) if key else None
                if seconds:
                    for second in {nxt.lower, nxt.verb, nxt.noun}:
                        found_phrases += seconds.get(second, ()) if second else ()
            if self.pair_count > _ONE_WORD_MAX:
                self.pairs.clear()
                self.pair_count = 0
            self.pair_count += 1
            phrases = tuple(found_phrases)
            self.pairs.setdefault(lower, {})[nxt.lower] = (verb, noun, nxt.verb, nxt.noun, phrases)
        for words, value, pos in phrases:
            length = _phrase_at(tokens, k, end, words, pos)
            if length:
                out.append((length, value))
        # longest first; the one-word matches (length 1) after every longer one, in their own order
        if len(out) > 1:
            out.sort(key=lambda e: -e[0])
        out += ones
        return out


class CueMatcher:
    """Which cue kinds start at each token of a sentence, and how many tokens they cover."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.table = PhraseTable()
        for cue in lexicon.cues:
            if cue.kind in LINE_CUE_KINDS:
                continue
            for word in cue.words:
                self.table.add(word, cue.kind)
        self.table.sort()

    def marks(self, tokens: list[Token], first: int, last: int) -> dict[int, list[tuple[str, int]]]:
        out: dict[int, list[tuple[str, int]]] = {}
        table = self.table
        for k in table.starts(tokens, first, last):
            # the one-word cache read here too: saves work per cue word ("said", ",", "the")
            found = table.known(tokens[k])
            for length, kind in table.at(tokens, k, last) if found is None else found:
                out.setdefault(k, []).append((str(kind), length))
        return out


class TriggerMatcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.rules = [Trigger(record, n) for n, record in enumerate(lexicon.triggers)]
        self.table = PhraseTable()
        for rule in self.rules:
            for word in rule.words:
                self.table.add(word, rule, rule.pos)
        self.table.sort()

    def find(
        self, text: str, tokens: list[Token], first: int, last: int, blocked: set[int]
    ) -> tuple[list[TriggerHit], list[str]]:
        """Trigger hits in tokens [first, last), skipping tokens in ``blocked`` (inside actor names).

        Returns the hits and, for ``explain``, why candidate words were turned down.
        """
        hits: list[TriggerHit] = []
        refused: list[str] = []
        after = first
        table = self.table
        # tokens where no phrase starts yield no candidates: jump from one possible start to the next
        for k in table.starts(tokens, first, last):
            if k < after or k in blocked:
                continue
            found = table.known(tokens[k])
            candidates = table.at(tokens, k, last) if found is None else list(found)
            if len(candidates) > 1:
                candidates.sort(key=_by_record_order)
            taken = 0
            for length, value in candidates:
                rule: Trigger = value  # type: ignore[assignment]
                why = self._context_refusal(tokens, k, k + length, first, last, rule)
                if why:
                    refused.append(f"{tokens[k].text!r}: rule {rule.id} not applied ({why})")
                    continue
                start, end = tokens[k].start, tokens[k + length - 1].end
                hits.append(TriggerHit(rule, k, k + length, text[start:end], start, end))
                taken = length
                break
            after = k + (taken or 1)
        return hits, refused

    def _context_refusal(
        self, tokens: list[Token], k: int, end: int, first: int, last: int, rule: Trigger
    ) -> str:
        near, not_near = rule.near_words, rule.not_near_words
        if not near.words and not not_near.words:
            return ""  # most rules have no context words: nothing to gather
        lo, hi = max(first, k - rule.window), min(last, end + rule.window)
        if near.words and near.first_in(tokens, lo, k, end, hi) is None:
            return f"none of its context words within {rule.window} tokens"
        if not_near.words:
            found = not_near.first_in(tokens, lo, k, end, hi)
            if found:
                return f"{found!r} nearby"
        return ""


def _by_record_order(candidate: tuple[int, object]) -> tuple[int, int]:
    """Candidates at one token: the lexicon's earlier record first, then the longer phrase."""
    rule: Trigger = candidate[1]  # type: ignore[assignment]
    return rule.order, -candidate[0]


class ContextWords:
    """A trigger record's ``near`` or ``not_near`` words, indexed for the check around each hit.

    A word is present if a token of the window (the hit's own tokens aside) has it as its lower-case
    form or a lemma; a phrase ("commit crimes") if the window's running text, hit included, holds it:
    tokens hold no white space, so that is a run of tokens whose lower-case forms are its words."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.single = frozenset(w for w in words if " " not in w)
        self.phrases = [w for w in words if " " in w]
        # the words of each phrase, split at each space as the running text is joined
        self.phrase_words = {w: tuple(w.split(" ")) for w in self.phrases}

    def _any_single(self, tokens: list[Token], a: int, b: int) -> bool:
        single = self.single
        for j in range(a, b):
            t = tokens[j]
            if t.lower in single or t.verb in single or t.noun in single:
                return True
        return False

    def _has_phrase(self, tokens: list[Token], lo: int, hi: int, phrase: str) -> bool:
        """Whether tokens [lo, hi) hold the phrase: ``f" {phrase} "`` in their lower-case forms joined
        by spaces (and padded with one), without building that string."""
        words = self.phrase_words[phrase]
        first, n = words[0], len(words)
        for j in range(lo, hi - n + 1):
            if tokens[j].lower == first and all(tokens[j + i].lower == words[i] for i in range(1, n)):
                return True
        return False

    def first_in(self, tokens: list[Token], lo: int, k: int, end: int, hi: int) -> str | None:
        """The first of the words (in their listed order) present around tokens [k, end), if any."""
        hit = self._any_single(tokens, lo, k) or self._any_single(tokens, end, hi)
        if not hit:
            hit = any(self._has_phrase(tokens, lo, hi, phrase) for phrase in self.phrases)
        if not hit:
            return None  # the common case: none of them
        window = tokens[lo:k] + tokens[end:hi]
        lemmas = {x for t in window for x in (t.lower, t.verb, t.noun)}
        for word in self.words:
            if (" " in word and self._has_phrase(tokens, lo, hi, word)) or word in lemmas:
                return word
        return None
