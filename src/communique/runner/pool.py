"""Many articles on every core: worker processes that each load the pipeline once.

The parent reads the input, hands chunks of articles to idle workers, and yields one result
per input item in input order (``work.chunks`` cuts the input as every engine does). At most ``3 × workers × chunk`` items are between reading
and yielding, so memory stays flat on any input size.

One rule for what goes wrong in a worker: when a worker dies or goes past the article time
limit without a result, it is killed and replaced; the article it was on is a failure if it
was alone in its chunk (or the chunk's last), and otherwise the chunk's unfinished articles
are done again one per task, so only the article that kills or stalls a worker fails.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.connection import Connection, wait

from ..errors import CommuniqueError, ExtractionError, ModelError
from ..records import Article
from .work import Result, Work, chunks, extract_articles, from_wire, origin, to_wire

DEFAULT_ARTICLE_TIMEOUT = 60.0
_WARM_UP = "Chile and Peru signed a trade accord in Lima on Monday, the ministry said."
# A worker that exits before it is ready this many times in a row means workers cannot start.
_MAX_START_FAILURES = 3


def available_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def run_articles(items: Iterable[Article | CommuniqueError], *, workers: int | None = None,
                 model: str, chunk_size: int = 32, article_timeout: float = DEFAULT_ARTICLE_TIMEOUT,
                 work: Work = extract_articles, pool_from: int | None = None) -> Iterator[Result]:
    """One result per item, in input order: an Extraction, or the error naming the input.

    ``workers`` 1 runs in this process. With more, inputs of fewer than ``pool_from``
    items (default: one chunk per worker) also run here: starting a worker costs a
    pipeline load, more than such an input takes.
    """
    workers = workers or available_cores()
    iterator = iter(items)
    if workers > 1:
        head = list(islice(iterator, workers * chunk_size if pool_from is None else pool_from))
        iterator = chain(head, iterator)
        if len(head) >= (pool_from if pool_from is not None else workers * chunk_size):
            yield from _Pool(workers, model, chunk_size, article_timeout, work).run(iterator)
            return
    for chunk in chunks(iterator, chunk_size):
        yield from work(chunk, model, chunk_size)


@dataclass(slots=True)
class _Task:
    items: list[tuple[int, Article]]  # (position in the input, article)
    alone: bool = False  # redone one article per task after its chunk's worker was lost


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, model: str, batch_size: int, work: Work) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, model, batch_size, work), daemon=True,
                                   name="communique-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.task: _Task | None = None
        self.done = 0  # results received for the current task
        self.since = 0.0  # when the worker last showed progress on its task

    def stop(self, now: bool) -> None:
        if not now:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _serve(conn: Connection, model: str, batch_size: int, work: Work) -> None:
    """A worker's life: load the pipeline, then extract each task sent, one result at a time."""
    # Ctrl-C reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from ..nlp import load_pipeline

        load_pipeline(model)
        # The first extraction in a process builds the gazetteer index and loads the lexicons
        # (seconds, more on a busy machine): done before any article's time limit starts.
        list(extract_articles([Article(text=_WARM_UP)], model, 1))
    except Exception as exc:  # noqa: BLE001 - told to the parent, which stops the run
        conn.send(("fatal", isinstance(exc, CommuniqueError), str(exc) or type(exc).__name__))
        return
    conn.send(("ready",))
    while True:
        try:
            articles = conn.recv()
        except EOFError:
            return
        if articles is None:
            return
        for result in work(articles, model, batch_size):
            conn.send(("result", to_wire(result)))


class _Pool:
    def __init__(self, workers: int, model: str, chunk_size: int, article_timeout: float, work: Work) -> None:
        self.ctx = mp.get_context("spawn")
        self.spec = (model, chunk_size, work)
        self.chunk_size = chunk_size
        self.timeout = article_timeout
        self.workers = [self._start() for _ in range(workers)]
        self.waiting: deque[_Task] = deque()
        self.results: dict[int, Result] = {}
        self.start_failures = 0

    def _start(self) -> _Worker:
        return _Worker(self.ctx, *self.spec)

    def run(self, items: Iterator[Article | CommuniqueError]) -> Iterator[Result]:
        chunked = chunks(items, self.chunk_size)
        n_in = n_out = 0
        exhausted = False
        limit = 3 * len(self.workers) * self.chunk_size
        clean = False
        try:
            while True:
                while not exhausted and len(self.waiting) < 2 * len(self.workers) and n_in - n_out < limit:
                    chunk = next(chunked, None)
                    if chunk is None:
                        exhausted = True
                        break
                    task = _Task([])
                    for item in chunk:
                        if isinstance(item, Article):
                            task.items.append((n_in, item))
                        else:
                            self.results[n_in] = item
                        n_in += 1
                    if task.items:
                        self.waiting.append(task)
                self._dispatch()
                while n_out in self.results:
                    yield self.results.pop(n_out)
                    n_out += 1
                if exhausted and n_out == n_in:
                    clean = True
                    return
                self._wait()
        finally:
            for w in self.workers:
                w.stop(now=not clean)

    def _dispatch(self) -> None:
        for w in self.workers:
            if w.ready and w.task is None and self.waiting:
                w.task, w.done, w.since = self.waiting.popleft(), 0, time.monotonic()
                try:
                    w.conn.send([a for _, a in w.task.items])
                except OSError:
                    pass  # it died: its sentinel tells, and the task is redone

    def _wait(self) -> None:
        busy = [w.since + self.timeout for w in self.workers if w.task is not None]
        timeout = max(0.0, min(busy) - time.monotonic()) if busy else None
        by_handle = {}
        for w in self.workers:
            by_handle[w.conn] = by_handle[w.process.sentinel] = w
        for handle in wait(list(by_handle), timeout):
            w = by_handle[handle]
            if w not in self.workers:
                continue  # replaced earlier in this loop
            try:
                while w.conn.poll():
                    self._receive(w, w.conn.recv())
            except (EOFError, OSError):
                pass
            if not w.process.is_alive():
                w.process.join()
                self._lose(w, f"the worker process died (exit status {w.process.exitcode}) while "
                              "extracting this article; the run went on without it")
        now = time.monotonic()
        for w in list(self.workers):
            if w.task is not None and now - w.since > self.timeout:
                self._lose(w, f"took longer than the article time limit ({self.timeout:g} s; "
                              "--article-timeout); the run went on without it")

    def _receive(self, w: _Worker, message: tuple) -> None:
        if message[0] == "ready":
            w.ready = True
            self.start_failures = 0
        elif message[0] == "fatal":
            _, is_user_error, text = message
            raise (ModelError(text) if is_user_error else RuntimeError(f"a worker process failed: {text}"))
        else:
            assert w.task is not None, "a result from a worker without a task"
            seq, article = w.task.items[w.done]
            self.results[seq] = from_wire(message[1], article)
            w.done += 1
            w.since = time.monotonic()
            if w.done == len(w.task.items):
                w.task = None

    def _lose(self, w: _Worker, why: str) -> None:
        """Replace a worker that died or stalled, and settle the articles it held."""
        task, was_ready = w.task, w.ready
        w.stop(now=True)
        self.workers[self.workers.index(w)] = self._start()
        if task is None:
            if not was_ready:
                self.start_failures += 1
                if self.start_failures >= _MAX_START_FAILURES:
                    raise RuntimeError("worker processes exit before they are ready; run with --workers 1 "
                                       "to see why")
            return
        rest = task.items[w.done:]
        if task.alone or len(rest) == 1:
            seq, article = rest.pop(0)
            self.results[seq] = ExtractionError(origin(article), why)
        self.waiting.extendleft(_Task([pair], alone=True) for pair in reversed(rest))
