"""Time expressions, resolved against the publication date.

``resolve_time`` turns one expression into an ISO value and a precision;
``extract_times`` finds the expressions in a parsed Doc. News has its own
conventions that general date parsers get wrong: a bare "Friday" in an
article published on a Friday is that same day, and in a past-tense clause
it is the most recent Friday, never the coming one. Hand-written rules cover
the forms news uses most; dateparser is a cached fallback, consulted only for
expressions that name a month or write a full numeric date, because on
anything vaguer ("the 5th", "2019-20", "five years") it confidently invents
a date.

Deictic expressions ("yesterday", "last year", "next month") are dated from
publication; anaphoric ones ("the day", "the same day", "the next month", "the
same period last year", "two days later", a clock time alone) from the time
the text last spoke of, as TimeML taggers date them.

Durations, ages and frequencies ("three-day", "two years", "60 years old",
"decades", "annual") are not points in time: ``resolve_time`` gives
``(None, "unknown")`` for them; ``extract_times`` keeps lengths and
frequencies with an ISO 8601 length and precision "duration" ("P3D"; "weekly"
is "P1W") and leaves ages out. Other expressions it cannot resolve (no
publication date, "the first week of April", "now", "recently", "the
future") are kept with ``(None, "unknown")`` so their spans are still
recorded.

``TimeRef.value`` keeps Communique's calendar forms (a day is "2021-03-26",
whatever the hour). ``timex3_value`` writes an expression in TIMEX3 (TimeML)
notation, the notation of temporal gold standards: "2021-03-26TNI" for
"Friday night", "2021-W11-WE", "2008-FA", "PRESENT_REF" for "now".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from ..records import Precision, TimeRef
from .doctext import doc_text

__all__ = ["duration_value", "extract_times", "resolve_time", "set_value", "time_for_span", "timex3_value"]

Resolved = tuple[str | None, Precision]
UNKNOWN: Resolved = (None, "unknown")
_TENSES = (None, "past", "future")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")"
# The first day of a range ("March 5-7") dates the start of it.
_RANGE_END = r"(?:\s*(?:-|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?"

# How far a month-day without a year may sit on the "wrong" side of the
# anchor for its tense before it is taken to mean another year.
_HALF_YEAR = dt.timedelta(days=183)


# --- normalising ----------------------------------------------------------

_ABBREV_DOT = re.compile(
    r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\."
)
_WEEKDAY_ABBREV = {
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday",
    "thu": "thursday", "thur": "thursday", "thurs": "thursday", "fri": "friday",
    "sat": "saturday", "sun": "sunday",
}  # fmt: skip
_WEEKDAY_ABBREV_RE = re.compile(r"\b(" + "|".join(_WEEKDAY_ABBREV) + r")\b")
# Words that place a point within a period, or relate the event to it, without
# changing which period is meant: "late last year" is still last year.
_PREFIX = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|before|after|around|about|through|over(?= the )|"
    r"throughout|as of|as early as|as late as|no later than|not until|the|early|earlier|"
    r"late|later|mid|so far|(?:end|beginning|start|middle|close|first half|second half) of)\s+|mid-)"
)
# A clock time: "3 pm", "10.30 a.m.", "16:08", "0800 GMT", "noon"; then an optional zone,
# "UTC", "(GMT +8)", "local time".
_CLOCK = (r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs|h)(?![a-z])|(?:[01]?\d|2[0-4]):[0-5]\d\b"
          r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:hrs|h|gmt|utc)\b)|noon|midday|midnight)")
_ZONE = (r"(?:\s*\(?(?:utc|gmt|z|[ecmp][sd]t|bst|ist|jst|hkt|sgt|msk|a?e[sd]t|c?e[s]?t|wet|et|pt|ct|local time)(?![a-z])"
         r"(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?")
_SUFFIX = re.compile(
    r"\s*(?:,|\bat|\baround|\bafter|\bbefore|\bby)?\s*\b(?:"
    + _CLOCK + _ZONE
    + r"|morning|afternoon|evening|night|local time)$"
)
# Atomic: a clock and its zone come off whole or not at all ("16:08 utc" is not "16:08" + "utc").
_LEADING_CLOCK = re.compile(r"^(?:at\s+|around\s+)?(?>" + _CLOCK + _ZONE + r")[\s,]+(?:on\s+)?")


@functools.lru_cache(maxsize=8192)
def _normalise(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = _ABBREV_DOT.sub(r"\1", s)
    s = _WEEKDAY_ABBREV_RE.sub(lambda m: _WEEKDAY_ABBREV[m.group(1)], s)
    s = " ".join(s.split()).strip(" .,;:()\"'")
    s = re.sub(r"'s$", "", s)
    # Peel words off both ends until nothing changes: "earlier on friday morning".
    while True:
        before = s
        s = _PREFIX.sub("", s, count=1)
        s = _LEADING_CLOCK.sub("", s, count=1)
        if s not in ("last night", "this morning", "this afternoon", "this evening"):
            s = _SUFFIX.sub("", s, count=1)
        s = s.strip(" ,")
        if s == before:
            return s


# TIMEX3 writes a part of the day after the date ("2021-03-26TNI") and a clock time as
# "T15:00", with "Z" when the text gives it in UTC/GMT (see ``timex3_value``).
_PART_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_PART_OF_DAY_RE = re.compile(r"\b(" + "|".join(_PART_OF_DAY) + r")\b")
_CLOCK_VALUE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?m\b\.?"
    r"|\b(?P<h24>[01]?\d|2[0-4]):(?P<m24>[0-5]\d)\b"
    r"|\b(?P<mil>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:hrs|h|gmt|utc)\b)"
    r"|\b(?P<word>noon|midday|midnight)\b"
)
_UTC = re.compile(r"\b(?:utc|gmt)\b(?!\s*[+-]\s*\d)|\d\s*z\b")


def _time_of_day(lower: str) -> str | None:
    """The TIMEX3 time part of an expression: "T15:00", "T08:30Z", "TNI"; or None."""
    m = _CLOCK_VALUE.search(lower)
    if m is None:
        part = _PART_OF_DAY_RE.search(lower)
        return "T" + _PART_OF_DAY[part[1]] if part else None
    if m["word"]:
        hour, minute = (24 if m["word"] == "midnight" else 12), 0
    elif m["ampm"]:
        hour, minute = int(m["h"]) % 12 + (12 if m["ampm"] == "p" else 0), int(m["m"] or 0)
        if int(m["h"]) > 12:
            return None
    elif m["mil"]:
        hour, minute = int(m["mil"][:2]), int(m["mil"][2:])
    else:
        hour, minute = int(m["h24"]), int(m["m24"])
    if hour > 24 or (hour == 24 and minute):
        return None
    return f"T{hour:02d}:{minute:02d}" + ("Z" if _UTC.search(lower) else "")


# --- date arithmetic ------------------------------------------------------


def _day(d: dt.date) -> Resolved:
    return d.isoformat(), "day"


def _week(d: dt.date) -> Resolved:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}", "week"


def _month(year: int, month: int) -> Resolved:
    return f"{year:04d}-{month:02d}", "month"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _pick_year(anchor: dt.date, tense: str | None, month: int, day: int) -> dt.date | None:
    """The year a month-day without one refers to.

    The anchor's year, unless that puts a past-tense date more than half a year
    after the anchor (then the year before) or a future-tense one more than
    half a year before it (then the year after); tagging is noisy, so a date
    slightly on the wrong side is still believed. No tense: the nearest.
    29 February moves on to the nearest leap year in the same direction.
    """
    if tense is None:
        years = range(anchor.year - 4, anchor.year + 5)
        dates = [d for y in years if (d := _safe_date(y, month, day))]
        return min(dates, key=lambda d: abs(d - anchor)) if dates else None
    year = anchor.year
    probe = dt.date(year, month, min(day, 28))
    if tense == "past" and probe > anchor + _HALF_YEAR:
        year -= 1
    elif tense == "future" and probe < anchor - _HALF_YEAR:
        year += 1
    step = -1 if tense == "past" else 1
    for y in range(year, year + 5 * step, step):
        if d := _safe_date(y, month, day):
            return d
    return None


def _weekday(anchor: dt.date, weekday: int, tense: str | None, modifier: str | None) -> dt.date:
    back = (anchor.weekday() - weekday) % 7  # 0 when the anchor is that weekday
    ahead = (weekday - anchor.weekday()) % 7
    if modifier in ("last", "past", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if modifier in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    # "this Friday" with no tense is almost always the coming one.
    if tense == "future" or (modifier == "this" and tense is None):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


# --- rules ----------------------------------------------------------------
# Each rule is a regex matched against the whole normalised expression and a
# handler that returns a resolution, UNKNOWN, or None to let later rules try.

Handler = Callable[[re.Match[str], dt.date | None, str | None], Resolved | None]
_RULES: list[tuple[re.Pattern[str], Handler]] = []


def _rule(pattern: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.append((re.compile(pattern), handler))
        return handler

    return register


def _needs_anchor(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def wrapper(m: re.Match[str], anchor: dt.date | None, tense: str | None) -> Resolved | None:
        return UNKNOWN if anchor is None else handler(m, anchor, tense)

    return wrapper


@_rule(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
def _iso_day(m, anchor, tense):
    d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _day(d) if d else UNKNOWN


@_rule(r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])")
def _iso_month(m, anchor, tense):
    return _month(int(m["year"]), int(m["month"]))


@_rule(r"(?P<year>\d{4})-?w(?P<week>\d{2})")
def _iso_week(m, anchor, tense):
    return f"{m['year']}-W{m['week']}", "week"


@_rule(r"(?:year )?(?P<year>1\d{3}|20\d{2})")
def _year(m, anchor, tense):
    return m["year"], "year"


@_rule(r"(?P<cent>1\d|20)(?P<dec>\d)0'?s")
def _decade(m, anchor, tense):
    return f"{m['cent']}{m['dec']}X", "decade"


@_rule(r"'?(?P<dec>\d)0'?s|(?P<word>" + "|".join(_DECADE_WORDS) + r")")
def _short_decade(m, anchor, tense):
    if anchor is None:
        return UNKNOWN
    dec = int(m["dec"]) if m["dec"] else _DECADE_WORDS[m["word"]]
    # "the '20s" read in 2021 is this century's; "the '90s" the last one's.
    century = 20 if 2000 + dec * 10 <= anchor.year else 19
    return f"{century}{dec}X", "decade"


@_rule(_MONTH + r",? (?:of )?" + _YEAR)
def _month_year(m, anchor, tense):
    return _month(int(m["year"]), _MONTHS[m["month"]])


@_rule(_MONTH + r",? (?:of )?(?:the )?(?P<mod>this|last|next) year")
@_needs_anchor
def _month_relative_year(m, anchor, tense):
    return _month(anchor.year + {"last": -1, "next": 1}.get(m["mod"], 0), _MONTHS[m["month"]])


def _month_day(m: re.Match[str], anchor: dt.date | None, tense: str | None) -> Resolved:
    month, day = _MONTHS[m["month"]], int(m["day"])
    # "last November 23" is a past date whatever the clause says.
    tense = {"last": "past", "next": "future"}.get(m["mod"] or "", tense)
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
    elif anchor is None:
        return UNKNOWN
    else:
        d = _pick_year(anchor, tense, month, day)
    return _day(d) if d else UNKNOWN


_OPT_WEEKDAY = r"(?:(?P<mod>last|next|this) )?(?:" + _WEEKDAY + r",? )?"
_OPT_YEAR = r"(?:,? " + _YEAR + r")?"
_rule(_OPT_WEEKDAY + _MONTH + r" (?:the )?" + _DAY + _RANGE_END + _OPT_YEAR)(_month_day)
_rule(_OPT_WEEKDAY + r"(?:the )?" + _DAY + _RANGE_END + r" (?:of )?" + _MONTH + _OPT_YEAR)(
    _month_day
)


@_rule(r"(?:(?P<mod>this|last|next|past) )?" + _MONTH)
@_needs_anchor
def _month_alone(m, anchor, tense):
    month, mod = _MONTHS[m["month"]], m["mod"]
    if mod in ("last", "past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif mod == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif mod == "this":
        year = anchor.year
    else:
        year = _pick_year(anchor, tense, month, 15).year  # type: ignore[union-attr]
    return _month(year, month)


_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9),
            "winter": ("WI", 12)}


@_rule(r"(?:(?P<mod>this|last|next|past|coming) )?(?P<season>spring|summer|autumn|fall|winter)"
       r"(?:,? (?:of )?(?:" + _YEAR + r"|(?:the )?(?P<rel>this|last|next) year))?")
def _season(m, anchor, tense):
    """A season dates its year (a winter the year it begins in; ``timex3_value`` adds the
    season: "2008-FA"). Which year: the anchor's, unless "last"/"next" or the tense says
    the season meant is the one before or after."""
    _, start = _SEASONS[m["season"]]
    if m["year"]:
        return m["year"], "year"
    if anchor is None:
        return UNKNOWN
    if m["rel"]:
        return str(anchor.year + {"last": -1, "next": 1}.get(m["rel"], 0)), "year"
    now = anchor.month if anchor.month >= 3 else anchor.month + 12  # winter runs on into the next year
    year = anchor.year if anchor.month >= 3 else anchor.year - 1
    mod = m["mod"]
    back = mod in ("last", "past") or (mod is None and tense == "past")
    ahead = mod in ("next", "coming") or (mod is None and tense == "future")
    if back and (start > now or (mod and start + 3 > now)):
        year -= 1  # "last summer" said in summer is the one before
    elif ahead and (start + 3 <= now or (mod and start <= now)):
        year += 1
    return str(year), "year"


_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "day before yesterday": -2,
    "tomorrow": 1, "day after tomorrow": 2,
}  # fmt: skip


@_rule("|".join(_DAY_OFFSETS))
@_needs_anchor
def _day_word(m, anchor, tense):
    return _day(anchor + dt.timedelta(days=_DAY_OFFSETS[m[0]]))


@_rule(r"(?:(?P<mod>this past|this coming|last|next|this|past|coming) )?" + _WEEKDAY)
@_needs_anchor
def _weekday_name(m, anchor, tense):
    return _day(_weekday(anchor, _WEEKDAYS.index(m["weekday"]), tense, m["mod"]))


@_rule(r"(?:the )?(?P<mod>this past|this coming|this|last|next|current|past|coming) "
       r"(?P<unit>week|weekend|month|year)|(?P<weekend>weekend)")
@_needs_anchor
def _relative_period(m, anchor, tense):
    if m["weekend"]:
        # "(over) the weekend": in a past-tense clause written on a weekday, the one
        # before; otherwise the one of the anchor's week.
        back = tense == "past" and anchor.weekday() < 5
        return _week(anchor - dt.timedelta(weeks=1) if back else anchor)
    if m["mod"] in ("past", "coming", "this past", "this coming") and m["unit"] != "weekend":
        return None  # "the past year" is a length, "the coming month" too
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(m["mod"], 0)
    unit = m["unit"]
    if unit in ("week", "weekend"):  # a weekend dates its ISO week ("2021-W11")
        return _week(anchor + dt.timedelta(weeks=step))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, step))
    return str(anchor.year + step), "year"


_ORDINAL_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                     "fourth": 4, "4th": 4, "final": 4, "last": 4}


@_rule(r"(?:(?:the|its|their) )?(?:(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|final)[ -]quarter"
       r"|q(?P<q>[1-4]))(?:,? (?:of )?(?:fiscal )?(?:" + _YEAR + r"|(?:the )?(?P<mod>this|last|next) year))?")
def _quarter(m, anchor, tense):
    q = int(m["q"]) if m["q"] else _ORDINAL_QUARTERS[m["ord"]]
    if m["year"]:
        return f"{m['year']}-Q{q}", "quarter"
    if anchor is None:
        return UNKNOWN
    if m["mod"]:  # "the first quarter of last year"
        return f"{anchor.year + {'last': -1, 'next': 1}.get(m['mod'], 0)}-Q{q}", "quarter"
    current = (anchor.month - 1) // 3 + 1
    # A quarter still ahead this year, in a past-tense clause, is last year's.
    year = anchor.year - 1 if tense == "past" and q > current else anchor.year
    return f"{year}-Q{q}", "quarter"


@_rule(r"(?:the )?(?P<mod>last|previous|this|current|next|coming) quarter")
@_needs_anchor
def _relative_quarter(m, anchor, tense):
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(m["mod"], 0)
    index = anchor.year * 4 + (anchor.month - 1) // 3 + step
    return f"{index // 4}-Q{index % 4 + 1}", "quarter"


@_rule(r"(?:the )?(?:previous|preceding|prior) year|a year (?:earlier|before)")
@_needs_anchor
def _previous_year(m, anchor, tense):
    return str(anchor.year - 1), "year"


@_rule(_NUMBER + r" (?P<unit>day|week|month|year)s? ago")
@_needs_anchor
def _ago(m, anchor, tense):
    n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"]]
    unit = m["unit"]
    if unit == "day":
        return _day(anchor - dt.timedelta(days=n))
    if unit == "week":
        return _week(anchor - dt.timedelta(weeks=n))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, -n))
    return str(anchor.year - n), "year"


# --- not points in time ---------------------------------------------------

_UNITS = (
    r"(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|centuries)"
)
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|a|an|one|single|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|dozen|few|several|many|some|couple(?: of)?|"
    r"number of|half an?)[\s-]+(?:\w+[\s-]+)?" + _UNITS + r"s?\b(?! ago)"
    r"|^(?:(?:recent|past|last|next|coming|previous|following|many|several|few) )*"
    + _UNITS
    + r"s$"
    r"|\b(?:aged?|old|annual|annually|daily|weekly|monthly|yearly|quarterly|biennial)\b"
    # A bare number the NER took for a date is usually an age or a count.
    r"|^\d{1,3}$"
)


_DURATION_UNITS = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D",
                   "week": "W", "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y",
                   "decade": "DE", "century": "CE", "centurie": "CE"}
_COUNT_WORDS = {**_NUMBERS, "single": 1, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                "dozen": 12}
# Words between a count and its unit that leave the length alone: "six straight days",
# "two consecutive quarters", "five trading days".
_LENGTH_ADJECTIVES = (r"(?:consecutive|straight|successive|running|trading|business|working|calendar|"
                      r"full|whole|more|additional|further|long)")
_LENGTH = re.compile(
    r"^(?:(?:the|a|an|about|some|nearly|almost|just|only|roughly|approximately|around|under|within|"
    r"another|more than|less than|at least|over|up to|for|past|last|next|coming|previous|first|recent|"
    r"following)\s+)*"
    r"(?P<n>\d{1,4}(?:\.\d+)?|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) +
    r"|few|several|many|couple(?: of)?)?(?P<half> and a half)?[\s-]*(?:" + _LENGTH_ADJECTIVES + r"[\s-]+)?"
    r"(?P<unit>second|minute|hour|day|night|weekend|week|month|quarter|year|decade|centurie|century)s?"
    r"(?:[\s-]+long)?$"
)


# A fractional count ("two and a half years") is written in the next smaller unit, so
# every length keeps ISO's whole-number form: P30M, PT36H.
_SMALLER_UNIT = {"CE": ("Y", 100), "DE": ("Y", 10), "Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30),
                 "WE": ("D", 2), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def _iso_length(count: float, unit: str, *, decimals: bool = False) -> str:
    while count != int(count) and not decimals and unit in _SMALLER_UNIT:
        unit, factor = _SMALLER_UNIT[unit]
        count *= factor
    shown = f"{count:g}" if decimals else str(round(count))
    return f"PT{shown}{unit[1]}" if unit.startswith("T") else f"P{shown}{unit}"


def duration_value(text: str, *, decimals: bool = False) -> str | None:
    """ISO 8601 length of a duration expression: "three-day" -> P3D, "the past two years"
    -> P2Y, "recent years" -> PXY, "12 hours" -> PT12H, "two and a half years" -> P30M
    (with ``decimals``, TIMEX3's P2.5Y)."""
    m = _LENGTH.match(_normalise(text))
    if m is None:
        return None
    raw, unit = m["n"], _DURATION_UNITS[m["unit"]]
    if raw is None:
        count = "1" if re.search(r"\b(?:the|a|an|past|last|next|coming|previous|first|following)\b",
                                 _normalise(text)) and not text.rstrip().endswith("s") else "X"
    elif raw[0].isdigit():
        count = raw
    else:
        count = str(_COUNT_WORDS[raw]) if raw in _COUNT_WORDS else "X"
    if count == "X":
        return f"PTX{unit[1]}" if unit.startswith("T") else f"PX{unit}"
    return _iso_length(float(count) + (0.5 if m["half"] else 0), unit, decimals=decimals)


_SET_WORDS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W",
              "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annual": "P1Y", "annually": "P1Y",
              "biennial": "P2Y"}
_SET_UNITS = {"hour": "PT1H", "day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "quarter": "P3M",
              "year": "P1Y", "decade": "P10Y"}
_SET = re.compile(
    r"^(?:(?P<word>" + "|".join(_SET_WORDS) + r")"
    r"|(?:(?:once|twice|\w+ times) (?:a|an|per|every|each)|every|each|per) (?:(?P<n>\d{1,3}|other|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True))
    + r") )?(?P<unit>" + "|".join(_SET_UNITS) + r")s?)$"
)


def set_value(text: str) -> str | None:
    """TIMEX3 value of a frequency (type SET): "weekly" -> P1W, "every two years" -> P2Y,
    "each year" -> P1Y, "twice a month" -> P1M; None for anything else."""
    m = _SET.match(_normalise(text))
    if m is None:
        return None
    if m["word"]:
        return _SET_WORDS[m["word"]]
    value = _SET_UNITS[m["unit"]]
    raw = m["n"]
    if raw is None:
        return value
    n = 2 if raw == "other" else int(raw) if raw.isdigit() else _COUNT_WORDS.get(raw)
    if not n:
        return None
    return re.sub(r"\d+", str(n * int(re.search(r"\d+", value)[0])), value, count=1)


def _not_a_point(text: str) -> bool:
    """True for lengths of time, ages and frequencies, which date nothing."""
    return bool(_DURATION.search(_normalise(text)))


# --- fallback -------------------------------------------------------------

_WORTH_PARSING = re.compile(
    r"\b(?:" + "|".join(_MONTHS) + r")\b|\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b"
)
_PERIODS: dict[str, Precision] = {
    "day": "day", "time": "day", "week": "week", "month": "month", "year": "year",
}  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _by_dateparser(text: str, anchor: dt.date | None, tense: str | None) -> Resolved:
    # Imported here: dateparser takes about half a second to import and most
    # runs never need it.
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time())
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return UNKNOWN
    found = data.date_obj.date()
    precision = _PERIODS.get(data.period or "day", "day")
    if precision == "day":
        return _day(found)
    if precision == "week":
        return _week(found)
    if precision == "month":
        return _month(found.year, found.month)
    return str(found.year), "year"


# --- public ---------------------------------------------------------------


def resolve_time(text: str, anchor: dt.date | None, *, tense: str | None = None) -> Resolved:
    """Resolve a time expression against the publication date ``anchor``.

    ``tense`` ("past", "future" or None) is the grammatical tense of the
    clause; it decides which way a bare weekday or a month-day without a year
    points. Returns ``(value, precision)``, or ``(None, "unknown")``.
    """
    if tense not in _TENSES:
        raise ValueError(f"tense must be 'past', 'future' or None, not {tense!r}")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    norm = _normalise(text)
    if not norm:
        # A clock time alone ("at 16:08 UTC") is on the day the text is about.
        return _day(anchor) if anchor is not None and _time_of_day(text.lower()) else UNKNOWN
    for pattern, handler in _RULES:
        m = pattern.fullmatch(norm)
        if m is not None:
            result = handler(m, anchor, tense)
            if result is not None:
                return result
    if _DURATION.search(norm) or not _WORTH_PARSING.search(norm):
        return UNKNOWN
    # Without an anchor dateparser would use today's date: only absolute dates are safe.
    if anchor is None and not re.search(r"\d{4}", norm):
        return UNKNOWN
    return _by_dateparser(norm, anchor, tense)


_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}
_FUTURE_VERBS = {"plan", "schedule", "expect"}
# "is going to / is to / is due to / is set to / plans to visit on Monday"
# ("going" is checked as a word: "went to visit" is past).
_FUTURE_HEADS = {"be", "due", "set", "plan", "schedule", "expect", "intend", "aim"}
# Words that head a time phrase of their own: a "the" before them belongs to the
# expression ("the fourth quarter", "the day"), as TIMEX3 extents have it.
_UNIT_NOUNS = {"day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "quarter",
               "quarters", "decade", "decades", "period", "time", "term", "past", "future", "century"}
# Determiners and modifiers the NER leaves out of a phrase it took only the noun of:
# "this year", "the same day", "next month".
_PHRASE_MODIFIERS = {"the", "this", "that", "last", "next", "same", "previous", "coming", "current",
                     "entire", "whole", "following", "preceding", "prior", "very"}
# Leading words tagged ADP that belong to the expression ("next month", "past decade",
# "over a decade"; but "over the weekend" is a preposition's).
_NOT_PREPOSITIONS = {"next", "past", "last", "over"}
_DAY_TOKENS = {"today", "yesterday", "tomorrow", "tonight"}
_NAMED_DAY_MODIFIERS = {
    "good", "black", "super", "ash", "bloody", "holy", "maundy", "palm", "easter",
    "cyber", "shrove", "whit", "giving",
}  # fmt: skip
# Times named only relative to the present: "now", "recently", "the future". They date
# nothing (value None); ``timex3_value`` gives their TIMEX3 values.
_REFERENCE_CLASS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF",
                    "nowadays": "PRESENT_REF", "present": "PRESENT_REF", "being": "PRESENT_REF",
                    "recently": "PAST_REF", "lately": "PAST_REF", "recent": "PAST_REF", "past": "PAST_REF",
                    "soon": "FUTURE_REF", "later": "FUTURE_REF", "future": "FUTURE_REF", "term": "FUTURE_REF"}
_REFERENCE_ADVERBS = {"now", "currently", "presently", "nowadays", "recently", "lately", "soon", "later"}
_INTENSIFIERS = {"more", "very", "quite", "most", "so"}  # "more recently", "very soon"
_REFERENCE_NOUNS = {"past", "future", "present"}
_REFERENCE_PHRASE = re.compile(r"(?:(?:more|very|quite|most|so|at|in|for|the|near|long|short|medium|time) )*"
                               r"(?P<word>" + "|".join(_REFERENCE_CLASS) + r")")
_REFERENCE_TERMS = {"near", "long", "short", "medium"}  # "in the near term"
# Explicit dates the small NER splits or misses, datelines above all ("June 8, 2010"
# comes out as "8, 2010"): found by one pass of one regex over the text.
_CAP_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
              r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_EXPLICIT_DATE = re.compile(
    r"(?<![\d–-])\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?:"
    + _CAP_MONTH + r" \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)? " + _CAP_MONTH + r"(?:,? \d{4})?"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))(?![\w/])"
    # Clock times the NER leaves out or takes for something else ("UTC" as an ORG):
    # with a zone or "a.m."/"p.m.", or after a preposition of time.
    r"|(?:\b(?:[01]?\d|2[0-3]):[0-5]\d|\b(?:[01]\d|2[0-3])[0-5]\d(?= (?:UTC|GMT)\b))"
    r"(?: ?[ap]\.m\.| ?[AP]M\b)?(?: \(?(?:UTC|GMT)(?: ?[+-] ?\d{1,2})?\)?(?![\w+-]))?"
    r"(?<=[\d.MCT)])"
)
_CLOCK_MARKED = re.compile(r"(?:[ap]\.m\.|[AP]M|UTC|GMT|\))$")
_CLOCK_PREPOSITION = re.compile(r"\b(?:at|by|around|about|until|till|from|before|after|since|as of) $",
                                re.IGNORECASE)
# Names the NER gives dates that are part of them: "the September 11 attacks".
_NAME_LABELS = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "ORG"}
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


class _Reference:
    """The time a text last spoke of: anaphoric expressions are dated from it."""

    def __init__(self, published: dt.date | None) -> None:
        self.day = published
        self.value: Resolved = _day(published) if published else UNKNOWN

    def update(self, value: str | None, precision: str) -> None:
        if value is None or precision not in ("day", "week", "month", "quarter", "year"):
            return
        if not re.match(r"\d{4}", value):
            return
        self.value = value, precision  # type: ignore[assignment]
        if precision == "day":
            self.day = dt.date.fromisoformat(value[:10])

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


def _trim(span: Span) -> Span | None:
    """The expression without leading prepositions and trailing punctuation, conjunctions
    and prepositions. A leading "the" stays when a time noun, month, weekday or number
    follows it ("the fourth quarter", "the day"): TIMEX3 extents keep the determiner of a
    time phrase. Words the NER left out are taken in: "this" of "this year", "late in" of
    "late in the day", the zone of "14:58 UTC", "previous" of "the year previous"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end:
        tok = doc[start]
        if tok.pos_ == "ADP" and (tok.lower_ not in _NOT_PREPOSITIONS
                                  or tok.lower_ == "over" and start + 1 < end and doc[start + 1].lower_ == "the"):
            start += 1
        elif tok.lower_ == "the" and not any(t.lower_ in _UNIT_NOUNS or t.lower_ in _MONTHS or t.lower_ in _WEEKDAYS
                                             or t.like_num for t in doc[start + 1 : end]):
            start += 1
        else:
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space
                           or doc[end - 1].pos_ in ("CCONJ", "ADP") and doc[end - 1].lower_ not in _UNITS_AFTER):
        if doc[end - 1].text == ")" and "(" in doc[start : end - 1].text:
            break  # "6:40 p.m. (GMT +8)"
        end -= 1
    if start >= end:
        return None
    if span.start == start:
        for _ in range(3):
            first = doc[start]
            if start == 0 or first.lower_ not in _UNIT_NOUNS | _PHRASE_MODIFIERS:
                break
            prev = doc[start - 1]
            if prev.lower_ not in _PHRASE_MODIFIERS or prev.ent_type_ not in ("", "DATE", "TIME"):
                break
            start -= 1
        # "late in the day", "early in the year"
        if doc[start].lower_ == "the" and start >= 2 and doc[start - 1].lower_ == "in" \
                and doc[start - 2].lower_ in ("late", "early", "later", "earlier"):
            start -= 2
    if end < len(doc) and doc[end - 1].lower_ in _UNIT_NOUNS and doc[end].lower_ in _UNITS_AFTER \
            and (end + 1 == len(doc) or doc[end + 1].is_punct):
        end += 1  # "the year previous", "the day before."
    while end < len(doc) and doc[end].lower_ in _ZONES and (doc[end - 1].like_num or _time_of_day(
            doc[end - 1].lower_) or doc[end - 1].lower_ in ("a.m.", "p.m.", "am", "pm")):
        end += 1
    return doc[start:end]


_UNITS_AFTER = {"previous", "before", "earlier", "later", "ago"}
_ZONES = {"utc", "gmt", "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "cet", "cest"}


def _pieces(span: Span, published: dt.date | None) -> Iterable[Span]:
    """An NER span cut where it holds more than one expression: at paragraph breaks (a
    dateline run into the next line), between a date and a length after a comma ("on
    June 17, two days before the launch"), and between coordinated dates ("between April
    and June", "the 70s and 80s")."""
    doc = span.doc
    start = span.start
    for tok in span:
        if tok.is_space and "\n" in tok.text:
            if tok.i > start:
                yield from _split_run(doc[start : tok.i], published)
            start = tok.i + 1
    if start < span.end:
        yield from _split_run(doc[start : span.end], published)


def _is_point(text: str, published: dt.date | None) -> bool:
    value, precision = resolve_time(text, published)
    return value is not None and precision not in ("duration", "unknown")


def _split_run(run: Span, published: dt.date | None) -> Iterable[Span]:
    trimmed = _trim(run)
    if trimmed is None:
        return
    doc = run.doc
    for tok in trimmed[1:-1]:
        left, right = _trim(doc[trimmed.start : tok.i]), _trim(doc[tok.i + 1 : trimmed.end])
        if left is None or right is None:
            continue
        if tok.text == "," and _is_point(left.text, published) and not _is_point(right.text, published) \
                and _not_a_point(right.text):
            yield from (left, right)
            return
        if tok.lower_ in ("and", "or") and _is_point(left.text, published) and _is_point(right.text, published):
            yield from (left, right)
            return
    yield trimmed


def _merged_entities(doc: Doc) -> list[Span]:
    """DATE and TIME entities, a day and its time of day made one ("Thursday" + "night",
    "12:00 UTC" + "Monday"): TIMEX3 has one expression where the NER gives two."""
    ents = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    out: list[Span] = []
    for ent in ents:
        if out and out[-1].end == ent.start and "TIME" in (out[-1].label_, ent.label_):
            out[-1] = Span(doc, out[-1].start, ent.end, label="TIME")
        else:
            out.append(ent)
    return out


def _candidates(doc: Doc, published: dt.date | None) -> Iterable[tuple[Span, str, Resolved | None]]:
    """Spans that may be time expressions, each with its kind and, for words whose value
    is fixed, that value: explicit dates and clock times first, then the NER's, then
    single words."""
    text = doc_text(doc)
    ents = _merged_entities(doc)
    for m in _EXPLICIT_DATE.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is None or not len(span):
            continue
        clock = m[0][0].isdigit() and ":" in m[0] or m[0][-3:] in ("UTC", "GMT") or m[0].endswith(")")
        if clock and not _CLOCK_MARKED.search(m[0]) \
                and not _CLOCK_PREPOSITION.search(text[max(0, m.start() - 8) : m.start()]):
            continue  # "John 3:16", a score of "2:10"
        if not clock and any(t.ent_type_ in _NAME_LABELS for t in span):
            continue
        # An NER span holding the whole date is as good or better ("March 5 at 3 pm").
        if not any(e.start_char <= m.start() and m.end() <= e.end_char for e in ents):
            yield span, "TIME" if clock else "DATE", None
    for ent in ents:
        for piece in _pieces(ent, published):
            yield piece, ent.label_, None
    for token in doc:
        lower = token.lower_
        if lower not in _TOKEN_TRIGGERS and not lower[:1].isdigit():
            continue  # one set lookup for almost every token
        if token.ent_type_ and token.ent_type_ not in ("DATE", "TIME"):
            continue  # "Good Friday", "USA Today": part of another name
        i = token.i
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if lower in _DAY_TOKENS or (lower in _WEEKDAYS and token.text[:1].isupper()):
            yield doc[i : i + 1], "DAY", None
        elif lower in _SET_WORDS and token.pos_ in ("ADJ", "ADV"):
            yield doc[i : i + 1], "SET", (_SET_WORDS[lower], "duration")
        elif lower in ("every", "each", "per") and nxt is not None and nxt.lower_ in _SET_UNITS:
            yield doc[i : i + 2], "SET", (_SET_UNITS[nxt.lower_], "duration")
        elif nxt is not None and nxt.text == "-" and i + 2 < len(doc) and doc[i + 2].lower_ in _SET_UNITS \
                and (lower in _COUNT_WORDS or token.like_num):
            yield doc[i : i + 3], "DATE", None  # "a single-day decline", "a 41-year history"
        elif lower == "that" and nxt is not None and nxt.lower_ == "time":
            yield doc[i : i + 2], "DATE", None  # "by that time": dated from the reference
        elif (ref := _reference_word(token)) is not None:
            yield ref


_TOKEN_TRIGGERS = (_DAY_TOKENS | set(_WEEKDAYS) | set(_SET_WORDS) | set(_COUNT_WORDS) | _REFERENCE_ADVERBS
                   | _REFERENCE_NOUNS | _REFERENCE_TERMS | {"every", "each", "per", "that", "recent", "time"})


def _reference_word(token: Token) -> tuple[Span, str, Resolved] | None:
    """"now", "currently", "recently", "(very) soon", "later", "recent" (as in "recent
    losses"), "the past", "the future", "the near term", "the time being", "at present"."""
    doc, lower, i = token.doc, token.lower_, token.i
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if lower in _REFERENCE_ADVERBS and token.pos_ == "ADV":
        if nxt is not None and (nxt.text == "-" or nxt.lower_ in ("that", "as", "than")):
            return None  # "now-defunct", "now that", "soon as", "later than"
        if prev is not None and prev.lower_ in ("as", "no", "sooner"):
            return None  # "as soon as", "no later"
        start = i - 1 if prev is not None and prev.lower_ in _INTENSIFIERS and prev.pos_ == "ADV" else i
        return doc[start : i + 1], "REF", UNKNOWN
    if lower == "recent" and token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.lower_ not in _UNIT_NOUNS \
            and not (prev is not None and prev.lower_ in ("most", "more")):
        return doc[i : i + 1], "REF", UNKNOWN  # "the most recent model" ranks, not dates
    if prev is not None and prev.lower_ == "the" and token.pos_ in ("NOUN", "ADJ"):
        if lower in _REFERENCE_NOUNS and token.dep_ in ("pobj", "dobj", "nsubj", "attr") and (
                lower != "present" or (i > 1 and doc[i - 2].lower_ in ("at", "until", "to"))):
            return doc[i - 1 : i + 1], "REF", UNKNOWN
        if lower in _REFERENCE_TERMS and nxt is not None and nxt.lower_ == "term":
            return doc[i - 1 : i + 2], "REF", UNKNOWN
        if lower == "time" and nxt is not None and nxt.lower_ == "being":
            return doc[i - 1 : i + 2], "REF", UNKNOWN
    if lower == "present" and prev is not None and prev.lower_ == "at" and token.pos_ in ("NOUN", "ADJ"):
        return doc[i : i + 1], "REF", UNKNOWN
    return None


def _is_named_day(span: Span) -> bool:
    """A weekday that is part of a name: "Good Friday", "the Friday Times"."""
    if len(span) != 1 or span[0].lower_ not in _WEEKDAYS:
        return False
    token = span[0]
    if token.i > 0 and token.nbor(-1).lower_ in _NAMED_DAY_MODIFIERS:
        return True
    return token.dep_ == "compound" and token.head.pos_ == "PROPN"


# A length the NER ran into the word relating it to an event: "two weeks after [China
# sent ...]". TIMEX3 takes "two weeks" (a DURATION) and leaves "after" as a signal.
_TRAILING_SIGNAL = re.compile(r"\s+(?:after|before)$", re.IGNORECASE)


def extract_times(doc: Doc, published: dt.date | None) -> list[TimeRef]:
    """Time expressions in ``doc``, resolved against the publication date.

    Spans come from explicit dates in the text, the DATE and TIME entities, and weekday
    names, day words ("today"), frequencies ("weekly", "every year") and present, past
    and future references ("now", "recently", "the future") the NER does not tag.
    Deictic expressions ("yesterday", "last year") are dated from publication; anaphoric
    ones ("the day", "the same period last year", "two days later", a bare "16:08 UTC")
    from the time the text last spoke of. Durations and frequencies get ISO lengths
    (precision "duration"); other expressions that cannot be resolved are kept with
    ``value=None``.
    """
    text = doc_text(doc)
    kept: list[tuple[int, int, Span, str, Resolved | None]] = []
    taken: list[tuple[int, int]] = []
    for span, kind, fixed in _candidates(doc, published):
        trimmed = _trim(span)
        if trimmed is None or _is_named_day(trimmed):
            continue
        start, end = trimmed.start_char, trimmed.end_char
        if any(start < e and s < end for s, e in taken):
            continue
        if kind == "TIME" and resolve_time(text[start:end], published)[0] is None \
                and not _not_a_point(text[start:end]):
            continue  # "earlier today" unanchored: leave "today" to the day words
        taken.append((start, end))
        kept.append((start, end, trimmed, kind, fixed))
    found: list[TimeRef] = []
    ref = _Reference(published)
    kept.sort(key=lambda k: k[0])
    for n, (start, end, span, kind, fixed) in enumerate(kept):
        expr = text[start:end]
        if fixed is not None:
            found.append(TimeRef(start, end, expr, *fixed))
            continue
        norm = _normalise(expr)
        resolved = _anaphoric(expr, ref) if published is not None else None
        if resolved is None:
            anchor = published
            if not norm and published is not None:
                # A clock time alone is on the day written right after it ("at 16:15 UTC,
                # June 1"), else on the day the text last spoke of.
                anchor = ref.day
                if n + 1 < len(kept) and re.fullmatch(r"[\s,]*(?:on\s+)?", text[end : kept[n + 1][0]]):
                    after = text[kept[n + 1][0] : kept[n + 1][1]]
                    value, precision = resolve_time(after, published, tense=_tense(kept[n + 1][2]))
                    if value is not None and precision == "day":
                        anchor = dt.date.fromisoformat(value[:10])
            resolved = resolve_time(expr, anchor, tense=_tense(span))
        value, precision = resolved
        if value is None and (frequency := set_value(expr)):
            value, precision = frequency, "duration"  # "every year": a TIMEX3 SET
        elif value is None and _not_a_point(expr):
            if signal := _TRAILING_SIGNAL.search(expr):
                end -= len(signal[0])
                expr = text[start:end]
            length = duration_value(expr)
            if length is None:
                continue  # an age, "60 years old"
            value, precision = length, "duration"
        # An unresolved TIME entity ("a few minutes", "dawn") is not kept.
        if value is None and kind == "TIME":
            continue
        ref.update(value, precision)
        found.append(TimeRef(start, end, expr, value, precision))
    return found

_SEASON_WORD = re.compile(r"\b(spring|summer|autumn|fall|winter)\b")


def timex3_value(t: TimeRef) -> str | None:
    """The TIMEX3 (TimeML) value of a time expression, as TimeBank-style gold writes it:
    ``t.value`` with what Communique's calendar forms leave out, read off ``t.text``: a
    part of the day or clock time ("2021-03-26TNI", "2021-03-26T16:08Z"), a weekend
    ("2021-W11-WE"), a season ("2008-FA"), a fractional length ("P2.5Y"), and the
    present, past and future references ("PRESENT_REF" for "now")."""
    text = " ".join(t.text.lower().split())
    if t.value is None:
        m = _REFERENCE_PHRASE.fullmatch(text)
        return _REFERENCE_CLASS[m["word"]] if m else None
    if t.precision == "day" and (clock := _time_of_day(text)):
        return t.value + clock
    if t.precision == "week" and "weekend" in text:
        return t.value + "-WE"
    if t.precision == "year" and (season := _SEASON_WORD.search(text)):
        return f"{t.value}-{_SEASONS[season[1]][0]}"
    if t.precision == "duration" and " and a half" in text:
        return duration_value(t.text, decimals=True) or t.value
    return t.value


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}


def time_for_span(
    times: Iterable[TimeRef], start: int, end: int, *, near: int | None = None
) -> TimeRef | None:
    """The resolved time expression inside ``[start, end)``, e.g. a sentence.

    With ``near`` (say, an event trigger's offset) the closest one wins;
    otherwise the most precise, then the first.
    """
    inside = [t for t in times if t.value is not None and t.precision != "duration"
              and start <= t.start and t.end <= end]
    if not inside:
        return None
    if near is not None:
        return min(inside, key=lambda t: (min(abs(t.start - near), abs(t.end - near)), t.start))
    return min(inside, key=lambda t: (_PRECISION_RANK.get(t.precision, 9), t.start))
