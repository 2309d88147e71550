"""The words, clock times and calendar arithmetic every part of time handling shares.

Spotting spans, resolving values and writing TIMEX3 all read the same vocabulary
(month and weekday names, counts) and the same normalised form of an expression,
so these live below them all, where nothing else in the package is imported.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from ..records import Precision

Resolved = tuple[str | None, Precision]
UNKNOWN: Resolved = (None, "unknown")

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
    r"late|later|mid|so far|(?:end|beginning|start|middle|close) of)\s+|mid-)"
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
