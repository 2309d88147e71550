"""Bulk insert of extracted records into the store: events per second (no model involved).

    python benchmarks/store_ingest.py [--articles 20000] [--db sqlite:///bench.db] [--batch-size 500]

Generates synthetic extractions (10 events each) first, then times only ``Store.ingest``
(rows, dedup, derived indexes, full-text index, one transaction per batch). The database
must be new: an existing file is refused rather than measured half-full.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_synthetic import extractions  # noqa: E402

from communique.store import Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--db", default="sqlite:///store-bench.db")
    ap.add_argument("--batch-size", type=int, default=500)
    args = ap.parse_args()
    path = args.db.removeprefix("sqlite:///")
    if args.db.startswith("sqlite:///") and os.path.exists(path):
        sys.exit(f"{path} exists; remove it or give another --db")

    data = list(extractions(args.articles))
    # The generated inputs stay alive all run, which a streamed ingest's do not: keep the
    # cyclic garbage collector from walking them again and again, so it measures the store.
    gc.freeze()
    n_events = sum(len(x.events) for x in data)
    with Store(args.db) as store:
        started = time.perf_counter()
        summary = store.ingest(data, batch_size=args.batch_size)
        seconds = time.perf_counter() - started
        counts = store.counts()
    print(f"articles {summary.articles_new}  event mentions {n_events}  canonical events {counts['events']}")
    print(f"seconds {seconds:.2f}")
    print(f"articles/s {summary.articles_new / seconds:,.0f}")
    print(f"events/s {n_events / seconds:,.0f}")
    if args.db.startswith("sqlite:///"):
        size = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
        print(f"database MB {size / 1e6:.1f}  (MB per million events {size / 1e6 / n_events * 1e6:,.0f})")


if __name__ == "__main__":
    main()
