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
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import operator
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import Connection, Engine

from ..errors import CommuniqueError, InputError
from ..records import Article, Extraction, text_hash
from . import dedup, rows, schema as s
from .engine import read_connection, write_transaction

DEFAULT_BATCH_SIZE = 64
# Terms per candidate query: SQLite refuses an OR of about a thousand (expression depth).
_QUERY_CHUNK = 100

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
    # bad input may well carry into its path or its reason.
    return text.replace("\x00", "\\x00")


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


@dataclass(slots=True)
class _Member:
    """What an event's summary needs of one of its mentions."""

    mention_id: int | None
    article_id: int
    article_key: str
    published: dt.date | None
    source: str | None
    local_id: str
    date: str | None
    date_precision: str | None
    confidence: float
    mode: str | None
    score: float | None
    place: tuple[str | None, str | None, float | None, float | None]  # name, country, lat, lon


def _allocate_ids(conn: Connection, table: sa.Table, n: int) -> list[int]:
    """Ids for n new rows. Only ingest writes these tables, and it holds the ingest lock, so
    on SQLite the next ids are simply past the largest; PostgreSQL hands out its sequence's."""
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        return list(conn.exec_driver_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, {n})").scalars())
    start = conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar_one() + 1
    return list(range(start, start + n))


def _insert_ids(conn: Connection, table: sa.Table, values: list[dict[str, Any]]) -> list[int]:
    ids = _allocate_ids(conn, table, len(values))
    for row, new_id in zip(values, ids):
        row["id"] = new_id
    _insert(conn, table, values)
    return ids


def _insert(conn: Connection, table: sa.Table, values: list[dict[str, Any]]) -> None:
    """executemany straight to the driver: SQLAlchemy's per-row statement handling costs more
    than the insert itself at tens of thousands of rows a second. Values still go through the
    columns' own type processors (JSON, dates, booleans), so rows read back as usual."""
    if not values:
        return
    names = list(values[0])
    processors = [(i, p) for i, p in enumerate(_processors(conn.dialect, table, tuple(names))) if p]
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(n) for n in names)
    sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join([mark] * len(names))})"
    getter = operator.itemgetter(*names)
    rows = [getter(v) for v in values] if len(names) > 1 else [(v[names[0]],) for v in values]
    if processors:
        fixed = []
        for row in rows:
            row = list(row)
            for i, p in processors:
                if row[i] is not None:
                    row[i] = p(row[i])
            fixed.append(tuple(row))
        rows = fixed
    conn.exec_driver_sql(sql, rows)


_PROCESSORS: dict[tuple, list] = {}


def _json(value: Any) -> str:
    # Most contexts and "also" lists are short or empty; this is what sa.JSON would store.
    return json.dumps(value) if value else "[]"


def _processors(dialect: sa.Dialect, table: sa.Table, names: tuple[str, ...]) -> list:
    key = (dialect.name, table.name, names)
    if key not in _PROCESSORS:
        _PROCESSORS[key] = [_json if isinstance(table.c[n].type, sa.JSON)
                            else table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
    return _PROCESSORS[key]


def write_batch(conn: Connection, batch: list[Extraction], now: dt.datetime) -> _BatchResult:
    """Store a batch of extractions on a connection inside a write transaction."""
    result = _BatchResult()
    keyed: list[tuple[str, Extraction]] = []
    wanted = {article_key(ex.article) for ex in batch}
    stored = set(conn.execute(sa.select(s.articles.c.key).where(s.articles.c.key.in_(wanted))).scalars()) \
        if wanted else set()
    for ex in batch:
        key = article_key(ex.article)
        if key in stored:
            result.skipped += 1
            continue
        stored.add(key)
        keyed.append((key, ex))
    if not keyed:
        return result

    article_ids = _insert_ids(conn, s.articles, [rows.article_row(ex.article, key, now) for key, ex in keyed])
    result.articles = len(article_ids)

    actor_rows, actor_refs = [], []
    for article_id, (_, ex) in zip(article_ids, keyed):
        for a in ex.actors:
            actor_rows.append(rows.actor_row(article_id, a))
            actor_refs.append((article_id, a))
    actor_ids = _insert_ids(conn, s.actors, actor_rows)
    actor_id: dict[tuple[int, str], int] = {}
    country: dict[tuple[int, str], str | None] = {}
    mention_values = []
    for db_id, (article_id, a) in zip(actor_ids, actor_refs):
        actor_id[article_id, a.id] = db_id
        country[article_id, a.id] = a.country
        mention_values += [{"actor_id": db_id, "start": m.start, "end": m.end, "text": m.text}
                           for m in a.mentions]
    _insert(conn, s.actor_mentions, mention_values)

    place_rows, place_refs = [], []
    for article_id, (_, ex) in zip(article_ids, keyed):
        for p in ex.places:
            place_rows.append(rows.place_row(article_id, p))
            place_refs.append(p)
    place_ids = _insert_ids(conn, s.places, place_rows)
    _insert(conn, s.place_mentions, [{"place_id": pid, "start": m.start, "end": m.end, "text": m.text}
                                     for pid, p in zip(place_ids, place_refs) for m in p.mentions])
    _insert(conn, s.times, [rows.time_row(article_id, t)
                            for article_id, (_, ex) in zip(article_ids, keyed) for t in ex.times])

    mention_ids, new_events = _write_events(conn, keyed, article_ids, actor_id, country)
    result.mentions = len(mention_ids)
    result.events_new = new_events

    quote_rows = []
    for article_id, (_, ex) in zip(article_ids, keyed):
        for q in ex.quotes:
            speaker = actor_id[article_id, q.speaker] if q.speaker is not None else None
            mention = mention_ids[article_id, q.event] if q.event is not None else None
            quote_rows.append(rows.quote_row(article_id, speaker, mention, q))
    _insert(conn, s.quotes, quote_rows)

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


def _natural(local_id: str) -> tuple[str, int]:
    m = re.fullmatch(r"(\D*)(\d+)", local_id)
    return (m.group(1), int(m.group(2))) if m else (local_id, 0)


def _source_label(source: str | None, url: str | None) -> str | None:
    if source:
        return source
    return urlsplit(url).hostname if url else None


def _write_events(conn: Connection, keyed: list[tuple[str, Extraction]], article_ids: list[int],
                  actor_id: dict[tuple[int, str], int], country: dict[tuple[int, str], str | None]
                  ) -> tuple[dict[tuple[int, str], int], int]:
    """Group the batch's event mentions with the stored events, then write mentions,
    new events, merges and the events' summaries. Returns mention ids by (article, local id)."""
    pending = []  # (key, member, event, article_id)
    for article_id, (akey, ex) in zip(article_ids, keyed):
        src_label = _source_label(ex.article.source, ex.article.url)
        for e in ex.events:
            mk = dedup.mention_key(
                category=e.category, aux=e.aux,
                source=[country[article_id, a] for a in e.source],
                target=[country[article_id, a] for a in e.target],
                reciprocal=e.reciprocal, date=e.date, date_precision=e.date_precision,
                place_country=e.place.country if e.place else None)
            place = (e.place.name, e.place.country, e.place.lat, e.place.lon) if e.place else (None,) * 4
            member = _Member(None, article_id, akey, ex.article.published, src_label, e.id, e.date,
                             e.date_precision, e.confidence, e.mode, e.score, place)
            pending.append((mk, member, e, article_id))
    if not pending:
        return {}, 0

    grouper = dedup.Grouper(_candidates(conn, [p[0] for p in pending]))
    # A fixed order within the batch, so the batch's own grouping does not depend on input order.
    order = sorted(range(len(pending)), key=lambda i: (
        pending[i][0].dates or (0, 0, 9), pending[i][1].article_key, _natural(pending[i][1].local_id)))
    assigned: dict[int, dedup.Cluster] = {}
    for i in order:
        assigned[i] = grouper.assign(pending[i][0], pending[i][1])

    # Stored events merged away: their mentions move to the survivor, then they go.
    stored_touched = {c.root().db_id for c in assigned.values() if c.root().db_id is not None}
    for loser in grouper.merged:
        if loser.db_id is None:
            continue
        survivor = loser.root()
        if survivor.db_id is not None:
            stored_touched.add(survivor.db_id)
        _delete_events(conn, [loser.db_id], move_to=survivor.db_id)
    # Mention ids first, so a new event is written once, lead mention included. Stored
    # events are never merged into new ones (Cluster.order), so every new survivor is new here.
    for (mk, member, e, article_id), mid in zip(pending, _allocate_ids(conn, s.event_mentions, len(pending))):
        member.mention_id = mid
    new_clusters = [c for c in grouper.new if c.merged_into is None]
    summaries = [_summary(c.members) for c in new_clusters]
    event_rows = [_event_row(c, sm) | {"lead_mention_id": sm["lead"].mention_id}
                  for c, sm in zip(new_clusters, summaries)]
    for c, db_id in zip(new_clusters, _insert_ids(conn, s.events, event_rows)):
        c.db_id = db_id

    mention_rows = []
    mention_ids: dict[tuple[int, str], int] = {}
    link_rows = []
    for i, (mk, member, e, article_id) in enumerate(pending):
        mid = member.mention_id
        mention_rows.append(rows.mention_row(article_id, assigned[i].root().db_id, e) | {"id": mid})
        mention_ids[article_id, e.id] = mid
        link_rows += [{"mention_id": mid, "role": "source", "position": n, "actor_id": actor_id[article_id, a]}
                      for n, a in enumerate(e.source)]
        link_rows += [{"mention_id": mid, "role": "target", "position": n, "actor_id": actor_id[article_id, a]}
                      for n, a in enumerate(e.target)]
    _insert(conn, s.event_mentions, mention_rows)
    _insert(conn, s.event_mention_actors, link_rows)

    ev = s.events.c
    derived = [(c, sm["lead"].score) for c, sm in zip(new_clusters, summaries)]

    # Stored events that gained mentions (or absorbed others): summarise all their mentions again.
    stored_roots = sorted({c.root().db_id: c.root() for c in assigned.values()
                           if c.root().db_id in stored_touched}.values(), key=lambda c: c.db_id)
    if stored_roots:
        members = _stored_members(conn, [c.db_id for c in stored_roots])
        updates = []
        for c in stored_roots:
            sm = _summary(members[c.db_id])
            row = _event_row(c, sm) | {"lead_mention_id": sm["lead"].mention_id}
            updates.append({"_id": c.db_id, **{"v_" + k: v for k, v in row.items()}})
            derived.append((c, sm["lead"].score))
        values = {k[2:]: sa.bindparam(k) for k in updates[0] if k != "_id"}
        conn.execute(s.events.update().where(ev.id == sa.bindparam("_id")).values(**values), updates)
        _delete_derived(conn, [c.db_id for c in stored_roots])
    _write_derived(conn, derived)
    return mention_ids, len(new_clusters)


def _candidates(conn: Connection, keys: list[dedup.MentionKey]) -> list[dedup.Cluster]:
    """Stored events that a mention of the batch could join: same bucket, dates within reach."""
    # Date ranges per bucket, merged where they nearly touch: one range for a whole bucket
    # would read a busy dyad's every event whenever a batch spans years.
    margin = dedup.WINDOW_DAYS + dedup.MAX_SPAN_DAYS
    dates: dict[tuple[str, tuple[str, ...]], list[tuple[int, int]]] = {}
    for k in keys:
        if k.groupable:
            dates.setdefault(dedup.bucket_of(k), []).append(k.dates[:2])  # type: ignore[index]
    ranges: list[tuple[tuple[str, tuple[str, ...]], tuple[int, int]]] = []
    for bucket, spans in dates.items():
        spans.sort()
        lo, hi = spans[0]
        for a, b in spans[1:]:
            if a > hi + 2 * margin:
                ranges.append((bucket, (lo, hi)))
                lo, hi = a, b
            else:
                hi = max(hi, b)
        ranges.append((bucket, (lo, hi)))
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    # Day-precision events span at most MAX_SPAN_DAYS, so their start day bounds the index
    # range on both sides; the rarer coarse events (a month, a year) are looked up apart.
    fine = f"(category = {mark} AND participants = {mark} AND date_precision = 'day' AND day BETWEEN {mark} AND {mark})"
    coarse = (f"(category = {mark} AND participants = {mark} AND date_precision IN ('week', 'month', 'year', "
              f"'decade') AND day <= {mark} AND day_end >= {mark})")
    found: dict[int, dedup.Cluster] = {}
    items = ranges
    for start in range(0, len(items), _QUERY_CHUNK):
        chunk = items[start:start + _QUERY_CHUNK]
        # Plain SQL: building this OR of a few hundred terms as expressions costs more than running it.
        sql = ("SELECT id, category, aux, participants, source_countries, target_countries, reciprocal, "
               "place_country, day, day_end, date_precision FROM events WHERE "
               + " OR ".join([fine, coarse] * len(chunk)))
        params = tuple(v for (cat, parts), (lo, hi) in chunk
                       for v in (cat, " ".join(parts), lo - margin, hi + margin, cat, " ".join(parts), hi, lo))
        for r in conn.exec_driver_sql(sql, params):
            direction = None if r.reciprocal else (tuple(r.source_countries.split()),
                                                   tuple(r.target_countries.split()))
            # A coarse event can answer two ranges of one bucket: keep it once.
            found[r.id] = dedup.Cluster(r.category, r.aux, tuple(r.participants.split()), direction,
                                        r.place_country, r.day, r.day_end,
                                        dedup.PRECISION_RANK.get(r.date_precision or "", 9), db_id=r.id)
    return [found[i] for i in sorted(found)]


def _lead_key(m: _Member) -> tuple:
    # The mention that speaks for an event: the most precise date, the most confident, the
    # earliest report; then fixed tie-breaks on content, never on storage order.
    rank = dedup.PRECISION_RANK.get(m.date_precision or "", 9)
    published = m.published.toordinal() if m.published else 10**7
    return (rank, -m.confidence, published, m.article_key, _natural(m.local_id))


def _lead(members: list[_Member]) -> _Member:
    return min(members, key=_lead_key)


def _summary(members: list[_Member]) -> dict[str, Any]:
    if len(members) == 1:  # most events have one report: nothing to order or count
        m = members[0]
        return {"lead": m, "place": m.place, "mentions": 1, "articles": 1, "sources": 1 if m.source else 0}
    ordered = sorted(members, key=_lead_key)
    lead = ordered[0]
    place = next((m.place for m in ordered if m.place[0] is not None), (None,) * 4)
    return {"lead": lead, "place": place, "mentions": len(members),
            "articles": len({m.article_id for m in members}),
            "sources": len({m.source for m in members if m.source})}


def _event_row(c: dedup.Cluster, summary: dict[str, Any]) -> dict[str, Any]:
    lead: _Member = summary["lead"]
    src, tgt = c.direction if c.direction is not None else (c.participants, ())
    dated = c.rank < 9
    name, place_country, lat, lon = summary["place"]
    return {"category": c.category, "participants": " ".join(c.participants),
            "source_countries": " ".join(src), "target_countries": " ".join(tgt),
            "reciprocal": c.direction is None, "aux": c.aux, "date": lead.date,
            "date_precision": lead.date_precision, "day": c.lo if dated else None,
            "day_end": c.hi if dated else None, "mode": lead.mode, "score": lead.score,
            "place_name": name, "place_country": place_country, "lat": lat, "lon": lon,
            "num_mentions": summary["mentions"], "num_articles": summary["articles"],
            "num_sources": summary["sources"]}


def _stored_members(conn: Connection, event_ids: list[int]) -> dict[int, list[_Member]]:
    m, a = s.event_mentions.c, s.articles.c
    out: dict[int, list[_Member]] = {i: [] for i in event_ids}
    query = (sa.select(m.id, m.event_id, m.article_id, a.key, a.published, a.source, a.url, m.local_id,
                       m.date, m.date_precision, m.confidence, m.mode, m.score, m.place_name,
                       m.place_country, m.lat, m.lon)
             .join_from(s.event_mentions, s.articles, m.article_id == a.id)
             .where(m.event_id.in_(event_ids)))
    for r in conn.execute(query):
        out[r.event_id].append(_Member(r.id, r.article_id, r.key, rows._published(r.published),
                                       _source_label(r.source, r.url), r.local_id, r.date,
                                       r.date_precision, r.confidence, r.mode, r.score,
                                       (r.place_name, r.place_country, r.lat, r.lon)))
    return out


def _derived_rows(c: dedup.Cluster, category: str, score: float | None
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    day = c.lo if c.rank < 9 else 0
    if c.direction is not None:
        src, tgt = c.direction
        pairs = {(x, y) if x <= y else (y, x) for x in src for y in tgt}
        sides = {x: "source" for x in src}
        for y in tgt:
            sides[y] = "both" if y in sides else "target"
    else:
        parts = c.participants
        pairs = {tuple(sorted(p)) for p in itertools.combinations(parts, 2)} or \
            ({(parts[0], parts[0])} if parts else set())
        sides = {x: "both" for x in parts}
    dyads = [{"a": a, "b": b, "day": day, "event_id": c.db_id, "category": category, "score": score}
             for a, b in sorted(pairs)]
    countries = [{"country": x, "day": day, "event_id": c.db_id, "side": side, "category": category,
                  "score": score} for x, side in sorted(sides.items())]
    return dyads, countries


def _write_derived(conn: Connection, clusters: list[tuple[dedup.Cluster, float | None]]) -> None:
    dyads, countries = [], []
    for c, score in clusters:
        d, k = _derived_rows(c, c.category, score)
        dyads += d
        countries += k
    _insert(conn, s.event_dyads, dyads)
    _insert(conn, s.event_countries, countries)


def _delete_derived(conn: Connection, event_ids: list[int]) -> None:
    conn.execute(s.event_dyads.delete().where(s.event_dyads.c.event_id.in_(event_ids)))
    conn.execute(s.event_countries.delete().where(s.event_countries.c.event_id.in_(event_ids)))


def _delete_events(conn: Connection, event_ids: list[int], *, move_to: int | None) -> None:
    if move_to is not None:
        conn.execute(s.event_mentions.update().where(s.event_mentions.c.event_id.in_(event_ids))
                     .values(event_id=move_to))
    _delete_derived(conn, event_ids)
    conn.execute(s.events.delete().where(s.events.c.id.in_(event_ids)))
