"""From command-line style inputs (files, directories, URLs, ``-``) to articles.

``read_inputs`` yields an InputError in place of each bad input and goes on,
so one unreadable file never costs the rest of a batch.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from communique.errors import InputError
from communique.records import Article
from communique.readers.html import read_html_file, read_url
from communique.readers.jsonl import read_jsonl_file
from communique.readers.stdin import read_stdin
from communique.readers.text import read_text_file

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
STDIN = "-"


def read_inputs(paths: Iterable[str], *, published: dt.date | None = None,
                input_format: str | None = None) -> Iterator[Article | InputError]:
    """Articles and errors, in input order; ``published`` overrides every article's date.
    ``input_format`` ("jsonl", "text", "html") says what standard input holds (see ``read_stdin``)."""
    for path in paths:
        for item in read_path(path, input_format=input_format):
            if published is not None and isinstance(item, Article):
                item.published = published
            yield item


def read_path(path: str, *, input_format: str | None = None) -> Iterator[Article | InputError]:
    """Everything one input holds: a file, a directory (recursively), a URL or ``-``."""
    if path == STDIN:
        yield from read_stdin(input_format)
    elif path.startswith(("http://", "https://")):
        yield from _guard(read_url, path)
    elif os.path.isdir(path):
        yield from _read_directory(path)
    else:
        yield from _read_file(path)


def find_files(directory: str) -> tuple[list[str], list[InputError]]:
    """Article files under ``directory`` in sorted path order, skipping hidden entries."""
    found: list[Path] = []
    problems: list[InputError] = []

    def on_error(err: OSError) -> None:
        problems.append(InputError(err.filename or directory, f"cannot read directory: {err.strerror or err}"))

    for root, dirs, files in os.walk(directory, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, f) for f in files if not f.startswith(".") and _kind(f) is not None]
    # Sorting on path parts walks the tree in order (a/b.txt before a.txt/..., z.txt).
    return [str(p) for p in sorted(found, key=lambda p: p.parts)], problems


def _read_directory(directory: str) -> Iterator[Article | InputError]:
    files, problems = find_files(directory)
    yield from problems
    if not files and not problems:
        yield InputError(directory, "no articles found (looked for .txt, .html, .jsonl files)")
    for path in files:
        yield from _read_file(path)


def _read_file(path: str) -> Iterator[Article | InputError]:
    kind = _kind(path)
    if kind == "jsonl":
        yield from read_jsonl_file(path)
    elif kind == "html":
        yield from _guard(read_html_file, path)
    else:
        # Named files with other extensions are tried as text; binary ones are refused there.
        yield from _guard(read_text_file, path)


def _kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def _guard(read: Callable[..., Article], *args: str) -> Iterator[Article | InputError]:
    try:
        yield read(*args)
    except InputError as err:
        yield err
