"""Article -> Extraction, for one article and for many.

``extract_doc`` is the one per-article function every runner wraps: the CLI,
the store's ingest, and the batch engines all call it on a parsed Doc.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from .extract.actors import extract_actors
from .extract.entities import extract_entities
from .extract.events import extract_events
from .extract.places import extract_places
from .extract.quotes import extract_quotes
from .extract.times import extract_times
from .nlp import DEFAULT_MODEL, load_pipeline
from .errors import CommuniqueError, ExtractionError
from .records import Article, Extraction


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    return dt.date.fromisoformat(value[:10])


def extract_doc(doc: Doc, article: Article) -> Extraction:
    """All records of one article from its parsed body. Pure: reads the Doc, returns records."""
    places = extract_places(doc)
    actors = extract_actors(
        doc, place_countries=[p.country for p in places if p.feature in ("city", "site", "region") and p.country]
    )
    # A name the NER took for a place but the actor extractor knows is a person is no place.
    person_chars = {
        c for a in actors.actors if a.kind == "person" for m in a.mentions for c in range(m.start, m.end)
    }
    places = [p for p in places if not any(m.start in person_chars for m in p.mentions)]
    times = extract_times(doc, article.published)
    quotes = extract_quotes(doc, actors)
    events = extract_events(
        doc, actors=actors, times=times, places=places, quotes=quotes, published=article.published
    )
    for q in quotes:
        for e in events:
            if any(q.content.start <= t.start < q.content.end for t in [e.trigger, *e.also]):
                q.event = e.id
                break
    return Extraction(article=article, actors=actors.actors, events=events, quotes=quotes,
                      times=times, places=places, entities=extract_entities(doc))


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    model: str = DEFAULT_MODEL,
) -> Extraction:
    """Extract the records of one article body."""
    article = Article(text=text, published=_as_date(published), title=title, url=url)
    nlp = load_pipeline(model)
    return extract_doc(nlp(article.text), article)


def extract_many(
    articles: Iterable[Article | str],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str = DEFAULT_MODEL,
) -> Iterator[Extraction]:
    """Extract many articles in input order, parsing them in batches (and processes)."""
    nlp = load_pipeline(model)
    pairs = ((a.text, a) if isinstance(a, Article) else (a, Article(text=a)) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extract_doc(doc, article)


def extract_stream(
    items: Iterable[Article | CommuniqueError],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str = DEFAULT_MODEL,
) -> Iterator[Extraction | CommuniqueError]:
    """Like ``extract_many`` over reader output: errors pass through in their place.

    An article whose extraction fails becomes an ExtractionError naming it, so
    one bad article never stops a batch.
    """
    nlp = load_pipeline(model)
    pending: list[tuple[int, CommuniqueError]] = []

    def articles() -> Iterator[tuple[str, tuple[int, Article]]]:
        for n, item in enumerate(items):
            if isinstance(item, Article):
                yield item.text, (n, item)
            else:
                pending.append((n, item))

    for doc, (n, article) in nlp.pipe(articles(), as_tuples=True, batch_size=batch_size,
                                      n_process=n_process):
        while pending and pending[0][0] < n:
            yield pending.pop(0)[1]
        try:
            yield extract_doc(doc, article)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            # A defect in an extractor on unusual text: report it with the article's
            # origin and go on; the traceback type is kept in the message for bug reports.
            yield ExtractionError(article.origin or article.id, f"{type(exc).__name__}: {exc}")
    yield from (e for _, e in pending)
