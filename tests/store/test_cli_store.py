"""The store commands: ingest (with the model), queries and exports (on hand-built data)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from communique.cli import main
from communique.store import Store
from store_builders import ev, extraction

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}") from result.exception
    return result


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with Store(url) as store:
        store.ingest([
            extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-26"), title="Defence ministers meet",
                       people=[("Rajnath Singh", "IND", "Defence Minister")],
                       quotes=[("Rajnath Singh", "A special partnership")], source="NDTV"),
            extraction(ev("CONSULT", ["IND", "KOR"], [], "2021-03-27", reciprocal=True), source="Yonhap"),
            extraction(ev("ASSAULT", ["RUS"], ["UKR"], "2022-02-24", score=-9.0, confidence=0.5), title="Attack"),
        ])
    return url


def test_events_formats(db):
    data = json.loads(invoke("events", "--db", db, "--dyad", "KOR-IND").stdout)
    (event,) = data
    assert event["mentions"] == 2 and event["sources"] == 2 and len(event["reports"]) == 2
    assert event["reports"][0]["sentence"]["text"]
    lines = invoke("events", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(x)["reports"] for x in lines)
    rows = list(csv.DictReader(io.StringIO(invoke("events", "--db", db, "--format", "csv").stdout)))
    assert {r["dyad"] for r in rows} == {"IND-KOR", "RUS-UKR"} and "reports" not in rows[0]
    table = invoke("events", "--db", db, "--format", "table", "--country", "RUS").stdout
    assert "ASSAULT" in table and "RUS-UKR" in table and "CONSULT" not in table
    empty = invoke("events", "--db", db, "--format", "table", "--category", "AID")
    assert empty.exit_code == 0 and "no events match" in empty.stderr
    assert json.loads(invoke("events", "--db", db, "--limit", "1").stdout)[0]["category"] == "ASSAULT"
    sure = json.loads(invoke("events", "--db", db, "--min-confidence", "0.6").stdout)
    assert [e["category"] for e in sure] == ["CONSULT"] and sure[0]["confidence"] == 0.8
    bad = invoke("events", "--db", db, "--min-confidence", "2")
    assert bad.exit_code == 2 and "--min-confidence" in bad.stderr


def test_timeline_actors_quotes_search(db):
    (row,) = json.loads(invoke("timeline", "IND", "KOR", "--by", "year", "--db", db).stdout)
    assert (row["period"], row["verbal_cooperation"], row["events"]) == ("2021", 1, 1)
    assert "RUS" in invoke("timeline", "RUS", "UKR", "--db", db, "--format", "table").stdout
    actors = list(csv.DictReader(io.StringIO(invoke("actors", "--db", db, "--format", "csv", "--country", "IND").stdout)))
    assert {a["name"] for a in actors} == {"IND", "Rajnath Singh"}
    (quote,) = [json.loads(x) for x in invoke("quotes", "--db", db, "--speaker", "singh", "--format", "jsonl")
                .stdout.splitlines()]
    assert quote["content"] == "A special partnership"
    hits = json.loads(invoke("search", "defence", "ministers", "--db", db).stdout)
    assert [h["title"] for h in hits] == ["Defence ministers meet"]
    assert invoke("timeline", "A", "B", "C", "--db", db).exit_code == 2


def test_export_command(db, tmp_path):
    out = tmp_path / "events.tsv"
    result = invoke("export", "--format", "cameo", "--out", out, "--db", db, "--category", "ASSAULT")
    assert result.exit_code == 0 and f"wrote 1 rows to {out}" in result.stderr
    (row,) = csv.DictReader(out.open(encoding="utf-8"), delimiter="\t")
    assert (row["Actor1CountryCode"], row["Actor2CountryCode"], row["EventRootCode"], row["QuadClass"]) == \
        ("RUS", "UKR", "18", "4")
    stdout = invoke("export", "--format", "jsonl", "--out", "-", "--db", db).stdout
    assert len(stdout.splitlines()) == 2


def test_ingest_needs_a_path():
    result = invoke("ingest")
    assert result.exit_code == 2 and "give at least one PATH" in result.output


# --- with the model ----------------------------------------------------------------------------


@pytest.mark.model
def test_ingest_examples_twice(tmp_path):
    db = f"sqlite:///{tmp_path / 'ex.db'}"
    first = invoke("ingest", EXAMPLES, "--db", db, "--batch-size", "2")
    assert first.exit_code == 0, first.output
    # The .txt files and their JSONL copies are the same three articles.
    assert "3 new articles, 3 skipped (already stored), 0 failed" in first.stdout
    with Store(db) as store:
        before = store.counts()
    again = invoke("ingest", EXAMPLES, "--db", db)
    assert again.exit_code == 0 and "0 new articles, 6 skipped" in again.stdout
    with Store(db) as store:
        assert store.counts() == before and before["events"] > 10
        assert {d.dyad for d in store.dyads()} >= {"JPN-PHL", "KGZ-TJK", "BGD-KOR"}


@pytest.mark.model
def test_bad_inputs_are_recorded_and_retried(tmp_path):
    db = f"sqlite:///{tmp_path / 'bad.db'}"
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    good = {"id": "g1", "text": "India and South Korea held talks in New Delhi on Friday.", "published": "2021-03-26"}
    feed.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    (tmp_path / "in" / "blob.txt").write_bytes(b"\x00\x01binary")
    result = invoke("ingest", tmp_path / "in", "--db", db)
    assert result.exit_code == 1
    errors = [x for x in result.stderr.splitlines() if x.startswith("communique: error:")]
    assert len(errors) == 2 and any(f"{feed}:2: invalid JSON" in x for x in errors)
    assert "1 new articles" in result.stdout and "2 failed" in result.stdout
    with Store(db) as store:
        assert {(f.path, f.line) for f in store.failures()} == {(str(feed), 2), (str(tmp_path / "in" / "blob.txt"), None)}

    fixed = {"id": "g2", "text": "Japan and the Philippines agreed to deepen ties.", "published": "2024-05-10"}
    feed.write_text(json.dumps(good) + "\n" + json.dumps(fixed) + "\n", encoding="utf-8")
    retry = invoke("ingest", "--retry-failed", "--db", db)
    assert retry.exit_code == 1  # the binary file still fails
    assert "1 new articles" in retry.stdout and "1 resolved" in retry.stdout
    with Store(db) as store:
        (left,) = store.failures()
        assert left.path.endswith("blob.txt") and left.attempts == 2
        assert store.extraction("g2") is not None and store.counts()["articles"] == 2


@pytest.mark.model
def test_demo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("demo")
    assert result.exit_code == 0, result.output
    assert "3 new articles" in result.stdout
    assert "Dyads with most events" in result.stdout and "Latest events" in result.stdout
    assert "next: communique events --dyad" in result.stdout
    assert (tmp_path / "communique.db").exists()
    assert "0 new articles, 6 skipped" in invoke("demo").stdout
