"""Throughput and peak memory of ingest, extract and assess at growing corpus sizes; Dask at 1 and 2
workers against one process; and the ratio of extraction to bare spaCy tokenisation of the same reports.

    python -m benchmarks.bench_scale --sizes 10000,100000 [--stages read,tokenize,extract,dask1,dask2]
        [--work /tmp/ceasefire-bench] [--out benchmarks/results]

Every stage runs in a fresh child process, so each peak RSS (``ru_maxrss``) is that stage's own; the
Dask stages also report the largest worker process. Single-process stages are pinned to one core
(``taskset -c 0``) so their rate is a per-core figure. Corpora come from ``benchmarks.corpus_gen``
(seed 1) and are kept in the work folder between runs. Results go to ``OUT/scale-<UTC time>.json`` and
``.md``, and ``OUT/scale-latest.md``; ``docs/benchmarks.md`` carries the table of the latest full run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.scale_report import render_markdown

ROOT = Path(__file__).resolve().parent.parent
STAGE_ORDER = [
    "read",
    "tokenize",
    "extract",
    "ingest",
    "run",
    "run2",
    "assess",
    "assess-load",
    "dask1",
    "dask2",
]
SINGLE_CORE = {"read", "tokenize", "extract", "ingest", "run", "assess", "assess-load"}
AS_OF = "2025-05-01"  # after the generator's last day
AGREEMENT = "gaza-2025"


@dataclass(slots=True)
class StageResult:
    stage: str
    size: int
    ok: bool
    documents: int = 0
    events: int = 0
    seconds: float = 0.0  # the work itself (Dask: from first task to last result)
    wall_seconds: float = 0.0  # the child process from start to exit, imports and cluster start included
    cpu_seconds: float = 0.0  # user + system CPU of the stage's processes (workers included)
    peak_rss_mb: float = 0.0
    worker_peak_rss_mb: float | None = None
    cores: str = ""
    load_before: float = 0.0
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        """Reports per CPU-second: the per-core rate, fair even when other work shares the cores."""
        return self.documents / self.cpu_seconds if self.cpu_seconds else 0.0


# -- stages (run inside the child process) ----------------------------------------------------------


def _documents(corpus: Path) -> Iterator[Any]:
    from ceasefire.ingest.document import Document
    from ceasefire.ingest.read import read_paths

    return (item for item in read_paths([corpus]) if isinstance(item, Document))


def stage_read(corpus: Path, work: Path) -> dict[str, Any]:
    """The JSON Lines reader alone: what every other stage pays to get Documents."""
    count = sum(1 for _ in _documents(corpus))
    return {"documents": count}


def stage_tokenize(corpus: Path, work: Path) -> dict[str, Any]:
    """Bare spaCy tokenisation (blank English, no pipeline) of the same reports, read the same way."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    documents = tokens = 0
    texts = (doc.text for doc in _documents(corpus))
    for tokenised in tokenizer.pipe(texts, batch_size=1000):
        documents += 1
        tokens += len(tokenised)
    return {"documents": documents, "extra": {"tokens": tokens}}


def stage_extract(corpus: Path, work: Path) -> dict[str, Any]:
    """Single-process extraction: read → Extractor.pipe, events counted (not stored)."""
    from ceasefire.extract.pipeline import Extractor

    documents = events = 0
    for _doc, found in Extractor().pipe(_documents(corpus), batch_size=256):
        documents += 1
        events += len(found)
    return {"documents": documents, "events": events}


def _fresh_db(work: Path, name: str) -> str:
    path = work / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def stage_ingest(corpus: Path, work: Path) -> dict[str, Any]:
    """``ceasefire ingest`` into a fresh SQLite file (dedup, clustering, quarantine)."""
    from ceasefire.ingest.pipeline import ingest_paths
    from ceasefire.store import engine as store_engine

    engine = store_engine.open_db(_fresh_db(work, f"ingest-{corpus.stem}"))
    summary = ingest_paths(engine, [corpus], collect_doc_ids=False)
    return {"documents": summary.accepted + summary.duplicates, "extra": {"accepted": summary.accepted}}


def stage_run(corpus: Path, work: Path) -> dict[str, Any]:
    """``ceasefire run``: ingest then extract into the store, one process (the 10^6 target)."""
    from ceasefire.pipeline import run_pipeline

    summary = run_pipeline(_fresh_db(work, f"run-{corpus.stem}"), [corpus], agreement=AGREEMENT)
    return {"documents": summary.accepted + summary.duplicates, "events": summary.events}


def stage_run2(corpus: Path, work: Path) -> dict[str, Any]:
    """``ceasefire run --jobs 2``: ingest, then extract in two worker processes, into the store."""
    from ceasefire.pipeline import run_pipeline

    summary = run_pipeline(_fresh_db(work, f"run2-{corpus.stem}"), [corpus], agreement=AGREEMENT, jobs=2)
    return {"documents": summary.accepted + summary.duplicates, "events": summary.events}


def stage_assess(corpus: Path, work: Path) -> dict[str, Any]:
    """Status and ledger of the agreement as of a day, over the store of the ``run`` (or ``run2``) stage,
    as ``ceasefire status`` and ``ceasefire ledger`` compute them: the events streamed from the store."""
    from datetime import date

    from ceasefire.agreements.load import get_agreement
    from ceasefire.assess.streamed import (
        ledger_from_store,
        prepare_from_store,
        status_from_store,
        story_events,
    )
    from ceasefire.store import engine as store_engine

    engine = store_engine.open_db(f"sqlite:///{_run_store(corpus, work)}")
    as_of = date.fromisoformat(AS_OF)
    agreement = get_agreement(AGREEMENT)
    with engine.connect() as conn:
        streamed = story_events(conn, agreement, as_of)
        counts = {"documents": streamed.reports, "events": streamed.events, "in_scope": streamed.tellings}
        assessment = prepare_from_store(conn, agreement, as_of, streamed=streamed)
        status = status_from_store(conn, agreement, as_of, assessment=assessment)
        ledger = ledger_from_store(conn, agreement, as_of, assessment=assessment)
    return {
        "documents": counts["documents"],
        "events": counts["events"],
        "extra": {
            "in_scope_events": counts["in_scope"],
            "stories": len(assessment.stories),
            "obligations": len(status.obligations),
            "ledger_rows": len(ledger.rows()),
        },
    }


def stage_assess_load(corpus: Path, work: Path) -> dict[str, Any]:
    """The same status and ledger from every event loaded at once (``load_events``), as before the
    streamed assessment: kept to compare."""
    from datetime import date

    from ceasefire.agreements.load import get_agreement
    from ceasefire.assess.ledger import build_ledger
    from ceasefire.assess.status import assess_status
    from ceasefire.store import engine as store_engine
    from ceasefire.store.events import load_events

    engine = store_engine.open_db(f"sqlite:///{_run_store(corpus, work)}")
    as_of = date.fromisoformat(AS_OF)
    agreement = get_agreement(AGREEMENT)
    with engine.connect() as conn:
        stored = load_events(conn, published_on_or_before=as_of)
    status = assess_status(agreement, stored, as_of)
    ledger = build_ledger(agreement, stored, as_of)
    reports = len({e.event.doc_id for e in stored})
    return {
        "documents": reports,
        "events": len(stored),
        "extra": {"obligations": len(status.obligations), "ledger_rows": len(ledger.rows())},
    }


def _run_store(corpus: Path, work: Path) -> Path:
    """The store of the `run` stage, else that of `run2` (the same reports and events)."""
    path = work / f"run-{corpus.stem}.sqlite"
    if not path.exists():
        path = work / f"run2-{corpus.stem}.sqlite"
    if not path.exists():
        raise FileNotFoundError(f"{path}: run the `run` or `run2` stage first")
    return path


def _stage_dask(workers: int) -> Callable[[Path, Path], dict[str, Any]]:
    def stage(corpus: Path, work: Path) -> dict[str, Any]:
        from ceasefire.scale.dask import extract_with_dask

        out = work / f"dask-{corpus.stem}-w{workers}"
        summary = extract_with_dask([corpus], out, workers=workers, partition_docs=2000)
        shutil.rmtree(out, ignore_errors=True)
        return {
            "documents": summary.documents,
            "events": summary.events,
            "seconds": summary.run_seconds,
            "extra": {
                "partitions": summary.partitions,
                "cluster_start_s": round(summary.cluster_seconds, 2),
                "task_seconds": round(summary.task_seconds, 1),
            },
        }

    return stage


STAGES: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "read": stage_read,
    "tokenize": stage_tokenize,
    "extract": stage_extract,
    "ingest": stage_ingest,
    "run": stage_run,
    "run2": stage_run2,
    "assess": stage_assess,
    "assess-load": stage_assess_load,
    "dask1": _stage_dask(1),
    "dask2": _stage_dask(2),
}


def child(stage: str, corpus: Path, work: Path) -> None:
    """Run one stage and print its result as one JSON line (the last line of stdout)."""
    started = time.perf_counter()
    found = STAGES[stage](corpus, work)
    elapsed = time.perf_counter() - started
    kb = 1024.0  # ru_maxrss is in KiB on Linux
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    found.setdefault("seconds", elapsed)
    found["cpu_seconds"] = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    if children.ru_utime + children.ru_stime > 0:  # worker processes: this process's own share apart
        found.setdefault("extra", {})["main_cpu_seconds"] = round(own.ru_utime + own.ru_stime, 2)
    found["peak_rss_mb"] = own.ru_maxrss / kb
    found["worker_peak_rss_mb"] = children.ru_maxrss / kb if stage.startswith(("dask", "run2")) else None
    sys.stdout.write(json.dumps(found) + "\n")


# -- the parent: corpora, children, tables ----------------------------------------------------------


def ensure_corpus(work: Path, size: int) -> Path:
    path = work / f"corpus-{size}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".tmp.jsonl")
        cmd = [
            sys.executable,
            "-m",
            "benchmarks.corpus_gen",
            "--n",
            str(size),
            "--out",
            str(tmp),
            "--seed",
            "1",
        ]
        subprocess.run(cmd, check=True, cwd=ROOT, stderr=subprocess.DEVNULL)
        tmp.replace(path)
    return path


def run_stage(stage: str, size: int, corpus: Path, work: Path, timeout: float) -> StageResult:
    pin = stage in SINGLE_CORE and shutil.which("taskset") is not None
    cmd = [*(["taskset", "-c", "0"] if pin else []), sys.executable, "-m", "benchmarks.bench_scale"]
    cmd += ["--child", stage, "--corpus", str(corpus), "--work", str(work)]
    result = StageResult(stage, size, ok=False, cores="core 0" if pin else f"{os.cpu_count()} cores")
    result.load_before = os.getloadavg()[0]
    started = time.perf_counter()
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        result.detail = f"timed out after {timeout:.0f} s"
        return result
    result.wall_seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        result.detail = (done.stderr.strip().splitlines() or ["no output"])[-1][:200]
        return result
    found = json.loads(lines[-1])
    result.ok = True
    for key in (
        "documents",
        "events",
        "seconds",
        "cpu_seconds",
        "peak_rss_mb",
        "worker_peak_rss_mb",
        "extra",
    ):
        if key in found:
            setattr(result, key, found[key])
    return result


def conditions() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_at_start": os.getloadavg()[0],
        "note": "",
    }


def write_results(out: Path, stamp: str, meta: dict[str, Any], results: list[StageResult]) -> str:
    payload = {
        "conditions": meta,
        "results": [asdict(r) | {"rate": r.rate, "cpu_rate": r.cpu_rate} for r in results],
    }
    (out / f"scale-{stamp}.json").write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    markdown = render_markdown(payload)
    (out / f"scale-{stamp}.md").write_text(markdown, "utf-8")
    (out / "scale-latest.md").write_text(markdown, "utf-8")
    return markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes, e.g. 10000,100000")
    parser.add_argument("--stages", default=",".join(STAGE_ORDER), help=f"from: {', '.join(STAGE_ORDER)}")
    parser.add_argument("--work", type=Path, default=Path("/tmp/ceasefire-bench"), help="corpora and stores")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per stage")
    parser.add_argument("--note", default="", help="conditions worth recording (other load, …)")
    parser.add_argument("--child", choices=list(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.corpus, args.work)
        return 0

    stages = [s for s in STAGE_ORDER if s in args.stages.split(",")]
    sizes = [int(float(s)) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    meta = conditions()
    meta["note"] = args.note
    results: list[StageResult] = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M")
    markdown = ""
    for size in sizes:
        corpus = ensure_corpus(args.work, size)
        meta[f"corpus_{size}_bytes"] = corpus.stat().st_size
        for stage in stages:
            result = run_stage(stage, size, corpus, args.work, args.timeout)
            results.append(result)
            status = (
                f"{result.rate:,.0f} reports/s, {result.cpu_rate:,.0f} per CPU-s"
                if result.ok
                else result.detail
            )
            print(f"{size:>9,} {stage:<9} {result.seconds:8.1f} s  {status}", file=sys.stderr, flush=True)
            markdown = write_results(args.out, stamp, meta, results)  # after every stage: a long run can stop
    sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
