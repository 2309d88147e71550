"""Reads for the dashboard and the HTTP API: one event or article with everything about
it, the country network, events by place, lists of articles, the review queue.

Beside ``queries.py`` and built from it (its event query and row mapping), so the CLI,
the API and the pages share one query layer. Events carry their reviewed value
(``reviews.overlay``), and the network and places count it, as timelines do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import Extraction
from . import queries, reviews, rows
from . import schema as s
from .results import StoredEvent


@dataclass(slots=True)
class ArticleView:
    """A stored article's records, and for each of its event mentions the canonical event."""

    id: int
    key: str
    extraction: Extraction
    event_ids: dict[str, int]  # local event id ("e3") -> canonical event id
    ingested_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "key": self.key, "ingested_at": self.ingested_at.isoformat(timespec="seconds"),
                "event_ids": self.event_ids, **self.extraction.to_dict()}


@dataclass(slots=True)
class ArticleSummary:
    id: int
    key: str
    title: str | None
    published: dt.date | None
    source: str | None
    url: str | None
    events: int
    low_confidence: int = 0  # unreviewed events below the review threshold
    lead: str | None = None  # the standfirst, else the first words: a label when there is no title

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v)
                for k, v in ((f, getattr(self, f)) for f in self.__slots__)}


@dataclass(slots=True)
class Network:
    nodes: list[dict[str, Any]] = field(default_factory=list)  # {"country", "events"}
    edges: list[dict[str, Any]] = field(default_factory=list)  # {"a", "b", "events", "mean_score"}

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "edges": self.edges}


def lead_report(event: StoredEvent):
    """The report an event's trigger and evidence come from (its lead mention), else its first."""
    for report in event.reports:
        if report.trigger["text"] == event.trigger:
            return report
    return event.reports[0] if event.reports else None


def events_by_ids(conn: Connection, ids: list[int], *, reports: bool = False) -> list[StoredEvent]:
    """Canonical events in the order of ``ids`` (unknown ids are left out)."""
    if not ids:
        return []
    q = queries._event_query(conn, queries.EventFilter()).where(s.events.c.id.in_(ids))
    found = {e.id: e for e in (queries._event(r) for r in conn.execute(q))}
    out = [found[i] for i in ids if i in found]
    reviews.overlay(conn, out)
    if reports:
        queries.attach_reports(conn, out)
    return out


def event(conn: Connection, event_id: int) -> StoredEvent | None:
    found = events_by_ids(conn, [event_id], reports=True)
    return found[0] if found else None


def mention_articles(conn: Connection, mention_ids: list[int]) -> dict[int, int]:
    """Event mention id -> the database id of its article (for links to /articles/{id})."""
    m = s.event_mentions.c
    if not mention_ids:
        return {}
    return dict(conn.execute(sa.select(m.id, m.article_id).where(m.id.in_(mention_ids))).all())


def article_ids(conn: Connection, keys: list[str]) -> dict[str, int]:
    """Article key -> database id (for links from search hits to /articles/{id})."""
    a = s.articles.c
    return dict(conn.execute(sa.select(a.key, a.id).where(a.key.in_(keys))).all()) if keys else {}


def article(conn: Connection, article_id: int) -> ArticleView | None:
    a, m = s.articles.c, s.event_mentions.c
    row = conn.execute(sa.select(a.id, a.key, a.ingested_at).where(a.id == article_id)).first()
    if row is None:
        return None
    ex = rows.load_extraction(conn, article_id)
    links = dict(conn.execute(sa.select(m.local_id, m.event_id).where(m.article_id == article_id)).all())
    return ArticleView(row.id, row.key, ex, links, row.ingested_at)


def articles(conn: Connection, *, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
    """Stored articles, newest publication first."""
    a, m = s.articles.c, s.event_mentions.c
    n_events = sa.select(sa.func.count(sa.distinct(m.event_id))).where(m.article_id == a.id).scalar_subquery()
    q = (sa.select(a.id, a.key, a.title, a.published, a.source, a.url, n_events, _lead())
         .order_by(a.published.desc().nulls_last(), a.id.desc()).limit(limit).offset(offset))
    return [ArticleSummary(*r[:7], lead=_words(r[7])) for r in conn.execute(q)]


def _lead() -> sa.ColumnElement:
    a = s.articles.c
    return sa.func.coalesce(a.summary, sa.func.substr(a.text, 1, 160))


def _words(text: str | None, n: int = 14) -> str | None:
    words = (text or "").split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "") if words else None


def articles_needing_review(conn: Connection, *, threshold: float = 0.6, limit: int = 10) -> list[ArticleSummary]:
    """Articles whose lead reports are behind the least confident unreviewed events."""
    ids = reviews.queue_ids(conn, max_confidence=threshold, limit=500)
    if not ids:
        return []
    e, lead, a = s.events.c, s.event_mentions.alias("lead"), s.articles.c
    q = (sa.select(a.id, a.key, a.title, a.published, a.source, a.url, sa.func.count(), sa.func.max(_lead()))
         .select_from(s.events.join(lead, lead.c.id == e.lead_mention_id).join(s.articles, a.id == lead.c.article_id))
         .where(e.id.in_(ids)).group_by(a.id, a.key, a.title, a.published, a.source, a.url)
         .order_by(sa.func.count().desc(), a.id).limit(limit))
    return [ArticleSummary(*r[:7], low_confidence=r[6], lead=_words(r[7])) for r in conn.execute(q)]


def _dyad_filters(f: queries.EventFilter) -> list[sa.ColumnElement]:
    d = s.event_dyads.c
    where = []
    if f.since:
        where.append(d.day >= f.since.toordinal())
    if f.until:
        where.append(d.day <= f.until.toordinal())
        where.append(d.day > 0)
    categories = queries.parse_categories(f.category)
    if categories:
        where.append(d.category.in_(categories))
    return where


def network(conn: Connection, f: queries.EventFilter, *, limit: int = 60) -> Network:
    """The busiest country pairs (edges: event volume and mean score) and their countries,
    reviewed events counted as reviewed."""
    d = s.event_dyads.c
    n = sa.func.count().label("n")
    # A few more than asked for: reviews may move a pair in or out of the top.
    q = (sa.select(d.a, d.b, n, sa.func.sum(d.score), sa.func.count(d.score)).where(*_dyad_filters(f))
         .group_by(d.a, d.b).order_by(n.desc(), d.a, d.b).limit(limit + 20))
    edges = {(a, b): [count, total or 0.0, scored] for a, b, count, total, scored in conn.execute(q)}
    for pair, score, sign in _pair_changes(conn, f):
        edge = edges.setdefault(pair, [0, 0.0, 0])
        edge[0] += sign
        if score is not None:
            edge[1] += sign * score
            edge[2] += sign
    top = sorted(((k, v) for k, v in edges.items() if v[0] > 0), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    net = Network()
    volume: dict[str, int] = {}
    for (a, b), (count, total, scored) in top:
        net.edges.append({"a": a, "b": b, "events": count, "mean_score": round(total / scored, 2) if scored else None})
        for c in (a, b):
            volume[c] = volume.get(c, 0) + count
    net.nodes = [{"country": c, "events": v} for c, v in sorted(volume.items(), key=lambda kv: (-kv[1], kv[0]))]
    return net


def _pair_changes(conn: Connection, f: queries.EventFilter) -> list[tuple[tuple[str, str], float | None, int]]:
    """(pair, score, +1 or -1) that turn the machine's pair counts into reviewed ones."""
    ids = reviews.reviewed_ids(conn)
    if not ids:
        return []
    d = s.event_dyads.c
    out: list[tuple[tuple[str, str], float | None, int]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for a, b, score in conn.execute(sa.select(d.a, d.b, d.score).where(d.event_id.in_(chunk), *_dyad_filters(f))):
            out.append(((a, b), score, -1))
    e_ = s.events.c
    machine_days = {i: day for start in range(0, len(ids), 500)
                    for i, day in conn.execute(sa.select(e_.id, e_.day).where(e_.id.in_(ids[start:start + 500])))}
    categories = set(queries.parse_categories(f.category))
    for e in events_by_ids(conn, ids):
        if e.review["status"] == "rejected" or (categories and e.category not in categories):
            continue
        day = reviews.reviewed_day(e, machine_days.get(e.id))
        if (f.since and (not day or day < f.since.toordinal())) or (f.until and (not day or day > f.until.toordinal())):
            continue
        out += [(pair, e.score, +1) for pair in reviews.pairs_of(e.source, e.target, e.reciprocal)]
    return out


def places(conn: Connection, f: queries.EventFilter, *, limit: int = 400) -> list[dict[str, Any]]:
    """Places with coordinates and the number of events there, busiest first; reviewed
    events as reviewed (a corrected place has no coordinates, so it leaves the map)."""
    e = s.events.c
    n = sa.func.count().label("n")
    categories = queries.parse_categories(f.category)
    country = queries.parse_country(f.country) if f.country else None
    q = (sa.select(e.place_name, e.place_country, e.lat, e.lon, n, sa.func.sum(e.score), sa.func.count(e.score))
         .where(e.lat.is_not(None), e.lon.is_not(None)))
    if f.since:
        q = q.where(e.day >= f.since.toordinal())
    if f.until:
        q = q.where(e.day <= f.until.toordinal())
    if categories:
        q = q.where(e.category.in_(categories))
    if country:
        q = q.where(e.place_country == country)
    q = q.group_by(e.place_name, e.place_country, e.lat, e.lon).order_by(n.desc(), e.place_name).limit(limit + 20)
    found = {tuple(r[:4]): [r[4], r[5] or 0.0, r[6]] for r in conn.execute(q)}
    ids = reviews.reviewed_ids(conn)
    for start in range(0, len(ids), 500):
        machine = {x.id: x for x in conn.execute(sa.select(s.events).where(e.id.in_(ids[start:start + 500])))}
        for ev in events_by_ids(conn, list(machine)):
            m = machine[ev.id]
            for sign, (key, category, day, score) in ((-1, ((m.place_name, m.place_country, m.lat, m.lon),
                                                            m.category, m.day, m.score)),
                                                      (+1, ((ev.place, ev.place_country, ev.lat, ev.lon), ev.category,
                                                            reviews.reviewed_day(ev, m.day), ev.score))):
                if sign > 0 and ev.review["status"] == "rejected":
                    continue
                if key[2] is None or key[3] is None or (categories and category not in categories) \
                        or (country and key[1] != country) or (f.since and (day or 0) < f.since.toordinal()) \
                        or (f.until and (day or 0) > f.until.toordinal()):
                    continue
                row = found.setdefault(key, [0, 0.0, 0])
                row[0] += sign
                if score is not None:
                    row[1] += sign * score
                    row[2] += sign
    top = sorted(((k, v) for k, v in found.items() if v[0] > 0), key=lambda kv: (-kv[1][0], kv[0][0] or ""))[:limit]
    return [{"name": k[0], "country": k[1], "lat": k[2], "lon": k[3], "events": v[0],
             "mean_score": round(v[1] / v[2], 2) if v[2] else None} for k, v in top]


def data_version(conn: Connection) -> tuple[int, int]:
    """Changes whenever events or reviews are added: a key for caching aggregates."""
    top = lambda t: conn.execute(sa.select(sa.func.max(t.c.id))).scalar() or 0  # noqa: E731
    return top(s.events), top(s.reviews)
