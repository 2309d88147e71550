"""Resolving one expression to a calendar value against an anchor date.

``resolve_time`` tries hand-written rules for the forms news uses most, then a cached
dateparser fallback for expressions that name a month or write a full numeric date.
It sees only the text, the anchor and the clause's tense: finding spans and choosing
the anchor are the caller's business (``times.extract_times``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from ..records import Precision
from .timelengths import _DURATION
from .timetext import (
    _DAY,
    _DECADE_WORDS,
    _MONTH,
    _MONTHS,
    _NUMBER,
    _NUMBERS,
    _RANGE_END,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR,
    UNKNOWN,
    Resolved,
    _add_months,
    _day,
    _month,
    _normalise,
    _pick_year,
    _safe_date,
    _time_of_day,
    _week,
    _weekday,
)

_TENSES = (None, "past", "future")


# --- rules ----------------------------------------------------------------
# Each rule is a regex matched against the whole normalised expression and a
# handler that returns a resolution, UNKNOWN, or None to let later rules try.

Handler = Callable[[re.Match[str], dt.date | None, str | None], Resolved | None]
_RULES: list[tuple[re.Pattern[str], Handler]] = []


def _rule(pattern: str, *, first: bool = False) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _RULES.insert(0 if first else len(_RULES), (re.compile(pattern), handler))
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
    elif tense == "past" and month > anchor.month:
        year = anchor.year - 1  # "fired in July", written in March: last July
    elif tense == "future" and month < anchor.month:
        year = anchor.year + 1  # "will vote in February", written in May: next February
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


@_rule(r"(?:(?:just|only|nearly|almost|some|roughly|barely|more than|less than|over) )?"
       + _NUMBER + r" (?P<unit>day|week|month|year)s? ago")
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
    try:
        return _in_calendar(_resolve(norm, anchor, tense))
    except OverflowError:
        # Arithmetic past year 1 or 9999 ("yesterday" in a story dated 0001-01-01).
        return UNKNOWN


def _resolve(norm: str, anchor: dt.date | None, tense: str | None) -> Resolved:
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


_CALENDAR_YEAR = re.compile(r"-?\d+")


def _in_calendar(result: Resolved) -> Resolved:
    """A value before year 1 ("last year" in year 1 gives "0") is no calendar date: a
    year is written with four digits (a decade with three and an X), from 0001."""
    value, precision = result
    year = _CALENDAR_YEAR.match(value) if value is not None and precision != "duration" else None
    if year is not None:
        digits = {"decade": 3, "century": 2}.get(precision, 4)
        if len(year[0]) != digits or int(year[0]) < 1:
            return UNKNOWN
    return result


# Centuries, halves, fiscal years and ranges of years add their rules to _RULES.
from . import timeperiods  # noqa: E402,F401
