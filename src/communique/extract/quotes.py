"""Quotes, direct and indirect, with their speaker, cue and content.

Direct quotes are found from the quote marks, paired within a paragraph so an
unclosed mark ends at its paragraph and cannot swallow the rest of the
article. The cue is the speech verb governing the quote or next to it; the
speaker is that verb's subject, with "he"/"she" resolved to the last person
named outside quotes and "it" to the organisation last quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Quote, Span
from .doctext import doc_text
from .actors import ActorIndex

SPEECH_VERBS = {
    "say", "tell", "add", "state", "declare", "announce", "tweet", "write", "note", "warn",
    "insist", "claim", "stress", "emphasise", "emphasize", "assert", "reply", "explain",
    "remark", "comment", "observe", "argue", "conclude", "affirm", "reiterate", "maintain",
    "acknowledge", "admit", "confirm", "deny", "report", "quote", "describe", "call", "post",
    "predict", "suggest", "urge", "vow", "pledge", "promise", "tell", "told", "allege", "accuse",
    "charge", "recall", "recount", "respond", "retort", "counter", "point", "highlight",
    "underline", "underscore", "laud", "praise", "hail", "condemn", "denounce", "criticise",
    "criticize", "term", "brand", "label", "dismiss",
}
# Verbs that introduce a reported clause ("X said [that] Y ..."): indirect quotes.
REPORTING_VERBS = {
    "say", "tell", "add", "state", "declare", "announce", "tweet", "write", "note", "warn",
    "insist", "claim", "stress", "emphasise", "emphasize", "assert", "reply", "explain",
    "argue", "conclude", "affirm", "reiterate", "maintain", "acknowledge", "admit", "confirm",
    "deny", "report", "allege", "suggest", "predict", "announce", "indicate", "reveal",
}
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


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    # "said X" inverted order: "..., said the ministry."
    for c in verb.children:
        if c.dep_ in ("dobj", "attr") and verb.i < c.i and verb.lemma_ == "say":
            return c
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "the minister, Lucia Ferreira, posted on X: ..." parsed as a reduced relative: the
        # noun speaks, unless an agent is named ("a statement issued by the ministry").
        agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        return agent if agent is not None else verb.head
    return None


class _Speakers:
    """Resolves a subject token to an actor id, remembering who was quoted last."""

    def __init__(self, doc: Doc, actors: ActorIndex, inside: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.actors = actors
        self.inside = inside
        self.last_org: str | None = None
        self.last_person: str | None = None

    def _outside(self, tok_i: int) -> bool:
        c = self.doc[tok_i].idx
        return not any(s <= c < e for s, e in self.inside)

    def _last_before(self, tok_i: int, kinds: tuple[str, ...]) -> str | None:
        return self.actors.last_before(tok_i, kinds=kinds, skip=lambda s: not self._outside(s))

    def resolve(self, subj: Token | None) -> str | None:
        if subj is None:
            return None
        # "The UN Secretary-General, Antonio Guterres, said": the person in apposition speaks.
        appos = [c for c in subj.children if c.dep_ == "appos"]
        for t in [subj, *appos, *subj.subtree]:
            actor = self.actors.at(t.i)
            if actor:
                return self._remember(actor)
        low = subj.lower_
        if low in ("he", "she", "him", "her"):
            return self._remember(self._last_before(subj.i, ("person",)))
        if low in ("it", "they"):
            if self.last_org:
                return self.last_org
            return self._remember(self._last_before(subj.i, ("organisation", "country", "group")))
        return None

    def _remember(self, actor_id: str | None) -> str | None:
        if actor_id:
            a = self.actors.actor(actor_id)
            if a and a.kind == "person":
                self.last_person = actor_id
            elif a:
                self.last_org = actor_id
        return actor_id


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


def _governing_speech_verb(doc: Doc, span: SpacySpan) -> Token | None:
    """The speech verb that takes the quote as complement, or stands next to it."""
    # Partial quote: walk up from the quoted words to the verb that governs them.
    root = span.root
    t = root
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.lemma_ in SPEECH_VERBS and not (span.start <= t.i < span.end):
            return t
        if t.head.i == t.i:
            break
        t = t.head
    sent_start = doc[span.start].sent.start
    sent_end = doc[max(span.end - 1, span.start)].sent.end
    after = [t for t in doc[span.end:min(sent_end + 6, len(doc))]
             if t.lemma_ in SPEECH_VERBS and t.pos_ in ("VERB", "AUX")]
    # A cue right after the closing mark ("..., it said") belongs to this quote only
    # if no new quote starts first.
    if after:
        v = after[0]
        between = doc[span.end:v.i].text
        if '"' not in between[1:] and "“" not in between and "\n" not in between:
            return v
    before = [t for t in doc[sent_start:span.start]
              if t.lemma_ in SPEECH_VERBS and t.pos_ in ("VERB", "AUX")]
    return before[-1] if before else None


def extract_quotes(doc: Doc, actors: ActorIndex) -> list[Quote]:
    text = doc_text(doc)
    qspans = find_quote_spans(text)
    inside = [(q.start, q.end) for q in qspans]
    covered: set[int] = set()
    # (position, speech verb or None, content, direct, quote span) gathered first, then
    # speakers resolved in reading order so "it said" means the organisation quoted last.
    found: list[tuple[int, Token | None, Span, bool, QuoteSpan | None]] = []
    for q in qspans:
        span = _tokens_between(doc, q.start, q.end)
        if span is None or len(span) == 0:
            continue
        covered.update(range(span.start, span.end))
        found.append((q.start, _governing_speech_verb(doc, span),
                      Span(q.start, q.end, text[q.start:q.end]), True, q))
    for verb, content in _indirect(doc, covered):
        found.append((content.start, verb, content, False, None))
    found.sort(key=lambda x: x[0])
    speakers = _Speakers(doc, actors, inside)
    quotes: list[Quote] = []
    prev_speaker: str | None = None
    prev_end = -1
    prev_unclosed = False
    for _, verb, content, direct, q in found:
        if verb is not None:
            speaker = speakers.resolve(_subject(verb) if verb.lower_ != "according" else
                                       next((c for c in doc[verb.i + 1].children if c.dep_ == "pobj"), None))
            cue = _cue_span(doc, verb)
        else:
            # A second quote in the same paragraph, or a paragraph continuing an
            # unclosed quote, keeps the previous speaker.
            gap = text[prev_end:q.open_at] if (q and prev_end >= 0) else None
            same_para = gap is not None and "\n" not in gap
            continued = gap is not None and prev_unclosed and not gap.strip()
            speaker = prev_speaker if same_para or continued else None
            cue = Span(q.open_at, q.open_at + 1, text[q.open_at]) if q else content
        quotes.append(Quote(speaker=speaker, cue=cue, content=content, direct=direct))
        if q is not None:
            prev_speaker, prev_end = speaker, (q.close_at + 1 if q.close_at is not None else q.end)
            prev_unclosed = q.close_at is None
    # News runs a long quote over several paragraphs and names the speaker in the last
    # one: an unclosed paragraph with no cue takes the speaker of the paragraph continuing it.
    for n in range(len(found) - 2, -1, -1):
        q, nxt = found[n][4], found[n + 1][4]
        if q is not None and nxt is not None and q.close_at is None and quotes[n].speaker is None \
                and not text[q.end:nxt.open_at].strip():
            quotes[n].speaker = quotes[n + 1].speaker
    return quotes


def _indirect(doc: Doc, covered: set[int]) -> list[tuple[Token, Span]]:
    out: list[tuple[Token, Span]] = []
    for tok in doc:
        if tok.lemma_ not in REPORTING_VERBS or tok.pos_ != "VERB" or tok.i in covered:
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if comp is None or comp.i in covered:
            continue
        toks = [t for t in comp.subtree if t.i > tok.i]
        while toks and (toks[0].lower_ == "that" or toks[0].is_punct):
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if len(toks) < 3 or any(t.i in covered for t in toks):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        out.append((tok, Span(start, end, doc_text(doc)[start:end])))
    # "according to X, ...": the rest of the sentence is X's claim.
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            rest = [t for t in tok.sent if not (tok.i <= t.i <= pobj.right_edge.i) and not t.is_punct]
            if len(rest) < 3 or any(t.i in covered for t in rest):
                continue
            start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
            out.append((tok, Span(start, end, doc_text(doc)[start:end])))
    return out
