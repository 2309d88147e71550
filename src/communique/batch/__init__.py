"""Batch runs over archives: inputs to Parquet shards (resumable), on every core of this
machine or on a Dask cluster, and the shards into the store (docs/batch.md)."""

from .inputs import read_batch_inputs, read_parquet_file
from .load import DEFAULT_LOAD_BATCH, count_finished, read_shards
from .shards import DEFAULT_SHARD_SIZE, BatchError, BatchSummary, finished_shards, run_batch
from .tables import SCHEMAS, TABLES

__all__ = ["DEFAULT_LOAD_BATCH", "DEFAULT_SHARD_SIZE", "SCHEMAS", "TABLES", "BatchError", "BatchSummary",
           "count_finished", "finished_shards", "read_batch_inputs", "read_parquet_file", "read_shards",
           "run_batch"]
