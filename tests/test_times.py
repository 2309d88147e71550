import datetime as dt

import pytest

from communique.extract.times import extract_times, resolve_time, time_for_span, timex3_value
from communique.records import TimeRef

FRI = dt.date(2021, 3, 26)  # a Friday
JAN2 = dt.date(2021, 1, 2)  # a Saturday, in ISO week 2020-W53
LEAP = dt.date(2020, 3, 1)  # a Sunday, the day after 29 February

RESOLVE_CASES = [
    # Bare weekdays: past or no tense -> on or before the anchor; future -> on or after.
    ("Friday", FRI, None, ("2021-03-26", "day")),
    ("Friday", FRI, "past", ("2021-03-26", "day")),
    ("Friday", FRI, "future", ("2021-03-26", "day")),
    ("on Friday", FRI, None, ("2021-03-26", "day")),
    ("on Thursday", FRI, None, ("2021-03-25", "day")),
    ("Thursday", FRI, "past", ("2021-03-25", "day")),
    ("Monday", FRI, None, ("2021-03-22", "day")),
    ("Monday", FRI, "past", ("2021-03-22", "day")),
    ("Monday", FRI, "future", ("2021-03-29", "day")),
    ("Saturday", FRI, None, ("2021-03-20", "day")),
    ("Saturday", FRI, "future", ("2021-03-27", "day")),
    ("Thursday", FRI, "future", ("2021-04-01", "day")),
    ("Sunday's", FRI, None, ("2021-03-21", "day")),
    ("Thurs.", FRI, None, ("2021-03-25", "day")),
    ("Friday night", FRI, None, ("2021-03-26", "day")),
    ("Tuesday morning", FRI, "past", ("2021-03-23", "day")),
    ("early on Wednesday", FRI, None, ("2021-03-24", "day")),
    ("10 pm on Friday", FRI, None, ("2021-03-26", "day")),
    ("Friday at 3 p.m.", FRI, None, ("2021-03-26", "day")),
    ("last Friday", FRI, None, ("2021-03-19", "day")),
    ("last Monday", FRI, None, ("2021-03-22", "day")),
    ("next Friday", FRI, None, ("2021-04-02", "day")),
    ("next Monday", FRI, "past", ("2021-03-29", "day")),
    ("this Sunday", FRI, None, ("2021-03-28", "day")),
    ("this Monday", FRI, "past", ("2021-03-22", "day")),
    ("Monday", JAN2, "past", ("2020-12-28", "day")),
    ("Monday", JAN2, "future", ("2021-01-04", "day")),
    # Day words.
    ("today", FRI, None, ("2021-03-26", "day")),
    ("Today", FRI, "future", ("2021-03-26", "day")),
    ("this morning", FRI, "past", ("2021-03-26", "day")),
    ("tonight", FRI, "future", ("2021-03-26", "day")),
    ("earlier today", FRI, None, ("2021-03-26", "day")),
    ("yesterday", FRI, None, ("2021-03-25", "day")),
    ("Yesterday", JAN2, None, ("2021-01-01", "day")),
    ("yesterday afternoon", FRI, None, ("2021-03-25", "day")),
    ("last night", FRI, None, ("2021-03-25", "day")),
    ("tomorrow", FRI, None, ("2021-03-27", "day")),
    ("tomorrow", dt.date(2021, 12, 31), None, ("2022-01-01", "day")),
    ("the day before yesterday", FRI, None, ("2021-03-24", "day")),
    ("the day after tomorrow", FRI, None, ("2021-03-28", "day")),
    ("yesterday", LEAP, None, ("2020-02-29", "day")),
    # Weeks, months, years relative to the anchor.
    ("this week", FRI, None, ("2021-W12", "week")),
    ("last week", FRI, None, ("2021-W11", "week")),
    ("next week", FRI, "future", ("2021-W13", "week")),
    ("later this week", FRI, None, ("2021-W12", "week")),
    ("last weekend", FRI, None, ("2021-W11", "week")),
    ("last week", JAN2, None, ("2020-W52", "week")),
    ("this week", JAN2, None, ("2020-W53", "week")),
    ("next week", JAN2, None, ("2021-W01", "week")),
    ("this month", FRI, None, ("2021-03", "month")),
    ("earlier this month", FRI, None, ("2021-03", "month")),
    ("last month", FRI, None, ("2021-02", "month")),
    ("last month", JAN2, None, ("2020-12", "month")),
    ("next month", dt.date(2021, 12, 5), None, ("2022-01", "month")),
    ("this year", FRI, None, ("2021", "year")),
    ("earlier this year", FRI, None, ("2021", "year")),
    ("last year", FRI, None, ("2020", "year")),
    ("late last year", FRI, None, ("2020", "year")),
    ("next year", FRI, "future", ("2022", "year")),
    ("the current year", FRI, None, ("2021", "year")),
    # Ago.
    ("two days ago", FRI, None, ("2021-03-24", "day")),
    ("3 days ago", JAN2, None, ("2020-12-30", "day")),
    ("a day ago", FRI, None, ("2021-03-25", "day")),
    ("three weeks ago", FRI, None, ("2021-W09", "week")),
    ("a week ago", FRI, None, ("2021-W11", "week")),
    ("two months ago", JAN2, None, ("2020-11", "month")),
    ("five years ago", FRI, None, ("2016", "year")),
    ("a few days ago", FRI, None, (None, "unknown")),
    # Years, months and decades.
    ("2019", FRI, None, ("2019", "year")),
    ("in 2019", FRI, None, ("2019", "year")),
    ("In 2019", None, None, ("2019", "year")),
    ("mid-2019", FRI, None, ("2019", "year")),
    ("the end of 2019", FRI, None, ("2019", "year")),
    ("early 1987", None, None, ("1987", "year")),
    ("March 2019", FRI, None, ("2019-03", "month")),
    ("March 2019", None, None, ("2019-03", "month")),
    ("Sept. 2001", FRI, None, ("2001-09", "month")),
    ("March of 2019", FRI, None, ("2019-03", "month")),
    ("late December 2020", FRI, None, ("2020-12", "month")),
    ("March", FRI, None, ("2021-03", "month")),
    ("in March", FRI, "past", ("2021-03", "month")),
    ("January", FRI, "past", ("2021-01", "month")),
    ("December", JAN2, "past", ("2020-12", "month")),
    ("December", JAN2, None, ("2020-12", "month")),
    ("November", FRI, "past", ("2020-11", "month")),
    ("February", dt.date(2021, 11, 20), "future", ("2022-02", "month")),
    ("last March", FRI, None, ("2020-03", "month")),
    ("last February", FRI, None, ("2021-02", "month")),
    ("next March", FRI, None, ("2022-03", "month")),
    ("next April", FRI, None, ("2021-04", "month")),
    ("this May", FRI, None, ("2021-05", "month")),
    ("March", None, None, (None, "unknown")),
    ("the 1990s", FRI, None, ("199X", "decade")),
    ("1990s", None, None, ("199X", "decade")),
    ("the 2000s", FRI, None, ("200X", "decade")),
    ("the early 1980s", FRI, None, ("198X", "decade")),
    ("the '90s", FRI, None, ("199X", "decade")),
    ("the nineties", FRI, None, ("199X", "decade")),
    ("the '20s", FRI, None, ("202X", "decade")),
    ("the '90s", None, None, (None, "unknown")),
    # Month-days.
    ("March 5", FRI, None, ("2021-03-05", "day")),
    ("on March 5", FRI, "past", ("2021-03-05", "day")),
    ("5 March", FRI, None, ("2021-03-05", "day")),
    ("the 5th of March", FRI, None, ("2021-03-05", "day")),
    ("March 5th", FRI, None, ("2021-03-05", "day")),
    ("Mar. 5", FRI, None, ("2021-03-05", "day")),
    ("March 5, 2019", FRI, None, ("2019-03-05", "day")),
    ("March 5, 2019", None, None, ("2019-03-05", "day")),
    ("5 March 2019", FRI, None, ("2019-03-05", "day")),
    ("Friday, March 26", FRI, None, ("2021-03-26", "day")),
    ("Tuesday, 5 March 2019", FRI, None, ("2019-03-05", "day")),
    ("March 5-7, 2019", FRI, None, ("2019-03-05", "day")),
    ("March 5", None, None, (None, "unknown")),
    ("June 3 to 6", FRI, "future", ("2021-06-03", "day")),
    ("April 13 and 14, 1986", FRI, None, ("1986-04-13", "day")),
    ("last November 23", dt.date(1987, 2, 26), None, ("1986-11-23", "day")),
    ("last December 30", JAN2, "future", ("2020-12-30", "day")),
    ("next January 5", dt.date(2021, 12, 28), "past", ("2022-01-05", "day")),
    ("July this year", FRI, None, ("2021-07", "month")),
    ("July last year", FRI, "future", ("2020-07", "month")),
    ("December 30", JAN2, "past", ("2020-12-30", "day")),
    ("December 30", JAN2, None, ("2020-12-30", "day")),
    ("December 30", JAN2, "future", ("2021-12-30", "day")),
    ("January 5", JAN2, "past", ("2021-01-05", "day")),
    ("January 5", dt.date(2021, 12, 28), "future", ("2022-01-05", "day")),
    ("January 5", dt.date(2021, 12, 28), None, ("2022-01-05", "day")),
    ("January 5", dt.date(2021, 12, 28), "past", ("2021-01-05", "day")),
    ("September 20", FRI, "past", ("2021-09-20", "day")),
    ("October 1", FRI, "past", ("2020-10-01", "day")),
    ("October 1", FRI, "future", ("2021-10-01", "day")),
    ("September 1", FRI, "future", ("2021-09-01", "day")),
    ("August 1", FRI, "future", ("2021-08-01", "day")),
    # Leap years.
    ("February 29", LEAP, "past", ("2020-02-29", "day")),
    ("February 29", dt.date(2021, 3, 26), "past", ("2020-02-29", "day")),
    ("February 29", dt.date(2023, 11, 1), "future", ("2024-02-29", "day")),
    ("February 29, 2020", None, None, ("2020-02-29", "day")),
    ("February 29, 2021", FRI, None, (None, "unknown")),
    ("February 30", FRI, None, (None, "unknown")),
    ("last week", dt.date(2020, 3, 6), None, ("2020-W09", "week")),
    # ISO forms.
    ("2021-03-26", None, None, ("2021-03-26", "day")),
    ("2020-02-29", FRI, None, ("2020-02-29", "day")),
    ("2021-02-29", FRI, None, (None, "unknown")),
    ("2021-03", None, None, ("2021-03", "month")),
    ("2021-W12", None, None, ("2021-W12", "week")),
    # Other absolute dates go to dateparser.
    ("3/26/2021", FRI, None, ("2021-03-26", "day")),
    ("March the 5th, 2019", None, None, ("2019-03-05", "day")),
    # Relative expressions need an anchor.
    ("Friday", None, None, (None, "unknown")),
    ("yesterday", None, None, (None, "unknown")),
    ("last week", None, None, (None, "unknown")),
    ("two days ago", None, None, (None, "unknown")),
    # Not points in time, or not anchored on publication.
    ("three-day", FRI, None, (None, "unknown")),
    ("two years", FRI, None, (None, "unknown")),
    ("60 years old", FRI, None, (None, "unknown")),
    ("decades", FRI, None, (None, "unknown")),
    ("recent years", FRI, None, (None, "unknown")),
    ("the past five years", FRI, None, (None, "unknown")),
    ("the next 10 days", FRI, "future", (None, "unknown")),
    ("annual", FRI, None, (None, "unknown")),
    ("63", FRI, None, (None, "unknown")),
    ("aged 63", FRI, None, (None, "unknown")),
    ("the next day", FRI, None, (None, "unknown")),
    ("the same day", FRI, None, (None, "unknown")),
    ("two days later", FRI, None, (None, "unknown")),
    ("the 5th", FRI, None, (None, "unknown")),
    ("2019-20", FRI, None, ("P2Y", "duration")),  # a range of years, as TimeML writes it
    ("the first week of April", FRI, None, (None, "unknown")),
    ("", FRI, None, (None, "unknown")),
]


@pytest.mark.parametrize(("text", "anchor", "tense", "expected"), RESOLVE_CASES)
def test_resolve_time(text, anchor, tense, expected):
    assert resolve_time(text, anchor, tense=tense) == expected


def test_resolve_time_accepts_a_datetime_anchor():
    assert resolve_time("Friday", dt.datetime(2021, 3, 26, 23, 59)) == ("2021-03-26", "day")


def test_resolve_time_rejects_an_unknown_tense():
    with pytest.raises(ValueError, match="tense"):
        resolve_time("Friday", FRI, tense="present")


def test_time_for_span_prefers_precise_then_near():
    times = [
        TimeRef(0, 7, "In 2019", "2019", "year"),
        TimeRef(20, 26, "Friday", "2021-03-26", "day"),
        TimeRef(30, 39, "three-day", None, "unknown"),
        TimeRef(60, 66, "Monday", "2021-03-22", "day"),
    ]
    assert time_for_span(times, 0, 50).text == "Friday"
    assert time_for_span(times, 0, 50, near=2).text == "In 2019"
    assert time_for_span(times, 0, 80, near=58).text == "Monday"
    assert time_for_span(times, 28, 50) is None
    assert time_for_span(times, 21, 80).text == "Monday"  # Friday is only partly inside


# --- with the real pipeline -------------------------------------------------


def _extract(nlp, text, published=FRI):
    doc = nlp(text)
    times = extract_times(doc, published)
    for t in times:
        assert doc.text[t.start : t.end] == t.text
    return times


@pytest.mark.model
def test_weekday_on_the_publication_day(nlp):
    text = "The ministers met in Delhi on Friday."
    times = _extract(nlp, text)
    assert times == [TimeRef(30, 36, "Friday", "2021-03-26", "day")]


@pytest.mark.model
def test_tense_decides_the_direction_of_a_weekday(nlp):
    times = _extract(nlp, "She arrived on Thursday and will leave on Monday.")
    assert [(t.text, t.value) for t in times] == [
        ("Thursday", "2021-03-25"),
        ("Monday", "2021-03-29"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoy is going to visit Seoul on Monday.", "2021-03-29"),
        ("The talks are scheduled for Tuesday.", "2021-03-30"),
        ("The delegation will arrive on Sunday and leave on Tuesday.", "2021-03-30"),
        ("The delegation went to visit Seoul on Monday.", "2021-03-22"),
        ("The two sides held talks on Tuesday.", "2021-03-23"),
    ],
)
def test_tense_from_the_clause(nlp, text, expected):
    times = _extract(nlp, text)
    assert times[-1].value == expected


@pytest.mark.model
def test_year_with_preposition(nlp):
    times = _extract(nlp, "In 2019, the two countries signed a deal.")
    assert [(t.text, t.value, t.precision) for t in times] == [("2019", "2019", "year")]


@pytest.mark.model
def test_durations_are_lengths_not_points(nlp):
    times = _extract(nlp, "The minister began a three-day visit to the port city.")
    assert [(t.text, t.value, t.precision) for t in times] == [("three-day", "P3D", "duration")]


@pytest.mark.parametrize(
    "text, expected",
    [("three-day", "P3D"), ("two years", "P2Y"), ("the past year", "P1Y"), ("recent years", "PXY"),
     ("30 minutes", "PT30M"), ("a decade", "P1DE"), ("several months", "PXM"), ("60 years old", None),
     ("last Friday", None)],
)
def test_duration_values(text, expected):
    from communique.extract.times import duration_value

    assert duration_value(text) == expected


@pytest.mark.parametrize(
    "text, tense, expected",
    [("the first quarter", "past", ("2021-Q1", "quarter")), ("the fourth quarter", "past", ("2020-Q4", "quarter")),
     ("the third quarter of 2019", None, ("2019-Q3", "quarter")), ("last quarter", None, ("2020-Q4", "quarter")),
     ("the previous year", None, ("2020", "year")), ("so far this year", None, ("2021", "year"))],
)
def test_quarters_and_previous_years(text, tense, expected):
    assert resolve_time(text, dt.date(2021, 3, 26), tense=tense) == expected


@pytest.mark.model
def test_times_that_name_a_day_and_relative_periods(nlp):
    text = (
        "He spoke to reporters this morning and will fly to Tokyo tonight, "
        "a week after talks ended last month."
    )
    times = _extract(nlp, text)
    got = {t.text: (t.value, t.precision) for t in times}
    assert got["this morning"] == ("2021-03-26", "day")
    assert got["tonight"] == ("2021-03-26", "day")
    assert got["last month"] == ("2021-02", "month")


@pytest.mark.model
def test_sorted_without_overlaps(nlp):
    text = (
        "Yesterday, officials said that in the 1990s the border was closed, "
        "and that the accord of March 5, 2019 still held on Wednesday."
    )
    times = _extract(nlp, text)
    starts = [t.start for t in times]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(times, times[1:]))
    values = [t.value for t in times]
    assert values[0] == "2021-03-25"
    assert "199X" in values and "2019-03-05" in values and "2021-03-24" in values


@pytest.mark.model
def test_day_words_the_ner_missed_are_found(nlp):
    # The small pipeline's NER leaves out a sentence-initial "Today" here.
    doc = nlp("Today India and Korea signed a pact.")
    assert not [e for e in doc.ents if e.label_ == "DATE"]
    assert extract_times(doc, FRI) == [TimeRef(0, 5, "Today", "2021-03-26", "day")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    ["He spoke to the Friday Times newspaper in Lahore.", "Churches were full on Good Friday."],
)
def test_weekday_inside_a_name_is_not_a_date(nlp, text):
    assert [t for t in _extract(nlp, text) if t.value is not None] == []


@pytest.mark.model
def test_bare_weekday_without_preposition(nlp):
    times = _extract(nlp, "Germany and France will sign the pact Monday.")
    assert [(t.text, t.value) for t in times] == [("Monday", "2021-03-29")]


@pytest.mark.model
def test_fragment_without_a_verb(nlp):
    # A headline-like fragment: walking up the tree reaches a noun root.
    doc = nlp("Defence talks in Delhi on Friday")
    assert not any(t.pos_ in ("VERB", "AUX") for t in doc)
    assert [(t.text, t.value) for t in extract_times(doc, FRI)] == [("Friday", "2021-03-26")]


@pytest.mark.model
def test_no_anchor_keeps_spans_unresolved(nlp):
    times = _extract(nlp, "The ministers met in Delhi on Friday.", published=None)
    assert [(t.text, t.value, t.precision) for t in times] == [("Friday", None, "unknown")]


# --- TIMEX3 conventions -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        # A clock time alone is on the anchor day; the clock itself is in timex3_value.
        ("16:08 UTC", FRI, None, ("2021-03-26", "day")),
        ("0800 GMT", FRI, None, ("2021-03-26", "day")),
        ("6:40 p.m. (GMT +8)", FRI, None, ("2021-03-26", "day")),
        ("noon", FRI, None, ("2021-03-26", "day")),
        ("at 3 pm last Friday", FRI, None, ("2021-03-19", "day")),
        ("9 a.m. local time Tuesday", FRI, "past", ("2021-03-23", "day")),
        ("3 pm EST Friday", FRI, None, ("2021-03-26", "day")),
        ("16:08 UTC", None, None, (None, "unknown")),
        # A weekend dates its ISO week.
        ("the weekend", FRI, None, ("2021-W12", "week")),
        ("over the weekend", dt.date(2021, 3, 22), "past", ("2021-W11", "week")),
        ("over the weekend", dt.date(2021, 3, 21), "past", ("2021-W11", "week")),
        ("the weekend", FRI, "future", ("2021-W12", "week")),
        ("this past weekend", FRI, None, ("2021-W11", "week")),
        ("next weekend", FRI, None, ("2021-W13", "week")),
        ("the past year", FRI, None, (None, "unknown")),
        # A season dates its year (a winter, the year it begins in).
        ("Autumn", dt.date(2008, 10, 13), None, ("2008", "year")),
        ("last summer", dt.date(2008, 10, 13), None, ("2008", "year")),
        ("last autumn", dt.date(2008, 10, 13), None, ("2007", "year")),
        ("next spring", dt.date(2008, 10, 13), None, ("2009", "year")),
        ("winter", dt.date(2009, 1, 10), None, ("2008", "year")),
        ("summer", dt.date(2021, 3, 26), "past", ("2020", "year")),
        ("the spring of 2019", None, None, ("2019", "year")),
        ("the summer of last year", FRI, None, ("2020", "year")),
        # Quarters and months tied to a relative year.
        ("the third-quarter", FRI, "past", ("2020-Q3", "quarter")),
        ("the first quarter of last year", FRI, None, ("2020-Q1", "quarter")),
        ("the second quarter of this year", FRI, "future", ("2021-Q2", "quarter")),
        ("October of next year", FRI, None, ("2022-10", "month")),
    ],
)
def test_timex3_values(text, anchor, tense, expected):
    assert resolve_time(text, anchor, tense=tense) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("sixteen-month", "P16M"), ("six straight days", "P6D"), ("two consecutive quarters", "P2Q"),
     ("the past five trading days", "P5D"), ("single-day", "P1D"), ("just two weeks", "P2W"),
     # A fraction is written in the next smaller unit, keeping ISO's whole numbers.
     ("almost two and a half years", "P30M"), ("1.5 years", "P18M"), ("two and a half days", "PT60H")],
)
def test_more_duration_values(text, expected):
    from communique.extract.times import duration_value

    assert duration_value(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("weekly", "P1W"), ("annual", "P1Y"), ("daily", "P1D"), ("every week", "P1W"), ("each year", "P1Y"),
     ("every two years", "P2Y"), ("twice a month", "P1M"), ("three times a week", "P1W"),
     ("every other day", "P2D"), ("per year", "P1Y"), ("a year", None), ("last year", None), ("two weeks", None)],
)
def test_set_values(text, expected):
    from communique.extract.times import set_value

    assert set_value(text) == expected


def _values(times):
    return {t.text: (t.value, t.precision) for t in times}


@pytest.mark.model
def test_the_day_is_the_day_last_spoken_of(nlp):
    got = _values(_extract(nlp, "Shares fell sharply on Tuesday. They recovered late in the day."))
    assert got["Tuesday"] == ("2021-03-23", "day")
    assert got["late in the day"] == ("2021-03-23", "day")


@pytest.mark.model
def test_the_day_without_an_earlier_date_is_the_publication_day(nlp):
    got = _values(_extract(nlp, "Stocks ended the day 40 points higher."))
    assert got["the day"] == ("2021-03-26", "day")


@pytest.mark.model
def test_the_same_period_last_year_follows_the_period_spoken_of(nlp):
    text = "Exports rose 12% in January, compared with the same month a year ago."
    got = _values(_extract(nlp, text, published=dt.date(2009, 2, 3)))
    assert got["January"] == ("2009-01", "month")
    assert got["the same month a year ago"] == ("2008-01", "month")


@pytest.mark.model
def test_the_next_month_is_anaphoric_next_month_is_deictic(nlp):
    got = _values(_extract(nlp, "The plant closed in May 2019 and reopened the next month."))
    assert got["the next month"] == ("2019-06", "month")
    got = _values(_extract(nlp, "The plant was closed in May 2019 and will reopen next month."))
    assert got["next month"] == ("2021-04", "month")


@pytest.mark.model
def test_present_past_and_future_references(nlp):
    text = ("The firm is now the largest carmaker in the region and currently employs 5,000 people. "
            "It recently opened a plant, and it may open another in the future.")
    times = {t.text: t for t in _extract(nlp, text)}
    # Recorded, but dating nothing: events fall back on their own dates.
    assert all(times[w].value is None for w in ("now", "currently", "recently", "the future"))
    assert timex3_value(times["now"]) == "PRESENT_REF"
    assert timex3_value(times["currently"]) == "PRESENT_REF"
    assert timex3_value(times["recently"]) == "PAST_REF"
    assert timex3_value(times["the future"]) == "FUTURE_REF"


@pytest.mark.model
def test_reference_words_not_used_as_times(nlp):
    text = ("The now-defunct airline sold its most recent jet as soon as it could, "
            "now that fuel costs more.")
    assert [t.text for t in _extract(nlp, text) if (timex3_value(t) or "").endswith("_REF")] == []


@pytest.mark.model
def test_frequencies_are_sets(nlp):
    got = _values(_extract(nlp, "The council publishes a weekly bulletin and audits its accounts every year."))
    assert got["weekly"] == ("P1W", "duration")
    assert got["every year"] == ("P1Y", "duration")


@pytest.mark.model
def test_clock_times_with_a_zone(nlp):
    times = _extract(nlp, "Shares fell on Tuesday. Trading was halted at 14:30 UTC, and resumed later.")
    (clock,) = [t for t in times if t.text == "14:30 UTC"]
    assert (clock.value, clock.precision, timex3_value(clock)) == ("2021-03-23", "day", "2021-03-23T14:30Z")


@pytest.mark.model
def test_a_clock_time_takes_the_date_written_after_it(nlp):
    got = _values(_extract(nlp, "At a press conference at 16:15 UTC, June 1st, the chief executive spoke."))
    assert got["16:15 UTC"] == ("2021-06-01", "day")


@pytest.mark.model
def test_a_day_and_its_part_are_one_expression(nlp):
    times = _extract(nlp, "The company admitted Thursday night that the loss could grow.")
    assert [(t.text, t.value, timex3_value(t)) for t in times] == [("Thursday night", "2021-03-25", "2021-03-25TNI")]


@pytest.mark.model
def test_a_dateline_the_ner_splits_is_read_whole(nlp):
    text = "Markets rally\n\nMarch 26, 2021\n\nStocks rose in early trading."
    got = _values(_extract(nlp, text))
    assert got["March 26, 2021"] == ("2021-03-26", "day")


@pytest.mark.model
def test_coordinated_months_are_two_expressions(nlp):
    times = _extract(nlp, "The economy shrank by 0.9% between April and June.", published=dt.date(2008, 11, 18))
    assert [(t.text, t.value) for t in times] == [("April", "2008-04"), ("June", "2008-06")]


@pytest.mark.model
def test_a_date_and_a_length_after_a_comma_are_two_expressions(nlp):
    text = "The update will be available on June 17, two days before the phone goes on sale."
    got = _values(_extract(nlp, text, published=dt.date(2009, 6, 9)))
    assert got["June 17"] == ("2009-06-17", "day")
    assert got["two days"] == ("P2D", "duration")


@pytest.mark.model
def test_the_determiner_of_a_time_phrase_is_kept(nlp):
    times = _extract(nlp, "Profits rose in the fourth quarter of 2020.")
    assert [(t.text, t.value) for t in times] == [("the fourth quarter of 2020", "2020-Q4")]


@pytest.mark.model
def test_a_headline_infinitive_is_future(nlp):
    times = _extract(nlp, "Russian markets to remain closed until Friday", published=dt.date(2021, 3, 25))
    assert [(t.text, t.value) for t in times] == [("Friday", "2021-03-26")]


def _doc(blank_nlp, words, ents, pos=None):
    from spacy.tokens import Doc as SpacyDoc

    doc = SpacyDoc(blank_nlp.vocab, words=words, pos=pos)
    doc.ents = [doc.char_span(doc.text.index(e), doc.text.index(e) + len(e), label="DATE") for e in ents]
    return doc


def test_words_the_ner_left_out_of_a_phrase_are_taken_in(blank_nlp):
    doc = _doc(blank_nlp, ["Two", "storms", "hit", "this", "year", "."], ["year"])
    assert [(t.text, t.value) for t in extract_times(doc, FRI)] == [("this year", "2021")]
    doc = _doc(blank_nlp, ["Delivery", "is", "due", "next", "month", "."], ["next month"],
               pos=["NOUN", "AUX", "ADJ", "ADP", "NOUN", "PUNCT"])
    assert [(t.text, t.value) for t in extract_times(doc, FRI)] == [("next month", "2021-04")]


@pytest.mark.parametrize(
    "ref, expected",
    [
        (TimeRef(0, 14, "Friday morning", "2021-03-26", "day"), "2021-03-26TMO"),
        (TimeRef(0, 10, "last night", "2021-03-25", "day"), "2021-03-25TNI"),
        (TimeRef(0, 15, "Tuesday evening", "2021-03-23", "day"), "2021-03-23TEV"),
        (TimeRef(0, 14, "this afternoon", "2021-03-26", "day"), "2021-03-26TAF"),
        (TimeRef(0, 9, "16:08 UTC", "2021-03-26", "day"), "2021-03-26T16:08Z"),
        (TimeRef(0, 16, "Friday at 3 p.m.", "2021-03-26", "day"), "2021-03-26T15:00"),
        (TimeRef(0, 7, "Tuesday", "2021-03-23", "day"), "2021-03-23"),
        (TimeRef(0, 12, "last weekend", "2021-W11", "week"), "2021-W11-WE"),
        (TimeRef(0, 9, "last week", "2021-W11", "week"), "2021-W11"),
        (TimeRef(0, 6, "Autumn", "2008", "year"), "2008-FA"),
        (TimeRef(0, 11, "spring 2009", "2009", "year"), "2009-SP"),
        (TimeRef(0, 27, "almost two and a half years", "P30M", "duration"), "P2.5Y"),
        (TimeRef(0, 6, "weekly", "P1W", "duration"), "P1W"),
        (TimeRef(0, 3, "now", None, "unknown"), "PRESENT_REF"),
        (TimeRef(0, 9, "currently", None, "unknown"), "PRESENT_REF"),
        (TimeRef(0, 13, "more recently", None, "unknown"), "PAST_REF"),
        (TimeRef(0, 6, "recent", None, "unknown"), "PAST_REF"),
        (TimeRef(0, 9, "very soon", None, "unknown"), "FUTURE_REF"),
        (TimeRef(0, 10, "the future", None, "unknown"), "FUTURE_REF"),
        (TimeRef(0, 13, "the near term", None, "unknown"), "FUTURE_REF"),
        (TimeRef(0, 14, "the time being", None, "unknown"), "PRESENT_REF"),
        (TimeRef(0, 9, "Christmas", None, "unknown"), None),
    ],
)
def test_timex3_values_of_records(ref, expected):
    assert timex3_value(ref) == expected
