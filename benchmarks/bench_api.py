"""API benchmark: one uvicorn worker on loopback, 50 concurrent clients for 60 s per endpoint.

Builds a database from generated reports (ingest + extract, with one built-in agreement), starts
``ceasefire.web.app:app_from_env`` in a child process with one worker, and drives it with a bounded
number of concurrent keep-alive clients (httpx, asyncio), one endpoint at a time. Reports requests/s,
error count (any non-200 or transport error) and latency percentiles; target >= 200 req/s, 0 errors.

    python -m benchmarks.bench_api                              # 50 clients, 60 s, 1,000 reports
    python -m benchmarks.bench_api --duration 10 --reports 200  # quick look
    python -m benchmarks.bench_api --wrk                        # the load from wrk (apt-get install wrk)

The load generator runs on the same machine as the server, so both share its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.corpus_gen import generate

ENDPOINTS = {
    "overview (HTML)": "/",
    "overview (JSON)": "/index.json",
    "events list": "/api/events?limit=50",
}
OUT = Path(__file__).parent / "out"


def build_database(folder: Path, reports: int) -> tuple[str, str]:
    """A database with ``reports`` generated reports, their events, and an API token; (url, token)."""
    from ceasefire.extract.pipeline import Extractor
    from ceasefire.ingest.pipeline import ingest_paths
    from ceasefire.store.documents import document_pk, iter_documents
    from ceasefire.store.engine import open_db
    from ceasefire.store.events import replace_events
    from ceasefire.store.users import add_user, create_token

    corpus = folder / "reports.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for record in generate(reports, seed=7):
            out.write(json.dumps(record) + "\n")
    url = f"sqlite:///{folder / 'bench.db'}"
    engine = open_db(url)
    summary = ingest_paths(engine, [corpus], collect_doc_ids=True)
    with engine.connect() as reader:
        found = list(Extractor().pipe(iter_documents(reader, doc_ids=summary.doc_ids)))
    with engine.begin() as conn:
        for doc, events in found:
            pk = document_pk(conn, doc.id)
            if pk is not None:
                replace_events(conn, pk, events)
        add_user(conn, "bench", "viewer", "benchmark-password")
        token = create_token(conn, "bench", "benchmark")
    engine.dispose()
    return url, token


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to tell the server's own cost per request
    from the waiting a loaded machine adds; 0.0 where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CEASEFIRE_DB": url, "CEASEFIRE_SECRET": "benchmark-secret-benchmark-secret"}
    command = [
        sys.executable, "-m", "uvicorn", "ceasefire.web.app:app_from_env", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning",
        "--no-access-log",
    ]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


async def drive(base: str, path: str, token: str, clients: int, duration: float) -> dict[str, object]:
    """``clients`` concurrent loops, each one request at a time, for ``duration`` seconds."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/html,application/json"}
    async with httpx.AsyncClient(base_url=base, limits=limits, headers=headers, timeout=30) as client:
        stop = time.perf_counter() + duration

        async def one_client() -> None:
            while time.perf_counter() < stop:
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    if response.status_code != 200:
                        errors[str(response.status_code)] = errors.get(str(response.status_code), 0) + 1
                        continue
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    continue
                latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    latencies.sort()

    def pct(q: float) -> float:
        return (
            round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else 0.0
        )

    return {
        "path": path,
        "requests": len(latencies),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "seconds": round(elapsed, 1),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


def drive_wrk(base: str, path: str, token: str, clients: int, duration: float) -> dict[str, object]:
    """The same load from wrk, whose client costs far less CPU than Python's on a 2-core machine."""
    command = ["wrk", "-t1", f"-c{clients}", f"-d{int(duration)}s", "--latency"]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "1", *command]
    out = subprocess.run(
        [*command, "-H", f"Authorization: Bearer {token}", base + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(bad.group(1)) if bad else 0) + (sum(int(g) for g in sockets.groups()) if sockets else 0)

    def pct(label: str) -> float | None:
        found = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        if not found:
            return None
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]
        return round(float(found.group(1)) * scale, 1)

    return {
        "requests": requests,
        "errors": errors,
        "requests_per_s": round(rate, 1),
        "p50_ms": pct("50"),
        "p95_ms": None,
        "p99_ms": pct("99"),
        "driver": "wrk",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per endpoint")
    parser.add_argument("--reports", type=int, default=1000, help="generated reports in the database")
    parser.add_argument("--only", choices=sorted(ENDPOINTS), action="append", help="endpoint(s) to drive")
    parser.add_argument(
        "--wrk",
        action="store_true",
        help="drive with wrk (C, one thread on core 1) instead of Python clients",
    )
    args = parser.parse_args(argv)
    if args.wrk and not shutil.which("wrk"):
        parser.error("--wrk needs the wrk program (Debian package wrk)")
    results = []
    with tempfile.TemporaryDirectory(prefix="cf-bench-api-") as tmp:
        built = time.perf_counter()
        url, token = build_database(Path(tmp), args.reports)
        print(f"database: {args.reports} reports in {time.perf_counter() - built:.1f} s", file=sys.stderr)
        port = _free_port()
        server = start_server(url, port)
        try:
            for name in args.only or list(ENDPOINTS):
                warm = httpx.get(  # computes and caches the page once, outside the measurement
                    f"http://127.0.0.1:{port}{ENDPOINTS[name]}",
                    headers={"Authorization": f"Bearer {token}"},
                    timeout=600,
                )
                warm.raise_for_status()
                cpu_before = cpu_seconds(server.pid)
                base = f"http://127.0.0.1:{port}"
                if args.wrk:
                    result = drive_wrk(base, ENDPOINTS[name], token, args.clients, args.duration)
                else:
                    result = asyncio.run(drive(base, ENDPOINTS[name], token, args.clients, args.duration))
                served = max(1, int(result["requests"]))  # type: ignore[call-overload]
                cpu_ms = round(1000 * (cpu_seconds(server.pid) - cpu_before) / served, 2)
                result["server_cpu_ms_per_request"] = cpu_ms
                result["capacity_per_core_req_s"] = round(1000 / cpu_ms, 1) if cpu_ms > 0 else None
                results.append({"endpoint": name, **result})
                print(
                    f"{name:18} {result['requests_per_s']:>8} req/s  errors {result['errors']}  "
                    f"p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  p99 {result['p99_ms']} ms  "
                    f"server CPU {cpu_ms} ms/request"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    OUT.mkdir(exist_ok=True)
    report = {
        "benchmark": "api",
        "clients": args.clients,
        "duration_s": args.duration,
        "reports": args.reports,
        "workers": 1,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "system": platform.platform(),
        },
        "results": results,
    }
    (OUT / "bench_api.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["errors"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
