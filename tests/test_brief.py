"""The daily brief: the model from a small database written here, its HTML, Markdown and PDF renderings
(numbers, statuses, footnote targets, escaping, pages turned into images), the CLI, and the Gaza demo
checkpoint of 2025-02-13."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import typer
from sqlalchemy import Engine, insert
from typer.testing import CliRunner

from ceasefire.cli import report as report_cli
from ceasefire.extract.event import Event, Quantity
from ceasefire.report.brief import Brief, build_brief
from ceasefire.report.render_html import render_html, safe_url
from ceasefire.report.render_md import md, render_markdown
from ceasefire.store.events import replace_events
from ceasefire.store.tables import documents

# (doc_id, published, title, outlet, url, events: (type, actor, target, object, mode, date, qty, unit))
REPORTS = [
    (
        "r1",
        "2025-02-08",
        "Fifth exchange completed",
        "Test Wire",
        "https://example.org/r1",
        [
            ("RELEASE", "hamas", "israel", None, "occurred", "2025-02-08", 3, "hostage"),
            ("RELEASE", "israel", "palestinians", None, "occurred", "2025-02-08", 183, "prisoner"),
        ],
    ),
    (
        "r2",
        "2025-02-10",
        "Hamas <script>alert(1)</script> postpones *next* round",
        "Evil [Outlet](javascript:alert(2))",
        "javascript:alert(3)",
        [("SUSPEND", "hamas", "israel", "RELEASE", "occurred", "2025-02-10", None, None)],
    ),
    (
        "r3",
        "2025-02-11",
        "Israel sets a Saturday deadline",
        "Test Wire",
        "https://example.org/r3",
        [
            ("THREATEN", "israel", "hamas", "ATTACK", "occurred", "2025-02-11", None, None),
            ("DEMAND", "israel", "hamas", "RELEASE", "occurred", "2025-02-11", None, None),
            ("RELEASE", "hamas", "israel", None, "planned", "2025-02-15", 3, "hostage"),
            ("ACCUSE", "hamas", "israel", "AID", "occurred", "2025-02-11", None, None),
        ],
    ),
    (
        "r4",
        "2025-02-12",
        "Israel accuses Hamas of breaking the deal",
        "Other Daily",
        "https://example.org/r4",
        [("ACCUSE", "israel", "hamas", "AGREE", "occurred", "2025-02-12", None, None)],
    ),
]


def fill(engine: Engine) -> None:
    with engine.begin() as conn:
        for doc_id, published, title, outlet, url, rows in REPORTS:
            pk = conn.execute(
                insert(documents).values(
                    doc_id=doc_id,
                    content_hash=f"hash-{doc_id}",
                    text="A report written for the brief tests.",
                    published=date.fromisoformat(published),
                    title=title,
                    outlet=outlet,
                    url=url,
                    metadata={},
                    ingested_at=datetime.now(UTC),
                )
            ).inserted_primary_key[0]
            found = [
                Event(
                    doc_id=doc_id,
                    type=kind,
                    actor=actor,
                    target=target,
                    object=obj,
                    mode=mode,
                    date=day,
                    quantity=Quantity(value, unit) if value is not None and unit else None,
                    evidence=f"Evidence sentence of {doc_id} for {kind}.",
                    span=(0, 10),
                    rule="test",
                )
                for kind, actor, target, obj, mode, day, value, unit in rows
            ]
            replace_events(conn, int(pk), found)


@pytest.fixture
def small(engine: Engine) -> Engine:
    fill(engine)
    return engine


@pytest.fixture
def brief(small: Engine) -> Brief:
    return build_brief(small, "gaza-2025", date(2025, 2, 13))


def note_of(b: Brief, doc_id: str) -> int:
    return next(n.number for n in b.footnotes if n.doc_id == doc_id)


def all_refs(b: Brief) -> set[int]:
    refs = set(b.headline.refs)
    for group in (
        b.key_points,
        b.changes,
        b.ultimatums,
        b.obligations,
        b.ledger,
        b.drivers,
        b.due,
        b.disputes,
    ):
        for item in group:
            refs |= set(item.refs)
    return refs


def test_brief_states_the_suspended_round_with_its_report(brief: Brief) -> None:
    point = next(p for p in brief.key_points if p.text.startswith("hostage-round-6"))
    assert "due 2025-02-15" in point.text and "is suspended" in point.text
    assert "suspended by hamas on 2025-02-10" in point.text
    assert note_of(brief, "r2") in point.refs
    row = next(o for o in brief.obligations if o.id == "hostage-round-6")
    assert (row.status, row.agreed, row.done) == ("suspended", "3 hostage", "0 hostage")
    assert brief.ceasefire == "at_risk"
    assert "at risk" in brief.headline.text and brief.headline.refs


def test_brief_ledger_counts_against_the_schedule(brief: Brief) -> None:
    by_key = {(s.party, s.unit): s for s in brief.ledger}
    hostages, prisoners = by_key["hamas", "hostage"], by_key["israel", "prisoner"]
    assert (hostages.done_total, prisoners.done_total) == (3, 183)
    assert [(p.day, p.value) for p in hostages.done] == [(date(2025, 2, 8), 3)]
    # the Gaza schedule: 3+4+3+3+3 hostages in the rounds due by 2025-02-13, 25 in all
    assert hostages.agreed_to_date == 16 and hostages.agreed_total == 25
    assert hostages.refs == [note_of(brief, "r1")]


def test_brief_ultimatum_due_next_and_disputes(brief: Brief) -> None:
    (ultimatum,) = brief.ultimatums
    assert ultimatum.text.startswith("Ultimatum by israel to hamas: demands releases, threatening attacks;")
    assert "issued 2025-02-11, it runs to 2025-02-15 (still running" in ultimatum.text
    assert note_of(brief, "r3") in ultimatum.refs
    due = {(d.id, d.due): d for d in brief.due}
    assert due["hostage-round-6", date(2025, 2, 15)].status == "suspended"
    assert any(d.kind == "ultimatum" and d.due == date(2025, 2, 15) for d in brief.due)
    accusations = {(d.claimant, d.accused): d for d in brief.disputes if d.kind == "accusation"}
    assert accusations["hamas", "israel"].refs == [note_of(brief, "r3")]
    assert accusations["israel", "hamas"].refs == [note_of(brief, "r4")]
    assert "over aid" in accusations["hamas", "israel"].text


def test_footnotes_are_numbered_in_order_and_every_ref_has_one(brief: Brief) -> None:
    numbers = [n.number for n in brief.footnotes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all_refs(brief) == set(numbers)
    assert {n.doc_id for n in brief.footnotes} == {"r1", "r2", "r3", "r4"}
    r4 = brief.footnotes[note_of(brief, "r4") - 1]
    assert (r4.title, r4.outlet, r4.published, r4.url) == (
        "Israel accuses Hamas of breaking the deal",
        "Other Daily",
        date(2025, 2, 12),
        "https://example.org/r4",
    )


def test_changes_since_the_previous_brief(small: Engine) -> None:
    b = build_brief(small, "gaza-2025", date(2025, 2, 10), previous=date(2025, 2, 9))
    texts = [c.text for c in b.changes]
    assert "hostage-round-6: not yet due → suspended (suspended by hamas on 2025-02-10)." in texts
    assert any(t.startswith("New: hamas suspends releases (→ israel) on 2025-02-10") for t in texts)
    assert "Ceasefire: in force → at risk (hostage-round-6 suspended)." in texts
    assert all(
        c.refs == [note_of(b, "r2")] for c in b.changes if c.text.startswith(("hostage-round-6", "New"))
    )
    assert not any("r3" in n.doc_id for n in b.footnotes)  # published later: not known yet


def test_html_is_self_contained_escaped_and_footnoted(brief: Brief) -> None:
    page = render_html(brief)
    assert "<script" not in page and "<iframe" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert not re.search(r'(src|href)="(https?:)?//', page.split('<ol class="footnotes">')[0])
    assert "<link" not in page and "cdn" not in page.lower()
    assert page.count("<svg") == 4  # three ledger charts (bodies, hostages, prisoners) and the risk chart
    for ref in all_refs(brief):
        assert f'href="#fn-{ref}"' in page and f'id="fn-{ref}"' in page
    assert '<a href="https://example.org/r4">' in page
    assert "hostage-round-6</td>" in page and 's-suspended">suspended' in page


def test_markdown_escapes_report_text_and_defines_every_footnote(brief: Brief) -> None:
    text = render_markdown(brief)
    assert "<script>" not in text and not re.search(r"(?<!\\)\]\(", text)  # no link can open
    assert "\\<script\\>" in text and "\\*next\\*" in text
    for ref in all_refs(brief):
        assert f"[^{ref}]" in text
        assert re.search(rf"^\[\^{ref}\]: ", text, re.M)
    assert "<https://example.org/r4>" in text
    assert "| hostage-round-6 | hamas | 2025-02-15 | **suspended** | 3 hostage | 0 hostage |" in text
    assert "| hamas | hostages | 3 | 16 | 25 |" in text
    assert md("a|b [x](y) `z` <b>") == "a\\|b \\[x\\](y) \\`z\\` \\<b\\>"
    assert not safe_url("javascript:alert(1)") and safe_url("https://example.org/x")


def _png_size_and_ink(path: Path) -> tuple[tuple[int, int], float]:
    from PIL import Image

    with Image.open(path) as image:
        grey = image.convert("L")
        histogram = grey.histogram()
        ink = sum(histogram[:200]) / (grey.width * grey.height)
        return grey.size, ink


def test_pdf_has_one_to_three_pages_that_are_not_blank(brief: Brief, tmp_path: Path) -> None:
    from ceasefire.report.render_pdf import render_pdf

    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed; .ci/run installs it"
    out = tmp_path / "brief.pdf"
    pages = render_pdf(brief, out)
    assert 1 <= pages <= 3
    assert out.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(out), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    for image in images:
        (width, height), ink = _png_size_and_ink(image)
        assert (abs(width - 413) <= 2, abs(height - 585) <= 2) == (True, True)  # A4 at 50 dpi
        assert ink > 0.005, f"{image.name} looks blank ({ink:.4f} of pixels inked)"


def test_pdf_renderer_fetches_nothing() -> None:
    from ceasefire.report.render_pdf import refusing_fetcher

    fetcher = refusing_fetcher()
    for url in ("https://example.org/chart.png", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="fetches nothing"):
            fetcher(url)


def _app() -> typer.Typer:
    app = typer.Typer()
    report_cli.register(app)
    return app


def test_cli_brief_markdown_html_and_pdf_errors(small: Engine, db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        _app(), ["brief", "gaza-2025", "--as-of", "2025-02-13", "-f", "md", "--db", db_url]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Gaza ceasefire") and "**suspended**" in result.output
    out = tmp_path / "b.html"
    args = ["brief", "gaza-2025", "--as-of", "2025-02-13", "--since", "2025-02-10", "--out", str(out)]
    result = runner.invoke(_app(), [*args, "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "What changed since 2025-02-10" in out.read_text()
    result = runner.invoke(
        _app(), ["brief", "gaza-2025", "--as-of", "2025-02-13", "-f", "pdf", "--db", db_url]
    )
    assert result.exit_code != 0 and "--out" in str(result.exception)


@pytest.fixture(scope="module")
def gaza(tmp_path_factory: pytest.TempPathFactory) -> Brief:
    from ceasefire.pipeline import build_demo_database

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    engine = build_demo_database(url)
    try:
        return build_brief(engine, "gaza-2025", date(2025, 2, 13))
    finally:
        engine.dispose()


@pytest.mark.slow
def test_gaza_brief_names_the_suspended_round_and_both_sides_accusations(gaza: Brief) -> None:
    point = next(p for p in gaza.key_points if p.text.startswith("hostage-round-6"))
    assert "due 2025-02-15" in point.text and "is suspended" in point.text
    suspended_by = {n.doc_id for n in gaza.footnotes if n.number in point.refs}
    assert "026_2025-02-10_hamas-postpones-saturday-release" in suspended_by
    accusers = {d.claimant for d in gaza.disputes if d.kind == "accusation"}
    assert {"hamas", "israel"} <= accusers
    for dispute in gaza.disputes:
        assert dispute.refs and all(1 <= r <= len(gaza.footnotes) for r in dispute.refs)
    text = render_markdown(gaza)
    assert "hamas accuses israel" in text and "israel accuses hamas" in text


@pytest.mark.slow
def test_gaza_brief_states_the_ultimatum_to_the_round_day(gaza: Brief) -> None:
    # Washington (Trump) and Israel (Netanyahu) both set Saturday noon in the demo reports
    to_saturday = [u for u in gaza.ultimatums if "runs to 2025-02-15" in u.text]
    assert any(u.text.startswith("Ultimatum by israel") for u in to_saturday)
    assert all(u.refs for u in to_saturday)
    assert any(d.kind == "ultimatum" and d.due == date(2025, 2, 15) for d in gaza.due)
    assert "runs to 2025-02-15" in render_markdown(gaza)


@pytest.mark.slow
def test_gaza_brief_pdf_fits_three_pages(gaza: Brief, tmp_path: Path) -> None:
    from ceasefire.report.render_pdf import render_pdf

    assert 1 <= render_pdf(gaza, tmp_path / "gaza.pdf") <= 3
