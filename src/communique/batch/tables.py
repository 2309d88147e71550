"""Extractions as Parquet tables, one per record type, and back.

Every row carries ``article_seq`` (the article's position in the batch's input, unique in a
batch) and ``article_id`` (``Article.id``). Each record's columns are its ``to_dict``
fields (an actor's and an event's ``id`` renamed ``actor_id`` and ``event_id``), so
``records.py`` stays the one definition and ``from_dict`` rebuilds the records. The
schemas are fixed here so every shard, even an empty one, has the same columns and types.
docs/batch.md describes them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pyarrow as pa

from ..errors import CommuniqueError, ExtractionError, InputError
from ..records import Article, Extraction

_str, _int, _float, _bool = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_SPAN = pa.struct([("start", _int), ("end", _int), ("text", _str)])
_KEYS = [("article_seq", _int), ("article_id", _str)]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(_KEYS + [("title", _str), ("published", pa.date32()), ("url", _str), ("source", _str),
                                   ("summary", _str), ("text", _str), ("origin", _str)]),
    "actors": pa.schema(_KEYS + [("actor_id", _str), ("name", _str), ("kind", _str), ("country", _str),
                                 ("sector", _str), ("role", _str), ("mentions", pa.list_(_SPAN))]),
    "events": pa.schema(_KEYS + [
        ("event_id", _str), ("category", _str), ("mode", _str), ("contexts", pa.list_(_str)), ("aux", _str),
        ("source", pa.list_(_str)), ("target", pa.list_(_str)), ("reciprocal", _bool), ("date", _str),
        ("date_precision", _str),
        ("place", pa.struct([("name", _str), ("country", _str), ("lat", _float), ("lon", _float)])),
        ("score", _float), ("trigger", _SPAN), ("sentence", pa.struct([("start", _int), ("end", _int)])),
        ("confidence", _float), ("also", pa.list_(_SPAN)), ("cameo", _str), ("sentence_number", _int)]),
    "quotes": pa.schema(_KEYS + [("speaker", _str), ("cue", _SPAN), ("content", _SPAN), ("direct", _bool),
                                 ("event", _str), ("speaker_span", _SPAN), ("quoted", pa.list_(_SPAN))]),
    "times": pa.schema(_KEYS + [("start", _int), ("end", _int), ("text", _str), ("value", _str),
                                ("precision", _str)]),
    "places": pa.schema(_KEYS + [("name", _str), ("country", _str), ("lat", _float), ("lon", _float),
                                 ("feature", _str), ("mentions", pa.list_(_SPAN))]),
    "entities": pa.schema(_KEYS + [("type", _str), ("start", _int), ("end", _int), ("text", _str)]),
    "failures": pa.schema(_KEYS + [("path", _str), ("line", _int), ("stage", _str), ("reason", _str)]),
}
TABLES = tuple(SCHEMAS)
# Record lists of an Extraction, with the field an id is renamed from and to.
_RECORDS = {"actors": ("id", "actor_id"), "events": ("id", "event_id"), "quotes": None, "times": None,
            "places": None, "entities": None}


def extraction_rows(seq: int, ex: Extraction) -> dict[str, list[dict[str, Any]]]:
    keys = {"article_seq": seq, "article_id": ex.article.id}
    d = ex.to_dict()
    article = {k: v for k, v in d["article"].items() if k != "id"}
    article.update(published=ex.article.published, origin=ex.article.origin)
    out: dict[str, list[dict[str, Any]]] = {"articles": [{**keys, **article}]}
    for table, rename in _RECORDS.items():
        out[table] = [{**keys, **_renamed(r, rename)} for r in d[table]]
    return out


def failure_row(seq: int, error: CommuniqueError, article: Article | None) -> dict[str, Any]:
    from ..store.ingest import failure_of

    f = failure_of(error)
    return {"article_seq": seq, "article_id": article.id if article is not None else None, "path": f.path,
            "line": f.line, "stage": f.stage, "reason": f.reason}


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    schema = SCHEMAS[name]
    # from_pylist drops keys the schema lacks: a record field added without its column
    # would vanish from every shard without a word.
    missing = set(rows[0]) - set(schema.names) if rows else set()
    if missing:
        raise RuntimeError(f"the {name} table has no column for {', '.join(sorted(missing))}: add it to "
                           "communique/batch/tables.py and docs/batch.md")
    return pa.Table.from_pylist(rows, schema=schema)


def rebuild(tables: dict[str, pa.Table]) -> list[tuple[int, Extraction | CommuniqueError]]:
    """The extractions and errors of one shard's tables, by ``article_seq``."""
    by_seq: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name in _RECORDS:
        for row in tables[name].to_pylist():
            by_seq[row.pop("article_seq")][name].append(_renamed(row, _RECORDS[name], back=True))
    out: list[tuple[int, Extraction | CommuniqueError]] = []
    for row in tables["articles"].to_pylist():
        seq = row.pop("article_seq")
        records = by_seq.get(seq, {})
        published = row["published"]
        article = Article.from_dict({**row, "id": row["article_id"],
                                     "published": published.isoformat() if isinstance(published, dt.date) else None})
        article.origin = row["origin"]
        ex = Extraction.from_dict({"article": article.to_dict(), **records})
        ex.article = article
        out.append((seq, ex))
    for row in tables["failures"].to_pylist():
        out.append((row["article_seq"], _error(row)))
    out.sort(key=lambda pair: pair[0])
    return out


def _error(row: dict[str, Any]) -> CommuniqueError:
    if row["stage"] == "read":
        return InputError(row["path"], row["reason"], row["line"])
    where = f"{row['path']}:{row['line']}" if row["line"] else row["path"]
    return ExtractionError(where, row["reason"])


def _renamed(record: dict[str, Any], rename: tuple[str, str] | None, back: bool = False) -> dict[str, Any]:
    if rename is None:
        return {k: v for k, v in record.items() if k != "article_id"} if back else record
    old, new = (rename[1], rename[0]) if back else rename
    return {(new if k == old else k): v for k, v in record.items() if not (back and k == "article_id")}
