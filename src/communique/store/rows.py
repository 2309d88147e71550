"""Records to rows and back.

The rows mirror the record fields one to one, so ``load_extraction`` rebuilds exactly the
Extraction that was stored (a property test checks the round trip). Local ids ("a1",
"e3") are kept: they are how events and quotes of one article name its actors and events.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..records import Actor, Article, Entity, Event, Extraction, Place, PlaceRef, Quote, Span, TimeRef
from ..ontology import lexicon
from . import schema as s
from .bulk import Codecs


def _span_cols(span: Span, prefix: str = "") -> dict[str, Any]:
    return {f"{prefix}start": span.start, f"{prefix}end": span.end, f"{prefix}text": span.text}


def _span(row: Any, prefix: str = "") -> Span:
    m = row._mapping
    return Span(m[f"{prefix}start"], m[f"{prefix}end"], m[f"{prefix}text"])


def validate(ex: Extraction) -> str | None:
    """Why an extraction cannot be stored consistently, or None: every reference must name a
    record of the same article, and every category must be PLOVER's."""
    actor_ids = [a.id for a in ex.actors]
    if len(set(actor_ids)) != len(actor_ids):
        return "two actors share an id"
    known = set(actor_ids)
    event_ids = {e.id for e in ex.events}
    if len(event_ids) != len(ex.events):
        return "two events share an id"
    categories = lexicon.plover()["categories"]
    for e in ex.events:
        if e.category not in categories:
            return f"event {e.id} has unknown PLOVER category {e.category!r}"
        missing = [a for a in (*e.source, *e.target) if a not in known]
        if missing:
            return f"event {e.id} names unknown actor(s) {', '.join(missing)}"
    for q in ex.quotes:
        if q.speaker is not None and q.speaker not in known:
            return f"a quote names unknown speaker {q.speaker}"
        if q.event is not None and q.event not in event_ids:
            return f"a quote names unknown event {q.event}"
    return None


def article_row(article: Article, key: str, now: dt.datetime) -> dict[str, Any]:
    return {"key": key, "external_id": article.id, "url": article.url, "title": article.title,
            "published": article.published, "source": article.source, "summary": article.summary,
            "text": article.text, "origin": article.origin, "ingested_at": now}


def actor_row(article_id: int, a: Actor) -> dict[str, Any]:
    return {"article_id": article_id, "local_id": a.id, "name": a.name, "kind": a.kind,
            "country": a.country, "sector": a.sector, "role": a.role}


def place_row(article_id: int, p: Place) -> dict[str, Any]:
    return {"article_id": article_id, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
            "feature": p.feature}


def entity_row(article_id: int, e: Entity) -> dict[str, Any]:
    return {"article_id": article_id, "type": e.type, "start": e.start, "end": e.end, "text": e.text}


def time_row(article_id: int, t: TimeRef) -> dict[str, Any]:
    return {"article_id": article_id, "start": t.start, "end": t.end, "text": t.text, "value": t.value,
            "precision": t.precision}


# event_mentions columns in the order of mention_row's tuples: ingest writes hundreds of
# thousands of these a minute, so they skip the dicts of the other tables.
MENTION_COLUMNS = ("id", "event_id", "article_id", "local_id", "category", "mode", "contexts", "aux",
                   "reciprocal", "date", "date_precision", "place_name", "place_country", "lat", "lon",
                   "score", "trigger_start", "trigger_end", "trigger_text", "sentence_start",
                   "sentence_end", "confidence", "also", "cameo", "sentence_number")


def mention_row(mention_id: int, article_id: int, event_id: int, e: Event, codecs: Codecs) -> tuple:
    """An event_mentions row (MENTION_COLUMNS), its values encoded for the database."""
    place = e.place
    return (
        mention_id, event_id, article_id, e.id, e.category, e.mode, codecs.strings(e.contexts), e.aux,
        codecs.boolean(e.reciprocal), e.date, e.date_precision,
        place.name if place else None, place.country if place else None,
        place.lat if place else None, place.lon if place else None,
        e.score, e.trigger.start, e.trigger.end, e.trigger.text, e.sentence[0], e.sentence[1], e.confidence,
        codecs.json([x.to_dict() for x in e.also]) if e.also else "[]", e.cameo, e.sentence_number,
    )


def quote_row(article_id: int, speaker_id: int | None, mention_id: int | None, q: Quote) -> dict[str, Any]:
    sp = q.speaker_span
    return {"article_id": article_id, "speaker_id": speaker_id, "mention_id": mention_id,
            **_span_cols(q.cue, "cue_"), **_span_cols(q.content, "content_"), "direct": q.direct,
            "speaker_start": sp.start if sp else None, "speaker_end": sp.end if sp else None,
            "speaker_text": sp.text if sp else None,
            "quoted": json.dumps([[w.start, w.end, w.text] for w in q.quoted]) if q.quoted else None}


def _quote_extras(q: Any) -> dict[str, Any]:
    m = q._mapping
    speaker = Span(m["speaker_start"], m["speaker_end"], m["speaker_text"]) \
        if m["speaker_start"] is not None else None
    return {"speaker_span": speaker, "quoted": [Span(*w) for w in json.loads(m["quoted"] or "[]")]}


def _published(value: Any) -> dt.date | None:
    # SQLite hands back a date already; a raw string would come from a hand-made row.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def load_article(row: Any) -> Article:
    m = row._mapping
    return Article(text=m["text"], id=m["external_id"], title=m["title"], published=_published(m["published"]),
                   url=m["url"], source=m["source"], summary=m["summary"], origin=m["origin"])


def load_extraction(conn: Connection, article_id: int) -> Extraction:
    """The Extraction of one stored article, exactly as it was stored."""
    row = conn.execute(sa.select(s.articles).where(s.articles.c.id == article_id)).one()
    ex = Extraction(article=load_article(row))

    actor_local: dict[int, str] = {}
    by_id: dict[int, Actor] = {}
    for a in conn.execute(sa.select(s.actors).where(s.actors.c.article_id == article_id)
                          .order_by(s.actors.c.id)):
        actor = Actor(id=a.local_id, name=a.name, kind=a.kind, country=a.country, sector=a.sector,
                      role=a.role)
        actor_local[a.id] = a.local_id
        by_id[a.id] = actor
        ex.actors.append(actor)
    if by_id:
        for m in conn.execute(sa.select(s.actor_mentions)
                              .where(s.actor_mentions.c.actor_id.in_(list(by_id)))
                              .order_by(s.actor_mentions.c.id)):
            by_id[m.actor_id].mentions.append(_span(m))

    places_by_id: dict[int, Place] = {}
    for p in conn.execute(sa.select(s.places).where(s.places.c.article_id == article_id)
                          .order_by(s.places.c.id)):
        place = Place(name=p.name, country=p.country, lat=p.lat, lon=p.lon, feature=p.feature)
        places_by_id[p.id] = place
        ex.places.append(place)
    if places_by_id:
        for m in conn.execute(sa.select(s.place_mentions)
                              .where(s.place_mentions.c.place_id.in_(list(places_by_id)))
                              .order_by(s.place_mentions.c.id)):
            places_by_id[m.place_id].mentions.append(_span(m))

    ex.times = [TimeRef(t.start, t.end, t.text, t.value, t.precision)
                for t in conn.execute(sa.select(s.times).where(s.times.c.article_id == article_id)
                                      .order_by(s.times.c.id))]

    ex.entities = [Entity(e.type, e.start, e.end, e.text)
                   for e in conn.execute(sa.select(s.entities).where(s.entities.c.article_id == article_id)
                                         .order_by(s.entities.c.id))]

    mention_local: dict[int, str] = {}
    events_by_id: dict[int, Event] = {}
    for m in conn.execute(sa.select(s.event_mentions).where(s.event_mentions.c.article_id == article_id)
                          .order_by(s.event_mentions.c.id)):
        place = PlaceRef(m.place_name, m.place_country, m.lat, m.lon) if m.place_name is not None else None
        e = Event(id=m.local_id, category=m.category, trigger=_span(m, "trigger_"),
                  sentence=(m.sentence_start, m.sentence_end), mode=m.mode, contexts=list(m.contexts),
                  aux=m.aux, date=m.date, date_precision=m.date_precision, place=place, score=m.score,
                  confidence=m.confidence, reciprocal=bool(m.reciprocal),
                  also=[Span.from_dict(x) for x in m.also], cameo=m.cameo, sentence_number=m.sentence_number)
        mention_local[m.id] = m.local_id
        events_by_id[m.id] = e
        ex.events.append(e)
    if events_by_id:
        links = conn.execute(sa.select(s.event_mention_actors)
                             .where(s.event_mention_actors.c.mention_id.in_(list(events_by_id)))
                             .order_by(s.event_mention_actors.c.mention_id, s.event_mention_actors.c.role,
                                       s.event_mention_actors.c.position))
        for link in links:
            e = events_by_id[link.mention_id]
            (e.source if link.role == "source" else e.target).append(actor_local[link.actor_id])

    for q in conn.execute(sa.select(s.quotes).where(s.quotes.c.article_id == article_id)
                          .order_by(s.quotes.c.id)):
        ex.quotes.append(Quote(speaker=actor_local.get(q.speaker_id) if q.speaker_id else None,
                               cue=_span(q, "cue_"), content=_span(q, "content_"), direct=bool(q.direct),
                               event=mention_local.get(q.mention_id) if q.mention_id else None,
                               **_quote_extras(q)))
    return ex
