"""Latency of the web server on a store of a million synthetic events, and page weight.

    python benchmarks/web_latency.py [--db sqlite:///store-1m.db] [--articles 100000]
                                     [--requests 300] [--seconds 60] [--concurrency 8]

Builds the database on first use (``--articles`` x 10 event reports, through
``Store.ingest``, as ``store_queries.py`` does; reused afterwards), starts
``communique serve --read-only`` on a free loopback port, and for each route sends
``--requests`` GETs (at most ``--seconds``) from ``--concurrency`` async httpx clients,
after a warm-up. Prints p50 and p95 per route (target p95 <= 200 ms) and the size of
the /dyads page (target < 1 MB). A PostgreSQL URL in ``--db`` measures PostgreSQL.

The routes: /dyads/USA-RUS (the busiest dyad's page: timeline and 50 events),
/api/events with three filters (country, category, since; rotating over countries),
/network (an aggregate over every dyad row: cached by the server until an event or
review is added, so its first, uncached time is printed too), and /api/search with
selective queries and with queries every synthetic article matches (ranking them all).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from store_synthetic import extractions  # noqa: E402

from communique.store import Store  # noqa: E402

COUNTRIES = ("USA", "CHN", "RUS", "IND", "KOR", "JPN", "GBR", "FRA")


def build(url: str, articles: int) -> None:
    with Store(url) as store:
        if store.counts()["articles"]:
            return
        gc.freeze()
        started = time.perf_counter()
        summary = store.ingest(extractions(articles), batch_size=2500)
        print(f"built: {summary.event_mentions:,} event reports in {time.perf_counter() - started:.0f} s",
              flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", "from communique.cli import main; main()", "serve",
                                "--db", url, "--port", str(port), "--read-only"],
                               env={**os.environ, "COMMUNIQUE_LOG_LEVEL": "warning"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/stats", timeout=60).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("the server did not start within 120 s")


async def load(base: str, paths: list[str], requests: int, seconds: float, concurrency: int) -> list[float]:
    """Latencies (ms) of ``requests`` GETs cycling over ``paths``, stopping after ``seconds``."""
    times: list[float] = []
    next_index = 0
    deadline = time.monotonic() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal next_index
        while next_index < requests and time.monotonic() < deadline:
            path = paths[next_index % len(paths)]
            next_index += 1
            started = time.perf_counter()
            response = await client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}: {response.text[:200]}")
            times.append(elapsed)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        for path in paths[:3]:  # warm-up: the first reads bring the pages in from disk
            await client.get(path)
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="sqlite:///store-1m.db")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300, help="requests per route")
    ap.add_argument("--seconds", type=float, default=60, help="at most this long per route")
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    build(args.db, args.articles)
    with Store(args.db) as store:
        counts = store.counts()
    print(f"{args.db}: {counts['event_mentions']:,} event reports, {counts['events']:,} canonical events, "
          f"{counts['articles']:,} articles", flush=True)
    process, base = serve(args.db)
    try:
        started = time.perf_counter()
        httpx.get(base + "/network", timeout=120).raise_for_status()
        print(f"/network, first (uncached) request: {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        routes = {
            "/dyads/USA-RUS": ["/dyads/USA-RUS"],
            "/api/events (country, category, since)": [
                f"/api/events?country={c}&category=ASSAULT,COERCE,SANCTION&since=2020-01-01" for c in COUNTRIES],
            "/network": ["/network"],
            # Each synthetic article has a unique number ("Synthetic report 1-4711"): a query
            # with one matches a handful of articles, as a real search mostly does ...
            "/api/search (selective)": [f"/api/search?q=report+{n}" for n in range(4711, 99_999, 977)],
            # ... while their body words come from 22, so these match every article: the worst case.
            "/api/search (every article matches)": [f"/api/search?q={q}" for q in (
                "sanctions+border", "trade", "troops+capital", "%22foreign+minister%22", "aid+-sanctions")],
        }
        print(f"{'route':<42} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
        worst = 0.0
        for label, paths in routes.items():
            times = asyncio.run(load(base, paths, args.requests, args.seconds, args.concurrency))
            p95 = percentile(times, 95)
            worst = max(worst, p95)
            print(f"{label:<42} {len(times):>8} {statistics.median(times):>8.1f} {p95:>8.1f}", flush=True)
        weight = len(httpx.get(base + "/dyads/USA-RUS", timeout=60).content)
        print(f"page weight of /dyads/USA-RUS: {weight / 1024:.0f} KiB (HTML with its inline SVG chart; "
              f"plus /static/style.css {len(httpx.get(base + '/static/style.css').content) / 1024:.0f} KiB "
              f"and /static/app.js {len(httpx.get(base + '/static/app.js').content) / 1024:.0f} KiB)")
        print(f"worst p95 {worst:.0f} ms: {'meets' if worst <= 200 else 'MISSES'} the 200 ms target "
              f"at concurrency {args.concurrency}")
    finally:
        process.terminate()
        process.wait(10)


if __name__ == "__main__":
    main()
