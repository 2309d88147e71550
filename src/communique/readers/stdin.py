"""Standard input (``-``): JSONL when it looks like JSONL, else one text article.

Piping a JSONL corpus into ``communique ingest -`` is the common case, and reading it as
one text article would store junk events, so the input is sniffed: JSONL when its first
non-blank character is ``{``. ``input_format`` ("jsonl", "text" or "html") overrides the
guess. JSONL is read line by line (each line within the size limit, any number of
lines); text and HTML are one article each, within the file size limits.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from typing import IO

from communique.errors import InputError
from communique.records import Article
from communique.readers.html import MAX_HTML_BYTES, parse_html
from communique.readers.jsonl import parse_jsonl_line
from communique.readers.text import MAX_BYTES, check_bytes, decode_utf8, parse_text

STDIN_ORIGIN = "<stdin>"
INPUT_FORMATS = ("jsonl", "text", "html")
# Enough to get past the leading blank lines of any real input.
_SNIFF_BYTES = 64 * 1024


def read_stdin(input_format: str | None = None, stream: IO | None = None) -> Iterator[Article | InputError]:
    """The articles on standard input (or ``stream``), an InputError for each bad one."""
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; use one of {', '.join(INPUT_FORMATS)}")
    stream = sys.stdin if stream is None else stream
    if stream is None:
        yield InputError(STDIN_ORIGIN, "no standard input")
        return
    raw = _binary(stream)
    head = raw.read(_SNIFF_BYTES)
    kind = input_format or ("jsonl" if head.lstrip()[:1] == b"{" else "text")
    if kind == "jsonl":
        yield from _jsonl_lines(head, raw)
        return
    limit = MAX_HTML_BYTES if kind == "html" else MAX_BYTES
    # One byte past the limit, so an oversized input is caught without reading it all.
    data = head + raw.read(max(limit + 1 - len(head), 0))
    try:
        check_bytes(data, STDIN_ORIGIN, limit)
        if kind == "html":
            yield parse_html(data, STDIN_ORIGIN)
        else:
            yield parse_text(decode_utf8(data, STDIN_ORIGIN), STDIN_ORIGIN)
    except InputError as err:
        yield err


def _binary(stream: IO) -> IO[bytes]:
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer
    if isinstance(stream.read(0), str):  # a text stream without bytes underneath (a StringIO)
        return io.BytesIO(stream.read().encode("utf-8"))
    return stream


def _jsonl_lines(head: bytes, rest: IO[bytes]) -> Iterator[Article | InputError]:
    seen_any = False
    for line_no, line in enumerate(_lines(head, rest), start=1):
        if not line.strip():
            continue
        seen_any = True
        try:
            yield parse_jsonl_line(line, STDIN_ORIGIN, line_no)
        except InputError as err:
            yield err
    if not seen_any:
        yield InputError(STDIN_ORIGIN, "empty input")


def _lines(head: bytes, rest: IO[bytes]) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of the stream, split on newlines."""
    pending = head
    while True:
        *complete, pending = pending.split(b"\n")
        yield from complete
        chunk = rest.read(_SNIFF_BYTES)
        if not chunk:
            break
        pending += chunk
    if pending:
        yield pending
