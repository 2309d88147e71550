"""The batch engine on a dask.distributed cluster: the same per-article work as the local
runner (``runner.work.extract_articles``), one task per chunk of articles.

Each worker loads the pipeline once, when it starts, through ``PipelinePlugin`` (and the
cached ``load_pipeline`` keeps it for every task after). The client reads the input and
keeps a bounded window of chunks in flight, yielding results in input order. A worker that
dies is Dask's to handle: its tasks are run again elsewhere. A chunk that kills workers
until Dask gives up on it (``KilledWorker``), or that runs past the article time limit
(its worker is then restarted, since Dask cannot stop a running task), is done again one
article per task, and an article alone that still kills or stalls its worker is a failure
naming it.

Workers should run one thread each (``dask worker --nthreads 1``): a spaCy pipeline is
not shared between threads here, and processes are what use the cores.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import CommuniqueError, ExtractionError
from ..records import Article
from ..runner import DEFAULT_ARTICLE_TIMEOUT, available_cores
from ..runner.work import Result, Work, chunks, extract_articles, from_wire, origin, to_wire


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline in each worker as it joins the cluster."""

    name = "communique-pipeline"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        from ..nlp import load_pipeline

        load_pipeline(self.model)
        # The first extraction builds the gazetteer index and loads the lexicons: once, here.
        list(extract_articles([Article(text="Chile and Peru signed a trade accord in Lima on Monday.")],
                              self.model, 1))


def extract_chunk(articles: list[Article], model: str, batch_size: int, work: Work = extract_articles) -> list[Any]:
    """A Dask task: the results of a chunk, ready to travel back."""
    return [to_wire(r) for r in work(articles, model, batch_size)]


def run_on_dask(items: Iterable[Article | CommuniqueError], *, model: str, scheduler: str | None = None,
                workers: int | None = None, chunk_size: int = 32, client: Client | None = None,
                article_timeout: float = DEFAULT_ARTICLE_TIMEOUT, work: Work = extract_articles) -> Iterator[Result]:
    """One result per item, in input order, computed on the cluster at ``scheduler`` (or on
    a LocalCluster of ``workers`` processes started for this run).

    A chunk gets ``article_timeout`` seconds per article, counted from when the client
    starts waiting for it (the tasks before it are done by then, so it is running or next).
    """
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            import dask

            # No dashboard to show them: the statistical profiler's samples of every task's
            # stack (every 10 ms) would cost some 5 % of the workers' CPU for nothing.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                cluster = LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                                       processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    try:
        client.register_plugin(PipelinePlugin(model))
        window = 3 * max(1, len(client.scheduler_info()["workers"]))
        in_flight: deque[tuple[Any, list]] = deque()
        task = _Tasks(client, model, chunk_size, article_timeout, work)
        for chunk in chunks(items, chunk_size):
            in_flight.append((task.submit(chunk), chunk))
            while len(in_flight) >= window:
                yield from task.collect(*in_flight.popleft())
        while in_flight:
            yield from task.collect(*in_flight.popleft())
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


class _Tasks:
    """Submitting chunks and collecting their results, with what to do when one fails."""

    def __init__(self, client: Client, model: str, chunk_size: int, timeout: float, work: Work) -> None:
        self.client, self.model, self.chunk_size, self.timeout, self.work = client, model, chunk_size, timeout, work

    def submit(self, chunk: list) -> Any:
        articles = [a for a in chunk if isinstance(a, Article)]
        return self.client.submit(extract_chunk, articles, self.model, self.chunk_size, self.work,
                                  pure=False) if articles else None

    def collect(self, future: Any, chunk: list) -> Iterator[Result]:
        from distributed import KilledWorker

        articles = [a for a in chunk if isinstance(a, Article)]
        wired: list[Any] | None = []
        if future is not None:
            try:
                wired = self._result(future, len(articles))
            except KilledWorker:
                wired = None
            if wired is None:
                wired = list(self._one_by_one(articles)) if len(articles) > 1 else \
                    [to_wire(ExtractionError(origin(articles[0]), self._too_long()))]
        results = iter(from_wire(w, a) for w, a in zip(wired, articles))
        for item in chunk:
            yield next(results) if isinstance(item, Article) else item

    def _result(self, future: Any, n: int) -> list[Any] | None:
        """The task's results, or None when it ran past its time (its worker is restarted)."""
        try:
            return future.result(timeout=self.timeout * n)
        except TimeoutError:
            self._stop(future)
            return None

    def _stop(self, future: Any) -> None:
        # A running task cannot be cancelled inside its worker: restarting the worker process
        # (through its nanny) is what frees the core.
        key = future.key
        holders = [addr for addr, keys in self.client.processing().items() if key in keys]
        future.cancel()
        if holders:
            self.client.restart_workers(holders, raise_for_error=False)

    def _too_long(self) -> str:
        return f"took longer than the article time limit ({self.timeout:g} s; --article-timeout); " \
               "the run went on without it"

    def _one_by_one(self, articles: list[Article]) -> Iterator[Any]:
        from distributed import KilledWorker

        futures = [self.client.submit(extract_chunk, [a], self.model, 1, self.work, pure=False) for a in articles]
        for future, article in zip(futures, articles):
            try:
                wired, why = self._result(future, 1), self._too_long()
            except KilledWorker:
                wired = None
                why = "the Dask workers running this article died each time; the run went on without it"
            yield wired[0] if wired is not None else to_wire(ExtractionError(origin(article), why))
