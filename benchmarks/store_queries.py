"""Query times on a store of a million synthetic events, and its size.

    python benchmarks/store_queries.py [--db sqlite:///store-1m.db] [--articles 100000]

Builds the database on first use (100,000 articles x 10 events, through ``Store.ingest``),
then times, as the median of 7 runs after a warm-up: ``timeline`` of the busiest dyad and
of a quieter one by month, ``events --dyad`` (50 newest), ``events --country``, and a
full-text search. Prints the database's size per million events.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_synthetic import extractions  # noqa: E402

from communique.store import Store  # noqa: E402


def timed(label: str, fn, runs: int = 7) -> None:
    fn()  # warm-up: the first run reads the pages from disk
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    print(f"{label:<44} {statistics.median(times):8.1f} ms   ({len(result)} rows)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="sqlite:///store-1m.db")
    ap.add_argument("--articles", type=int, default=100_000)
    args = ap.parse_args()
    path = args.db.removeprefix("sqlite:///") if args.db.startswith("sqlite:///") else None
    with Store(args.db) as store:
        if store.counts()["articles"] == 0:
            gc.freeze()
            started = time.perf_counter()
            summary = store.ingest(extractions(args.articles), batch_size=2500)
            seconds = time.perf_counter() - started
            print(f"built: {summary.event_mentions:,} event mentions in {seconds:.0f} s "
                  f"({summary.event_mentions / seconds:,.0f} events/s, generation included)")
        counts = store.counts()
        print(f"articles {counts['articles']:,}  event mentions {counts['event_mentions']:,}  "
              f"canonical events {counts['events']:,}")
        busiest = store.dyads(limit=1)[0].dyad
        quiet = store.dyads(limit=400)[-1].dyad
        a, b = busiest.split("-")
        c, d = quiet.split("-")
        timed(f"timeline {a} {b} --by month (busiest dyad)", lambda: store.timeline(a, b, by="month"))
        timed(f"timeline {a} {b} --by week", lambda: store.timeline(a, b, by="week"))
        timed(f"timeline {c} {d} --by month", lambda: store.timeline(c, d, by="month"))
        timed(f"events --dyad {busiest} --limit 50", lambda: store.events(dyad=busiest, limit=50))
        timed(f"events --dyad {quiet} --limit 50", lambda: store.events(dyad=quiet, limit=50))
        timed(f"events --country {a} --limit 50", lambda: store.events(country=a, limit=50))
        timed("events --limit 50", lambda: store.events(limit=50))
        timed("search 'sanctions border' --limit 20", lambda: store.search("sanctions border", limit=20))
    if path:
        size = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
        print(f"database {size / 1e6:,.0f} MB = {size / 1e6 / counts['event_mentions'] * 1e6:,.0f} MB "
              "per million events (articles, actors, quotes and full-text index included)")


if __name__ == "__main__":
    main()
