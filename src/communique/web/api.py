"""The JSON API under /api: reads of the store, and (unless read-only) extract, ingest, review.

Every route calls a Store method (the one query layer); errors are JSON
``{"error": message, "status": code}``, unknown ids 404.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from ..errors import CommuniqueError, InputError
from ..records import Article
from ..store import EventFilter, Store
from ..store.reviews import Review
from .app import NotFound, require_write

read = APIRouter(prefix="/api", tags=["read"])
write = APIRouter(prefix="/api", tags=["write"], dependencies=[Depends(require_write)])

MAX_PAGE = 500
MAX_OFFSET = 100_000


def store_of(request: Request) -> Store:
    return request.app.state.store


def cached(request: Request, key: tuple, compute):
    """Aggregates over the whole store, kept until an event or a review is added."""
    cache: dict = request.app.state.cache
    version = store_of(request).data_version()
    hit = cache.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    value = compute()
    if len(cache) > 256:
        cache.clear()
    cache[key] = (version, value)
    return value


class EventQuery(BaseModel):
    """The filters of `communique events`, with paging."""

    dyad: str | None = Field(None, description="Two countries, e.g. IND-KOR (either direction)")
    actor: str | None = Field(None, description="Part of an actor's name")
    country: str | None = Field(None, description="ISO 3166 alpha-3 or IGO code")
    category: str | None = Field(None, description="PLOVER categories, comma-separated")
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = Field(None, description="Full-text query over the reporting articles")
    min_confidence: float | None = Field(None, ge=0, le=1)
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    aux: str | None = Field(None, description="Auxiliary modes to keep, comma-separated: none, future, "
                                              "hypothetical, negated, historical, or all (default all)")

    def filter(self) -> EventFilter:
        return EventFilter(dyad=self.dyad, actor=self.actor, country=self.country, category=self.category,
                           since=self.since, until=self.until, text=self.text or None, limit=self.limit,
                           min_confidence=self.min_confidence, aux=self.aux or None, offset=self.offset)


def page(request: Request, items: list, q: EventQuery) -> dict[str, Any]:
    more = len(items) == q.limit and q.offset + q.limit <= MAX_OFFSET
    nxt = str(request.url.include_query_params(offset=q.offset + q.limit)) if more else None
    return {"limit": q.limit, "offset": q.offset, "next": nxt}


@read.get("/events", summary="Canonical events, newest first (the filters of `communique events`)")
def list_events(request: Request, q: Annotated[EventQuery, Query()], reports: bool = False):
    found = store_of(request).events(**_event_kwargs(q), reports=reports)
    return {"events": [e.to_dict() for e in found], **page(request, found, q)}


def _event_kwargs(q: EventQuery) -> dict[str, Any]:
    f = q.filter()
    return {"dyad": f.dyad, "actor": f.actor, "country": f.country, "category": f.category, "since": f.since,
            "until": f.until, "text": f.text, "limit": f.limit, "min_confidence": f.min_confidence,
            "offset": f.offset}


def event_detail(store: Store, event_id: int, event=None) -> dict[str, Any]:
    """An event's JSON with every report's article id and the review history."""
    event = event or store.event(event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    d = event.to_dict()
    links = store.mention_articles([r.id for r in event.reports])
    for report, out in zip(event.reports, d["reports"]):
        out["article_db_id"] = links.get(report.id)
    d["review_history"] = store.review_history(event_id)
    return d


@read.get("/events/{event_id}", summary="One event with every report (article, trigger, sentence) and its reviews")
def get_event(request: Request, event_id: int):
    return event_detail(store_of(request), event_id)


@read.get("/articles", summary="Stored articles, newest first")
def list_articles(request: Request, limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)):
    return {"articles": [a.to_dict() for a in store_of(request).articles(limit=limit, offset=offset)]}


@read.get("/articles/{article_id}", summary="An article's text and all its records")
def get_article(request: Request, article_id: int):
    view = store_of(request).article(article_id)
    if view is None:
        raise NotFound(f"no article {article_id}")
    return view.to_dict()


@read.get("/actors", summary="Actors by the number of events they take part in")
def list_actors(request: Request, country: str | None = None, name: str | None = None,
                limit: int = Query(50, ge=1, le=MAX_PAGE)):
    return {"actors": [a.to_dict() for a in store_of(request).actors(country=country, name=name, limit=limit)]}


@read.get("/quotes", summary="Quotes with their speakers, newest first")
def list_quotes(request: Request, speaker: str | None = None, limit: int = Query(50, ge=1, le=MAX_PAGE)):
    return {"quotes": [x.to_dict() for x in store_of(request).quotes(speaker=speaker, limit=limit)]}


@read.get("/dyads", summary="The country pairs with most events")
def list_dyads(request: Request, limit: int = Query(20, ge=1, le=MAX_PAGE)):
    rows = cached(request, ("dyads", limit), lambda: store_of(request).dyads(limit=limit))
    return {"dyads": [d.to_dict() for d in rows]}


@read.get("/dyads/{dyad}/timeline", summary="Events between two countries per period, by PLOVER quad class")
def dyad_timeline(request: Request, dyad: str, by: Literal["day", "week", "month", "year"] = "month",
                  since: dt.date | None = None, until: dt.date | None = None):
    from ..store.queries import parse_dyad

    a, b = parse_dyad(dyad)
    rows = store_of(request).timeline(a, b, by=by, since=since, until=until)
    return {"dyad": f"{a}-{b}", "by": by, "timeline": [r.to_dict() for r in rows]}


@read.get("/search", summary="Full-text search over articles")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
           limit: int = Query(20, ge=1, le=MAX_PAGE)):
    return {"query": q, "hits": [h.to_dict() for h in store_of(request).search(q, limit=limit)]}


def aggregate_filter(since, until, category, country=None) -> EventFilter:
    return EventFilter(country=country, category=category, since=since, until=until)


@read.get("/network", summary="Countries and the pairs between them: event volume and mean score")
def network(request: Request, since: dt.date | None = None, until: dt.date | None = None,
            category: str | None = None, limit: int = Query(60, ge=1, le=400)):
    f = aggregate_filter(since, until, category)
    net = cached(request, ("network", since, until, category, limit), lambda: store_of(request).network(f, limit=limit))
    return net.to_dict()


@read.get("/places", summary="Places with coordinates and their number of events")
def places(request: Request, since: dt.date | None = None, until: dt.date | None = None,
           category: str | None = None, country: str | None = None, limit: int = Query(400, ge=1, le=2000)):
    f = aggregate_filter(since, until, category, country)
    rows = cached(request, ("places", since, until, category, country, limit),
                  lambda: store_of(request).places(f, limit=limit))
    return {"places": rows}


@read.get("/review/queue", summary="Unreviewed events, least confident first")
def review_queue(request: Request, category: str | None = None, dyad: str | None = None,
                 max_confidence: float | None = Query(None, ge=0, le=1), limit: int = Query(50, ge=1, le=MAX_PAGE),
                 offset: int = Query(0, ge=0, le=MAX_OFFSET)):
    found = store_of(request).review_queue(category=category, dyad=dyad, max_confidence=max_confidence,
                                           limit=limit, offset=offset)
    return {"events": [e.to_dict() for e in found]}


@read.get("/stats", summary="Counts of stored records and reviews")
def stats(request: Request):
    store = store_of(request)
    return cached(request, ("stats",), lambda: {**store.counts(), "reviews": store.review_counts()})


# --- writes ---------------------------------------------------------------------------------


class ArticleIn(BaseModel):
    text: str = Field(..., min_length=1)
    id: str | None = None
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    summary: str | None = None

    def article(self) -> Article:
        return Article(text=self.text, id=self.id or "", title=self.title, published=self.published,
                       url=self.url, source=self.source, summary=self.summary, origin="POST /api/articles")


class ReviewIn(BaseModel):
    action: Literal["accept", "reject", "correct"]
    category: str | None = None
    mode: str | None = None
    aux: str | None = None
    source: list[str] | str | None = None
    target: list[str] | str | None = None
    date: str | None = None
    place: str | None = None
    note: str | None = Field(None, max_length=2000)
    reviewer: str | None = Field(None, max_length=100)

    def review(self) -> Review:
        def codes(v):
            return v.split() if isinstance(v, str) else v

        return Review(self.action, self.category, self.mode, self.aux, codes(self.source), codes(self.target),
                      self.date, self.place, self.note, self.reviewer or "anonymous")


_model_lock = threading.Lock()  # one spaCy pipeline, one parse at a time


def run_extract(request: Request, article: Article):
    from ..nlp import DEFAULT_MODEL
    from ..pipeline import extract_many

    model = request.app.state.settings.model or DEFAULT_MODEL
    with _model_lock:
        return next(extract_many([article], model=model))


@write.post("/extract", summary="Extract the records of one article (nothing is stored)")
def extract(request: Request, body: ArticleIn):
    return run_extract(request, Article(text=body.text, title=body.title, published=body.published,
                                        url=body.url)).to_dict()


@write.post("/articles", summary="Ingest one article (JSON) or a batch (JSONL, one article per line)")
async def ingest(request: Request):
    from ..readers.jsonl import parse_jsonl_line

    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await request.body()
    items: list[Article | CommuniqueError] = []
    if kind == "application/json":
        try:
            items.append(ArticleIn.model_validate_json(raw).article())
        except ValueError as exc:
            raise InputError("POST /api/articles", f"not an article: {_first_error(exc)}") from None
    elif kind in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    items.append(parse_jsonl_line(line, "POST /api/articles", n))
                except InputError as err:
                    items.append(err)
    else:
        from fastapi import HTTPException

        raise HTTPException(415, "send application/json (one article) or application/x-ndjson (one per line)")
    from starlette.concurrency import run_in_threadpool

    summary = await run_in_threadpool(_ingest, request, items)
    request.app.state.cache.clear()
    return {"articles_new": summary.articles_new, "articles_skipped": summary.articles_skipped,
            "articles_failed": summary.articles_failed, "event_mentions": summary.event_mentions,
            "events_new": summary.events_new, "failures": [str(f) for f in summary.failures]}


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        e = errors()[0]
        return f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}"
    return str(exc)


def _ingest(request: Request, items: list):
    from ..nlp import DEFAULT_MODEL

    model = request.app.state.settings.model or DEFAULT_MODEL
    with _model_lock:
        return store_of(request).ingest_articles(items, model=model)


@write.post("/events/{event_id}/review", summary="Accept, reject or correct an event (stored as a new row)")
def review(request: Request, event_id: int, body: ReviewIn):
    store = store_of(request)
    review_id = store.review(event_id, body.review())
    request.app.state.cache.clear()
    return {"review": review_id, "event": event_detail(store, event_id)}

