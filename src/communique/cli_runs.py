"""What the commands that run many articles share: the worker options and the progress bar.

The bar is on stderr, and only on a terminal: done/total, rate and time left when the
inputs can be counted ahead, a count and a rate otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from .runner import DEFAULT_ARTICLE_TIMEOUT


def worker_options(f: Callable) -> Callable:
    f = click.option("--article-timeout", type=click.FloatRange(min=0.1), default=DEFAULT_ARTICLE_TIMEOUT,
                     show_default=True, metavar="SECONDS",
                     help="An article a worker spends longer on is reported as a failure (naming it) and "
                          "its worker replaced (on Dask: restarted); the run goes on. Applies with 2 or more "
                          "workers and on Dask.")(f)
    return click.option("--workers", "-j", "--processes", "workers", type=click.IntRange(1, 256), default=None,
                        help="Worker processes, each loading the pipeline once and extracting whole "
                             "articles (default: the cores this process may use). 1 runs in this process. "
                             "-j and --processes are the same option.")(f)


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


@contextmanager
def article_progress(console: Console, total: int | None, *, quiet: bool,
                     label: str = "articles") -> Iterator[Callable[..., None]]:
    """``update(done, description=None)``, drawn on ``console`` unless quiet or not a terminal."""
    if quiet or not console.is_terminal:
        yield lambda done, description=None: None
        return
    if total:
        columns = [BarColumn(), MofNCompleteColumn(), RateColumn(), TimeRemainingColumn()]
    else:
        columns = [TextColumn("{task.completed:,} articles"), RateColumn(), TimeElapsedColumn()]
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), *columns, console=console,
                  transient=True) as progress:
        task = progress.add_task(label, total=total)

        def update(done: int, description: str | None = None) -> None:
            progress.update(task, completed=min(done, total) if total else done,
                            **({"description": description} if description else {}))

        yield update
