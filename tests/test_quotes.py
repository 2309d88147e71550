"""Quotes: quote-mark pairing without the model, speakers and cues with it."""

import pytest

from communique.extract.actors import extract_actors
from communique.extract.quotes import extract_quotes, find_quote_spans


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("She called it “historic” today.", ["historic"]),
        ("The country's plan isn't new.", []),
        ('"Unclosed quote runs to the paragraph end.\n\nNext "closed" one.', [
            "Unclosed quote runs to the paragraph end.", "closed"]),
        ('First "a" then "b\n\n"c," he said.', ["a", "b", "c,"]),
        ("It was ‘partly’ done.", ["partly"]),
    ],
)
def test_find_quote_spans(text, expected):
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == expected


def test_unclosed_quote_does_not_swallow_later_quotes():
    text = 'One "two three.\n\nFour "five" six.\n\n"Seven," they said.'
    got = [text[s.start:s.end] for s in find_quote_spans(text)]
    assert "five" in got and "Seven," in got


def quotes(nlp, text):
    doc = nlp(text)
    index = extract_actors(doc)
    return extract_quotes(doc, index), index


def speaker_name(index, q):
    a = index.actor(q.speaker) if q.speaker else None
    return a.name if a else None


@pytest.mark.model
def test_direct_quote_with_trailing_cue_and_it_said(nlp):
    text = ('Foreign Minister Lena Berg visited Oslo on Monday.\n\n'
            '"We agreed to work together," the foreign ministry said in a statement.\n\n'
            '"Both sides want calm," it said.')
    qs, index = quotes(nlp, text)
    direct = [q for q in qs if q.direct]
    assert [q.content.text for q in direct] == ["We agreed to work together,", "Both sides want calm,"]
    assert speaker_name(index, direct[0]) == "foreign ministry"
    assert direct[1].speaker == direct[0].speaker
    assert direct[0].cue.text == "said"


@pytest.mark.model
def test_partial_quote_described_as(nlp):
    text = 'Prime Minister Tom Reed met the envoy. In a post, Mr Reed described the meeting as "productive".'
    qs, index = quotes(nlp, text)
    q = next(q for q in qs if q.content.text == "productive")
    assert speaker_name(index, q) == "Tom Reed"
    assert q.cue.text.startswith("described")


@pytest.mark.model
def test_he_said_skips_names_inside_the_quote(nlp):
    text = ('President Maria Lopez spoke to reporters.\n\n'
            '"I had good talks with Mr John Park in Seoul today," she said.')
    qs, index = quotes(nlp, text)
    q = next(q for q in qs if q.direct)
    assert speaker_name(index, q) == "Maria Lopez"


@pytest.mark.model
def test_indirect_quote(nlp):
    text = "The Kenyan government said the two countries would expand trade."
    qs, index = quotes(nlp, text)
    q = next(q for q in qs if not q.direct)
    assert q.content.text == "the two countries would expand trade"
    assert index.actor(q.speaker).country == "KEN"


@pytest.mark.model
def test_offsets_match_text(nlp):
    text = 'Officials said "the border is open" and "trade resumes Monday," a spokesman added.'
    qs, _ = quotes(nlp, text)
    for q in qs:
        assert text[q.content.start:q.content.end] == q.content.text
        assert text[q.cue.start:q.cue.end] == q.cue.text


@pytest.mark.model
def test_unclosed_quote_paragraph_continues_with_the_same_speaker(nlp):
    text = ('"We are ready," Prime Minister Olga Berg told reporters. "We will keep working.\n\n'
            '"Nobody will be forgotten."\n\nThe opposition disagreed.')
    qs, index = quotes(nlp, text)
    direct = [q for q in qs if q.direct]
    assert [speaker_name(index, q) for q in direct] == ["Olga Berg"] * 3


def test_unclosed_quote_ends_where_its_attribution_begins():
    text = '"We are ready to talk, the minister said on Monday.\n\nLater "closed" here.'
    got = [text[s.start:s.end] for s in find_quote_spans(text)]
    assert got == ["We are ready to talk,", "closed"]


@pytest.mark.model
def test_first_paragraph_of_a_long_quote_takes_the_speaker_named_later(nlp):
    text = ('"The border will stay open for trade.\n\n'
            '"We expect the talks to resume soon," Foreign Minister Ida Holm said.')
    qs, index = quotes(nlp, text)
    direct = [q for q in qs if q.direct]
    assert [speaker_name(index, q) for q in direct] == ["Ida Holm", "Ida Holm"]


@pytest.mark.model
def test_speaker_of_a_cue_parsed_as_a_reduced_relative(nlp):
    text = ("Kenya's trade minister, Amina Wekesa, posted on X on Friday: "
            "\u201cExports rose 12 percent this year. The work continues.\u201d")
    qs, index = quotes(nlp, text)
    (q,) = [q for q in qs if q.direct]
    assert speaker_name(index, q) == "Amina Wekesa"


@pytest.mark.model
def test_an_unqualified_coast_guard_speaks(nlp):
    qs, index = quotes(nlp, "The ferry resumed service.\n\nThe coast guard said it had inspected the vessel twice.")
    (q,) = qs
    assert speaker_name(index, q) == "coast guard"
