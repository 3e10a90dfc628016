"""An ACLED-like row for one event: ACLED's column names, our types mapped to its event types.

The mapping is ours, not ACLED's coding (docs/exports.md gives it in full): violence is
``Political violence``; every other type is a ``Strategic development``, with the sub-event type
that fits best (a release or a deal is an ``Agreement``, a withdrawal a ``Non-violent transfer of
territory``, a suspension or mobilisation a ``Change to group/activity``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ceasefire.store.events import StoredEvent

STRATEGIC = "Strategic developments"
SUB_EVENT = {
    "AGREE": "Agreement",
    "PLEDGE": "Agreement",
    "RELEASE": "Agreement",
    "WITHDRAW": "Non-violent transfer of territory",
    "SUSPEND": "Change to group/activity",
    "MOBILIZE": "Change to group/activity",
    "CONSULT": "Other",
    "DEMAND": "Other",
    "REJECT": "Other",
    "ACCUSE": "Other",
    "DENY": "Other",
    "THREATEN": "Other",
    "AID": "Other",
    "RETURN": "Other",
}
INTER = {
    "state": "State forces",
    "group": "Rebel group",
    "people": "Civilians",
    "body": "External/Other forces",
    "other": "External/Other forces",
}
# actor or place owner → (country, ISO 3166 numeric, ISO alpha-3)
COUNTRY = {
    "palestinians": ("Palestine", 275, "PSE"),
    "pa": ("Palestine", 275, "PSE"),
    "hamas": ("Palestine", 275, "PSE"),
    "pij": ("Palestine", 275, "PSE"),
    "israel": ("Israel", 376, "ISR"),
    "lebanon": ("Lebanon", 422, "LBN"),
    "hezbollah": ("Lebanon", 422, "LBN"),
    "syria": ("Syria", 760, "SYR"),
    "egypt": ("Egypt", 818, "EGY"),
    "qatar": ("Qatar", 634, "QAT"),
    "jordan": ("Jordan", 400, "JOR"),
    "yemen": ("Yemen", 887, "YEM"),
    "iran": ("Iran", 364, "IRN"),
    "usa": ("United States", 840, "USA"),
    "russia": ("Russia", 643, "RUS"),
    "ukraine": ("Ukraine", 804, "UKR"),
    "india": ("India", 356, "IND"),
    "pakistan": ("Pakistan", 586, "PAK"),
}
REGION = {
    "PSE": "Middle East",
    "ISR": "Middle East",
    "LBN": "Middle East",
    "SYR": "Middle East",
    "JOR": "Middle East",
    "YEM": "Middle East",
    "IRN": "Middle East",
    "QAT": "Middle East",
    "EGY": "Northern Africa",
    "USA": "North America",
    "RUS": "Europe",
    "UKR": "Europe",
    "IND": "South Asia",
    "PAK": "South Asia",
}
AIR = re.compile(r"\b(air ?strikes?|airstrikes?|drones?|warplanes?|bomb(ed|ing)?)\b", re.I)
SHELLING = re.compile(r"\b(shell(ed|ing|s)?|artillery|missiles?|rockets?|mortars?)\b", re.I)


@dataclass(slots=True)
class ActorInfo:
    name: str
    kind: str
    side: str


class AcledMapper:
    """Turns stored events into ACLED-like rows; ``actors`` and ``places`` come from the registry and
    the location lexicon (loaded once per export)."""

    def __init__(self, actors: dict[str, ActorInfo], places: dict[str, str | None], timestamp: int) -> None:
        self.actors = actors
        self.places = places
        self.timestamp = timestamp

    @classmethod
    def load(cls, timestamp: int) -> AcledMapper:
        from ceasefire.actors.registry import ActorRegistry
        from ceasefire.extract.lexicon import load_lexicon

        registry = ActorRegistry.load()
        actors = {e.id: ActorInfo(e.name, e.kind, registry.side_of(e.id)) for e in registry.entries()}
        places = {p.name: p.belongs_to for p in load_lexicon().locations}
        return cls(actors, places, timestamp)

    def _actor(self, actor_id: str | None) -> tuple[str | None, str | None, str | None]:
        """(name, associated actor: the party it acts for, ACLED-like inter label)."""
        if actor_id is None:
            return None, None, None
        info = self.actors.get(actor_id)
        if info is None:
            return actor_id, None, INTER["other"]
        side = self.actors.get(info.side)
        assoc = side.name if side is not None and info.side != actor_id else None
        return info.name, assoc, INTER.get(info.kind, INTER["other"])

    def _country(self, event_location: str | None) -> tuple[str, int, str] | None:
        if event_location is None:
            return None
        owner = self.places.get(event_location)
        if owner is None:
            owner = event_location.lower()
        return COUNTRY.get(owner)

    def _types(self, stored: StoredEvent, target_kind: str | None) -> tuple[str, str, str]:
        e = stored.event
        if e.type != "ATTACK":
            return STRATEGIC, STRATEGIC, SUB_EVENT.get(e.type, "Other")
        if target_kind == "Civilians":
            return "Political violence", "Violence against civilians", "Attack"
        if AIR.search(e.evidence):
            return "Political violence", "Explosions/Remote violence", "Air/drone strike"
        if SHELLING.search(e.evidence):
            return "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"
        return "Political violence", "Battles", "Armed clash"

    def row(self, stored: StoredEvent) -> dict[str, Any]:
        e = stored.event
        actor1, assoc1, inter1 = self._actor(e.actor)
        actor2, assoc2, inter2 = self._actor(e.target)
        disorder, event_type, sub_type = self._types(stored, inter2)
        country = self._country(e.location)
        when = e.date or (stored.published.isoformat() if stored.published else None)
        quantity = e.quantity
        fatalities = quantity.value if quantity is not None and quantity.unit == "killed" else 0
        tags = [f"mode={e.mode}"]
        if e.object:
            tags.append(f"object={e.object}")
        if quantity is not None:
            tags.append(f"quantity={quantity.value} {quantity.unit}")
        if e.source:
            tags.append(f"according to {e.source}")
        return {
            "event_id_cnty": f"{country[2] if country else 'XXX'}{stored.id}",
            "event_date": when,
            "year": int(when[:4]) if when else None,
            "time_precision": 1 if e.date else 2,
            "disorder_type": disorder,
            "event_type": event_type,
            "sub_event_type": sub_type,
            "actor1": actor1,
            "assoc_actor_1": assoc1,
            "inter1": inter1,
            "actor2": actor2,
            "assoc_actor_2": assoc2,
            "inter2": inter2,
            "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else inter1,
            "civilian_targeting": "Civilian targeting" if sub_type == "Attack" else None,
            "iso": country[1] if country else None,
            "region": REGION.get(country[2]) if country else None,
            "country": country[0] if country else None,
            "admin1": None,
            "admin2": None,
            "admin3": None,
            "location": e.location,
            "latitude": None,
            "longitude": None,
            "geo_precision": None,
            "source": stored.outlet,
            "source_scale": None,
            "notes": e.evidence,
            "fatalities": fatalities,
            "tags": "; ".join(tags),
            "timestamp": self.timestamp,
            "doc_id": e.doc_id,
            "url": stored.url,
            "published": stored.published,
            "mode": e.mode,
            "plover": e.plover,
            "cameo": e.cameo,
            "rule": e.rule,
            "event_id": stored.id,
        }
