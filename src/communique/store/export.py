"""Exports of canonical events: CSV, JSONL (with every report), Parquet, and CAMEO rows.

The CAMEO format is tab-separated, one row per country pair, with GDELT 1.0 column names
where the meaning is the same (SQLDATE, Actor1CountryCode, EventRootCode, QuadClass,
NumMentions, NumSources, NumArticles, ActionGeo_*, SOURCEURL), so GDELT and ICEWS users
can line the two up. PLOVER's score is not the Goldstein scale, so its column is
``PLOVERScore``. Root codes come from the CAMEO-to-PLOVER crosswalk (lexicon.plover_root_code).

A file is written beside its destination and renamed into place when complete, so a
failed export never leaves half a file under the requested name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
import secrets
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from ..ontology import lexicon
from .errors import ExportError
from .results import StoredEvent

FORMATS = ("csv", "jsonl", "parquet", "cameo")

CAMEO_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "DatePrecision",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "PLOVERCategory", "PLOVERMode", "PLOVERScore", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
]


def cameo_rows(event: StoredEvent, day: dt.date | None) -> Iterator[dict[str, object]]:
    """GDELT-style rows of one event: one per (actor 1, actor 2) country pair."""
    if event.reciprocal:
        pairs = list(itertools.combinations(event.source, 2)) or [(event.source[0] if event.source else "", "")]
    else:
        pairs = [(a, b) for a in (event.source or [""]) for b in (event.target or [""])]
    root = lexicon.plover_root_code(event.category)
    for a, b in pairs:
        yield {
            "GLOBALEVENTID": event.id,
            "SQLDATE": day.strftime("%Y%m%d") if day else "",
            "MonthYear": day.strftime("%Y%m") if day else "",
            "Year": day.year if day else "",
            "DatePrecision": event.date_precision or "",
            "Actor1Code": a, "Actor1Name": (lexicon.country_name(a) or a).upper() if a else "",
            "Actor1CountryCode": a,
            "Actor2Code": b, "Actor2Name": (lexicon.country_name(b) or b).upper() if b else "",
            "Actor2CountryCode": b,
            "IsRootEvent": 1, "EventCode": root, "EventBaseCode": root, "EventRootCode": root,
            "QuadClass": lexicon.quad_class(event.category),
            "PLOVERCategory": event.category, "PLOVERMode": event.mode or "",
            "PLOVERScore": "" if event.score is None else event.score,
            "NumMentions": event.mentions, "NumSources": event.sources, "NumArticles": event.articles,
            "ActionGeo_FullName": event.place or "", "ActionGeo_CountryCode": event.place_country or "",
            "ActionGeo_Lat": "" if event.lat is None else event.lat,
            "ActionGeo_Long": "" if event.lon is None else event.lon,
            "SOURCEURL": event.url or "",
        }


def _event_day(event: StoredEvent) -> dt.date | None:
    from .dedup import date_range

    dates = date_range(event.date, event.date_precision)
    return dt.date.fromordinal(dates[0]) if dates else None


def check_destination(path: str) -> None:
    """Refuse a destination that is not a new or a regular file: an export replaces only
    a file, never a directory, a symbolic link, a FIFO or a device (as root it could)."""
    if path == "":
        raise ExportError("empty output path: give --out FILE, or '-' for standard output")
    if not os.path.basename(path) or path.endswith(("/", os.sep)):
        raise ExportError(f"cannot write {path}: it names a folder; give a file name")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ExportError(f"cannot write {path}: folder {folder} does not exist")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror}") from None
    if not stat.S_ISREG(mode):
        kind = ("a directory" if stat.S_ISDIR(mode) else "a symbolic link" if stat.S_ISLNK(mode)
                else "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "not a regular file")
        raise ExportError(f"cannot write {path}: it is {kind}, and an export only replaces a regular "
                          "file; give another --out FILE")


@contextmanager
def _destination(path: str, binary: bool = False) -> Iterator[IO]:
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    check_destination(path)
    folder = os.path.dirname(os.path.abspath(path))
    partial = os.path.join(folder, f"{os.path.basename(path)}.{secrets.token_hex(4)}.part")
    try:
        # A new file of its own beside the destination (O_EXCL: never a link someone planted),
        # with the permissions the umask gives any new file.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror}") from None
    try:
        with open(fd, "wb" if binary else "w", encoding=None if binary else "utf-8",
                  newline=None if binary else "") as f:
            yield f
        check_destination(path)  # again: something may have been put there meanwhile
        try:
            os.replace(partial, path)
        except OSError as err:
            raise ExportError(f"cannot write {path}: {err.strerror}") from None
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def write(events: Iterable[StoredEvent], fmt: str, path: str) -> int:
    """Write events to ``path`` ("-" for standard output) in ``fmt``; returns rows written."""
    if fmt == "parquet":
        return _parquet(events, path)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    n = 0
    with _destination(path) as f:
        if fmt == "jsonl":
            for e in events:
                f.write(json.dumps(e.to_dict(), ensure_ascii=False, default=str) + "\n")
                n += 1
        elif fmt == "csv":
            writer = None
            for e in events:
                row = e.flat()
                if writer is None:
                    writer = csv.DictWriter(f, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
                n += 1
            if writer is None:
                f.write(",".join(StoredEvent.__dataclass_fields__) + "\n")
        else:
            writer = csv.DictWriter(f, fieldnames=CAMEO_COLUMNS, delimiter="\t", lineterminator="\n")
            writer.writeheader()
            for e in events:
                for row in cameo_rows(e, _event_day(e)):
                    writer.writerow(row)
                    n += 1
    return n


def _parquet(events: Iterable[StoredEvent], path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet export needs pyarrow: pip install 'communique[export]'") from None
    if path == "-":
        raise ExportError("Parquet cannot stream to standard output; give --out FILE")
    n = 0
    with _destination(path, binary=True) as f:
        writer = None
        iterator = iter(events)
        while True:
            rows = [e.flat() for e in itertools.islice(iterator, 10_000)]
            if not rows:
                break
            table = pa.Table.from_pylist(rows, schema=writer.schema if writer else _PARQUET_SCHEMA(pa))
            if writer is None:
                writer = pq.ParquetWriter(f, table.schema)
            writer.write_table(table)
            n += len(rows)
        if writer is None:
            writer = pq.ParquetWriter(f, _PARQUET_SCHEMA(pa))
        writer.close()
    return n


def _PARQUET_SCHEMA(pa):  # noqa: N802 - built lazily, pyarrow is optional
    string, double, int64 = pa.string(), pa.float64(), pa.int64()
    return pa.schema([
        ("id", int64), ("category", string), ("group", string), ("mode", string), ("aux", string),
        ("date", string), ("date_precision", string), ("source", string), ("target", string),
        ("reciprocal", pa.bool_()), ("score", double), ("place", string), ("place_country", string),
        ("lat", double), ("lon", double), ("mentions", int64), ("articles", int64), ("sources", int64),
        ("confidence", double), ("trigger", string), ("evidence", string), ("url", string), ("title", string), ("dyad", string),
    ])


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
