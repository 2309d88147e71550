"""Reading the store: events with filters, timelines, actors, quotes, full-text search.

Dyad and country filters go through ``event_dyads`` and ``event_countries``, whose
primary keys start with the countries and the day, so on a million events they are range
scans. Full-text search is FTS5 on SQLite and a tsvector with a GIN index on PostgreSQL;
the same query language works on both (see ``fts5_query``).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..ontology import lexicon
from ..records import AuxMode
from ..ontology.countrycodes import UnknownCountry, resolve_country
from . import reviews, schema as s
from .errors import StoreError
from .results import (
    ActorSummary,
    DyadSummary,
    EventMention,
    SearchHit,
    StoredEvent,
    StoredFailure,
    StoredQuote,
    TimelineRow,
)

PERIODS = ("day", "week", "month", "year")
# Auxiliary modes a filter can ask for: "none" is an event reported as having happened.
AUX_VALUES = ("none", *typing.get_args(AuxMode))
# What the command line shows unless told otherwise: what was reported as done, now or in
# the past; not what is planned, conditional or denied ("It is not a threat").
FACTUAL_AUX = ("none", "historical")
# Events that lie ahead sort after the others, whatever their dates.
_AHEAD = ("future", "hypothetical")
GROUPS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


def parse_country(value: str) -> str:
    """A known country or IGO code from a code or a name ("kor", "South Korea"); a StoreError
    naming the nearest known code otherwise."""
    try:
        return resolve_country(value)
    except UnknownCountry as err:
        raise StoreError(str(err)) from None


def parse_dyad(value: str) -> tuple[str, str]:
    """("IND", "KOR") from "IND-KOR", "kor,ind", "IND KOR" or "India-South Korea": sorted, as
    event_dyads stores pairs."""
    parts = [p for p in re.split(r"[-,/+]+", value.strip()) if p.strip()]
    if len(parts) == 1:
        parts = value.split()
    if len(parts) != 2:
        raise StoreError(f"{value!r} is not a dyad; use two country codes such as IND-KOR")
    a, b = sorted(parse_country(p) for p in parts)
    return a, b


def parse_aux(values) -> tuple[str, ...] | None:
    """The auxiliary modes asked for ("none" for none), or None for all of them."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [v for v in re.split(r"[,\s]+", values) if v]
    out = []
    for v in values:
        v = v.strip().lower()
        if v == "all":
            return None
        if v not in AUX_VALUES:
            raise StoreError(f"unknown auxiliary mode {v!r}; use one of {', '.join(AUX_VALUES)} (or all)")
        if v not in out:
            out.append(v)
    return tuple(out) or None


def _aux_condition(column: sa.ColumnElement, aux: tuple[str, ...]) -> sa.ColumnElement:
    named = [a for a in aux if a != "none"]
    tests = [column.in_(named)] if named else []
    if "none" in aux:
        tests.append(column.is_(None))
    return sa.or_(*tests)


def parse_categories(value: str | None) -> list[str]:
    if not value:
        return []
    known = lexicon.plover()["categories"]
    out = []
    for name in re.split(r"[,\s]+", value.strip()):
        if not name:
            continue
        if name.upper() not in known:
            raise StoreError(f"unknown PLOVER category {name!r}; known: {', '.join(sorted(known))}")
        out.append(name.upper())
    return out


@dataclass(slots=True)
class EventFilter:
    dyad: str | None = None
    actor: str | None = None
    country: str | None = None
    category: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    limit: int | None = None
    min_confidence: float | None = None
    # Auxiliary modes to keep (AUX_VALUES; "none" for reported facts); None keeps all.
    aux: tuple[str, ...] | None = None
    offset: int | None = None  # rows to skip before ``limit`` (paging)

    def __post_init__(self) -> None:
        self.aux = parse_aux(self.aux)
        # Fail on a bad value before any query runs.
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise StoreError(f"minimum confidence {self.min_confidence} is outside 0 to 1: give a value such "
                             "as 0.6 (event confidences run from about 0.3 to 0.95)")
        if self.dyad:
            parse_dyad(self.dyad)
        if self.country:
            parse_country(self.country)
        parse_categories(self.category)
        if self.text is not None:
            fts5_query(self.text)


# --- full-text query language -------------------------------------------------------------


def fts5_query(query: str) -> str:
    """An FTS5 query from a web-search style one: words (all must occur), "a phrase",
    ``OR`` between two terms, ``-word`` to exclude. PostgreSQL reads the same syntax with
    websearch_to_tsquery, so both backends understand what a user types."""
    groups: list[list[str]] = []
    negatives: list[str] = []
    join_next = False
    for token in re.findall(r'-?"[^"]*"?|\S+', query):
        if token.upper() == "OR" and groups:
            join_next = True
            continue
        negative = token.startswith("-") and len(token) > 1
        words = re.findall(r"\w+", token)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if negative:
            negatives.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise StoreError(f"nothing to search for in {query!r}: give at least one word that must occur")
    positive = " AND ".join("(" + " OR ".join(g) + ")" if len(g) > 1 else g[0] for g in groups)
    return positive + "".join(f" NOT {n}" for n in negatives)


def _matching_articles(conn: Connection, query: str) -> sa.ColumnElement:
    """A subquery of the ids of articles matching a full-text query."""
    if conn.dialect.name == "sqlite":
        return sa.text("SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts").bindparams(
            fts=fts5_query(query)).columns(sa.column("rowid", sa.Integer))
    return sa.text("SELECT id FROM articles WHERE search @@ websearch_to_tsquery('english', :fts)").bindparams(
        fts=query).columns(sa.column("id", sa.Integer))


# --- events -------------------------------------------------------------------------------


def _event_query(conn: Connection, f: EventFilter) -> sa.Select:
    e, m = s.events.c, s.event_mentions.c
    lead = s.event_mentions.alias("lead")
    lead_article = s.articles.alias("lead_article")
    evidence = sa.func.substr(lead_article.c.text, lead.c.sentence_start + 1,
                              lead.c.sentence_end - lead.c.sentence_start)
    columns = [s.events, lead.c.trigger_text, evidence.label("evidence"), lead_article.c.url,
               lead_article.c.title]
    day = e.day
    if f.dyad:
        # Drive from the dyad index: its rows are already in day order for that pair.
        x, y = parse_dyad(f.dyad)
        d = s.event_dyads.c
        q = sa.select(*columns).select_from(s.event_dyads.join(s.events, e.id == d.event_id)) \
            .where(d.a == x, d.b == y)
        day = d.day
        order = [d.day.desc(), lead_article.c.published.desc().nulls_last(), d.event_id.desc()]
    elif f.country:
        c = s.event_countries.c
        q = sa.select(*columns).select_from(s.event_countries.join(s.events, e.id == c.event_id)) \
            .where(c.country == parse_country(f.country))
        day = c.day
        order = [c.day.desc(), lead_article.c.published.desc().nulls_last(), c.event_id.desc()]
    else:
        q = sa.select(*columns).select_from(s.events)
        order = [e.day.desc().nulls_last(), lead_article.c.published.desc().nulls_last(), e.id.desc()]
    # Newest first by event date, then report date; what lies ahead after everything else.
    order.insert(0, sa.case((e.aux.in_(_AHEAD), 1), else_=0))
    q = q.outerjoin(lead, lead.c.id == e.lead_mention_id).outerjoin(lead_article, lead_article.c.id == lead.c.article_id)
    if f.dyad and f.country:
        c = s.event_countries.c
        q = q.where(e.id.in_(sa.select(c.event_id).where(c.country == parse_country(f.country))))
    categories = parse_categories(f.category)
    if categories:
        q = q.where(e.category.in_(categories))
    if f.since:
        q = q.where(day >= f.since.toordinal())
    if f.until:
        q = q.where(day <= f.until.toordinal(), day > 0)
    if f.actor:
        pattern = f"%{f.actor.strip().lower()}%"
        ema, ac = s.event_mention_actors.c, s.actors.c
        q = q.where(e.id.in_(
            sa.select(m.event_id).select_from(
                s.event_mentions.join(s.event_mention_actors, ema.mention_id == m.id)
                .join(s.actors, ac.id == ema.actor_id))
            .where(sa.func.lower(ac.name).like(pattern))))
    if f.min_confidence is not None:
        q = q.where(e.confidence >= f.min_confidence)
    if f.aux is not None:
        q = q.where(_aux_condition(e.aux, f.aux))
    if f.text:
        q = q.where(e.id.in_(sa.select(m.event_id).where(m.article_id.in_(_matching_articles(conn, f.text)))))
    q = q.order_by(*order)
    if f.limit:
        q = q.limit(f.limit)
    if f.offset:
        q = q.offset(f.offset)
    return q


def _event(row: sa.Row) -> StoredEvent:
    r = row._mapping
    return StoredEvent(
        id=r["id"], category=r["category"], group=lexicon.category_group(r["category"]), mode=r["mode"],
        aux=r["aux"], date=r["date"], date_precision=r["date_precision"],
        source=r["source_countries"].split(), target=r["target_countries"].split(),
        reciprocal=bool(r["reciprocal"]), score=r["score"], place=r["place_name"],
        place_country=r["place_country"], lat=r["lat"], lon=r["lon"], mentions=r["num_mentions"],
        articles=r["num_articles"], sources=r["num_sources"], confidence=r["confidence"],
        trigger=r["trigger_text"],
        evidence=" ".join((r["evidence"] or "").split()) or None, url=r["url"], title=r["title"])


def events(conn: Connection, f: EventFilter, *, reports: bool = False) -> list[StoredEvent]:
    found = [_event(r) for r in conn.execute(_event_query(conn, f))]
    reviews.overlay(conn, found)
    if reports:
        attach_reports(conn, found)
    return found


def iter_events(conn: Connection, f: EventFilter, *, reports: bool = False,
                chunk: int = 1000) -> Iterator[StoredEvent]:
    """Like ``events`` but streamed, for exports of the whole store."""
    result = conn.execution_options(stream_results=True, yield_per=chunk).execute(_event_query(conn, f))
    for rows in result.partitions(chunk):
        found = [_event(r) for r in rows]
        reviews.overlay(conn, found)
        if reports:
            attach_reports(conn, found)
        yield from found


def attach_reports(conn: Connection, found: list[StoredEvent]) -> None:
    """Fill each event's ``reports``: every mention with its article, trigger and sentence."""
    if not found:
        return
    by_id = {e.id: e for e in found}
    m, a = s.event_mentions.c, s.articles.c
    sentence = sa.func.substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
    q = (sa.select(m.id, m.event_id, m.local_id, m.trigger_start, m.trigger_end, m.trigger_text,
                   m.sentence_start, m.sentence_end, sentence.label("sentence"), m.date, m.confidence,
                   a.key, a.external_id, a.title, a.url, a.source, a.published)
         .join_from(s.event_mentions, s.articles, a.id == m.article_id)
         .where(m.event_id.in_(list(by_id))).order_by(m.event_id, a.published, a.key, m.id))
    reports = {}
    for r in conn.execute(q):
        rep = EventMention(
            id=r.id, article=r.key, article_id=r.external_id, title=r.title, url=r.url, source=r.source,
            published=r.published, event=r.local_id,
            trigger={"start": r.trigger_start, "end": r.trigger_end, "text": r.trigger_text},
            sentence={"start": r.sentence_start, "end": r.sentence_end, "text": r.sentence},
            date=r.date, confidence=r.confidence)
        reports[r.id] = rep
        by_id[r.event_id].reports.append(rep)
    ema, ac = s.event_mention_actors.c, s.actors.c
    q = (sa.select(ema.mention_id, ema.role, ac.name, ac.country)
         .join_from(s.event_mention_actors, s.actors, ac.id == ema.actor_id)
         .where(ema.mention_id.in_(list(reports))).order_by(ema.mention_id, ema.role, ema.position))
    for r in conn.execute(q):
        label = f"{r.name} ({r.country})" if r.country and r.country != r.name else r.name
        rep = reports[r.mention_id]
        (rep.source_actors if r.role == "source" else rep.target_actors).append(label)


# --- timeline -----------------------------------------------------------------------------


def period_of(day: dt.date, by: str) -> tuple[str, dt.date]:
    if by == "day":
        return day.isoformat(), day
    if by == "week":
        year, week, weekday = day.isocalendar()
        return f"{year}-W{week:02d}", day - dt.timedelta(days=weekday - 1)
    if by == "month":
        return f"{day.year}-{day.month:02d}", day.replace(day=1)
    if by == "year":
        return str(day.year), dt.date(day.year, 1, 1)
    raise StoreError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")


def _sql_period(conn: Connection, day: sa.ColumnElement, by: str) -> sa.ColumnElement:
    """The "YYYY-MM" or "YYYY" label of an ordinal day, in SQL. Constants are literal so the
    expression is the same text in SELECT and GROUP BY on every driver."""
    sqlite_format, pg_format = {"month": ("'%Y-%m'", "'YYYY-MM'"), "year": ("'%Y'", "'YYYY'")}[by]
    if conn.dialect.name == "sqlite":
        # Julian day number of date.fromordinal(n) is n + 1721424.5.
        return sa.func.strftime(sa.literal_column(sqlite_format), day + sa.literal_column("1721424.5"))
    return sa.func.to_char(sa.literal_column("DATE '0001-01-01'") + (day - sa.literal_column("1")),
                           sa.literal_column(pg_format))


def timeline(conn: Connection, first: str, second: str | None = None, *, by: str = "month",
             since: dt.date | None = None, until: dt.date | None = None,
             aux: tuple[str, ...] | None = None) -> list[TimelineRow]:
    """Events per period between two countries (either direction, reciprocal included), or
    of one country, counted by PLOVER category group, with their mean score. Periods with
    no events between the first and the last (or ``since`` and ``until``) count zero.
    ``aux`` keeps those auxiliary modes only (as EventFilter.aux)."""
    period_of(dt.date.today(), by)  # validates ``by``
    aux = parse_aux(aux)
    if second is not None:
        a, b = sorted((parse_country(first), parse_country(second)))
        t = s.event_dyads.c
        where = [t.a == a, t.b == b]
        key = (a, b)
    else:
        t = s.event_countries.c
        key = (parse_country(first),)
        where = [t.country == key[0]]
    where.append(t.day >= (since.toordinal() if since else 1))
    if until:
        where.append(t.day <= until.toordinal())
    if aux is not None:
        where.append(t.event_id.in_(sa.select(s.events.c.id).where(_aux_condition(s.events.c.aux, aux))))
    # Months and years are grouped in SQL (a busy dyad has thousands of days); days and
    # ISO weeks by day in SQL, then into periods here: ISO weeks are not portable SQL.
    bucket = _sql_period(conn, t.day, by) if by in ("month", "year") else t.day
    q = sa.select(bucket, t.category, sa.func.count(), sa.func.sum(t.score), sa.func.count(t.score)) \
        .where(*where).group_by(bucket, t.category)
    acc: dict[str, list] = {}
    starts: dict[str, dt.date] = {}
    group_of = {c: lexicon.category_group(c) for c in lexicon.plover()["categories"]}
    for day, category, n, score_sum, scored in conn.execute(q):
        if isinstance(day, str):
            label, start = day, dt.date(int(day[:4]), int(day[5:7]) if by == "month" else 1, 1)
        else:
            label, start = period_of(dt.date.fromordinal(day), by)
        row = acc.setdefault(label, [defaultdict(int), 0.0, 0])
        starts[label] = start
        row[0][group_of[category]] += n
        row[1] += score_sum or 0.0
        row[2] += scored
    # Reviewed events count as reviewed: the machine's row out, the reviewed one in.
    low, high = (since.toordinal() if since else 1), (until.toordinal() if until else None)
    for day, category, score, sign in reviews.timeline_changes(conn, *key):
        if day < low or (high is not None and day > high):
            continue
        label, start = period_of(dt.date.fromordinal(day), by)
        row = acc.setdefault(label, [defaultdict(int), 0.0, 0])
        starts[label] = start
        row[0][group_of[category]] += sign
        if score is not None:
            row[1] += sign * score
            row[2] += sign
    # A period only a review emptied spans nothing: the filled range runs between periods
    # that still have events.
    starts = {label: start for label, start in starts.items() if any(acc[label][0].values())}
    out = []
    for label, start in _periods(starts, by, since, until):
        counts, score_sum, scored = acc.get(label) or (defaultdict(int), 0.0, 0)
        out.append(TimelineRow(label, start, *(counts[g] for g in GROUPS), sum(counts.values()),
                               round(score_sum / scored, 3) if scored else None))
    return out


def _periods(starts: dict[str, dt.date], by: str, since: dt.date | None,
             until: dt.date | None) -> Iterator[tuple[str, dt.date]]:
    """Every period from the first with events (or ``since``) to the last (or ``until``)."""
    if not starts and not (since and until):
        return
    first = period_of(since, by)[1] if since else min(starts.values())
    last = period_of(until, by)[1] if until else max(starts.values())
    day = first
    while day <= last:
        label, start = period_of(day, by)
        yield label, start
        day = _next_period(start, by)


def _next_period(start: dt.date, by: str) -> dt.date:
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    if by == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return dt.date(start.year + 1, 1, 1)


# --- actors, quotes, search, dyads, failures ----------------------------------------------


def actors(conn: Connection, *, country: str | None = None, name: str | None = None,
           limit: int | None = 50) -> list[ActorSummary]:
    ac, ema, m, am = s.actors.c, s.event_mention_actors.c, s.event_mentions.c, s.actor_mentions.c
    events_per_actor = (sa.select(ema.actor_id, sa.func.count(sa.distinct(m.event_id)).label("n"))
                        .join_from(s.event_mention_actors, s.event_mentions, m.id == ema.mention_id)
                        .group_by(ema.actor_id).subquery())
    mentions_per_actor = (sa.select(am.actor_id, sa.func.count().label("n")).group_by(am.actor_id).subquery())
    q = (sa.select(ac.name, ac.kind, ac.country, sa.func.max(ac.sector), sa.func.max(ac.role),
                   sa.func.count(sa.distinct(ac.article_id)).label("articles"),
                   sa.func.coalesce(sa.func.sum(mentions_per_actor.c.n), 0),
                   sa.func.coalesce(sa.func.sum(events_per_actor.c.n), 0).label("events"))
         .select_from(s.actors.outerjoin(events_per_actor, events_per_actor.c.actor_id == ac.id)
                      .outerjoin(mentions_per_actor, mentions_per_actor.c.actor_id == ac.id))
         .group_by(ac.name, ac.kind, ac.country)
         .order_by(sa.desc("events"), sa.desc("articles"), ac.name))
    if country:
        q = q.where(ac.country == parse_country(country))
    if name:
        q = q.where(sa.func.lower(ac.name).like(f"%{name.strip().lower()}%"))
    if limit:
        q = q.limit(limit)
    return [ActorSummary(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7])) for r in conn.execute(q)]


def quotes(conn: Connection, *, speaker: str | None = None, limit: int | None = 50) -> list[StoredQuote]:
    q_, ac, a = s.quotes.c, s.actors.c, s.articles.c
    q = (sa.select(ac.name, ac.country, ac.role, q_.content_text, q_.cue_text, q_.direct, a.published,
                   a.title, a.url, a.key, q_.content_start, q_.content_end)
         .select_from(s.quotes.join(s.articles, a.id == q_.article_id)
                      .outerjoin(s.actors, ac.id == q_.speaker_id))
         .order_by(a.published.desc().nulls_last(), a.id.desc(), q_.id))
    if speaker:
        q = q.where(sa.func.lower(ac.name).like(f"%{speaker.strip().lower()}%"))
    if limit:
        q = q.limit(limit)
    return [StoredQuote(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8], r[9], r[10], r[11])
            for r in conn.execute(q)]


def search(conn: Connection, query: str, *, limit: int | None = 20) -> list[SearchHit]:
    a, m = s.articles.c, s.event_mentions.c
    n_events = sa.select(sa.func.count(sa.distinct(m.event_id))).where(m.article_id == a.id).scalar_subquery()
    if conn.dialect.name == "sqlite":
        fts = sa.table("articles_fts", sa.column("rowid"), sa.column("rank"))
        snippet = sa.literal_column("snippet(articles_fts, -1, '[', ']', '…', 16)")
        q = (sa.select(a.key, a.external_id, a.title, a.url, a.source, a.published, snippet, n_events)
             .select_from(fts.join(s.articles, a.id == fts.c.rowid))
             .where(sa.text("articles_fts MATCH :fts").bindparams(fts=fts5_query(query)))
             .order_by(fts.c.rank))
    else:
        tsq = sa.func.websearch_to_tsquery(sa.literal_column("'english'"), query)
        search_col = sa.column("search")
        document = sa.func.concat_ws(" … ", a.title, a.summary, sa.func.left(a.text, 100_000))
        snippet = sa.func.ts_headline(sa.literal_column("'english'"), document, tsq,
                                      "StartSel=[, StopSel=], MaxWords=25, MinWords=10")
        q = (sa.select(a.key, a.external_id, a.title, a.url, a.source, a.published, snippet, n_events)
             .where(search_col.op("@@")(tsq))
             .order_by(sa.func.ts_rank(search_col, tsq).desc(), a.id))
        fts5_query(query)  # the same "nothing to search for" error on both backends
    if limit:
        q = q.limit(limit)
    return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], " ".join((r[6] or "").split()), r[7])
            for r in conn.execute(q)]


def dyads(conn: Connection, *, limit: int | None = 10, aux: tuple[str, ...] | None = None) -> list[DyadSummary]:
    """The most active country pairs: events, reports, first and last day, events per PLOVER
    category group (GDELT's quad classes) and the mean score."""
    d, e = s.event_dyads.c, s.events.c
    dated = sa.case((d.day > 0, d.day))
    group_of = {c: lexicon.category_group(c) for c in lexicon.plover()["categories"]}
    per_group = [sa.func.sum(sa.case((d.category.in_([c for c, g in group_of.items() if g == group]), 1),
                                     else_=0)) for group in GROUPS]
    q = (sa.select(d.a, d.b, sa.func.count(), sa.func.sum(e.num_mentions), sa.func.min(dated), sa.func.max(dated),
                   *per_group, sa.func.avg(d.score))
         .join_from(s.event_dyads, s.events, e.id == d.event_id)
         .group_by(d.a, d.b).order_by(sa.func.count().desc(), d.a, d.b))
    aux = parse_aux(aux)
    if aux is not None:
        q = q.where(_aux_condition(e.aux, aux))
    if limit:
        q = q.limit(limit)
    day = lambda n: dt.date.fromordinal(n) if n else None  # noqa: E731
    return [DyadSummary(f"{a}-{b}", n, int(mentions or 0), day(lo), day(hi), *(int(g or 0) for g in groups),
                        round(float(mean), 3) if mean is not None else None)
            for a, b, n, mentions, lo, hi, *groups, mean in conn.execute(q)]


def failures(conn: Connection) -> list[StoredFailure]:
    f = s.failures.c
    return [StoredFailure(r.path, r.line or None, r.stage, r.reason, r.attempts, r.last_seen)
            for r in conn.execute(sa.select(s.failures).order_by(f.path, f.line))]


def counts(conn: Connection) -> dict[str, int]:
    def n(table: sa.Table) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()

    return {"articles": n(s.articles), "events": n(s.events), "event_mentions": n(s.event_mentions),
            "actors": n(s.actors), "quotes": n(s.quotes), "failures": n(s.failures)}
