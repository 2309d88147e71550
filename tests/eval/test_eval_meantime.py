"""MEANTIME reading, time scoring and coreference metrics on hand-made data."""

from pathlib import Path

import pytest

from communique.eval.meantime import (
    Timex, align_mentions, b_cubed, load_meantime, muc, score_coreference, score_times,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_load_builds_text_timexes_clusters_and_date():
    (doc,) = load_meantime(FIXTURES / "meantime")
    assert doc.text.startswith("Minister Lena Berg resigns\n\nMarch 3, 2021\n\nLena Berg resigned on Tuesday,")
    assert str(doc.published) == "2021-03-03"
    assert [(doc.text[t.start:t.end], t.value) for t in doc.timexes] == [
        ("March 3, 2021", "2021-03-03"), ("Tuesday", "2021-03-02"), ("next month", "2021-04")]
    assert sorted([doc.text[s:e] for s, e in c] for c in doc.clusters) == [
        ["Lena Berg", "Lena Berg", "She"], ["the ministry"]]


def _xml(n_sentences: int) -> str:
    tokens = "".join(f'<token sentence="{s}" t_id="{s + 1}">Word{s}.</token>' for s in range(n_sentences))
    return (f'<Document doc_name="d">{tokens}<Markables><TIMEX3 m_id="9" type="DATE" value="2020-01-02" '
            f'functionInDocument="CREATION_TIME"/></Markables><Relations/></Document>')


def test_only_the_annotated_first_sentences_are_scored(tmp_path):
    (tmp_path / "d.xml").write_text(_xml(9), encoding="utf-8")
    (doc,) = load_meantime(tmp_path)
    assert doc.text[:doc.scored_end].endswith("Word5.")
    assert "Word6." in doc.text[doc.scored_end:]


def test_muc_textbook_example():
    key = [{"a", "b", "c"}]
    response = [{"a", "b"}, {"c"}]
    m = muc(key, response)
    assert m.recall == pytest.approx(0.5) and m.precision == pytest.approx(1.0)


def test_b_cubed_textbook_example():
    key = [{"a", "b", "c"}]
    response = [{"a", "b"}, {"c"}]
    b = b_cubed(key, response)
    assert b.recall == pytest.approx(5 / 9) and b.precision == pytest.approx(1.0)


def test_b_cubed_counts_a_twinless_response_mention_against_precision():
    b = b_cubed([{"a", "b"}], [{"a", "b", "x"}])
    assert b.recall == pytest.approx(1.0) and b.precision == pytest.approx(4 / 9)  # a, b: 2/3 each; x: 0


def test_mentions_align_by_containment_one_to_one():
    gold = [(0, 40), (30, 40), (50, 53)]
    pred = [(31, 39), (50, 53), (60, 65)]
    # "General Motors" inside "the largest maker General Motors": the smallest holder wins.
    assert align_mentions(gold, pred) == {0: 1, 1: 2}


def test_score_coreference_end_to_end():
    gold = [[[(0, 9), (20, 29), (40, 43)], [(50, 62)]]]
    pred = [[[(0, 9), (20, 29)], [(40, 43)], [(70, 75)]]]
    sc = score_coreference(gold, pred)
    assert sc.muc.recall == pytest.approx(1 / 2) and sc.muc.precision == pytest.approx(1.0)
    assert (sc.mentions.tp, sc.mentions.fp, sc.mentions.fn) == (3, 1, 1)


def test_score_times_strict_lenient_and_values():
    gold = [[Timex(0, 13, "2021-03-03"), Timex(30, 37, "2021-03-02"), Timex(50, 60, "2021-04")]]
    pred = [[Timex(0, 13, "2021-03-03"), Timex(26, 37, "2021-03-01"), Timex(70, 75, "2021")]]
    sc = score_times(gold, pred)
    assert (sc.strict.tp, sc.strict.fp, sc.strict.fn) == (1, 2, 2)
    assert (sc.lenient.tp, sc.lenient.fp, sc.lenient.fn) == (2, 1, 1)
    assert sc.value_correct == 1 and sc.value_accuracy == 0.5
    assert sc.value_prf.tp == 1 and sc.value_prf.fp == 2 and sc.value_prf.fn == 2
    assert sc.by_type["DATE"] == {"gold": 3, "found": 2, "value_correct": 1}


def test_score_times_pairs_a_prediction_with_its_identical_nested_gold():
    # "from 2009 to 2011": the range (a DURATION) and both years are gold. The prediction
    # "2009" overlaps the range and the year alike; it is the year's match, not the range's.
    gold = [[Timex(10, 27, "P2Y", "DURATION"), Timex(15, 19, "2009"), Timex(23, 27, "2011")]]
    pred = [[Timex(15, 19, "2009"), Timex(23, 27, "2011")]]
    sc = score_times(gold, pred)
    assert (sc.lenient.tp, sc.lenient.fp, sc.lenient.fn) == (2, 0, 1)
    assert sc.value_correct == 2 and sc.by_type["DURATION"] == {"gold": 1}
    # Without an identical gold item, the range is still matched by overlap.
    sc = score_times([[Timex(10, 27, "P2Y", "DURATION")]], [[Timex(15, 19, "2009")]])
    assert (sc.lenient.tp, sc.value_correct) == (1, 0)
