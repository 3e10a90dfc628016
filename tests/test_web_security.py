"""Security: every write endpoint refuses anonymous callers and viewers; form posts need the session's
CSRF token; filter values that look like SQL are only values; report text is never rendered as HTML;
session cookies are HttpOnly and SameSite; revoked users lose access at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from ceasefire.store.tables import events
from ceasefire.store.users import revoke_user
from webdata import PASSWORD, SCRIPT_DOC, Site, bearer, build_site, csrf_of, login


@pytest.fixture
def site(db_url: str) -> Iterator[Site]:
    built = build_site(db_url)
    yield built
    built.close()


def _routes(app: object) -> list[object]:
    """Every route, routers included (FastAPI 0.165 wraps included routers)."""
    out: list[object] = []
    for route in app.routes:  # type: ignore[attr-defined]
        contexts = getattr(route, "effective_route_contexts", None)
        out.extend(contexts() if contexts else [route])
    return out


def _write_paths(site: Site) -> list[str]:
    """Every POST/PUT/PATCH/DELETE route of the app (login and logout aside), with sample ids filled in."""
    paths = []
    for route in _routes(site.app):
        methods = getattr(route, "methods", set()) or set()
        if methods & {"POST", "PUT", "PATCH", "DELETE"} and route.path not in ("/login", "/logout"):
            paths.append(
                route.path.replace("{event_id}", "1")
                .replace("{agreement_id}", "gaza-2025")
                .replace("{story_id}", "any")
            )
    return paths


def test_there_are_write_endpoints_to_check(site: Site) -> None:
    assert {"/api/events/1/review", "/api/documents", "/review/1", "/documents/upload"} <= set(
        _write_paths(site)
    )


def test_every_write_endpoint_refuses_anonymous_and_viewers(site: Site) -> None:
    client = site.client()
    for path in _write_paths(site):
        anonymous = client.post(path, json={"action": "confirm"})
        assert anonymous.status_code == 401, path
        assert anonymous.json()["ok"] is False
        as_viewer = client.post(path, json={"action": "confirm"}, headers=bearer(site.team.tokens["viewer"]))
        assert as_viewer.status_code == 403, path
    viewer_session = site.client()
    token = login(viewer_session, "viewer")
    for path in _write_paths(site):
        response = viewer_session.post(path, data={"action": "confirm", "csrf_token": token})
        assert response.status_code == 403, path
    with site.engine.connect() as conn:
        from ceasefire.store.reviews import latest_reviews

        assert latest_reviews(conn) == {}


def test_reads_need_a_login(site: Site) -> None:
    client = site.client()
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/events", headers={"Authorization": "Bearer cfm_forged"}).status_code == 401
    assert client.get("/api/events", headers={"Authorization": "Basic abc"}).status_code == 401
    page = client.get("/events?type=RELEASE", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")


def test_form_posts_without_csrf_are_refused(site: Site) -> None:
    client = site.client()
    token = login(client, "analyst")
    for data in ({"action": "confirm"}, {"action": "confirm", "csrf_token": "forged"}):
        response = client.post("/review/1", data=data, follow_redirects=False)
        assert response.status_code == 403 and "CSRF" in response.json()["error"]
    api = client.post("/api/events/1/review", json={"action": "confirm"})
    assert api.status_code == 403
    ok = client.post("/review/1", data={"action": "confirm", "csrf_token": token}, follow_redirects=False)
    assert ok.status_code == 303
    header = client.post("/api/events/2/review", json={"action": "confirm"}, headers={"X-CSRF-Token": token})
    assert header.status_code == 200
    logout = client.post("/logout", data={}, follow_redirects=False)
    assert logout.status_code == 403


def test_login_needs_csrf_rotates_session_and_refuses_bad_passwords(site: Site) -> None:
    client = site.client()
    no_token = client.post(
        "/login", data={"username": "analyst", "password": PASSWORD}, follow_redirects=False
    )
    assert no_token.status_code == 403
    before = csrf_of(client)
    wrong = client.post(
        "/login",
        data={"username": "analyst", "password": "nope", "csrf_token": before},
        follow_redirects=False,
    )
    assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text
    after = login(client, "analyst")
    assert after != before


def test_password_guessing_is_throttled(site: Site) -> None:
    client = site.client()
    token = csrf_of(client)
    for _ in range(5):
        wrong = client.post("/login", data={"username": "Admin", "password": "guess", "csrf_token": token})
        assert wrong.status_code == 401
    right = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    assert right.status_code == 429 and right.json()["ok"] is False
    other = client.post(
        "/login",
        data={"username": "viewer", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert other.status_code == 303


def test_login_redirects_only_to_local_paths(site: Site) -> None:
    for target, expected in (("https://evil.example/", "/"), ("//evil.example", "/"), ("/claims", "/claims")):
        client = site.client()
        token = csrf_of(client)
        response = client.post(
            "/login",
            data={"username": "viewer", "password": PASSWORD, "csrf_token": token, "next": target},
            follow_redirects=False,
        )
        assert response.headers["location"] == expected


def test_session_cookie_flags(site: Site, db_url: str) -> None:
    client = site.client()
    response = client.get("/login")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    secure = build_site_secure(db_url)
    cookie = secure.client().get("/login").headers["set-cookie"].lower()
    assert "secure" in cookie


def build_site_secure(db_url: str) -> Site:
    from ceasefire.web.app import create_app

    app = create_app(db_url, secret="x" * 32, https_only=True)
    return Site(app=app, engine=app.state.engine, team=None)  # type: ignore[arg-type]


def test_sql_looking_filters_are_harmless(site: Site) -> None:
    client = site.client()
    viewer = bearer(site.team.tokens["viewer"])
    with site.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(events)).scalar_one()
    for query in (
        "actor=' OR '1'='1",
        "actor=hamas'; DROP TABLE events; --",
        "doc_id=w-001' OR 1=1 --",
        "provision=x' UNION SELECT password_hash FROM users --",
    ):
        response = client.get(f"/api/events?{query}", headers=viewer)
        assert response.status_code == 200, query
        assert response.json()["count"] == 0, query
    for q in ("%", "_", "' OR 1=1 --", "\\"):
        response = client.get("/api/documents", params={"q": q}, headers=viewer)
        assert response.status_code == 200 and response.json()["count"] == 0, q
    assert client.get("/api/events?type=RELEASE' OR 1=1", headers=viewer).status_code == 422
    with site.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(events)).scalar_one() == before


def test_report_markup_is_shown_as_text(site: Site) -> None:
    client = site.client()
    login(client, "analyst")
    for path in (f"/documents/{SCRIPT_DOC}", "/documents", "/events", "/review", "/events/8"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>in</b>" not in html, path
    page = client.get(f"/documents/{SCRIPT_DOC}").text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page
    assert "Markup &lt;b&gt;in&lt;/b&gt; a title" in page
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_reflected_input_is_escaped_on_html_errors(site: Site) -> None:
    client = site.client()
    login(client, "viewer")
    response = client.get("/documents/<script>alert(1)</script>", headers={"accept": "text/html"})
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert (
        "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    )


def test_review_form_returns_only_to_local_pages(site: Site) -> None:
    client = site.client()
    token = login(client, "analyst")
    for back, expected in (("/events/3", "/events/3?flash="), ("https://evil.example/x", "/?flash=")):
        response = client.post(
            "/review/3",
            data={"action": "confirm", "csrf_token": token, "return_to": back},
            follow_redirects=False,
        )
        assert response.status_code == 303 and response.headers["location"].startswith(expected)
    page = client.get("/events/3?flash=event+3+confirmed").text
    assert "event 3 confirmed" in page and 'action="/review/3"' in page


def test_revoked_users_lose_sessions_and_tokens(site: Site) -> None:
    client = site.client()
    login(client, "analyst")
    assert client.get("/api/me").json()["name"] == "analyst"
    with site.engine.begin() as conn:
        revoke_user(conn, "analyst")
    assert client.get("/api/me").status_code == 401
    assert site.client().get("/api/me", headers=bearer(site.team.tokens["analyst"])).status_code == 401


def test_audit_log_is_for_admins(site: Site) -> None:
    client = site.client()
    assert client.get("/api/audit", headers=bearer(site.team.tokens["analyst"])).status_code == 403
    assert client.get("/api/audit", headers=bearer(site.team.tokens["admin"])).status_code == 200
