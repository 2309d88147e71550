"""Exports of canonical events: flat tables (CSV, JSONL, Parquet) and GDELT- and
ICEWS-shaped event files (tab-separated, one row per event).

Every flat format has the same columns (``export_rows.FLAT_COLUMNS``, built by one
function, ``export_rows.event_row``); JSONL adds each event's reports. ``gdelt`` writes
the GDELT 2.0 event table's 61 columns, ``icews`` the ICEWS event file's
(``export_gdelt``). ``cameo``, the name of an older GDELT-like format, now means ``gdelt``.

A file is written beside its destination and renamed into place when complete, so a
failed export never leaves half a file under the requested name.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from .errors import ExportError
from .export_gdelt import GDELT_COLUMNS, ICEWS_COLUMNS, gdelt_row, icews_row
from .export_queries import EventDetails
from .export_rows import FLAT_COLUMNS, csv_value, event_row, json_value, parquet_schema
from .results import StoredEvent

FORMATS = ("csv", "jsonl", "parquet", "gdelt", "icews", "cameo", "gold")  # gold: gold_export.py, via Store.export
# Old format names and what they mean now.
ALIASES = {"cameo": "gdelt"}

Item = tuple[StoredEvent, EventDetails]


@contextmanager
def _destination(path: str, binary: bool = False) -> Iterator[IO]:
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    partial = path + ".part"
    try:
        f = open(partial, "wb" if binary else "w", encoding=None if binary else "utf-8",
                 newline=None if binary else "")
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror}") from None
    try:
        with f:
            yield f
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def write(items: Iterable[Item], fmt: str, path: str) -> int:
    """Write (event, details) pairs to ``path`` ("-" for standard output) in ``fmt``;
    returns the rows written."""
    fmt = ALIASES.get(fmt, fmt)
    if fmt == "parquet":
        return _parquet(items, path)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    n = 0
    with _destination(path) as f:
        if fmt == "jsonl":
            for event, details in items:
                row = {k: json_value(v) for k, v in event_row(event, details).items()}
                row["reports"] = [r.to_dict() for r in event.reports]
                f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                n += 1
            return n
        if fmt == "csv":
            writer = csv.DictWriter(f, fieldnames=[c[0] for c in FLAT_COLUMNS])
            build = lambda e, d: {k: csv_value(k, v) for k, v in event_row(e, d).items()}  # noqa: E731
        else:
            columns, build = (GDELT_COLUMNS, gdelt_row) if fmt == "gdelt" else (ICEWS_COLUMNS, icews_row)
            writer = csv.DictWriter(f, fieldnames=columns, delimiter="\t", lineterminator="\n",
                                    quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writeheader()
        for event, details in items:
            writer.writerow(_one_line(build(event, details)) if fmt != "csv" else build(event, details))
            n += 1
    return n


def _one_line(row: dict) -> dict:
    # Tab-separated files have no quoting: tabs and line breaks inside a value become spaces.
    for k, v in row.items():
        if isinstance(v, str) and ("\t" in v or "\n" in v or "\r" in v):
            row[k] = " ".join(v.split())
    return row


def _parquet(items: Iterable[Item], path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet export needs pyarrow: pip install 'communique[export]'") from None
    if path == "-":
        raise ExportError("Parquet cannot stream to standard output; give --out FILE")
    schema = parquet_schema(pa)
    n = 0
    with _destination(path, binary=True) as f:
        writer = pq.ParquetWriter(f, schema)
        iterator = iter(items)
        while True:
            rows = [event_row(e, d) for e, d in itertools.islice(iterator, 10_000)]
            if not rows:
                break
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
        writer.close()
    return n


def to_text(rows: list[dict], fmt: str) -> str:
    """CSV, JSON or JSONL text of flat or nested rows, for the query commands."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return buf.getvalue()
    raise ExportError(f"unknown format {fmt!r}")
