"""Export speed: events per second written by each export format (no model involved).

    python benchmarks/store_export.py [--articles 5000] [--formats gdelt,icews,csv,parquet,jsonl]

Stores synthetic extractions (10 events each, store_synthetic.py) in a temporary SQLite
database, then times ``Store.export`` of every event in each format.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_synthetic import extractions  # noqa: E402

from communique.store import EventFilter, Store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--formats", default="gdelt,icews,csv,parquet,jsonl")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store(f"sqlite:///{tmp}/bench.db") as store:
        store.ingest(extractions(args.articles), batch_size=500)
        n_events = store.counts()["events"]
        print(f"{n_events:,} canonical events in the store")
        for fmt in args.formats.split(","):
            start = time.perf_counter()
            n = store.export(fmt, f"{tmp}/out.{fmt}", EventFilter())
            seconds = time.perf_counter() - start
            size = Path(f"{tmp}/out.{fmt}").stat().st_size
            print(f"{fmt:8} {n:>9,} rows in {seconds:6.1f} s: {n / seconds:>8,.0f} events/s, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
