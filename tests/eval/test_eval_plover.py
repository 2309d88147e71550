"""PLOVER scorer on hand-made gold and predictions (no model, no shared data)."""

import json

import pytest

from communique.eval.common import GoldFormatError
from communique.eval.plover import (
    GoldSentence, PredictedEvent, actor_code, gold_code, load_plover_gold, markup_spans,
    predicted_events, score_plover, top_event,
)
from communique.records import Actor, Article, Event, Extraction, Span


def test_markup_spans_when_markup_and_text_agree():
    text = "Japan held talks with the Philippines."
    spans = markup_spans("(SRC: Japan) (EVT: held talks) with the (TAR: Philippines).", text)
    assert [text[s:e] for s, e in spans] == ["held talks"]


def test_markup_spans_with_parentheses_inside_a_tag_and_other_tags():
    text = "The rebel Revolutionary United Front (RUF) announced it will return weapons."
    markup = "The rebel (SRC: Revolutionary United Front (RUF)) announced it (EVT: will return weapons)."
    assert [text[s:e] for s, e in markup_spans(markup, text)] == ["will return weapons"]
    assert [text[s:e] for s, e in markup_spans(markup, text, tag="SRC")] == ["Revolutionary United Front (RUF)"]


def test_markup_spans_survive_an_edited_text():
    # The markup drops a word and misspells another: offsets are carried by alignment.
    text = "Under the plan, Israel will evacuate all settlements, said a spokesman for Vietnam."
    markup = "Under the plan, (SRC: Isreal) (EVT: will evacuate) all settlements, said a spokesman for."
    spans = markup_spans(markup, text)
    assert [text[s:e] for s, e in spans] == ["will evacuate"]


@pytest.mark.parametrize("code, expected", [
    ("USA", "USA"), ("IGO", "IGO"), ("NGO", "IGO"), ("JAP", "JPN"), ("ITL", "ITA"),
    ("ISM", "IMG"), ("IMG", "IMG"), ("", "?"), (None, "?"),
])
def test_gold_code(code, expected):
    assert gold_code(code) == expected


@pytest.mark.parametrize("kind, country, expected", [
    ("country", "KOR", "KOR"),
    ("person", "IND", "IND"),
    ("organisation", "UN", "IGO"),
    ("organisation", "NATO", "IGO"),
    ("organisation", "AMNESTY", "IGO"),
    ("group", "AQ", "IMG"),
    ("organisation", None, "?"),
])
def test_actor_code(kind, country, expected):
    assert actor_code(Actor("a1", "x", kind, country=country)) == expected


def _write(tmp_path, rows):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_load_merges_records_of_one_sentence_and_expands_compound_actors(tmp_path):
    text = "Benin opened its borders to Nigerians but refused Ghanaians."
    rows = [
        {"id": "a", "date": "2000-01-01", "text": text, "plover": "AID",
         "source": [{"code": "BEN"}], "target": [{"code": "NGA"}],
         "textInfo": {"markup": "(SRC: Benin) (EVT: opened) its borders to (TAR: Nigerians) but refused Ghanaians."}},
        {"id": "b", "date": "2000-01-01", "text": text, "plover": "REJECT",
         "source": [{"code": "BEN"}], "target": [{"code": "GHA"}, {"code": "NGO"}]},
        {"id": "c", "text": "France and Germany agreed.", "plover": "AGREE",
         "source": [{"code": "FRA"}, {"code": "DEU"}], "target": ""},
    ]
    gold = load_plover_gold(_write(tmp_path, rows))
    assert len(gold) == 2
    assert gold[0].categories == {"AID", "REJECT"} and gold[0].ids == ["a", "b"]
    assert gold[0].dyads == {("BEN", "NGA", "AID"), ("BEN", "GHA", "REJECT"), ("BEN", "IGO", "REJECT")}
    assert [text[s:e] for s, e in gold[0].evidence] == ["opened"]
    assert gold[1].dyads == {("FRA", "-", "AGREE"), ("DEU", "-", "AGREE")}
    assert gold[1].published is None


def test_load_rejects_an_unknown_category_with_its_line(tmp_path):
    path = _write(tmp_path, [{"text": "x", "plover": "AGREE"}, {"text": "y", "plover": "DEMAND"}])
    with pytest.raises(GoldFormatError, match=r"gold.jsonl:2: unknown PLOVER category 'DEMAND'"):
        load_plover_gold(path)


def ev(cat, src, tgt, trigger=(0, 1), conf=0.5, recorded=None, aux=None):
    return PredictedEvent(cat, tuple(src), tuple(tgt), trigger, "", conf, recorded or cat, aux)


def gold(text, cats, dyads, evidence=()):
    return GoldSentence(0, ["g"], text, None, set(cats), set(dyads), list(evidence))


def test_scores_all_events_and_top_event():
    g = [
        gold("s1", ["CONSULT"], [("JPN", "PHL", "CONSULT")], [(5, 15)]),
        gold("s2", ["AGREE"], [("FRA", "-", "AGREE"), ("DEU", "-", "AGREE")], [(20, 26)]),
        gold("s3", ["ACCUSE"], [("IGO", "-", "ACCUSE")]),
    ]
    p = [
        [ev("CONSULT", ["JPN"], ["PHL"], (5, 9), 0.9), ev("AGREE", ["JPN"], ["-"], (30, 35), 0.5)],
        [ev("AGREE", ["DEU", "FRA"], ["-"], (40, 46), 0.7)],
        [],
    ]
    r = score_plover(g, p)
    a, t = r.variants["all"], r.variants["top"]
    assert (a.category.tp, a.category.fp, a.category.fn) == (2, 1, 1)
    assert (t.category.tp, t.category.fp, t.category.fn) == (2, 0, 1)
    assert (a.dyad.tp, a.dyad.fp, a.dyad.fn) == (3, 1, 1)
    # evidence: of the two correct events, only the CONSULT trigger lies in gold markup
    assert (a.correct_events, a.evidenced_events) == (2, 1)
    assert a.per_category["AGREE"].fp == 1 and a.per_category["ACCUSE"].fn == 1
    assert t.confusion[("ACCUSE", "-")] == 1 and t.confusion[("CONSULT", "CONSULT")] == 1
    assert a.confusion[("-", "AGREE")] == 1
    assert r.headline()["all.category_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert a.diagnostics["missed_with_no_event_in_sentence"] == 1


def test_dyad_miss_reasons():
    g = [gold("s", ["ASSAULT"], [("ISR", "PSE", "ASSAULT")]),
         gold("t", ["ACCUSE"], [("USA", "RUS", "ACCUSE")]),
         gold("u", ["SANCTION"], [("USA", "IRN", "SANCTION")])]
    p = [[ev("ASSAULT", ["PSE"], ["ISR"])], [ev("ACCUSE", ["USA"], ["-"])], [ev("SANCTION", ["?"], ["IRN"])]]
    reasons = score_plover(g, p).variants["all"].diagnostics["missed_dyads_by_reason"]
    assert reasons == {"direction reversed": 1, "no target actor": 1, "source actor without country": 1}


def test_top_event_is_highest_confidence_then_earliest():
    a, b, c = ev("AGREE", [], [], (10, 12), 0.8), ev("CONSULT", [], [], (2, 5), 0.8), ev("AID", [], [], (0, 1), 0.5)
    assert top_event([a, b, c]) == [b]
    assert top_event([]) == []


def test_predicted_events_map_intentions_and_actor_codes():
    text = "Britain will send aid to Mozambique."
    ex = Extraction(
        article=Article(text=text),
        actors=[Actor("a1", "Britain", "country", country="GBR"), Actor("a2", "Mozambique", "country", country="MOZ")],
        events=[Event("e1", "AID", Span(13, 17, "send"), (0, len(text)), source=["a1"], target=["a2"], aux="future"),
                Event("e2", "CONSULT", Span(0, 7, "Britain"), (0, len(text)), source=["a1"])],
    )
    events = predicted_events(ex)
    assert events[0].category == "AGREE" and events[0].recorded == "AID"
    assert events[0].dyads() == {("GBR", "MOZ", "AGREE")}
    assert events[1].dyads() == {("GBR", "-", "CONSULT")}


def test_reciprocal_event_codes_every_party_as_source():
    text = "Britain met Mozambique."
    ex = Extraction(
        article=Article(text=text),
        actors=[Actor("a1", "Britain", "country", country="GBR"), Actor("a2", "Mozambique", "country", country="MOZ")],
        events=[Event("e1", "CONSULT", Span(8, 11, "met"), (0, len(text)), source=["a1"], target=["a2"],
                      reciprocal=True)],
    )
    assert predicted_events(ex)[0].dyads() == {("GBR", "-", "CONSULT"), ("MOZ", "-", "CONSULT")}


def test_score_needs_one_prediction_list_per_sentence():
    with pytest.raises(ValueError):
        score_plover([gold("s", ["AGREE"], [])], [])
