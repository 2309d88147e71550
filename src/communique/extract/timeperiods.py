"""Periods longer or other than the calendar's day, month, quarter and year: centuries,
halves, fiscal years and ranges of years.

Their values keep Communique's calendar forms where one exists: a century is "19XX" (as
a decade is "199X"; TIMEX3 writes "19"), a half "2023-H1", a fiscal year its year
("fiscal 2023" is "2023"; ``times.timex3_value`` writes TIMEX3's "FY2023"). A range of
years written as one word ("2009-2010", "2009-10") is one expression: a length of whole
years from the first to the last (TIMEX3 DURATION "P2Y").

The rules register themselves with ``timerules`` (imported there, after its own).
"""

from __future__ import annotations

from .timerules import _rule
from .timetext import _YEAR, UNKNOWN

_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
                  "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
                  "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20}
_CENTURY_ORDINAL = r"(?P<ord>\d{1,2})(?:st|nd|rd|th)|(?P<word>" + "|".join(_ORDINAL_WORDS) + r")"
_STEP = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "this": 0, "current": 0}


def _century(n: int) -> tuple[str, str]:
    return f"{n - 1:02d}XX", "century"


@_rule(r"(?:the )?(?:" + _CENTURY_ORDINAL + r")[ -]century")
def _ordinal_century(m, anchor, tense):
    n = int(m["ord"]) if m["ord"] else _ORDINAL_WORDS[m["word"]]
    return _century(n) if 1 <= n <= 99 else UNKNOWN


@_rule(r"(?:the )?(?P<mod>last|previous|past|next|coming|this|current) century")
def _relative_century(m, anchor, tense):
    if anchor is None:
        return UNKNOWN
    if m["mod"] == "past" and tense != "past":
        return None  # "the past century" is a length as often as a date
    return _century(anchor.year // 100 + 1 + _STEP[m["mod"]])


_HALF = r"(?:(?P<ord>first|second|1st|2nd|latter)[ -]half|h(?P<h>[12])|(?P<h2>[12])h)"
_OF_YEAR = r"(?:,? (?:of )?(?:fiscal )?(?:" + _YEAR + r"|(?:the )?(?P<mod>this|last|next|current) year))?"


@_rule(r"(?:(?:the|its|their) )?" + _HALF + _OF_YEAR)
def _half(m, anchor, tense):
    half = int(m["h"] or m["h2"]) if (m["h"] or m["h2"]) else (1 if m["ord"] in ("first", "1st") else 2)
    if m["year"]:
        return f"{m['year']}-H{half}", "half"
    if anchor is None:
        return UNKNOWN
    if m["mod"]:
        return f"{anchor.year + _STEP[m['mod']]}-H{half}", "half"
    current = 1 if anchor.month <= 6 else 2
    # A half still ahead this year, in a past-tense clause, is last year's.
    year = anchor.year - 1 if tense == "past" and half > current else anchor.year
    return f"{year}-H{half}", "half"


_FISCAL = r"(?:fiscal|financial)(?: year)?"


@_rule(r"(?:the )?(?:" + _FISCAL + r",? (?P<y1>\d{4})|(?P<y2>\d{4}) " + _FISCAL
       + r"|fy ?(?P<y3>\d{4})|fy ?(?P<yy>\d{2}))")
def _fiscal_year(m, anchor, tense):
    year = m["y1"] or m["y2"] or m["y3"]
    if year is None:
        year = str(2000 + int(m["yy"])) if int(m["yy"]) < 50 else str(1900 + int(m["yy"]))
    return year, "year"


@_rule(r"(?:the )?(?:(?P<mod>this|last|next|current|previous|coming) )?(?:fiscal|financial) year"
       r"(?: to (?:the end of )?\w+)?")
def _relative_fiscal_year(m, anchor, tense):
    if anchor is None:
        return UNKNOWN
    return str(anchor.year + _STEP.get(m["mod"] or "this", 0)), "year"


# Before the ISO month rule: "2009-10" in prose is two years far more often than October.
@_rule(r"(?P<a>1\d{3}|20\d{2})\s*(?:-|/|to)\s*(?P<b>\d{4}|\d{2})(?: season| period)?", first=True)
def _year_range(m, anchor, tense):
    first, last = int(m["a"]), m["b"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if len(last) == 2 and end < first:
        end += 100  # "1999-00"
    if len(last) == 2 and end != first + 1 and m[0][4] == "-":
        return None  # "2021-03": the ISO month rule's
    if not 0 < end - first < 100:
        return UNKNOWN
    return f"P{end - first + 1}Y", "duration"
