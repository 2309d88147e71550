"""A batch run: inputs in, Parquet shards out, resumable shard by shard.

Shard ``k`` holds the input items ``k × shard_size`` to ``(k+1) × shard_size - 1`` (articles
and bad inputs alike), so its bounds depend only on the input order and a rerun writes the
same shards. Layout of the output folder::

    _batch.json                      the shard size (a rerun must use the same)
    _shards/part-000000.json         written last: shard 0 is complete
    articles/part-000000.parquet     one folder per table (tables.TABLES)
    events/part-000000.parquet
    ...

Each table file is written under a hidden temporary name and renamed when complete, then
the shard's ``_shards`` entry; readers of the folders (pyarrow, pandas, DuckDB, Spark)
skip hidden and ``_`` names. A rerun skips the shards listed in ``_shards`` and does again
every other one.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..errors import CommuniqueError
from ..records import Article, Extraction
from ..runner.work import BOUNDARY
from .tables import TABLES, extraction_rows, failure_row, to_table

Engine = Callable[[Iterable[Article | CommuniqueError]], Iterator[Extraction | CommuniqueError]]
DEFAULT_SHARD_SIZE = 1000
# Failures are all in the shards' failures table; a summary keeps the first few to show.
MAX_FAILURE_LINES = 50
_DONE = "_shards"


class BatchError(CommuniqueError):
    """The output folder cannot be used as asked."""


@dataclass(slots=True)
class BatchSummary:
    shards_written: int = 0
    shards_skipped: int = 0
    items: int = 0  # input items of the shards written (articles and bad inputs)
    articles: int = 0
    failures: int = 0
    events: int = 0
    seconds: float = 0.0
    failure_lines: list[str] = field(default_factory=list)


def shard_name(k: int) -> str:
    return f"part-{k:06d}"


def finished_shards(out: Path) -> dict[int, dict[str, Any]]:
    """The complete shards of a batch folder: shard number -> its manifest."""
    done = {}
    for entry in sorted((out / _DONE).glob("part-*.json")):
        manifest = json.loads(entry.read_text(encoding="utf-8"))
        done[manifest["shard"]] = manifest
    return done


def run_batch(read: Callable[[], Iterator[Article | CommuniqueError]], out: str | Path, engine: Engine, *,
              shard_size: int = DEFAULT_SHARD_SIZE, progress: Callable[[int, BatchSummary], None] | None = None,
              summary: BatchSummary | None = None) -> BatchSummary:
    """Extract what ``read()`` yields into shards under ``out``; ``read`` is called again
    only when a short last shard of an earlier run must be redone (the input grew)."""
    out = Path(out)
    summary = summary or BatchSummary()
    started = time.perf_counter()
    _prepare(out, shard_size)
    done = finished_shards(out)
    fed: deque[tuple[int, Article | CommuniqueError]] = deque()

    def todo() -> Iterator[Article | CommuniqueError | object]:
        for seq, item in _unfinished(read, done, shard_size, summary):
            if seq % shard_size == 0:
                yield BOUNDARY  # chunks start with shards, whatever a rerun skips
            fed.append((seq, item))
            yield item

    shard: _Shard | None = None
    try:
        for result in engine(todo()):
            seq, item = fed.popleft()
            if shard is not None and seq // shard_size != shard.k:
                shard.write(out, summary)
                shard = None
            shard = shard or _Shard(seq // shard_size, seq)
            shard.add(seq, result, item if isinstance(item, Article) else None, summary)
            if progress is not None:
                progress(seq + 1, summary)
        if shard is not None:
            shard.write(out, summary)
    finally:
        summary.seconds += time.perf_counter() - started
    return summary


def _prepare(out: Path, shard_size: int) -> None:
    meta = out / "_batch.json"
    if meta.exists():
        recorded = json.loads(meta.read_text(encoding="utf-8")).get("shard_size")
        if recorded != shard_size:
            raise BatchError(f"{out} holds shards of {recorded} items; run again with --shard-size {recorded}, "
                             "or write to another --out folder")
    elif out.exists() and any(out.iterdir()):
        raise BatchError(f"{out} is not empty and is no batch folder (no _batch.json): choose another --out")
    for name in (_DONE, *TABLES):
        (out / name).mkdir(parents=True, exist_ok=True)
        for stale in (out / name).glob(".*.tmp"):
            stale.unlink()  # left by a run that stopped while writing
    if not meta.exists():
        _write_atomic(meta, json.dumps({"shard_size": shard_size, "format": 1}) + "\n")


def _unfinished(read: Callable[[], Iterator[Article | CommuniqueError]], done: dict[int, dict[str, Any]],
                size: int, summary: BatchSummary) -> Iterator[tuple[int, Article | CommuniqueError]]:
    """The numbered input items that belong to no finished shard."""
    skipped: set[int] = set()
    for seq, item in enumerate(read()):
        k = seq // size
        manifest = done.get(k)
        if manifest is None:
            yield seq, item
            continue
        if seq - k * size < manifest["items"]:
            if k not in skipped:
                skipped.add(k)
                summary.shards_skipped += 1
            continue
        # A short last shard, and the input has grown since: that shard is done again, whole.
        del done[k]
        summary.shards_skipped -= 1
        yield from enumerate(islice(read(), k * size, seq), start=k * size)
        yield seq, item


class _Shard:
    def __init__(self, k: int, first: int) -> None:
        self.k, self.first, self.items = k, first, 0
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}

    def add(self, seq: int, result: Extraction | CommuniqueError, article: Article | None,
            summary: BatchSummary) -> None:
        self.items += 1
        if isinstance(result, Extraction):
            for name, rows in extraction_rows(seq, result).items():
                self.rows[name] += rows
            summary.articles += 1
            summary.events += len(result.events)
        else:
            self.rows["failures"].append(failure_row(seq, result, article))
            summary.failures += 1
            if len(summary.failure_lines) < MAX_FAILURE_LINES:
                summary.failure_lines.append(str(result))

    def write(self, out: Path, summary: BatchSummary) -> None:
        name = shard_name(self.k)
        for table in TABLES:
            tmp = out / table / f".{name}.parquet.tmp"
            pq.write_table(to_table(table, self.rows[table]), tmp, compression="zstd")
            os.replace(tmp, out / table / f"{name}.parquet")
        manifest = {"shard": self.k, "first": self.first, "items": self.items,
                    "rows": {table: len(self.rows[table]) for table in TABLES}}
        _write_atomic(out / _DONE / f"{name}.json", json.dumps(manifest, sort_keys=True) + "\n")
        summary.shards_written += 1
        summary.items += self.items


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
