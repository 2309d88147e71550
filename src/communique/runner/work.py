"""The per-article work every engine runs, and how its results travel between processes.

``extract_articles`` is what a worker process (or a Dask task) does with the articles it is
handed: parse them in batches and extract each (``pipeline.extract_stream``, so a defect on
one article costs that article only). Results go back without the article text, which the
sender already holds, and errors as plain tuples, so any process can rebuild them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, Callable

from ..errors import CommuniqueError, ExtractionError, InputError
from ..records import Article, Extraction

Result = Extraction | CommuniqueError


class _Boundary:
    def __repr__(self) -> str:
        return "BOUNDARY"


# In an input stream, BOUNDARY ends the current chunk (and yields no result), so that chunks
# start where a batch's shards start: the parser's batches, and so its output (the entity
# head's can depend on its batch), are then the same however much of the input a run skips.
BOUNDARY = _Boundary()
# work(articles, model, batch_size) -> one result per article, in order.
Work = Callable[[Iterable[Article | CommuniqueError], str, int], Iterator[Result]]


def extract_articles(articles: Iterable[Article | CommuniqueError], model: str, batch_size: int) -> Iterator[Result]:
    """Parse and extract each article; errors pass through in their place."""
    from ..pipeline import extract_stream

    return extract_stream(articles, batch_size=batch_size, model=model)


def chunks(items: Iterable[Article | CommuniqueError | _Boundary], size: int
           ) -> Iterator[list[Article | CommuniqueError]]:
    """Runs of items holding ``size`` articles each, errors among them in their places; every
    engine cuts its input so, and hands each run to the work as one parser batch."""
    chunk: list[Article | CommuniqueError] = []
    articles = 0
    for item in items:
        if item is BOUNDARY:
            if chunk:
                yield chunk
            chunk, articles = [], 0
            continue
        chunk.append(item)  # type: ignore[arg-type]
        articles += isinstance(item, Article)
        if articles == size:
            yield chunk
            chunk, articles = [], 0
    if chunk:
        yield chunk


def origin(article: Article) -> str:
    return article.origin or article.id


def to_wire(result: Result) -> Any:
    """A result as it crosses a process boundary: an Extraction without its article (the
    sender has it), an error as (kind, path, reason, line)."""
    if isinstance(result, Extraction):
        return dataclasses.replace(result, article=None)
    kind = "input" if isinstance(result, InputError) else "extract"
    return (kind, str(getattr(result, "path", "") or ""), str(getattr(result, "reason", result)),
            getattr(result, "line", None))


def from_wire(payload: Any, article: Article) -> Result:
    if isinstance(payload, Extraction):
        payload.article = article
        return payload
    kind, path, reason, line = payload
    if kind == "input":
        return InputError(path, reason, line)
    return ExtractionError(path or origin(article), reason)
