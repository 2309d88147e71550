"""The example articles: they parse, the JSONL copy matches, and the benchmark script starts."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from communique.readers import read_jsonl_file, read_text_file
from communique.records import Article

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))


def test_there_are_three_examples():
    assert len(EXAMPLE_FILES) == 3


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_parses_with_header(path: Path):
    raw = path.read_text(encoding="utf-8")
    header, _, rest = raw.partition("\n")
    article = read_text_file(str(path))

    assert header.startswith(" date ")
    assert article.published == dt.date.fromisoformat(path.name[:10])
    assert article.summary and article.summary == header.split(None, 2)[2].strip()
    # The body is everything after the header and blank line, and only that.
    assert article.text == rest.strip("\n").rstrip()
    assert "date " + path.name[:10] not in article.text
    assert 150 <= len(article.text.split()) <= 300
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) >= 5 and all(p.strip() == p and p for p in paragraphs)


def test_jsonl_has_the_same_bodies():
    items = list(read_jsonl_file(str(EXAMPLES / "articles.jsonl")))
    assert all(isinstance(a, Article) for a in items)
    by_id = {a.id: a for a in items}
    assert sorted(by_id) == [p.stem for p in EXAMPLE_FILES]
    for path in EXAMPLE_FILES:
        from_txt, from_jsonl = read_text_file(str(path)), by_id[path.stem]
        assert from_jsonl.text == from_txt.text
        assert from_jsonl.published == from_txt.published
        assert from_jsonl.title and from_jsonl.source == "Communique examples"


def test_jsonl_lines_have_the_documented_fields():
    for line in (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == {"id", "title", "published", "text", "source"}


def test_one_example_has_an_unclosed_quote_mark():
    # The quote extractor must survive an opening quote that is never closed.
    paragraphs = [p for path in EXAMPLE_FILES for p in read_text_file(str(path)).text.split("\n\n")]
    assert any(p.count('"') % 2 == 1 for p in paragraphs)


def test_benchmark_help_runs():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "throughput.py"), "--help"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "--limit" in result.stdout and "--batch-size" in result.stdout


def test_benchmark_reports_a_missing_corpus(tmp_path: Path):
    missing = tmp_path / "nothing.jsonl"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "throughput.py"), str(missing)],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == 2
    assert "corpus not found" in result.stderr and str(missing) in result.stderr
