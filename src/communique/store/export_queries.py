"""What exports need beyond an event's summary row: its lead report's CAMEO code, contexts,
sentence number and article, and the actors on each side with names, sectors and roles.

One query per thousand events for the lead reports and one for their actors, so an
export of a million events streams at the speed of the event query itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import schema as s
from .results import StoredEvent


@dataclass(slots=True)
class ActorRef:
    """One actor on a side of an event, as its lead report names it."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None

    @property
    def code(self) -> str:
        """The CAMEO way: country then type ("INDGOV"), a country alone ("IND"), or a type
        alone ("REB") for an actor of no known country."""
        if self.kind == "country":
            return self.country or ""
        return (self.country or "") + (self.sector or "")


@dataclass(slots=True)
class EventDetails:
    cameo: str | None = None
    contexts: list[str] = field(default_factory=list)
    sentence_number: int | None = None
    first_paragraph: bool = False
    article_id: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    added: dt.datetime | None = None  # when the lead report's article was stored
    source_actors: list[ActorRef] = field(default_factory=list)
    target_actors: list[ActorRef] = field(default_factory=list)


def with_details(conn: Connection, events: Iterable[StoredEvent],
                 chunk: int = 1000) -> Iterator[tuple[StoredEvent, EventDetails]]:
    iterator = iter(events)
    while True:
        batch = list(itertools.islice(iterator, chunk))
        if not batch:
            return
        found = details(conn, [e.id for e in batch])
        for e in batch:
            yield e, found.get(e.id) or EventDetails()


def details(conn: Connection, event_ids: list[int]) -> dict[int, EventDetails]:
    """Each event's EventDetails, from its lead report."""
    if not event_ids:
        return {}
    e, m, a = s.events.c, s.event_mentions.c, s.articles.c
    # No blank line before the sentence: it is in the first paragraph (GDELT's root events).
    lead_in = sa.func.substr(a.text, 1, m.sentence_start)
    q = (sa.select(e.id, m.id.label("mention"), m.cameo, m.contexts, m.sentence_number,
                   sa.not_(lead_in.contains("\n\n")).label("first_paragraph"), a.external_id, a.source,
                   a.published, a.ingested_at)
         .select_from(s.events.join(s.event_mentions, m.id == e.lead_mention_id)
                      .join(s.articles, a.id == m.article_id))
         .where(e.id.in_(event_ids)))
    out: dict[int, EventDetails] = {}
    by_mention: dict[int, EventDetails] = {}
    for r in conn.execute(q):
        d = EventDetails(r.cameo, list(r.contexts or []), r.sentence_number, bool(r.first_paragraph),
                         r.external_id, r.source, _date(r.published), r.ingested_at)
        out[r.id] = by_mention[r.mention] = d
    if by_mention:
        ema, ac = s.event_mention_actors.c, s.actors.c
        q = (sa.select(ema.mention_id, ema.role, ac.name, ac.kind, ac.country, ac.sector, ac.role.label("title"))
             .join_from(s.event_mention_actors, s.actors, ac.id == ema.actor_id)
             .where(ema.mention_id.in_(list(by_mention))).order_by(ema.mention_id, ema.role, ema.position))
        for r in conn.execute(q):
            d = by_mention[r.mention_id]
            ref = ActorRef(r.name, r.kind, r.country, r.sector, r.title)
            (d.source_actors if r.role == "source" else d.target_actors).append(ref)
    return out


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
