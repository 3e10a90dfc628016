"""A small varied corpus for the scale tests, written for them (nothing from shared/corpus), and a
stand-in extractor with the Extractor's ``pipe`` shape for tests that must not depend on the lexicons."""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ceasefire.extract.event import Event, Quantity
from ceasefire.ingest.document import Document

ACTORS = ["Hamas", "Israel", "Hezbollah", "Egypt", "Qatar", "the UN"]
PLACES = ["Rafah", "Khan Younis", "Tyre", "Beit Lahia", "Nabatieh"]
SENTENCES = [
    "{a} released {n} prisoners on Saturday.",
    "{a} accused {b} of violating the truce near {p}.",
    "{a} and {b} held talks in Cairo about the next phase.",
    "Some {n} aid trucks entered {p} through the crossing.",
    "{a} threatened to resume strikes on {p} if the deadline passed.",
    "Residents of {p} said the night was calm — «finally» — for once.",
    "{a} postponed the handover of {n} hostages.",
]


def make_reports(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` reports of varied length (a few hundred to a few thousand characters), ids ``t-0001``…"""
    rng = random.Random(seed)
    reports = []
    for i in range(1, n + 1):
        sentences = []
        for _ in range(rng.randrange(2, 30)):
            a, b = rng.sample(ACTORS, 2)
            sentences.append(
                rng.choice(SENTENCES).format(a=a, b=b, p=rng.choice(PLACES), n=rng.randrange(1, 700))
            )
        record: dict[str, Any] = {
            "id": f"t-{i:04d}",
            "date": f"2025-02-{rng.randrange(1, 28):02d}" if rng.random() < 0.9 else None,
            "title": f"Report {i}",
            "url": None,
            "text": " ".join(sentences),
        }
        if rng.random() < 0.3:
            record["outlet"] = "Test Wire"
        reports.append(record)
    return reports


def jsonl_bytes(records: Iterable[dict[str, Any] | str]) -> bytes:
    """JSON Lines; a str item is written as given (for blank or broken lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_jsonl(path: Path, records: Iterable[dict[str, Any] | str]) -> Path:
    data = jsonl_bytes(records)
    if path.name.endswith(".gz"):
        with gzip.open(path, "wb") as handle:
            handle.write(data)
    else:
        path.write_bytes(data)
    return path


def write_parquet(path: Path, records: list[dict[str, Any]], row_group_size: int = 7) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(records), path, row_group_size=row_group_size)
    return path


_RELEASE = re.compile(r"(?P<actor>[A-Z]\w+) released (?P<n>\d+) prisoners")
_ACCUSE = re.compile(r"(?P<actor>[A-Z]\w+) accused (?P<target>[A-Za-z ]+?) of")


class StandInExtractor:
    """Finds two sentence shapes with regular expressions; enough to check plumbing and order."""

    def __init__(self, lexicons: tuple[str, ...] = ()) -> None:
        self.lexicons = lexicons

    def extract_document(self, doc: Document) -> list[Event]:
        found = []
        for match in _RELEASE.finditer(doc.text):
            found.append(
                Event(
                    doc.id,
                    "RELEASE",
                    actor=match["actor"].lower(),
                    date=doc.date,
                    quantity=Quantity(int(match["n"]), "prisoner"),
                    evidence=match.group(0),
                    span=match.span(),
                    rule="standin.release",
                )
            )
        for match in _ACCUSE.finditer(doc.text):
            found.append(
                Event(
                    doc.id,
                    "ACCUSE",
                    actor=match["actor"].lower(),
                    target=match["target"].lower(),
                    evidence=match.group(0),
                    span=match.span(),
                    rule="standin.accuse",
                    extra={"note": "ünïcode"},
                )
            )
        return sorted(found, key=lambda e: e.span)

    def pipe(self, docs: Iterable[Document], batch_size: int = 256) -> Iterator[tuple[Document, list[Event]]]:
        for doc in docs:
            yield doc, self.extract_document(doc)


def stand_in_factory(lexicons: tuple[str, ...]) -> StandInExtractor:
    return StandInExtractor(lexicons)
