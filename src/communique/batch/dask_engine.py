"""The batch engine on a dask.distributed cluster: the same per-article work as the local
runner (``runner.work.extract_articles``), one task per chunk of articles.

Each worker loads the pipeline once, when it starts, through ``PipelinePlugin`` (and the
cached ``load_pipeline`` keeps it for every task after). The client reads the input and
keeps a bounded window of chunks in flight, yielding results in input order. A worker that
dies is Dask's to handle: its tasks are run again elsewhere. A chunk that kills workers
until Dask gives up on it (``KilledWorker``) is done again one article per task, and an
article alone that still kills its worker is a failure naming it.

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
from ..runner import available_cores
from ..runner.work import Result, chunks, extract_articles, from_wire, origin, to_wire


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


def extract_chunk(articles: list[Article], model: str, batch_size: int) -> list[Any]:
    """A Dask task: the results of a chunk, ready to travel back."""
    return [to_wire(r) for r in extract_articles(articles, model, batch_size)]


def run_on_dask(items: Iterable[Article | CommuniqueError], *, model: str, scheduler: str | None = None,
                workers: int | None = None, chunk_size: int = 32, client: Client | None = None) -> Iterator[Result]:
    """One result per item, in input order, computed on the cluster at ``scheduler`` (or on
    a LocalCluster of ``workers`` processes started for this run)."""
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
        for chunk in chunks(items, chunk_size):
            in_flight.append((_submit(client, chunk, model, chunk_size), chunk))
            while len(in_flight) >= window:
                yield from _collect(client, *in_flight.popleft(), model)
        while in_flight:
            yield from _collect(client, *in_flight.popleft(), model)
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


def _submit(client: Client, chunk: list, model: str, chunk_size: int) -> Any:
    articles = [a for a in chunk if isinstance(a, Article)]
    return client.submit(extract_chunk, articles, model, chunk_size, pure=False) if articles else None


def _collect(client: Client, future: Any, chunk: list, model: str) -> Iterator[Result]:
    from distributed import KilledWorker

    articles = [a for a in chunk if isinstance(a, Article)]
    if future is None:
        wired: list[Any] = []
    else:
        try:
            wired = future.result()
        except KilledWorker:
            wired = list(_one_by_one(client, articles, model))
    results = iter(from_wire(w, a) for w, a in zip(wired, articles))
    for item in chunk:
        yield next(results) if isinstance(item, Article) else item


def _one_by_one(client: Client, articles: list[Article], model: str) -> Iterator[Any]:
    from distributed import KilledWorker

    futures = [client.submit(extract_chunk, [a], model, 1, pure=False) for a in articles]
    for future, article in zip(futures, articles):
        try:
            yield future.result()[0]
        except KilledWorker:
            yield to_wire(ExtractionError(origin(article), "the Dask workers running this article died "
                                                           "each time; the run went on without it"))
