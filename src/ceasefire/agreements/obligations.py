"""Expand an agreement's provisions into obligations (SPEC §4b): one per round or deadline.

- ``rounds``: one obligation per round, id = the round's id or ``{provision}-{n}``; due = the round's day.
- ``date`` / ``day``: one obligation, id = the provision id, due on that day.
- ``window``: one obligation, due = the window's end (None when open-ended).
- ``recurring`` (a quota such as 600 trucks a day) and ``standing`` (no attacks): one obligation with
  ``due`` None, judged on the as-of day between ``window_start`` and ``window_end``.

Extensions are applied in date order: ``new_end`` becomes the due date and window end of the named
provisions (for rounds: the window end of every round, a grace deadline; the round dates stay), or,
when none are named, of every ``window`` provision.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ceasefire.agreements.schema import (
    Agreement,
    Amount,
    OnDate,
    OnDay,
    Provision,
    Recurring,
    Rounds,
    Standing,
    Window,
)


@dataclass(frozen=True, slots=True)
class Obligation:
    id: str  # round id if given, else the provision id (single deadline) or f"{provision.id}-{n}"
    provision_id: str
    action: str
    obligor: str | None
    beneficiary: str | None
    location: str | None
    due: date | None  # None for a standing duty or recurring quota (judged on the as-of day)
    window_start: date | None  # when the duty begins; for rounds and deadlines: the due date
    window_end: date | None  # after extensions are applied
    quantity: Amount | None  # for rounds: the round's quantity; for quotas: per period
    per: str | None  # "day"/"week" for recurring quotas
    kind: str  # schedule kind
    phase: str | None
    refrain: bool = False  # a prohibition: the obligor must not do ``action`` (no ATTACK)
    title: str = ""
    note: str | None = None  # the round's note


def _day(agreement: Agreement, day: int | None) -> date | None:
    return agreement.day_to_date(day) if day is not None else None


def _phase_of(agreement: Agreement, provision: Provision, when: date | None) -> str | None:
    """The provision's phase, else the phase whose day range holds ``when``."""
    if provision.phase is not None or when is None:
        return provision.phase
    day = agreement.date_to_day(when)
    for phase in agreement.phases:
        if phase.start_day <= day <= phase.end_day:
            return phase.id
    return None


def _expand(agreement: Agreement, provision: Provision) -> list[Obligation]:
    schedule = provision.schedule
    base = Obligation(
        id=provision.id,
        provision_id=provision.id,
        action=provision.action,
        obligor=provision.obligor,
        beneficiary=provision.beneficiary,
        location=provision.location,
        due=None,
        window_start=None,
        window_end=None,
        quantity=provision.quantity,
        per=None,
        kind=schedule.kind,
        phase=provision.phase,
        refrain=provision.refrain,
        title=provision.title,
    )
    if isinstance(schedule, Rounds):
        out: list[Obligation] = []
        for number, item in enumerate(schedule.rounds, start=1):
            due = item.date if item.date is not None else agreement.day_to_date(item.day or 1)
            out.append(
                replace(
                    base,
                    id=item.id or f"{provision.id}-{number}",
                    due=due,
                    window_start=due,
                    window_end=due,
                    quantity=item.quantity,
                    phase=_phase_of(agreement, provision, due),
                    note=item.note,
                )
            )
        return out
    if isinstance(schedule, OnDate | OnDay):
        due = schedule.date if isinstance(schedule, OnDate) else agreement.day_to_date(schedule.day)
        return [
            replace(
                base, due=due, window_start=due, window_end=due, phase=_phase_of(agreement, provision, due)
            )
        ]
    if isinstance(schedule, Window):
        start = schedule.start or _day(agreement, schedule.start_day)
        end = schedule.end or _day(agreement, schedule.end_day)
        return [
            replace(
                base,
                due=end,
                window_start=start,
                window_end=end,
                phase=_phase_of(agreement, provision, start or end),
            )
        ]
    if isinstance(schedule, Recurring):
        start = agreement.day_to_date(schedule.start_day)
        return [
            replace(
                base,
                window_start=start,
                window_end=_day(agreement, schedule.end_day),
                per=schedule.per,
                phase=_phase_of(agreement, provision, start),
            )
        ]
    assert isinstance(schedule, Standing)
    start = agreement.day_to_date(schedule.start_day)
    return [
        replace(
            base,
            window_start=start,
            window_end=_day(agreement, schedule.end_day),
            phase=_phase_of(agreement, provision, start),
        )
    ]


def _extend(agreement: Agreement, obligations: list[Obligation]) -> list[Obligation]:
    kinds = {p.id: p.schedule.kind for p in agreement.provisions}
    for extension in sorted(agreement.extensions, key=lambda e: e.date):
        named = set(extension.provisions) or {pid for pid, kind in kinds.items() if kind == "window"}
        changed: list[Obligation] = []
        for item in obligations:
            if item.provision_id not in named:
                changed.append(item)
            elif item.kind in ("rounds", "recurring", "standing"):
                changed.append(replace(item, window_end=extension.new_end))
            else:
                changed.append(replace(item, due=extension.new_end, window_end=extension.new_end))
        obligations = changed
    return obligations


def expand_obligations(agreement: Agreement) -> list[Obligation]:
    """Every obligation of the agreement, in due order (duties without a due date by their start);
    ties keep the file's order."""
    obligations: list[Obligation] = []
    for provision in agreement.provisions:
        obligations += _expand(agreement, provision)
    obligations = _extend(agreement, obligations)
    fallback = agreement.effective_date
    ranked = sorted(
        enumerate(obligations), key=lambda pair: (pair[1].due or pair[1].window_start or fallback, pair[0])
    )
    return [item for _, item in ranked]


def obligation_by_id(agreement: Agreement, obligation_id: str) -> Obligation:
    """One obligation by its id; KeyError if there is none."""
    for item in expand_obligations(agreement):
        if item.id == obligation_id:
            return item
    raise KeyError(obligation_id)


def obligation_record(item: Obligation) -> dict[str, Any]:
    """A JSON-ready dict: dates as ISO strings, the quantity as ``{value, unit}``."""
    return {
        "id": item.id,
        "provision_id": item.provision_id,
        "title": item.title,
        "action": item.action,
        "refrain": item.refrain,
        "obligor": item.obligor,
        "beneficiary": item.beneficiary,
        "location": item.location,
        "due": _iso(item.due),
        "window_start": _iso(item.window_start),
        "window_end": _iso(item.window_end),
        "quantity": item.quantity.model_dump() if item.quantity else None,
        "per": item.per,
        "kind": item.kind,
        "phase": item.phase,
        "note": item.note,
    }


def _iso(when: date | None) -> str | None:
    return when.isoformat() if when else None
