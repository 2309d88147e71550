"""``Store``: the Python API of the event store.

    with Store("sqlite:///communique.db") as store:
        store.ingest_paths(["examples/"])
        for event in store.events(dyad="IND-KOR", since=date(2021, 1, 1)):
            ...
        frame = to_frame(store.timeline("IND", "KOR", by="month"))

Every method opens its own connection or transaction; a Store can be shared by the
functions of one process, not across processes (open one in each).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator

import sqlalchemy as sa

from ..errors import CommuniqueError, InputError
from ..nlp import DEFAULT_MODEL
from ..records import Article, Extraction
from . import engine as eng
from . import export, gold_export, queries, reviews, rows, views
from . import schema as s
from .errors import DatabaseUnavailable
from .ingest import DEFAULT_BATCH_SIZE, IngestSummary, article_key, ingest, skip_stored, split_origin
from .queries import EventFilter
from .results import (
    ActorSummary,
    DyadSummary,
    SearchHit,
    StoredEvent,
    StoredFailure,
    StoredQuote,
    TimelineRow,
)


class Store:
    """An event store at a database URL (``sqlite:///FILE``, a bare file path, or
    ``postgresql://user:password@host/db``).

    Opening checks the database and brings its schema to this version's (creating it in
    an empty database, migrating an older one). ``create=False`` opens it read-only, as the
    query commands want: a missing SQLite file, an empty database or an older schema is
    refused, and nothing is ever written (a SQLite connection refuses writes).
    """

    def __init__(self, url: str = eng.DEFAULT_URL, *, create: bool = True,
                 lock_timeout: float = eng.DEFAULT_LOCK_TIMEOUT) -> None:
        parsed = eng.normalise_url(url)
        if not create and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
                and not os.path.exists(parsed.database):
            raise DatabaseUnavailable(f"no database at {parsed.database}; "
                                      "run `communique ingest PATH` first (or pass --db URL)")
        self.engine = eng.create(url, lock_timeout=lock_timeout, read_only=not create)
        try:
            if create:
                self.revision_before, self.revision = eng.upgrade(self.engine)
            else:
                self.revision_before = self.revision = eng.check_current(self.engine)
        except BaseException:
            self.engine.dispose()
            raise

    @property
    def upgraded(self) -> bool:
        """Whether opening migrated an existing database to a newer schema."""
        return self.revision_before is not None and self.revision_before != self.revision

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------

    def ingest(self, items: Iterable[Extraction | CommuniqueError], *, batch_size: int = DEFAULT_BATCH_SIZE,
               progress: Callable[[IngestSummary], None] | None = None,
               summary: IngestSummary | None = None) -> IngestSummary:
        """Store extractions (errors among them are recorded as failures)."""
        return ingest(self.engine, items, batch_size=batch_size, progress=progress, summary=summary)

    def ingest_paths(self, paths: Iterable[str], *, published: dt.date | None = None,
                     model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE, workers: int | None = 1,
                     article_timeout: float | None = None, retry_failed: bool = False,
                     progress: Callable[[IngestSummary], None] | None = None,
                     summary: IngestSummary | None = None, input_format: str | None = None) -> IngestSummary:
        """Read, extract and store articles from files, directories, URLs or ``-``
        (``input_format`` says what standard input holds; see ``readers.read_stdin``).

        Articles already stored are skipped before parsing. ``workers`` processes (None: the
        cores available) each extract whole articles (``communique.runner``). With ``retry_failed`` the
        failures recorded by earlier runs are read again first; those that now succeed (or
        turn out to be stored already) leave the failures table.
        """
        from ..readers import read_inputs
        from ..runner import DEFAULT_ARTICLE_TIMEOUT, run_articles

        summary = summary or IngestSummary()
        retried = self.failures() if retry_failed else []
        items: Iterable[Article | CommuniqueError] = read_inputs(list(paths), published=published,
                                                                   input_format=input_format)
        if retried:
            items = _chain(_reread(retried, published), items)
        items = skip_stored(self.engine, items, summary, chunk=batch_size)
        stream = run_articles(items, workers=workers, model=model, chunk_size=batch_size,
                              article_timeout=article_timeout or DEFAULT_ARTICLE_TIMEOUT)
        self.ingest(stream, batch_size=batch_size, progress=progress, summary=summary)
        if retried:
            summary.resolved = self._forget_resolved(retried, summary)
        return summary

    def ingest_articles(self, items: Iterable[Article | CommuniqueError], *, model: str = DEFAULT_MODEL,
                        batch_size: int = DEFAULT_BATCH_SIZE) -> IngestSummary:
        """Extract and store articles already read (the HTTP API's ingest); stored ones are skipped."""
        from ..pipeline import extract_stream

        summary = IngestSummary()
        items = skip_stored(self.engine, items, summary, chunk=batch_size)
        return self.ingest(extract_stream(items, batch_size=batch_size, model=model), batch_size=batch_size,
                           summary=summary)

    def _forget_resolved(self, retried: list[StoredFailure], summary: IngestSummary) -> int:
        """Failures retried in this run that did not fail again are resolved: remove them."""
        again = {(f.path, f.line or 0) for f in summary.failures}
        gone = [(f.path, f.line or 0) for f in retried
                if (f.path, f.line or 0) not in again and _rereadable(f.path)]
        f = s.failures.c
        with eng.write_transaction(self.engine) as conn:
            for path, line in gone:
                conn.execute(s.failures.delete().where(f.path == path, f.line == line))
        return len(gone)

    # --- reading ---------------------------------------------------------------------------

    def events(self, *, dyad: str | None = None, actor: str | None = None, country: str | None = None,
               category: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
               text: str | None = None, limit: int | None = 50, reports: bool = False,
               min_confidence: float | None = None, aux: Iterable[str] | None = None,
               offset: int | None = None) -> list[StoredEvent]:
        """Canonical events, newest first (by event date, then report date; future and
        hypothetical ones last). ``dyad`` "IND-KOR" matches either direction and
        reciprocal events; ``actor`` is a case-insensitive part of an actor's name; ``text``
        a full-text query over the reporting articles; ``min_confidence`` leaves out events
        none of whose reports is that confident; ``aux`` keeps only those auxiliary modes
        ("none" for reported facts; None keeps all); ``offset`` skips rows (paging).
        ``reports`` attaches every mention."""
        f = EventFilter(dyad=dyad, actor=actor, country=country, category=category, since=since,
                        until=until, text=text, limit=limit, min_confidence=min_confidence,
                        aux=tuple(aux) if aux is not None else None, offset=offset)
        with eng.read_connection(self.engine) as conn:
            return queries.events(conn, f, reports=reports)

    def iter_events(self, filter: EventFilter, *, reports: bool = False) -> Iterator[StoredEvent]:
        with eng.read_connection(self.engine) as conn:
            yield from queries.iter_events(conn, filter, reports=reports)

    def timeline(self, first: str, second: str | None = None, *, by: str = "month",
                 since: dt.date | None = None, until: dt.date | None = None,
                 aux: Iterable[str] | None = None) -> list[TimelineRow]:
        with eng.read_connection(self.engine) as conn:
            return queries.timeline(conn, first, second, by=by, since=since, until=until,
                                    aux=tuple(aux) if aux is not None else None)

    def actors(self, *, country: str | None = None, name: str | None = None,
               limit: int | None = 50) -> list[ActorSummary]:
        with eng.read_connection(self.engine) as conn:
            return queries.actors(conn, country=country, name=name, limit=limit)

    def quotes(self, *, speaker: str | None = None, limit: int | None = 50) -> list[StoredQuote]:
        with eng.read_connection(self.engine) as conn:
            return queries.quotes(conn, speaker=speaker, limit=limit)

    def search(self, query: str, *, limit: int | None = 20) -> list[SearchHit]:
        with eng.read_connection(self.engine) as conn:
            return queries.search(conn, query, limit=limit)

    def dyads(self, *, limit: int | None = 10, aux: Iterable[str] | None = None) -> list[DyadSummary]:
        with eng.read_connection(self.engine) as conn:
            return queries.dyads(conn, limit=limit, aux=tuple(aux) if aux is not None else None)

    def failures(self) -> list[StoredFailure]:
        with eng.read_connection(self.engine) as conn:
            return queries.failures(conn)

    def clear_failures(self) -> int:
        """Forget every recorded failure (after fixing or giving up on them); returns how many."""
        with eng.write_transaction(self.engine) as conn:
            return conn.execute(s.failures.delete()).rowcount

    def counts(self) -> dict[str, int]:
        with eng.read_connection(self.engine) as conn:
            return queries.counts(conn)

    def extraction(self, article: str | Article) -> Extraction | None:
        """The stored Extraction of an article (given as an Article, its key, its URL or the
        id it was read with), rebuilt from the rows; None if it is not stored."""
        a = s.articles.c
        if isinstance(article, Article):
            condition = a.key == article_key(article)
        else:
            condition = sa.or_(a.key == article, a.external_id == article)
        with eng.read_connection(self.engine) as conn:
            found = conn.execute(sa.select(a.id).where(condition).order_by(a.id).limit(1)).scalar()
            return rows.load_extraction(conn, found) if found is not None else None

    def export(self, fmt: str, path: str, filter: EventFilter | None = None) -> int:
        """Write the events that match ``filter`` to ``path`` in ``fmt`` (``export.FORMATS``:
        csv, jsonl, parquet, gdelt, icews); returns the rows written."""
        from .export_queries import with_details

        f = filter or EventFilter()
        if fmt == "gold":
            return gold_export.write(self.reviewed_events(f), path)
        with eng.read_connection(self.engine) as conn:
            events = queries.iter_events(conn, f, reports=fmt == "jsonl")
            return export.write(with_details(conn, events), fmt, path)

    def export_rows(self, filter: EventFilter | None = None) -> list[dict]:
        """The flat export rows (``export_rows.FLAT_COLUMNS``) of the matching events, for
        a DataFrame: ``pandas.DataFrame(store.export_rows())``."""
        from .export_queries import with_details
        from .export_rows import event_row

        with eng.read_connection(self.engine) as conn:
            return [event_row(e, d) for e, d in with_details(conn, queries.iter_events(conn, filter or EventFilter()))]

    # --- the dashboard and reviews (views.py, reviews.py) ----------------------------------

    def event(self, event_id: int) -> StoredEvent | None:
        """One canonical event with every report, or None."""
        with eng.read_connection(self.engine) as conn:
            return views.event(conn, event_id)

    def events_by_ids(self, ids: list[int], *, reports: bool = False) -> list[StoredEvent]:
        with eng.read_connection(self.engine) as conn:
            return views.events_by_ids(conn, ids, reports=reports)

    def mention_articles(self, mention_ids: list[int]) -> dict[int, int]:
        with eng.read_connection(self.engine) as conn:
            return views.mention_articles(conn, mention_ids)

    def article_ids(self, keys: list[str]) -> dict[str, int]:
        with eng.read_connection(self.engine) as conn:
            return views.article_ids(conn, keys)

    def article(self, article_id: int) -> views.ArticleView | None:
        """A stored article (by database id) with all its records, or None."""
        with eng.read_connection(self.engine) as conn:
            return views.article(conn, article_id)

    def articles(self, *, limit: int = 50, offset: int = 0) -> list[views.ArticleSummary]:
        with eng.read_connection(self.engine) as conn:
            return views.articles(conn, limit=limit, offset=offset)

    def articles_needing_review(self, *, threshold: float = 0.6, limit: int = 10) -> list[views.ArticleSummary]:
        with eng.read_connection(self.engine) as conn:
            return views.articles_needing_review(conn, threshold=threshold, limit=limit)

    def network(self, filter: EventFilter | None = None, *, limit: int = 60) -> views.Network:
        with eng.read_connection(self.engine) as conn:
            return views.network(conn, filter or EventFilter(), limit=limit)

    def places(self, filter: EventFilter | None = None, *, limit: int = 400) -> list[dict]:
        with eng.read_connection(self.engine) as conn:
            return views.places(conn, filter or EventFilter(), limit=limit)

    def data_version(self) -> tuple[int, int]:
        with eng.read_connection(self.engine) as conn:
            return views.data_version(conn)

    def review(self, event_id: int, review: reviews.Review) -> int:
        """Store a review of an event (a new row; the event keeps the machine's values)."""
        with eng.write_transaction(self.engine) as conn:
            return reviews.add(conn, event_id, review)

    def review_history(self, event_id: int) -> list[dict]:
        with eng.read_connection(self.engine) as conn:
            return reviews.history(conn, event_id)

    def review_queue(self, *, category: str | None = None, dyad: str | None = None,
                     max_confidence: float | None = None, limit: int = 50, offset: int = 0) -> list[StoredEvent]:
        """Unreviewed events, least confident first."""
        with eng.read_connection(self.engine) as conn:
            ids = reviews.queue_ids(conn, category=category, dyad=dyad, max_confidence=max_confidence,
                                    limit=limit, offset=offset)
            return views.events_by_ids(conn, ids, reports=True)

    def review_counts(self) -> dict[str, int]:
        with eng.read_connection(self.engine) as conn:
            return reviews.counts(conn)

    def reviewed_events(self, filter: EventFilter | None = None) -> Iterator[StoredEvent]:
        """Every reviewed event (that matches ``filter``), with its reports."""
        f = filter or EventFilter()
        with eng.read_connection(self.engine) as conn:
            ids = reviews.reviewed_ids(conn)
            if any(getattr(f, name) is not None for name in f.__slots__):
                wanted = {e.id for e in queries.iter_events(conn, f)}
                ids = [i for i in ids if i in wanted]
            for start in range(0, len(ids), 500):
                yield from views.events_by_ids(conn, ids[start:start + 500], reports=True)


def _chain(*iterables):
    for it in iterables:
        yield from it


def _rereadable(path: str) -> bool:
    return path.startswith(("http://", "https://")) or os.path.exists(path)


def _reread(failed: list[StoredFailure], published: dt.date | None) -> Iterator[Article | CommuniqueError]:
    """The inputs behind recorded failures, read again: a whole file, or the failed lines of one."""
    from ..readers import read_path

    by_path: dict[str, set[int]] = {}
    for f in failed:
        by_path.setdefault(f.path, set()).add(f.line or 0)
    for path, lines in by_path.items():
        if not _rereadable(path):
            continue  # gone, stdin, or not a file: the failure stays on record
        for item in read_path(path):
            if isinstance(item, Article):
                line = split_origin(item.origin or "")[1] or 0
            elif isinstance(item, InputError):
                line = item.line or 0
            else:
                line = 0
            if 0 in lines or line in lines:
                if published is not None and isinstance(item, Article):
                    item.published = published
                yield item
