"""Hand-built extractions for store tests: no model, every field under the test's control."""

from __future__ import annotations

import datetime as dt
import itertools

from communique.records import Actor, Article, Event, Extraction, Place, PlaceRef, Quote, Span, TimeRef

_counter = itertools.count()


def ev(category: str, source: list[str], target: list[str] = (), date: str | None = "2021-03-26", *,
       precision: str | None = None, reciprocal: bool = False, place: str | None = None,
       aux: str | None = None, score: float | None = 2.5, confidence: float = 0.8, mode: str | None = None):
    """An event spec: countries on each side (an actor is made per country)."""
    if precision is None and date is not None:
        precision = {10: "day", 7: "month", 4: "year"}.get(len(date), "week" if "-W" in date else "day")
    return dict(category=category, source=list(source), target=list(target), date=date, precision=precision,
                reciprocal=reciprocal, place=place, aux=aux, score=score, confidence=confidence, mode=mode)


def extraction(*events: dict, text: str | None = None, url: str | None = None, source: str | None = None,
               published: dt.date | None = dt.date(2021, 3, 26), title: str | None = None,
               article_id: str = "", origin: str | None = None,
               people: list[tuple[str, str, str | None]] = (), quotes: list[tuple[str, str]] = ()) -> Extraction:
    """An article whose text names each country, with one event per spec.

    ``people``: (name, country, role) actors; ``quotes``: (speaker name, content) pairs.
    Texts are unique unless given, so each call is a new article.
    """
    countries = sorted({c for e in events for c in (*e["source"], *e["target"])} | {p[1] for p in people})
    parts = [f"Story {next(_counter)}."]
    actors: dict[str, Actor] = {}

    def add_actor(name: str, kind: str, country: str | None, role: str | None = None) -> Actor:
        start = len(" ".join(parts)) + 1
        parts.append(name)
        a = Actor(id=f"a{len(actors) + 1}", name=name, kind=kind, country=country, role=role,
                  sector="GOV" if kind == "person" else None, mentions=[Span(start, start + len(name), name)])
        actors[name] = a
        return a

    by_country = {c: add_actor(c, "country", c) for c in countries}
    for name, country, role in people:
        add_actor(name, "person", country, role)
    body_events, quote_records = [], []
    for n, e in enumerate(events, start=1):
        sentence_start = len(" ".join(parts)) + 1
        trigger = {"CONSULT": "met", "ASSAULT": "attacked", "AGREE": "agreed"}.get(e["category"], "acted")
        parts.append(f"They {trigger} there.")
        t_start = sentence_start + len("They ")
        place = PlaceRef(f"City of {e['place']}", e["place"], 10.0 + n, 20.0 + n) if e["place"] else None
        body_events.append(Event(
            id=f"e{n}", category=e["category"], trigger=Span(t_start, t_start + len(trigger), trigger),
            sentence=(sentence_start, sentence_start + len(f"They {trigger} there.")),
            source=[by_country[c].id for c in e["source"]], target=[by_country[c].id for c in e["target"]],
            mode=e["mode"], contexts=["diplomatic"], aux=e["aux"], date=e["date"],
            date_precision=e["precision"], place=place, score=e["score"], confidence=e["confidence"],
            reciprocal=e["reciprocal"]))
    for speaker, content in quotes:
        start = len(" ".join(parts)) + 1
        parts.append(f'"{content}", said {speaker}.')
        c = Span(start + 1, start + 1 + len(content), content)
        cue_start = start + len(content) + 4
        quote_records.append(Quote(speaker=actors[speaker].id if speaker in actors else None,
                                   cue=Span(cue_start, cue_start + 4, "said"), content=c, direct=True,
                                   event=body_events[0].id if body_events else None))
    body = text if text is not None else " ".join(parts)
    places = [Place(name=e.place.name, country=e.place.country, lat=e.place.lat, lon=e.place.lon,
                    mentions=[Span(0, 5, body[0:5])], feature="city") for e in body_events if e.place]
    times = [TimeRef(0, 5, body[0:5], e.date, e.date_precision or "day") for e in body_events[:1] if e.date]
    article = Article(text=body, id=article_id, url=url, source=source, published=published, title=title,
                      origin=origin)
    return Extraction(article=article, actors=list(actors.values()), events=body_events, quotes=quote_records,
                      times=times, places=places)
