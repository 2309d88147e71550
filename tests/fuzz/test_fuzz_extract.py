"""Extraction and the Python API on generated text: an Extraction whose every span is its
text and which encodes as UTF-8 JSON, or an ExtractionError naming the article; ``None``
and malformed dates are TypeErrors and ValueErrors that say what was expected."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import communique
from communique.errors import ExtractionError
from communique.pipeline import extract_stream
from communique.records import Article, Extraction
from fuzzing import fuzz, hostile_text, tried

pytestmark = pytest.mark.model

dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                  st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31)]))


def _valid(result: Extraction) -> None:
    text = result.article.text
    data = result.to_dict()
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    for span in [*(m for a in result.actors for m in a.mentions), *(e.trigger for e in result.events),
                 *(q.content for q in result.quotes), *(q.cue for q in result.quotes)]:
        assert text[span.start:span.end] == span.text


@fuzz(150)
@given(text=hostile_text, published=dates)
def test_extract_any_text_on_any_date(nlp, text, published):
    tried("extract")
    try:
        result = communique.extract(text, published=published)
    except ExtractionError:
        return
    _valid(result)


@fuzz(25)
@given(texts=st.lists(hostile_text.filter(str.strip), min_size=1, max_size=8), published=dates)
def test_a_batch_of_generated_articles_is_extracted_or_fails_one_by_one(nlp, texts, published):
    tried("extract batch")
    items = [Article(text=t, published=published, origin=f"a{n}.txt") for n, t in enumerate(texts)]
    out = list(extract_stream(items, batch_size=4))
    assert len(out) == len(items)
    for item, article in zip(out, items):
        if isinstance(item, ExtractionError):
            assert item.path == article.origin
        else:
            _valid(item)


@pytest.mark.parametrize("bad, error", [
    (None, TypeError), (5, TypeError), (b"bytes", TypeError),
])
def test_the_api_refuses_text_that_is_not_a_string_with_a_type_error(bad, error):
    with pytest.raises(error, match="must be a str"):
        communique.extract(bad)


@pytest.mark.parametrize("published", ["yesterday", "2024-02-30", "", 20240510])
def test_the_api_refuses_a_date_it_cannot_read(published):
    with pytest.raises((TypeError, ValueError), match="published"):
        communique.extract("Chile and Peru met.", published=published)


def test_a_long_run_of_symbols_is_refused_before_parsing(nlp):
    with pytest.raises(ExtractionError, match="symbols without a space"):
        communique.extract("Chile and Peru met. " + "\U0001F600" * 40_000)
    items = [Article(text="Chile and Peru met.", origin="a.txt"),
             Article(text="!" * 5000, origin="bang.txt"), Article(text="Peru and Chile met.", origin="c.txt")]
    out = list(extract_stream(items))
    assert [type(o).__name__ for o in out] == ["Extraction", "ExtractionError", "Extraction"]
    assert "bang.txt" in str(out[1])
