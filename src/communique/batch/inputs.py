"""A batch's inputs: anything ``read_inputs`` reads (JSONL, .jsonl.gz, directories, files),
and Parquet files of articles with the JSONL fields as columns (``text`` required; ``id``,
``title``, ``published``, ``url``, ``source``, ``summary``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import CommuniqueError, InputError
from ..readers import read_inputs
from ..records import Article

PARQUET_SUFFIXES = (".parquet", ".pq")
_FIELDS = ("text", "id", "title", "published", "date", "url", "source", "summary")


def read_batch_inputs(paths: Sequence[str]) -> Iterator[Article | CommuniqueError]:
    for path in paths:
        if path.lower().endswith(PARQUET_SUFFIXES):
            yield from read_parquet_file(path)
        else:
            yield from read_inputs([path])


def read_parquet_file(path: str, *, rows_per_read: int = 1000) -> Iterator[Article | InputError]:
    """One Article per row (origin ``path:ROW``, rows counted from 1), an InputError per bad row."""
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except FileNotFoundError:
        yield InputError(path, "no such file or directory")
        return
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
        yield InputError(path, f"cannot read Parquet file: {exc}")
        return
    columns = [c for c in _FIELDS if c in file.schema_arrow.names]
    if "text" not in columns:
        yield InputError(path, "no 'text' column; a Parquet input needs one article text per row")
        return
    row = 0
    for batch in file.iter_batches(batch_size=rows_per_read, columns=columns):
        for record in batch.to_pylist():
            row += 1
            try:
                yield _article(record, path, row)
            except InputError as err:
                yield err


def _article(record: dict[str, Any], path: str, row: int) -> Article:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, "field 'text' is empty or missing", line=row)
    published = record.get("published") or record.get("date")
    if isinstance(published, dt.datetime):
        published = published.date()
    elif isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published[:10])
        except ValueError:
            raise InputError(path, f"field 'published' is not an ISO date: {published!r}", line=row) from None
    elif not isinstance(published, dt.date):
        published = None
    given = record.get("id")
    return Article(text=text, id=str(given) if given is not None else "", published=published,
                   title=_str(record.get("title")), url=_str(record.get("url")), source=_str(record.get("source")),
                   summary=_str(record.get("summary")), origin=f"{path}:{row}")


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def count_batch_inputs(paths: Sequence[str]) -> int | None:
    """The items ``read_batch_inputs`` will yield, counted cheaply (Parquet: from its footer)."""
    import pyarrow.parquet as pq

    from ..readers.count import count_items

    total = 0
    for path in paths:
        if path.lower().endswith(PARQUET_SUFFIXES):
            try:
                total += pq.ParquetFile(path).metadata.num_rows or 1
            except Exception:  # noqa: BLE001 - the reader reports it, as one error
                total += 1
            continue
        n = count_items([path])
        if n is None:
            return None
        total += n
    return total
