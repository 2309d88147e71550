"""JSONL files (optionally gzipped): one article per line, one error per bad line.

Fields: ``text`` (required), ``id``, ``title``, ``published`` (ISO date or
datetime; ``date`` is accepted too, as many corpora name it so), ``url``,
``source``, ``summary``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

from communique.errors import InputError
from communique.records import Article
from communique.readers.text import BINARY_SNIFF_BYTES, MAX_BYTES, decode_utf8, format_size

_OPTIONAL_STRINGS = ("title", "url", "source", "summary")


def read_jsonl_file(path: str) -> Iterator[Article | InputError]:
    """Articles from each line; a bad line or file yields an InputError instead of raising."""
    line_no = 0
    try:
        with _open(path) as f:
            if b"\x00" in f.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES]:
                yield InputError(path, "binary file (contains NUL bytes), not JSONL")
                return
            seen_any = False
            for line_no, raw in enumerate(f, start=1):
                if not raw.strip():
                    continue
                seen_any = True
                try:
                    yield parse_jsonl_line(raw, path, line_no)
                except InputError as err:
                    yield err
            if not seen_any:
                yield InputError(path, "empty file")
    except FileNotFoundError:
        yield InputError(path, "no such file or directory")
    except PermissionError:
        yield InputError(path, "permission denied")
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        yield InputError(path, f"corrupt gzip file ({err})", line=line_no + 1 if line_no else None)
    except OSError as err:
        yield InputError(path, f"cannot read file: {err.strerror or err}")


def parse_jsonl_line(raw: bytes | str, path: str, line_no: int) -> Article:
    if len(raw) > MAX_BYTES:
        raise InputError(path, f"line is too large ({len(raw):,} bytes; the limit is {format_size(MAX_BYTES)})", line=line_no)
    text_line = decode_utf8(raw, path, line_no) if isinstance(raw, bytes) else raw
    try:
        record = json.loads(text_line)
    except json.JSONDecodeError as err:
        raise InputError(path, f"invalid JSON ({err.msg} at column {err.colno})", line=line_no) from None
    except RecursionError:
        raise InputError(path, "invalid JSON: nested too deeply to read", line=line_no) from None
    except ValueError:
        # The one other ValueError: Python refuses integers of over 4,300 digits.
        raise InputError(path, "invalid JSON: a number too long to read (over 4,300 digits)",
                         line=line_no) from None
    if not isinstance(record, dict):
        raise InputError(path, f"expected a JSON object, got {type(record).__name__}", line=line_no)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        problem = "missing" if text is None else "empty" if isinstance(text, str) else "not a string"
        raise InputError(path, f"field 'text' is {problem}; each line needs the article text", line=line_no)
    fields = {name: _optional_str(record, name, path, line_no) for name in _OPTIONAL_STRINGS}
    article_id = record.get("id")
    if isinstance(article_id, int) and not isinstance(article_id, bool):
        article_id = str(article_id)
    elif article_id is not None and not isinstance(article_id, str):
        raise InputError(path, "field 'id' must be a string or an integer", line=line_no)
    return Article(
        text=text,
        id=article_id or "",
        published=_published(record, path, line_no),
        origin=f"{path}:{line_no}",
        **fields,
    )


def _open(path: str) -> IO[bytes]:
    # Buffered binary either way: bytes keep UTF-8 errors per line, and peek() sniffs NULs.
    if path.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _optional_str(record: dict[str, Any], name: str, path: str, line_no: int) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(path, f"field '{name}' must be a string", line=line_no)
    return value


def _published(record: dict[str, Any], path: str, line_no: int) -> dt.date | None:
    name = "published" if record.get("published") is not None else "date"
    value = record.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(path, f"field '{name}' must be an ISO date string", line=line_no)
    try:
        # fromisoformat takes dates and datetimes (with "Z" or an offset) alike.
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise InputError(path, f"field '{name}' is not an ISO date: {value!r}", line=line_no) from None
