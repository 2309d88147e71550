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

Durations, ages and frequencies ("three-day", "two years", "60 years old",
"decades", "annual") are not points in time: ``resolve_time`` gives
``(None, "unknown")`` for them and ``extract_times`` leaves them out. Other
expressions it cannot resolve (no publication date, "the next day", "the
first week of April") are kept with ``(None, "unknown")`` so their spans are
still recorded.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from ..records import Precision, TimeRef
from .doctext import doc_text

__all__ = ["duration_value", "extract_times", "resolve_time", "time_for_span"]

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
    r"^(?:(?:on|in|at|by|since|until|till|from|during|before|after|around|about|through|"
    r"throughout|as of|as early as|as late as|no later than|not until|the|early|earlier|"
    r"late|later|mid|so far|(?:end|beginning|start|middle|close|first half|second half|"
    r"spring|summer|autumn|fall|winter) of)\s+|mid-)"
)
_CLOCK = r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|hrs|h)|noon|midnight)"
_SUFFIX = re.compile(
    r"\s*(?:,|\bat|\baround|\bafter|\bbefore|\bby)?\s*\b(?:"
    + _CLOCK
    + r"(?:\s*\(?[a-z]{2,4}\)?)?|morning|afternoon|evening|night|local time)$"
)
_LEADING_CLOCK = re.compile(r"^(?:at\s+|around\s+)?" + _CLOCK + r"\s+(?:on\s+)?")


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


@_rule(_MONTH + r",? (?P<mod>this|last|next) year")
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


@_rule(r"(?:the )?(?P<mod>this|last|next|current) (?P<unit>week|weekend|month|year)")
@_needs_anchor
def _relative_period(m, anchor, tense):
    step = {"last": -1, "next": 1}.get(m["mod"], 0)
    unit = m["unit"]
    if unit in ("week", "weekend"):
        return _week(anchor + dt.timedelta(weeks=step))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, step))
    return str(anchor.year + step), "year"


_ORDINAL_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                     "fourth": 4, "4th": 4, "final": 4, "last": 4}


@_rule(r"(?:(?:the|its|their) )?(?:(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|final) quarter"
       r"|q(?P<q>[1-4]))(?:,? (?:of )?(?:fiscal )?" + _YEAR + r")?")
def _quarter(m, anchor, tense):
    q = int(m["q"]) if m["q"] else _ORDINAL_QUARTERS[m["ord"]]
    if m["year"]:
        return f"{m['year']}-Q{q}", "quarter"
    if anchor is None:
        return UNKNOWN
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
    r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|hundred|dozen|few|several|many|some|couple(?: of)?|"
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
_COUNT_WORDS = {**_NUMBERS, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "ninety": 90, "hundred": 100, "dozen": 12}
_LENGTH = re.compile(
    r"^(?:(?:the|a|an|about|some|nearly|almost|more than|less than|at least|over|up to|for|"
    r"past|last|next|coming|previous|first|recent|following)\s+)*"
    r"(?P<n>\d{1,4}|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) +
    r"|few|several|many|couple(?: of)?)?[\s-]*"
    r"(?P<unit>second|minute|hour|day|night|weekend|week|month|quarter|year|decade|centurie|century)s?"
    r"(?:[\s-]+long)?$"
)


def duration_value(text: str) -> str | None:
    """ISO 8601 length of a duration expression: "three-day" -> P3D, "the past two years"
    -> P2Y, "recent years" -> PXY, "12 hours" -> PT12H."""
    m = _LENGTH.match(_normalise(text))
    if m is None:
        return None
    raw, unit = m["n"], _DURATION_UNITS[m["unit"]]
    if raw is None:
        count = "1" if re.search(r"\b(?:the|a|an|past|last|next|coming|previous|first|following)\b",
                                 _normalise(text)) and not text.rstrip().endswith("s") else "X"
    elif raw.isdigit():
        count = raw
    else:
        count = str(_COUNT_WORDS[raw]) if raw in _COUNT_WORDS else "X"
    return f"PT{count}{unit[1]}" if unit.startswith("T") else f"P{count}{unit}"


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
        return UNKNOWN
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
_STRIP_LEADING = {"the"}
_DAY_TOKENS = {"today", "yesterday", "tomorrow", "tonight"}
_NAMED_DAY_MODIFIERS = {
    "good", "black", "super", "ash", "bloody", "holy", "maundy", "palm", "easter",
    "cyber", "shrove", "whit", "giving",
}  # fmt: skip


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
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ == "ADP" or doc[start].lower_ in _STRIP_LEADING):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if start < end else None


def _candidates(doc: Doc) -> Iterable[Span]:
    """Spans that may be time expressions: the NER's first, then single day words."""
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            yield ent
    for token in doc:
        if token.ent_type_ and token.ent_type_ not in ("DATE", "TIME"):
            continue  # "Good Friday", "USA Today": part of another name
        lower = token.lower_
        if lower in _DAY_TOKENS or (lower in _WEEKDAYS and token.text[:1].isupper()):
            yield doc[token.i : token.i + 1]


def _is_named_day(span: Span) -> bool:
    """A weekday that is part of a name: "Good Friday", "the Friday Times"."""
    if len(span) != 1 or span[0].lower_ not in _WEEKDAYS:
        return False
    token = span[0]
    if token.i > 0 and token.nbor(-1).lower_ in _NAMED_DAY_MODIFIERS:
        return True
    return token.dep_ == "compound" and token.head.pos_ == "PROPN"


def extract_times(doc: Doc, published: dt.date | None) -> list[TimeRef]:
    """Time expressions in ``doc``, resolved against the publication date.

    Spans come from the DATE entities, TIME entities that name a day ("this
    morning", "tonight"), and weekday names and "today"/"yesterday"/"tomorrow"
    the NER missed. Durations and ages are left out; other expressions that
    cannot be resolved are kept with ``value=None``.
    """
    found: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    for span in _candidates(doc):
        trimmed = _trim(span)
        if trimmed is None or _is_named_day(trimmed):
            continue
        start, end = trimmed.start_char, trimmed.end_char
        if any(start < e and s < end for s, e in taken):
            continue
        text = doc_text(doc)[start:end]
        value, precision = resolve_time(text, published, tense=_tense(trimmed))
        if value is None and _not_a_point(text):
            length = duration_value(text)
            if length is None:
                continue
            value, precision = length, "duration"
        # A TIME entity matters only if it names a day; "3 pm" alone dates nothing.
        if value is None and span.label_ == "TIME":
            continue
        taken.append((start, end))
        found.append(TimeRef(start, end, text, value, precision))
    return sorted(found, key=lambda t: t.start)


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
