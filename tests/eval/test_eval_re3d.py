"""re3d scorer and record mapping on hand-made data (no model, no shared data)."""

from pathlib import Path

import pytest

from communique.eval.common import GoldFormatError
from communique.eval.re3d import (
    RE3D_TYPES, _bio_entities, entities_from_records, load_bio, load_raw, score_entities,
)
from communique.records import Actor, Article, Event, Extraction, Place, Span, TimeRef

FIXTURES = Path(__file__).parent / "fixtures"


def test_bio_reading_follows_conlleval():
    labels = ["B-Person", "I-Person", "O", "I-Location", "I-Location", "B-Location", "I-Person"]
    # An I- tag after O, or of another type, starts an entity as conlleval does.
    assert _bio_entities(labels) == {(0, 2, "Person"), (3, 5, "Location"), (5, 6, "Location"), (6, 7, "Person")}


def test_load_bio_detokenises_and_keeps_token_entities():
    units = load_bio(FIXTURES / "re3d_tiny.txt")
    assert [u.text for u in units] == ["Defence Minister Anna Kovacs visited Kyiv on Monday.",
                                       "The army fired 20 rockets at the town."]
    assert units[0].gold == {(0, 4, "Person"), (5, 6, "Location"), (7, 8, "Temporal")}
    assert (4, 5, "Weapon") in units[1].gold


def test_load_bio_names_a_bad_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("word\tB-Person\nnot-a-tag-line\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="bad.txt:2"):
        load_bio(bad)


def test_load_raw_keeps_the_ten_types_and_the_most_confident_type_of_a_span():
    (unit,) = load_raw(FIXTURES / "re3d")
    assert unit.id == "src1/D1"
    assert (69, 75, "Organisation") in unit.gold and (69, 75, "Location") not in unit.gold
    assert not any(t == "Vehicle" for _, _, t in unit.gold)
    assert len(unit.gold) == 5


def test_load_raw_needs_a_re3d_folder(tmp_path):
    with pytest.raises(GoldFormatError, match="no re3d folder"):
        load_raw(tmp_path)


def test_record_mapping():
    text = "Israeli troops and Minister Ruth Adler met Syrian officials in Warsaw on 3 May; Israel agreed. Iraqis wait."
    def sp(word, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return Span(start, start + len(word), word)
    sentence = (0, len(text))
    ex = Extraction(
        article=Article(text=text),
        actors=[
            Actor("a1", "Israeli troops", "group", country="ISR", mentions=[sp("Israeli troops")]),
            Actor("a2", "Ruth Adler", "person", mentions=[sp("Ruth Adler")]),
            Actor("a3", "Syria", "country", country="SYR", mentions=[sp("Syrian")]),
            Actor("a4", "Israel", "country", country="ISR", mentions=[sp("Israel", 1)]),
            Actor("a5", "Warsaw", "country", country="POL", mentions=[sp("Warsaw")]),
            Actor("a6", "Iraq", "country", country="IRQ", mentions=[sp("Iraqis")]),
        ],
        places=[Place("Warsaw", "POL", 52.2, 21.0, mentions=[sp("Warsaw")])],
        times=[TimeRef(sp("3 May").start, sp("3 May").end, "3 May", "2024-05-03", "day")],
        events=[Event("e1", "AGREE", sp("agreed"), sentence, source=["a4"])],
    )
    got = {text[s:e]: t for s, e, t in entities_from_records(ex)}
    assert got == {"Israeli troops": "Organisation", "Ruth Adler": "Person", "Syrian": "Nationality",
                   "Israel": "Organisation", "Warsaw": "Location", "3 May": "Temporal",
                   "Iraqis": "Organisation"}


def test_mapping_settles_overlaps_one_type_per_character():
    text = "New York Times"
    ex = Extraction(article=Article(text=text),
                    actors=[Actor("a1", "New York Times", "organisation", mentions=[Span(0, 14, text)])],
                    places=[Place("New York", "USA", 0, 0, mentions=[Span(0, 8, "New York")])])
    assert entities_from_records(ex) == [(0, 14, "Organisation")]


def test_unknown_mapping_is_refused():
    with pytest.raises(ValueError):
        entities_from_records(Extraction(article=Article(text="x")), mapping="ner-only")


def test_score_entities_per_type_macro_and_lenient():
    gold = [{(0, 2, "Person"), (3, 4, "Location"), (5, 7, "Organisation")}]
    pred = [{(0, 2, "Person"), (3, 4, "Organisation"), (6, 7, "Organisation")}]
    per_type, micro, lenient, diag = score_entities(gold, pred)
    assert set(per_type) == set(RE3D_TYPES)
    assert per_type["Person"].f1 == 1.0 and per_type["Location"].fn == 1
    assert (micro.tp, micro.fp, micro.fn) == (1, 2, 2)
    assert (lenient.tp, lenient.fp, lenient.fn) == (2, 1, 1)  # (6,7) overlaps (5,7), same type
    assert diag["boundary_only_errors_by_type"] == {"Organisation": 1}
    assert diag["right_span_wrong_type"] == {"Location as Organisation": 1}
    assert "Weapon" in diag["never_predicted_types"]
