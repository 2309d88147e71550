"""Plain-text articles, and the byte-level checks every file reader shares.

A text file may start with a header line ``date YYYY-MM-DD <standfirst>``;
it sets the publication date and summary and is not part of the body, so
character offsets count from the first line of the article itself.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from communique.errors import InputError
from communique.records import Article

# Large enough for any news article; beyond it the input is almost certainly
# a dump or a wrongly chosen file, and would stall the NLP pipeline.
MAX_BYTES = 5 * 1024 * 1024
BINARY_SNIFF_BYTES = 8192

# Extensions whose content is never text; named so the message says what the file is.
BINARY_EXTENSIONS = frozenset(
    ".pdf .doc .docx .odt .rtf .xls .xlsx .ppt .pptx .epub .zip .gz .bz2 .xz .7z .tar"
    " .png .jpg .jpeg .gif .webp .bmp .tif .tiff .mp3 .mp4 .wav .avi .mov"
    " .exe .dll .so .bin .pyc .sqlite .db .parquet".split()
)

# "date" then something date-like: the author meant a header, so a bad date is
# reported rather than silently left in the body ("date night ..." is body).
_HEADER = re.compile(r"[ \t]*date[ \t]+([0-9][0-9./-]*)(?:[ \t]+(.*?))?[ \t]*\r?\n?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\r?\n)+")


def parse_header_line(line: str) -> tuple[dt.date, str | None] | None:
    """``(published, summary)`` from a ``date YYYY-MM-DD <standfirst>`` line, else None.

    Raises ValueError when the line is a header whose date is not a valid
    YYYY-MM-DD date (``date 2021-02-30``, ``date 26/03/2021``).
    """
    match = _HEADER.fullmatch(line)
    if match is None:
        return None
    raw_date, summary = match.group(1), (match.group(2) or "").strip()
    if not _ISO_DATE.fullmatch(raw_date):
        raise ValueError(f"header date {raw_date!r} is not in YYYY-MM-DD form")
    try:
        published = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise ValueError(f"header date {raw_date!r} is not a real date") from None
    return published, summary or None


def parse_text(raw: str, origin: str) -> Article:
    """An Article from the text of a file; raises InputError when there is no body."""
    raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        raise InputError(origin, "empty file")
    first, newline, rest = raw.partition("\n")
    try:
        header = parse_header_line(first + newline)
    except ValueError as err:
        raise InputError(origin, f"{err}; fix it, or remove the 'date YYYY-MM-DD' line", line=1) from None
    published, summary, body = None, None, raw
    if header is not None:
        (published, summary), body = header, rest
    # Only whole blank lines go: the body's first line keeps its indentation.
    body = _LEADING_BLANK_LINES.sub("", body).rstrip()
    if not body:
        raise InputError(origin, "no article text after the 'date' header line")
    return Article(text=body, published=published, summary=summary, origin=origin)


def read_text_file(path: str) -> Article:
    """An Article from a UTF-8 text file (see the module docstring for the header)."""
    return parse_text(decode_utf8(read_bytes(path, MAX_BYTES), path), path)


def read_bytes(path: str, limit: int) -> bytes:
    """The file's bytes, or an InputError for a missing, unreadable, oversized or binary file."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in BINARY_EXTENSIONS:
        raise InputError(path, f"binary file type '{suffix}' is not supported (expected text, HTML or JSONL)")
    try:
        size = p.stat().st_size
        if size > limit:
            raise InputError(path, f"file is too large ({size:,} bytes; the limit is {format_size(limit)})")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, f"cannot read file: {err.strerror or err}") from None
    check_bytes(data, path, limit)
    return data


def check_bytes(data: bytes, origin: str, limit: int) -> None:
    """Raise InputError for empty, oversized or binary content (shared by files and stdin)."""
    if not data:
        raise InputError(origin, "empty file")
    if len(data) > limit:
        raise InputError(origin, f"input is too large ({len(data):,} bytes; the limit is {format_size(limit)})")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(origin, "binary file (contains NUL bytes), not text")


def decode_utf8(data: bytes, origin: str, line: int | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise InputError(
            origin, f"not valid UTF-8 (byte 0x{bad} at offset {err.start}); convert the file to UTF-8", line=line
        ) from None


def format_size(limit: int) -> str:
    """A size limit in error messages: ``5 MB``."""
    return f"{limit / (1024 * 1024):g} MB"
