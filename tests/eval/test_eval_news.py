"""The news scorer's matching rules on hand-made gold and predictions (no model), and the
news gold reader's errors."""

import json
from pathlib import Path

import pytest

from communique.eval.common import GoldFormatError
from communique.eval.news import (Prediction, SysActor, SysEvent, codes_agree, date_right, news_code,
                                  score_article, score_news)
from communique.eval.news_gold import GoldActor, GoldArticle, GoldEvent, attach_texts, load_news_gold

FIXTURES = Path(__file__).parent / "fixtures" / "newsset"

TEXT = ("Freeland officials met envoys from Norland on Monday. "
        "Norland troops shelled two villages near the river, residents said.")
S1 = "Freeland officials met envoys from Norland on Monday."
S2 = "Norland troops shelled two villages near the river, residents said."


def at(word, sentence=TEXT, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = sentence.index(word, i + 1)
    return (i, i + len(word))


def gold_article(events, actors=None, aid="g-1"):
    actors = actors or [
        GoldActor("a1", "Freeland", "country", ["Freeland"], "FRA", None),
        GoldActor("a2", "Norland", "country", ["Norland"], "NOR", None),
        GoldActor("a3", "villages", "group", ["villages"], None, "CVL"),
    ]
    return GoldArticle(aid, "x", None, actors, events, text=TEXT, actor_by_id={a.id: a for a in actors})


def gev(category, sentence=S1, trigger="met", source=("a1",), target=("a2",), also_ok=(), reciprocal=False,
        aux=None, date="2024-03-04"):
    return GoldEvent(sentence, trigger, category, list(also_ok), list(source), list(target), reciprocal, aux, date)


SYS_ACTORS = [SysActor("s1", "FRA", None, (at("Freeland"),)), SysActor("s2", "NOR", None, (at("Norland"),)),
              SysActor("s3", "NOR", "MIL", (at("Norland troops"),))]


def sev(category, word="met", source=("s1",), target=("s2",), aux=None, date="2024-03-04", reciprocal=False):
    return SysEvent(category, at(word), tuple(source), tuple(target), reciprocal, aux, date)


def pred(*events, actors=SYS_ACTORS):
    return Prediction(list(actors), list(events))


def test_category_and_sentence_decide_a_match():
    a = gold_article([gev("CONSULT")])
    assert score_article(a, pred(sev("CONSULT"))).pairs == [(0, 0)]
    assert score_article(a, pred(sev("AGREE"))).pairs == []
    # the trigger must start inside the gold event's sentence
    assert score_article(a, pred(sev("CONSULT", word="shelled"))).pairs == []


def test_also_ok_is_accepted():
    a = gold_article([gev("CONCEDE", also_ok=["SUPPORT"])])
    assert score_article(a, pred(sev("SUPPORT"))).pairs == [(0, 0)]


@pytest.mark.parametrize("system, aux, gold", [
    ("AID", "future", "AGREE"),              # cooperative and announced: an agreement
    ("COOPERATE", "hypothetical", "AGREE"),
    ("SANCTION", "future", "THREATEN"),      # conflictual and announced: a threat
    ("ASSAULT", "hypothetical", "THREATEN"),
    ("SUPPORT", "negated", "REJECT"),        # a cooperative act not done: a refusal
])
def test_aux_maps_to_intention_categories(system, aux, gold):
    a = gold_article([gev(gold)])
    assert score_article(a, pred(sev(system, aux=aux))).pairs == [(0, 0)]
    assert score_article(a, pred(sev(system))).pairs == []   # without the aux it is no match


def test_matching_is_one_to_one():
    a = gold_article([gev("CONSULT"), gev("CONSULT", trigger="envoys")])
    r = score_article(a, pred(sev("CONSULT")))
    assert len(r.pairs) == 1
    r = score_article(gold_article([gev("CONSULT")]), pred(sev("CONSULT"), sev("CONSULT", word="envoys")))
    assert len(r.pairs) == 1
    s = score_news([r.gold], [r.pred]).scores["all"]
    assert (s.events.tp, s.events.fp, s.events.fn) == (1, 1, 0)


def test_pairs_whose_dyad_agrees_are_matched_first():
    # two gold events in one sentence, the first system event fits the second gold's dyad only
    a = gold_article([gev("CONSULT", source=["a1"], target=["a2"]), gev("CONSULT", source=["a2"], target=["a1"])])
    r = score_article(a, pred(sev("CONSULT", source=["s2"], target=["s1"]),
                              sev("CONSULT", word="envoys", source=["s1"], target=["s2"])))
    assert r.pairs == [(0, 1), (1, 0)] and r.records == {0, 1}


def test_whole_record_needs_both_country_sets():
    a = gold_article([gev("ASSAULT", sentence=S2, trigger="shelled", source=["a2"], target=["a3"])])
    # the target has no country on either side: it counts for nothing
    assert score_article(a, pred(sev("ASSAULT", "shelled", source=["s3"], target=[]))).records == {0}
    assert score_article(a, pred(sev("ASSAULT", "shelled", source=["s1"], target=[]))).records == set()
    s = score_news([a], [pred(sev("ASSAULT", "shelled", source=["s1"], target=[]))]).scores["all"]
    assert s.events.tp == 1 and s.records.tp == 0 and s.records.fn == 1


def test_reciprocal_gold_accepts_any_split():
    a = gold_article([gev("CONSULT", source=["a1", "a2"], target=[], reciprocal=True)])
    for src, tgt in ((["s1"], ["s2"]), (["s2"], ["s1"]), (["s1", "s2"], [])):
        assert score_article(a, pred(sev("CONSULT", source=src, target=tgt))).records == {0}
    assert score_article(a, pred(sev("CONSULT", source=["s1"], target=[]))).records == set()


@pytest.mark.parametrize("gold, system, right", [
    ({"IGO"}, {"UN"}, True),                 # a gold IGO accepts any non-state code
    ({"NGO"}, {"AMNESTY"}, True),
    ({"IGO"}, {"FRA"}, False),               # but not a state
    ({"IGO"}, set(), False),
    ({"IGO", "NOR"}, {"NOR", "EU"}, True),
    ({"UN"}, {"UNHCR"}, True),               # UN agencies count as UN
    ({"UN"}, {"WHO"}, True),
    ({"RUS"}, {"SUN"}, True),                # the Soviet Union is Russia
    ({"SUN"}, {"RUS"}, True),
    ({"NOR", None}, {"NOR"}, True),          # no country counts for nothing
    ({"NOR"}, {"NOR", None}, True),
    ({"NOR"}, {"NOR", "FRA"}, False),
])
def test_codes_agree(gold, system, right):
    assert codes_agree(gold, system) is right


def test_news_code():
    assert news_code("sun") == "RUS" and news_code(None) is None and news_code("UNICEF") == "UN"
    assert news_code("FRA") == "FRA" and news_code("NATO") == "NATO"


@pytest.mark.parametrize("gold, system, right", [
    ("2024-03-04", "2024-03-04", True), ("2024-03-04", "2024-03-05", False),
    ("2024-03-04", "2024-03", False),                      # a day gold accepts only that day
    ("2024-03", "2024-03-19", True), ("2024-03", "2024-03", True), ("2024-03", "2024-04-01", False),
    ("2024", "2024-11-02", True), ("2024", "2024-W12", True), ("2024", "2023-12-31", False),
    ("2024-03", None, False),
])
def test_date_right(gold, system, right):
    assert date_right(gold, system) is right


def test_date_and_aux_over_matched_events():
    a = gold_article([gev("CONSULT", aux="future", date="2024-03"), gev("ASSAULT", S2, "shelled", ["a2"], ["a3"])])
    s = score_news([a], [pred(sev("CONSULT", aux="future", date="2024-03-09"),
                              sev("ASSAULT", "shelled", ["s3"], [], date="2024-01-01"))]).scores["all"]
    assert s.events.tp == 2 and s.date_right == 1 and s.aux_right == 2


def test_actors_found_by_most_overlaps_with_country_and_sector():
    actors = [GoldActor("a1", "Freeland", "country", ["Freeland"], "FRA", None),
              GoldActor("a2", "Norland troops", "group", ["Norland troops"], "NOR", "MIL"),
              GoldActor("a3", "river people", "group", ["residents"], None, "CVL")]
    a = gold_article([], actors)
    sys_actors = [SysActor("s1", "FRA", None, (at("Freeland"),)),
                  SysActor("s2", "NOR", None, (at("Norland", nth=1),)),          # overlaps "Norland troops" once
                  SysActor("s3", "NOR", "MIL", (at("Norland", nth=1), at("troops"))),  # twice: it wins
                  SysActor("s4", "DEU", None, (at("Monday"),))]                  # no gold actor there
    r = score_article(a, Prediction(sys_actors, []))
    assert r.found == {"a1": "s1", "a2": "s3"} and r.unmatched_actors == ["s4"]
    s = score_news([a], [Prediction(sys_actors, [])]).scores["all"]
    assert (s.gold_actors, s.found_actors, s.country_right, s.sector_right, s.unmatched_actors) == (3, 2, 2, 2, 1)
    h = s.headline()
    assert h["actor_recall"] == round(2 / 3, 4) and h["actor_country_accuracy"] == 1.0


def test_gold_igo_actor_accepts_any_non_state_code():
    actors = [GoldActor("a1", "a body", "organisation", ["Freeland"], "IGO", None)]
    a = gold_article([], actors)
    for code, right in (("OPEC", 1), ("FRA", 0)):
        s = score_news([a], [Prediction([SysActor("s1", code, None, (at("Freeland"),))], [])]).scores["all"]
        assert s.country_right == right


def test_parts_and_headline_keys():
    # "news-c" hashes to the read part and "news-a" to the unread one (see eval.split)
    read, unread = gold_article([gev("CONSULT")], aid="news-c"), gold_article([gev("CONSULT")], aid="news-a")
    report = score_news([read, unread], [pred(sev("CONSULT")), pred()])
    h = report.headline()
    assert h["event_f1"] == round(2 / 3, 4) and h["read.event_f1"] == 1.0 and h["unread.event_f1"] == 0.0
    # errors are listed from the read part only
    assert [(e["article"], e["error"]) for e in report.errors()] == [("news-c", "actor not found")]
    one = score_news([read, unread], [pred(sev("CONSULT")), pred()], which="unread")
    assert set(one.headline()) == {f"unread.{k}" for k in report.scores["all"].headline()}
    assert [(e["article"], e["error"]) for e in one.errors()] == [("news-a", "missed event"),
                                                                  ("news-a", "actor not found")]


def test_loads_fixture_gold_and_corpus():
    gold = load_news_gold(FIXTURES / "gold" / "news" / "tiny.jsonl")
    assert [a.id for a in gold] == ["news-c", "news-a"] and len(gold[0].events) == 3
    attach_texts(gold)   # the corpus is found at <gold folder>/../../corpus/tinywire.jsonl
    assert gold[1].text.startswith("Chile")


def _write(tmp_path, *rows):
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


GOOD = {"id": "x1", "corpus": "c", "published": "2024-01-02",
        "actors": [{"id": "a1", "name": "Freeland", "kind": "country", "mentions": ["Freeland"], "country": "FRA",
                    "sector": None}],
        "events": [{"sentence": S1, "trigger": "met", "category": "CONSULT", "source": ["a1"], "target": [],
                    "aux": None, "date": "2024-01-02"}]}


@pytest.mark.parametrize("bad, message", [
    ("{not json", "not JSON"),
    ({**GOOD, "actors": "a1"}, "'actors' must be list"),
    ({**GOOD, "events": [{**GOOD["events"][0], "source": ["a9"]}]}, "'a9' is no actor id"),
    ({**GOOD, "events": [{**GOOD["events"][0], "trigger": "kissed"}]}, "not inside its sentence"),
    ({**GOOD, "events": [{**GOOD["events"][0], "date": "Monday"}]}, "is not YYYY"),
    ({**GOOD, "events": [{**GOOD["events"][0], "aux": "maybe"}]}, "aux 'maybe'"),
    ({**GOOD, "actors": [{**GOOD["actors"][0], "mentions": []}]}, "non-empty list"),
])
def test_malformed_gold_names_file_and_line(tmp_path, bad, message):
    path = _write(tmp_path, GOOD, bad)
    with pytest.raises(GoldFormatError, match=message) as err:
        load_news_gold(path)
    assert err.value.line == 2 and f"{path}:2" in str(err.value)


def test_missing_article_or_corpus(tmp_path):
    path = _write(tmp_path, GOOD)
    gold = load_news_gold(path)
    with pytest.raises(GoldFormatError, match="cannot read the corpus"):
        attach_texts(gold)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "other", "text": TEXT}) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="'x1' is not in the corpus") as err:
        attach_texts(gold, {"c": corpus})
    assert err.value.line == 1
    corpus.write_text(json.dumps({"id": "x1", "text": TEXT}) + "\n", encoding="utf-8")
    attach_texts(gold, {"*": corpus})
    assert gold[0].text == TEXT
