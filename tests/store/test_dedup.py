"""The dedup rule on its own: mention keys in, groups out (no database)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.store import dedup
from communique.store.dedup import Grouper, date_range, mention_key


def key(category="CONSULT", source=("IND",), target=("KOR",), date="2021-03-26", precision=None, *,
        reciprocal=False, place=None, aux=None):
    return mention_key(category=category, aux=aux, source=source, target=target, reciprocal=reciprocal,
                       date=date, date_precision=precision, place_country=place)


def groups(keys) -> list[set[int]]:
    """The partition of mention indexes that a Grouper makes, in the given order."""
    g = Grouper([])
    clusters = [g.assign(k, i) for i, k in enumerate(keys)]
    out: dict[int, set[int]] = {}
    for i, c in enumerate(clusters):
        out.setdefault(id(c.root()), set()).add(i)
    return sorted(out.values(), key=min)


def day(s: str) -> int:
    return dt.date.fromisoformat(s).toordinal()


@pytest.mark.parametrize("value, precision, expected", [
    ("2021-03-26", "day", ("2021-03-26", "2021-03-26", 0)),
    ("2021-03", "month", ("2021-03-01", "2021-03-31", 2)),
    ("2021-12", "month", ("2021-12-01", "2021-12-31", 2)),
    ("2020-02", None, ("2020-02-01", "2020-02-29", 2)),
    ("2019", "year", ("2019-01-01", "2019-12-31", 3)),
    ("2021-W12", "week", ("2021-03-22", "2021-03-28", 1)),
    ("198X", "decade", ("1980-01-01", "1989-12-31", 4)),
])
def test_date_range(value, precision, expected):
    lo, hi, rank = expected
    assert date_range(value, precision) == (day(lo), day(hi), rank)


@pytest.mark.parametrize("value, precision", [(None, "day"), ("", None), ("soon", "day"), ("2021-13", "month"),
                                              ("2021", "unknown")])
def test_date_range_unknown(value, precision):
    assert date_range(value, precision) is None


def test_same_event_reported_twice_is_one_group():
    assert groups([key(), key()]) == [{0, 1}]


def test_a_day_apart_is_the_same_event_two_days_is_not():
    assert groups([key(date="2021-03-26"), key(date="2021-03-27")]) == [{0, 1}]
    assert groups([key(date="2021-03-26"), key(date="2021-03-28")]) == [{0}, {1}]


def test_a_report_between_two_dates_bridges_them():
    # 26th and 28th are two events until a report on the 27th links them (span 2 days).
    keys = [key(date="2021-03-26"), key(date="2021-03-28"), key(date="2021-03-27")]
    assert groups(keys) == [{0, 1, 2}]


def test_daily_reports_do_not_chain_beyond_the_span():
    keys = [key(date=f"2021-03-{d:02d}") for d in range(1, 11)]
    found = groups(keys)
    assert len(found) > 1
    for g in found:
        days = [day(f"2021-03-{i + 1:02d}") for i in g]
        assert max(days) - min(days) <= dedup.MAX_SPAN_DAYS


def test_category_and_aux_must_match():
    assert groups([key("CONSULT"), key("AGREE")]) == [{0}, {1}]
    assert groups([key(), key(aux="negated")]) == [{0}, {1}]


def test_directed_dyads_must_match_in_direction():
    assert groups([key(source=("IND",), target=("KOR",)), key(source=("KOR",), target=("IND",))]) == [{0}, {1}]
    assert groups([key(source=("IND",), target=("KOR",)), key(source=("IND",), target=("JPN",))]) == [{0}, {1}]


@pytest.mark.parametrize("directed", [(("IND",), ("KOR",)), (("KOR",), ("IND",))])
def test_reciprocal_matches_either_direction(directed):
    recip = key(source=("IND", "KOR"), target=(), reciprocal=True)
    assert groups([recip, key(source=directed[0], target=directed[1])]) == [{0, 1}]
    assert groups([key(source=directed[0], target=directed[1]), recip]) == [{0, 1}]


def test_reciprocal_keys_ignore_sides():
    a = key(source=("KOR",), target=("IND",), reciprocal=True)
    b = key(source=("IND", "KOR"), target=(), reciprocal=True)
    assert a == b and a.participants == ("IND", "KOR")


def test_places_must_be_compatible():
    assert groups([key(place="IND"), key(place="IND")]) == [{0, 1}]
    assert groups([key(place="IND"), key(place=None)]) == [{0, 1}]
    assert groups([key(place="IND"), key(place="KOR")]) == [{0}, {1}]


def test_a_coarse_date_joins_a_finer_one_it_contains():
    assert groups([key(date="2021-03-26"), key(date="2021-03", precision="month")]) == [{0, 1}]
    assert groups([key(date="2021-03", precision="month"), key(date="2021-03-26")]) == [{0, 1}]
    assert groups([key(date="2021-04-01"), key(date="2021-03", precision="month")]) == [{0}, {1}]
    assert groups([key(date="2021", precision="year"), key(date="2020", precision="year")]) == [{0}, {1}]


def test_a_year_only_report_does_not_stretch_an_event_over_the_year():
    keys = [key(date="2021", precision="year"), key(date="2021-03-26"), key(date="2021-07-01")]
    assert groups(keys) == [{0, 1}, {2}]


def test_no_date_or_no_dyad_is_never_grouped():
    assert groups([key(date=None), key(date=None)]) == [{0}, {1}]
    assert groups([key(source=(), target=()), key(source=(), target=())]) == [{0}, {1}]
    assert groups([key(source=("USA",), target=()), key(source=("USA",), target=())]) == [{0}, {1}]
    assert groups([key(source=("USA",), target=(), reciprocal=True)] * 2) == [{0}, {1}]
    assert not key(source=(None,), target=()).groupable
    assert key(source=("USA",), target=("USA",)).groupable  # a domestic dyad is a dyad


def test_stored_clusters_are_joined_and_keep_their_id():
    stored = dedup.Cluster.start(key(), 0)
    stored.db_id = 7
    g = Grouper([stored])
    assert g.assign(key(date="2021-03-27"), "m").db_id == 7
    assert g.new == []


def test_merges_keep_the_older_stored_event():
    older, newer = dedup.Cluster.start(key(date="2021-03-26"), 0), dedup.Cluster.start(key(date="2021-03-28"), 1)
    older.db_id, newer.db_id = 3, 9
    g = Grouper([newer, older])
    joined = g.assign(key(date="2021-03-27"), "m")
    assert joined.db_id == 3 and g.merged == [newer] and newer.root() is older


# Common case: reports of one event dated its day or the next, the same dyad (some reciprocal), the
# same or no place; several such events of different dyads, categories and weeks.
_common = st.lists(
    st.tuples(st.sampled_from(["CONSULT", "ASSAULT"]), st.sampled_from(["IND-KOR", "JPN-PHL"]),
              st.sampled_from([0, 14, 28]), st.integers(0, 1), st.booleans(), st.booleans()),
    min_size=1, max_size=24)


def _common_key(category, dyad, week, offset, reciprocal, placed):
    a, b = dyad.split("-")
    date = (dt.date(2021, 3, 1) + dt.timedelta(days=week + offset)).isoformat()
    # One event per (category, dyad, week): days within the span, one place or none.
    return key(category, source=(a, b) if reciprocal else (a,), target=() if reciprocal else (b,), date=date,
               reciprocal=reciprocal, place=a if placed else None)


@settings(max_examples=200, deadline=None)
@given(_common, st.randoms(use_true_random=False))
def test_ingest_order_does_not_change_common_groupings(specs, rnd: random.Random):
    keys = [_common_key(*s) for s in specs]
    expected = {frozenset(i for i, s in enumerate(specs) if s[:3] == k) for k in {s[:3] for s in specs}}
    order = list(range(len(keys)))
    rnd.shuffle(order)
    shuffled = groups([keys[i] for i in order])
    assert {frozenset(order[i] for i in g) for g in shuffled} == expected
