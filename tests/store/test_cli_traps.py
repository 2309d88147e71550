"""The command line's traps closed: unknown countries, auxiliary modes, event order,
empty periods, dyads and failures (hand-built data, no model)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from communique.errors import InputError
from communique.store import Store, StoreError
from communique.store.queries import parse_country, parse_dyad
from store_builders import ev, extraction
from test_cli_store import invoke


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'traps.db'}"
    with Store(url) as store:
        store.ingest([
            extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03-26"), published=dt.date(2021, 3, 26)),
            extraction(ev("AID", ["IND"], ["KOR"], "2021-05-02", aux="future"), published=dt.date(2021, 3, 27)),
            extraction(ev("THREATEN", ["IND"], ["KOR"], "2021-03-20", aux="negated", score=-4.0)),
            extraction(ev("ASSAULT", ["IND"], ["KOR"], "2019-01-10", aux="historical", score=-9.0)),
            extraction(ev("CONSULT", ["RUS"], ["UKR"], "2021-03-26"), published=dt.date(2021, 3, 26)),
            InputError("feed.jsonl", "invalid JSON (Expecting value at column 1)", line=3),
        ])
    return url


def test_country_names_and_codes_are_resolved():
    assert parse_country("kor") == "KOR" == parse_country("South Korea") == parse_country(" south  korea ")
    assert parse_country("UN") == "UN" and parse_country("Iran") == "IRN"
    assert parse_dyad("India-South Korea") == ("IND", "KOR") == parse_dyad("kor ind")
    with pytest.raises(StoreError, match=r"IRAN: did you mean IRN \(Iran\)\?"):
        parse_country("IRAN")
    with pytest.raises(StoreError, match="not a known country code"):
        parse_dyad("IND-QQQ")


@pytest.mark.parametrize("args, message", [
    (["events", "--dyad", "IRAN-IRAQ"], "IRAN: did you mean IRN (Iran)?"),
    (["events", "--country", "XYZ"], "XYZ: not a known country code"),
    (["export", "--format", "csv", "--out", "-", "--country", "Untied States"], "did you mean USA"),
    (["timeline", "IND", "KORR"], "KORR: did you mean KOR"),
    (["actors", "--country", "INDIA"], "did you mean IND (India)?"),
])
def test_unknown_countries_exit_2_with_the_nearest_code(db, args, message):
    result = invoke(*args, "--db", db)
    assert result.exit_code == 2 and message in result.stderr


def test_names_work_where_codes_do(db):
    by_name = json.loads(invoke("events", "--db", db, "--dyad", "India-South Korea").stdout)
    by_code = json.loads(invoke("events", "--db", db, "--dyad", "KOR-IND").stdout)
    assert by_name == by_code and len(by_code) == 2
    assert json.loads(invoke("timeline", "India", "south korea", "--db", db).stdout)


def test_aux_defaults_to_what_happened_and_is_repeatable(db):
    def categories(*extra):
        return [e["category"] for e in json.loads(invoke("events", "--db", db, "--dyad", "IND-KOR", *extra).stdout)]

    assert categories() == ["CONSULT", "ASSAULT"]
    assert categories("--aux", "negated") == ["THREATEN"]
    assert categories("--aux", "none", "--aux", "future") == ["CONSULT", "AID"]
    # Newest first by event date, what lies ahead last even though its date is the latest.
    assert categories("--aux", "all") == ["CONSULT", "THREATEN", "ASSAULT", "AID"]
    assert invoke("events", "--db", db, "--aux", "maybe").exit_code == 2
    rows = invoke("export", "--format", "jsonl", "--out", "-", "--db", db, "--aux", "future").stdout.splitlines()
    assert [json.loads(r)["aux"] for r in rows] == ["future"]


def test_report_date_breaks_ties_of_event_date(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'tie.db'}") as store:
        store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"], "2021-03"), title="older report",
                                 published=dt.date(2021, 3, 2)),
                      extraction(ev("AGREE", ["IND"], ["KOR"], "2021-03"), title="newer report",
                                 published=dt.date(2021, 3, 30))])
        assert [e.title for e in store.events()] == ["newer report", "older report"]
        assert [e.title for e in store.events(dyad="IND-KOR")] == ["newer report", "older report"]


def test_timeline_fills_empty_periods_and_filters_aux(db):
    rows = json.loads(invoke("timeline", "IND", "KOR", "--db", db, "--since", "2021-01-01").stdout)
    assert [(r["period"], r["events"]) for r in rows] == [("2021-01", 0), ("2021-02", 0), ("2021-03", 1)]
    every = json.loads(invoke("timeline", "IND", "KOR", "--db", db, "--by", "year", "--aux", "all").stdout)
    assert [(r["period"], r["events"]) for r in every] == [("2019", 1), ("2020", 0), ("2021", 3)]


def test_dyads_command(db):
    rows = json.loads(invoke("dyads", "--db", db, "--aux", "all").stdout)
    assert [r["dyad"] for r in rows] == ["IND-KOR", "RUS-UKR"]
    top = rows[0]
    assert (top["events"], top["verbal_cooperation"], top["material_cooperation"], top["verbal_conflict"],
            top["material_conflict"]) == (4, 1, 1, 1, 1)
    assert top["mean_score"] == pytest.approx((2.5 + 2.5 - 4.0 - 9.0) / 4, abs=1e-3)
    default = json.loads(invoke("dyads", "--db", db).stdout)
    assert default[0]["events"] == 2 and default[0]["first"] == "2019-01-10"
    assert "IND-KOR" in invoke("dyads", "--db", db, "--format", "table").stdout


def test_failures_command_lists_and_clears(db):
    (row,) = json.loads(invoke("failures", "--db", db).stdout)
    assert (row["path"], row["line"], row["stage"]) == ("feed.jsonl", 3, "read")
    cleared = invoke("failures", "--db", db, "--clear")
    assert cleared.exit_code == 0 and "cleared 1 recorded failure" in cleared.stderr
    assert json.loads(invoke("failures", "--db", db).stdout) == []
    assert "no failures recorded" in invoke("failures", "--db", db, "--format", "table").stderr


@pytest.mark.model
def test_ingest_reads_jsonl_on_standard_input(tmp_path):
    from click.testing import CliRunner

    from communique.cli import main

    db = f"sqlite:///{tmp_path / 'stdin.db'}"
    lines = [{"id": "s1", "text": "Japan and the Philippines held talks in Manila on Friday.",
              "published": "2024-05-10"},
             {"id": "s2", "text": "India condemned the attack on its embassy in Kabul.", "published": "2024-05-11"}]
    feed = "\n".join(json.dumps(x) for x in lines) + "\n"
    result = CliRunner().invoke(main, ["ingest", "-", "--db", db], input=feed)
    assert result.exit_code == 0, result.output
    assert "2 new articles" in result.stdout
    with Store(db) as store:
        assert store.extraction("s1") is not None and store.extraction("s2") is not None


@pytest.mark.model
def test_extract_reads_jsonl_on_standard_input():
    from click.testing import CliRunner

    from communique.cli import main

    feed = "\n".join(json.dumps({"id": f"x{n}", "text": text, "published": "2024-05-10"}) for n, text in enumerate(
        ["Japan and the Philippines held talks in Manila on Friday.", "Kenya thanked Uganda for its help."]))
    result = CliRunner().invoke(main, ["extract", "-", "--format", "jsonl"], input=feed + "\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["article"]["id"] for x in result.stdout.splitlines()] == ["x0", "x1"]
    as_text = CliRunner().invoke(main, ["extract", "-", "--format", "jsonl", "--input-format", "text"], input=feed)
    (one,) = as_text.stdout.splitlines()
    assert json.loads(one)["article"]["text"].startswith('{"id": "x0"')
