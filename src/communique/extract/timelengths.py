"""Lengths of time, ages and frequencies: expressions that are not points in time.

They are told apart before any date is resolved (``resolve_time`` gives them no
value) and written as ISO 8601 lengths ("P3D") or TIMEX3 SET values ("P1W") rather
than calendar dates, so their patterns and arithmetic are kept apart from the rules
that date points.
"""

from __future__ import annotations

import re

from .timetext import _NUMBERS, _normalise

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
    r"|few|several|many|couple(?: of)?|(?P<halfa>half an?))?(?P<half> and a half)?[\s-]*(?:"
    + _LENGTH_ADJECTIVES + r"[\s-]+)?"
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
    if m["halfa"]:
        return _iso_length(0.5, unit, decimals=decimals)  # "half a century": P50Y
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


# What recurs on a named part of the calendar is written as that part with its larger
# units unknown: "every morning" XXXX-XX-XXTMO, "every Monday" XXXX-WXX-1, "each spring"
# XXXX-SP, "every March" XXXX-03; "each season" comes round every three months.
_SET_NAMED = {
    "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
    "weekend": "XXXX-WXX-WE", "season": "P3M",
    **{d: f"XXXX-WXX-{n}" for n, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), 1)},
    "spring": "XXXX-SP", "summer": "XXXX-SU", "autumn": "XXXX-FA", "fall": "XXXX-FA", "winter": "XXXX-WI",
    **{m: f"XXXX-{n:02d}" for n, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), 1)},
}  # fmt: skip
_SET_NAMED_RE = re.compile(r"^(?:every|each) (?P<named>" + "|".join(_SET_NAMED) + r")s?$")


def set_value(text: str) -> str | None:
    """TIMEX3 value of a frequency (type SET): "weekly" -> P1W, "every two years" -> P2Y,
    "each year" -> P1Y, "twice a month" -> P1M, "every morning" -> XXXX-XX-XXTMO, "every
    Monday" -> XXXX-WXX-1, "each spring" -> XXXX-SP; None for anything else."""
    # Not _normalise: it would strip "morning" as a part of the day.
    if named := _SET_NAMED_RE.match(" ".join(text.lower().split()).strip(" .,;:")):
        return _SET_NAMED[named["named"]]
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
