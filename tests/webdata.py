"""A small monitoring database written for the web tests: four reports (one with markup in its text),
their events, and one user per role with an API token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

from sqlalchemy import Engine, insert
from starlette.testclient import TestClient

from ceasefire.extract.event import Event, Quantity
from ceasefire.store.events import replace_events
from ceasefire.store.tables import documents
from ceasefire.store.users import create_token, hash_password, users

PASSWORD = "correct horse battery"
SCRIPT_DOC = "w-004"

# (doc_id, published, title, text, [(type, actor, target, mode, date, quantity, evidence, trigger)])
REPORTS: list[tuple[str, date, str, str, list[tuple]]] = [
    (
        "w-001",
        date(2025, 1, 26),
        "First exchange completed",
        "GAZA CITY — The armed wing of Hamas handed four hostages to Red Cross officials on Saturday. "
        "Hours later Israel freed 200 prisoners from a jail near Ramallah, a prison service "
        "spokesman said.",
        [
            ("RELEASE", "hamas", "israel", "occurred", "2025-01-25", (4, "hostage"), 0, "handed"),
            ("RELEASE", "israel", "palestinians", "occurred", "2025-01-25", (200, "prisoner"), 1, "freed"),
        ],
    ),
    (
        "w-002",
        date(2025, 2, 10),
        "Group says next handover is off",
        "Hamas said on Monday it would postpone the next handover of captives until further notice, "
        "accusing Israel of breaching the deal. Israeli officials denied any breach.",
        [
            ("SUSPEND", "hamas", "israel", "planned", "2025-02-10", None, 0, "postpone"),
            ("ACCUSE", "hamas", "israel", "occurred", "2025-02-10", None, 0, "accusing"),
            ("DENY", "israel", "hamas", "occurred", "2025-02-10", None, 1, "denied"),
        ],
    ),
    (
        "w-003",
        date(2025, 2, 15),
        "Three more captives go free",
        "Three hostages were handed over in Khan Younis on Saturday. Israel said it freed 369 "
        "prisoners in return.",
        [
            ("RELEASE", "hamas", "israel", "occurred", "2025-02-15", (3, "hostage"), 0, "handed over"),
            ("RELEASE", "israel", "palestinians", "occurred", "2025-02-15", (36, "prisoner"), 1, "freed"),
        ],
    ),
    (
        SCRIPT_DOC,
        date(2025, 2, 16),
        "Markup <b>in</b> a title",
        "<script>alert('pwned')</script> Israel accused Hamas of violating the truce on Sunday. "
        '<img src=x onerror="alert(2)"> Mediators met in Cairo.',
        [
            ("ACCUSE", "israel", "hamas", "occurred", "2025-02-16", None, 0, "accused"),
            ("CONSULT", None, None, "occurred", "2025-02-16", None, 1, "met"),
        ],
    ),
]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]


def seed_reports(engine: Engine) -> None:
    with engine.begin() as conn:
        for doc_id, published, title, text, found in REPORTS:
            pk = conn.execute(
                insert(documents).values(
                    doc_id=doc_id,
                    content_hash=f"{doc_id:0<64}",
                    text=text,
                    published=published,
                    title=title,
                    metadata={},
                    ingested_at=datetime.now(UTC),
                )
            ).inserted_primary_key[0]
            spans = _sentences(text)
            events = []
            for type_, actor, target, mode, when, qty, sentence, trigger in found:
                start, end = spans[sentence]
                start += len(text[start:end]) - len(text[start:end].lstrip())
                t0 = text.index(trigger, start)
                events.append(
                    Event(
                        doc_id=doc_id,
                        type=type_,
                        actor=actor,
                        target=target,
                        mode=mode,
                        date=when,
                        quantity=Quantity(*qty) if qty else None,
                        evidence=text[start:end],
                        span=(start, end),
                        rule=f"test.{type_.lower()}",
                        trigger=trigger,
                        trigger_span=(t0, t0 + len(trigger)),
                        sentence=sentence,
                    )
                )
            replace_events(conn, int(pk), events)


@dataclass
class Team:
    tokens: dict[str, str]


@lru_cache(maxsize=1)
def _password_hash() -> str:
    return hash_password(PASSWORD)  # scrypt is slow on purpose: hash once per test session


def seed_users(engine: Engine) -> Team:
    tokens = {}
    with engine.begin() as conn:
        for name in ("admin", "analyst", "viewer"):
            conn.execute(
                insert(users).values(
                    name=name,
                    role=name,
                    password_hash=_password_hash(),
                    active=True,
                    created_at=datetime.now(UTC),
                )
            )
            tokens[name] = create_token(conn, name, "tests")
    return Team(tokens)


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: TestClient, name: str) -> str:
    """Log ``client`` in through the form; returns the new session's CSRF token."""
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": name, "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client, "/events")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Site:
    app: object
    engine: Engine
    team: Team

    def client(self) -> TestClient:
        return TestClient(self.app)  # type: ignore[arg-type]

    def close(self) -> None:
        self.engine.dispose()


def build_site(db_url: str, *, https_only: bool = False) -> Site:
    """The app on a fresh database holding the reports above and one user per role."""
    from ceasefire.store.engine import open_db
    from ceasefire.web.app import create_app

    engine = open_db(db_url)
    seed_reports(engine)
    team = seed_users(engine)
    app = create_app(db_url, secret="test-secret-not-for-production", https_only=https_only)
    return Site(app=app, engine=engine, team=team)
