"""Annotated paragraphs, written for these tests, one per class of time expression the
newswire gold standards hold: each lists every expression we expect and its TIMEX3 value."""

import datetime as dt

import pytest

from communique.extract.times import extract_times, resolve_time, timex3_value

MAR14 = dt.date(2024, 3, 14)  # a Thursday

PARAGRAPHS = [
    # Months, weekdays and seasons follow the clause's tense.
    ("The coach was fired in July. The board will vote in February on his successor.",
     MAR14, [("July", "2023-07"), ("February", "2025-02")]),
    ("The ministry said on Monday that the new port opened in winter and will close next autumn.",
     MAR14, [("Monday", "2024-03-11"), ("winter", "2023-WI"), ("next autumn", "2024-FA")]),
    # A story set before its publication date: the narrative carries the reference.
    ("On June 3, 2019, the army entered the town. On Friday it left. In August the last families returned.",
     MAR14, [("June 3, 2019", "2019-06-03"), ("Friday", "2019-06-07"), ("August", "2019-08")]),
    # Durations and ranges as TimeML writes them.
    ("The siege lasted 36 hours; the repairs will take six months. The 2009-2010 drought was the worst.",
     MAR14, [("36 hours", "PT36H"), ("six months", "P6M"), ("2009-2010", "P2Y")]),
    # Centuries, decades, fiscal years, quarters and halves.
    ("The 19th century canal was rebuilt in the 1990s and widened in fiscal 2021.",
     MAR14, [("The 19th century", "18"), ("1990s", "199"), ("fiscal 2021", "FY2021")]),
    ("Profits fell in the third quarter of 2023 and rose in the first half of this year.",
     MAR14, [("the third quarter of 2023", "2023-Q3"), ("the first half of this year", "2024-H1")]),
    ("Just two years ago the plant employed 3,000 people.", MAR14, [("Just two years ago", "2022")]),
    # Sets.
    ("The market opens every morning, the ferry sails every Monday and the fair returns each spring.",
     MAR14, [("every morning", "XXXX-XX-XXTMO"), ("every Monday", "XXXX-WXX-1"), ("each spring", "XXXX-SP")]),
]


@pytest.mark.model
@pytest.mark.parametrize("text, published, expected", PARAGRAPHS)
def test_annotated_paragraph(nlp, text, published, expected):
    got = [(t.text, timex3_value(t)) for t in extract_times(nlp(text), published)]
    for item in expected:
        assert item in got, f"{item} not in {got}"


@pytest.mark.parametrize("text, tense, expected", [
    ("July", "past", ("2023-07", "month")),
    ("July", "future", ("2024-07", "month")),
    ("February", "future", ("2025-02", "month")),
    ("March", "past", ("2024-03", "month")),
    ("the 21st century", None, ("20XX", "century")),
    ("the last century", None, ("19XX", "century")),
    ("the second half", "past", ("2023-H2", "half")),
    ("H1 2022", None, ("2022-H1", "half")),
    ("FY24", None, ("2024", "year")),
    ("the financial year", None, ("2024", "year")),
    ("2019-20", None, ("P2Y", "duration")),
    ("1999-00", None, ("P2Y", "duration")),
    ("2021-03", None, ("2021-03", "month")),
    ("nearly five months ago", None, ("2023-10", "month")),
])
def test_resolve_period(text, tense, expected):
    assert resolve_time(text, MAR14, tense=tense) == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("The bank reported its results for the quarter ended Sept. 30.",
     [("the quarter", "2023-Q3"), ("Sept. 30", "2023-09-30")]),
    ("Shelling went on for hours; a few hours later a truce began.", [("hours", "PTXH"), ("a few hours", "PTXH")]),
    ("The station has broadcast for nearly half a century.", [("nearly half a century", "P50Y")]),
])
def test_periods_and_lengths(nlp, text, expected):
    got = [(t.text, timex3_value(t)) for t in extract_times(nlp(text), MAR14)]
    for item in expected:
        assert item in got, f"{item} not in {got}"
