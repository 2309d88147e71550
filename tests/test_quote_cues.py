"""Quote cues found from the parse, speakers as the text gives them, continuations and
mixed quotes: one test per class, on sentences written for these tests."""

import pytest

from communique.extract.actors import extract_actors
from communique.extract.quotes import extract_quotes
from communique.records import Quote, Span

pytestmark = pytest.mark.model


def run(nlp, text):
    doc = nlp(text)
    index = extract_actors(doc)
    out = []
    for q in extract_quotes(doc, index):
        a = index.actor(q.speaker) if q.speaker else None
        out.append((q.content.text.strip(" ,.“”"), q.direct, a.name if a else None,
                    q.speaker_span.text if q.speaker_span else None, q))
    return out


def find(got, words):
    hits = [g for g in got if words in g[0]]
    assert hits, f"no quote holding {words!r} in {[g[0] for g in got]}"
    return hits[0]


def test_a_verb_outside_the_lexicon_next_to_a_quotation_is_a_cue(nlp):
    got = run(nlp, "“The bridge will open next spring,” boasted Mayor Ines Kraljic at the ceremony.")
    _, direct, name, span, q = find(got, "bridge will open")
    assert direct and name == "Ines Kraljic" and q.cue.text == "boasted"


def test_a_verb_of_believing_reports_a_clause(nlp):
    got = run(nlp, "Investigators in Tarvia suspect that the fire at the depot was started on purpose.")
    content, direct, _, span, _ = find(got, "fire at the depot")
    assert not direct and span == "Investigators in Tarvia"


def test_a_speech_noun_with_a_that_clause_and_its_possessor(nlp):
    got = run(nlp, "Minister Paulo Serra spoke in Lisbon. Serra's claim that the port had been sold "
                   "in secret angered the unions.")
    _, direct, name, _, q = find(got, "port had been sold")
    assert not direct and name == "Paulo Serra" and q.cue.text == "claim"


def test_a_colon_after_a_title_and_name(nlp):
    got = run(nlp, "The talks ended late on Friday.\n\nDefence Minister Rui Tavares: “We have a deal.”")
    _, direct, name, span, q = find(got, "We have a deal")
    assert direct and q.cue.text == ":" and "Rui Tavares" in span


def test_according_to_keeps_the_source_phrase(nlp):
    got = run(nlp, "According to local fishermen, the river has been rising since dawn.")
    _, direct, name, span, _ = find(got, "river has been rising")
    assert not direct and span == "local fishermen"


def test_a_spokeswoman_speaks_for_her_ministry(nlp):
    got = run(nlp, "The Ministry of Health opened a new clinic. A spokeswoman for the Ministry of Health "
                   "said the clinic would treat 300 patients a day.")
    _, _, name, span, _ = find(got, "clinic would treat")
    assert name is not None and "Health" in name
    assert span == "A spokeswoman for the Ministry of Health"


def test_a_relative_is_not_the_person_named_in_the_phrase(nlp):
    got = run(nlp, "Senator Clara Moss spoke in Denver. Senator Clara Moss's brother told reporters "
                   "that the family would sell the ranch.")
    _, _, name, span, _ = find(got, "sell the ranch")
    assert name is None and span == "Senator Clara Moss's brother"


def test_a_second_fragment_and_the_next_paragraph_keep_the_speaker(nlp):
    got = run(nlp, "Coach Elena Marsh was calm after the defeat.\n\n“We lost to a better side,” Marsh said. "
                   "“We will learn from it.”\n\n“Nobody here is panicking.”")
    names = {g[0]: g[2] for g in got}
    assert names["We will learn from it"] == "Elena Marsh"
    assert names["Nobody here is panicking"] == "Elena Marsh"


def test_a_mixed_quote_is_one_quote_with_its_quoted_words_marked(nlp):
    text = "The mayor, Ruth Adler, said the new tax was “simply unfair” and that she would fight it."
    got = run(nlp, text)
    assert len(got) == 1
    content, direct, name, _, q = got[0]
    assert not direct and name == "Ruth Adler" and "she would fight it" in content
    assert [w.text for w in q.quoted] == ["simply unfair"]


def test_a_reported_question_and_an_infinitive_are_no_quotes(nlp):
    got = run(nlp, "Reporters asked whether the minister would resign. The board expects the shares to rise.")
    assert got == []


def test_evidence_reports_nobody(nlp):
    got = run(nlp, "Evidence emerged on Tuesday that the dam had been leaking for years.")
    assert got == []


def test_quote_round_trips_with_its_new_fields_and_old_json_loads():
    q = Quote(speaker="a1", cue=Span(0, 4, "said"), content=Span(5, 9, "more"), direct=False,
              speaker_span=Span(10, 13, "she"), quoted=[Span(5, 9, "more")])
    assert Quote.from_dict(q.to_dict()) == q
    old = {"speaker": None, "cue": {"start": 0, "end": 1, "text": "x"},
           "content": {"start": 1, "end": 2, "text": "y"}, "direct": True}
    assert Quote.from_dict(old).speaker_span is None and Quote.from_dict(old).quoted == []


def test_a_headline_topic_before_a_colon_is_no_speaker(nlp):
    got = run(nlp, "Harbour floods: ‘We lost everything in one night’\n\nThe water rose on Sunday.")
    assert all(g[2] is None and g[3] is None for g in got)


def test_a_clause_hung_on_the_speaker_phrase_is_cut(nlp):
    got = run(nlp, "‘We will not give in,’ says island governor as fishing row deepens\n\nThe row began in May.")
    assert find(got, "We will not give in")[3] == "island governor"


def test_a_statement_that_reads_speaks_for_its_source(nlp):
    got = run(nlp, "The Ministry of Finance issued a note on Monday. A statement from the Ministry of "
                   "Finance read: “The budget is balanced.”")
    _, direct, name, _, q = find(got, "budget is balanced")
    assert direct and name == "Ministry of Finance" and q.cue.text == ":"


def test_a_speech_noun_clause_ends_where_the_sentence_goes_on(nlp):
    got = run(nlp, "Minister Omar Haddad spoke on Monday. Haddad's warning that the talks could fail "
                   "angered the unions.")
    assert find(got, "talks could fail")[0] == "the talks could fail"


def test_a_speech_act_reported_with_an_infinitive(nlp):
    got = run(nlp, "The dockers' union urged its members to reject the new contract.")
    content, direct, _, span, q = find(got, "reject the new contract")
    assert not direct and content == "its members to reject the new contract" and q.cue.text == "urged"


def test_a_description_of_the_speaker_is_no_report_of_its_own(nlp):
    got = run(nlp, "An aide who asked not to be identified said the talks had stalled.")
    assert [g[0] for g in got] == ["the talks had stalled"]
