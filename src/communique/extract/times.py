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

The work is split by what each step needs to see: ``timetext`` (shared vocabulary,
normalising, date arithmetic), ``timelengths`` (durations and frequencies),
``timerules`` (``resolve_time``: text and anchor only), ``timecontext`` (tense and
the time last spoken of), ``timespans`` (finding and trimming spans). This module
puts them together and writes TIMEX3.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from ..records import TimeRef
from .doctext import doc_text
from .timecontext import _anaphoric, _Reference, _tense
from .timelengths import _not_a_point, duration_value, set_value
from .timerules import _SEASONS, resolve_time
from .timespans import (
    _REFERENCE_CLASS,
    _REFERENCE_PHRASE,
    _candidates,
    _is_named_day,
    _trim,
)
from .timetext import Resolved, _normalise, _time_of_day

__all__ = ["duration_value", "extract_times", "resolve_time", "set_value", "time_for_span", "timex3_value"]


# A length the NER ran into the word relating it to an event: "two weeks after [China
# sent ...]". TIMEX3 takes "two weeks" (a DURATION) and leaves "after" as a signal.
_TRAILING_SIGNAL = re.compile(r"\s+(?:after|before|later|earlier)$", re.IGNORECASE)
_PERIOD_END = re.compile(r"\s+(?:that |which )?(?:ended|ending|through|to)\s+", re.IGNORECASE)
_WEEKDAY_ALONE = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")


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
        if published is not None and n + 1 < len(kept) and _PERIOD_END.fullmatch(text[end:kept[n + 1][0]]):
            # "the quarter ended Sept. 30": the period is the one the day after it ends.
            nxt = kept[n + 1]
            value, precision = resolve_time(text[nxt[0]:nxt[1]], published, tense=_tense(nxt[2]))
            if value is not None and precision == "day":
                ref.update(value, precision)
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
            tense = _tense(span)
            if anchor is not None and (narrative := ref.narrative_anchor(norm)):
                # A narrative moves on: a weekday after a day it names is the one that follows,
                # a month the nearest one, whatever the tense it is told in.
                anchor, tense = narrative, "future" if _WEEKDAY_ALONE.fullmatch(norm) else None
            resolved = resolve_time(expr, anchor, tense=tense)
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
_FISCAL_WORD = re.compile(r"\b(?:fiscal|financial year|fy)")


def timex3_value(t: TimeRef) -> str | None:
    """The TIMEX3 (TimeML) value of a time expression, as TimeBank-style gold writes it:
    ``t.value`` with what Communique's calendar forms leave out, read off ``t.text``: a
    part of the day or clock time ("2021-03-26TNI", "2021-03-26T16:08Z"), a weekend
    ("2021-W11-WE"), a season ("2008-FA"), a fractional length ("P2.5Y"), a fiscal year
    ("FY2023"), a decade or century without its X ("199", "19"), and the present, past
    and future references ("PRESENT_REF" for "now")."""
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
    if t.precision == "year" and _FISCAL_WORD.search(text):
        return "FY" + t.value
    if t.precision in ("decade", "century"):
        return t.value.rstrip("X")  # TIMEX3 writes the 1990s "199", the 20th century "19"
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
