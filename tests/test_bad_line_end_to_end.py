"""Issue 14, item 1, end to end: 150 good articles with a bad one at line 100 (each kind the
issue names), through ingest, a rerun, ``--retry-failed`` and extract. Every good article is
stored exactly once, the bad one is a failure naming its file and line, nothing is a
traceback; one year-1 article is not bad at all and is stored."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from communique.cli import main

pytestmark = pytest.mark.model

GOOD = 150
AT = 100  # the line of the bad one, in the second batch of 64 as in the issue
COUNTRIES = ["Chile", "Peru", "India", "Japan", "France", "Kenya", "Brazil", "Egypt", "Norway", "Ghana"]

# Kinds that are bad input: the line fails, the rest are stored.
FAILING = {
    "nested": "[" * 5000 + "]" * 5000,
    "huge integer": '{"id": 1' + "0" * 4300 + ', "text": "Chile and Peru held talks."}',
    "text not a string": json.dumps({"id": "bad", "text": {"body": "Chile and Peru held talks."}}),
}
# Kinds that used to crash but are good articles: stored like the others.
STORED = {
    "lone surrogate": '{"id": "odd", "published": "2024-05-10", "text": "Chile \\ud800 and Peru held talks."}',
    "year 1": json.dumps({"id": "odd", "published": "0001-01-01",
                          "text": "Chile and Peru held talks yesterday and will meet again next year."}),
    "year 9999": json.dumps({"id": "odd", "published": "9999-12-31T23:59:59",
                             "text": "Chile and Peru held talks yesterday and will meet again next year."}),
}


def _good(n: int) -> str:
    return json.dumps({"id": f"good-{n}", "published": "2024-05-10",
                       "text": f"The foreign ministers of {COUNTRIES[n % 10]} and Mexico met on Monday, "
                               f"report {n}."})


def _jsonl(tmp_path, bad: str):
    lines = [_good(n) for n in range(GOOD)]
    lines.insert(AT - 1, bad)
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counts(db) -> tuple[int, list]:
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*), count(DISTINCT key) FROM articles").fetchone()
        assert stored[0] == stored[1], "an article stored twice"
        return stored[0], conn.execute("SELECT path, line, stage FROM failures").fetchall()


def _invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("kind", sorted(FAILING) + sorted(STORED))
def test_a_bad_line_at_line_100_costs_no_good_article(tmp_path, kind):
    path = _jsonl(tmp_path, {**FAILING, **STORED}[kind])
    db = str(tmp_path / "store.db")
    fails = kind in FAILING
    expected_stored = GOOD + (0 if fails else 1)
    expected_failures = [(str(path), AT, "read")] if fails else []

    first = _invoke("ingest", str(path), "--db", db, "-q")
    assert first.exit_code == (1 if fails else 0), first.output
    assert _counts(db) == (expected_stored, expected_failures)
    if fails:
        assert f"in.jsonl:{AT}:" in first.output

    again = _invoke("ingest", str(path), "--db", db, "-q")
    assert again.exit_code == first.exit_code
    assert _counts(db) == (expected_stored, expected_failures)

    retry = _invoke("ingest", "--retry-failed", "--db", db, "-q")
    assert retry.exit_code == first.exit_code
    assert _counts(db) == (expected_stored, expected_failures)

    if not fails:
        return  # extract parses all 151 again; the failing kinds show it prints every good line
    out = _invoke("extract", str(path), "--format", "jsonl", "-q")
    assert out.exit_code == first.exit_code
    assert len([line for line in out.stdout.splitlines() if line.startswith("{")]) == expected_stored


@pytest.mark.parametrize("header", ["date 0001-01-01 A standfirst", "date 9999-12-31", "\ufeffdate 0001-01-01"])
def test_a_text_file_dated_at_the_ends_of_the_calendar_is_stored_with_its_neighbours(tmp_path, header):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        head = header if n == 6 else "date 2024-05-10"
        (folder / f"a{n:02}.txt").write_text(
            f"{head}\nThe ministers of {COUNTRIES[n % 10]} and Mexico met yesterday and agreed to meet "
            f"again next year, report {n}.\n", encoding="utf-8")
    db = str(tmp_path / "store.db")
    assert _invoke("ingest", str(folder), "--db", db, "-q").exit_code == 0
    assert _counts(db) == (12, [])
    with sqlite3.connect(db) as conn:
        values = [v for (v,) in conn.execute("SELECT value FROM times WHERE value IS NOT NULL")]
    # Every resolved time is a calendar value: "yesterday" in year 1 is 0001-..., never year 0.
    assert all(not v.startswith(("0000", "-")) for v in values), values
