"""Server-rendered pages. Each reads the store through the same Store methods as the API
and renders a Jinja2 template (autoescaped); the charts are SVG made in charts.py and
worldmap.py. Forms post without JavaScript; review.js and extract.js add the keyboard
and the live preview on top.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..errors import CommuniqueError
from ..ontology import lexicon
from ..records import Article, Extraction
from ..store.queries import parse_dyad
from ..store.views import lead_report
from ..store.reviews import AUX_MODES, Review
from . import api, charts, highlight, worldmap
from .app import NotFound, check_form

read = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
write = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

REVIEW_THRESHOLD = 0.6


def render(request: Request, template: str, **context: Any):
    context.setdefault("categories", sorted(lexicon.plover()["categories"]))
    return request.app.state.templates.TemplateResponse(request, template, context)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommuniqueError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


@read.get("/")
def overview(request: Request):
    store = api.store_of(request)
    stats = api.stats(request)
    dyads = api.cached(request, ("dyads", 10), lambda: store.dyads(limit=10))
    latest = store.events(limit=12)
    needing = api.cached(request, ("needing",), lambda: store.articles_needing_review(threshold=REVIEW_THRESHOLD))
    articles = store.articles(limit=20)
    return render(request, "index.html", stats=stats, dyads=dyads, latest=latest, needing=needing,
                  articles=articles, threshold=REVIEW_THRESHOLD)


@read.get("/dyads/{dyad}")
def dyad_page(request: Request, dyad: str, by: str = "month", since: str | None = None, until: str | None = None,
              offset: int = Query(0, ge=0, le=api.MAX_OFFSET)):
    a, b = parse_dyad(dyad)
    store = api.store_of(request)
    start, end = _date(since), _date(until)
    rows = store.timeline(a, b, by=by, since=start, until=end)
    events = store.events(dyad=f"{a}-{b}", since=start, until=end, limit=50, offset=offset)
    title = f"{lexicon.country_name(a) or a} – {lexicon.country_name(b) or b}"
    return render(request, "dyad.html", a=a, b=b, title=title, by=by, since=since or "", until=until or "",
                  chart=charts.timeline_svg(rows, title=f"{a}-{b} events per {by}"), rows=rows, events=events,
                  offset=offset, total=sum(r.events for r in rows))


@read.get("/network")
def network_page(request: Request, since: str | None = None, until: str | None = None, category: str | None = None):
    category = _none(category)
    net = api.network(request, _date(since), _date(until), category, 60)
    from ..store.views import Network

    chart = charts.network_svg(Network(net["nodes"], net["edges"]))
    return render(request, "network.html", chart=chart, net=net, since=since or "", until=until or "",
                  category=category or "")


@read.get("/map")
def map_page(request: Request, since: str | None = None, until: str | None = None, category: str | None = None):
    category = _none(category)
    found = api.places(request, _date(since), _date(until), category, None, 400)["places"]
    return render(request, "map.html", chart=worldmap.map_svg(found), places=found, since=since or "",
                  until=until or "", category=category or "")


def _within(spans, start: int, end: int):
    return [s for s in spans if start <= s.start and s.end <= end]


def event_fields(ex: Extraction, local_id: str) -> tuple[dict[str, tuple[int, int]], dict[str, str]]:
    """For an event of an article: the span each field came from, and those words."""
    event = next((e for e in ex.events if e.id == local_id), None)
    if event is None:
        return {}, {}
    s0, s1 = event.sentence
    spans: dict[str, tuple[int, int]] = {"category": (event.trigger.start, event.trigger.end)}
    actors = {a.id: a for a in ex.actors}
    for side in ("source", "target"):
        for actor_id in getattr(event, side):
            actor = actors.get(actor_id)
            found = _within(actor.mentions, s0, s1) if actor else []
            if found:
                spans[side] = (found[0].start, found[0].end)
                break
    times = [t for t in _within(ex.times, s0, s1) if event.date and t.value and t.value.startswith(event.date[:4])]
    if times:
        spans["date"] = (times[0].start, times[0].end)
    if event.place:
        for p in ex.places:
            found = _within(p.mentions, s0, s1)
            if p.name == event.place.name and found:
                spans["place"] = (found[0].start, found[0].end)
                break
    for q in ex.quotes:
        if q.event == local_id:
            spans["quote"] = (q.content.start, q.content.end)
            break
    words = {k: ex.article.text[a:b] for k, (a, b) in spans.items()}
    return spans, words


@read.get("/events/{event_id}")
def event_page(request: Request, event_id: int):
    store = api.store_of(request)
    event = store.event(event_id)
    detail = api.event_detail(store, event_id, event)
    lead = lead_report(event)
    text_html, words, view = None, {}, None
    if lead is not None:
        article_id = next((r["article_db_id"] for r in detail["reports"] if r["id"] == lead.id), None)
        view = store.article(article_id) if article_id else None
        if view is not None:
            spans, words = event_fields(view.extraction, lead.event)
            text_html = highlight.article_html(view.extraction, view.event_ids, fields=spans,
                                               focus=(lead.sentence["start"], lead.sentence["end"]))
    modes = lexicon.plover()["categories"][event.category]["modes"]
    return render(request, "event.html", event=event, detail=detail, lead=lead, view=view, text_html=text_html,
                  words=words, modes=modes, aux_modes=AUX_MODES)


@read.get("/articles")
def articles_page(request: Request, offset: int = Query(0, ge=0)):
    return render(request, "articles.html", articles=api.store_of(request).articles(limit=50, offset=offset),
                  offset=offset)


@read.get("/articles/{article_id}")
def article_page(request: Request, article_id: int):
    view = api.store_of(request).article(article_id)
    if view is None:
        raise NotFound(f"no article {article_id}")
    ex = view.extraction
    events = api.store_of(request).events_by_ids(sorted(set(view.event_ids.values())))
    return render(request, "article.html", view=view, ex=ex, text_html=highlight.article_html(ex, view.event_ids),
                  actors={a.id: a for a in ex.actors}, events=events)


@read.get("/search")
def search_page(request: Request, q: str | None = None, dyad: str | None = None, actor: str | None = None,
                country: str | None = None, category: str | None = None, since: str | None = None,
                until: str | None = None, min_confidence: str | None = None,
                offset: int = Query(0, ge=0, le=api.MAX_OFFSET)):
    form = {"q": q or "", "dyad": dyad or "", "actor": actor or "", "country": country or "",
            "category": category or "", "since": since or "", "until": until or "",
            "min_confidence": min_confidence or ""}
    store = api.store_of(request)
    hits, events, searched = [], [], any(form.values())
    if searched:
        conf = float(min_confidence) if _none(min_confidence) else None
        events = store.events(dyad=_none(dyad), actor=_none(actor), country=_none(country),
                              category=_none(category), since=_date(since), until=_date(until), text=_none(q),
                              min_confidence=conf, limit=50, offset=offset)
        if _none(q) and not offset:
            hits = store.search(q, limit=10)
    links = store.article_ids([h.article for h in hits])
    return render(request, "search.html", form=form, hits=hits, links=links, events=events, searched=searched,
                  offset=offset)


@read.get("/extract")
def extract_page(request: Request):
    return render(request, "extract.html", result=None, text="", published="", title="")


@write.post("/extract")
def extract_submit(request: Request, text: str = Form(...), published: str = Form(""), title: str = Form(""),
                   form_key: str = Form(""), token: str = Form("")):
    check_form(request, form_key, token)
    ex = api.run_extract(request, Article(text=text, published=_date(published), title=_none(title)))
    # extract.js asks for the records alone, to show them as the text is typed.
    template = "_extraction.html" if request.headers.get("x-fragment") else "extract.html"
    return render(request, template, result=ex, text=text, published=published, title=title,
                  text_html=highlight.article_html(ex), actors={a.id: a for a in ex.actors})


@read.get("/review")
def review_page(request: Request, category: str | None = None, dyad: str | None = None,
                max_confidence: str | None = None, offset: int = Query(0, ge=0, le=api.MAX_OFFSET)):
    conf = float(max_confidence) if _none(max_confidence) else None
    store = api.store_of(request)
    queue = store.review_queue(category=_none(category), dyad=_none(dyad), max_confidence=conf, limit=30,
                               offset=offset)
    return render(request, "review.html", queue=queue, category=category or "", dyad=dyad or "",
                  max_confidence=max_confidence or "", offset=offset, counts=store.review_counts(),
                  aux_modes=AUX_MODES)


@write.post("/review/{event_id}")
def review_submit(request: Request, event_id: int, action: str = Form(...), category: str = Form(""),
                  mode: str = Form(""), aux: str = Form("-"), source: str = Form(""), target: str = Form(""),
                  date: str = Form(""), place: str = Form(""), note: str = Form(""), reviewer: str = Form(""),
                  form_key: str = Form(""), token: str = Form(""), back: str = Form("/review")):
    check_form(request, form_key, token)
    store = api.store_of(request)
    event = store.event(event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    fields: dict[str, Any] = {}
    if action == "correct":
        # A form sends every field; only those that differ from the current value are corrections.
        given = {"category": _none(category), "mode": mode.strip(),
                 "aux": None if aux == "-" else aux.strip(),
                 "source": source.split() if source.strip() else None,
                 "target": target.split() if target.strip() else None,
                 "date": _none(date), "place": place.strip() if place.strip() != (event.place or "") else None}
        for name, value in given.items():
            current = getattr(event, name)
            if value is not None and value != (current if current is not None else ""):
                fields[name] = value
    store.review(event_id, Review(action, **fields, note=_none(note), reviewer=_none(reviewer) or "anonymous"))
    request.app.state.cache.clear()
    target_url = back if back.startswith("/") and not back.startswith("//") else "/review"
    return RedirectResponse(target_url, status_code=303)
