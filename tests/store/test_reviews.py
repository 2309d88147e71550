"""Reviews on both backends: a new row per verdict, the machine's event untouched, the
reviewed value on every query, the review queue, the dashboard's views, gold records."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from communique.store import StoreError
from communique.store import schema as s
from communique.store.reviews import Review
from store_builders import ev, extraction


def _events(store):
    store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"], confidence=0.4), ev("ASSAULT", ["RUS"], ["UKR"],
                                                                                  confidence=0.9, place="UKR")),
                  extraction(ev("AGREE", ["JPN", "PHL"], reciprocal=True, confidence=0.6))])
    return {e.category: e for e in store.events(limit=None)}


def test_a_correction_is_a_new_row_and_queries_show_the_reviewed_value(store):
    by = _events(store)
    consult = by["CONSULT"]
    store.review(consult.id, Review("correct", category="ACCUSE", target=["CHN"], note="misread", reviewer="ana"))
    [shown] = [e for e in store.events(limit=None) if e.id == consult.id]
    assert (shown.category, shown.group, shown.target) == ("ACCUSE", "verbal conflict", ["CHN"])
    assert shown.review["status"] == "corrected" and shown.review["by"] == "ana"
    assert shown.review["changed"]["category"] == {"machine": "CONSULT", "reviewed": "ACCUSE"}
    assert shown.score == -3.0  # the score follows the reviewed category
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(s.events.c.category).where(s.events.c.id == consult.id)).scalar() == "CONSULT"
    store.review(consult.id, Review("accept", reviewer="ben"))
    again = store.event(consult.id)
    assert again.review["status"] == "corrected" and again.review["by"] == "ben" and again.review["reviews"] == 2
    assert [h["action"] for h in store.review_history(consult.id)] == ["correct", "accept"]
    assert store.review_counts()["events"] == 1


def test_bad_reviews_are_refused_with_a_reason(store):
    by = _events(store)
    with pytest.raises(StoreError, match="at least one"):
        Review("correct")
    with pytest.raises(StoreError, match="unknown PLOVER category"):
        Review("correct", category="HUG")
    with pytest.raises(StoreError, match="not a date"):
        Review("correct", date="next week")
    with pytest.raises(StoreError, match="no event"):
        store.review(999_999, Review("accept"))
    assert store.review_history(by["AGREE"].id) == []


def test_the_queue_is_unreviewed_events_least_confident_first(store):
    by = _events(store)
    assert [e.category for e in store.review_queue()] == ["CONSULT", "AGREE", "ASSAULT"]
    store.review(by["CONSULT"].id, Review("reject"))
    assert [e.category for e in store.review_queue()] == ["AGREE", "ASSAULT"]
    assert [e.category for e in store.review_queue(max_confidence=0.7)] == ["AGREE"]
    assert [e.category for e in store.review_queue(dyad="RUS-UKR")] == ["ASSAULT"]
    assert store.review_queue()[0].reports  # with the sentence to judge


def test_network_places_and_articles(store):
    _events(store)
    net = store.network()
    assert {(e["a"], e["b"]) for e in net.edges} == {("IND", "KOR"), ("RUS", "UKR"), ("JPN", "PHL")}
    assert {n["country"] for n in net.nodes} == {"IND", "KOR", "RUS", "UKR", "JPN", "PHL"}
    assert [p["country"] for p in store.places()] == ["UKR"]
    articles = store.articles()
    assert len(articles) == 2 and all(a.lead for a in articles)
    view = store.article(articles[0].id)
    assert set(view.event_ids.values()) <= {e.id for e in store.events(limit=None)}
    assert store.article(424242) is None and store.event(424242) is None


def test_gold_export_writes_accepted_and_corrected_events(store, tmp_path):
    by = _events(store)
    store.review(by["CONSULT"].id, Review("correct", category="ACCUSE"))
    store.review(by["ASSAULT"].id, Review("reject"))
    store.review(by["AGREE"].id, Review("accept"))
    path = tmp_path / "gold.jsonl"
    assert store.export("gold", str(path)) == 2
    records = {r["plover"]: r for r in map(json.loads, path.read_text().splitlines())}
    assert set(records) == {"ACCUSE", "AGREE"}
    accuse = records["ACCUSE"]
    assert [a["code"] for a in accuse["source"]] == ["IND"] and [a["code"] for a in accuse["target"]] == ["KOR"]
    assert "(EVT: met)" in accuse["textInfo"]["markup"] and accuse["date"] == "2021-03-26"
    assert records["AGREE"]["target"] == []
    from communique.eval.plover import load_plover_gold

    sentences = load_plover_gold(path)
    assert sorted(c for x in sentences for c in x.categories) == ["ACCUSE", "AGREE"]
    assert any(x.evidence for x in sentences)


def test_timelines_count_the_reviewed_value(store):
    by = _events(store)
    before = {r.period: r for r in store.timeline("IND", "KOR", by="day")}
    assert before["2021-03-26"].verbal_cooperation == 1
    store.review(by["CONSULT"].id, Review("correct", category="ACCUSE"))
    [row] = store.timeline("IND", "KOR", by="day")
    assert (row.verbal_cooperation, row.verbal_conflict, row.events, row.mean_score) == (0, 1, 1, -3.0)
    store.review(by["CONSULT"].id, Review("correct", date="2021-04-02"))
    assert [r.period for r in store.timeline("IND", "KOR", by="month")] == ["2021-04"]
    assert [r.period for r in store.timeline("IND", by="month")] == ["2021-04"]
    store.review(by["CONSULT"].id, Review("correct", target=["CHN"]))
    assert store.timeline("IND", "KOR") == []
    assert [r.events for r in store.timeline("CHN", "IND")] == [1]
    store.review(by["ASSAULT"].id, Review("reject"))
    assert store.timeline("RUS", "UKR") == [] and store.timeline("UKR") == []
    store.review(by["AGREE"].id, Review("accept"))
    assert [r.events for r in store.timeline("JPN", "PHL")] == [1]


def test_the_network_counts_the_reviewed_value(store):
    by = _events(store)
    store.review(by["CONSULT"].id, Review("correct", target=["CHN"]))
    store.review(by["ASSAULT"].id, Review("reject"))
    store.review(by["AGREE"].id, Review("accept"))
    edges = {(e["a"], e["b"]): e for e in store.network().edges}
    assert set(edges) == {("CHN", "IND"), ("JPN", "PHL")}
    assert edges[("CHN", "IND")]["events"] == 1 and edges[("CHN", "IND")]["mean_score"] == 2.5
    from communique.store import EventFilter

    assert {(e["a"], e["b"]) for e in store.network(EventFilter(category="AGREE")).edges} == {("JPN", "PHL")}


def test_places_count_the_reviewed_value(store):
    by = _events(store)
    [place] = store.places()
    assert place["country"] == "UKR" and place["events"] == 1
    store.review(by["ASSAULT"].id, Review("correct", category="COERCE"))
    assert store.places()[0]["events"] == 1
    store.review(by["ASSAULT"].id, Review("reject"))
    assert store.places() == []
    store.review(by["ASSAULT"].id, Review("accept"))
    assert store.places()[0]["events"] == 1
    store.review(by["ASSAULT"].id, Review("correct", place="Somewhere else"))
    assert store.places() == []  # a corrected place has no coordinates yet
