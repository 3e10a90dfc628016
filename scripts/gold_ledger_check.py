"""Gold-ledger check: feed the corpus's GOLD events (with their reports' publication dates) to
``build_ledger`` and write the SPEC §4 rows, isolating fusion and ledger logic from extraction.

    .venv/bin/python scripts/gold_ledger_check.py [--corpus ../shared/corpus] [--out /tmp/gold_ledger.json]
    python3 ../shared/eval/score.py ledger ../shared/corpus/dev.ledger.json /tmp/gold_ledger.json

Reads the corpus at run time only; nothing of it is stored in the project.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ceasefire.agreements.load import get_agreement
from ceasefire.assess.ledger import build_ledger
from ceasefire.extract.event import Event, Quantity
from ceasefire.store.events import StoredEvent

HERE = Path(__file__).resolve().parent.parent


def gold_events(corpus: Path) -> list[StoredEvent]:
    published: dict[str, date | None] = {}
    pks: dict[str, int] = {}
    with (corpus / "dev.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            published[doc["id"]] = date.fromisoformat(doc["date"]) if doc.get("date") else None
            pks[doc["id"]] = len(pks) + 1
    out: list[StoredEvent] = []
    with (corpus / "dev.gold.jsonl").open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            row = json.loads(line)
            q = row.get("quantity")
            event = Event(
                doc_id=row["doc_id"],
                type=row["type"],
                actor=row.get("actor"),
                target=row.get("target"),
                object=row.get("object"),
                mode=row.get("mode") or "occurred",
                date=row.get("date"),
                quantity=Quantity(int(q["value"]), q["unit"]) if q else None,
                location=row.get("location"),
                source=row.get("source"),
                evidence=row.get("evidence", ""),
                span=tuple(row.get("span") or (0, 0)),  # type: ignore[arg-type]
                rule="gold",
            )
            pk = pks.get(row["doc_id"], 0)
            out.append(StoredEvent(n, event, pk, published.get(row["doc_id"]), None, None, None, None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "shared" / "corpus")
    parser.add_argument("--out", type=Path, default=Path("/tmp/gold_ledger.json"))
    parser.add_argument("--agreement", default="gaza-2025")
    args = parser.parse_args()
    ledger = build_ledger(get_agreement(args.agreement), gold_events(args.corpus))
    args.out.write_text(json.dumps(ledger.rows(), indent=1), encoding="utf-8")
    for entry in ledger.entries:
        print(entry.date, entry.party, entry.unit, entry.count, entry.round_id, "|", entry.rule)
    print(f"wrote {len(ledger.rows())} rows to {args.out}")


if __name__ == "__main__":
    main()
