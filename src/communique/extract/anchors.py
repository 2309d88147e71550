"""When and where an event happened: its date and place from the sentence's time and place
records, and whether a dated clause only recalls history. Pure functions of one candidate
and the article's context (see ``events``).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span

from ..records import PlaceRef, TimeRef
from .doctext import doc_text
from .participants import NO_ACTOR, REPORTING, Candidate, Context, conj_head, lemma_is


def _bounds_a_period(text: str, t: TimeRef) -> bool:
    """ "since 2004", "until 9 November": the start or end of a period, not the event's date."""
    words = (text[max(0, t.start - 8):t.start].split()[-1:] or [""]) + t.text.split()[:1]
    return any(w.lower() in ("since", "until", "till") for w in words)


_OCCASION_PREPS = {"at", "during", "in", "on", "after", "before", "since", "until", "following"}


def _names_a_thing(span: Span, cand: Candidate) -> bool:
    """A time that modifies a noun other than the event's names that thing: "contravened
    the 1976 Berne Agreement" is not dated 1976, unlike the occasion in "accused the IMF at
    an October meeting" or the antecedent of the event's relative clause ("a Monday court
    ruling, which rejected ...")."""
    node = span.root.head
    if span.root.dep_ not in ("compound", "amod", "nummod", "nmod") or node.pos_ not in ("NOUN", "PROPN"):
        return False
    phrase = node
    while phrase.dep_ == "compound" and phrase.head.i != phrase.i:
        phrase = phrase.head  # "a Monday court ruling": the ruling
    event = {cand.trigger.i, cand.governor.i}
    if event & {node.i, phrase.i}:
        return False
    if phrase.dep_ == "pobj" and phrase.head.lower_ in _OCCASION_PREPS:
        return False
    return not (cand.governor.dep_ == "relcl" and cand.governor.head.i == phrase.i)


def when(ctx: Context, cand: Candidate) -> tuple[str | None, str | None]:
    sent = cand.trigger.sent
    in_sent = [t for t in ctx.times if sent.start_char <= t.start < sent.end_char
               and not _bounds_a_period(doc_text(ctx.doc), t)]
    if in_sent:
        # A time belongs to the event if it hangs off the trigger, or off a clause that
        # contains the trigger ("On Friday, X said it had met Y"); a time in a sibling
        # clause ("..., and diplomats said a meeting was expected next week") does not.
        ancestors = {cand.trigger.i, cand.governor.i} | {a.i for a in cand.governor.ancestors}
        best = None
        for t in in_sent:
            span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            if _names_a_thing(span, cand):
                continue
            node = span.root.head
            for _ in range(8):
                if node.i in (cand.trigger.i, cand.governor.i):
                    return t.value, t.precision
                if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
                    break
                node = node.head
            if node.i in ancestors and best is None:
                best = t
        if best is not None:
            return best.value, best.precision
    if ctx.published:
        return ctx.published.isoformat(), "day"
    return None, None


def history(ctx: Context, cand: Candidate, date: str | None) -> bool:
    """A subordinate clause dated years before the report recalls history ("assets they
    lost when Amin expelled them 18 years ago"); the report is not news of it."""
    if ctx.published is None or not date or not date[:4].isdigit() or conj_head(cand.governor).dep_ == "ROOT":
        return False
    return int(date[:4]) < ctx.published.year - 1


def owned_places(ctx: Context, cand: Candidate, in_sent: list) -> list:
    """Places that hang off the trigger's clause or a clause above it, but not off the verb
    that reports it ("..., the spokesperson told reporters in Bishkek")."""
    above = {cand.trigger.i, cand.governor.i} | {
        a.i for a in cand.governor.ancestors if not lemma_is(a, REPORTING | {"tell"})}
    owned = []
    for s, p in in_sent:
        span = ctx.doc.char_span(s, s + 1, alignment_mode="expand")
        if span is None:
            continue
        node = span.root.head
        for _ in range(8):
            if node.i in above or node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
                break
            node = node.head
        if node.i in above or node.pos_ not in ("VERB", "AUX"):
            owned.append((s, p))
    return owned


def nearness(ctx: Context, cand: Candidate, start: int) -> tuple[bool, int]:
    """Places in the act's own phrase first ("arrested in Lebanon"), then those describing a
    party ("a missionary from Calgary"); nearer before farther."""
    span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
    own = span is not None and span.root.head.dep_ == "prep" and \
        span.root.head.head.i in (cand.trigger.i, cand.governor.i)
    return not own, abs(start - cand.trigger.idx)


def where(ctx: Context, cand: Candidate, date: str | None) -> PlaceRef | None:
    sent = cand.trigger.sent
    in_sent = [(s, p) for s, e, p in ctx.places if sent.start_char <= s < sent.end_char]
    owned = owned_places(ctx, cand, in_sent)
    if owned:
        return min(owned, key=lambda x: nearness(ctx, cand, x[0]))[1]
    if ctx.main_place and ctx.published and date and len(date) == 10 and _a_party_at(ctx, cand, ctx.main_place):
        # The story's own city, for an act of the week it reports, where a party is at
        # home: not a dateline city far from both sides ("Washington" for Iran and Iraq).
        try:
            if abs((dt.date.fromisoformat(date) - ctx.published).days) <= 7:
                return ctx.main_place
        except ValueError:
            return None
    return None


def _a_party_at(ctx: Context, cand: Candidate, place: PlaceRef) -> bool:
    parties = {(ctx.actors.actor(a) or NO_ACTOR).country for a in cand.source + cand.target}
    return place.country in parties
