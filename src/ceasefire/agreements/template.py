"""The templates an analyst fills in to add an agreement without code (``ceasefire agreements template``),
and the CSV columns they use. :mod:`ceasefire.agreements.build` turns a filled-in template into an agreement.
"""

from __future__ import annotations

from pathlib import Path

# column → what it holds (the CSV template prints these as comments)
CSV_COLUMNS: dict[str, str] = {
    "provision_id": "required; lower-case slug, e.g. hostage-release; repeat it on each round's row",
    "title": "required; what the provision asks, in a few words",
    "action": "required; an event type: RELEASE, WITHDRAW, AID, RETURN, ATTACK, CONSULT, MOBILIZE …",
    "refrain": "yes for a prohibition (the obligor must NOT do the action, e.g. ATTACK); else empty",
    "obligor": "actor id that must act (israel, hamas, …)",
    "beneficiary": "actor id it is done for or to (palestinians, israel, …)",
    "phase": "phase id, as given with --phases",
    "schedule": "required; date | day | window | rounds | recurring | standing",
    "round_id": "rounds only: the round's id, e.g. hostage-round-1",
    "date": "date/rounds: the due date, YYYY-MM-DD",
    "day": "day/rounds: the due day, 1 = the effective date",
    "start": "window: first date",
    "end": "window: last date",
    "start_day": "window, recurring, standing: first day",
    "end_day": "window, recurring, standing: last day",
    "per": "recurring: day or week",
    "quantity": "a whole number: per round, per period (recurring) or in all",
    "unit": "hostage, prisoner, body, truck, person or killed",
    "location": "place name, e.g. northern Gaza",
    "conditions": "';'-separated: 'ratio 1 hostage = 30 prisoner for civilians' or free text",
    "linked_to": "other provision ids, separated by spaces",
    "sources": "URLs, separated by spaces",
    "notes": "what is uncertain, and why",
    "round_note": "rounds only: a note on this round",
}

# Example rows, in CSV_COLUMNS order (the header row is written from CSV_COLUMNS).
_CSV_EXAMPLE = """\
truce-a,Side A stops all attacks,ATTACK,yes,state-a,group-b,phase-1,standing,,,,,,1,,,,,,,,,,
captives,Side B frees captives in rounds,RELEASE,,group-b,state-a,phase-1,rounds,captive-round-1,,1,\
,,,,,3,hostage,,ratio 1 hostage = 30 prisoner for civilians,,,,first round on day 1
captives,,,,,,,,captive-round-2,2025-01-26,,,,,,,4,hostage,,,,,,
aid,Aid trucks enter every day,AID,,state-a,,phase-1,recurring,,,,,,1,42,day,600,truck,,,,,,
pullback,Side A leaves the corridor,WITHDRAW,,state-a,,phase-1,day,,,22,,,,,,,,the corridor,,,,,
"""


def csv_template() -> str:
    """A commented CSV template: the columns explained, then example rows to overwrite."""
    lines = [
        "# Provisions of a ceasefire agreement, one row per provision (or per round).",
        "# Fill in, then: ceasefire agreements new --from FILE.csv --id ID --title TITLE \\",
        "#   --effective 2025-01-19T08:30:00+02:00 --parties a,b [--mediators c,d] [--phases phase-1=1-42] "
        "--out ID.yaml",
        "# Lines starting with # are ignored. Day 1 is the effective date. Columns:",
        *(f"#   {name}: {what}" for name, what in CSV_COLUMNS.items()),
        "# The rows below are an example with made-up actor ids (state-a, group-b): replace them.",
    ]
    return "\n".join(lines) + "\n" + ",".join(CSV_COLUMNS) + "\n" + _CSV_EXAMPLE


def yaml_template() -> str:
    """The commented YAML template shipped with the package."""
    return (Path(__file__).parent / "templates" / "agreement-template.yaml").read_text(encoding="utf-8")
