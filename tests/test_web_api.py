"""The REST API and page twins on a small database: filters, pagination, highlighted spans, assessment
views, reviews through the API, uploads, and the one error shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from webdata import SCRIPT_DOC, Site, bearer, build_site, login


@pytest.fixture
def site(db_url: str) -> Iterator[Site]:
    built = build_site(db_url)
    yield built
    built.close()


def _get(site: Site, path: str, role: str = "viewer") -> dict:
    response = site.client().get(path, headers=bearer(site.team.tokens[role]))
    assert response.status_code == 200, response.text
    return response.json()


def test_events_list_filters_and_pages(site: Site) -> None:
    everything = _get(site, "/api/events")
    assert everything["count"] == 9 and len(everything["data"]) == 9
    assert {"data", "count", "limit", "offset"} <= set(everything)
    releases = _get(site, "/api/events?type=RELEASE")
    assert releases["count"] == 4 and {e["type"] for e in releases["data"]} == {"RELEASE"}
    by_actor = _get(site, "/api/events?actor=israel&mode=occurred")
    assert by_actor["count"] > 0 and all("israel" in (e["actor"], e["target"]) for e in by_actor["data"])
    window = _get(site, "/api/events?from=2025-02-15&to=2025-02-16")
    assert {e["doc_id"] for e in window["data"]} == {"w-003", SCRIPT_DOC}
    first, second = _get(site, "/api/events?limit=5"), _get(site, "/api/events?limit=5&offset=5")
    assert len(first["data"]) == 5 and len(second["data"]) == 4
    assert not {e["id"] for e in first["data"]} & {e["id"] for e in second["data"]}


def test_provision_filter_uses_assessment_links(site: Site) -> None:
    linked = _get(site, "/api/events?agreement=gaza-2025&provision=prisoner-release")
    assert linked["count"] == 2
    assert {e["doc_id"] for e in linked["data"]} == {"w-001", "w-003"}
    assert sorted(link for e in linked["data"] for link in e["links"]) == [
        "prisoner-round-2 fulfils",
        "prisoner-round-6 partly_fulfils",
    ]
    assert _get(site, "/api/events?provision=no-such-provision")["count"] == 0


def test_document_with_highlighted_spans(site: Site) -> None:
    doc = _get(site, "/api/documents/w-003")
    assert [e["type"] for e in doc["events"]] == ["RELEASE", "RELEASE"]
    assert "".join(s["text"] for s in doc["segments"]) == doc["text"]
    marked = [s for s in doc["segments"] if s["mark"]]
    assert [s["text"] for s in marked] == [e["evidence"] for e in doc["events"]]
    focus = _get(site, f"/api/documents/w-003?focus={doc['events'][1]['id']}")
    assert [s["focus"] for s in focus["segments"] if s["mark"]] == [False, True]
    listing = _get(site, "/api/documents?q=captives")
    assert [d["doc_id"] for d in listing["data"]] == ["w-003"]


def test_agreement_status_ledger_and_watch_lists(site: Site) -> None:
    assert "gaza-2025" in [a["id"] for a in _get(site, "/api/agreements")["data"]]
    provisions = _get(site, "/api/agreements/gaza-2025")["provision_list"]
    assert any(p["id"] == "prisoner-release" for p in provisions)
    status = _get(site, "/api/agreements/gaza-2025/status?as_of=2025-02-16")
    by_id = {o["provision"]: o for o in status["obligations"]}
    assert by_id["hostage-round-6"]["status"] == "fulfilled"
    assert by_id["prisoner-round-6"]["status"] == "partly_fulfilled"
    assert status["counts"]["fulfilled"] >= 3
    early = _get(site, "/api/agreements/gaza-2025/status?as_of=2025-02-01")
    assert {o["provision"]: o for o in early["obligations"]}["hostage-round-6"]["status"] == "not_due"
    ledger = _get(site, "/api/agreements/gaza-2025/ledger")
    assert {(r["date"], r["party"], r["count"]) for r in ledger["rows"]} >= {("2025-01-25", "hamas", 4)}
    assert ledger["chart"]["data"], "the ledger chart has traces"
    detail = _get(site, "/api/agreements/gaza-2025/provisions/prisoner-release?as_of=2025-02-16")
    evidence = [e for o in detail["obligations"] for s in o["stories"] for e in s["events"]]
    assert {e["doc_id"] for e in evidence} == {"w-001", "w-003"}
    assert all(any(seg["mark"] for seg in e["context"]) for e in evidence)
    claims = _get(site, "/api/agreements/gaza-2025/claims")
    assert claims["count"] >= 1 and {"kind", "claimant", "events"} <= set(claims["data"][0])
    assert "data" in _get(site, "/api/agreements/gaza-2025/due-next?as_of=2025-02-16&days=10")
    risk = _get(site, "/api/agreements/gaza-2025/risk?from=2025-02-01&to=2025-02-16")
    assert risk["count"] == 16 and all(0 <= d["risk"] <= 1 for d in risk["data"])
    assert _get(site, "/api/agreements/gaza-2025/timeline")["count"] >= 4
    releases = _get(site, "/api/agreements/gaza-2025/stories?type=RELEASE")
    assert releases["count"] == 4 and {s["type"] for s in releases["data"]} == {"RELEASE"}
    by_israel = _get(site, "/api/agreements/gaza-2025/stories?type=RELEASE&actor=israel&from=2025-02-01")
    assert {(s["actor"], s["quantity"]["value"]) for s in by_israel["data"]} == {("hamas", 3), ("israel", 36)}
    linked = _get(site, "/api/agreements/gaza-2025/stories?provision=hostage-release")
    assert {s["actor"] for s in linked["data"]} == {"hamas"} and linked["count"] == 2


def test_review_through_the_api_changes_status(site: Site) -> None:
    client = site.client()
    analyst = bearer(site.team.tokens["analyst"])
    events = _get(site, "/api/events?doc_id=w-003")["data"]
    prisoners = next(e for e in events if e["quantity"]["unit"] == "prisoner")
    body = {
        "action": "correct",
        "reason": "369 in the text",
        "changes": {"quantity": {"value": 369, "unit": "prisoner"}},
    }
    response = client.post(f"/api/events/{prisoners['id']}/review", json=body, headers=analyst)
    assert response.status_code == 200, response.text
    assert response.json()["review"]["status"] == "corrected"
    shown = _get(site, f"/api/events/{prisoners['id']}")
    assert (
        shown["event"]["quantity"]["value"] == 369 and shown["event"]["extracted"]["quantity"]["value"] == 36
    )
    assert shown["history"][0]["by"] == "analyst"
    assert shown["event"]["links"] == ["prisoner-round-6 fulfils"]
    status = _get(site, "/api/agreements/gaza-2025/status?as_of=2025-02-16")
    assert {o["provision"]: o for o in status["obligations"]}["prisoner-round-6"]["status"] == "fulfilled"
    queue = _get(site, "/api/reviews?status=corrected")
    assert [e["id"] for e in queue["data"]] == [prisoners["id"]]
    assert _get(site, "/api/reviews")["count"] == 8
    audit = _get(site, "/api/audit", role="admin")
    assert audit["data"][0]["action"] == "review.correct" and audit["data"][0]["username"] == "analyst"


def test_filters_see_corrected_values(site: Site) -> None:
    meeting = _get(site, "/api/events?type=CONSULT")["data"][0]
    body = {
        "action": "correct",
        "reason": "a deal was reached",
        "changes": {"type": "AGREE", "actor": "egypt"},
    }
    response = site.client().post(
        f"/api/events/{meeting['id']}/review", json=body, headers=bearer(site.team.tokens["analyst"])
    )
    assert response.status_code == 200, response.text
    assert _get(site, "/api/events?type=CONSULT")["count"] == 0
    agreed = _get(site, "/api/events?type=AGREE&actor=egypt")
    assert [e["id"] for e in agreed["data"]] == [meeting["id"]] and agreed["data"][0]["type"] == "AGREE"
    assert _get(site, "/api/reviews?status=corrected&type=AGREE")["count"] == 1


def test_story_review_covers_every_telling(site: Site) -> None:
    stories = _get(site, "/api/agreements/gaza-2025/stories?type=RELEASE")["data"]
    story = stories[0]
    response = site.client().post(
        f"/api/agreements/gaza-2025/stories/{story['id']}/review",
        json={"action": "confirm"},
        headers=bearer(site.team.tokens["analyst"]),
    )
    assert response.status_code == 200, response.text
    assert response.json()["events"] == len(story["event_ids"])
    confirmed = _get(site, "/api/reviews?status=confirmed")
    assert {e["id"] for e in confirmed["data"]} == set(story["event_ids"])


def test_stories_are_reviewed_from_the_timeline(site: Site) -> None:
    client = site.client()
    token = login(client, "analyst")
    entries = client.get("/timeline.json").json()["data"]
    story = next(e for e in entries if e["kind"] == "story" and e["type"] == "RELEASE")
    assert f'id="story-{story["id"]}"' in client.get("/timeline").text
    response = client.post(
        f"/stories/{story['id']}/review",
        data={"action": "reject", "reason": "", "agreement": "gaza-2025", "csrf_token": token},
    )
    assert response.status_code == 422  # a rejection needs a reason
    response = client.post(
        f"/stories/{story['id']}/review",
        data={"action": "confirm", "agreement": "gaza-2025", "csrf_token": token, "return_to": "/timeline"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/timeline?flash=story")
    assert _get(site, "/api/reviews?status=confirmed")["count"] >= 1


def test_errors_have_one_shape(site: Site) -> None:
    client = site.client()
    viewer = bearer(site.team.tokens["viewer"])
    cases = [
        ("/api/events/999999", 404),
        ("/api/documents/nope", 404),
        ("/api/agreements/nope", 404),
        ("/api/agreements/gaza-2025/provisions/nope", 404),
        ("/api/events?type=PARTY", 422),
        ("/api/events?limit=0", 422),
        ("/api/events?from=yesterday", 422),
        ("/api/no-such-route", 404),
    ]
    for path, status in cases:
        response = client.get(path, headers=viewer)
        assert response.status_code == status, path
        body = response.json()
        assert body["ok"] is False and body["status"] == status and body["error"], path
    bad = client.post(
        "/api/events/1/review", json={"action": "approve"}, headers=bearer(site.team.tokens["analyst"])
    )
    assert bad.status_code == 422 and bad.json()["ok"] is False


def test_every_page_has_a_json_twin(site: Site) -> None:
    viewer = bearer(site.team.tokens["viewer"])
    client = site.client()
    for page, twin in [
        ("/", "/index.json"),
        ("/provisions", "/provisions.json"),
        ("/provisions/prisoner-release", "/provisions/prisoner-release.json"),
        ("/ledger", "/ledger.json"),
        ("/timeline", "/timeline.json"),
        ("/events", "/events.json"),
        ("/events/1", "/events/1.json"),
        ("/documents", "/documents.json"),
        ("/documents/w-001", "/documents/w-001.json"),
        ("/claims", "/claims.json"),
        ("/review", "/review.json"),
    ]:
        html = client.get(page, headers=viewer)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), page
        assert f'href="{twin}' in html.text, page
        data = client.get(twin, headers=viewer)
        assert data.status_code == 200 and data.headers["content-type"] == "application/json", twin


def test_openapi_docs_and_plotly_are_served_locally(site: Site) -> None:
    client = site.client()
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/events/{event_id}/review" in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text and "cdn" not in docs.text.lower()
    js = client.get("/static/plotly.min.js")
    assert (
        js.status_code == 200 and len(js.content) > 1_000_000 and "javascript" in js.headers["content-type"]
    )
    page = client.get("/", headers=bearer(site.team.tokens["viewer"])).text
    assert 'src="/static/plotly.min.js"' in page and "https://" not in page


def test_upload_ingests_and_extracts(site: Site) -> None:
    jsonl = (
        '{"id": "up-1", "date": "2025-02-20", "title": "Bodies returned", '
        '"text": "Hamas handed over the bodies of four hostages to the Red Cross on Thursday."}\n'
        '{"id": "up-2", "date": "not a date at all", "title": null, "text": ""}\n'
    )
    response = site.client().post(
        "/api/documents",
        files=[("files", ("../../etc/reports.jsonl", jsonl.encode(), "application/json"))],
        headers=bearer(site.team.tokens["analyst"]),
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["accepted"] == 1 and result["doc_ids"] == ["up-1"] and result["rejected"] >= 1
    assert _get(site, "/api/documents/up-1")["doc_id"] == "up-1"


def test_state_readings_are_reused_until_invalidated(site: Site) -> None:
    from ceasefire.store.reviews import record_review
    from ceasefire.store.users import get_user
    from ceasefire.store.webqueries import get_event
    from ceasefire.web.assessment import AssessmentService

    service = AssessmentService(site.engine, version_ttl=3600)
    before = service.version()
    with site.engine.begin() as conn:  # another process writes
        analyst = get_user(conn, 2)
        event = get_event(conn, 1)
        assert analyst is not None and event is not None
        record_review(conn, analyst, event, "confirm")
    assert service.version() == before  # reused within the TTL
    service.invalidate()
    assert service.version() != before
