"""Article -> Extraction, for one article and for many.

``extract_doc`` is the one per-article function every runner wraps: the CLI,
the store's ingest, and the batch engines all call it on a parsed Doc.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .extract.actors import extract_actors
from .extract.entities import extract_entities
from .extract.events import extract_events
from .extract.places import extract_places
from .extract.quotes import extract_quotes
from .extract.times import extract_times
from .nlp import DEFAULT_MODEL, load_pipeline
from .errors import CommuniqueError, ExtractionError
from .guards import parse_problem
from .records import Article, Extraction


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(value, str):
        raise TypeError(f"published must be a date or an ISO date string, not {type(value).__name__}")
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"published {value[:40]!r} is not an ISO date (YYYY-MM-DD)") from None


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
    problem = parse_problem(article.text, nlp.max_length)
    if problem is not None:
        raise ExtractionError(_origin(article), problem)
    return extract_doc(nlp(article.text), article)


def extract_many(
    articles: Iterable[Article | str],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str = DEFAULT_MODEL,
) -> Iterator[Extraction]:
    """Extract many articles in input order, parsing them in batches (and processes). An
    article the parser cannot take (see ``guards``) raises ExtractionError naming it; use
    ``extract_stream`` to have it in the output in its place instead."""
    nlp = load_pipeline(model)

    def pairs() -> Iterator[tuple[str, Article]]:
        for a in articles:
            article = a if isinstance(a, Article) else Article(text=a)
            problem = parse_problem(article.text, nlp.max_length)
            if problem is not None:
                raise ExtractionError(_origin(article), problem)
            yield article.text, article

    for doc, article in nlp.pipe(pairs(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extract_doc(doc, article)


def extract_stream(
    items: Iterable[Article | CommuniqueError],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    model: str = DEFAULT_MODEL,
) -> Iterator[Extraction | CommuniqueError]:
    """Like ``extract_many`` over reader output: errors pass through in their place.

    An article that cannot be parsed or extracted becomes an ExtractionError naming it,
    whatever went wrong, so one bad article never stops a batch or costs another.
    """
    nlp = load_pipeline(model)
    pending: list[tuple[int, CommuniqueError]] = []

    def articles() -> Iterator[tuple[int, Article]]:
        for n, item in enumerate(items):
            if not isinstance(item, Article):
                pending.append((n, item))
            elif (problem := parse_problem(item.text, nlp.max_length)) is not None:
                pending.append((n, ExtractionError(_origin(item), problem)))
            else:
                yield n, item

    for (n, article), parsed in _parse(nlp, articles(), batch_size, n_process):
        while pending and pending[0][0] < n:
            yield pending.pop(0)[1]
        if isinstance(parsed, CommuniqueError):
            yield parsed
            continue
        try:
            yield extract_doc(parsed, article)
        except Exception as exc:  # noqa: BLE001 - any defect on unusual text costs this article only
            # The traceback type is kept in the message for bug reports.
            yield ExtractionError(_origin(article), f"{type(exc).__name__}: {exc}")
    yield from (e for _, e in pending)


def _origin(article: Article) -> str:
    return article.origin or article.id


def _parse(nlp: Language, numbered: Iterator[tuple[int, Article]], batch_size: int,
           n_process: int) -> Iterator[tuple[tuple[int, Article], Doc | ExtractionError]]:
    """Each article with its Doc, in order, parsed in batches; when the parser raises, the
    articles of the broken batch are parsed again one at a time, so that only the one that
    breaks it fails, and batching resumes with the rest."""
    fed: deque[tuple[int, Article]] = deque()

    def feed() -> Iterator[tuple[str, tuple[int, Article]]]:
        for pair in numbered:
            fed.append(pair)
            yield pair[1].text, pair

    while True:
        try:
            for doc, pair in nlp.pipe(feed(), as_tuples=True, batch_size=batch_size,
                                      n_process=n_process):
                fed.popleft()
                yield pair, doc
            return
        except Exception:  # noqa: BLE001 - retried one by one below, each failure reported
            while fed:
                pair = fed.popleft()
                try:
                    yield pair, nlp(pair[1].text)
                except Exception as exc:  # noqa: BLE001
                    yield pair, ExtractionError(_origin(pair[1]), f"cannot parse: {type(exc).__name__}: {exc}")
