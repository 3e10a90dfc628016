"""Ingest benchmark: generated ~2 KB reports from JSONL into SQLite, reports/s and peak memory.

Each measurement runs in a fresh child process (single-threaded; ``--core N`` pins it to one CPU), so
the peak RSS is the ingest's own; reports/s is given by wall clock and by CPU time, the latter being
the fair figure on a shared machine. Several corpus sizes are measured to show whether memory grows with the
corpus; a last run ingests a small fresh file into the largest database, the incremental case where
the near-duplicate index (stored in the database) must be used, not rebuilt.

    python -m benchmarks.bench_ingest                     # 25k, 50k, 100k reports
    python -m benchmarks.bench_ingest --sizes 2000 5000   # quick look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus_gen import generate


def _child(corpus: str, db: str, batch_size: int, core: int | None) -> None:
    """Run one ingest and print its figures as JSON (the parent reads them)."""
    if core is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {core})
    from ceasefire.ingest import dedupe
    from ceasefire.ingest.pipeline import ingest_paths
    from ceasefire.store.engine import open_db

    dedupe._permutations()  # imports datasketch (and scipy): start-up, not per-report, cost

    engine = open_db(f"sqlite:///{db}")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    summary = ingest_paths(engine, [corpus], batch_size=batch_size, collect_doc_ids=False)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        json.dumps(
            {
                "reports": summary.seen,
                "accepted": summary.accepted,
                "duplicates": summary.duplicates,
                "near_duplicates": summary.near_duplicates,
                "quarantined": summary.quarantined_total,
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "reports_per_s": round(summary.seen / wall, 1),
                "reports_per_cpu_s": round(summary.seen / cpu, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "rss_after_imports_mb": round(rss_before / 1024, 1),
            }
        )
    )


def _measure(corpus: Path, db: Path, batch_size: int, core: int | None) -> dict[str, float]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.bench_ingest",
        "--child",
        str(corpus),
        str(db),
        str(batch_size),
    ]
    if core is not None:
        command += ["--core", str(core)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _write_corpus(path: Path, n: int, seed: int, prefix: str = "gen") -> None:
    with path.open("w", encoding="utf-8") as handle:
        for report in generate(n, seed, prefix=prefix):
            handle.write(json.dumps(report, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ingest throughput and peak memory.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument(
        "--incremental", type=int, default=2_000, help="fresh reports added to the largest DB"
    )
    parser.add_argument(
        "--core", type=int, default=None, help="pin each run to this CPU (default: no pinning)"
    )
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "DB", "BATCH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], int(args.child[2]), args.core)
        return 0
    pinned = (
        f"pinned to CPU {args.core}"
        if args.core is not None
        else "not pinned (the ingest is single-threaded)"
    )
    print(f"# {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; each run {pinned}")
    print(f"# load average before: {os.getloadavg()}")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        for n in args.sizes:
            corpus, db = folder / f"corpus-{n}.jsonl", folder / f"ingest-{n}.db"
            _write_corpus(corpus, n, seed=1)
            mb = corpus.stat().st_size / 1e6
            figures = _measure(corpus, db, args.batch_size, args.core)
            figures.update(size=n, corpus_mb=round(mb, 1), db_mb=round(db.stat().st_size / 1e6, 1))
            results.append(figures)
            print(json.dumps(figures))
            corpus.unlink()
        largest_db = folder / f"ingest-{max(args.sizes)}.db"
        extra = folder / "incremental.jsonl"
        _write_corpus(extra, args.incremental, seed=99, prefix="new")
        figures = _measure(extra, largest_db, args.batch_size, args.core)
        figures.update(size=args.incremental, into=max(args.sizes))
        print(json.dumps({"incremental": figures}))
    print(f"# load average after: {os.getloadavg()}")
    print("| reports | wall s | cpu s | reports/s (wall) | reports/s (cpu) | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for r in [*results, {**figures, "size": f"+{args.incremental} into {max(args.sizes)}"}]:
        print(
            f"| {r['size']} | {r['wall_s']} | {r['cpu_s']} | {r['reports_per_s']} | {r['reports_per_cpu_s']} "
            f"| {r['peak_rss_mb']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
