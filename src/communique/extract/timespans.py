"""Finding the spans of time expressions in a parsed Doc.

The small NER splits, merges and misses time expressions in ways TIMEX3 extents do
not: datelines come out as "8, 2010", a day and its time of day as two entities,
"now" and "weekly" not at all. The candidates here come from a regex pass over the
text, the NER's DATE and TIME entities (merged and cut where needed) and single
trigger words; ``_trim`` then repairs each extent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .doctext import doc_text
from .timelengths import _COUNT_WORDS, _SET_NAMED, _SET_UNITS, _SET_WORDS, _not_a_point, set_value
from .timerules import resolve_time
from .timetext import _MONTHS, _WEEKDAYS, UNKNOWN, Resolved, _time_of_day

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
_PERIOD_ENDS = {"ended", "ending", "through", "to"}
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
        # "the quarter ended Sept. 30": a period and the day that ends it, two expressions.
        if tok.lower_ in _PERIOD_ENDS and left[-1].lower_ in _UNIT_NOUNS | {"months", "weeks"} \
                and _is_point(right.text, published):
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
        elif lower in ("every", "each") and nxt is not None and nxt.lower_.rstrip("s") in _SET_NAMED:
            yield doc[i : i + 2], "SET", (set_value(doc[i : i + 2].text), "duration")
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
