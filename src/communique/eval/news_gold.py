"""Reading the news gold (``gold/news/*.jsonl``, coded per its GUIDELINES.md) and the corpus
its articles come from. Every problem is a GoldFormatError naming the file and line."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import gold_lines, GoldFormatError

__all__ = ["GoldActor", "GoldArticle", "GoldEvent", "attach_texts", "gold_files", "load_news_gold"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_AUX = {None, "future", "hypothetical", "negated", "historical"}


@dataclass(slots=True)
class GoldActor:
    id: str
    name: str
    kind: str
    mentions: list[str]
    country: str | None
    sector: str | None
    role: str | None = None


@dataclass(slots=True)
class GoldEvent:
    sentence: str
    trigger: str
    category: str
    also_ok: list[str]
    source: list[str]
    target: list[str]
    reciprocal: bool
    aux: str | None
    date: str                        # "YYYY", "YYYY-MM" or "YYYY-MM-DD"

    @property
    def categories(self) -> set[str]:
        return {self.category, *self.also_ok}


@dataclass(slots=True)
class GoldArticle:
    id: str
    corpus: str
    published: dt.date | None
    actors: list[GoldActor]
    events: list[GoldEvent]
    path: str = ""
    line: int = 0
    text: str = ""                   # filled from the corpus by attach_texts
    actor_by_id: dict[str, GoldActor] = field(default_factory=dict)


def _need(row: dict, key: str, kind: type | tuple, what: str, path: str, line: int) -> Any:
    value = row.get(key)
    if not isinstance(value, kind):
        raise GoldFormatError(path, f"{what}: {key!r} must be {_kind_name(kind)}, got {value!r}", line)
    return value


def _kind_name(kind: type | tuple) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join("null" if k is type(None) else k.__name__ for k in kinds)


def _actor(row: Any, path: str, line: int) -> GoldActor:
    if not isinstance(row, dict):
        raise GoldFormatError(path, f"an actor must be an object, got {row!r}", line)
    aid = _need(row, "id", str, "actor", path, line)
    what = f"actor {aid}"
    mentions = _need(row, "mentions", list, what, path, line)
    if not mentions or not all(isinstance(m, str) and m for m in mentions):
        raise GoldFormatError(path, f"{what}: 'mentions' must be a non-empty list of strings", line)
    return GoldActor(aid, _need(row, "name", str, what, path, line), _need(row, "kind", str, what, path, line),
                     mentions, _need(row, "country", (str, type(None)), what, path, line),
                     _need(row, "sector", (str, type(None)), what, path, line), row.get("role"))


def _event(row: Any, n: int, ids: set[str], path: str, line: int) -> GoldEvent:
    if not isinstance(row, dict):
        raise GoldFormatError(path, f"event {n} must be an object, got {row!r}", line)
    what = f"event {n}"
    ev = GoldEvent(
        _need(row, "sentence", str, what, path, line), _need(row, "trigger", str, what, path, line),
        _need(row, "category", str, what, path, line), list(row.get("also_ok") or []),
        _need(row, "source", list, what, path, line), list(row.get("target") or []),
        bool(row.get("reciprocal", False)), row.get("aux"), str(row.get("date", "")))
    if ev.trigger not in ev.sentence:
        raise GoldFormatError(path, f"{what}: trigger {ev.trigger!r} is not inside its sentence", line)
    for side in (ev.source, ev.target):
        for ref in side:
            if ref not in ids:
                raise GoldFormatError(path, f"{what}: {ref!r} is no actor id of this article", line)
    if ev.aux not in _AUX:
        raise GoldFormatError(path, f"{what}: aux {ev.aux!r} is none of future, hypothetical, negated, "
                                    "historical or null", line)
    if not _DATE.match(ev.date):
        raise GoldFormatError(path, f"{what}: date {ev.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", line)
    return ev


def load_news_gold(path: str | Path) -> list[GoldArticle]:
    """The articles of one gold file, in file order, without their texts (see attach_texts)."""
    path = Path(path)
    where = str(path)
    out = []
    for n, raw in gold_lines(path):
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(where, f"not JSON ({exc.msg}); each line is one article "
                                         '{"id", "corpus", "published", "actors", "events"}', n) from None
        if not isinstance(row, dict):
            raise GoldFormatError(where, "each line must be one article object", n)
        aid = _need(row, "id", (str, int), "article", where, n)
        corpus = _need(row, "corpus", str, f"article {aid}", where, n)
        actors = [_actor(a, where, n) for a in _need(row, "actors", list, f"article {aid}", where, n)]
        ids = {a.id for a in actors}
        events = [_event(e, i, ids, where, n)
                  for i, e in enumerate(_need(row, "events", list, f"article {aid}", where, n), 1)]
        published = None
        if row.get("published"):
            try:
                published = dt.date.fromisoformat(str(row["published"])[:10])
            except ValueError:
                raise GoldFormatError(where, f"published {row['published']!r} is not an ISO date", n) from None
        out.append(GoldArticle(str(aid), corpus, published, actors, events, where, n,
                               actor_by_id={a.id: a for a in actors}))
    if not out:
        raise GoldFormatError(where, "no articles")
    return out


def gold_files(path: str | Path) -> list[Path]:
    """A gold file, or every ``*.jsonl`` of a gold folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise GoldFormatError(str(path), "no .jsonl gold file in this folder")
        return files
    return [path]


def _read_corpus(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(str(path), f"cannot read the corpus: {exc.strerror or exc}; pass --corpus "
                                         "NAME=PATH to say where it is") from None
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            out[str(row["id"])] = row["text"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise GoldFormatError(str(path), 'not a corpus line {"id", "text", ...}', n) from None
    return out


def attach_texts(articles: list[GoldArticle], corpora: dict[str, str | Path] | None = None) -> None:
    """Fill each article's text from its corpus: ``corpus: NAME`` is ``<gold file's
    folder>/../../corpus/NAME.jsonl`` unless ``corpora`` maps NAME (or ``"*"``, any name)
    to a file. Checks that every quoted mention and sentence is in the text."""
    corpora = dict(corpora or {})
    cache: dict[Path, dict[str, str]] = {}
    for a in articles:
        given = corpora.get(a.corpus, corpora.get("*"))
        cpath = Path(given) if given else Path(a.path).parent / ".." / ".." / "corpus" / f"{a.corpus}.jsonl"
        if cpath not in cache:
            cache[cpath] = _read_corpus(cpath)
        text = cache[cpath].get(a.id)
        if text is None:
            raise GoldFormatError(a.path, f"article {a.id!r} is not in the corpus {cpath}", a.line)
        for ev_n, ev in enumerate(a.events, 1):
            if ev.sentence not in text:
                raise GoldFormatError(a.path, f"event {ev_n}: its sentence is not in article {a.id}", a.line)
        a.text = text
