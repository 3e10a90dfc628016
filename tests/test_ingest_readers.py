"""Each input format, read from fixtures written for the project."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

from ceasefire.ingest.document import Document
from ceasefire.ingest.read import read_paths, read_stdin
from ceasefire.ingest.rejected import Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _read(*paths: Path | str, **kwargs: object) -> tuple[list[Document], list[Rejected]]:
    items = list(read_paths(list(paths), **kwargs))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Rejected)]


def test_plain_text_report_keeps_header_and_reads_dateline() -> None:
    docs, rejected = _read(FIXTURES / "wire_original.txt")
    assert not rejected
    (doc,) = docs
    assert doc.id == "wire_original"
    assert doc.date == "2025-03-04"
    assert doc.title == "Mediators say second-phase talks to open in Cairo on Sunday"
    assert doc.text.startswith(" date 2025-03-04")  # the original text, so offsets match the file
    assert doc.dateline is not None
    assert doc.dateline.places == ["Port Said", "Doha"]
    assert doc.dateline.date == "2025-03-03"
    assert doc.dateline.agency == "Harbour Wire"
    start, end = doc.dateline.span
    assert doc.text[start:end] == "PORT SAID/DOHA, March 3 (Harbour Wire) --"
    assert doc.base_date == "2025-03-03"


def test_jsonl_keeps_ids_extra_keys_and_nulls() -> None:
    docs, rejected = _read(FIXTURES / "reports.jsonl")
    assert not rejected
    assert [d.id for d in docs] == ["jl-001", "jl-002", "jl-003"]
    assert docs[0].metadata == {"topic": "gaza"}
    assert docs[0].source and docs[0].source.endswith("reports.jsonl:line 1")
    assert docs[1].date is None and docs[1].title is None and docs[1].url is None
    assert docs[2].outlet == "Global Wire Review"
    assert "\u201c" in docs[2].text  # stored as given; normalisation is for hashing only


def test_csv_with_column_mapping() -> None:
    columns = {
        "id": "story_id",
        "title": "headline",
        "text": "body",
        "date": "published",
        "url": "link",
        "outlet": "paper",
    }
    docs, rejected = _read(FIXTURES / "reports.csv", csv_columns=columns)
    assert [d.id for d in docs] == ["csv-001", "csv-002", "csv-003"]
    assert docs[0].title == "Truce extended by a week"
    assert docs[0].outlet == "Evening Post"
    assert docs[0].metadata == {"desk": "world"}
    assert docs[2].date is None
    (bad,) = rejected
    assert (bad.reason, bad.location) == ("bad_date", "row 5")


def test_csv_unknown_column_refuses_the_file_with_a_reason() -> None:
    docs, rejected = _read(FIXTURES / "reports.csv", csv_columns={"text": "no_such_column"})
    assert docs == []
    (bad,) = rejected
    assert bad.reason == "unknown_columns"
    assert "no_such_column" in bad.detail


def test_csv_without_a_text_column_is_refused() -> None:
    docs, rejected = _read(FIXTURES / "reports.csv")
    assert docs == [] and rejected[0].reason == "unknown_columns"


def test_html_main_text_and_metadata_without_markup() -> None:
    docs, rejected = _read(FIXTURES / "page_hostile.html")
    assert not rejected
    (doc,) = docs
    assert doc.title == "Crossing reopens for fuel deliveries"
    assert doc.date == "2025-02-20"
    assert doc.url == "https://meridian.example/world/crossing-reopens-fuel"
    assert doc.outlet == "Meridian Herald"
    assert doc.id.startswith("url-")
    assert "Twelve tankers passed through" in doc.text
    for hostile in ("<script", "onerror", "onclick", "javascript:", "document.cookie", "fetch(", "<", ">"):
        assert hostile not in doc.text
    assert "Buy cheap flights" not in doc.text and "Privacy" not in doc.text
    assert doc.dateline is not None and doc.dateline.places == ["South Gate"]


def test_rss_entries_become_reports_and_bad_entries_are_refused() -> None:
    docs, rejected = _read(FIXTURES / "feed.rss")
    assert len(docs) == 2 and docs[0].id == "ledger-2025-0126-001"
    assert docs[1].id.startswith("url-")
    assert docs[0].date == "2025-01-26"
    assert docs[0].outlet == "Levant Ledger - Truce updates"
    assert docs[0].url == "https://ledger.example/2025/01/26/detainees-freed"
    assert "200 detainees were freed" in docs[0].text
    assert "<" not in docs[0].text and "alert" not in docs[0].text
    assert docs[0].dateline is not None and docs[0].dateline.date == "2025-01-26"
    (bad,) = rejected
    assert (bad.reason, bad.location) == ("bad_date", "entry 3")


def test_atom_entry() -> None:
    docs, rejected = _read(FIXTURES / "feed.atom")
    assert not rejected
    (doc,) = docs
    assert doc.outlet == "Coastline News"
    assert doc.date == "2025-02-02"
    assert doc.text.startswith("The committee set up to monitor the truce")
    assert "It agreed to meet weekly." in doc.text


def test_folder_is_walked_recursively_in_name_order() -> None:
    docs, rejected = _read(FIXTURES / "folder")
    assert not rejected
    assert [d.id for d in docs] == ["folder-jl-1", "deep_report", "top_report"]  # more.jsonl < nested/ < top


def test_gzip_files_are_read_by_their_inner_suffix(tmp_path: Path) -> None:
    for name in ("reports.jsonl", "wire_original.txt", "feed.atom"):
        with (FIXTURES / name).open("rb") as src, gzip.open(tmp_path / f"{name}.gz", "wb") as dst:
            shutil.copyfileobj(src, dst)
    docs, rejected = _read(tmp_path)
    assert not rejected
    assert sorted(d.id for d in docs)[:3] == ["jl-001", "jl-002", "jl-003"]
    assert "wire_original" in {d.id for d in docs}
    assert len(docs) == 5


def test_stdin_jsonl_and_plain_text_are_sniffed() -> None:
    jsonl = (FIXTURES / "reports.jsonl").read_bytes()
    docs = list(read_stdin(io.BytesIO(b"\n  " + jsonl)))
    assert [d.id for d in docs if isinstance(d, Document)] == ["jl-001", "jl-002", "jl-003"]
    text = (FIXTURES / "wire_original.txt").read_bytes()
    (doc,) = list(read_stdin(io.BytesIO(text)))
    assert isinstance(doc, Document)
    assert doc.id.startswith("stdin-") and doc.date == "2025-03-04"
    (again,) = list(read_stdin(io.BytesIO(text)))
    assert isinstance(again, Document) and again.id == doc.id  # stable id: re-reading is idempotent


def test_json_array_and_json_lines_under_a_json_suffix(tmp_path: Path) -> None:
    records = [{"id": "arr-1", "date": "2025-01-02", "text": "First report in an array."}, {"id": "arr-2"}]
    (tmp_path / "array.json").write_text(json.dumps(records))
    (tmp_path / "lines.json").write_text(
        json.dumps({"id": "line-1", "text": "A JSON Lines file named .json."})
    )
    docs, rejected = _read(tmp_path)
    assert [d.id for d in docs] == ["arr-1", "line-1"]
    (bad,) = rejected
    assert (bad.reason, bad.location) == ("missing_text", "item 2")


def test_cli_reads_stdin(db_url: str) -> None:
    from typer.testing import CliRunner

    from ceasefire.cli import _register, app

    if not any(command.name == "ingest" for command in app.registered_commands):
        _register()
    jsonl = (FIXTURES / "reports.jsonl").read_bytes()
    result = CliRunner().invoke(app, ["ingest", "-", "--db", db_url, "--json"], input=jsonl)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["accepted"] == 3


def test_progress_bar_shows_rate_and_batches_log(capsys) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console

    from ceasefire.cli.ingest import RichProgress
    from ceasefire.ingest.pipeline import IngestSummary

    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    with RichProgress(console, bar=True, log_batches=False) as sink:
        sink.started(1000)
        sink.committed(IngestSummary(accepted=40, duplicates=10, batches=1), 500, ["a", "b"])
        sink.progress.refresh()
    assert "50 reports" in console.file.getvalue()  # type: ignore[attr-defined]
    with RichProgress(console, bar=False, log_batches=True) as sink:
        sink.committed(IngestSummary(accepted=40, duplicates=10, batches=1), 500, ["a", "b"])
    logged = json.loads(capsys.readouterr().err.strip())
    assert logged == {"batch": 1, "accepted": 40, "doc_ids": ["a", "b"]}


def test_html_in_a_legacy_charset_is_read(tmp_path: Path) -> None:
    page = (FIXTURES / "page_hostile.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Twelve tankers", "Twelve tankers \u2014 caf\u00e9 owners said \u2014")
    (tmp_path / "legacy.html").write_bytes(page.encode("windows-1252"))
    docs, rejected = _read(tmp_path / "legacy.html")
    assert not rejected
    assert "caf\u00e9 owners" in docs[0].text


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(" date 2025-01-01 Not for ingest\n\nPrivate.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(" date 2025-01-01 Fine\n\nA report.\n")
    (folder / "link.txt").symlink_to(outside)
    docs, rejected = _read(folder)
    assert [d.id for d in docs] == ["ok"]
    assert [r.reason for r in rejected] == ["unsafe_path"]
