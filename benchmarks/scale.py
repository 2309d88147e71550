"""Scale benchmark: the runner on 1 and N workers, Dask against the local pool, memory per
worker, and batch + load into the store, all on the same articles in one run.

    python benchmarks/scale.py [PATH] [--limit N] [--workers N] [--no-dask]
                               [--db URL ...] [--skip-batch | --only-batch]

Prints one line per measurement (``name: value``) and a table at the end. Every timed
run includes starting its workers (a pipeline load each). "spaCy alone" is the base
pipeline in this process with Communique's own component (the entity-type head) disabled,
as in benchmarks/throughput.py; "1 worker" is the runner in this process.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpus" / "reuters21578.jsonl.gz"


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("path", nargs="?", default=str(DEFAULT_CORPUS), help="JSONL (.gz) corpus of articles")
    p.add_argument("--limit", type=int, default=2000, help="first N articles (default 2000; 0 for all)")
    p.add_argument("--workers", type=int, default=2, help="workers of the parallel runs (default 2)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    p.add_argument("--skip-batch", action="store_true", help="skip batch + load")
    p.add_argument("--only-batch", action="store_true",
                   help="only batch + load (with the workers' peak memory at 1,000 articles and at the end)")
    p.add_argument("--repeat", type=int, default=1,
                   help="run 1 worker, N workers and Dask this many times, alternating, and keep each "
                        "one's best time (on a shared machine the load changes from run to run)")
    p.add_argument("--db", action="append", default=[], metavar="URL",
                   help="store URL(s) to load the batch into (default: a temporary SQLite file); "
                        "use a fresh database: already stored articles would be skipped")
    return p.parse_args(argv)


class RssSampler:
    """Peak resident memory of this process or of its worker processes, sampled every 0.2 s,
    with the value reached when ``marks`` articles were done (for growth)."""

    def __init__(self, children: bool, mark: int = 1000) -> None:
        import psutil

        self.me = psutil.Process()
        self.children = children
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}  # last user + system seconds seen per process
        self.cpu_before = sum(self.me.cpu_times()[:2])
        self.done = 0
        self.mark, self.at_mark = mark, None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _procs(self):
        if not self.children:
            return [self.me]
        return [c for c in self.me.children(recursive=True) if "resource_tracker" not in " ".join(c.cmdline()[-2:])]

    def _sample(self) -> None:
        import psutil

        try:
            for proc in self._procs():
                try:
                    rss = proc.memory_info().rss
                    self.cpu[proc.pid] = sum(proc.cpu_times()[:2])
                except psutil.Error:
                    continue
                self.peak[proc.pid] = max(self.peak.get(proc.pid, 0), rss)
        except psutil.Error:
            pass
        if self.at_mark is None and self.done >= self.mark:
            self.at_mark = max(self.peak.values(), default=0)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def __enter__(self) -> "RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def count(self, items: Iterable) -> Iterator:
        for item in items:
            self.done += 1
            yield item

    @property
    def cpu_seconds(self) -> float:
        """CPU time of this process over the run, plus its workers' (as last sampled)."""
        own = sum(self.me.cpu_times()[:2]) - self.cpu_before
        return own + (sum(v for pid, v in self.cpu.items() if pid != self.me.pid) if self.children else 0.0)

    @property
    def worst(self) -> int:
        return max(self.peak.values(), default=0)


def mb(n: int | None) -> str:
    return f"{n / 2**20:.0f} MB" if n else "n/a"


def timed_run(label: str, run, articles, children: bool) -> tuple[float, RssSampler, int]:
    start = time.perf_counter()
    with RssSampler(children) as rss:
        failures = sum(1 for r in rss.count(run(articles)) if not hasattr(r, "events"))
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.1f} s, CPU {rss.cpu_seconds:.1f} s, peak RSS {mb(rss.worst)} "
          f"(at 1,000 articles {mb(rss.at_mark)}), failures {failures}", flush=True)
    return seconds, rss, failures


def main(argv=None) -> int:
    args = parse_args(argv)
    from communique.batch import read_batch_inputs, read_shards, run_batch
    from communique.entity_types import COMPONENT
    from communique.nlp import DEFAULT_MODEL, load_pipeline
    from communique.records import Article
    from communique.runner import run_articles

    articles = [a for a in read_batch_inputs([args.path]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[:args.limit]
    if not articles:
        print(f"error: no articles in {args.path}; pass the path of a JSONL (.gz) corpus", file=sys.stderr)
        return 2
    n, words = len(articles), sum(len(a.text.split()) for a in articles)
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"corpus: {args.path}, first {n} articles, {words} words", flush=True)
    rows: list[tuple[str, float]] = []
    if args.only_batch:
        batch_and_load(args, articles, rows)
        return 0

    nlp = load_pipeline(DEFAULT_MODEL)
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:5]))
    with nlp.select_pipes(disable=[c for c in (COMPONENT,) if c in nlp.pipe_names]):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        spacy_s = time.perf_counter() - start
    print(f"spacy alone: {spacy_s:.1f} s", flush=True)
    rows.append(("spaCy alone (this process)", spacy_s))

    local = functools.partial(run_articles, model=DEFAULT_MODEL, chunk_size=args.batch_size)
    # The extractors' first call loads lexicons and dateparser's data: not a per-article cost.
    list(local(articles[:5], workers=1))
    one_s = pool_s = dask_s = float("inf")
    for _ in range(args.repeat):
        seconds, one_rss, _ = timed_run("1 worker (in process)", functools.partial(local, workers=1), articles,
                                        False)
        one_s = min(one_s, seconds)
        seconds, pool_rss, _ = timed_run(f"{args.workers} workers", functools.partial(local, workers=args.workers),
                                         articles, True)
        pool_s = min(pool_s, seconds)
        if not args.no_dask:
            from communique.batch.dask_engine import run_on_dask

            seconds, _, _ = timed_run(f"dask LocalCluster {args.workers} workers",
                                      functools.partial(run_on_dask, model=DEFAULT_MODEL, workers=args.workers,
                                                        chunk_size=args.batch_size), articles, True)
            dask_s = min(dask_s, seconds)
    rows.append(("runner, 1 worker", one_s))
    rows.append((f"runner, {args.workers} workers", pool_s))
    if not args.no_dask:
        rows.append((f"Dask LocalCluster, {args.workers} workers", dask_s))
    else:
        dask_s = None

    if not args.skip_batch:
        batch_and_load(args, articles, rows)

    print()
    print(f"{'run':<40}{'seconds':>9}{'articles/s':>12}{'words/s':>10}")
    for name, seconds in rows:
        if seconds:
            print(f"{name:<40}{seconds:>9.1f}{n / seconds:>12.1f}{words / seconds:>10.0f}")
    print(f"ratio 1 worker / spaCy alone: {one_s / spacy_s:.3f}")
    print(f"speedup {args.workers} workers / 1: {one_s / pool_s:.2f}")
    if dask_s:
        print(f"dask / local pool: {dask_s / pool_s:.3f}")
    worker_peaks = sorted(v for v in pool_rss.peak.values())
    print(f"peak RSS per worker ({args.workers} workers): {', '.join(mb(v) for v in worker_peaks[-args.workers:])}; "
          f"1 worker (in process, with spaCy-alone run before): {mb(one_rss.worst)}, "
          f"at 1,000 articles {mb(one_rss.at_mark)}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


def batch_and_load(args, articles, rows) -> None:
    from communique.batch import read_shards, run_batch
    from communique.nlp import DEFAULT_MODEL
    from communique.runner import run_articles
    from communique.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "shards"
        engine = functools.partial(run_articles, workers=args.workers, model=DEFAULT_MODEL,
                                   chunk_size=args.batch_size)
        with RssSampler(children=True) as rss:
            def count(done, _summary):
                rss.done = done

            s = run_batch(lambda: iter(articles), out, engine, shard_size=1000, progress=count)
        print(f"batch ({args.workers} workers): {s.seconds:.1f} s, {s.shards_written} shards, {s.articles} "
              f"articles, {s.events} events, {s.failures} failures; peak RSS of a worker {mb(rss.worst)} "
              f"(at 1,000 articles {mb(rss.at_mark)})", flush=True)
        rows.append((f"batch, {args.workers} workers", s.seconds))
        for url in args.db or [f"sqlite:///{tmp}/load.db"]:
            shard_rows = 0

            def on_shard(k, r):
                nonlocal shard_rows
                shard_rows += r

            with Store(url, create=True) as store:
                summary = store.ingest(read_shards(out, on_shard=on_shard), batch_size=500)
            kind = url.split(":", 1)[0]
            print(f"load into {kind}: {summary.seconds:.1f} s, {summary.articles_new} new articles, "
                  f"{summary.event_mentions} event mentions, {summary.articles_failed} failures, "
                  f"{shard_rows} shard rows, {shard_rows / summary.seconds:,.0f} rows/s", flush=True)
            rows.append((f"load into {kind}", summary.seconds))


if __name__ == "__main__":
    sys.exit(main())
