"""Typed entities: the Entity record, the entity_types component (re3d's types in
doc.spans, doc.ents untouched) and how entities map to re3d types in the eval."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from spacy.tokens import Span as SpacySpan

from communique.entity_types import (COMPONENT, MODEL_DIR, SPANS_KEY, add_entity_types, available,
                                     bio_spans, decode_bio)
from communique.eval.re3d import entities_from_records
from communique.extract.entities import extract_entities
from communique.records import ENTITY_TYPES, Actor, Article, Entity, Extraction, Span

# Written for these tests (not from re3d): one weapon, a platform, a sum and a resolution.
TEXT = ("The army fired 12 Tomahawk cruise missiles from the USS Ross and paid $5 million "
        "under UN Security Council Resolution 2254.")
NEW_TYPES = {"Weapon", "MilitaryPlatform", "Quantity", "Money", "DocumentReference"}


# --- the record ---------------------------------------------------------------------------

def test_entity_round_trip():
    e = Entity("Weapon", 27, 42, "cruise missiles")
    assert e.to_dict() == {"type": "Weapon", "start": 27, "end": 42, "text": "cruise missiles"}
    assert Entity.from_dict(json.loads(json.dumps(e.to_dict()))) == e


def test_extraction_carries_entities_and_reads_json_without_them():
    ex = Extraction(article=Article(text=TEXT), entities=[Entity("Money", 70, 80, "$5 million")])
    d = ex.to_dict()
    assert d["entities"] == [{"type": "Money", "start": 70, "end": 80, "text": "$5 million"}]
    assert Extraction.from_dict(json.loads(json.dumps(d))) == ex
    del d["entities"]  # JSON written before entities existed
    assert Extraction.from_dict(d).entities == []


# --- pure parts: decoding and extraction from doc.spans ----------------------------------

def test_bio_spans_read_as_conlleval():
    tags = ["B-Weapon", "I-Weapon", "O", "I-Money", "I-Money", "B-Quantity", "I-Money"]
    assert bio_spans(tags) == [(0, 2, "Weapon"), (3, 5, "Money"), (5, 6, "Quantity"), (6, 7, "Money")]


def test_decode_bio_mends_an_i_tag_that_continues_nothing():
    labels = ("O", "B-Money", "I-Money")
    # Token 1 prefers I-Money after an O: invalid. The best valid reading starts the sum
    # at token 1 (B-Money 0.3 beats turning token 0 into B-Money).
    scores = np.log(np.array([[0.9, 0.08, 0.02], [0.1, 0.3, 0.6], [0.1, 0.1, 0.8]], dtype="f"))
    assert [labels[i] for i in scores.argmax(axis=1)] == ["O", "I-Money", "I-Money"]
    assert decode_bio(scores.copy(), labels) == ["O", "B-Money", "I-Money"]
    # A valid sequence is the plain best tag of each token.
    ok = np.log(np.array([[0.2, 0.7, 0.1], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05]], dtype="f"))
    assert decode_bio(ok.copy(), labels) == ["B-Money", "I-Money", "O"]


def test_extract_entities_reads_the_typed_spans(blank_nlp):
    doc = blank_nlp("They paid $5 million for 12 missiles.")
    assert extract_entities(doc) == []  # parsed without the component
    doc.spans[SPANS_KEY] = [SpacySpan(doc, 6, 8, "Weapon"), SpacySpan(doc, 2, 5, "Money"),
                            SpacySpan(doc, 0, 1, "Organisation")]
    got = extract_entities(doc)
    assert [(e.type, e.text) for e in got] == [("Organisation", "They"), ("Money", "$5 million"),
                                              ("Weapon", "12 missiles")]
    assert all(doc.text[e.start:e.end] == e.text for e in got)
    assert [e.type for e in extract_entities(doc, types={"Money"})] == ["Money"]


# --- the eval mapping ---------------------------------------------------------------------

def test_entities_win_overlaps_but_actor_demonyms_win_nationality():
    text = "The Syrian army fired cruise missiles."
    syria = Actor("a1", "Syria", "country", "SYR", mentions=[Span(4, 10, "Syrian")])
    records_only = Extraction(article=Article(text=text), actors=[syria])
    assert entities_from_records(records_only) == [(4, 10, "Nationality")]
    # The head's longer organisation and its weapon win over the records.
    ex = Extraction(article=Article(text=text), actors=[syria],
                    entities=[Entity("Organisation", 0, 15, "The Syrian army"),
                              Entity("Weapon", 22, 37, "cruise missiles")])
    assert entities_from_records(ex) == [(0, 15, "Organisation"), (22, 37, "Weapon")]
    # For Nationality the actor's demonym wins over the head's.
    ex.entities = [Entity("Nationality", 0, 10, "The Syrian")]
    assert entities_from_records(ex) == [(4, 10, "Nationality")]


# --- the component in the real pipeline ---------------------------------------------------

@pytest.mark.model
def test_component_is_in_the_default_pipeline(nlp):
    assert nlp.pipe_names[-1] == COMPONENT
    assert (MODEL_DIR / "config.json").is_file()


@pytest.mark.model
def test_component_leaves_ents_and_tags_alone(nlp):
    texts = [TEXT, "Iraqi forces retook Mosul on Sunday, the Pentagon said in a statement.", ""]
    with_head = list(nlp.pipe(texts))
    with nlp.select_pipes(disable=[COMPONENT]):
        without = list(nlp.pipe(texts))
    for a, b in zip(with_head, without):
        assert [(e.start, e.end, e.label_, e.kb_id_) for e in a.ents] == \
               [(e.start, e.end, e.label_, e.kb_id_) for e in b.ents]
        assert [(t.ent_iob_, t.tag_, t.dep_, t.lemma_) for t in a] == [(t.ent_iob_, t.tag_, t.dep_, t.lemma_) for t in b]
        assert SPANS_KEY in a.spans and SPANS_KEY not in b.spans
    assert with_head[0].ents, "the base NER found nothing: the comparison would prove nothing"


@pytest.mark.model
def test_a_new_sentence_gets_typed_entities(nlp):
    from communique.pipeline import extract_doc

    ex = extract_doc(nlp(TEXT), Article(text=TEXT))
    assert all(e.type in ENTITY_TYPES and TEXT[e.start:e.end] == e.text for e in ex.entities)
    found = {e.type for e in ex.entities} & NEW_TYPES
    assert len(found) >= 2, ex.entities
    assert any(e.type == "Money" and e.text == "$5 million" for e in ex.entities)


@pytest.mark.model
def test_pipeline_without_the_model_files_works_and_has_only_lexicon_materiel(tmp_path):
    from communique.nlp import load_pipeline
    from communique.pipeline import extract_doc

    base = load_pipeline(entity_types=False)
    assert COMPONENT not in base.pipe_names
    assert not available(base, tmp_path / "missing")
    assert add_entity_types(base, tmp_path / "missing") is False
    assert COMPONENT not in base.pipe_names
    got = extract_doc(base(TEXT), Article(text=TEXT)).entities
    assert {e.type for e in got} <= {"Weapon", "MilitaryPlatform"}
    assert ("Weapon", "Tomahawk cruise missiles") in [(e.type, e.text) for e in got]


@pytest.mark.model
def test_head_trained_on_another_encoder_is_left_out(tmp_path):
    from communique.nlp import load_pipeline

    base = load_pipeline(entity_types=False)
    assert available(base)
    other = tmp_path / "re3d"
    shutil.copytree(MODEL_DIR, other)
    cfg = json.loads((other / "config.json").read_text())
    cfg["tok2vec_sha256"] = "0" * 64  # as if trained on another pipeline's tok2vec
    (other / "config.json").write_text(json.dumps(cfg))
    assert not available(base, other)
    assert add_entity_types(base, other) is False


# --- weapons and platforms from the materiel lexicon -----------------------------------

@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("Rebels fired rocket-propelled grenades at the convoy.", ("Weapon", "rocket-propelled grenades")),
    ("The navy sent two frigates and an aircraft carrier.", ("MilitaryPlatform", "aircraft carrier")),
    ("Several armoured vehicles entered the town.", ("MilitaryPlatform", "armoured vehicles")),
    ("Police found several rockets in the truck.", ("Weapon", "rockets")),
    ("The militia shelled the village with mortars.", ("Weapon", "mortars")),
])
def test_materiel_phrases(nlp, text, expected):
    from communique.extract.materiel import extract_materiel

    got = [(e.type, e.text) for e in extract_materiel(nlp(text))]
    assert expected in got, got


@pytest.mark.model
def test_a_bare_vehicle_is_no_platform(nlp):
    from communique.extract.materiel import extract_materiel

    assert extract_materiel(nlp("The minister left in a vehicle after the meeting.")) == []


# --- mending the tagger's loose ends --------------------------------------------------

@pytest.mark.model
def test_loose_ends_are_mended(nlp):
    from communique.extract.entities import _mended

    doc = nlp("The Foreign Secretary joined the US Secretary of State for talks in Aleppo, Syria.")
    assert _mended(doc, 4, 5) is None  # "the" alone
    start, end = _mended(doc, 4, 8)    # "the US Secretary of" runs on to "State"
    assert doc[start:end].text == "the US Secretary of State"
    start, end = _mended(doc, 12, 14)  # "Aleppo," loses its comma
    assert doc[start:end].text == "Aleppo"


@pytest.mark.model
def test_mending_ends_on_every_span(nlp):
    """Every span of a sentence full of loose ends is mended in a few steps, inside the
    text; an earlier version could extend and trim the same span for ever."""
    from communique.extract.entities import _mended

    doc = nlp("Marines from 3rd Battalion, 6th Marines and the command-and-control node of the "
              "U.S.-led coalition's four airstrikes against ISIL in the past 24 hours, Davis said.")
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 10) + 1):
            got = _mended(doc, start, end)
            assert got is None or 0 <= got[0] < got[1] <= len(doc)
