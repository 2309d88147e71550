"""Quotes, direct and indirect, with their speaker, cue and content.

Direct quotes are found from the quote marks, paired within a paragraph so an
unclosed mark ends at its paragraph and cannot swallow the rest of the
article. The cue is the verb governing the quote or standing next to it (any verb with
a speaker beside it: "…,” beamed the mediator), a colon after a name or title, or a
speech noun; indirect quotes are the clauses that verbs of saying or believing, or
speech nouns, report (``quotecues``). The speaker is the cue's subject phrase, kept as
written, with the actor it names (``speakers``). A quote without a cue of its own
continues the one before it: a second fragment in the paragraph, a paragraph that is
nothing but a quotation, an unclosed paragraph running on. Quoted words inside a reported
clause make one mixed quote: the clause, with the quoted words marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Quote, Span
from .actors import ActorIndex
from .doctext import doc_text
from .quotecues import (
    REPORTING_VERBS,
    SPEECH_VERBS,
    adjacent_verb,
    clause_cue,
    colon_speaker,
    following_speaker,
    infinitive_report,
    noun_clause,
    noun_speaker,
    speaker_head,
    subject_of,
)
from .speakers import Speakers, phrase_span

__all__ = ["REPORTING_VERBS", "SPEECH_VERBS", "QuoteSpan", "extract_quotes", "find_quote_spans"]

_OPEN = {"“": "”", "‘": "’", "«": "»", '"': '"'}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # content offsets (inside the marks)
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, None when unclosed


_TRAILING_CUE = re.compile(
    r",\s+(?:[\w.'’-]+\s+){0,5}(?:said|says|told|added|stated|warned|insisted|declared)\b")


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of text, paired within each paragraph."""
    spans: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        p_start, body = para.start(), para.group()
        i = 0
        while i < len(body):
            ch = body[i]
            if ch in ("“", '"', "«") or (ch == "‘" and (i == 0 or not body[i - 1].isalnum())):
                close = _OPEN[ch]
                j = i + 1
                while j < len(body):
                    if body[j] == close and (close != "’" or j + 1 == len(body) or not body[j + 1].isalpha()):
                        break
                    j += 1
                content_start = i + 1
                content_end = j if j < len(body) else len(body.rstrip())
                if j >= len(body):
                    # An unclosed quote that names its speaker later in the paragraph
                    # ends where the attribution begins: "We are ready, he said.
                    cue = _TRAILING_CUE.search(body, content_start, content_end)
                    if cue is not None:
                        content_end = cue.start() + 1
                if content_end > content_start and body[content_start:content_end].strip():
                    spans.append(QuoteSpan(
                        p_start + content_start, p_start + content_end, p_start + i,
                        p_start + j if j < len(body) else None,
                    ))
                i = j + 1
                continue
            i += 1
    return spans


def _tokens_between(doc: Doc, start: int, end: int) -> SpacySpan | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _cue_span(doc: Doc, verb: Token) -> Span:
    end_tok = verb
    if verb.lower_ == "according" and verb.i + 1 < len(doc):
        end_tok = doc[verb.i + 1]
    elif verb.lemma_ in ("describe", "call", "term"):
        for t in doc[verb.i + 1:verb.sent.end]:
            if t.lower_ == "as" or t.text in ('"', "“"):
                end_tok = t if t.lower_ == "as" else doc[t.i - 1]
                break
    start = verb.idx
    end = end_tok.idx + len(end_tok.text)
    return Span(start, end, doc_text(doc)[start:end])


def _speech_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and t.lemma_ in SPEECH_VERBS


def _governing_speech_verb(doc: Doc, span: SpacySpan, q: QuoteSpan) -> Token | None:
    """The verb that takes the quote as complement, or stands next to it."""
    # Partial quote: walk up from the quoted words to the verb that governs them.
    t = span.root
    for _ in range(6):
        if _speech_verb(t) and not (span.start <= t.i < span.end):
            return t
        if t.head.i == t.i:
            break
        t = t.head
    sent_start = doc[span.start].sent.start
    sent_end = doc[max(span.end - 1, span.start)].sent.end
    after = [t for t in doc[span.end:min(sent_end + 6, len(doc))] if _speech_verb(t)]
    # A cue right after the closing mark ("..., it said") belongs to this quote only
    # if no new quote starts first.
    if after:
        v = after[0]
        between = doc[span.end:v.i].text
        if '"' not in between[1:] and "“" not in between and "\n" not in between:
            return v
    if (v := adjacent_verb(doc, span, q.close_at)) is not None:
        return v
    before = [t for t in doc[sent_start:span.start] if _speech_verb(t)]
    return before[-1] if before else None


@dataclass(slots=True)
class _Found:
    content: Span
    direct: bool
    cue: Span | None = None          # None: a quote with no cue of its own
    speaker: Token | None = None     # head of the speaker phrase
    limit: int | None = None         # the speaker phrase ends before this character
    q: QuoteSpan | None = None
    quoted: list[Span] | None = None


def _direct(doc: Doc, q: QuoteSpan, span: SpacySpan, text: str) -> _Found:
    content = Span(q.start, q.end, text[q.start:q.end])
    verb = _governing_speech_verb(doc, span, q)
    if verb is not None:
        subj = subject_of(verb, inverted=verb.i > span.start)
        if subj is None and verb.i > span.start:
            subj = following_speaker(verb)
        return _Found(content, True, _cue_span(doc, verb), subj, q=q)
    if (colon := colon_speaker(doc, q.open_at)) is not None:
        mark, head = colon
        return _Found(content, True, Span(mark.idx, mark.idx + 1, ":"), head, limit=mark.idx, q=q)
    return _Found(content, True, q=q)


def extract_quotes(doc: Doc, actors: ActorIndex) -> list[Quote]:
    text = doc_text(doc)
    qspans = find_quote_spans(text)
    inside = [(q.start, q.end) for q in qspans]
    found: list[_Found] = []
    for q in qspans:
        span = _tokens_between(doc, q.start, q.end)
        if span is not None and len(span):
            found.append(_direct(doc, q, span, text))
    indirect = _indirect(doc, inside)
    # Quoted words inside a reported clause belong to that (mixed) quote.
    absorbed = {id(f) for f in found for i in indirect if i.quoted and any(
        w.start == f.content.start for w in i.quoted)}
    found = sorted([f for f in found if id(f) not in absorbed] + indirect, key=lambda f: f.content.start)
    return _attribute(doc, found, Speakers(doc, actors, inside))


def _attribute(doc: Doc, found: list[_Found], speakers: Speakers) -> list[Quote]:
    """Speakers in reading order, so "it said" means the organisation quoted last; a quote
    without a cue continues the one before it."""
    text = doc_text(doc)
    quotes: list[Quote] = []
    prev: Quote | None = None
    prev_q: QuoteSpan | None = None
    for f in found:
        f.speaker = speaker_head(f.speaker)
        if f.cue is not None and f.speaker is not None and f.cue.start > f.speaker.idx:
            # Who speaks ends before the cue, however the parser attached it.
            f.limit = min(f.limit or f.cue.start, f.cue.start)
        if f.cue is not None:
            quote = Quote(speaker=speakers.resolve(f.speaker), cue=f.cue, content=f.content, direct=f.direct,
                          speaker_span=phrase_span(doc, f.speaker, f.limit) if f.speaker is not None else None,
                          quoted=f.quoted or [])
        else:
            q = f.q
            quote = Quote(speaker=None, cue=Span(q.open_at, q.open_at + 1, text[q.open_at]), content=f.content,
                          direct=True)
            if prev is not None and prev_q is not None and _continues(text, prev_q, q):
                quote.speaker, quote.speaker_span = prev.speaker, prev.speaker_span
        quotes.append(quote)
        if f.q is not None:
            prev, prev_q = quote, f.q
    # News runs a long quote over several paragraphs and names the speaker in the last
    # one: an unclosed paragraph with no cue takes the speaker of the paragraph continuing it.
    for n in range(len(found) - 2, -1, -1):
        q, nxt = found[n].q, found[n + 1].q
        if q is not None and nxt is not None and q.close_at is None and found[n].cue is None \
                and quotes[n].speaker is None and not text[q.end:nxt.open_at].strip():
            quotes[n].speaker, quotes[n].speaker_span = quotes[n + 1].speaker, quotes[n + 1].speaker_span
    return quotes


def _continues(text: str, prev: QuoteSpan, q: QuoteSpan) -> bool:
    """A second quote in the same paragraph, a paragraph continuing an unclosed quote, or
    a paragraph that is nothing but a quotation right after a quoted paragraph."""
    prev_end = prev.close_at + 1 if prev.close_at is not None else prev.end
    gap = text[prev_end:q.open_at]
    if "\n" not in gap:
        return True
    if prev.close_at is None and not gap.strip():
        return True
    if gap.strip(" \n\t.,;") or gap.count("\n") > 3:
        return False
    # Nothing but the quotation in its paragraph: the paragraph's own text ends with it.
    line_end = text.find("\n", q.end)
    rest = text[(q.close_at + 1 if q.close_at is not None else q.end):line_end if line_end >= 0 else len(text)]
    return not rest.strip(" .,;")


def _clause_content(doc: Doc, cue: Token, comp: Token, inside: list[tuple[int, int]]
                    ) -> tuple[Span, list[Span]] | None:
    """The reported clause (after "that"), cut before a cue of its own ("…, while aid
    groups warned that …"), with the quoted stretches inside it; None when it is all a
    direct quote or too short."""
    nested = {t.i for c in comp.subtree if c.i != comp.i and c.dep_ in ("advcl", "conj", "parataxis")
              and clause_cue(c) is not None and subject_of(c) is not None for t in c.subtree}
    # A speech noun's clause ends where the sentence goes on about the noun ("his warning
    # that talks could fail [angered them]"), however the parser attached the rest.
    stop = cue.head.i if cue.pos_ == "NOUN" and cue.head.i > cue.i else len(cue.doc)
    toks = []
    before = comp.i < cue.i  # "…, the agency said"
    for t in comp.subtree:
        if (t.i >= cue.i) if before else (t.i <= cue.i):
            continue
        if t.i in nested or t.i >= stop:
            break
        toks.append(t)
    while toks and (toks[0].lower_ == "that" or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].is_punct and toks[-1].text not in ("”", "’", '"', "»")
                    or toks[-1].lower_ in ("while", "and", "but", "as", "whereas")):
        toks = toks[:-1]
    if len(toks) < 3:
        return None
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    quoted = [Span(s, e, doc_text(doc)[s:e]) for s, e in inside if start <= s and e <= end]
    if any(s < end and start < e and not (start <= s and e <= end) for s, e in inside):
        return None  # a clause cut by a quotation: the direct quote has it
    outside = [t for t in toks if not t.is_punct and not any(s <= t.idx < e for s, e in inside)]
    if quoted and len(outside) < 3:
        return None
    if not quoted and toks[-1].text in ("”", "’", '"', "»"):
        end = toks[-2].idx + len(toks[-2].text)
    return Span(start, end, doc_text(doc)[start:end]), quoted


def _indirect(doc: Doc, inside: list[tuple[int, int]]) -> list[_Found]:
    """Reported clauses, infinitive reports and "according to" claims, in one pass over the
    words that can cue them (verbs, a root, speech nouns, "according")."""
    out: list[_Found] = []
    for tok in doc:
        pos = tok.pos_
        if pos not in ("VERB", "NOUN") and tok.dep_ != "ROOT" and tok.lower_ != "according":
            continue
        if any(s <= tok.idx < e for s, e in inside):
            continue
        if (found := _reported_clause(doc, tok, inside)) is not None:
            out.append(found)
        if pos == "VERB" and (found := _infinitive(doc, tok, inside)) is not None:
            out.append(found)
        if tok.lower_ == "according" and (found := _according_to(doc, tok, inside)) is not None:
            out.append(found)
    return out


def _reported_clause(doc: Doc, tok: Token, inside: list[tuple[int, int]]) -> _Found | None:
    comp, speaker = clause_cue(tok), None
    if comp is not None:
        speaker = subject_of(tok)
    elif (comp := noun_clause(tok)) is not None:
        speaker = noun_speaker(tok)
    if comp is None or (got := _clause_content(doc, tok, comp, inside)) is None:
        return None
    content, quoted = got
    return _Found(content, False, _cue_span(doc, tok), speaker, quoted=quoted)


def _infinitive(doc: Doc, tok: Token, inside: list[tuple[int, int]]) -> _Found | None:
    if (rng := infinitive_report(tok)) is None:
        return None
    start, end = doc[rng[0]].idx, doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    if any(s < end and start < e for s, e in inside):
        return None  # the words are quoted: the direct quote has them
    cue = Span(tok.idx, tok.idx + len(tok.text), tok.text)
    return _Found(Span(start, end, doc_text(doc)[start:end]), False, cue, subject_of(tok))


def _according_to(doc: Doc, tok: Token, inside: list[tuple[int, int]]) -> _Found | None:
    """"according to X, ...": the rest of the sentence is X's claim."""
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    rest = [t for t in tok.sent if not (tok.i <= t.i <= pobj.right_edge.i) and not t.is_punct]
    if len(rest) < 3 or any(s <= t.idx < e for t in rest for s, e in inside):
        return None
    if rest[0].i < tok.i < rest[-1].i:  # "X, according to Y, said": keep the side before
        rest = [t for t in rest if t.i < tok.i] if tok.i - rest[0].i >= 3 else [t for t in rest if t.i > tok.i]
    start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
    return _Found(Span(start, end, doc_text(doc)[start:end]), False, _cue_span(doc, tok), pobj)
