"""What an expression's surroundings say about its value: the clause's tense and the
time the text last spoke of.

A bare "Friday" points back in a past-tense clause and ahead in a future one;
"the next day" or "two days later" is dated from the time last mentioned, not from
publication. Both read the parse or the run of earlier expressions, which
``resolve_time`` never sees.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from .timetext import (
    _MONTHS as _MONTH_NAMES,
    _NUMBERS,
    UNKNOWN,
    Resolved,
    _add_months,
    _day,
    _month,
    _normalise,
    _safe_date,
    _week,
)

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
_FUTURE_VERBS = {"plan", "schedule", "expect"}
# "is going to / is to / is due to / is set to / plans to visit on Monday"
# ("going" is checked as a word: "went to visit" is past).
_FUTURE_HEADS = {"be", "due", "set", "plan", "schedule", "expect", "intend", "aim"}
# Expressions dated against the time the text last spoke of, not against publication:
# "the day", "the same day", "that year", "the previous year", "two days later",
# "the same period last year".
_ANAPHORIC_UNITS = r"(?P<unit>day|week|month|quarter|year)"
_ANAPHORIC = re.compile(
    r"(?:(?:that|same|that same|very|entire|whole) )?" + _ANAPHORIC_UNITS
    + r"|(?P<time>that time|(?:that|same) period)"
    + r"|(?:(?P<dir>the next|next(?= day)|the following|following|previous|preceding|prior) "
    + _ANAPHORIC_UNITS.replace("unit", "unit2")
    + r"|" + _ANAPHORIC_UNITS.replace("unit", "unit3") + r" (?P<dir3>before|after|earlier|later|previous))"
    + r"|(?P<n>\d{1,2}|" + "|".join(_NUMBERS) + r") " + _ANAPHORIC_UNITS.replace("unit", "unit4")
    + r"s? (?P<dir4>earlier|later)"
    + r"|same (?:day|week|month|quarter|period|time) (?:of )?(?:the )?"
      r"(?P<year_back>last year|a year (?:ago|earlier|before)|previous year|year before|prior year)"
)
_BACK = {"previous", "preceding", "prior", "before", "earlier"}


# Expressions that leave the year (or the week) to the reader: a bare month or month-day,
# a bare weekday. In a passage set in another year they belong to that year.
_UNDERSPECIFIED = re.compile(
    r"(?P<month>" + "|".join(_MONTH_NAMES) + r")(?: \d{1,2}(?:st|nd|rd|th)?)?"
    r"|(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?(?P<month2>" + "|".join(_MONTH_NAMES) + r")"
    r"|(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
# How far back a story's first date must lie for the story to be set in the past rather
# than report news with some background.
_STORY_BEFORE_DAYS = 366


class _Reference:
    """The time a text last spoke of: anaphoric expressions are dated from it. In a story
    set before its publication date (the first day or month it dates lies more than a year back: a
    retrospective, an archive piece, a court case told in order) expressions that leave
    out the year or week follow it too ("On 3 June 2019 the army entered the town. On
    Friday it left": 7 June 2019), as a narrative's running reference time; in a report of
    recent news they are read against publication."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.day = published
        self.value: Resolved = _day(published) if published else UNKNOWN
        self.narrative: bool | None = None  # decided by the first date the text gives

    def update(self, value: str | None, precision: str) -> None:
        if value is None or precision not in ("day", "week", "month", "quarter", "year"):
            return
        if not re.match(r"\d{4}", value):
            return
        self.value = value, precision  # type: ignore[assignment]
        if precision == "day":
            self.day = dt.date.fromisoformat(value[:10])
        # A year alone decides nothing: news gives background years all the time.
        if self.narrative is None and self.published is not None and precision in ("day", "month"):
            point = self._point()
            self.narrative = point is not None and (self.published - point).days > _STORY_BEFORE_DAYS

    def _point(self) -> dt.date | None:
        value, precision = self.value
        if value is None:
            return None
        if precision == "day" and self.day is not None:
            return self.day
        if precision == "month":
            return dt.date(int(value[:4]), int(value[5:7]), 15)
        if precision == "year":
            return dt.date(int(value[:4]), 12, 31)
        return None

    def narrative_anchor(self, norm: str) -> dt.date | None:
        """The date to read an underspecified expression against in a story set before its
        publication; None to read it against publication."""
        m = _UNDERSPECIFIED.fullmatch(norm)
        if m is None or not self.narrative:
            return None
        if m["weekday"]:
            return self.day if self.value[1] == "day" else None
        return self._point()

    def shifted(self, unit: str, n: int) -> Resolved:
        """The reference moved ``n`` units, at that unit's precision."""
        value, precision = self.value
        if value is None:
            return UNKNOWN
        year = int(value[:4])
        if unit == "day":
            return _day(self.day + dt.timedelta(days=n)) if self.day else UNKNOWN
        if unit == "week":
            if self.day is None:
                return UNKNOWN
            return _week(self.day + dt.timedelta(weeks=n))
        if unit == "month":
            if precision in ("day", "month"):
                return _month(*_add_months(year, int(value[5:7]), n))
            if precision == "week" and self.day:
                return _month(*_add_months(self.day.year, self.day.month, n))
            return UNKNOWN
        if unit == "quarter":
            if precision == "quarter" and value[5:6] == "Q":
                index = year * 4 + int(value[6]) - 1 + n
            elif precision in ("day", "month"):
                index = year * 4 + (int(value[5:7]) - 1) // 3 + n
            else:
                return UNKNOWN
            return f"{index // 4}-Q{index % 4 + 1}", "quarter"
        return str(year + n), "year"

    def year_back(self) -> Resolved:
        """The same period a year before the reference: "the same month last year"."""
        value, precision = self.value
        if value is None:
            return UNKNOWN
        if precision == "day" and self.day:
            d = _safe_date(self.day.year - 1, self.day.month, self.day.day)
            return _day(d) if d else UNKNOWN
        return f"{int(value[:4]) - 1}{value[4:]}", precision


def _anaphoric(expr: str, ref: _Reference) -> Resolved | None:
    """``expr`` dated from the reference when it is anaphoric, else None. "The next month"
    follows the time spoken of; "next month" (deictic) follows publication."""
    norm = _normalise(expr)
    if norm.startswith("next ") and re.match(r"(?:\w+ )*the next ", expr.lower()):
        norm = "the " + norm
    m = _ANAPHORIC.fullmatch(norm)
    if m is None:
        return None
    if m["unit"]:
        return ref.shifted(m["unit"], 0)
    if m["time"]:
        return ref.value
    if m["unit2"]:
        return ref.shifted(m["unit2"], -1 if m["dir"] in _BACK else 1)
    if m["unit3"]:
        return ref.shifted(m["unit3"], -1 if m["dir3"] in _BACK else 1)
    if m["unit4"]:
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
        return ref.shifted(m["unit4"], -n if m["dir4"] == "earlier" else n)
    return ref.year_back()


def _clause_verb(token: Token) -> Token | None:
    while token.pos_ not in ("VERB", "AUX"):
        # Compare indices: spaCy makes a new Token object on every access.
        if token.head.i == token.i:
            return None
        token = token.head
    return token


def _verb_tense(verb: Token) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & _FUTURE_AUX and "have" not in aux_words:
        return "future"
    if verb.lemma_ in _FUTURE_VERBS:
        return "future"
    head = verb.head
    if verb.dep_ == "xcomp" and "to" in aux_words and (
        head.lower_ == "going" or head.lemma_ in _FUTURE_HEADS
    ):
        return "future"
    # A headline's "Markets to remain closed until Friday": the infinitive is its future.
    if verb.dep_ == "ROOT" and aux_words == {"to"} and any(c.dep_ == "nsubj" for c in verb.children):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    # "will arrive on Monday and leave on Tuesday": the second verb has no
    # auxiliary of its own and shares the first one's.
    if verb.dep_ == "conj" and not auxes and head.pos_ in ("VERB", "AUX"):
        return _verb_tense(head)
    return None


def _tense(span: Span) -> str | None:
    verb = _clause_verb(span.root)
    return _verb_tense(verb) if verb is not None else None
