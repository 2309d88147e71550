"""Canonical events: a batch's event mentions grouped with the stored events, and written.

``write_events`` is the second half of ``ingest.write_batch``. The batch's articles and
actors are stored by then; this groups the event mentions (the rule is ``dedup``'s) with
the stored events they could join, then writes the mentions and their actors, the new
events, the merges of stored events, fresh summaries of the stored events that changed,
and the derived dyad and country rows of every event written.

This is the hot path of a bulk ingest (every mention passes here), so rows are built as
tuples in the column orders below and written with one executemany per table and batch
(``bulk.insert``); the stored candidates are read with one range query per hundred
(bucket, dates) ranges of the batch.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import Extraction
from . import bulk, dedup, rows, schema as s
from .bulk import Codecs

# Columns of the tuples written below; events and event_mentions rows start with their id.
EVENT_COLUMNS = ("category", "participants", "source_countries", "target_countries", "reciprocal", "aux",
                 "date", "date_precision", "day", "day_end", "mode", "score", "place_name", "place_country",
                 "lat", "lon", "num_mentions", "num_articles", "num_sources", "lead_mention_id", "confidence")
LINK_COLUMNS = ("mention_id", "role", "position", "actor_id")
DYAD_COLUMNS = ("a", "b", "day", "event_id", "category", "score")
COUNTRY_COLUMNS = ("country", "day", "event_id", "side", "category", "score")

# Ranges per candidate query: six parameters each, within the 999 of older SQLite builds.
_QUERY_CHUNK = 150

_NO_PLACE = (None, None, None, None)
_UNDATED = (0, 0, 9)


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


@functools.lru_cache(maxsize=4096)
def _natural(local_id: str) -> tuple[str, int]:
    """("e", 12) from "e12": local ids in their natural order (e2 before e10)."""
    m = re.fullmatch(r"(\D*)(\d+)", local_id)
    return (m.group(1), int(m.group(2))) if m else (local_id, 0)


def _source_label(source: str | None, url: str | None) -> str | None:
    if source:
        return source
    return urlsplit(url).hostname if url else None


def write_events(conn: Connection, keyed: list[tuple[str, Extraction]], article_ids: list[int],
                 actor_ids: list[dict[str, int]]) -> tuple[dict[tuple[int, str], int], int]:
    """Group the batch's event mentions with the stored events, then write mentions, new
    events, merges and the events' summaries. ``actor_ids`` maps each article's local actor
    ids to stored ids. Returns mention ids by (article id, local id), and the new events."""
    codecs = Codecs.of(conn.dialect)
    keys: list[dedup.MentionKey] = []
    members: list[_Member] = []
    records = []  # (article id, its actor ids, Event), parallel to keys and members
    for article_id, (akey, ex), ids in zip(article_ids, keyed, actor_ids):
        country = {a.id: a.country for a in ex.actors}
        label = _source_label(ex.article.source, ex.article.url)
        published = ex.article.published
        for e in ex.events:
            place = e.place
            keys.append(dedup.mention_key(
                category=e.category, aux=e.aux, source=[country[a] for a in e.source],
                target=[country[a] for a in e.target], reciprocal=e.reciprocal, date=e.date,
                date_precision=e.date_precision, place_country=place.country if place else None))
            members.append(_Member(None, article_id, akey, published, label, e.id, e.date, e.date_precision,
                                  e.confidence, e.mode, e.score,
                                  (place.name, place.country, place.lat, place.lon) if place else _NO_PLACE))
            records.append((article_id, ids, e))
    if not keys:
        return {}, 0

    grouper = dedup.Grouper(_candidates(conn, keys))
    # A fixed order within the batch, so the batch's own grouping does not depend on input order.
    order = sorted(range(len(keys)), key=lambda i: (
        keys[i].dates or _UNDATED, members[i].article_key, _natural(members[i].local_id)))
    assigned: list[dedup.Cluster] = [None] * len(keys)  # type: ignore[list-item]
    for i in order:
        assigned[i] = grouper.assign(keys[i], members[i])
    roots = [c.root() for c in assigned]

    # Stored events merged away: their mentions move to the survivor, then they go.
    stored_touched = {c.db_id for c in roots if c.db_id is not None}
    for loser in grouper.merged:
        if loser.db_id is None:
            continue
        survivor = loser.root()
        if survivor.db_id is not None:
            stored_touched.add(survivor.db_id)
        _delete_events(conn, [loser.db_id], move_to=survivor.db_id)
    # Mention ids first, so a new event is written once, lead mention included. Stored
    # events are never merged into new ones (Cluster.order), so every new survivor is new here.
    mention_ids = bulk.allocate_ids(conn, s.event_mentions, len(members))
    for member, mid in zip(members, mention_ids):
        member.mention_id = mid
    new_clusters = [c for c in grouper.new if c.merged_into is None]
    event_ids = bulk.allocate_ids(conn, s.events, len(new_clusters))
    event_rows, derived = [], []
    for c, event_id in zip(new_clusters, event_ids):
        c.db_id = event_id
        summary = _summary(c.members)
        event_rows.append((event_id, *_event_values(c, summary, codecs)))
        derived.append((c, summary[0].score))
    bulk.insert(conn, s.events, ("id", *EVENT_COLUMNS), event_rows)

    mention_rows, links = [], []
    by_local: dict[tuple[int, str], int] = {}
    for (article_id, ids, e), mid, root in zip(records, mention_ids, roots):
        mention_rows.append(rows.mention_row(mid, article_id, root.db_id, e, codecs))
        by_local[article_id, e.id] = mid
        links += [(mid, "source", n, ids[a]) for n, a in enumerate(e.source)]
        links += [(mid, "target", n, ids[a]) for n, a in enumerate(e.target)]
    bulk.insert(conn, s.event_mentions, rows.MENTION_COLUMNS, mention_rows)
    bulk.insert(conn, s.event_mention_actors, LINK_COLUMNS, links)

    # Stored events that gained mentions (or absorbed others): summarise all their mentions again.
    stored_roots = sorted({c.db_id: c for c in roots if c.db_id in stored_touched}.values(),
                          key=lambda c: c.db_id)
    if stored_roots:
        members_of = _stored_members(conn, [c.db_id for c in stored_roots])
        updates = []
        for c in stored_roots:
            summary = _summary(members_of[c.db_id])
            updates.append((*_event_values(c, summary, codecs), c.db_id))
            derived.append((c, summary[0].score))
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        assignments = ", ".join(f"{conn.dialect.identifier_preparer.quote(n)} = {mark}" for n in EVENT_COLUMNS)
        conn.exec_driver_sql(f"UPDATE events SET {assignments} WHERE id = {mark}", updates)
        _delete_derived(conn, [c.db_id for c in stored_roots])
    _write_derived(conn, derived)
    return by_local, len(new_clusters)


def _candidates(conn: Connection, keys: list[dedup.MentionKey]) -> list[dedup.Cluster]:
    """Stored events that a mention of the batch could join: same bucket, dates within reach.

    Only these matter: a stored event takes part in the batch's grouping (joined, merged)
    only through a mention it fits as stored. A day-precision event (first day ``day``, at
    most MAX_SPAN_DAYS long) fits a mention of days lo..hi only if ``day`` lies within
    lo - MAX_SPAN_DAYS .. hi + WINDOW_DAYS: a day-precision mention (lo == hi) must be
    within WINDOW_DAYS of it with both spanning at most MAX_SPAN_DAYS, a coarser one must
    overlap it (``dedup._dates_fit``).
    """
    before, after = dedup.MAX_SPAN_DAYS, dedup.WINDOW_DAYS
    # Those windows of the mentions, per bucket, merged where they overlap or touch: one
    # range for a whole bucket would read a busy dyad's every event whenever a batch spans years.
    dates: dict[tuple[str, tuple[str, ...]], list[tuple[int, int]]] = {}
    for k in keys:
        if k.groupable:
            dates.setdefault((k.category, k.participants), []).append(k.dates[:2])  # type: ignore[index]
    ranges: list[tuple[str, str, int, int]] = []  # category, participants, first day, last day
    for (category, participants), spans in dates.items():
        parts = " ".join(participants)
        spans.sort()
        lo, hi = spans[0]
        for a, b in spans[1:]:
            if a - before > hi + after + 1:
                ranges.append((category, parts, lo, hi))
                lo, hi = a, b
            else:
                hi = max(hi, b)
        ranges.append((category, parts, lo, hi))
    # One query per _QUERY_CHUNK ranges: the ranges as a VALUES list joined to the events
    # through the bucket index, one index range per range (CROSS JOIN keeps SQLite from
    # scanning the events first). Day-precision events are found by their first day (the
    # windows above); the rarer coarse events (a week, a month, a year) by overlap with the
    # mentions' own dates, the test that applies to them. An OR of the ranges instead costs
    # SQLite a test of every row found against the whole OR: three times as slow.
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    columns = ("e.id, e.category, e.aux, e.participants, e.source_countries, e.target_countries, "
               "e.reciprocal, e.place_country, e.day, e.day_end, e.date_precision")
    same_bucket = "FROM r CROSS JOIN events e WHERE e.category = r.category AND e.participants = r.participants"
    found: dict[int, dedup.Cluster] = {}
    rank = dedup.PRECISION_RANK
    words: dict[str, tuple[str, ...]] = {}  # "CHN USA" -> ("CHN", "USA"), once per batch

    def split(text: str) -> tuple[str, ...]:
        if text not in words:
            words[text] = tuple(text.split())
        return words[text]

    for start in range(0, len(ranges), _QUERY_CHUNK):
        chunk = ranges[start:start + _QUERY_CHUNK]
        values = ", ".join([f"({', '.join([mark] * 6)})"] * len(chunk))
        sql = (f"WITH r (category, participants, day_from, day_to, lo, hi) AS (VALUES {values}) "
               f"SELECT {columns} {same_bucket} AND e.date_precision = 'day' AND e.day BETWEEN r.day_from AND r.day_to "
               f"UNION ALL SELECT {columns} {same_bucket} "
               "AND e.date_precision IN ('week', 'month', 'year', 'decade') AND e.day <= r.hi AND e.day_end >= r.lo")
        params = tuple(v for cat, parts, lo, hi in chunk for v in (cat, parts, lo - before, hi + after, lo, hi))
        for (id_, category, aux, participants, source, target, reciprocal, place, day, day_end,
             precision) in conn.exec_driver_sql(sql, params):
            direction = None if reciprocal else (split(source), split(target))
            # A coarse event can answer two ranges of one bucket: keep it once.
            found[id_] = dedup.Cluster(category, aux, split(participants), direction, place, day, day_end,
                                       rank.get(precision or "", 9), db_id=id_)
    return [found[i] for i in sorted(found)]


def _lead_key(m: _Member) -> tuple:
    # The mention that speaks for an event: the most precise date, the most confident, the
    # earliest report; then fixed tie-breaks on content, never on storage order.
    rank = dedup.PRECISION_RANK.get(m.date_precision or "", 9)
    published = m.published.toordinal() if m.published else 10**7
    return (rank, -m.confidence, published, m.article_key, _natural(m.local_id))


def _summary(members: list[_Member]) -> tuple[_Member, tuple, int, int, int, float]:
    """(lead mention, place, mentions, articles, sources, best confidence) of an event's mentions."""
    if len(members) == 1:  # most events have one report: nothing to order or count
        m = members[0]
        return m, m.place, 1, 1, 1 if m.source else 0, m.confidence
    ordered = sorted(members, key=_lead_key)
    place = next((m.place for m in ordered if m.place[0] is not None), _NO_PLACE)
    return (ordered[0], place, len(members), len({m.article_id for m in members}),
            len({m.source for m in members if m.source}), max(m.confidence for m in members))


def _event_values(c: dedup.Cluster, summary: tuple, codecs: Codecs) -> tuple:
    """An event's row in EVENT_COLUMNS order."""
    lead, (name, place_country, lat, lon), mentions, articles, sources, confidence = summary
    src, tgt = c.direction if c.direction is not None else (c.participants, ())
    dated = c.rank < 9
    return (c.category, " ".join(c.participants), " ".join(src), " ".join(tgt),
            codecs.boolean(c.direction is None), c.aux, lead.date, lead.date_precision,
            c.lo if dated else None, c.hi if dated else None, lead.mode, lead.score,
            name, place_country, lat, lon, mentions, articles, sources, lead.mention_id, confidence)


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


def _derived_rows(c: dedup.Cluster, score: float | None, dyads: list[tuple], countries: list[tuple]) -> None:
    """Append an event's rows of event_dyads (each country pair, a <= b) and event_countries
    (each country and its side), both sorted."""
    day = c.lo if c.rank < 9 else 0
    event_id, category = c.db_id, c.category
    if c.direction is not None:
        src, tgt = c.direction
        if len(src) == 1 and len(tgt) == 1:  # most events: one country acting on another
            x, y = src[0], tgt[0]
            if x == y:
                dyads.append((x, x, day, event_id, category, score))
                countries.append((x, day, event_id, "both", category, score))
                return
            lo, hi = (x, y) if x < y else (y, x)
            dyads.append((lo, hi, day, event_id, category, score))
            countries.append((lo, day, event_id, "source" if lo == x else "target", category, score))
            countries.append((hi, day, event_id, "source" if hi == x else "target", category, score))
            return
        pairs = {(x, y) if x <= y else (y, x) for x in src for y in tgt}
        sides = {x: "source" for x in src}
        for y in tgt:
            sides[y] = "both" if y in sides else "target"
    else:
        parts = c.participants
        pairs = {tuple(sorted(p)) for p in itertools.combinations(parts, 2)} or \
            ({(parts[0], parts[0])} if parts else set())
        sides = {x: "both" for x in parts}
    dyads += [(a, b, day, event_id, category, score) for a, b in sorted(pairs)]
    countries += [(x, day, event_id, side, category, score) for x, side in sorted(sides.items())]


def _write_derived(conn: Connection, clusters: list[tuple[dedup.Cluster, float | None]]) -> None:
    dyads: list[tuple] = []
    countries: list[tuple] = []
    for c, score in clusters:
        _derived_rows(c, score, dyads, countries)
    bulk.insert(conn, s.event_dyads, DYAD_COLUMNS, dyads)
    bulk.insert(conn, s.event_countries, COUNTRY_COLUMNS, countries)


def _delete_derived(conn: Connection, event_ids: list[int]) -> None:
    conn.execute(s.event_dyads.delete().where(s.event_dyads.c.event_id.in_(event_ids)))
    conn.execute(s.event_countries.delete().where(s.event_countries.c.event_id.in_(event_ids)))


def _delete_events(conn: Connection, event_ids: list[int], *, move_to: int | None) -> None:
    if move_to is not None:
        conn.execute(s.event_mentions.update().where(s.event_mentions.c.event_id.in_(event_ids))
                     .values(event_id=move_to))
    _delete_derived(conn, event_ids)
    conn.execute(s.events.delete().where(s.events.c.id.in_(event_ids)))
