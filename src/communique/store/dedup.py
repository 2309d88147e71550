"""Cross-article deduplication: which event mentions report the same real-world event.

The rule. Two mentions report one event when they have

- the same PLOVER category and the same auxiliary mode (a negated or hypothetical
  attack is not the attack);
- the same dyad at country level: the same sets of source and target countries, where a
  reciprocal mention ("India and South Korea held talks") matches a directed one in either
  direction ("India held talks with South Korea") over the same countries;
- compatible dates: two day-precision dates at most ``WINDOW_DAYS`` apart, with the whole
  group spanning at most ``MAX_SPAN_DAYS``; a coarser date (week, month, year) matches a
  finer one it contains, and two coarse dates match when they overlap (same month, year);
- compatible places: the same country, or one of them without a place.

A mention without a date or without a dyad (a country on each side; two countries for a
reciprocal mention) is never grouped: "the US asked" on one day is many different requests,
and nothing says two of them are the same event.

Grouping is incremental (each batch is matched against the stored events) and works like
single-linkage clustering: a mention joins a compatible event, and a mention compatible
with two events that are compatible with each other merges them (into the older one). So
for the common case, reports of one event within a couple of days with the same dyad,
ingest order does not change the final grouping. It can when the rule is not transitive:
a place-less mention between two events in different countries, a reciprocal mention
between two opposite directions, or a run of daily reports longer than the span, which is
cut into events of at most ``MAX_SPAN_DAYS`` at points that depend on the order.

This module is pure: it reads mention keys and cluster states and decides; ``canonical.py``
loads the candidates and writes the outcome.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

# Reports of one event are dated by the event's own time expression or, failing that, by
# their publication date: a day later for a next-day report, so one day either way.
WINDOW_DAYS = 1
# ... and never more than three calendar days overall, so daily talks over a fortnight stay
# separate events instead of chaining into one.
MAX_SPAN_DAYS = 2

# Lower is finer. "unknown" dates are not grouped at all.
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}


def date_range(value: str | None, precision: str | None) -> tuple[int, int, int] | None:
    """(first ordinal day, last ordinal day, precision rank) of an event date, or None.

    >>> date_range("2024-05", "month") == (dt.date(2024, 5, 1).toordinal(), dt.date(2024, 5, 31).toordinal(), 2)
    True
    """
    if not value:
        return None
    precision = precision or _guess_precision(value)
    try:
        if precision == "day":
            d = dt.date.fromisoformat(value[:10])
            return d.toordinal(), d.toordinal(), 0
        if precision == "week":
            year, week = value.split("-W")
            start = dt.date.fromisocalendar(int(year), int(week[:2]), 1)
            return start.toordinal(), start.toordinal() + 6, 1
        if precision == "month":
            year, month = int(value[:4]), int(value[5:7])
            first = dt.date(year, month, 1)
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            return first.toordinal(), last.toordinal(), 2
        if precision == "year":
            year = int(value[:4])
            return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal(), 3
        if precision == "decade":
            start = int(value[:3] + "0")
            return dt.date(start, 1, 1).toordinal(), dt.date(start + 9, 12, 31).toordinal(), 4
    except ValueError:
        return None
    return None


def _guess_precision(value: str) -> str:
    if "-W" in value:
        return "week"
    if value.endswith("X"):
        return "decade"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "unknown")


@dataclass(frozen=True, slots=True)
class MentionKey:
    """What the rule reads of one event mention."""

    category: str
    aux: str | None
    source: tuple[str, ...]  # sorted distinct countries
    target: tuple[str, ...]
    reciprocal: bool
    dates: tuple[int, int, int] | None  # date_range()
    place_country: str | None
    participants: tuple[str, ...] = ()  # sorted distinct countries of both sides; set by mention_key

    @property
    def groupable(self) -> bool:
        if self.dates is None:
            return False
        return len(self.source) >= 2 if self.reciprocal else bool(self.source and self.target)

    @property
    def direction(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        return None if self.reciprocal else (self.source, self.target)


def mention_key(*, category: str, aux: str | None, source: Iterable[str | None],
                target: Iterable[str | None], reciprocal: bool, date: str | None,
                date_precision: str | None, place_country: str | None) -> MentionKey:
    src, tgt, participants = _sides(tuple(source), tuple(target), bool(reciprocal))
    return MentionKey(category, aux, src, tgt, reciprocal, _date_range(date, date_precision), place_country,
                      participants)


# Ingest makes a key for every mention, and the same few sides and dates recur thousands of
# times: remember them (the results are tuples, shared safely).
@functools.lru_cache(maxsize=8192)
def _sides(source: tuple, target: tuple, reciprocal: bool
           ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    src = tuple(sorted({c for c in source if c}))
    tgt = tuple(sorted({c for c in target if c}))
    if reciprocal:
        # A reciprocal event has no sides: every participant acted with the others.
        src, tgt = tuple(sorted(set(src) | set(tgt))), ()
    return src, tgt, tuple(sorted(set(src) | set(tgt)))


_date_range = functools.lru_cache(maxsize=65536)(date_range)


@dataclass(slots=True)
class Cluster:
    """The grouping state of one canonical event."""

    category: str
    aux: str | None
    participants: tuple[str, ...]
    direction: tuple[tuple[str, ...], tuple[str, ...]] | None  # None: only reciprocal mentions
    place_country: str | None
    lo: int
    hi: int
    rank: int
    db_id: int | None = None  # None until the event is written
    seq: int = 0  # creation order among clusters new in this run
    merged_into: "Cluster | None" = None
    members: list = field(default_factory=list)  # mentions new in this batch (opaque to this module)

    @classmethod
    def start(cls, key: MentionKey, seq: int) -> "Cluster":
        assert key.dates is not None
        lo, hi, rank = key.dates
        return cls(key.category, key.aux, key.participants, key.direction, key.place_country,
                   lo, hi, rank, seq=seq)

    @property
    def bucket(self) -> tuple[str, tuple[str, ...]]:
        return self.category, self.participants

    def order(self) -> tuple[int, int]:
        """Stored events first, oldest first: the survivor of a merge keeps its id."""
        return (0, self.db_id) if self.db_id is not None else (1, self.seq)

    def root(self) -> "Cluster":
        c = self
        while c.merged_into is not None:
            c = c.merged_into
        return c


def bucket_of(key: MentionKey) -> tuple[str, tuple[str, ...]]:
    return key.category, key.participants


def _dates_fit(lo1: int, hi1: int, r1: int, lo2: int, hi2: int, r2: int) -> bool:
    if r1 == 0 and r2 == 0:
        return (lo2 <= hi1 + WINDOW_DAYS and hi2 >= lo1 - WINDOW_DAYS
                and max(hi1, hi2) - min(lo1, lo2) <= MAX_SPAN_DAYS)
    # A coarse date matches what it contains; two coarse dates, what they share.
    return lo2 <= hi1 and hi2 >= lo1


def _directions_fit(d1, d2) -> bool:
    return d1 is None or d2 is None or d1 == d2


def _places_fit(p1: str | None, p2: str | None) -> bool:
    return p1 is None or p2 is None or p1 == p2


def fits(cluster: Cluster, key: MentionKey) -> bool:
    """Whether a mention may join a cluster of its bucket."""
    if key.dates is None or cluster.aux != key.aux:
        return False
    return (_directions_fit(cluster.direction, key.direction)
            and _places_fit(cluster.place_country, key.place_country)
            and _dates_fit(cluster.lo, cluster.hi, cluster.rank, *key.dates))


def can_merge(a: Cluster, b: Cluster) -> bool:
    return (a.aux == b.aux and _directions_fit(a.direction, b.direction)
            and _places_fit(a.place_country, b.place_country)
            and _dates_fit(a.lo, a.hi, a.rank, b.lo, b.hi, b.rank))


def _absorb(c: Cluster, direction, place: str | None, lo: int, hi: int, rank: int) -> None:
    c.direction = c.direction or direction
    c.place_country = c.place_country or place
    # The finest dates a cluster holds are its dates: a year-only mention joins a dated
    # event without stretching it to the whole year.
    if rank < c.rank:
        c.lo, c.hi, c.rank = lo, hi, rank
    elif rank == c.rank:
        c.lo, c.hi = min(c.lo, lo), max(c.hi, hi)


def join(cluster: Cluster, key: MentionKey) -> None:
    assert key.dates is not None
    _absorb(cluster, key.direction, key.place_country, *key.dates)


def merge(survivor: Cluster, other: Cluster) -> None:
    _absorb(survivor, other.direction, other.place_country, other.lo, other.hi, other.rank)
    survivor.members.extend(other.members)
    other.members = []
    other.merged_into = survivor


def _preference(cluster: Cluster, key: MentionKey) -> tuple:
    """Among several fitting clusters, the one a mention joins first: nearest dates, the
    same direction, the same place, then the oldest."""
    assert key.dates is not None
    lo, hi, _ = key.dates
    gap = max(0, lo - cluster.hi, cluster.lo - hi)
    return (gap, cluster.direction != key.direction, cluster.place_country != key.place_country,
            cluster.order())


# A bucket holds a dyad's events of many years: its day-precision clusters are filed by the
# slot of their first day, so a day-precision mention looks at the one or two slots its
# dates can reach instead of the whole bucket.
_SLOT_DAYS = 4


def _remove(clusters: list[Cluster], cluster: Cluster) -> None:
    for i, c in enumerate(clusters):
        if c is cluster:
            del clusters[i]
            return
    raise ValueError("cluster not filed")


class _Bucket:
    """The clusters of one bucket: day-precision ones by the slot of their first day (``lo``),
    coarser ones (a week, a month, a year) in a list apart. A cluster is filed under its
    dates, so it is taken out before they change and filed again after."""

    __slots__ = ("slots", "coarse")

    def __init__(self) -> None:
        self.slots: dict[int, list[Cluster]] = {}
        self.coarse: list[Cluster] = []

    def add(self, c: Cluster) -> None:
        if c.rank == 0:
            self.slots.setdefault(c.lo // _SLOT_DAYS, []).append(c)
        else:
            self.coarse.append(c)

    def take(self, c: Cluster) -> None:
        _remove(self.slots[c.lo // _SLOT_DAYS] if c.rank == 0 else self.coarse, c)

    def near(self, key: MentionKey) -> list[Cluster]:
        """A superset of the clusters that ``key`` (dated) fits."""
        lo, hi, rank = key.dates  # type: ignore[misc]
        if rank != 0:
            # A coarse date fits what it overlaps, however long: look at everything.
            return self.coarse + [c for slot in self.slots.values() for c in slot]
        # Day against day (_dates_fit): hi >= c.lo - WINDOW_DAYS, and the two together span
        # at most MAX_SPAN_DAYS, so c.lo >= hi - MAX_SPAN_DAYS. Coarse clusters: all of them.
        found = self.coarse
        slots = self.slots
        for n in range((hi - MAX_SPAN_DAYS) // _SLOT_DAYS, (hi + WINDOW_DAYS) // _SLOT_DAYS + 1):
            if n in slots:
                found = found + slots[n]  # a new list: the filed ones stay as they are
        return found


class Grouper:
    """Assigns mentions to clusters, given the stored clusters they could join.

    ``assign`` returns the cluster a mention belongs to (new or stored); clusters merged
    away are listed in ``merged`` so the caller can repoint their stored mentions.
    """

    def __init__(self, candidates: Iterable[Cluster]) -> None:
        self.buckets: dict[tuple[str, tuple[str, ...]], _Bucket] = {}
        for c in candidates:
            self._bucket(c.bucket).add(c)
        self.new: list[Cluster] = []
        self.merged: list[Cluster] = []
        self._seq = itertools.count()

    def _bucket(self, key: tuple[str, tuple[str, ...]]) -> _Bucket:
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = _Bucket()
        return bucket

    def assign(self, key: MentionKey, member: object) -> Cluster:
        if not key.groupable:
            # Not grouped: an event of its own, outside every bucket.
            cluster = Cluster(key.category, key.aux, key.participants, key.direction, key.place_country,
                              *(key.dates or (0, 0, 9)), seq=next(self._seq))
            cluster.members.append(member)
            self.new.append(cluster)
            return cluster
        bucket = self._bucket(bucket_of(key))
        lo, hi, _ = key.dates  # type: ignore[misc]
        # The date test first, inline; then the rule.
        fitting = [c for c in bucket.near(key)
                   if c.lo - WINDOW_DAYS <= hi and c.hi + WINDOW_DAYS >= lo and fits(c, key)]
        if len(fitting) > 1:
            fitting.sort(key=lambda c: _preference(c, key))
        if not fitting:
            cluster = Cluster.start(key, next(self._seq))
            self.new.append(cluster)
        else:
            cluster = fitting[0]
            bucket.take(cluster)
            join(cluster, key)
            # A mention that fits two events bridges them: merge those that still fit together.
            for other in fitting[1:]:
                if can_merge(cluster, other):
                    survivor, loser = sorted((cluster, other), key=Cluster.order)
                    bucket.take(other)  # the survivor changes, the loser goes: both leave
                    merge(survivor, loser)
                    self.merged.append(loser)
                    cluster = survivor
        bucket.add(cluster)
        cluster.members.append(member)
        return cluster
