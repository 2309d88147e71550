"""Bulk writes for ingest: rows straight to the driver's ``executemany``.

SQLAlchemy's per-row statement handling costs more than the insert itself at hundreds of
thousands of rows a second, so ingest hands each table's rows of a batch to the DBAPI
cursor in one ``executemany`` (through ``exec_driver_sql``, so a refused row still raises
SQLAlchemy's ``IntegrityError`` and friends). Values still go through the columns' own
bind processors (JSON, dates, booleans), so rows read back exactly as the ORM-less Core
inserts would have stored them.

Two forms: ``insert_dicts`` for the per-article tables (a few rows per article, built as
dicts that say which column is which), and ``insert`` for the high-volume event tables,
whose rows are built as tuples in a declared column order with their values already
encoded (``Codecs``), so nothing is looked up or converted twice.
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection


def allocate_ids(conn: Connection, table: sa.Table, n: int) -> Sequence[int]:
    """Ids for n new rows. Only ingest writes these tables, and it holds the ingest lock, so
    on SQLite the next ids are simply past the largest; PostgreSQL hands out its sequence's."""
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        return list(conn.exec_driver_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, {n})").scalars())
    start = conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar_one() + 1
    return range(start, start + n)


def _sql(conn: Connection, table: sa.Table, columns: Sequence[str]) -> str:
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(n) for n in columns)
    return f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join([mark] * len(columns))})"


def insert(conn: Connection, table: sa.Table, columns: Sequence[str], rows: list[tuple]) -> None:
    """Rows already in ``columns`` order with encoded values (see ``Codecs``)."""
    if rows:
        conn.exec_driver_sql(_sql(conn, table, columns), rows)


def insert_dicts(conn: Connection, table: sa.Table, values: list[dict[str, Any]]) -> None:
    """Rows as dicts of Python values; the columns' bind processors encode them here."""
    if not values:
        return
    names = tuple(values[0])
    processors = [(i, p) for i, p in enumerate(_processors(conn.dialect, table, names)) if p]
    getter = operator.itemgetter(*names)
    rows = [getter(v) for v in values] if len(names) > 1 else [(v[names[0]],) for v in values]
    if processors:
        fixed = []
        for row in rows:
            row = list(row)
            for i, p in processors:
                if row[i] is not None:
                    row[i] = p(row[i])
            fixed.append(tuple(row))
        rows = fixed
    conn.exec_driver_sql(_sql(conn, table, names), rows)


def insert_ids(conn: Connection, table: sa.Table, values: list[dict[str, Any]]) -> Sequence[int]:
    """``insert_dicts`` with fresh ids, which it returns in the order of ``values``."""
    ids = allocate_ids(conn, table, len(values))
    for row, new_id in zip(values, ids):
        row["id"] = new_id
    insert_dicts(conn, table, values)
    return ids


def encode_json(value: Any) -> str:
    # What sa.JSON would store; most contexts and "also" lists are short or empty.
    return json.dumps(value) if value else "[]"


_PROCESSORS: dict[tuple, list] = {}


def _processors(dialect: sa.Dialect, table: sa.Table, names: tuple[str, ...]) -> list:
    key = (dialect.name, table.name, names)
    if key not in _PROCESSORS:
        _PROCESSORS[key] = [encode_json if isinstance(table.c[n].type, sa.JSON)
                            else table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
    return _PROCESSORS[key]


def _identity(value: Any) -> Any:
    return value


@functools.lru_cache(maxsize=1024)
def _strings_json(values: tuple) -> str:
    return encode_json(list(values))


def encode_strings(values: Any) -> str:
    """encode_json of a list of strings (an event's contexts), remembered: a few lists recur
    across hundreds of thousands of mentions."""
    try:
        return _strings_json(tuple(values))
    except TypeError:  # something unhashable in it: not a list of strings, encode it as it is
        return encode_json(list(values))


@dataclass(frozen=True, slots=True)
class Codecs:
    """The encoders of the column types that the tuple-built rows hold, for one dialect."""

    boolean: Callable[[Any], Any]  # SQLAlchemy's: checks the value, 0/1 where there is no bool type
    json: Callable[[Any], str] = encode_json
    strings: Callable[[Any], str] = encode_strings

    @classmethod
    def of(cls, dialect: sa.Dialect) -> "Codecs":
        if dialect.name not in _CODECS:
            _CODECS[dialect.name] = cls(_boolean(sa.Boolean().dialect_impl(dialect).bind_processor(dialect)))
        return _CODECS[dialect.name]


def _boolean(processor: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    if processor is None:
        return _identity

    def encode(value: Any) -> Any:
        # A real bool binds as itself on every driver (SQLite stores 0/1 as the processor
        # would); anything else gets the processor's checks.
        return value if value.__class__ is bool else processor(value)

    return encode


_CODECS: dict[str, Codecs] = {}
