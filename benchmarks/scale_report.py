"""The markdown table of a ``bench_scale`` run, with the issue-7 targets checked against it."""

from __future__ import annotations

from typing import Any

WHAT = {
    "read": "JSONL reader only",
    "tokenize": "bare spaCy tokeniser (blank en)",
    "extract": "extract, single process",
    "ingest": "ingest into SQLite",
    "run": "ingest + extract into SQLite",
    "assess": "status + ledger from the store",
    "dask1": "extract on Dask, 1 worker",
    "dask2": "extract on Dask, 2 workers",
}
TARGET_RATE = 1000.0
TARGET_TOKENIZE_RATIO = 3.0
TARGET_SPEEDUP = 1.6
TARGET_MILLION_SECONDS = 30 * 60
TARGET_MEMORY_MB = 1024.0


def _fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _by(results: list[dict[str, Any]]) -> dict[tuple[int, str], dict[str, Any]]:
    return {(r["size"], r["stage"]): r for r in results if r["ok"]}


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def targets(results: list[dict[str, Any]]) -> list[str]:
    """One line per issue-7 target, from the largest size at which it was measured."""
    by = _by(results)
    sizes = sorted({r["size"] for r in results}, reverse=True)
    lines: list[str] = []

    def first(stage: str) -> dict[str, Any] | None:
        return next((by[(n, stage)] for n in sizes if (n, stage) in by), None)

    extract = first("extract")
    if extract:
        lines.append(
            f"- extraction ≥ {TARGET_RATE:,.0f} reports/s per core: {extract['rate']:,.0f} at "
            f"{extract['size']:,} reports on one core — {_verdict(extract['rate'] >= TARGET_RATE)}"
        )
    pair = next(
        (
            (by[(n, "extract")], by[(n, "tokenize")])
            for n in sizes
            if {(n, "extract"), (n, "tokenize")} <= set(by)
        ),
        None,
    )
    if pair:
        ratio = pair[0]["seconds"] / pair[1]["seconds"]
        lines.append(
            f"- within {TARGET_TOKENIZE_RATIO:.0f}× of bare tokenisation: extraction takes {ratio:.2f}× the "
            f"tokeniser's time at {pair[0]['size']:,} — {_verdict(ratio <= TARGET_TOKENIZE_RATIO)}"
        )
    for n in sizes:
        if {(n, "dask1"), (n, "dask2")} <= set(by):
            speedup = by[(n, "dask2")]["rate"] / by[(n, "dask1")]["rate"]
            single = by.get((n, "extract"))
            versus = (
                f"; 2 workers vs one process: {by[(n, 'dask2')]['rate'] / single['rate']:.2f}×"
                if single
                else ""
            )
            lines.append(
                f"- Dask 2 workers ≥ {TARGET_SPEEDUP}× one worker: {speedup:.2f}× at {n:,} reports{versus} — "
                f"{_verdict(speedup >= TARGET_SPEEDUP)}"
            )
            break
    run = first("run")
    if run:
        million = run["seconds"] * 1_000_000 / run["size"]
        measured = "measured" if run["size"] >= 1_000_000 else f"projected linearly from {run['size']:,}"
        lines.append(
            f"- 10^6 reports ingested + extracted in < 30 min on this machine: {million / 60:,.1f} min "
            f"({measured}, one core) — {_verdict(million <= TARGET_MILLION_SECONDS)}"
        )
    peaks = [r for r in by.values() if r["stage"] in {"run", "extract", "ingest"}]
    if peaks:
        top = max(peaks, key=lambda r: r["peak_rss_mb"])
        lines.append(
            f"- memory under 1 GB: highest single-process peak {top['peak_rss_mb']:,.0f} MB "
            f"({top['stage']}, {top['size']:,} reports) — {_verdict(top['peak_rss_mb'] < TARGET_MEMORY_MB)}"
        )
    return lines


def render_markdown(payload: dict[str, Any]) -> str:
    meta, results = payload["conditions"], payload["results"]
    out = [
        f"### Scale benchmark, {meta['when']}",
        "",
        f"{meta['cores']} cores ({meta['cpu']}), Python {meta['python']}; load average at start "
        f"{meta['load_at_start']:.2f}. {meta.get('note') or ''}".rstrip(),
        "",
        "| reports | stage | what | cores | seconds | reports/s | peak RSS MB | worker peak MB | events |",
        "|---:|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        head = f"| {r['size']:,} | {r['stage']} | {WHAT.get(r['stage'], '')} | {r['cores']} |"
        if not r["ok"]:
            out.append(f"{head} – | – | – | – | failed: {r['detail'].replace('|', '/')} |")
            continue
        cells = [
            _fmt(r["seconds"], 1),
            _fmt(r["rate"]),
            _fmt(r["peak_rss_mb"]),
            _fmt(r["worker_peak_rss_mb"]),
            _fmt(r["events"]),
        ]
        out.append(f"{head} {' | '.join(cells)} |")
    lines = targets(results)
    if lines:
        out += ["", "Targets of issue 7:", "", *lines]
    return "\n".join(out) + "\n"
