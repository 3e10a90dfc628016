"""Reviews: confirm, reject, correct; the extraction is never overwritten; reviews survive
re-extraction; assessment sees the reviewed version."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select

from ceasefire.errors import InvalidRequest
from ceasefire.store.events import load_events, replace_events
from ceasefire.store.reviews import apply_reviews, fingerprint, latest_reviews, record_review, review_history
from ceasefire.store.tables import events
from ceasefire.store.users import User, get_user, list_audit
from webdata import seed_reports, seed_users


def _analyst(engine: Engine) -> User:
    seed_users(engine)
    with engine.connect() as conn:
        user = get_user(conn, 2)
    assert user is not None and user.role == "analyst"
    return user


def _by_doc(engine: Engine, doc_id: str) -> list:
    with engine.connect() as conn:
        return load_events(conn, doc_ids=[doc_id])


def test_fingerprint_ignores_row_id_and_corrected_fields(engine: Engine) -> None:
    seed_reports(engine)
    first = _by_doc(engine, "w-003")[1]
    with engine.begin() as conn:
        replace_events(conn, first.document_pk, [s.event for s in _by_doc(engine, "w-003")])
    again = _by_doc(engine, "w-003")[1]
    assert again.id != first.id
    assert fingerprint(again.event) == fingerprint(first.event)
    assert fingerprint(_by_doc(engine, "w-003")[0].event) != fingerprint(first.event)


def test_confirm_reject_correct_give_the_reviewed_view(engine: Engine) -> None:
    seed_reports(engine)
    user = _analyst(engine)
    hostages, prisoners = _by_doc(engine, "w-003")
    accuse = _by_doc(engine, "w-002")[1]
    with engine.begin() as conn:
        record_review(conn, user, hostages, "confirm")
        record_review(
            conn,
            user,
            prisoners,
            "correct",
            changes={"quantity": {"value": "369", "unit": "prisoner"}},
            reason="the report says 369",
        )
        record_review(conn, user, accuse, "reject", reason="not an accusation of a party")
    with engine.connect() as conn:
        stored = load_events(conn)
        reviewed = apply_reviews(conn, stored)
    assert len(reviewed) == len(stored) - 1
    by_fp = {fingerprint(s.event): s.event for s in reviewed}
    assert fingerprint(accuse.event) not in by_fp
    fixed = by_fp[fingerprint(prisoners.event)]
    assert fixed.quantity is not None and fixed.quantity.value == 369
    assert fixed.extra["review"]["status"] == "corrected" and fixed.extra["review"]["by"] == "analyst"
    assert by_fp[fingerprint(hostages.event)].extra["review"]["status"] == "confirmed"
    # the stored extraction is untouched
    with engine.connect() as conn:
        raw = conn.execute(select(events.c.quantity_value).where(events.c.id == prisoners.id)).scalar_one()
        assert raw == 36
        audit = list_audit(conn)
    assert {"review.confirm", "review.correct", "review.reject"} <= {a.action for a in audit}


def test_reviews_survive_reextraction_and_keep_history(engine: Engine) -> None:
    seed_reports(engine)
    user = _analyst(engine)
    prisoners = _by_doc(engine, "w-003")[1]
    with engine.begin() as conn:
        record_review(
            conn, user, prisoners, "correct", changes={"date": "2025-02-14"}, reason="freed Friday night"
        )
        record_review(
            conn,
            user,
            prisoners,
            "correct",
            changes={"date": "2025-02-15", "provision": "prisoner-release"},
            reason="second look: Saturday",
        )
        # extraction runs again: the document's events are deleted and inserted anew
        replace_events(conn, prisoners.document_pk, [s.event for s in _by_doc(engine, "w-003")])
    with engine.connect() as conn:
        reviewed = apply_reviews(conn, load_events(conn, doc_ids=["w-003"]))
        history = review_history(conn, fingerprint(prisoners.event))
    assert [h.changes.get("date") for h in history] == ["2025-02-14", "2025-02-15"]
    assert history[0].original["quantity"] == {"value": 36, "unit": "prisoner"}
    event = reviewed[1].event
    assert event.date == "2025-02-15" and event.extra["provision"] == "prisoner-release"


@pytest.mark.parametrize(
    ("action", "changes", "reason"),
    [
        ("correct", {}, "nothing changed"),
        ("correct", {"type": "PARTY"}, "bad type"),
        ("correct", {"mode": "maybe"}, "bad mode"),
        ("correct", {"date": "15/02/2025"}, "bad date"),
        ("correct", {"quantity": {"value": -3, "unit": "hostage"}}, "negative"),
        ("correct", {"quantity": {"value": 3, "unit": "goat"}}, "bad unit"),
        ("correct", {"actor": "Robert'); DROP TABLE events;--"}, "bad actor"),
        ("correct", {"rule": "x"}, "not correctable"),
        ("correct", {"type": "ATTACK"}, ""),
        ("reject", {}, "  "),
        ("approve", {}, "unknown action"),
    ],
)
def test_bad_reviews_are_refused(engine: Engine, action: str, changes: dict, reason: str) -> None:
    seed_reports(engine)
    user = _analyst(engine)
    target = _by_doc(engine, "w-001")[0]
    with engine.begin() as conn, pytest.raises(InvalidRequest):
        record_review(conn, user, target, action, changes=changes, reason=reason)
    with engine.connect() as conn:
        assert latest_reviews(conn) == {}


def test_assessment_uses_the_reviewed_version(engine: Engine) -> None:
    from ceasefire.web.assess_views import status_out
    from ceasefire.web.assessment import AssessmentService

    seed_reports(engine)
    user = _analyst(engine)
    service = AssessmentService(engine)

    def round_6() -> str:
        report = status_out(service, "gaza-2025", date(2025, 2, 16))
        return next(o.status for o in report.obligations if o.provision == "prisoner-round-6")

    assert round_6() == "partly_fulfilled"
    prisoners = _by_doc(engine, "w-003")[1]
    with engine.begin() as conn:
        record_review(
            conn,
            user,
            prisoners,
            "correct",
            changes={"quantity": {"value": 369, "unit": "prisoner"}},
            reason="the report says 369",
        )
    assert round_6() == "fulfilled"
    with engine.begin() as conn:
        record_review(conn, user, prisoners, "reject", reason="duplicate telling")
    assert round_6() in ("overdue", "due")


def test_many_reports_do_not_overflow_bound_parameters(engine: Engine) -> None:
    seed_reports(engine)
    user = _analyst(engine)
    target = _by_doc(engine, "w-001")[0]
    with engine.begin() as conn:
        record_review(conn, user, target, "confirm")
    wanted = [f"other-{i}" for i in range(40_000)] + ["w-001"]
    with engine.connect() as conn:
        assert list(latest_reviews(conn, wanted)) == [fingerprint(target.event)]
        assert latest_reviews(conn, wanted[:10]) == {}
