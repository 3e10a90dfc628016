"""The web's door to assessment: reviewed events, the agreement, and assessment results, cached per
database state so that many readers of an unchanged database share one computation.

Everything assessed here starts from ``apply_reviews``: rejected events are gone, corrections applied.
The cache lives on the application (not in a module global) and is keyed by ``data_version``, which
changes whenever a report, an event or a review is added.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine

from ceasefire.agreements.schema import Agreement
from ceasefire.errors import Unavailable, UnknownAgreement
from ceasefire.store.events import StoredEvent, load_events
from ceasefire.store.reviews import apply_reviews
from ceasefire.store.webqueries import data_version, latest_published

DEFAULT_AGREEMENT = "gaza-2025"
CACHE_SIZE = 64


class AssessmentService:
    """Per-application cache of reviewed events and assessment results."""

    def __init__(self, engine: Engine, *, version_ttl: float = 0.0) -> None:
        """``version_ttl``: seconds a database-state reading is reused. Writes made through this
        process call :meth:`invalidate` and show at once; writes by other processes (CLI, other
        workers) show within ``version_ttl``. 0 reads the state on every request."""
        self.engine = engine
        self.version_ttl = version_ttl
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._version: tuple[Any, ...] | None = None
        self._version_at = 0.0
        self._generation = 0  # bumped by invalidate(): a reading started before it is not kept

    def _cached(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = build()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def version(self) -> tuple[Any, ...]:
        now = time.monotonic()
        if self._version is not None and now - self._version_at < self.version_ttl:
            return self._version
        generation = self._generation
        with self.engine.connect() as conn:
            version = data_version(conn)
        with self._lock:
            if generation == self._generation:
                self._version, self._version_at = version, now
        return version

    def invalidate(self) -> None:
        """Forget the database-state reading (after a write made by this process)."""
        with self._lock:
            self._generation += 1
            self._version = None

    # --- inputs -------------------------------------------------------------------------------
    def agreement_ids(self) -> list[str]:
        from ceasefire.agreements.load import builtin_ids
        from ceasefire.store.agreements import list_stored_agreements

        with self.engine.connect() as conn:
            stored = [a.id for a in list_stored_agreements(conn)]
        return stored + [i for i in builtin_ids() if i not in stored]

    def default_agreement(self) -> str:
        ids = self.agreement_ids()
        return DEFAULT_AGREEMENT if DEFAULT_AGREEMENT in ids or not ids else ids[0]

    def agreement(self, agreement_id: str | None) -> Agreement:
        wanted = agreement_id or self.default_agreement()

        def build() -> Agreement:
            from ceasefire.agreements.load import builtin_ids, get_agreement
            from ceasefire.store.agreements import load_stored_agreement

            with self.engine.connect() as conn:
                stored = load_stored_agreement(conn, wanted)
            if stored is not None:
                return stored
            if wanted not in builtin_ids():  # never read a file path given by a web client
                raise UnknownAgreement(f"unknown agreement {wanted!r}", hint="see /api/agreements")
            return get_agreement(wanted)

        return self._cached(("agreement", wanted, self.version()), build)

    def as_of(self, requested: date | None) -> date | None:
        """The day asked for, else the publication day of the newest report."""
        if requested is not None:
            return requested
        with self.engine.connect() as conn:
            return latest_published(conn)

    def reviewed_events(self) -> list[StoredEvent]:
        def build() -> list[StoredEvent]:
            with self.engine.connect() as conn:
                return apply_reviews(conn, load_events(conn))

        return self._cached(("events", self.version()), build)

    def view(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """A finished response (page model) cached per database state: readers of an unchanged
        database get the same object without recomputing or re-serialising the assessment."""
        return self._cached(("view", *key, self.version()), build)

    # --- results ------------------------------------------------------------------------------
    def computed(
        self, kind: str, agreement_id: str | None, as_of: date | None, build: Callable[..., Any]
    ) -> Any:
        """``build(agreement, reviewed_events, as_of)``, cached per database state."""
        agreement = self.agreement(agreement_id)
        key = (kind, agreement.id, as_of, self.version())
        return self._cached(key, lambda: build(agreement, self.reviewed_events(), as_of))

    def prepared(self, agreement_id: str | None, as_of: date | None) -> Any:
        from ceasefire.assess.context import prepare

        return self.computed("prepared", agreement_id, as_of, prepare)

    def event_links(self, agreement_id: str | None) -> dict[int, list[str]]:
        """Event id → the obligations its story is linked to ("prisoner-round-6 fulfils"), all reports."""

        def build() -> dict[int, list[str]]:
            try:
                prepared = self.prepared(agreement_id, None)
            except Unavailable:
                return {}
            out: dict[int, list[str]] = {}
            for link in prepared.links:
                for member in prepared.story(link.story_id).events:
                    out.setdefault(member.event_id, []).append(f"{link.obligation_id} {link.relation}")
            return out

        return self._cached(("event_links", agreement_id, self.version()), build)

    def provision_event_ids(self, agreement_id: str | None, provision: str) -> frozenset[int]:
        """Events behind a provision: linked by assessment (through their stories) or linked by review."""
        ids = {s.id for s in self.reviewed_events() if s.event.extra.get("provision") == provision}
        try:
            prepared = self.prepared(agreement_id, None)
        except Unavailable:
            return frozenset(ids)
        obligations = {o.id for o in prepared.obligations if o.provision_id == provision}
        for link in prepared.links:
            if link.obligation_id in obligations:
                ids.update(e.event_id for e in prepared.story(link.story_id).events)
        return frozenset(ids)


def require(module: str, name: str) -> Any:
    """A function of the assessment package, or Unavailable when this build does not have it yet."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise Unavailable(f"{module}.{name} is not available in this build") from exc
