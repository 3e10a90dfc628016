"""The dashboard in a real browser: Debian's Chromium driven by Playwright against uvicorn on loopback.

Log in, read the overview (charts drawn from the locally served plotly.js), drill from a provision to
its evidence highlighted in the report, confirm one event and correct another in the review queue and
see the provision's status change, and check that a report containing <script> shows as text.
Screenshots go to test-artifacts/ (gitignored)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ceasefire.store.events import load_events
from webdata import PASSWORD, SCRIPT_DOC, Site, build_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AS_OF = "2025-02-16"

pytestmark = pytest.mark.browser


def _chromium() -> str:
    if CHROMIUM.exists():
        return str(CHROMIUM)
    message = f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium); .ci/run does"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Live:
    url: str
    site: Site


@pytest.fixture
def live(db_url: str) -> Iterator[Live]:
    import uvicorn

    site = build_site(db_url)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(site.app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield Live(f"http://127.0.0.1:{port}", site)
    server.should_exit = True
    thread.join(timeout=10)
    site.close()


@pytest.fixture
def page(live: Live) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.outside_requests = []  # type: ignore[attr-defined]
        tab.dialogs = []  # type: ignore[attr-defined]
        tab.on(
            "request",
            lambda r: (
                tab.outside_requests.append(r.url)  # type: ignore[attr-defined]
                if urlparse(r.url).hostname not in ("127.0.0.1", None)
                else None
            ),
        )
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        yield tab
        context.close()
        browser.close()


def _shot(page: object, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _login(page: object, live: Live) -> None:
    page.goto(f"{live.url}/")  # type: ignore[attr-defined]
    assert "/login" in page.url  # type: ignore[attr-defined]
    page.fill("input[name=username]", "analyst")  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    page.click("form.login button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("#ceasefire-state")  # type: ignore[attr-defined]


def _status(page: object, live: Live, obligation: str) -> str:
    page.goto(f"{live.url}/provisions?agreement=gaza-2025&as_of={AS_OF}")  # type: ignore[attr-defined]
    return page.get_attribute(f"#obligation-{obligation}", "data-status")  # type: ignore[attr-defined]


def test_overview_drill_down_review_and_escaping(live: Live, page: object) -> None:
    p = page
    _login(p, live)
    p.goto(f"{live.url}/?agreement=gaza-2025&as_of={AS_OF}")  # type: ignore[attr-defined]
    p.wait_for_selector("#status-chart[data-drawn=true]", timeout=20_000)  # type: ignore[attr-defined]
    assert p.locator("#status-chart .main-svg").count() > 0  # type: ignore[attr-defined]
    assert "Ceasefire" in p.inner_text("#ceasefire-state")  # type: ignore[attr-defined]
    _shot(p, "01-overview")

    # drill down: provision table → provision → evidence sentence highlighted in its report
    assert _status(p, live, "prisoner-round-6") == "partly_fulfilled"
    _shot(p, "02-provisions-before")
    p.click("#obligation-prisoner-round-6 a.drill")  # type: ignore[attr-defined]
    p.wait_for_selector("#obligation-prisoner-round-6 .evidence-item mark")  # type: ignore[attr-defined]
    assert "freed 369" in p.inner_text("#obligation-prisoner-round-6 .evidence-item mark")  # type: ignore[attr-defined]
    _shot(p, "03-provision-evidence")
    p.click("#obligation-prisoner-round-6 .evidence-item a >> nth=0")  # type: ignore[attr-defined]
    p.wait_for_selector("article.report mark.focus")  # type: ignore[attr-defined]
    assert "369" in p.inner_text("article.report mark.focus")  # type: ignore[attr-defined]
    _shot(p, "04-report-highlight")

    # review queue: confirm the hostage release, correct the prisoner count (36 → 369)
    with live.site.engine.connect() as conn:
        hostages, prisoners = load_events(conn, doc_ids=["w-003"])
    p.goto(f"{live.url}/review")  # type: ignore[attr-defined]
    p.click(f"#review-{hostages.id} button.confirm")  # type: ignore[attr-defined]
    p.wait_for_selector(".flash")  # type: ignore[attr-defined]
    assert f"event {hostages.id} confirmed" in p.inner_text(".flash")  # type: ignore[attr-defined]
    item = f"#review-{prisoners.id}"
    p.click(f"{item} details summary")  # type: ignore[attr-defined]
    p.fill(f"{item} input[name=quantity_value]", "369")  # type: ignore[attr-defined]
    p.fill(f"{item} input[name=reason]", "the report says 369 prisoners")  # type: ignore[attr-defined]
    _shot(p, "05-review-correcting")
    p.click(f"{item} button.correct")  # type: ignore[attr-defined]
    p.wait_for_selector(".flash")  # type: ignore[attr-defined]
    assert f"event {prisoners.id} corrected" in p.inner_text(".flash")  # type: ignore[attr-defined]
    assert _status(p, live, "prisoner-round-6") == "fulfilled"
    _shot(p, "06-provisions-after")

    # a report with markup: shown as text, nothing executed
    p.goto(f"{live.url}/documents/{SCRIPT_DOC}")  # type: ignore[attr-defined]
    text = p.inner_text("article.report")  # type: ignore[attr-defined]
    assert "<script>alert('pwned')</script>" in text and '<img src=x onerror="alert(2)">' in text
    assert p.locator("article.report script, article.report img").count() == 0  # type: ignore[attr-defined]
    assert "<b>in</b>" in p.inner_text("h1")  # type: ignore[attr-defined]
    _shot(p, "07-script-as-text")
    assert p.dialogs == []  # type: ignore[attr-defined]
    assert p.outside_requests == [], "the dashboard must not fetch anything from outside"  # type: ignore[attr-defined]
