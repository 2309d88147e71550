"""The record types: every record survives to_dict -> (JSON) -> from_dict, and to_dict
keeps the public JSON contract of issue 2 (additions allowed, renames are breaking)."""

from __future__ import annotations

import json
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.records import (
    ENTITY_TYPES,
    Actor,
    Article,
    Entity,
    Event,
    Extraction,
    Place,
    PlaceRef,
    Quote,
    Span,
    TimeRef,
    text_hash,
)

# --- strategies ---------------------------------------------------------------------------

offsets = st.integers(min_value=0, max_value=1_000_000)
words = st.text(max_size=40)
maybe_words = st.none() | words
ids = st.text(min_size=1, max_size=12)
# NaN is never equal to itself and is not valid JSON, so no record may hold it.
finite = st.floats(allow_nan=False, allow_infinity=False)
maybe_finite = st.none() | finite
lat = st.none() | st.floats(min_value=-90, max_value=90, allow_nan=False)
lon = st.none() | st.floats(min_value=-180, max_value=180, allow_nan=False)
country = st.none() | st.sampled_from(["IND", "KOR", "JPN", "PHL", "UN", "NATO", "EU"])
precisions = st.sampled_from(typing.get_args(typing.get_type_hints(TimeRef)["precision"]))
aux_modes = st.none() | st.sampled_from(["historical", "future", "hypothetical", "negated"])
kinds = st.sampled_from(["person", "organisation", "country", "group"])


@st.composite
def spans(draw) -> Span:
    start = draw(offsets)
    end = draw(st.integers(min_value=start, max_value=start + 500))
    return Span(start, end, draw(words))


@st.composite
def articles(draw) -> Article:
    # id "" exercises the default (url, else the text hash); origin is not in the contract.
    return Article(
        text=draw(st.text(min_size=1, max_size=200)),
        id=draw(st.just("") | ids),
        title=draw(maybe_words),
        published=draw(st.none() | st.dates()),
        url=draw(st.none() | st.just("https://news.example/a") | words.filter(bool)),
        source=draw(maybe_words),
        summary=draw(maybe_words),
    )


actors = st.builds(
    Actor,
    id=ids,
    name=words,
    kind=kinds,
    country=country,
    sector=st.none() | st.sampled_from(["GOV", "MIL", "COP", "JUD", "BUS", "CVL"]),
    role=maybe_words,
    mentions=st.lists(spans(), max_size=4),
)

place_refs = st.builds(PlaceRef, name=words, country=country, lat=lat, lon=lon)

places = st.builds(
    Place,
    name=words,
    country=country,
    lat=lat,
    lon=lon,
    mentions=st.lists(spans(), max_size=3),
    feature=st.sampled_from(["city", "country", "region", "site"]),
)


@st.composite
def time_refs(draw) -> TimeRef:
    span = draw(spans())
    value = draw(st.none() | st.sampled_from(["2021-03-26", "2021-03", "2021", "2021-W12", "198X"]))
    return TimeRef(span.start, span.end, span.text, value, draw(precisions))


@st.composite
def events(draw) -> Event:
    start = draw(offsets)
    end = draw(st.integers(min_value=start, max_value=start + 2000))
    return Event(
        id=draw(ids),
        category=draw(st.sampled_from(["AGREE", "CONSULT", "SUPPORT", "ACCUSE", "ASSAULT", "AID"])),
        trigger=draw(spans()),
        sentence=(start, end),
        source=draw(st.lists(ids, max_size=3)),
        target=draw(st.lists(ids, max_size=3)),
        mode=draw(st.none() | st.sampled_from(["visit", "phone", "allege"])),
        contexts=draw(st.lists(st.sampled_from(["diplomatic", "military", "economic"]), max_size=2)),
        aux=draw(aux_modes),
        date=draw(st.none() | st.sampled_from(["2021-03-26", "2021-03", "2019", "2021-W12"])),
        date_precision=draw(st.none() | precisions),
        place=draw(st.none() | place_refs),
        score=draw(st.none() | st.floats(min_value=-10, max_value=10, allow_nan=False)),
        confidence=draw(st.floats(min_value=0, max_value=1)),
        reciprocal=draw(st.booleans()),
        also=draw(st.lists(spans(), max_size=2)),
        cameo=draw(st.none() | st.sampled_from(["040", "0311", "190"])),
        sentence_number=draw(st.none() | st.integers(min_value=1, max_value=500)),
    )


quotes = st.builds(
    Quote,
    speaker=st.none() | ids,
    cue=spans(),
    content=spans(),
    direct=st.booleans(),
    event=st.none() | ids,
)

@st.composite
def entities(draw) -> Entity:
    span = draw(spans())
    return Entity(draw(st.sampled_from(ENTITY_TYPES)), span.start, span.end, span.text)


extractions = st.builds(
    Extraction,
    article=articles(),
    actors=st.lists(actors, max_size=3),
    events=st.lists(events(), max_size=3),
    quotes=st.lists(quotes, max_size=3),
    times=st.lists(time_refs(), max_size=3),
    places=st.lists(places, max_size=2),
    entities=st.lists(entities(), max_size=3),
)

RECORDS = {
    "Span": (Span, spans()),
    "Article": (Article, articles()),
    "Actor": (Actor, actors),
    "Place": (Place, places),
    "PlaceRef": (PlaceRef, place_refs),
    "TimeRef": (TimeRef, time_refs()),
    "Event": (Event, events()),
    "Quote": (Quote, quotes),
    "Entity": (Entity, entities()),
    "Extraction": (Extraction, extractions),
}


# --- round trips --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(RECORDS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_round_trip_through_dict(name, data):
    cls, strategy = RECORDS[name]
    record = data.draw(strategy)
    d = record.to_dict()
    back = cls.from_dict(d)
    assert back.to_dict() == d
    assert back == record


@pytest.mark.parametrize("name", list(RECORDS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_round_trip_through_json_text(name, data):
    """What the store, the API and the exports do: to_dict -> JSON text -> from_dict."""
    cls, strategy = RECORDS[name]
    record = data.draw(strategy)
    text = json.dumps(record.to_dict(), ensure_ascii=False, allow_nan=False)
    back = cls.from_dict(json.loads(text))
    assert back.to_dict() == record.to_dict()
    assert back == record


@settings(max_examples=100, deadline=None)
@given(ex=extractions)
def test_to_dict_is_plain_json_data(ex):
    """Only dicts with str keys, lists, str, int, float, bool and None: no tuples, dates or records."""

    def check(value, where="$"):
        if isinstance(value, dict):
            for k, v in value.items():
                assert isinstance(k, str), where
                check(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                check(v, f"{where}[{i}]")
        else:
            assert value is None or isinstance(value, (str, int, float, bool)), (where, type(value))

    d = ex.to_dict()
    check(d)
    assert json.loads(json.dumps(d)) == d


def test_place_ref_from_none_is_none():
    assert PlaceRef.from_dict(None) is None


@settings(max_examples=50, deadline=None)
@given(p=places)
def test_place_ref_keeps_the_place(p):
    ref = p.ref()
    assert (ref.name, ref.country, ref.lat, ref.lon) == (p.name, p.country, p.lat, p.lon)
    assert PlaceRef.from_dict(ref.to_dict()) == ref


# --- article identity ---------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1, max_size=200))
def test_article_id_without_url_is_the_stable_text_hash(text):
    assert Article(text=text).id == text_hash(text) == Article(text=text).id


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1), min_size=1))
def test_article_id_ignores_whitespace_layout(parts):
    assert Article(text=" ".join(parts)).id == Article(text="\n\n  " + "\t ".join(parts) + "  \n").id


def test_article_id_prefers_url_then_given_id():
    assert Article(text="x", url="https://news.example/a").id == "https://news.example/a"
    assert Article(text="x", id="given", url="https://news.example/a").id == "given"


# --- the JSON contract (issue 2) ----------------------------------------------------------

SPAN_KEYS = {"start", "end", "text"}
CONTRACT = {
    "article": {"id", "title", "published", "url", "source", "summary", "text"},
    "actors": {"id", "name", "kind", "country", "sector", "role", "mentions"},
    "events": {"id", "category", "mode", "contexts", "aux", "source", "target", "date",
               "date_precision", "place", "score", "trigger", "sentence", "confidence"},
    "quotes": {"speaker", "cue", "content", "direct", "event"},
    "times": {"start", "end", "text", "value", "precision"},
    "places": {"name", "country", "lat", "lon", "mentions"},
    "entities": {"type", "start", "end", "text"},
}


def full_extraction() -> Extraction:
    """One of each record, every optional field filled, so each nested key can be checked."""
    span = Span(0, 5, "India")
    return Extraction(
        article=Article(text="India and Korea met.", title="T", published=None, url="https://x.example",
                        source="S", summary="sum"),
        actors=[Actor("a1", "India", "country", "IND", "GOV", "state", [span])],
        events=[Event("e1", "CONSULT", Span(16, 19, "met"), (0, 20), ["a1"], ["a2"], mode="visit",
                      contexts=["diplomatic"], aux="historical", date="2021-03-25", date_precision="day",
                      place=PlaceRef("New Delhi", "IND", 28.6, 77.2), score=4.0, confidence=0.7,
                      also=[Span(16, 19, "met")])],
        quotes=[Quote("a1", Span(16, 19, "met"), Span(0, 5, "India"), True, "e1")],
        times=[TimeRef(0, 5, "India", "2021-03-25", "day")],
        places=[Place("New Delhi", "IND", 28.6, 77.2, [span])],
        entities=[Entity("Nationality", 0, 5, "India")],
    )


def test_top_level_keys_are_the_contract():
    assert set(full_extraction().to_dict()) == set(CONTRACT)


@pytest.mark.parametrize("section", [s for s in CONTRACT if s != "article"])
def test_every_contract_key_is_present(section):
    d = full_extraction().to_dict()
    (item,) = d[section]
    missing = CONTRACT[section] - set(item)
    assert not missing, f"{section} lacks contract keys {missing}"


def test_article_keys():
    article = full_extraction().to_dict()["article"]
    assert CONTRACT["article"] <= set(article)
    assert "origin" not in article  # where it was read from is not part of the contract


def test_nested_contract_keys():
    d = full_extraction().to_dict()
    assert all(set(m) >= SPAN_KEYS for a in d["actors"] for m in a["mentions"])
    assert all(set(m) >= SPAN_KEYS for p in d["places"] for m in p["mentions"])
    event = d["events"][0]
    assert set(event["trigger"]) >= SPAN_KEYS
    assert set(event["sentence"]) >= {"start", "end"}
    assert set(event["place"]) >= {"name", "country", "lat", "lon"}
    assert isinstance(event["contexts"], list)
    assert isinstance(event["source"], list) and isinstance(event["target"], list)
    quote = d["quotes"][0]
    assert set(quote["cue"]) >= SPAN_KEYS and set(quote["content"]) >= SPAN_KEYS
    assert isinstance(quote["direct"], bool)


def test_empty_optionals_are_null_not_missing():
    d = Extraction(article=Article(text="x"), events=[Event("e1", "AGREE", Span(0, 1, "x"), (0, 1))]).to_dict()
    event = d["events"][0]
    assert event["place"] is None and event["date"] is None and event["aux"] is None
    assert d["article"]["published"] is None and d["article"]["title"] is None


@pytest.mark.parametrize("name", list(RECORDS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_json_dumps_works_on_every_to_dict(name, data):
    _, strategy = RECORDS[name]
    json.dumps(data.draw(strategy).to_dict(), allow_nan=False)
