"""Ingest on SQLite and PostgreSQL: round trips, identity, idempotence, dedup, failures."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.errors import ExtractionError, InputError
from communique.records import Actor, Article, Entity, Event, Extraction, Place, PlaceRef, Quote, Span, TimeRef
from communique.store import Store, article_key
from communique.store import schema as s
from store_builders import ev, extraction


def snapshot(store: Store) -> dict[str, list]:
    """Every row of every table, to show that something changed nothing."""
    out = {}
    with store.engine.connect() as conn:
        for table in s.metadata.sorted_tables:
            cols = [c for c in table.c if c.name not in ("ingested_at", "first_seen", "last_seen")]
            out[table.name] = sorted(map(repr, conn.execute(sa.select(*cols)).all()))
    return out


def test_round_trip_of_a_full_extraction(store):
    ex = extraction(ev("CONSULT", ["IND"], ["KOR"], place="IND"), ev("AGREE", ["IND", "KOR"], reciprocal=True),
                    people=[("Rajnath Singh", "IND", "Defence Minister")],
                    quotes=[("Rajnath Singh", "We agreed"), ("Nobody", "unattributed")],
                    url="https://example.org/a", source="Example", title="Talks", article_id="ext-1",
                    origin="feed.jsonl:3")
    ex.events[0].also = [Span(1, 3, ex.article.text[1:3])]
    ex.events[1].mode = "diplomatic"
    ex.entities = [Entity("Nationality", 1, 3, ex.article.text[1:3]), Entity("Weapon", 4, 6, ex.article.text[4:6])]
    store.ingest([ex])
    assert store.extraction("https://example.org/a") == ex
    assert store.extraction("ext-1") == ex
    assert store.extraction(ex.article) == ex
    assert store.extraction("nope") is None


def test_article_identity_is_url_else_text_hash():
    assert article_key(Article(text="x", url=" https://a.example/1 ")) == "https://a.example/1"
    a, b = Article(text="Same  text.\n", id="one"), Article(text="same text.", id="two")
    assert article_key(a) == article_key(b) != article_key(Article(text="other"))


def test_same_text_with_different_jsonl_ids_is_one_article(store):
    first = extraction(ev("CONSULT", ["IND"], ["KOR"]), text="India and Korea met.", article_id="feed-1")
    again = extraction(ev("CONSULT", ["IND"], ["KOR"]), text="India and  Korea met.", article_id="feed-2")
    summary = store.ingest([first, again])
    assert (summary.articles_new, summary.articles_skipped) == (1, 1)
    assert store.counts()["articles"] == 1
    assert store.extraction("feed-1") is not None and store.extraction("feed-2") is None


def test_ingesting_again_changes_nothing(store):
    batch = [extraction(ev("CONSULT", ["IND"], ["KOR"]), source="A"),
             extraction(ev("CONSULT", ["KOR"], ["IND"], date="2021-03-27"), source="B"),
             extraction(ev("ASSAULT", ["RUS"], ["UKR"]), people=[("Ivan", "RUS", None)])]
    first = store.ingest(batch, batch_size=2)
    assert first.articles_new == 3 and first.event_mentions == 3
    before = snapshot(store)
    second = store.ingest(batch, batch_size=2)
    assert (second.articles_new, second.articles_skipped, second.event_mentions) == (0, 3, 0)
    assert snapshot(store) == before


def test_reports_of_one_event_become_one_event_with_counts(store):
    store.ingest([
        extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-26", place="IND"), source="NDTV",
                   url="https://ndtv.example/1", published=dt.date(2021, 3, 26)),
        extraction(ev("CONSULT", ["IND", "KOR"], [], "2021-03-27", reciprocal=True), source="Yonhap",
                   published=dt.date(2021, 3, 27)),
        extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-27"), source="NDTV"),
        extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-04-20")),
        extraction(ev("CONSULT", ["IND"], ["JPN"], "2021-03-26")),
    ])
    found = store.events(dyad="IND-KOR", reports=True)
    assert [e.date for e in found] == ["2021-04-20", "2021-03-26"]
    talks = found[1]
    assert (talks.mentions, talks.articles, talks.sources) == (3, 3, 2)
    assert talks.source == ["IND"] and talks.target == ["KOR"] and not talks.reciprocal
    assert talks.place_country == "IND" and talks.place == "City of IND"
    assert {r.source for r in talks.reports} == {"NDTV", "Yonhap"}
    for r in talks.reports:
        # Every report leads back to its article's words.
        ex = store.extraction(r.article)
        assert ex.article.text[r.trigger["start"]:r.trigger["end"]] == r.trigger["text"]
        assert ex.article.text[r.sentence["start"]:r.sentence["end"]] == r.sentence["text"]


def test_two_reports_in_one_article_count_as_mentions_of_one_article(store):
    store.ingest([extraction(ev("ASSAULT", ["RUS"], ["UKR"]), ev("ASSAULT", ["RUS"], ["UKR"]), source="X")])
    (event,) = store.events()
    assert (event.mentions, event.articles, event.sources) == (2, 1, 1)


def test_grouping_does_not_depend_on_ingest_order(db_url, tmp_path):
    from communique.store import Store

    specs = [ev("CONSULT", ["IND"], ["KOR"], "2021-03-26"), ev("CONSULT", ["IND", "KOR"], [], "2021-03-27",
                                                                 reciprocal=True),
             ev("CONSULT", ["IND"], ["KOR"], "2021-03-27"), ev("ASSAULT", ["RUS"], ["UKR"], "2021-03-26"),
             ev("ASSAULT", ["RUS"], ["UKR"], "2021-03", precision="month"),
             ev("CONSULT", ["IND"], ["KOR"], "2021-03-25")]
    articles = [extraction(spec, text=f"Article number {n}.", source=f"S{n}") for n, spec in enumerate(specs)]

    def grouping(store: Store) -> set[frozenset[str]]:
        return {frozenset(r.article for r in e.reports) for e in store.events(reports=True, limit=None)}

    with Store(db_url) as store:
        store.ingest(articles, batch_size=1)
        forward = grouping(store)
    other = f"sqlite:///{tmp_path / 'reverse.db'}"
    with Store(other) as store:
        store.ingest(list(reversed(articles)), batch_size=1)
        assert grouping(store) == forward
    assert len(forward) == 2


def test_an_article_that_bridges_two_stored_events_merges_them(store):
    store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-26"), source="A"),
                  extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-28"), source="B")], batch_size=1)
    assert len(store.events()) == 2
    store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-27"), source="C")])
    (event,) = store.events()
    assert (event.mentions, event.articles, event.sources) == (3, 3, 3)
    with store.engine.connect() as conn:
        # The derived index rows of the merged-away event are gone too.
        assert conn.execute(sa.select(sa.func.count()).select_from(s.event_dyads)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(s.event_countries)).scalar() == 2


def test_errors_in_the_stream_are_recorded_as_failures(store):
    items = [extraction(ev("CONSULT", ["IND"], ["KOR"])),
             InputError("feed.jsonl", "invalid JSON (Expecting value at column 1)", line=4),
             ExtractionError("feed.jsonl:7", "IndexError: list index out of range"),
             extraction(ev("AGREE", ["IND"], ["KOR"]))]
    summary = store.ingest(items)
    assert (summary.articles_new, summary.articles_failed) == (2, 2)
    failures = {(f.path, f.line, f.stage) for f in store.failures()}
    assert failures == {("feed.jsonl", 4, "read"), ("feed.jsonl", 7, "extract")}
    # The same failure again is one row with two attempts.
    store.ingest([InputError("feed.jsonl", "still broken", line=4)])
    (row,) = [f for f in store.failures() if f.line == 4]
    assert (row.attempts, row.reason) == (2, "still broken")


def test_an_inconsistent_extraction_fails_alone(store):
    bad = extraction(ev("CONSULT", ["IND"], ["KOR"]), origin="bad.txt")
    bad.events[0].source = ["a99"]
    unknown = extraction(ev("CONSULT", ["IND"], ["KOR"]), origin="unknown.jsonl:2")
    unknown.events[0].category = "HUG"
    good = extraction(ev("AGREE", ["IND"], ["KOR"]))
    summary = store.ingest([bad, unknown, good])
    assert summary.articles_new == 1
    reasons = {(f.path, f.line): f.reason for f in store.failures()}
    assert "unknown actor(s) a99" in reasons[("bad.txt", None)]
    assert "unknown PLOVER category 'HUG'" in reasons[("unknown.jsonl", 2)]


def test_a_row_the_database_refuses_fails_alone(store, monkeypatch):
    # A value no column can hold: the batch is retried article by article.
    from communique.store import rows

    good = extraction(ev("CONSULT", ["IND"], ["KOR"]))
    bad = extraction(ev("AGREE", ["IND"], ["KOR"]), origin="refused.jsonl:9")
    original = rows.actor_row

    def actor_row(article_id, a):
        row = original(article_id, a)
        if a.name == bad.actors[0].name and article_id:
            row["name"] = None  # NOT NULL: an IntegrityError on both backends
        return row

    bad.actors[0].name = "Refuse me"
    monkeypatch.setattr(rows, "actor_row", actor_row)
    summary = store.ingest([good, bad])
    assert (summary.articles_new, summary.articles_failed) == (1, 1)
    (failure,) = store.failures()
    assert (failure.path, failure.line, failure.stage) == ("refused.jsonl", 9, "store")
    assert failure.reason.startswith("the database refused the article")
    assert store.counts()["articles"] == 1


def test_nul_characters_are_stored_or_refused_alone(store):
    # SQLite keeps NUL characters; PostgreSQL text cannot hold them, so there the article
    # fails (with a storable failure record) and the rest of the batch is stored.
    bad = extraction(ev("CONSULT", ["IND"], ["KOR"]), text="India\x00Korea talks", origin="nul\x00.jsonl:1")
    good = extraction(ev("AGREE", ["IND"], ["KOR"]))
    summary = store.ingest([bad, good])
    if store.engine.dialect.name == "sqlite":
        assert summary.articles_new == 2 and store.extraction(bad.article).article.text == "India\x00Korea talks"
    else:
        assert (summary.articles_new, summary.articles_failed) == (1, 1)
        (failure,) = store.failures()
        assert failure.path == "nul\\x00.jsonl" and failure.line == 1 and "NUL" in failure.reason


def test_storing_an_article_resolves_its_earlier_failure(store):
    store.ingest([InputError("feed.jsonl", "invalid JSON", line=2)])
    assert len(store.failures()) == 1
    store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"]), origin="feed.jsonl:2")])
    assert store.failures() == []


def test_an_interrupted_run_resumes_without_duplicates(db_url):
    batch = [extraction(ev("CONSULT", ["IND"], ["KOR"], f"2021-03-{d:02d}")) for d in range(1, 9)]

    def interrupted():
        for n, ex in enumerate(batch):
            if n == 5:
                raise KeyboardInterrupt
            yield ex

    with Store(db_url) as store:
        with pytest.raises(KeyboardInterrupt):
            store.ingest(interrupted(), batch_size=2)
        # Whole batches were committed; the one in flight was rolled back.
        assert store.counts()["articles"] == 4
        summary = store.ingest(batch, batch_size=2)
        assert (summary.articles_new, summary.articles_skipped) == (4, 4)
        assert store.counts()["event_mentions"] == 8


# --- property: any extraction survives the round trip ----------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
                min_size=1, max_size=40)
_maybe = lambda strategy: st.none() | strategy  # noqa: E731
_span = st.builds(Span, st.integers(0, 500), st.integers(0, 500), _text)
_float = st.floats(-180, 180, allow_nan=False)
_unique = itertools.count()


@st.composite
def extractions(draw) -> Extraction:
    n_actors = draw(st.integers(0, 4))
    actors = [Actor(id=f"a{i}", name=draw(_text), kind=draw(st.sampled_from(["person", "organisation",
                                                                              "country", "group"])),
                    country=draw(_maybe(st.sampled_from(["IND", "KOR", "UN"]))), sector=draw(_maybe(_text)),
                    role=draw(_maybe(_text)), mentions=draw(st.lists(_span, max_size=3)))
              for i in range(n_actors)]
    ids = [a.id for a in actors]
    events = []
    for i in range(draw(st.integers(0, 3))):
        date = draw(_maybe(st.sampled_from(["2021-03-26", "2021-03", "2019", "2021-W12", "198X"])))
        events.append(Event(
            id=f"e{i}", category=draw(st.sampled_from(["CONSULT", "ASSAULT", "AID"])), trigger=draw(_span),
            sentence=(draw(st.integers(0, 99)), draw(st.integers(100, 999))),
            source=draw(st.lists(st.sampled_from(ids), max_size=2)) if ids else [],
            target=draw(st.lists(st.sampled_from(ids), max_size=2)) if ids else [],
            mode=draw(_maybe(_text)), contexts=draw(st.lists(_text, max_size=2)),
            aux=draw(st.sampled_from([None, "future", "negated"])), date=date,
            date_precision=draw(_maybe(st.sampled_from(["day", "month", "year", "week", "decade"]))),
            place=draw(_maybe(st.builds(PlaceRef, _text, _maybe(st.just("IND")), _maybe(_float), _maybe(_float)))),
            score=draw(_maybe(_float)), confidence=draw(st.floats(0, 1)), reciprocal=draw(st.booleans()),
            also=draw(st.lists(_span, max_size=2)), cameo=draw(_maybe(st.sampled_from(["042", "1823"]))),
            sentence_number=draw(_maybe(st.integers(1, 99)))))
    quotes = [Quote(speaker=draw(_maybe(st.sampled_from(ids))) if ids else None, cue=draw(_span),
                    content=draw(_span), direct=draw(st.booleans()),
                    event=draw(_maybe(st.sampled_from([e.id for e in events]))) if events else None,
                    speaker_span=draw(_maybe(_span)), quoted=draw(st.lists(_span, max_size=2)))
              for _ in range(draw(st.integers(0, 2)))]
    times = draw(st.lists(st.builds(TimeRef, st.integers(0, 99), st.integers(0, 99), _text, _maybe(_text),
                                    st.sampled_from(["day", "month", "unknown"])), max_size=2))
    places = draw(st.lists(st.builds(Place, _text, _maybe(st.just("KOR")), _maybe(_float), _maybe(_float),
                                     st.lists(_span, max_size=2), st.sampled_from(["city", "country"])),
                           max_size=2))
    # A fresh text each time: hypothesis replays examples, and a stored text would be skipped.
    article = Article(text=draw(_text) + f" #{next(_unique)}", id=draw(_text),
                      title=draw(_maybe(_text)), published=draw(_maybe(st.dates())), url=None,
                      source=draw(_maybe(_text)), summary=draw(_maybe(_text)), origin=draw(_maybe(_text)))
    entities = draw(st.lists(st.builds(Entity, st.sampled_from(["Weapon", "Money"]), st.integers(0, 99),
                                       st.integers(0, 99), _text), max_size=2))
    return Extraction(article=article, actors=actors, events=events, quotes=quotes, times=times, places=places,
                      entities=entities)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extractions())
def test_any_extraction_survives_the_round_trip(store, ex):
    summary = store.ingest([ex])
    assert summary.articles_new == 1, summary.failures
    assert store.extraction(ex.article) == ex
