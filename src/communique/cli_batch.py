"""Batch commands: ``batch`` (inputs to Parquet shards, on every core or a Dask cluster)
and ``load`` (shards into the store). Registered on ``communique.cli.main`` when that
module imports this one; the work is in ``communique.batch``."""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

import click
from rich.console import Console

from .cli import main
from .cli_runs import article_progress, worker_options
from .errors import CommuniqueError, ModelError
from .nlp import DEFAULT_MODEL

DEFAULT_DB = "sqlite:///communique.db"
_err = Console(stderr=True, emoji=False)


def _say(message: str) -> None:
    _err.print(f"communique: {message}", markup=False, highlight=False, soft_wrap=True)


def _errors_are_one_line(command: Callable) -> Callable:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (CommuniqueError, ModelError) as exc:
            _say(f"error: {exc}")
            sys.exit(1)

    return wrapper


def _need(module: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise CommuniqueError(f"{module} is not installed: pip install 'communique[batch]'")


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", required=True, metavar="DIR", type=click.Path(file_okay=False),
              help="Folder of the Parquet shards: one subfolder per table (articles, actors, events, quotes, "
                   "times, places, entities, failures). Run the same command again to resume.")
@click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
              help="'local': worker processes on this machine; 'dask': tasks on a dask.distributed cluster "
                   "(--scheduler, or a LocalCluster of --workers processes).")
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="Address of a running Dask scheduler (implies --engine dask). Start its workers with "
                   "--nthreads 1 and Communique installed.")
@click.option("--shard-size", default=1000, show_default=True, type=click.IntRange(1, 10_000_000),
              help="Input items per shard. A rerun must use the same size.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="spaCy pipeline: an installed package name or a directory path.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles parsed per spaCy batch (and per worker task).")
@worker_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; errors are still shown.")
@_errors_are_one_line
def batch(inputs: tuple[str, ...], out: str, engine: str, scheduler: str | None, shard_size: int, model: str,
          batch_size: int, workers: int | None, article_timeout: float, quiet: bool) -> None:
    """Extract an archive into Parquet shards, resumably.

    INPUT is a JSONL file (.jsonl or .jsonl.gz), a Parquet file of articles (a 'text'
    column, and id, title, published, url, source, summary), a directory, or any file
    `communique extract` reads. Shard k holds input items k×N to (k+1)×N-1, so a rerun
    skips the finished shards, does the unfinished ones again, and writes the same
    files. Bad inputs go to the failures table; the exit status is then 1.
    Load the shards into a database with `communique load DIR`.
    """
    _need("pyarrow")
    from .batch import BatchSummary, read_batch_inputs, run_batch
    from .batch.inputs import count_batch_inputs

    if scheduler:
        engine = "dask"
    if engine == "dask":
        _need("distributed")
        from .batch.dask_engine import run_on_dask

        run = functools.partial(run_on_dask, model=model, scheduler=scheduler, workers=workers,
                                chunk_size=batch_size, article_timeout=article_timeout)
    else:
        from .runner import run_articles

        run = functools.partial(run_articles, workers=workers, model=model, chunk_size=batch_size,
                                article_timeout=article_timeout)
    show = not quiet and _err.is_terminal
    total = count_batch_inputs(inputs) if show else None
    summary = BatchSummary()
    try:
        with article_progress(_err, total, quiet=not show, label="batch") as update:
            run_batch(lambda: read_batch_inputs(inputs), out, run, shard_size=shard_size, summary=summary,
                      progress=lambda done, s: update(done, f"{s.articles} articles, {s.failures} failed"))
    except KeyboardInterrupt:
        _say(f"interrupted after {summary.shards_written} new shards; run the same command again to resume")
        sys.exit(130)
    if not quiet:
        rate = summary.items / summary.seconds if summary.seconds else 0.0
        click.echo(f"{out}: {summary.shards_written} shards written, {summary.shards_skipped} already done; "
                   f"{summary.articles} articles, {summary.events} events, {summary.failures} failed; "
                   f"{summary.seconds:.1f} s ({rate:.1f} items/s)")
    if summary.failures:
        for line in summary.failure_lines:
            _say(f"error: {line}")
        more = "" if summary.failures == len(summary.failure_lines) else \
            f" (the first {len(summary.failure_lines)} above)"
        _say(f"{summary.failures} input(s) failed{more}; all are in {out}/failures")
        sys.exit(1)


@main.command()
@click.argument("folder", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="COMMUNIQUE_DB", metavar="URL",
              help="Database: sqlite:///FILE (or a bare FILE path) or postgresql://USER:PASSWORD@HOST/DB. "
                   "Also read from $COMMUNIQUE_DB.")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 100_000),
              help="Articles written per transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@_errors_are_one_line
def load(folder: str, db: str, batch_size: int, quiet: bool) -> None:
    """Load the finished shards of a `communique batch` folder into a database.

    Articles already stored are skipped, so loading a folder again (or after more
    shards have finished) stores only what is new. The failures of the batch are
    recorded in the database's failures table.
    """
    _need("pyarrow")
    from .batch import count_finished, read_shards
    from .cli_store import _open
    from .store import IngestSummary

    shards, total = count_finished(folder)
    rows = 0

    def on_shard(k: int, n: int) -> None:
        nonlocal rows
        rows += n

    show = not quiet and _err.is_terminal
    summary = IngestSummary()
    with _open(db, create=True) as store, \
            article_progress(_err, total, quiet=not show, label="load") as update:
        store.ingest(read_shards(folder, on_shard=on_shard), batch_size=batch_size, summary=summary,
                     progress=lambda s: update(s.processed))
        url = store.url
    if not quiet:
        rate = rows / summary.seconds if summary.seconds else 0.0
        click.echo(f"{url}: {shards} shards, {summary.articles_new} new articles, {summary.articles_skipped} "
                   f"already stored, {summary.articles_failed} failures recorded; {summary.event_mentions} event "
                   f"mentions, {summary.events_new} new events; {summary.seconds:.1f} s ({rate:,.0f} rows/s)")
