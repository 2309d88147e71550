"""The JSON API over the examples, against a real server: the same answers as the Store,
paging, every report of an event, reviews that persist beside the machine's record and
show in `communique events`, and the gold export that `communique eval plover` scores."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.store import Store

pytestmark = pytest.mark.model


@pytest.fixture
def served(server_factory, examples_copy):
    return server_factory(examples_copy), examples_copy


def test_the_api_answers_what_the_store_answers(served):
    server, db = served
    with Store(f"sqlite:///{db}") as store, server.client() as http:
        top = store.dyads(limit=1)[0].dyad
        expected = store.events(dyad=top, category="AGREE,CONSULT,SUPPORT", since=None, limit=50)
        got = http.get("/api/events", params={"dyad": top, "category": "AGREE,CONSULT,SUPPORT"}).json()["events"]
        assert [e["id"] for e in got] == [e.id for e in expected] and got
        a, b = top.split("-")
        timeline = http.get(f"/api/dyads/{top}/timeline", params={"by": "day"}).json()["timeline"]
        assert timeline == [r.to_dict() for r in store.timeline(a, b, by="day")]
        assert http.get("/api/actors").json()["actors"] == [x.to_dict() for x in store.actors()]
        assert http.get("/api/quotes").json()["quotes"] == [x.to_dict() for x in store.quotes()]
        hits = http.get("/api/search", params={"q": "flood"}).json()["hits"]
        assert [h["article"] for h in hits] == [h.article for h in store.search("flood")] and hits
        assert http.get("/api/stats").json()["events"] == store.counts()["events"]


def test_events_page_through_the_whole_store(served):
    server, db = served
    with Store(f"sqlite:///{db}") as store, server.client() as http:
        everything = [e.id for e in store.events(limit=None)]
        seen, url = [], "/api/events?limit=7"
        while url:
            body = http.get(url).json()
            seen += [e["id"] for e in body["events"]]
            url = body["next"]
        assert seen == everything


def test_an_event_has_every_report_and_an_article_all_its_records(served):
    server, db = served
    with server.client() as http:
        events = http.get("/api/events", params={"limit": 500}).json()["events"]
        multi = max(events, key=lambda e: e["mentions"])
        detail = http.get(f"/api/events/{multi['id']}").json()
        assert len(detail["reports"]) == multi["mentions"]
        for report in detail["reports"]:
            article = http.get(f"/api/articles/{report['article_db_id']}").json()
            text = article["article"]["text"]
            t, s = report["trigger"], report["sentence"]
            assert text[t["start"]:t["end"]] == t["text"] and text[s["start"]:s["end"]] == s["text"]
            assert article["event_ids"][report["event"]] == multi["id"]
            assert {"actors", "events", "quotes", "times", "places", "entities"} <= set(article)


def test_extract_and_ingest_over_http(served):
    server, db = served
    text = (EXAMPLE := (__import__("pathlib").Path(__file__).parents[2] / "examples"
                        / "2024-09-17-kyrgyzstan-tajikistan-border-attack.txt")).read_text()
    body = text.split("\n", 1)[1]
    with server.client() as http:
        before = http.get("/api/stats").json()
        out = http.post("/api/extract", json={"text": body, "published": "2024-09-17"}).json()
        assert out["events"] and out["article"]["text"] == body
        assert http.get("/api/stats").json() == before  # nothing stored
        new = {"text": "India and Japan signed a defence agreement in Tokyo on Monday.", "title": "New one",
               "published": "2024-10-01", "id": "web-test-1"}
        lines = json.dumps(new) + "\n" + "not json\n"
        stored = http.post("/api/articles", content=lines, headers={"Content-Type": "application/x-ndjson"}).json()
        assert stored["articles_new"] == 1 and stored["articles_failed"] == 1
        assert "line 2" in stored["failures"][0] or ":2" in stored["failures"][0]
        again = http.post("/api/articles", json=new).json()
        assert again["articles_new"] == 0 and again["articles_skipped"] == 1
        assert http.get("/api/stats").json()["articles"] == before["articles"] + 1
    del EXAMPLE


def _events_cli(db) -> list[dict]:
    result = CliRunner().invoke(main, ["events", "--db", f"sqlite:///{db}", "--limit", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_reviews_persist_as_new_rows_and_show_everywhere(served, tmp_path):
    server, db = served
    with server.client() as http:
        events = http.get("/api/events", params={"limit": 500}).json()["events"]
        first, second, third = events[0], events[1], events[2]
        http.post(f"/api/events/{first['id']}/review", json={"action": "accept", "reviewer": "ana"}).raise_for_status()
        http.post(f"/api/events/{second['id']}/review", json={"action": "reject", "note": "not an event"})
        new_category = "ACCUSE" if third["category"] != "ACCUSE" else "REJECT"
        corrected = http.post(f"/api/events/{third['id']}/review", json={
            "action": "correct", "category": new_category, "source": ["USA"], "reviewer": "ben"}).json()["event"]
        assert corrected["category"] == new_category and corrected["source"] == ["USA"]
        change = corrected["review"]["changed"]["category"]
        assert change == {"machine": third["category"], "reviewed": new_category}
        assert corrected["review"]["by"] == "ben" and len(corrected["review_history"]) == 1
    with Store(f"sqlite:///{db}") as store:
        import sqlalchemy as sa

        from communique.store import schema as s

        with store.engine.connect() as conn:
            machine = conn.execute(sa.select(s.events.c.category).where(s.events.c.id == third["id"])).scalar()
        assert machine == third["category"]  # the machine's record is untouched
    by_id = {e["id"]: e for e in _events_cli(db)}
    assert by_id[first["id"]]["review"]["status"] == "accepted"
    assert by_id[second["id"]]["review"]["status"] == "rejected"
    assert by_id[third["id"]]["category"] == new_category and by_id[third["id"]]["review"]["status"] == "corrected"
    assert by_id[events[3]["id"]]["review"] is None

    gold = tmp_path / "gold.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", f"sqlite:///{db}", "--format", "gold", "--out", str(gold)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in gold.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(f"communique-event-{e['id']}" for e in (first, third))
    from communique.eval.plover import load_plover_gold

    sentences = load_plover_gold(gold)
    assert {c for s_ in sentences for c in s_.categories} >= {new_category}
    scored = CliRunner().invoke(main, ["eval", "plover", str(gold), "--json"])
    assert scored.exit_code == 0, scored.output
    report = json.loads(scored.stdout)
    assert report["sentences"] == len(sentences)
