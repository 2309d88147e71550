"""What queries return: small records with ``to_dict`` (nested, for JSON) and ``flat``
(scalars only, for CSV, Parquet and tables). ``to_frame`` makes a pandas DataFrame of any list."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def _plain(record: Any) -> dict[str, Any]:
    """The record's fields, dates as ISO strings (datetimes to the second) for JSON and CSV."""
    d = asdict(record)
    for key, value in d.items():
        if isinstance(value, dt.datetime):
            d[key] = value.isoformat(timespec="seconds")
        elif isinstance(value, dt.date):
            d[key] = value.isoformat()
    return d


@dataclass(slots=True)
class EventMention:
    """One report of an event: the article, the trigger words and their sentence."""

    id: int
    article: str  # the article's identity (URL or text hash)
    article_id: str  # the id it was read with
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    event: str  # the event's id within the article ("e3")
    trigger: dict[str, Any]  # {"start", "end", "text"}
    sentence: dict[str, Any]  # {"start", "end", "text"}
    date: str | None
    confidence: float
    source_actors: list[str] = field(default_factory=list)
    target_actors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(slots=True)
class StoredEvent:
    """A canonical event: the mentions of one real-world event across articles."""

    id: int
    category: str
    group: str
    mode: str | None
    aux: str | None
    date: str | None
    date_precision: str | None
    source: list[str]  # countries
    target: list[str]
    reciprocal: bool
    score: float | None
    place: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    mentions: int
    articles: int
    sources: int
    confidence: float | None  # the most confident report's
    trigger: str | None  # the lead mention's trigger words
    evidence: str | None  # ... and its sentence
    url: str | None  # ... and its article
    title: str | None
    reports: list[EventMention] = field(default_factory=list)  # filled on request
    # None for the machine's record as coded; else what reviewers said and changed (reviews.py).
    review: dict[str, Any] | None = None

    @property
    def dyad(self) -> str:
        """"IND-KOR" for a directed event, "IND+KOR" for a reciprocal one."""
        if self.reciprocal:
            return "+".join(self.source)
        return f"{','.join(self.source) or '?'}-{','.join(self.target) or '?'}"

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "reports"}
        d["dyad"] = self.dyad
        d["reports"] = [r.to_dict() for r in self.reports]
        return d

    def flat(self) -> dict[str, Any]:
        d = self.to_dict()
        del d["reports"]
        d["review"] = self.review["status"] if self.review else None
        d["source"] = " ".join(self.source)
        d["target"] = " ".join(self.target)
        return d


@dataclass(slots=True)
class TimelineRow:
    period: str  # "2024-05-10", "2024-W19", "2024-05" or "2024"
    start: dt.date
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    events: int
    mean_score: float | None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    flat = to_dict


@dataclass(slots=True)
class ActorSummary:
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    articles: int
    mentions: int
    events: int

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    flat = to_dict


@dataclass(slots=True)
class StoredQuote:
    speaker: str | None
    country: str | None
    role: str | None
    content: str
    cue: str
    direct: bool
    published: dt.date | None
    title: str | None
    url: str | None
    article: str
    start: int  # offsets of the content in the article text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    flat = to_dict


@dataclass(slots=True)
class SearchHit:
    article: str
    article_id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    snippet: str
    events: int

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    flat = to_dict


@dataclass(slots=True)
class DyadSummary:
    dyad: str  # "IND-KOR": the two countries, in alphabetical order
    events: int
    mentions: int
    first: dt.date | None
    last: dt.date | None
    # Events per PLOVER category group (GDELT's quad classes 1 to 4) and their mean score.
    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0
    mean_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    flat = to_dict


@dataclass(slots=True)
class StoredFailure:
    path: str
    line: int | None
    stage: str
    reason: str
    attempts: int
    last_seen: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    flat = to_dict


def to_frame(records: list[Any]):
    """A pandas DataFrame with one row per record and its flat columns."""
    try:
        import pandas as pd
    except ImportError:
        from .errors import ExportError

        raise ExportError("DataFrames need pandas: pip install 'communique[export]'") from None
    return pd.DataFrame([r.flat() for r in records])
