"""Tokens with character offsets, sentences, and POS-aware lemmas.

The lean path chosen by measurement (notes/packages.md): a regular-expression tokenizer whose
boundaries follow spaCy's blank English tokenizer on news copy (tests/test_tokenize.py compares
them), a rule-based sentence splitter whose abbreviation list is data
(``lexicon/abbreviations.yaml``), and lemminflect lemmas cached per word form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from lemminflect import getAllLemmas


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str
    verb: str  # lemma when read as a verb ("" if the word cannot be one)
    noun: str  # lemma when read as a noun ("" if it cannot be one)
    i: int = 0  # index in the document's token list

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(self, text: str, start: int, end: int, lower: str, verb: str, noun: str, i: int = 0) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = lower
        self.verb = verb
        self.noun = noun
        self.i = i

    @property
    def lemmas(self) -> tuple[str, ...]:
        return tuple(x for x in (self.lower, self.verb, self.noun) if x)


@dataclass(slots=True)
class Sentence:
    start: int  # character offsets in the document text
    end: int
    first: int  # token indices [first, last)
    last: int

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(self, start: int, end: int, first: int, last: int) -> None:
        self.start = start
        self.end = end
        self.first = first
        self.last = last


@lru_cache(maxsize=200_000)
def lemmas_of(lower: str) -> tuple[str, str]:
    """(verb lemma, noun lemma) of a lower-cased word; empty where the word has no such reading.

    Cached because news vocabulary is small and lemminflect is the slowest step uncached.
    """
    if not lower[:1].isalpha():
        return "", ""
    found = getAllLemmas(lower)
    verb = found.get("VERB", ("",))[0]
    noun = found.get("NOUN", ("",))[0] or found.get("PROPN", ("",))[0]
    return verb, noun


class _Piece:
    """One token of a white-space-free chunk: its text, offsets in the chunk and forms (``Token``)."""

    def __init__(self, text: str, start: int, end: int, lower: str, verb: str, noun: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower = lower
        self.verb = verb
        self.noun = noun


class Tokenizer:
    """Regex tokenizer with spaCy-like boundaries; abbreviations ("Feb.", "Gen.", "U.S.") stay whole."""

    def __init__(self, abbreviations: Iterable[str]) -> None:
        abbrevs = sorted({a for a in abbreviations if a.endswith(".")}, key=len, reverse=True)
        abbrev_alt = "|".join(re.escape(a) for a in abbrevs) or r"(?!x)x"
        # re tries the abbreviations one by one at every word start; every one of them is a run of
        # these characters ending in ".", so this look-ahead turns most words away in one step
        abbrev_chars = "".join(re.escape(c) for c in sorted(set("".join(abbrevs)))) or "."
        # Fast paths first, for the common tokens: a plain ASCII word followed by a space, comma, quote
        # or bracket, and one such mark. No later alternative can match differently there: the
        # abbreviation look-ahead needs a run of its characters up to a period (a follower outside
        # them ends the run), initialisms need "x.", numbers a digit, contractions an apostrophe after
        # the word, and the plain-word alternative stops at the same follower. Both sets leave out any
        # character an abbreviation contains. ``(?=\w++['’])`` turns away, in one scan without
        # backtracking, the words no contraction follows. Same tokens, about 40% less regex time.
        abbrev_set = set("".join(abbrevs))
        mark_chars = [c for c in ',;:!?()"“”' if c not in abbrev_set]
        marks = "".join(re.escape(c) for c in mark_chars)
        mark_alt = f"[{marks}]" if marks else r"(?!x)x"
        self.pattern = re.compile(
            rf"""
            [A-Za-z]++(?![^\s{marks}])               # fast path: plain words (see above)
            | {mark_alt}                              # fast path: marks no other alternative takes
            | (?<![\w.])(?=[{abbrev_chars}]*\.)(?:{abbrev_alt})(?!\w)  # listed abbreviations, with period
            | (?:[A-Za-z]\.){{2,}}(?![A-Za-z])      # initialisms: U.S., U.N., a.m.
            | \d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?(?![\w])  # 369, 1,900, 3.5, 21st, 1990s, 02:00
            | (?=\w++['’])\w+(?=n['’]t\b)         # "did" of "didn't"
            | n['’]t\b
            | (?=\w++['’])\w+(?=['’](?:s|S|re|ve|ll|m|d)\b)  # "Israel" of "Israel's", "We" of "We're"
            | ['’](?:s|S|re|ve|ll|m|d)\b          # possessive 's and contractions, as spaCy
            | \w+(?:-\w+|['’](?!(?:s|S|re|ve|ll|m|d)\b)\w+)*  # words, hyphenated names, Sa'ar
            | \.\.\.|--|[^\w\s]                    # punctuation, one mark at a time
            """,
            re.VERBOSE,
        )
        self._chunks: dict[str, list[_Piece]] = {}
        # cutting at white space first is exact only when no abbreviation holds white space
        self.split_safe = not any(c.isspace() for a in abbrevs for c in a)
        self.abbreviations = frozenset(abbrevs)
        self.marks = frozenset(mark_chars)  # a word then one of these is two tokens (``_chunk_words``)

    def tokens(self, text: str, start: int = 0, end: int | None = None) -> list[Token]:
        stop = len(text) if end is None else end
        out: list[Token] = []
        if not self.split_safe or (start > 0 and not text[start - 1].isspace()):
            # the look-behind would see text before start: the pattern on the whole span (rare)
            e = start
            for word in self.pattern.findall(text, start, stop):
                lower = word.lower()
                verb, noun = lemmas_of(lower)
                s = text.find(word, e)
                e = s + len(word)
                out.append(Token(word, s, e, lower, verb, noun, len(out)))
            return out
        # No token holds white space and every alternative of the pattern is decided by characters of
        # one white-space-free chunk (look-arounds at a chunk's edge see white space or the edge, which
        # they treat alike), so the text is cut at white space first (str.split knows the same white
        # space as the pattern's \s) and each chunk is tokenized on its own (``_chunk_words``). Each
        # chunk's tokens, with their forms and offsets in the chunk, come from a dict of chunks seen
        # before: one look-up per chunk instead of the character tests, a lower() and a form look-up
        # per token. Cleared when full.
        known = self._chunks
        if len(known) > _CHUNKS_MAX:
            known.clear()
        # Cut at single spaces, each part's offset follows from the lengths before it, no str.find.
        # A part found among the known chunks holds no white space (the keys are chunks of
        # str.split()); any other part (a new chunk, or one holding a line break, a tab or nothing)
        # is cut again at white space and its chunks found with str.find.
        at = start
        span = text if start == 0 and stop == len(text) else text[start:stop]
        for part in span.split(" "):
            pieces = known.get(part)
            if pieces is not None:
                _append_tokens(out, pieces, at)
            else:
                e = at
                for chunk in part.split():
                    pieces = known.get(chunk)
                    if pieces is None:
                        pieces = known[chunk] = self._pieces(chunk)
                    s = text.find(chunk, e)
                    e = s + len(chunk)
                    _append_tokens(out, pieces, s)
            at += len(part) + 1
        return out

    def _pieces(self, chunk: str) -> list[_Piece]:
        """The tokens of one white-space-free chunk, with their forms and offsets in the chunk. The
        pattern's matches cover every character but white space, so a chunk's tokens follow each
        other with nothing between them."""
        out: list[_Piece] = []
        at = 0
        for word in self._chunk_words(chunk):
            lower = word.lower()
            verb, noun = lemmas_of(lower)
            out.append(_Piece(word, at, at + len(word), lower, verb, noun))
            at += len(word)
        return out

    def _chunk_words(self, chunk: str) -> list[str]:
        """A chunk of plain ASCII letters, most of them, is a token as it is, and so is one followed
        by a mark ("said," is "said" and ","; "Gaza." is "Gaza" and "." unless it is a listed
        abbreviation, "Gen."); the pattern runs only on the rest ("Israel's", "U.S.", "1,900")."""
        if chunk.isascii() and chunk.isalpha():
            return [chunk]
        last = chunk[-1]
        word = chunk[:-1]
        if (last in self.marks or last == ".") and word.isascii() and word.isalpha():
            if last == "." and chunk in self.abbreviations:
                return [chunk]
            return [word, last]
        return self.pattern.findall(chunk)

    def sentences(self, text: str, tokens: list[Token]) -> list[Sentence]:
        """Split after . ! ? (and a closing quote right after them) when a capital, digit or quote
        follows, and at line breaks. Abbreviations are whole tokens ("Feb.", "U.S."), so their
        period never ends a sentence: "the U.S. President" stays one sentence."""
        out: list[Sentence] = []
        n = len(tokens)
        if not n:
            return out
        final, closing, ends = _FINAL, _CLOSING, _ENDS
        first = 0
        # the first line break after the current token's end ends its sentence when it comes before
        # the next token's start; one str.find per line, not per token
        line_break = _next_line_break(text, tokens[0].end)
        nxt = tokens[0]
        for k in range(n - 1):
            tok, nxt = nxt, tokens[k + 1]
            if line_break < tok.end:  # within the token: a listed abbreviation holding one
                line_break = _next_line_break(text, tok.end)
            if line_break < nxt.start:
                line_break = _next_line_break(text, nxt.end)
            elif len(tok.text) > _LONGEST_END or tok.text not in ends:  # most tokens: no set look-up
                continue
            elif tok.text in final:
                if nxt.text in closing or not _opens_sentence(nxt.text):
                    continue
            elif not (k > 0 and tokens[k - 1].text in final and _opens_sentence(nxt.text)):  # closing
                continue
            out.append(Sentence(tokens[first].start, tok.end, first, k + 1))
            first = k + 1
        out.append(Sentence(tokens[first].start, tokens[n - 1].end, first, n))
        return out


# about 400 bytes a chunk (key, list, pieces, lower-case forms): some 40 MB when full, what the
# 200,000 word forms kept before (about 200 bytes each) took
_CHUNKS_MAX = 100_000
_FINAL = frozenset({".", "!", "?", "..."})
_CLOSING = frozenset({'"', "”", "’", "'", ")"})
_ENDS = _FINAL | _CLOSING
_LONGEST_END: Final = max(len(mark) for mark in _ENDS)  # a longer token is no end mark


def _append_tokens(out: list[Token], pieces: list[_Piece], at: int) -> None:
    """The tokens of a chunk found at offset ``at``, numbered on from the tokens before them."""
    for p in pieces:
        out.append(Token(p.text, at + p.start, at + p.end, p.lower, p.verb, p.noun, len(out)))


def _next_line_break(text: str, at: int) -> int:
    """The offset of the first line break at or after ``at``; the text's length if there is none."""
    found = text.find("\n", at)
    return found if found >= 0 else len(text)


def _opens_sentence(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word in {'"', "“", "‘", "("}
