"""Writing extractions into the store: identity, batches, dedup, failures.

- An article's identity (``article_key``) is its URL, else a hash of its normalised text,
  whatever id a JSONL file gave it: the same story read from a text file and from a
  JSONL line is one article. Its given id is kept as ``external_id``.
- Articles already stored are skipped before they are parsed, so a second run costs a
  read of the inputs, and an interrupted run resumes where it stopped.
- Each batch is one transaction holding the ingest lock; a row the database refuses
  sends the batch through again one article per transaction, so only that article fails.
- Failures (file, line, reason) go to the ``failures`` table and leave it once a later
  run or ``retry_failed`` stores the article.

A batch's articles and per-article records are written here; its event mentions, grouped
with the stored events, in ``canonical.py``; both through ``bulk.py``'s executemany.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Connection, Engine

from ..errors import CommuniqueError, InputError
from ..records import Article, Extraction, text_hash, valid_unicode
from . import bulk, canonical, rows, schema as s
from .engine import read_connection, write_transaction

DEFAULT_BATCH_SIZE = 64

__all__ = ["DEFAULT_BATCH_SIZE", "Failure", "IngestSummary", "article_key", "ingest", "skip_stored"]


def article_key(article: Article) -> str:
    """The store's identity of an article: its URL, else ``text:`` + hash of its normalised text."""
    url = (article.url or "").strip()
    return url if url else "text:" + text_hash(article.text)


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    line: int | None
    stage: str  # "read", "extract" or "store"
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class IngestSummary:
    articles_new: int = 0
    articles_skipped: int = 0
    articles_failed: int = 0
    event_mentions: int = 0
    events_new: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    # Failures of earlier runs retried and now resolved (stored, or already stored).
    resolved: int = 0
    # Items taken from the stream so far (extractions and errors), counted as each arrives,
    # before its batch commits: what a progress display shows per article.
    processed: int = 0

    @property
    def seen(self) -> int:
        return self.articles_new + self.articles_skipped + self.articles_failed


def split_origin(origin: str) -> tuple[str, int | None]:
    """("file.jsonl", 12) from "file.jsonl:12"; a URL or plain path has no line."""
    if "://" not in origin:
        path, sep, line = origin.rpartition(":")
        if sep and path and line.isdigit():
            return path, int(line)
    return origin, None


def failure_of(error: CommuniqueError) -> Failure:
    if isinstance(error, InputError):
        return Failure(error.path, error.line, "read", error.reason)
    path, line = split_origin(str(getattr(error, "path", "") or "<unknown>"))
    reason = str(getattr(error, "reason", None) or error)
    return Failure(path, line, "extract", reason)


def _store_failure(article: Article, reason: str) -> Failure:
    path, line = split_origin(article.origin or article.id)
    return Failure(path, line, "store", reason)


# --- skipping what is stored -------------------------------------------------------------


def skip_stored(engine: Engine, items: Iterable[Article | CommuniqueError], summary: IngestSummary,
                *, chunk: int = DEFAULT_BATCH_SIZE) -> Iterator[Article | CommuniqueError]:
    """The items minus articles already stored or already seen in this run, counted as
    skipped: they are never parsed. Errors pass through in their place."""
    seen: set[str] = set()
    iterator = iter(items)
    while True:
        block = list(itertools.islice(iterator, chunk))
        if not block:
            return
        keys = {article_key(a) for a in block if isinstance(a, Article)}
        stored = _stored_keys(engine, keys)
        for item in block:
            if isinstance(item, Article):
                key = article_key(item)
                if key in stored or key in seen:
                    summary.articles_skipped += 1
                    continue
                seen.add(key)
            yield item


def _stored_keys(engine: Engine, keys: set[str]) -> set[str]:
    if not keys:
        return set()
    with read_connection(engine) as conn:
        return set(conn.execute(sa.select(s.articles.c.key).where(s.articles.c.key.in_(keys))).scalars())


# --- the ingest loop ---------------------------------------------------------------------


def ingest(engine: Engine, items: Iterable[Extraction | CommuniqueError], *,
           batch_size: int = DEFAULT_BATCH_SIZE, summary: IngestSummary | None = None,
           progress: Callable[[IngestSummary], None] | None = None) -> IngestSummary:
    """Store extractions (and record the errors among them) in transactions of
    ``batch_size`` articles. ``summary`` is filled as batches commit, so a caller that is
    interrupted still knows what was stored."""
    summary = summary or IngestSummary()
    started = time.perf_counter()
    batch: list[Extraction] = []
    errors: list[Failure] = []
    try:
        for item in items:
            summary.processed += 1
            if isinstance(item, Extraction):
                batch.append(item)
            else:
                errors.append(failure_of(item))
            if len(batch) >= batch_size or len(errors) >= batch_size:
                _flush(engine, batch, errors, summary)
                batch, errors = [], []
            if progress is not None:
                progress(summary)
        _flush(engine, batch, errors, summary)
    finally:
        summary.seconds += time.perf_counter() - started
    if progress is not None:
        progress(summary)
    return summary


# Errors that mean "the database refused these rows", as opposed to "the database is gone".
_REFUSED = (exc.IntegrityError, exc.DataError, exc.StatementError)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a batch is written.

    A batch keeps some ten container objects per event mention alive until it commits (keys,
    clusters, members, rows): hundreds of thousands at the benchmark's batch size. The
    collector runs a full pass each time long-lived objects grow by a quarter, so it would
    walk them again and again: a tenth of bulk ingest time for nothing, as they all stay
    alive until the batch ends. Reference counting still frees everything as usual; only
    cycles wait for the collector, which is back (if it was on) when the batch is written.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _flush(engine: Engine, batch: list[Extraction], errors: list[Failure], summary: IngestSummary) -> None:
    if not batch and not errors:
        return
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    valid: list[Extraction] = []
    for ex in batch:
        problem = rows.validate(ex)
        if problem:
            errors.append(_store_failure(ex.article, f"inconsistent extraction: {problem}"))
        else:
            valid.append(ex)
    with _collector_paused():
        try:
            with write_transaction(engine) as conn:
                result = write_batch(conn, valid, now)
                _record_failures(conn, errors, now)
        except _REFUSED:
            # Find the article the database refused by storing them one at a time.
            result = _BatchResult()
            for ex in valid:
                try:
                    with write_transaction(engine) as conn:
                        result.add(write_batch(conn, [ex], now))
                except _REFUSED as err:
                    reason = str(getattr(err, "orig", None) or err).splitlines()[0]
                    errors.append(_store_failure(ex.article, f"the database refused the article: {reason}"))
            with write_transaction(engine) as conn:
                _record_failures(conn, errors, now)
    summary.articles_new += result.articles
    summary.articles_skipped += result.skipped
    summary.event_mentions += result.mentions
    summary.events_new += result.events_new
    summary.articles_failed += sum(1 for f in errors)
    summary.failures.extend(errors)


def _printable(text: str) -> str:
    # A failure record must always be storable: PostgreSQL refuses NUL characters, which a
    # bad input may well carry into its path or its reason, and neither database takes the
    # lone surrogates of a file name that is not UTF-8.
    return valid_unicode(text.replace("\x00", "\\x00"))


def _record_failures(conn: Connection, failures: list[Failure], now: dt.datetime) -> None:
    f = s.failures.c
    for failure in failures:
        failure = Failure(_printable(failure.path), failure.line, failure.stage, _printable(failure.reason))
        line = failure.line or 0
        updated = conn.execute(
            s.failures.update().where(f.path == failure.path, f.line == line)
            .values(stage=failure.stage, reason=failure.reason, attempts=f.attempts + 1, last_seen=now))
        if updated.rowcount == 0:
            conn.execute(s.failures.insert().values(path=failure.path, line=line, stage=failure.stage,
                                                    reason=failure.reason, attempts=1, first_seen=now,
                                                    last_seen=now))


# --- one batch ---------------------------------------------------------------------------


@dataclass(slots=True)
class _BatchResult:
    articles: int = 0
    skipped: int = 0
    mentions: int = 0
    events_new: int = 0

    def add(self, other: "_BatchResult") -> None:
        self.articles += other.articles
        self.skipped += other.skipped
        self.mentions += other.mentions
        self.events_new += other.events_new


def write_batch(conn: Connection, batch: list[Extraction], now: dt.datetime) -> _BatchResult:
    """Store a batch of extractions on a connection inside a write transaction."""
    result = _BatchResult()
    keyed: list[tuple[str, Extraction]] = []
    keys = [article_key(ex.article) for ex in batch]  # once: a text's hash is not free
    wanted = set(keys)
    stored = set(conn.execute(sa.select(s.articles.c.key).where(s.articles.c.key.in_(wanted))).scalars()) \
        if wanted else set()
    for key, ex in zip(keys, batch):
        if key in stored:
            result.skipped += 1
            continue
        stored.add(key)
        keyed.append((key, ex))
    if not keyed:
        return result

    article_ids = bulk.insert_ids(conn, s.articles, [rows.article_row(ex.article, key, now) for key, ex in keyed])
    result.articles = len(article_ids)

    # Actors through rows.actor_row (dicts, few per article); actor_ids maps each article's
    # local actor ids ("a1") to their stored ids, for events and quotes.
    actor_rows = [rows.actor_row(article_id, a) for article_id, (_, ex) in zip(article_ids, keyed)
                  for a in ex.actors]
    stored_ids = iter(bulk.insert_ids(conn, s.actors, actor_rows))
    actor_ids: list[dict[str, int]] = []
    mention_values = []
    for _, ex in keyed:
        ids = {}
        for a, db_id in zip(ex.actors, stored_ids):
            ids[a.id] = db_id
            mention_values += [{"actor_id": db_id, "start": m.start, "end": m.end, "text": m.text}
                               for m in a.mentions]
        actor_ids.append(ids)
    bulk.insert_dicts(conn, s.actor_mentions, mention_values)

    place_refs = [p for _, ex in keyed for p in ex.places]
    place_ids = bulk.insert_ids(conn, s.places, [rows.place_row(article_id, p)
                                                 for article_id, (_, ex) in zip(article_ids, keyed)
                                                 for p in ex.places])
    bulk.insert_dicts(conn, s.place_mentions, [{"place_id": pid, "start": m.start, "end": m.end, "text": m.text}
                                               for pid, p in zip(place_ids, place_refs) for m in p.mentions])
    bulk.insert_dicts(conn, s.times, [rows.time_row(article_id, t)
                                      for article_id, (_, ex) in zip(article_ids, keyed) for t in ex.times])
    bulk.insert_dicts(conn, s.entities, [rows.entity_row(article_id, e)
                                         for article_id, (_, ex) in zip(article_ids, keyed) for e in ex.entities])

    mention_ids, new_events = canonical.write_events(conn, keyed, article_ids, actor_ids)
    result.mentions = len(mention_ids)
    result.events_new = new_events

    quote_rows = []
    for article_id, (_, ex), ids in zip(article_ids, keyed, actor_ids):
        for q in ex.quotes:
            speaker = ids[q.speaker] if q.speaker is not None else None
            mention = mention_ids[article_id, q.event] if q.event is not None else None
            quote_rows.append(rows.quote_row(article_id, speaker, mention, q))
    bulk.insert_dicts(conn, s.quotes, quote_rows)

    _resolve_failures(conn, [ex.article for _, ex in keyed])
    return result


def _resolve_failures(conn: Connection, articles: list[Article]) -> None:
    """An article stored now is no longer a failure of an earlier run."""
    f = s.failures.c
    recorded = {(path, line) for path, line in conn.execute(sa.select(f.path, f.line))}
    if not recorded:
        return
    for a in articles:
        path, line = split_origin(a.origin or a.id)
        if (path, line or 0) in recorded:
            conn.execute(s.failures.delete().where(f.path == path, f.line == (line or 0)))
