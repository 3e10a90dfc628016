"""Generate a varied synthetic corpus of ~2 KB ceasefire reports in the JSONL form of SPEC §1.

Every sentence is assembled from project-written templates, so nothing comes from a real article.
Reports vary in actors, event types, dates, numbers, places, datelines, outlets and noise
(photo captions, bylines, boilerplate), and a share of them are rewrites of an earlier report
(wire copies picked up by other outlets) so that near-duplicate detection has work to do.

    python -m benchmarks.corpus_gen --n 100000 --out corpus.jsonl[.gz] --seed 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

PARTIES = [
    ("Hamas", "the Palestinian movement"),
    ("Israel", "the Israeli government"),
    ("Hezbollah", "the Lebanese group"),
    ("Islamic Jihad", "the armed faction"),
    ("the Israeli military", "the army"),
    ("the Lebanese army", "Lebanese troops"),
]
MEDIATORS = ["Egypt", "Qatar", "the United States", "the United Nations", "the Red Cross", "France"]
SPEAKERS = [
    "a spokesman for {party}",
    "a senior official of {party}",
    "{party}'s foreign minister",
    "a negotiator close to {party}",
    "an unnamed source in {party}",
]
PLACES = [
    "Gaza",
    "Rafah",
    "Khan Younis",
    "Deir al-Balah",
    "Beit Lahia",
    "Jabalia",
    "Tyre",
    "Nabatieh",
    "Bint Jbeil",
    "Beirut",
    "Cairo",
    "Doha",
    "Jerusalem",
    "Tel Aviv",
]
AGENCIES = ["Xinhua", "Reuters", "AP", "AFP", "Anadolu", "dpa", "WAFA"]
OUTLETS = [
    "Harbour Daily",
    "The Levant Ledger",
    "Morning Courier",
    "Global Wire Review",
    "Eastern Times",
    "Coastline News",
    "The Evening Post",
    "Meridian Herald",
]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UNITS = ["hostages", "prisoners", "detainees", "bodies", "aid trucks", "displaced families"]

EVENT_SENTENCES = [
    "{actor} released {n} {unit} on {weekday}, {speaker} said.",
    "{actor} said it would hand over {n} {unit} on {weekday} as agreed under the deal.",
    "{actor} postponed the next handover of {unit}, accusing {other} of violating the truce.",
    "{other} accused {actor} of breaching the ceasefire in {place} on {weekday}.",
    "{actor} denied the accusation, calling it baseless, according to {speaker}.",
    "{actor} threatened to resume fighting if the {unit} were not freed by {weekday}.",
    "Mediators from {mediator} held talks with {actor} in {place} on {weekday}.",
    "At least {n} {unit} entered {place} through the crossing on {weekday}, officials said.",
    "{actor} withdrew its forces from {place} on {weekday}, {speaker} told reporters.",
    "{other} carried out a strike near {place}, killing {n} people, medics said.",
    "{mediator} urged {actor} to respect the terms of the agreement.",
    "{actor} rejected a proposal by {mediator} to extend the first phase.",
    "Thousands of displaced people returned to {place} on {weekday}, witnesses said.",
    "{actor} put its units in {place} on high alert after the incident.",
    "{actor} and {other} agreed on {weekday} to extend the truce for {n} days.",
]
FILLER = [
    "The agreement, brokered over many weeks, is meant to unfold in three phases.",
    "Residents described long queues for water and bread in the damaged districts.",
    "Analysts said the coming days would test whether the truce could hold.",
    "The talks are expected to continue next week, diplomats said.",
    "Hospitals in the area said they were short of fuel and medicine.",
    "Both sides have traded accusations since the truce took effect.",
    "Aid groups called for more crossings to open to cope with the needs.",
    "Officials declined to comment on the details of the negotiations.",
    "Families of the captives gathered again in the evening to demand a full deal.",
    "Roads in the area remain blocked by rubble, making deliveries slow.",
]
NOISE = [
    "(Photo by {name}/{agency})",
    "Editing by {name}",
    "Reporting by {name}; writing by {name2}",
    "Subscribe to our newsletter for daily updates.",
    "Share this article: Facebook | X | Email",
    "Copyright {year} {outlet}. All rights reserved.",
]
FIRST = [
    "Lina",
    "Omar",
    "Dana",
    "Yusuf",
    "Maya",
    "Sami",
    "Rania",
    "Karim",
    "Noa",
    "Tariq",
    "Hala",
    "Eitan",
    "Mona",
]
LAST = [
    "Haddad",
    "Saleh",
    "Cohen",
    "Karim",
    "Levi",
    "Nasser",
    "Aziz",
    "Barak",
    "Khalil",
    "Mizrahi",
    "Mansour",
]
NAMES = [f"{f} {last}" for f in FIRST for last in LAST]
# Words for quoted remarks: real reports quote people, and quotes are what makes two reports on
# the same day differ; random remarks keep unrelated generated reports as dissimilar as real ones.
VOCAB = [
    "we",
    "they",
    "the",
    "people",
    "our",
    "their",
    "this",
    "that",
    "every",
    "no",
    "more",
    "time",
    "days",
    "nights",
    "weeks",
    "talks",
    "deal",
    "truce",
    "families",
    "homes",
    "roads",
    "water",
    "bread",
    "fuel",
    "power",
    "hospital",
    "school",
    "city",
    "village",
    "border",
    "crossing",
    "aid",
    "trucks",
    "prisoners",
    "hostages",
    "lists",
    "names",
    "guarantees",
    "promises",
    "terms",
    "phase",
    "steps",
    "side",
    "mediators",
    "will",
    "must",
    "cannot",
    "should",
    "could",
    "would",
    "did",
    "not",
    "never",
    "always",
    "still",
    "again",
    "now",
    "soon",
    "today",
    "tomorrow",
    "wait",
    "hope",
    "fear",
    "ask",
    "demand",
    "refuse",
    "accept",
    "expect",
    "see",
    "hear",
    "know",
    "believe",
    "want",
    "need",
    "keep",
    "hold",
    "return",
    "rebuild",
    "leave",
    "stay",
    "open",
    "close",
    "start",
    "stop",
    "begin",
    "end",
    "carry",
    "bring",
    "send",
    "receive",
    "count",
    "long",
    "hard",
    "quiet",
    "difficult",
    "fragile",
    "possible",
    "clear",
    "late",
    "early",
    "slow",
    "fast",
    "safe",
    "dangerous",
    "real",
    "first",
    "next",
    "last",
    "whole",
    "small",
    "large",
    "few",
    "many",
    "some",
    "each",
    "both",
    "other",
    "same",
    "different",
    "only",
]


def _quote(rng: random.Random) -> str:
    words = [rng.choice(VOCAB) for _ in range(rng.randrange(8, 16))]
    return f'"{" ".join(words).capitalize()}," {rng.choice(NAMES)} said.'


def _sentence(rng: random.Random, when: date) -> str:
    if rng.random() < 0.55:
        return _quote(rng)
    actor, _ = rng.choice(PARTIES)
    other, _ = rng.choice([p for p in PARTIES if p[0] != actor])
    template = rng.choice(EVENT_SENTENCES)
    speaker = rng.choice(SPEAKERS).format(party=actor)
    text = template.format(
        actor=actor,
        other=other,
        n=rng.choice([2, 3, 4, 6, 33, 90, 110, 183, 369, 600, 1900]) + rng.randrange(0, 3),
        unit=rng.choice(UNITS),
        weekday=rng.choice(WEEKDAYS),
        speaker=speaker,
        place=rng.choice(PLACES),
        mediator=rng.choice(MEDIATORS),
    )
    words = text.split(" ")  # an aside at a random place, as reporters' sentences vary
    cut = rng.randrange(2, max(3, len(words)))
    aside = f"{rng.choice(['according to', 'said', 'told', 'per'])} {rng.choice(NAMES)}"
    text = " ".join([*words[:cut], f"- {aside} -", *words[cut:]])
    return text[0].upper() + text[1:]


def _dateline(rng: random.Random, when: date) -> str:
    places = "/".join(p.upper() for p in rng.sample(PLACES, rng.choice([1, 1, 2])))
    day = when - timedelta(days=rng.choice([0, 0, 1]))
    style = rng.randrange(3)
    if style == 0:
        return f"{places}, {MONTHS[day.month - 1]} {day.day} ({rng.choice(AGENCIES)}) -- "
    if style == 1:
        return f"{places} ({rng.choice(AGENCIES)}) - "
    return ""


def make_report(
    rng: random.Random, number: int, start: date, size: int = 2000, prefix: str = "gen"
) -> dict[str, Any]:
    """One fresh report of about ``size`` characters."""
    when = start + timedelta(days=rng.randrange(0, 120))
    outlet = rng.choice(OUTLETS)
    paragraphs: list[str] = []
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(NOISE).format(**_noise_args(rng, when, outlet)))
    lead = _dateline(rng, when) + _sentence(rng, when)
    paragraphs.append(lead)
    while sum(len(p) + 2 for p in paragraphs) < size - 120:
        k = rng.randrange(1, 4)
        body = " ".join(_sentence(rng, when) if rng.random() < 0.9 else rng.choice(FILLER) for _ in range(k))
        paragraphs.append(body)
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(NOISE).format(**_noise_args(rng, when, outlet)))
    text = "\n\n".join(paragraphs)
    if rng.random() < 0.1:  # noise: curly quotes, double spaces, a stray tab
        text = text.replace(" said", " \u201csaid\u201d", 1).replace(". ", ".  ", 2) + "\t"
    title = _sentence(rng, when).rstrip(".")[:90]
    return {
        "id": f"{prefix}-{number:07d}",
        "url": f"https://news.example/{outlet.lower().replace(' ', '-')}/{when:%Y/%m/%d}/{number}",
        "date": when.isoformat(),
        "title": title,
        "text": text,
        "outlet": outlet,
    }


def _noise_args(rng: random.Random, when: date, outlet: str) -> dict[str, Any]:
    return {
        "name": rng.choice(NAMES),
        "name2": rng.choice(NAMES),
        "agency": rng.choice(AGENCIES),
        "year": when.year,
        "outlet": outlet,
    }


def rewrite(rng: random.Random, original: dict[str, Any], number: int, prefix: str = "gen") -> dict[str, Any]:
    """A wire copy republished by another outlet: same story, lightly edited."""
    paragraphs = original["text"].split("\n\n")
    if len(paragraphs) > 3 and rng.random() < 0.7:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(FILLER))
    outlet = rng.choice([o for o in OUTLETS if o != original.get("outlet")])
    return {
        **original,
        "id": f"{prefix}-{number:07d}",
        "url": f"https://news.example/{outlet.lower().replace(' ', '-')}/copy/{number}",
        "title": original["title"] + rng.choice(["", " - report", ": officials"]),
        "text": "\n\n".join(paragraphs),
        "outlet": outlet,
    }


def generate(
    n: int, seed: int = 1, *, rewrite_share: float = 0.15, prefix: str = "gen"
) -> Iterator[dict[str, Any]]:
    """``n`` reports; about ``rewrite_share`` of them are wire copies of a recent report."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    recent: list[dict[str, Any]] = []
    for number in range(1, n + 1):
        if recent and rng.random() < rewrite_share:
            report = rewrite(rng, rng.choice(recent), number, prefix)
        else:
            report = make_report(rng, number, start, prefix=prefix)
            recent.append(report)
            if len(recent) > 50:
                recent.pop(0)
        yield report


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8")
    return path.open("w", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of reports")
    parser.add_argument("--out", type=Path, required=True, help="output file (.jsonl or .jsonl.gz)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with _open(args.out) as handle:
        for report in generate(args.n, args.seed):
            handle.write(json.dumps(report, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} reports to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
