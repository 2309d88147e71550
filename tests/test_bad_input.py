"""A bad article never costs a good one: whatever breaks on one input (the reader, the
parser, an extractor, the calendar) becomes a failure naming it, and the rest go on."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.errors import ExtractionError, InputError
from communique.extract.timerules import resolve_time
from communique.readers import read_jsonl_file
from communique.records import Article, text_hash, valid_unicode

# Lines that broke the reader or the extraction before: each stands at one line of a file of
# good articles.
BAD_LINES = {
    "nested": "[" * 5000 + "]" * 5000,
    "huge integer": '{"id": 1' + "0" * 4300 + ', "text": "Chile and Peru held talks."}',
    "not an object": "[1, 2, 3]",
    "truncated": '{"id": "x", "text": "Chile and',
}


def _good(n: int) -> dict:
    return {"id": f"good-{n}", "published": "2024-05-10",
            "text": f"The foreign ministers of Chile and Peru met in Lima on Monday, report {n}."}


def _file_with(tmp_path, bad: str, *, good: int = 12, at: int = 6):
    lines = [json.dumps(_good(n)) for n in range(good)]
    lines.insert(at - 1, bad)
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", sorted(BAD_LINES))
def test_a_bad_jsonl_line_is_an_error_naming_its_line_and_the_rest_are_read(tmp_path, kind):
    items = list(read_jsonl_file(str(_file_with(tmp_path, BAD_LINES[kind]))))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [(e.line, type(e)) for e in errors] == [(6, InputError)]
    assert sum(isinstance(i, Article) for i in items) == 12


def test_a_lone_surrogate_is_replaced_so_every_offset_stays_and_the_text_can_be_stored(tmp_path):
    path = _file_with(tmp_path, '{"id": "s", "text": "Chile \\ud800 and Peru met."}')
    (article,) = [a for a in read_jsonl_file(str(path)) if isinstance(a, Article) and a.id == "s"]
    assert article.text == "Chile \ufffd and Peru met."
    assert len(article.text) == len("Chile \ud800 and Peru met.")
    text_hash(article.text)  # hashing needs UTF-8: it raised before
    assert valid_unicode("plain") == "plain"
    assert Article(text="x", title="t\udc80").title == "t\ufffd"


def test_an_article_without_text_is_a_type_error_that_says_so():
    with pytest.raises(TypeError, match="text must be a str, not NoneType"):
        Article(text=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("anchor", [dt.date(1, 1, 1), dt.date(1, 12, 31), dt.date(9999, 12, 31)])
@pytest.mark.parametrize("words", ["yesterday", "tomorrow", "on Monday", "last year", "next year",
                                   "two years ago", "last week", "next month", "in 2020"])
def test_times_at_the_ends_of_the_calendar_resolve_or_stay_unknown(anchor, words):
    value, precision = resolve_time(words, anchor)
    if value is not None and precision != "duration":
        year = value.split("-")[0] if not value.startswith("-") else value
        assert len(year) == 4 and 1 <= int(year) <= 9999, value


@pytest.mark.model
def test_an_extractor_defect_fails_that_article_alone(monkeypatch):
    from communique import pipeline

    real = pipeline.extract_doc

    def flaky(doc, article):
        if "Peru" in article.text:
            raise RuntimeError("a defect")
        return real(doc, article)

    monkeypatch.setattr(pipeline, "extract_doc", flaky)
    items = [Article(text="Chile and Bolivia met.", origin="a.txt"),
             Article(text="Chile and Peru met.", origin="b.txt"),
             Article(text="Bolivia and Chile met.", origin="c.txt")]
    out = list(pipeline.extract_stream(items))
    assert [type(o).__name__ for o in out] == ["Extraction", "ExtractionError", "Extraction"]
    assert "b.txt" in str(out[1]) and "RuntimeError: a defect" in str(out[1])


@pytest.mark.model
def test_an_article_the_parser_refuses_fails_alone_and_batching_goes_on(monkeypatch, nlp):
    from communique import pipeline

    long_text = "Chile and Peru met. " * (nlp.max_length // 20 + 1)
    items = [Article(text="Chile and Bolivia met.", origin="a.txt"),
             Article(text=long_text, origin="long.txt"),
             Article(text="Bolivia and Chile met.", origin="c.txt")]
    out = list(pipeline.extract_stream(items, batch_size=2))
    assert [type(o).__name__ for o in out] == ["Extraction", "ExtractionError", "Extraction"]
    assert "long.txt" in str(out[1]) and "too long" in str(out[1])

    # A parser that raises inside a batch: the batch is parsed again one by one.
    real_pipe = type(nlp).pipe

    def breaking_pipe(self, texts, **kw):
        for doc, ctx in real_pipe(self, texts, **kw):
            if "Peru" in doc.text:
                raise ValueError("the parser broke")
            yield doc, ctx

    real_call = type(nlp).__call__

    def breaking_call(self, text, **kw):
        if "Peru" in text:
            raise ValueError("the parser broke")
        return real_call(self, text, **kw)

    monkeypatch.setattr(type(nlp), "pipe", breaking_pipe)
    monkeypatch.setattr(type(nlp), "__call__", breaking_call)
    items = [Article(text=f"Chile and Bolivia met, report {n}.", origin=f"{n}.txt") for n in range(5)]
    items.insert(2, Article(text="Chile and Peru met.", origin="peru.txt"))
    out = list(pipeline.extract_stream(items, batch_size=4))
    assert [type(o).__name__ for o in out] == ["Extraction"] * 2 + ["ExtractionError"] + ["Extraction"] * 3
    assert isinstance(out[2], ExtractionError) and "peru.txt" in str(out[2])


@pytest.mark.model
@pytest.mark.parametrize("kind", ["nested", "huge integer"])
def test_ingest_stores_every_good_article_records_the_bad_line_and_retries_it(tmp_path, kind):
    path = _file_with(tmp_path, BAD_LINES[kind])
    db = tmp_path / "store.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(path), "--db", str(db), "--batch-size", "4", "-q"])
    assert first.exit_code == 1, first.output
    assert "batch.jsonl:6" in first.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (12,)
        assert conn.execute("SELECT line, stage FROM failures").fetchall() == [(6, "read")]
    # The line is mended: a retry stores it and clears the failure.
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = json.dumps({"id": "mended", "text": "Bolivia and Paraguay signed a trade accord."})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    retry = runner.invoke(main, ["ingest", "--retry-failed", "--db", str(db), "-q"])
    assert retry.exit_code == 0, retry.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (13,)
        assert conn.execute("SELECT count(*) FROM failures").fetchone() == (0,)


@pytest.mark.model
def test_extract_prints_every_good_line_around_a_bad_one(tmp_path):
    path = _file_with(tmp_path, BAD_LINES["nested"])
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl", "-q"])
    assert result.exit_code == 1
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines() if line.startswith("{")]
    assert ids == [f"good-{n}" for n in range(12)]


def test_a_defect_exits_with_its_own_status(monkeypatch, capsys):
    from communique import cli

    def broken():
        raise RuntimeError("a defect")

    monkeypatch.setattr(cli, "main", broken)
    with pytest.raises(SystemExit) as stop:
        cli.run()
    assert stop.value.code == cli.EXIT_DEFECT != 1
    assert "internal error" in capsys.readouterr().err
