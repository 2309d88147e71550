"""The cameo-news scorer on hand-made gold and predictions (no model), and its reader's errors."""

import json

import pytest

from communique.eval.cameo import CameoEvent, CameoRecord, load_cameo_gold, matched_event, score_cameo
from communique.eval.common import GoldFormatError

TEXT = "Protesters in the port city threw stones at riot police after the vote."


def at(word):
    i = TEXT.index(word)
    return (i, i + len(word))


def rec(rid="r", event=True, roots=(), known=True, quad=(), src=(), tgt=(), recip=()):
    return CameoRecord(rid, TEXT, event, [set(r) for r in roots], known, set(quad),
                       [at(w) for w in src], [at(w) for w in tgt], [at(w) for w in recip])


def ev(category, mapped=None, confidence=0.5, word="threw", src=(), tgt=()):
    return CameoEvent(category, frozenset({category, mapped or category}), at(word),
                      tuple(at(w) for w in src), tuple(at(w) for w in tgt), confidence)


def scores(gold, predicted, which="all"):
    return score_cameo(gold, predicted, which=which).scores[which]


def test_detection_and_false_event_rate_on_negatives():
    gold = [rec("p1"), rec("p2"), rec("n1", event=False), rec("n2", event=False), rec("u", event=None)]
    s = scores(gold, [[ev("PROTEST")], [], [ev("ASSAULT")], [], [ev("ACCUSE")]])
    assert (s.detection.tp, s.detection.fn, s.detection.fp, s.negatives) == (1, 1, 1, 2)
    h = s.headline()
    assert h["false_event_rate"] == 0.5 and h["negative_accuracy"] == 0.5   # the null record takes no part
    assert h["detection_precision"] == 0.5 and h["detection_recall"] == 0.5


def test_root_set_is_satisfied_by_any_of_its_categories():
    gold = [rec(roots=[["SANCTION", "COERCE"], ["PROTEST"]])]
    s = scores(gold, [[ev("COERCE")]])
    assert (s.category_recalled, s.category_roots, s.category_right, s.category_predicted) == (1, 2, 1, 1)
    s = scores(gold, [[ev("COERCE"), ev("PROTEST", word="stones"), ev("ACCUSE", word="vote")]])
    assert (s.category_recalled, s.category_right, s.category_predicted) == (2, 2, 3)


def test_each_distinct_category_counts_once_per_sentence():
    s = scores([rec(roots=[["PROTEST"]])], [[ev("PROTEST"), ev("PROTEST", word="stones")]])
    assert (s.category_right, s.category_predicted) == (1, 1)


def test_intention_categories_satisfy_agree_and_threaten():
    s = scores([rec(roots=[["AGREE"]]), rec(roots=[["THREATEN"]])],
               [[ev("AID", mapped="AGREE")], [ev("ASSAULT", mapped="THREATEN")]])
    assert s.category_recalled == 2 and s.category_right == 2


def test_category_only_where_known_and_negatives_cost_precision():
    gold = [rec(roots=[], known=False, quad=[4]), rec("n", event=False, known=True)]
    s = scores(gold, [[ev("ASSAULT")], [ev("ACCUSE")]])
    assert (s.category_roots, s.category_predicted, s.category_right) == (0, 1, 0)


def test_quad_of_the_top_event():
    gold = [rec(quad=[4]), rec(quad=[3]), rec(quad=[1])]
    s = scores(gold, [[ev("ACCUSE", confidence=0.4), ev("ASSAULT", confidence=0.9, word="stones")],
                      [ev("ASSAULT", confidence=0.6), ev("ACCUSE", confidence=0.6, word="vote")], []])
    # the first: ASSAULT (quad 4) is the most confident; the second: a tie goes to the earlier
    # trigger, ASSAULT, not quad 3; the third has no event and counts for detection, not here
    assert (s.quad_right, s.quad_records) == (1, 2)


def test_quad_of_a_refused_or_announced_act_is_read_as_cameo_codes_it():
    # "will not release them" (RETREAT, negated) is a rejection to CAMEO: verbal conflict;
    # "will send aid" (AID, future) an agreement: verbal cooperation. A plain act keeps its own.
    gold = [rec(quad=[3]), rec(quad=[1]), rec(quad=[1])]
    s = scores(gold, [[ev("RETREAT", mapped="REJECT")], [ev("AID", mapped="AGREE")], [ev("ASSAULT")]])
    assert (s.quad_right, s.quad_records) == (2, 3)


def test_span_agreement_of_the_matched_event():
    gold = [rec(roots=[["PROTEST"]], src=["Protesters"], tgt=["riot police"])]
    wrong_target = ev("PROTEST", src=["Protesters"], tgt=["port city"])
    s = scores(gold, [[wrong_target]])
    assert (s.source_right, s.source_records, s.target_right, s.target_records) == (1, 1, 0, 1)
    # the matched event is the one whose category satisfies a root set, not the top one
    top_but_wrong = ev("ACCUSE", confidence=0.9, word="vote", src=["port city"], tgt=["vote"])
    right = ev("PROTEST", confidence=0.3, src=["Protesters"], tgt=["police"])
    assert matched_event(gold[0], [top_but_wrong, right]) is right
    s = scores(gold, [[top_but_wrong, right]])
    assert (s.source_right, s.target_right) == (1, 1)


def test_reciprocal_spans_count_as_source_and_target():
    gold = [rec(roots=[], known=False, recip=["Protesters"])]
    s = scores(gold, [[ev("PROTEST", tgt=["Protesters"])]])
    assert (s.source_right, s.source_records, s.target_right, s.target_records) == (0, 1, 1, 1)


def test_parts_and_errors_of_the_read_part():
    # "cam-1" hashes to the read part, "cam-3" to the unread one (see eval.split)
    gold = [rec("cam-1", roots=[["PROTEST"]]), rec("cam-3", roots=[["PROTEST"]])]
    report = score_cameo(gold, [[], []])
    assert set(report.scores) == {"all", "read", "unread"}
    assert report.headline()["read.detection_recall"] == 0.0 and "unread.category_f1" in report.headline()
    assert [e["id"] for e in report.errors()] == ["cam-1"]
    assert [e["id"] for e in score_cameo(gold, [[], []], which="unread").errors()] == ["cam-3"]


def test_reader(tmp_path):
    good = {"id": "x", "text": TEXT, "event": True, "categories": [["PROTEST"]], "categories_known": True,
            "quad": [4], "source_spans": [[0, 10, "Protesters"]], "target_spans": [], "reciprocal_spans": []}
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    (g,) = load_cameo_gold(path)
    assert g.categories == [{"PROTEST"}] and g.sources == [(0, 10)] and g.quad == {4}
    for bad, message in (("[1, 2", "not a cameo-news record"), ({**good, "categories": [["PARTY"]]}, "unknown PLOVER"),
                         ({**good, "quad": [7]}, "quad must be"), ({**good, "event": "yes"}, "event true, false"),
                         ({**good, "source_spans": [[0]]}, "source_spans must be")):
        path.write_text(json.dumps(good) + "\n" + (bad if isinstance(bad, str) else json.dumps(bad)) + "\n",
                        encoding="utf-8")
        with pytest.raises(GoldFormatError, match=message) as err:
            load_cameo_gold(path)
        assert err.value.line == 2
