"""The runner: worker processes keep input order, and a worker that dies or hangs costs
only the article it was on."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from click.testing import CliRunner
from rich.console import Console

from communique.cli import main
from communique.cli_runs import article_progress
from communique.errors import ExtractionError, InputError
from communique.nlp import DEFAULT_MODEL
from communique.readers.count import count_items
from communique.records import Article, Extraction
from communique.runner import run_articles

from scale_faults import HANG, KILL, faulty

COUNTRIES = ["Chile", "Peru", "Bolivia", "Ghana", "Kenya", "Nepal", "Laos", "Chad", "Oman"]


def _articles(n: int) -> list[Article]:
    return [Article(text=f"{COUNTRIES[i % 9]} and {COUNTRIES[(i + 4) % 9]} signed a trade accord "
                         f"on Monday, the ministry said in statement {i}.", origin=f"wire.jsonl:{i + 1}")
            for i in range(n)]


@pytest.mark.model
def test_workers_keep_input_order_and_lose_only_the_article_that_kills_or_hangs_a_worker(nlp):
    items: list = _articles(14)
    items[3] = Article(text=f"{KILL} and Chile met.", origin="wire.jsonl:4")
    items[9] = Article(text=f"{HANG} and Peru met.", origin="wire.jsonl:10")
    items.insert(6, InputError("wire.jsonl", "invalid JSON", 99))

    out = list(run_articles(items, workers=2, model=DEFAULT_MODEL, chunk_size=3, article_timeout=4,
                            work=faulty, pool_from=0))

    assert len(out) == len(items)
    died, hung = out[3], out[10]
    assert isinstance(died, ExtractionError) and "wire.jsonl:4" in str(died) and "died" in str(died)
    assert isinstance(hung, ExtractionError) and "wire.jsonl:10" in str(hung) and "time limit" in str(hung)
    assert out[6] is items[6]
    rest = [n for n in range(len(items)) if n not in (3, 6, 10)]
    assert all(isinstance(out[n], Extraction) for n in rest)
    # Each worker result is the article's own, in its place, and the same as in this process.
    alone = list(run_articles([items[n] for n in rest], workers=1, model=DEFAULT_MODEL, chunk_size=1))
    assert [out[n].to_dict() for n in rest] == [x.to_dict() for x in alone]
    assert [out[n].article.origin for n in rest] == [items[n].origin for n in rest]


@pytest.mark.model
def test_extract_with_two_workers_prints_what_one_prints(tmp_path):
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": f"a{n}", "text": a.text}) for n, a in enumerate(_articles(7))]
    lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    one = runner.invoke(main, ["extract", str(path), "--format", "jsonl", "--workers", "1", "--batch-size", "2",
                               "-q"])
    two = runner.invoke(main, ["extract", str(path), "--format", "jsonl", "-j", "2", "--batch-size", "2", "-q"])
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout and len(two.stdout.splitlines()) == 7
    assert "wire.jsonl:4" in two.stderr


def test_items_are_counted_ahead_for_the_progress_total(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"text": "x"}\n' * 5)
    (tmp_path / "c.txt").write_text("Chile and Peru met.", encoding="utf-8")
    assert count_items([str(tmp_path)]) == 2 + 5 + 1
    assert count_items([str(tmp_path / "b.jsonl.gz"), str(tmp_path / "c.txt")]) == 6
    assert count_items(["-"]) is None


def test_the_progress_bar_shows_done_of_total_on_a_terminal_and_nothing_elsewhere():
    shown = io.StringIO()
    with article_progress(Console(file=shown, force_terminal=True, width=100), 40, quiet=False) as update:
        for done in range(1, 41):
            update(done)
    assert "40/40" in shown.getvalue()
    for console, quiet in ((Console(file=io.StringIO(), force_terminal=False), False),
                           (Console(file=io.StringIO(), force_terminal=True), True)):
        with article_progress(console, 40, quiet=quiet) as update:
            update(40)
        assert console.file.getvalue() == ""
