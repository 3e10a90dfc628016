"""The column layouts of every export, with the type each column has in CSV, JSON Lines and Parquet.

Types: ``str``, ``int``, ``float``, ``bool``, ``date`` (ISO in CSV/JSONL, date32 in Parquet),
``list`` (of strings: ';'-joined in CSV, an array in JSONL, list<string> in Parquet) and ``json``
(a nested value: JSON text in CSV and Parquet, the value itself in JSONL). docs/exports.md describes
every column; ``tests/test_export.py`` checks that it does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str


def _cols(spec: str) -> tuple[Column, ...]:
    out = []
    for item in spec.split():
        name, kind = item.split(":")
        out.append(Column(name, kind))
    return tuple(out)


# SPEC §3 fields first, in the spec's order and with its names, then codes and provenance.
EVENTS = _cols(
    "doc_id:str type:str actor:str target:str object:str mode:str date:date quantity:json location:str "
    "source:str evidence:str span:json "
    "event_id:int plover:str cameo:str quantity_value:int quantity_unit:str quantity_approx:bool "
    "span_start:int span_end:int rule:str reason:str trigger:str trigger_start:int trigger_end:int "
    "sentence:int published:date url:str outlet:str title:str cluster:int"
)

# ACLED-like: the names and order of ACLED's public export, then our provenance columns.
ACLED = _cols(
    "event_id_cnty:str event_date:date year:int time_precision:int disorder_type:str event_type:str "
    "sub_event_type:str actor1:str assoc_actor_1:str inter1:str actor2:str assoc_actor_2:str inter2:str "
    "interaction:str civilian_targeting:str iso:int region:str country:str admin1:str admin2:str "
    "admin3:str location:str latitude:float longitude:float geo_precision:int source:str "
    "source_scale:str notes:str fatalities:int tags:str timestamp:int "
    "doc_id:str url:str published:date mode:str plover:str cameo:str rule:str event_id:int"
)

STORIES = _cols(
    "story_id:str type:str plover:str cameo:str actor:str party:str target:str object:str mode:str "
    "date:date quantity_value:int quantity_unit:str choice_rule:str variants:json location:str "
    "is_claim:bool independent_sources:int first_reported:date sources:list urls:list outlets:list "
    "obligations:list relations:list evidence:str tellings:json"
)

LEDGER = _cols(
    "date:date party:str unit:str count:int "
    "rounds:list round_due:list agreed:int stories:list rule:str independent_sources:int "
    "sources:list urls:list"
)

PROVISIONS = _cols(
    "agreement:str as_of:date ceasefire:str provision:str provision_id:str title:str action:str "
    "plover:str cameo:str obligor:str beneficiary:str location:str phase:str kind:str due:date "
    "window_start:date window_end:date agreed_value:int agreed_unit:str per:str done_value:int "
    "status:str reason:str evidence:list urls:list"
)

LAYOUTS: dict[str, tuple[Column, ...]] = {
    "events": EVENTS,
    "events-acled": ACLED,
    "stories": STORIES,
    "ledger": LEDGER,
    "provisions": PROVISIONS,
}
