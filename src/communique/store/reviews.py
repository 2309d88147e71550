"""Reviews of canonical events: a person accepts, rejects or corrects what the machine coded.

Each review is a new row of ``reviews``; the machine's ``events`` row is never changed.
An event's reviewed value is its reviews folded in order: every correction sets the
fields it names, and the status is the last action. ``overlay`` puts that value on the
StoredEvents a query returns, with a ``review`` field that says what changed and who
changed it, so the CLI, the API, the pages and the exports all show the reviewed value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..ontology import lexicon
from . import schema as s
from .errors import StoreError
from .results import StoredEvent

ACTIONS = ("accept", "reject", "correct")
AUX_MODES = ("historical", "future", "hypothetical", "negated")
# What a review may set, and the events column each field corrects.
FIELDS = {"category": "category", "mode": "mode", "aux": "aux", "source": "source_countries",
          "target": "target_countries", "date": "date", "place": "place_name"}
STATUS = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}


class UnknownEvent(StoreError):
    """No canonical event has that id."""


@dataclass(slots=True)
class Review:
    """A verdict to store. Fields left None are unchanged; "" clears aux or place."""

    action: str
    category: str | None = None
    mode: str | None = None
    aux: str | None = None
    source: list[str] | None = None
    target: list[str] | None = None
    date: str | None = None
    place: str | None = None
    note: str | None = None
    reviewer: str = "anonymous"

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise StoreError(f"unknown review action {self.action!r}; use accept, reject or correct")
        changes = self.changes()
        if self.action == "correct" and not changes:
            raise StoreError("a correction must set at least one of " + ", ".join(FIELDS))
        if self.action != "correct" and changes:
            raise StoreError(f"only a correction sets fields; {self.action} sets none (got {', '.join(changes)})")
        if self.category is not None:
            self.category = self.category.strip().upper()
            if self.category not in lexicon.plover()["categories"]:
                raise StoreError(f"unknown PLOVER category {self.category!r}")
        if self.mode is not None and self.category is not None:
            modes = lexicon.plover()["categories"][self.category]["modes"]
            if self.mode and self.mode not in modes:
                raise StoreError(f"{self.category} has no mode {self.mode!r}; its modes: {', '.join(modes) or 'none'}")
        if self.aux and self.aux not in AUX_MODES:
            raise StoreError(f"unknown aux {self.aux!r}; use one of {', '.join(AUX_MODES)} or '' for none")
        from .queries import parse_country  # queries imports this module

        for side in ("source", "target"):
            value = getattr(self, side)
            if value is not None:
                setattr(self, side, [parse_country(c) for c in value])
        if self.date:
            date_precision(self.date)
        if len(self.reviewer) > 100 or not self.reviewer.strip():
            raise StoreError("the reviewer's name must be 1 to 100 characters")

    def changes(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in FIELDS if getattr(self, f) is not None}


def date_precision(value: str) -> str:
    """The precision of an ISO date as events store it: day, month, year or week."""
    patterns = (("day", r"\d{4}-\d{2}-\d{2}"), ("month", r"\d{4}-\d{2}"), ("year", r"\d{4}"), ("week", r"\d{4}-W\d{2}"))
    for precision, pattern in patterns:
        if re.fullmatch(pattern, value):
            if precision == "day":
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    break
            return precision
    raise StoreError(f"{value!r} is not a date; use YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www")


def add(conn: Connection, event_id: int, review: Review) -> int:
    """Store a review of an event; returns the review's id."""
    if conn.execute(sa.select(s.events.c.id).where(s.events.c.id == event_id)).scalar() is None:
        raise UnknownEvent(f"no event {event_id}")
    row = {"event_id": event_id, "action": review.action, "reviewer": review.reviewer.strip(),
           "note": review.note, "created_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)}
    for name, column in FIELDS.items():
        value = getattr(review, name)
        row[column] = " ".join(value) if isinstance(value, list) else value
    return conn.execute(s.reviews.insert().values(**row).returning(s.reviews.c.id)).scalar_one()


def history(conn: Connection, event_id: int) -> list[dict]:
    r = s.reviews.c
    rows = conn.execute(sa.select(s.reviews).where(r.event_id == event_id).order_by(r.id))
    return [_plain(row._mapping) for row in rows]


def _plain(m) -> dict:
    out = {"id": m["id"], "action": m["action"], "by": m["reviewer"], "at": m["created_at"].isoformat(timespec="seconds"),
           "note": m["note"], "set": {}}
    for name, column in FIELDS.items():
        value = m[column]
        if value is not None:
            out["set"][name] = value.split() if name in ("source", "target") else (value or None)
    return out


def overlay(conn: Connection, events: Iterable[StoredEvent]) -> None:
    """Give each reviewed event its reviewed value and a ``review`` field saying so."""
    by_id = {e.id: e for e in events}
    if not by_id:
        return
    r = s.reviews.c
    found: dict[int, list[dict]] = {}
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        q = sa.select(s.reviews).where(r.event_id.in_(ids[start:start + 500])).order_by(r.event_id, r.id)
        for row in conn.execute(q):
            found.setdefault(row.event_id, []).append(_plain(row._mapping))
    for event_id, reviews in found.items():
        apply(by_id[event_id], reviews)


def apply(event: StoredEvent, reviews: list[dict]) -> None:
    """Fold reviews (oldest first) into the event."""
    changed: dict[str, dict] = {}
    for rev in reviews:
        for name, value in rev["set"].items():
            machine = changed[name]["machine"] if name in changed else getattr(event, name)
            _set(event, name, value)
            changed[name] = {"machine": machine, "reviewed": value}
    last = reviews[-1]
    status = STATUS[last["action"]]
    if status == "accepted" and changed:
        status = "corrected"  # accepting after a correction accepts the corrected value
    event.review = {"status": status, "by": last["by"], "at": last["at"], "note": last["note"],
                    "changed": changed, "reviews": len(reviews)}


def _set(event: StoredEvent, name: str, value) -> None:
    if name == "category":
        event.category, event.group = value, lexicon.category_group(value)
        event.score = lexicon.score(value, event.mode)
    elif name == "mode":
        event.mode = value
        event.score = lexicon.score(event.category, value)
    elif name == "date":
        event.date, event.date_precision = value, date_precision(value) if value else None
    elif name == "place":
        # The machine's coordinates belong to the machine's place.
        event.place, event.place_country, event.lat, event.lon = value, None, None, None
    elif name in ("source", "target"):
        setattr(event, name, list(value))
    else:
        setattr(event, name, value)


# --- the review queue ---------------------------------------------------------------------


def queue_ids(conn: Connection, *, category: str | None = None, dyad: str | None = None,
              max_confidence: float | None = None, limit: int = 50, offset: int = 0) -> list[int]:
    """Events nobody has reviewed yet, least confident first (ties: newest first)."""
    from .queries import parse_categories, parse_dyad

    e, r = s.events.c, s.reviews.c
    q = sa.select(e.id).where(~sa.exists().where(r.event_id == e.id))
    if category:
        q = q.where(e.category.in_(parse_categories(category)))
    if dyad:
        a, b = parse_dyad(dyad)
        d = s.event_dyads.c
        q = q.where(e.id.in_(sa.select(d.event_id).where(d.a == a, d.b == b)))
    if max_confidence is not None:
        q = q.where(e.confidence <= max_confidence)
    q = q.order_by(e.confidence.asc().nulls_first(), e.id.desc()).limit(limit).offset(offset)
    return list(conn.execute(q).scalars())


def counts(conn: Connection) -> dict[str, int]:
    r = s.reviews.c
    q = sa.select(r.action, sa.func.count(sa.distinct(r.event_id))).group_by(r.action)
    out = {a: 0 for a in ACTIONS}
    out.update({a: n for a, n in conn.execute(q)})
    out["events"] = conn.execute(sa.select(sa.func.count(sa.distinct(r.event_id)))).scalar_one()
    return out


def reviewed_ids(conn: Connection) -> list[int]:
    r = s.reviews.c
    return list(conn.execute(sa.select(r.event_id).distinct().order_by(r.event_id)).scalars())


# --- reviewed aggregates -----------------------------------------------------------------


def pairs_of(source: list[str], target: list[str], reciprocal: bool) -> set[tuple[str, str]]:
    """The sorted country pairs an event is between, as event_dyads files them."""
    import itertools

    if reciprocal:
        return {tuple(sorted(p)) for p in itertools.combinations(sorted(set(source)), 2) if p[0] != p[1]}
    return {tuple(sorted((x, y))) for x in source for y in target if x != y}


def reviewed_day(event: StoredEvent, machine_day: int | None) -> int:
    """The ordinal day a reviewed event is filed under (0: undated): the machine's, unless
    a review changed the date."""
    from .dedup import date_range

    if "date" in event.review["changed"]:
        span = date_range(event.date, event.date_precision)
        return span[0] if span else 0
    return machine_day or 0


def timeline_changes(conn: Connection, first: str, second: str | None = None) -> list[tuple[int, str, float | None, int]]:
    """(day, category, score, +1 or -1) rows that turn the machine's counts of a dyad (or of
    one country) into the reviewed counts: each reviewed event's machine row out, its
    reviewed value in (unless rejected). Only reviewed events that touch the dyad are read."""
    from .queries import _event, _event_query, EventFilter

    r = s.reviews.c
    if second is not None:
        t = s.event_dyads.c
        where = [t.a == first, t.b == second]
        wanted = (first, second)
    else:
        t = s.event_countries.c
        where = [t.country == first]
        wanted = None
    reviewed = reviewed_ids(conn)
    if not reviewed:
        return []
    # Few reviews beside many events: look the reviewed ones up by id, not the dyad's rows.
    machine = [row for start in range(0, len(reviewed), 500) for row in conn.execute(
        sa.select(t.event_id, t.day, t.category, t.score)
        .where(t.event_id.in_(reviewed[start:start + 500]), *where))]
    moved = sa.or_(*(c.contains(code) for c in (r.source_countries, r.target_countries)
                     for code in {first, second} - {None}))
    ids = {row.event_id for row in machine} | set(conn.execute(sa.select(r.event_id).where(moved)).scalars())
    out = [(row.day, row.category, row.score, -1) for row in machine]
    if not ids:
        return out
    events = [_event(row) for row in conn.execute(_event_query(conn, EventFilter()).where(s.events.c.id.in_(ids)))]
    machine_days = dict(conn.execute(sa.select(s.events.c.id, s.events.c.day).where(s.events.c.id.in_(ids))).all())
    overlay(conn, events)
    for e in events:
        if not e.review or e.review["status"] == "rejected":
            continue
        involved = (wanted in pairs_of(e.source, e.target, e.reciprocal)) if wanted else first in {*e.source, *e.target}
        if not involved:
            continue
        out.append((reviewed_day(e, machine_days.get(e.id)), e.category, e.score, +1))
    return out
