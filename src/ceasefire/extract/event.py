"""The extracted event: SPEC §3 fields plus provenance (rule, reason, trigger span) and codes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "PLEDGE",
    "DEMAND",
    "REJECT",
    "ACCUSE",
    "DENY",
    "THREATEN",
    "SUSPEND",
    "RELEASE",
    "WITHDRAW",
    "AID",
    "RETURN",
    "ATTACK",
    "MOBILIZE",
)
SPEECH_TYPES = frozenset({"PLEDGE", "DEMAND", "REJECT", "ACCUSE", "DENY", "THREATEN", "SUSPEND"})
MODES: tuple[str, ...] = ("occurred", "planned", "negated")
UNITS: tuple[str, ...] = ("hostage", "prisoner", "body", "truck", "person", "killed")

# SPEC §2: nearest PLOVER type and CAMEO root of each type.
PLOVER: dict[str, str] = {
    "AGREE": "AGREE",
    "CONSULT": "CONSULT",
    "PLEDGE": "AGREE",
    "DEMAND": "REQUEST",
    "REJECT": "REJECT",
    "ACCUSE": "ACCUSE",
    "DENY": "REJECT",
    "THREATEN": "THREATEN",
    "SUSPEND": "SANCTION",
    "RELEASE": "CONCEDE",
    "WITHDRAW": "RETREAT",
    "AID": "AID",
    "RETURN": "CONCEDE",
    "ATTACK": "ASSAULT",
    "MOBILIZE": "MOBILIZE",
}
CAMEO: dict[str, str] = {
    "AGREE": "03/05",
    "CONSULT": "04",
    "PLEDGE": "03",
    "DEMAND": "10",
    "REJECT": "12",
    "ACCUSE": "11",
    "DENY": "11",
    "THREATEN": "13",
    "SUSPEND": "16",
    "RELEASE": "08",
    "WITHDRAW": "08",
    "AID": "07",
    "RETURN": "08",
    "ATTACK": "18/19",
    "MOBILIZE": "15",
}

Mode = Literal["occurred", "planned", "negated"]


def _by_fields(obj: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle (and copy) a data class as a call of its class with its fields in order: compiled, a
    class whose ``__init__`` is written out cannot be rebuilt by calling it with no arguments, and
    events cross process boundaries (``run --jobs``, Dask)."""
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))


@dataclass(slots=True)
class Quantity:
    """A count with its unit. ``approx`` marks "about/more than N"; ``low``/``high`` a range;
    ``rate`` a recurring quota such as "per day"."""

    value: int
    unit: str
    approx: bool = False
    low: int | None = None
    high: int | None = None
    rate: str | None = None

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        value: int,
        unit: str,
        approx: bool = False,
        low: int | None = None,
        high: int | None = None,
        rate: str | None = None,
    ) -> None:
        self.value = value
        self.unit = unit
        self.approx = approx
        self.low = low
        self.high = high
        self.rate = rate

    def to_spec(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit}

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _by_fields(self)


@dataclass(slots=True)
class Event:
    doc_id: str
    type: str
    actor: str | None = None
    target: str | None = None
    object: str | None = None
    mode: str = "occurred"
    date: str | None = None
    quantity: Quantity | None = None
    location: str | None = None
    source: str | None = None
    evidence: str = ""
    span: tuple[int, int] = (0, 0)
    # provenance beyond SPEC §3
    rule: str = ""
    reason: str = ""
    trigger: str = ""
    trigger_span: tuple[int, int] = (0, 0)
    sentence: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    # __init__ written out: compiled, a generated one would run interpreted (see compiled.py)
    def __init__(
        self,
        doc_id: str,
        type: str,
        actor: str | None = None,
        target: str | None = None,
        object: str | None = None,
        mode: str = "occurred",
        date: str | None = None,
        quantity: Quantity | None = None,
        location: str | None = None,
        source: str | None = None,
        evidence: str = "",
        span: tuple[int, int] = (0, 0),
        rule: str = "",
        reason: str = "",
        trigger: str = "",
        trigger_span: tuple[int, int] = (0, 0),
        sentence: int = 0,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.doc_id = doc_id
        self.type = type
        self.actor = actor
        self.target = target
        self.object = object
        self.mode = mode
        self.date = date
        self.quantity = quantity
        self.location = location
        self.source = source
        self.evidence = evidence
        self.span = span
        self.rule = rule
        self.reason = reason
        self.trigger = trigger
        self.trigger_span = trigger_span
        self.sentence = sentence
        self.extra = {} if extra is None else extra

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _by_fields(self)

    @property
    def plover(self) -> str:
        return PLOVER[self.type]

    @property
    def cameo(self) -> str:
        return CAMEO[self.type]

    def to_spec(self) -> dict[str, Any]:
        """The SPEC §3 record (field order as in the spec) plus provenance and codes."""
        return {
            "doc_id": self.doc_id,
            "type": self.type,
            "actor": self.actor,
            "target": self.target,
            "object": self.object,
            "mode": self.mode,
            "date": self.date,
            "quantity": self.quantity.to_spec() if self.quantity else None,
            "location": self.location,
            "source": self.source,
            "evidence": self.evidence,
            "span": [self.span[0], self.span[1]],
            "rule": self.rule,
            "reason": self.reason,
            "trigger": self.trigger,
            "trigger_span": [self.trigger_span[0], self.trigger_span[1]],
            "plover": self.plover,
            "cameo": self.cameo,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
