"""The record types: one definition of each, used by every layer.

Every span is a pair of character offsets into ``Article.text`` (the body,
without any header line) together with the text it covers, so each field of
each record can be traced back to the words it came from.

``to_dict`` gives the public JSON contract; ``from_dict`` reverses it exactly,
so the store, the HTTP API and the exports can all rebuild records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

ActorKind = Literal["person", "organisation", "country", "group"]
Precision = Literal["day", "month", "year", "week", "quarter", "half", "decade", "century", "duration", "unknown"]
AuxMode = Literal["historical", "future", "hypothetical", "negated"]

__all__ = [
    "ENTITY_TYPES",
    "Actor",
    "Article",
    "Entity",
    "Event",
    "Extraction",
    "Place",
    "PlaceRef",
    "Quote",
    "Span",
    "TimeRef",
]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


def _date_to_str(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_from_str(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


def text_hash(text: str) -> str:
    """Stable identity of an article without a URL: hash of whitespace-normalised text."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate (which JSON escapes such as "\\ud800" can carry,
    and which no UTF-8 file, database or JSON output can hold) replaced by U+FFFD; one
    character for one, so every offset stays where it was."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


@dataclass(slots=True)
class Article:
    text: str
    id: str = ""
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    summary: str | None = None
    # Where the article came from (file path and line), for error messages
    # and failure records; not part of the JSON contract.
    origin: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"an article's text must be a str, not {type(self.text).__name__}")
        for name in ("text", "id", "title", "url", "source", "summary"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, valid_unicode(value))
        if not self.id:
            self.id = self.url or text_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": _date_to_str(self.published),
            "url": self.url,
            "source": self.source,
            "summary": self.summary,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        return cls(
            text=d["text"],
            id=d.get("id") or "",
            title=d.get("title"),
            published=_date_from_str(d.get("published")),
            url=d.get("url"),
            source=d.get("source"),
            summary=d.get("summary"),
        )


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Actor":
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            country=d.get("country"),
            sector=d.get("sector"),
            role=d.get("role"),
            mentions=[Span.from_dict(m) for m in d.get("mentions", [])],
        )


@dataclass(slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    mentions: list[Span] = field(default_factory=list)
    # "city", "country", "region" or "site": how precise lat/lon are.
    feature: str = "city"

    def ref(self) -> "PlaceRef":
        return PlaceRef(self.name, self.country, self.lat, self.lon)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "feature": self.feature,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Place":
        return cls(
            name=d["name"],
            country=d.get("country"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            mentions=[Span.from_dict(m) for m in d.get("mentions", [])],
            feature=d.get("feature", "city"),
        )


@dataclass(frozen=True, slots=True)
class PlaceRef:
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "PlaceRef | None":
        if d is None:
            return None
        return cls(d["name"], d.get("country"), d.get("lat"), d.get("lon"))


@dataclass(frozen=True, slots=True)
class TimeRef:
    start: int
    end: int
    text: str
    # ISO date ("2021-03-26"), month ("2021-03"), year ("2021"), ISO week
    # ("2021-W12"), quarter ("2021-Q1") or decade ("198X"), anchored on the
    # publication date; or, with precision "duration", an ISO 8601 length ("P3D").
    value: str | None
    precision: Precision

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TimeRef":
        return cls(d["start"], d["end"], d["text"], d.get("value"), d.get("precision", "unknown"))


@dataclass(slots=True)
class Event:
    id: str
    category: str
    trigger: Span
    sentence: tuple[int, int]
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    aux: AuxMode | None = None
    date: str | None = None
    date_precision: Precision | None = None
    place: PlaceRef | None = None
    score: float | None = None
    confidence: float = 0.5
    # True when source and target are not told apart ("X and Y met"):
    # every actor in source acted with every other.
    reciprocal: bool = False
    # Further triggers in the same article that report this same event.
    also: list[Span] = field(default_factory=list)
    # The CAMEO code of the trigger ("0311", "190"), for GDELT- and ICEWS-shaped exports:
    # the verb lexicon's for its pattern, else the crosswalk's for the category and mode.
    cameo: str | None = None
    # The 1-based number of the event's sentence in the article (ICEWS' Sentence Number).
    sentence_number: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "aux": self.aux,
            "source": list(self.source),
            "target": list(self.target),
            "reciprocal": self.reciprocal,
            "date": self.date,
            "date_precision": self.date_precision,
            "place": self.place.to_dict() if self.place else None,
            "score": self.score,
            "trigger": self.trigger.to_dict(),
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "confidence": self.confidence,
            "also": [s.to_dict() for s in self.also],
            "cameo": self.cameo,
            "sentence_number": self.sentence_number,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(
            id=d["id"],
            category=d["category"],
            trigger=Span.from_dict(d["trigger"]),
            sentence=(d["sentence"]["start"], d["sentence"]["end"]),
            source=list(d.get("source", [])),
            target=list(d.get("target", [])),
            mode=d.get("mode"),
            contexts=list(d.get("contexts", [])),
            aux=d.get("aux"),
            date=d.get("date"),
            date_precision=d.get("date_precision"),
            place=PlaceRef.from_dict(d.get("place")),
            score=d.get("score"),
            confidence=d.get("confidence", 0.5),
            reciprocal=d.get("reciprocal", False),
            also=[Span.from_dict(s) for s in d.get("also", [])],
            cameo=d.get("cameo"),
            sentence_number=d.get("sentence_number"),
        )


@dataclass(slots=True)
class Quote:
    """Who said what: ``speaker`` is an actor id when the speaker names or describes an actor
    ("Berg", "a spokeswoman for the ministry"); ``speaker_span`` is the speaker's whole phrase
    as the text gives it ("President Lund's son", "the daily", "she"), kept with or without
    an actor. ``quoted`` marks the words in quote marks inside an indirect quote (a mixed
    quote: "said the cuts were “painful” and ...")."""
    speaker: str | None
    cue: Span
    content: Span
    direct: bool
    event: str | None = None
    speaker_span: Span | None = None
    quoted: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "direct": self.direct,
            "event": self.event,
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
            "quoted": [q.to_dict() for q in self.quoted],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        # Quotes written before speaker_span and quoted existed load without them.
        return cls(
            speaker=d.get("speaker"),
            cue=Span.from_dict(d["cue"]),
            content=Span.from_dict(d["content"]),
            direct=bool(d["direct"]),
            event=d.get("event"),
            speaker_span=Span.from_dict(d["speaker_span"]) if d.get("speaker_span") else None,
            quoted=[Span.from_dict(q) for q in d.get("quoted") or ()],
        )


# re3d's entity types (dstl's defence and security corpus), the types of Entity records.
ENTITY_TYPES = ("DocumentReference", "Location", "MilitaryPlatform", "Money", "Nationality",
                "Organisation", "Person", "Quantity", "Temporal", "Weapon")


@dataclass(frozen=True, slots=True)
class Entity:
    """A typed mention, as re3d types and bounds them: ``type`` is one of ENTITY_TYPES.
    Weapons ("cruise missiles"), military platforms ("the USS Ross"), quantities, sums of
    money and document references ("Resolution 2254") have no other record; people,
    organisations, places, nationalities and times are also here with re3d's bounds
    ("the Government of Iraq") beside the actor, place and time records."""
    type: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entity":
        return cls(str(d["type"]), int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(slots=True)
class Extraction:
    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
            "entities": [e.to_dict() for e in self.entities],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Extraction":
        return cls(
            article=Article.from_dict(d["article"]),
            actors=[Actor.from_dict(a) for a in d.get("actors", [])],
            events=[Event.from_dict(e) for e in d.get("events", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            times=[TimeRef.from_dict(t) for t in d.get("times", [])],
            places=[Place.from_dict(p) for p in d.get("places", [])],
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
        )
