"""The read/unread split of every dev set we tune on.

Rules are written from the errors of the *read* part; the *unread* part is only ever
scored, never looked at, so that a rule counts when it raises the part nobody read. The
split is a fixed hash of each item's key, so it is the same on every machine and run and
does not move when items are added: an item's part depends on its key alone.

Keys: news, the article ``id``; cameo-news, the record ``id``; PLOVER, the sentence text;
MEANTIME, the document's file name without folders.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

__all__ = ["PARTS", "SCORED_PARTS", "in_part", "part", "part_headline", "select"]

T = TypeVar("T")

PARTS = ("all", "read", "unread")
SCORED_PARTS = ("read", "unread")


def part(key: str) -> str:
    """'read' or 'unread' for an item key (the project-wide definition: do not change it,
    every figure ever reported for a part rests on it)."""
    return "read" if int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % 2 == 0 \
        else "unread"


def in_part(key: str, which: str) -> bool:
    if which not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {which!r}")
    return which == "all" or part(key) == which


def select(items: Iterable[T], key: Callable[[T], str], which: str) -> list[T]:
    """The items of one part, in their order."""
    return [x for x in items if in_part(key(x), which)]


def part_headline(by_part: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """One headline from the headline of each part scored: the whole set's figures keep
    their plain names (``event_f1``), a part's are prefixed (``read.event_f1``,
    ``unread.event_f1``). A report of one part only (``--part read``) has only prefixed keys."""
    out: dict[str, float] = {}
    for name, headline in by_part.items():
        prefix = "" if name == "all" else f"{name}."
        out.update({f"{prefix}{k}": v for k, v in headline.items()})
    return out
