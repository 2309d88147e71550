"""Queries and exports on SQLite and PostgreSQL, over hand-built extractions."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from communique.store import StoreError, to_frame
from communique.store.queries import fts5_query, parse_dyad
from store_builders import ev, extraction


@pytest.fixture
def filled(store):
    store.ingest([
        extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-26", place="IND", score=2.5),
                   ev("AGREE", ["IND", "KOR"], [], "2021-03-26", reciprocal=True, score=2.5),
                   people=[("Rajnath Singh", "IND", "Defence Minister"), ("Suh Wook", "KOR", "Defence Minister")],
                   quotes=[("Rajnath Singh", "Our partnership is special"), ("Suh Wook", "We thank India")],
                   text=None, title="India and South Korea defence ministers meet in New Delhi",
                   url="https://news.example/ind-kor", source="NDTV", published=dt.date(2021, 3, 26)),
        extraction(ev("CONSULT", ["KOR"], ["IND"], "2021-03-29", score=2.5),
                   title="Seoul briefs on Delhi trip", source="Yonhap", published=dt.date(2021, 3, 29)),
        extraction(ev("ASSAULT", ["RUS"], ["UKR"], "2022-02-24", score=-9.0, confidence=0.9),
                   ev("ACCUSE", ["UKR"], ["RUS"], "2022-02-24", score=-3.0, confidence=0.45),
                   title="Russian forces attack Ukraine", source="Wire", published=dt.date(2022, 2, 24)),
        extraction(ev("AID", ["KOR"], ["BGD"], "2024-07-03", score=10.0), title="Flood aid pledged",
                   source="Wire", published=dt.date(2024, 7, 3)),
        extraction(ev("CONSULT", ["IND"], ["KOR"], None), title="Undated talks"),
    ])
    return store


def test_dyad_matches_either_direction_and_reciprocal(filled):
    found = filled.events(dyad="KOR-IND")
    assert sorted((e.category, e.dyad) for e in found) == [
        ("AGREE", "IND+KOR"), ("CONSULT", "IND-KOR"), ("CONSULT", "IND-KOR"), ("CONSULT", "KOR-IND")]
    assert found[0].date == "2021-03-29"  # newest first, undated last
    assert found[-1].date is None
    assert filled.events(dyad="IND-KOR") == found


def test_event_filters(filled):
    assert {e.category for e in filled.events(country="RUS")} == {"ASSAULT", "ACCUSE"}
    assert [e.category for e in filled.events(category="aid")] == ["AID"]
    assert {e.category for e in filled.events(category="ASSAULT,AID")} == {"ASSAULT", "AID"}
    assert {e.date for e in filled.events(since=dt.date(2022, 1, 1))} == {"2022-02-24", "2024-07-03"}
    assert {e.date for e in filled.events(until=dt.date(2021, 12, 31))} == {"2021-03-26", "2021-03-29"}
    assert {e.category for e in filled.events(dyad="IND-KOR", since=dt.date(2021, 3, 27))} == {"CONSULT"}
    assert {e.category for e in filled.events(actor="rajnath")} == set()  # people act in no event here
    assert {e.category for e in filled.events(actor="ukraine")} == set()
    assert {e.category for e in filled.events(actor="UKR")} == {"ASSAULT", "ACCUSE"}
    assert {e.category for e in filled.events(text="Russian attack")} == {"ASSAULT", "ACCUSE"}
    assert {e.category for e in filled.events(dyad="IND-KOR", country="KOR")} == {"CONSULT", "AGREE"}
    assert len(filled.events(limit=2)) == 2
    assert len(filled.events(limit=None)) == 7


def test_an_event_keeps_its_most_confident_report_and_filters_on_it(filled):
    assert {e.category: e.confidence for e in filled.events(country="RUS")} == {"ASSAULT": 0.9, "ACCUSE": 0.45}
    assert [e.category for e in filled.events(country="RUS", min_confidence=0.6)] == ["ASSAULT"]
    assert len(filled.events(limit=None, min_confidence=0.0)) == 7
    # A less confident report of a known event does not lower it; a more confident one raises it.
    filled.ingest([extraction(ev("ACCUSE", ["UKR"], ["RUS"], "2022-02-24", confidence=0.3),
                              ev("ASSAULT", ["RUS"], ["UKR"], "2022-02-24", confidence=0.95))])
    assert {e.category: (e.confidence, e.mentions) for e in filled.events(country="RUS")} == {
        "ASSAULT": (0.95, 2), "ACCUSE": (0.45, 2)}


@pytest.mark.parametrize("bad", [dict(dyad="IND"), dict(dyad="IND-KOR-JPN"), dict(country="1"),
                                 dict(category="HUG"), dict(text="-only"), dict(min_confidence=1.5)])
def test_bad_filters_are_refused(filled, bad):
    with pytest.raises(StoreError):
        filled.events(**bad)


def test_timeline_counts_groups_and_mean_score(filled):
    rows = filled.timeline("KOR", "IND", by="month")
    assert [r.period for r in rows] == ["2021-03"]
    (r,) = rows
    assert (r.verbal_cooperation, r.material_cooperation, r.verbal_conflict, r.material_conflict) == (3, 0, 0, 0)
    assert r.events == 3 and r.mean_score == 2.5 and r.start == dt.date(2021, 3, 1)
    weeks = filled.timeline("IND", "KOR", by="week")
    assert [(w.period, w.events) for w in weeks] == [("2021-W12", 2), ("2021-W13", 1)]
    # Empty periods between the first and the last count zero.
    days = filled.timeline("IND", "KOR", by="day")
    assert [(d.period, d.events) for d in days] == [("2021-03-26", 2), ("2021-03-27", 0), ("2021-03-28", 0),
                                                     ("2021-03-29", 1)]
    assert days[1].mean_score is None and days[1].verbal_cooperation == 0
    (rus,) = filled.timeline("RUS", "UKR", by="year")
    assert (rus.period, rus.verbal_conflict, rus.material_conflict, rus.mean_score) == ("2022", 1, 1, -6.0)
    assert [(r.period, r.events > 0) for r in filled.timeline("KOR", by="year")] == \
        [("2021", True), ("2022", False), ("2023", False), ("2024", True)]
    assert [r.period for r in filled.timeline("IND", "KOR", since=dt.date(2021, 3, 27), by="day")] == \
        ["2021-03-27", "2021-03-28", "2021-03-29"]
    # since and until give the periods asked for, events or not.
    months = filled.timeline("IND", "KOR", since=dt.date(2020, 12, 5), until=dt.date(2021, 4, 2))
    assert [(m.period, m.events) for m in months] == [("2020-12", 0), ("2021-01", 0), ("2021-02", 0),
                                                       ("2021-03", 3), ("2021-04", 0)]
    with pytest.raises(StoreError):
        filled.timeline("IND", "KOR", by="fortnight")


def test_actors_quotes_dyads(filled):
    actors = {a.name: a for a in filled.actors(limit=None)}
    assert actors["IND"].events == 4 and actors["IND"].articles == 3
    assert actors["Rajnath Singh"].role == "Defence Minister" and actors["Rajnath Singh"].events == 0
    assert {a.name for a in filled.actors(country="KOR")} == {"KOR", "Suh Wook"}
    assert [a.name for a in filled.actors(name="suh")] == ["Suh Wook"]
    quotes = filled.quotes()
    assert {q.speaker for q in quotes} == {"Rajnath Singh", "Suh Wook"}
    (q,) = filled.quotes(speaker="rajnath")
    assert q.content == "Our partnership is special" and q.country == "IND" and q.url == "https://news.example/ind-kor"
    dyads = filled.dyads()
    assert dyads[0].dyad == "IND-KOR" and dyads[0].events == 4
    assert dyads[0].first == dt.date(2021, 3, 26) and dyads[0].last == dt.date(2021, 3, 29)


def test_full_text_search(filled):
    hits = filled.search("defence ministers")
    assert [h.title for h in hits] == ["India and South Korea defence ministers meet in New Delhi"]
    assert hits[0].events == 2 and "[" in hits[0].snippet
    assert {h.title for h in filled.search('"flood aid" OR russian')} == {"Flood aid pledged",
                                                                          "Russian forces attack Ukraine"}
    assert {h.title for h in filled.search("Delhi -Seoul")} == {
        "India and South Korea defence ministers meet in New Delhi"}
    assert filled.search("attacks")[0].title == "Russian forces attack Ukraine"  # stemmed
    assert filled.search("nothing-like-this") == []


@pytest.mark.parametrize("query, expected", [
    ("india korea", '"india" AND "korea"'),
    ('"south korea" talks', '"south korea" AND "talks"'),
    ("india OR korea talks", '("india" OR "korea") AND "talks"'),
    ("talks -japan", '"talks" NOT "japan"'),
    ("NEAR( AND", '"NEAR" AND "AND"'),
])
def test_fts5_query(query, expected):
    assert fts5_query(query) == expected


def test_parse_dyad():
    assert parse_dyad("kor-ind") == ("IND", "KOR") == parse_dyad("IND,KOR") == parse_dyad("IND KOR")


def test_frames(filled):
    frame = to_frame(filled.events(limit=None))
    assert len(frame) == 7 and {"dyad", "mentions", "sources", "evidence"} <= set(frame.columns)
    assert list(to_frame(filled.timeline("IND", "KOR")).columns)[:2] == ["period", "start"]


# --- exports -----------------------------------------------------------------------------------


def test_export_csv_jsonl_parquet(filled, tmp_path):
    from communique.store import EventFilter

    n = filled.export("csv", str(tmp_path / "e.csv"), EventFilter(dyad="IND-KOR"))
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert n == len(rows) == 4 and {r["dyad"] for r in rows} == {"IND-KOR", "IND+KOR", "KOR-IND"}
    assert filled.export("jsonl", str(tmp_path / "e.jsonl")) == 7
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(x["reports"] and x["reports"][0]["sentence"]["text"] for x in lines)
    import pyarrow.parquet as pq

    assert filled.export("parquet", str(tmp_path / "e.parquet"), EventFilter(country="RUS")) == 2
    table = pq.read_table(tmp_path / "e.parquet")
    assert sorted(table.column("category").to_pylist()) == ["ACCUSE", "ASSAULT"]
    assert sorted(table.column("confidence").to_pylist()) == [0.45, 0.9]
    assert filled.export("csv", str(tmp_path / "sure.csv"), EventFilter(country="RUS", min_confidence=0.6)) == 1
    assert filled.export("parquet", str(tmp_path / "none.parquet"), EventFilter(country="FRA")) == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_export_cameo_is_gdelt(filled, tmp_path):
    from communique.store import EventFilter

    filled.export("cameo", str(tmp_path / "e.tsv"), EventFilter(dyad="IND-KOR", since=dt.date(2021, 1, 1)))
    rows = list(csv.DictReader((tmp_path / "e.tsv").open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) == 3 and len({r["GLOBALEVENTID"] for r in rows}) == 3  # one row per event
    consult = next(r for r in rows if r["EventRootCode"] == "04" and r["SQLDATE"] == "20210326")
    assert (consult["Actor1CountryCode"], consult["Actor2CountryCode"], consult["EventCode"],
            consult["QuadClass"]) == ("IND", "KOR", "040", "1")
    assert consult["NumMentions"] == "1" and consult["SOURCEURL"] == "https://news.example/ind-kor"
    agree = next(r for r in rows if r["EventRootCode"] == "03")
    assert (agree["Actor1CountryCode"], agree["Actor2CountryCode"], agree["EventCode"]) == ("IND", "KOR", "030")


def test_failed_export_leaves_no_file(filled, tmp_path, monkeypatch):
    from communique.store import export

    def broken(event, day):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(export, "gdelt_row", broken)
    with pytest.raises(RuntimeError):
        filled.export("gdelt", str(tmp_path / "e.tsv"))
    assert list(tmp_path.iterdir()) == [] or all(p.suffix == ".db" or "store.db" in p.name
                                                  for p in tmp_path.iterdir())
