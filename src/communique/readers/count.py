"""How many items ``read_inputs`` will yield, counted cheaply before a run, for a progress
bar's total: one per article file, one per non-blank JSONL line (gzip read as a stream).
``None`` when an input cannot be counted ahead (standard input, a URL)."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable

from communique.readers.discover import STDIN, _kind, find_files


def count_items(paths: Iterable[str]) -> int | None:
    total = 0
    for path in paths:
        n = _count_path(path)
        if n is None:
            return None
        total += n
    return total


def _count_path(path: str) -> int | None:
    if path == STDIN or path.startswith(("http://", "https://")):
        return None
    if os.path.isdir(path):
        files, problems = find_files(path)
        return len(problems) + sum(_count_file(f) for f in files) or 1
    return _count_file(path)


def _count_file(path: str) -> int:
    if _kind(path) != "jsonl":
        return 1
    try:
        opener = gzip.open if path.lower().endswith(".gz") else open
        with opener(path, "rb") as f:
            return sum(1 for line in f if line.strip()) or 1
    except (OSError, EOFError, ValueError):
        return 1  # the reader reports it, as one error
