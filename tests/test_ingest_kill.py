"""A real SIGKILL in the middle of an ingest: nothing reported as accepted is lost, and a re-run
completes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus_gen import generate
from sqlalchemy import Engine, func, select

from ceasefire.store import engine as store_engine
from ceasefire.store.documents import count_aliases, count_documents, document_aliases, get_document
from ceasefire.store.quarantine import list_quarantine
from ceasefire.store.tables import documents

CLI = "import sys; from ceasefire.cli import main; main(sys.argv[1:])"


def _ingest_command(path: Path, db_url: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        CLI,
        "ingest",
        str(path),
        "--db",
        db_url,
        "--batch-size",
        "25",
        "--quiet",
        "--log-batches",
    ]


def test_sigkill_mid_run_loses_nothing_reported_and_rerun_completes(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    reports = list(generate(300, seed=7))
    corpus.write_text("".join(json.dumps(r) + "\n" for r in reports))
    store_engine.open_db(db_url)  # migrate first, so the child starts ingesting at once

    child = subprocess.Popen(_ingest_command(corpus, db_url), stderr=subprocess.PIPE, text=True)
    reported: list[str] = []
    batches = 0
    assert child.stderr is not None
    for line in child.stderr:
        if line.startswith("{"):
            batches += 1
            reported.extend(json.loads(line)["doc_ids"])
        if batches >= 3:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert reported

    engine: Engine = store_engine.create(db_url)
    with engine.connect() as conn:
        stored = set(conn.execute(select(documents.c.doc_id)).scalars())
        assert set(reported) <= stored  # every report the run said it accepted is there
        assert count_documents(conn) < len(reports)

    rerun = subprocess.run(_ingest_command(corpus, db_url), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    with engine.connect() as conn:
        total = count_documents(conn) + count_aliases(conn)
        assert total == len(reports)  # each input once: as a document or as an exact copy of one
        assert not list_quarantine(conn)
        duplicate_ids = conn.execute(
            select(documents.c.doc_id).group_by(documents.c.doc_id).having(func.count() > 1)
        ).all()
        assert duplicate_ids == []
        clashes = conn.execute(
            select(func.count()).select_from(
                document_aliases.join(documents, documents.c.doc_id == document_aliases.c.doc_id)
            )
        ).scalar()
        assert clashes == 0
        assert all(get_document(conn, r["id"]) is not None for r in reports[::97])
    engine.dispose()
