"""Loading a batch folder's finished shards into the store, through the store's own ingest:
the shard rows become Extraction records (and errors) again, and ``Store.ingest`` writes
them in large transactions. Articles already stored are skipped there, so loading the same
folder twice stores each article once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.parquet as pq

from ..errors import CommuniqueError
from ..records import Extraction
from .shards import BatchError, finished_shards, shard_name
from .tables import TABLES, rebuild

DEFAULT_LOAD_BATCH = 500


def read_shards(out: str | Path, *, on_shard: Callable[[int, int], None] | None = None
                ) -> Iterator[Extraction | CommuniqueError]:
    """The records of every finished shard, in input order; ``on_shard(k, rows)`` after each."""
    out = Path(out)
    if not (out / "_batch.json").is_file():
        raise BatchError(f"{out} is not a batch folder (no _batch.json): give the --out folder of "
                         "`communique batch`")
    for k in sorted(finished_shards(out)):
        tables = {t: pq.read_table(out / t / f"{shard_name(k)}.parquet") for t in TABLES}
        for _, record in rebuild(tables):
            yield record
        if on_shard is not None:
            on_shard(k, sum(t.num_rows for t in tables.values()))


def count_finished(out: str | Path) -> tuple[int, int]:
    """(shards, input items) finished in a batch folder, for a progress total."""
    done = finished_shards(Path(out))
    return len(done), sum(m["items"] for m in done.values())
