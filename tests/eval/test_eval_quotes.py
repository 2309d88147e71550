"""Quote gold (shipped with the package) and the quote scorer."""

from collections import Counter
from pathlib import Path

import pytest

from communique.eval.common import GoldFormatError
from communique.eval.quotes import (
    KINDS, GoldQuote, PredictedQuote, QuoteItem, load_quotes_gold, score_quotes, speaker_matches,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_shipped_gold_is_consistent_and_covers_every_kind():
    items = load_quotes_gold()  # raises if any offsets disagree with the quoted text
    quotes = [q for i in items for q in i.quotes]
    assert len(quotes) >= 40
    assert len({i.id for i in items}) == len(items)
    kinds = Counter(k for q in quotes for k in q.kinds)
    assert set(kinds) == set(KINDS)
    assert any(q.direct for q in quotes) and any(not q.direct for q in quotes)


def test_load_names_inconsistent_offsets(tmp_path):
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "x", "text": "He said yes.", "quotes": [{"start": 0, "end": 2, "text": "yes", '
                   '"direct": false, "speaker": "He"}]}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="q.jsonl:1: quote offsets 0:2"):
        load_quotes_gold(bad)


@pytest.mark.parametrize("gold, names, ok", [
    ("Lena Berg", ("Foreign Minister Lena Berg",), True),
    ("Lena Berg", ("Berg", "she"), True),
    ("Norwegian foreign ministry", ("foreign ministry",), True),
    ("Lena Berg", ("Anna Berglund",), False),
    ("Lena Berg", (), False),
    (None, (), True),
    (None, ("Berg",), False),
])
def test_speaker_matches(gold, names, ok):
    assert speaker_matches(gold, names) is ok


def test_score_quotes_exact_overlap_and_speakers():
    text = '"We agreed," Berg said. She said talks would go on. A "so-called" deal.'
    item = QuoteItem("t", text, None, [
        GoldQuote(1, 11, True, "Lena Berg", ("direct",)),
        GoldQuote(33, 51, False, "Lena Berg", ("indirect", "pronoun")),
    ])
    pred = [
        PredictedQuote(1, 10, True, ("Lena Berg",)),           # exact once punctuation is stripped
        PredictedQuote(28, 51, False, ()),                      # overlaps, no speaker
        PredictedQuote(55, 64, True, ()),                       # a scare quote: spurious
    ]
    r = score_quotes([item], [pred])
    assert (r.exact.tp, r.exact.fp, r.exact.fn) == (1, 2, 1)
    assert (r.overlap.tp, r.overlap.fp, r.overlap.fn) == (2, 1, 0)
    assert r.speaker_accuracy == 0.5 and r.direct_accuracy == 1.0
    assert r.by_kind["pronoun"] == {"gold": 1, "found": 1, "exact": 0, "speaker_correct": 0}
    assert r.diagnostics["spurious_quotes"] == ["so-called"]


def test_tiny_fixture_loads():
    (item,) = load_quotes_gold(FIXTURES / "quotes_tiny.jsonl")
    assert [item.text[q.start:q.end] for q in item.quotes] == ["We agreed to work together,",
                                                               "the talks would continue in June"]


def test_direct_and_indirect_are_scored_apart_and_a_span_inside_a_quote_is_one_hit():
    from communique.eval.quotes import GoldQuote, PredictedQuote, QuoteItem, score_quotes

    text = "She said the plan was dead and buried, and that talks would resume. “We stay,” he said."
    clause = text.index("the plan"), text.index(", and that")
    second = text.index("talks would"), text.index(". “")
    direct = text.index("We stay"), text.index("We stay") + len("We stay,")
    item = QuoteItem("x", text, None, [GoldQuote(clause[0], second[1], False, "she"),
                                       GoldQuote(*direct, True, "he")])
    # Two predicted pieces of one gold clause: one hit, one false positive.
    preds = [PredictedQuote(*clause, False, ("she",)), PredictedQuote(*second, False, ("she",)),
             PredictedQuote(*direct, True, ("he",))]
    r = score_quotes([item], [preds])
    assert (r.overlap.tp, r.overlap.fp, r.overlap.fn) == (2, 1, 0)
    assert r.class_scores("indirect")["precision"] == 0.5 and r.class_scores("direct")["recall"] == 1.0


def test_a_possessor_is_not_the_speaker():
    from communique.eval.quotes import speaker_matches

    assert not speaker_matches("President Lund's son", ["President Lund"])
    assert speaker_matches("Foreign Minister Lena Berg", ["Lena Berg"])
