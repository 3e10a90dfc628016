"""Extraction benchmark: reports/s per core on generated ~2 KB reports, against spaCy's bare blank
English tokenizer on the same texts, and peak memory while streaming a larger corpus.

Each measurement runs in a fresh child process pinned to one core (when the OS allows), so timings
and peak RSS are the measured step's own. Memory flatness is shown by streaming two corpus sizes:
if extraction keeps nothing between reports, the peak RSS of the larger run is about the smaller's.

    python -m benchmarks.bench_extract                       # 2,000 reports timed, 4k/16k streamed
    python -m benchmarks.bench_extract --n 500 --stream 1000 4000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator

from benchmarks.corpus_gen import generate


def _pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):  # containers may refuse
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _documents(n: int, seed: int) -> Iterator[object]:
    from ceasefire.ingest.document import Document

    for row in generate(n, seed=seed):
        yield Document(id=row["id"], text=row["text"], date=row["date"], title=row.get("title"))


def _time_extract(n: int, seed: int, repeat: int) -> dict[str, float]:
    from ceasefire.extract.pipeline import Extractor

    docs = list(_documents(n, seed))
    chars = sum(len(d.text) for d in docs)  # type: ignore[attr-defined]
    extractor = Extractor()
    extractor.extract_document(docs[0])  # type: ignore[arg-type]  # warm caches once
    best = float("inf")
    events = 0
    for _ in range(repeat):
        start = time.perf_counter()
        events = sum(len(evs) for _, evs in extractor.pipe(docs))  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - start)
    return {"reports": n, "mean_chars": chars / n, "seconds": best, "per_s": n / best, "events": events}


def _time_spacy(n: int, seed: int, repeat: int) -> dict[str, float]:
    import spacy

    texts = [row["text"] for row in generate(n, seed=seed)]
    nlp = spacy.blank("en")
    list(nlp.pipe(texts[:10]))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=256):
            pass
        best = min(best, time.perf_counter() - start)
    return {"reports": n, "seconds": best, "per_s": n / best}


def _stream(n: int, seed: int) -> dict[str, float]:
    from ceasefire.extract.pipeline import Extractor

    extractor = Extractor()
    start = time.perf_counter()
    events = 0
    for _, evs in extractor.pipe(_documents(n, seed)):  # type: ignore[arg-type]
        events += len(evs)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "reports": n,
        "seconds": seconds,
        "per_s": n / seconds,
        "events": events,
        "peak_rss_mb": peak_kb / 1024,
    }


def _child(task: str, n: int, seed: int, repeat: int) -> None:
    _pin()
    if task == "extract":
        result = _time_extract(n, seed, repeat)
    elif task == "spacy":
        result = _time_spacy(n, seed, repeat)
    else:
        result = _stream(n, seed)
    print(json.dumps(result))


def _run(task: str, n: int, seed: int, repeat: int) -> dict[str, float]:
    command = [sys.executable, "-m", "benchmarks.bench_extract", "--child", task]
    command += ["--n", str(n), "--seed", str(seed), "--repeat", str(repeat)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="reports timed for extraction and tokenisation")
    parser.add_argument("--stream", type=int, nargs="+", default=[4000, 16000], help="corpus sizes streamed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["extract", "spacy", "stream"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.n, args.seed, args.repeat)
        return 0
    extract = _run("extract", args.n, args.seed, args.repeat)
    spacy = _run("spacy", args.n, args.seed, args.repeat)
    print(
        f"reports: {args.n} generated, mean {extract['mean_chars']:.0f} chars, {extract['events']:.0f} events"
    )
    print(f"extraction:          {extract['per_s']:8.0f} reports/s on one core ({extract['seconds']:.2f} s)")
    print(f"spaCy blank tokens:  {spacy['per_s']:8.0f} reports/s on one core ({spacy['seconds']:.2f} s)")
    print(f"ratio extraction/tokenisation time: {spacy['per_s'] / extract['per_s']:.2f}x (goal <= 3x)")
    for size in args.stream:
        streamed = _run("stream", size, args.seed + 1, 1)
        print(
            f"streamed {size:>7} reports: {streamed['per_s']:6.0f} reports/s, "
            f"peak RSS {streamed['peak_rss_mb']:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
