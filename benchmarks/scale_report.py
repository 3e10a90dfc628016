"""The markdown table of a ``bench_scale`` run, with the issue-7 targets checked against it."""

from __future__ import annotations

from typing import Any

WHAT = {
    "read": "JSONL reader only",
    "tokenize": "bare spaCy tokeniser (blank en)",
    "extract": "extract, single process",
    "ingest": "ingest into SQLite",
    "run": "ingest + extract into SQLite",
    "run2": "ingest + extract into SQLite, `--jobs 2`",
    "assess": "status + ledger from the store, streamed",
    "assess-load": "status + ledger, every event loaded (before)",
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


def _per_core(r: dict[str, Any]) -> float:
    """Reports per CPU-second when CPU time was recorded, else per wall second."""
    return r.get("cpu_rate") or r["rate"]


def _cost(r: dict[str, Any]) -> float:
    return r.get("cpu_seconds") or r["seconds"]


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
            f"- extraction ≥ {TARGET_RATE:,.0f} reports/s per core: {_per_core(extract):,.0f} per CPU-second "
            f"({extract['rate']:,.0f} per wall second) at {extract['size']:,} reports — "
            f"{_verdict(_per_core(extract) >= TARGET_RATE)}"
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
        ratio = _cost(pair[0]) / _cost(pair[1])
        lines.append(
            f"- within {TARGET_TOKENIZE_RATIO:.0f}× of bare tokenisation: extraction costs {ratio:.1f}× the "
            f"tokeniser's time at {pair[0]['size']:,} — {_verdict(ratio <= TARGET_TOKENIZE_RATIO)}"
        )
    for n in sizes:
        if {(n, "dask1"), (n, "dask2")} <= set(by):
            one, two = by[(n, "dask1")], by[(n, "dask2")]
            speedup = two["rate"] / one["rate"]
            busy = (
                two.get("extra", {}).get("task_seconds", 0.0) / (2 * two["seconds"])
                if two["seconds"]
                else 0.0
            )
            lines.append(
                f"- Dask 2 workers ≥ {TARGET_SPEEDUP}× one worker: {speedup:.2f}× in wall time at {n:,} "
                f"reports, the two workers busy {busy:.0%} of the run (other load had the rest) — "
                f"{_verdict(speedup >= TARGET_SPEEDUP)}"
            )
            break
    run, ingest = first("run"), first("ingest")
    if run:
        million = _cost(run) * 1_000_000 / run["size"]
        lines.append(
            f"- 10^6 reports ingested + extracted in < 30 min: `ceasefire run` (one process) would take "
            f"{million / 60:,.0f} min, projected from {run['size']:,} — "
            f"{_verdict(million <= TARGET_MILLION_SECONDS)}"
        )
    run2 = first("run2")
    if run2:
        wall = run2["seconds"] * 1_000_000 / run2["size"]
        how = "measured" if run2["size"] >= 1_000_000 else f"projected from {run2['size']:,}"
        lines.append(
            f"- 10^6 reports ingested + extracted in < 30 min: `ceasefire run --jobs 2` on both cores, "
            f"{wall / 60:,.0f} min wall time, {how} — {_verdict(wall <= TARGET_MILLION_SECONDS)}"
        )
    if ingest and extract:
        one = (_cost(ingest) / ingest["size"] + _cost(extract) / extract["size"]) * 1_000_000
        both = (_cost(ingest) / ingest["size"] + _cost(extract) / extract["size"] / 2) * 1_000_000
        lines.append(
            f"- 10^6 reports ingested + extracted in < 30 min, projected from the per-CPU-second rates: "
            f"{one / 60:,.0f} min in one process, {both / 60:,.0f} min with extraction on Dask over both "
            f"cores — {_verdict(both <= TARGET_MILLION_SECONDS)}"
        )
    peaks = [r for r in by.values() if r["stage"] in {"run", "run2", "extract", "ingest"}]
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
        "| reports | stage | what | cores | seconds | reports/s | CPU s | reports per CPU-s | peak RSS MB "
        "| worker peak MB | events |",
        "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        head = f"| {r['size']:,} | {r['stage']} | {WHAT.get(r['stage'], '')} | {r['cores']} |"
        if not r["ok"]:
            out.append(f"{head} – | – | – | – | – | – | failed: {r['detail'].replace('|', '/')} |")
            continue
        cells = [
            _fmt(r["seconds"], 1),
            _fmt(r["rate"]),
            _fmt(r.get("cpu_seconds"), 1),
            _fmt(r.get("cpu_rate")),
            _fmt(r["peak_rss_mb"]),
            _fmt(r["worker_peak_rss_mb"]),
            _fmt(r["events"]),
        ]
        out.append(f"{head} {' | '.join(cells)} |")
    lines = targets(results)
    if lines:
        out += ["", "Targets of issue 7:", "", *lines]
    return "\n".join(out) + "\n"
