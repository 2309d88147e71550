"""Within-article coreference of organisations (and people's offices) beyond their names.

Anaphora (``resolve_organisation_anaphora``): "it", "its", "they" stand for the
organisation their clause, or a clause above it, has for subject, else the one named
last; "the company", "the airline" for the organisation named last; "which" for the
organisation its clause describes. A company's "we" in the words of the company or of its
executive is a mention of it (``resolve_company_we``), and so is a person's office beside
the name ("Orion Motors CEO Jana Novak", ``person_descriptions``).

Names and descriptions of organisations ("Brightwater Holdings PLC" is "Brightwater",
"the Irish airline" beside "Skyreach Airways") are in ``orgnames``, which this builds on.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from . import vocab
from .orgnames import (ORGANISATION_NOUNS, WINDOW_SENTENCES, definite, described, description_start,
                       named_next, sentence_index)

if TYPE_CHECKING:
    from .mentions import Mention

# --- anaphora ---------------------------------------------------------------------------

# Words of an organisation's name that a description's head noun echoes: "the bank" for
# the Bank of Lisbon, "the airline" for Skyreach Airways.
_ECHOES = {
    "airline": ("air", "airline", "airlines", "airways"), "carrier": ("air", "airlines", "airways"),
    "bank": ("bank", "reserve"), "automaker": ("motor", "motors", "auto"),
    "carmaker": ("motor", "motors", "auto"), "insurer": ("insurance",),
    "group": ("group",), "agency": ("agency",), "exchange": ("exchange",),
}
_IT = {"it", "its", "itself"}
_THEY = {"they", "their", "themselves", "theirs"}
_RELATIVE = {"which", "who", "whom", "whose", "that"}
_ANAPHORS = frozenset(_IT | _THEY | _RELATIVE | ORGANISATION_NOUNS)


class _Antecedents:
    """Actor mentions in text order, read once alongside the tokens."""

    def __init__(self, entries: list[tuple[int, int, str, str, int, bool]]) -> None:
        # (start token, end token, actor id, kind, sentence index, a subject?), by start
        self.entries = entries
        self.seen = 0
        self.resolved: list[tuple[int, int, str, str, int, bool]] = []  # anaphors, in text order

    def before(self, tok_i: int, sent: int, sentences: int) -> list[tuple[int, int, str, str, int, bool]]:
        """Mentions ending before token ``tok_i`` in its sentence or the ``sentences``
        before, the anaphors already resolved among them, in text order."""
        while self.seen < len(self.entries) and self.entries[self.seen][1] <= tok_i:
            self.seen += 1
        k = self.seen
        while k > 0 and sent - self.entries[k - 1][4] <= sentences:
            k -= 1
        j = len(self.resolved)
        while j > 0 and sent - self.resolved[j - 1][4] <= sentences:
            j -= 1
        if j == len(self.resolved):
            return self.entries[k:self.seen]
        return sorted(self.entries[k:self.seen] + self.resolved[j:])


def resolve_organisation_anaphora(doc: Doc, actors: list, mentions_of: dict[str, list["Mention"]],
                                  by_token: dict[int, str], quoted: list[tuple[int, int]],
                                  ) -> list[tuple[str, int, int]]:
    """(actor id, first token, end token) for each description or pronoun that stands for
    an organisation named before it: "the company", "it", "its", "their", "which".

    A pronoun is first the subject of its clause or of a clause above it ("Orion said that
    it would ...", "Orion has raised its stake"): not an organisation if that subject is
    some other thing ("the plane made its first flight"); else the organisation, country
    or group named last, within two sentences, in the pronoun's sentence or as a subject
    (only an organisation is taken)."""
    kind_of = {a.id: a.kind for a in actors}
    sent_of = sentence_index(doc)
    entries = sorted((m.start, m.end, aid, kind_of[aid], sent_of[m.start], _is_subject(doc, m.start, m.end))
                     for aid, ms in mentions_of.items() for m in ms)
    named = {aid for aid, ms in mentions_of.items()
             if kind_of[aid] == "organisation" and any(m.source in ("ner", "igo") for m in ms)}
    names = {aid: {w.casefold() for m in mentions_of[aid] for w in m.name.split()} for aid in named}
    before = _Antecedents(entries)
    out: list[tuple[str, int, int]] = []
    taken: dict[int, str] = {}

    def actor_at(t: Token) -> str | None:
        return by_token.get(t.i) or taken.get(t.i)

    # Inside quotation marks "it" is the speaker's word for anything at all. (The `` ''
    # marks of tokenised wire copy do not count: there the quotes are mostly a company's.)
    inside_quote = inside_spans(doc, quoted)
    for i in tokens_among(doc, _ANAPHORS):
        tok = doc[i]
        if i in by_token:
            continue
        inside = inside_quote[tok.i]
        low = tok.lower_
        found: tuple[str, int, int] | None = None
        if low in _RELATIVE and tok.head.dep_ == "relcl" and tok.i < tok.head.i:
            owner = actor_at(tok.head.head)
            if owner is not None and tok.head.head.i < tok.i and \
                    (low != "that" or kind_of.get(owner) in ("organisation", "group")):
                found = (owner, tok.i, tok.i + 1)
        elif inside:
            continue
        elif (low in _IT and _referential_it(tok)) or low in _THEY:
            obj = tok.dep_ in ("dobj", "pobj", "dative")
            if obj:
                # "selling it": never its own clause's subject.
                bound, aid = False, None
                mate = next(iter(_subjects_above(tok)), None)
                exclude = actor_at(mate) if mate is not None else None
            else:
                bound, aid = _bound_by_subject(tok, actor_at, kind_of, plural=low in _THEY)
                exclude = None
            if not bound:
                prior = before.before(tok.i, sent_of[tok.i], WINDOW_SENTENCES)
                aid = _last(prior, ("organisation", "country", "group"), sent=sent_of[tok.i],
                            exclude=exclude)
            if aid is not None and kind_of[aid] == "organisation":
                found = (aid, tok.i, tok.i + 1)
        elif low in ORGANISATION_NOUNS and tok.tag_ == "NN" and tok.dep_ in ("attr", "compound", "appos"):
            # "Volkhart is the country's largest carmaker", "US automaker Orion", "Skyreach,
            # the Irish airline"
            aid = next((a for t in described(tok) if (a := actor_at(t)) in named), None)
            if aid is not None:
                found = (aid, description_start(tok), tok.i + 1)
        elif low in ORGANISATION_NOUNS and tok.tag_ == "NN" and \
                (aid := named_next(doc, tok.i + 1, by_token, named)) is not None:
            found = (aid, description_start(tok), tok.i + 1)
        elif low in ORGANISATION_NOUNS and tok.tag_ == "NN" and definite(tok):
            prior = before.before(tok.i, sent_of[tok.i], WINDOW_SENTENCES + 1)
            orgs = [p for p in prior if p[2] in named]
            if orgs:
                echo = _ECHOES.get(low, ())
                matching = [p for p in orgs if names[p[2]] & set(echo)]
                aid = (matching or orgs)[-1][2]
                found = (aid, description_start(tok), tok.i + 1)
        if found is not None:
            out.append(found)
            before.resolved.append((found[1], found[2], found[0], kind_of[found[0]], sent_of[tok.i],
                                    _is_subject(doc, found[1], found[2])))
            taken.update((t, found[0]) for t in range(found[1], found[2]))
    return out


_PRONOUNS = _IT | _THEY | {"he", "she", "him", "his", "her", "we", "our", "us", "i", "you"} | _RELATIVE


def _bound_by_subject(tok: Token, actor_at, kind_of: dict[str, str], *, plural: bool,
                      ) -> tuple[bool, str | None]:
    """(decided, actor id) from the subjects of the clauses above the pronoun: the first
    organisation, country or group among them; nothing if the pronoun's own clause has
    another thing for its subject; undecided if no subject tells."""
    direct = True
    past_person = False
    for subj in _subjects_above(tok):
        if past_person:
            # "Reagan was ready to act against Japan for breaking its pact, White House
            # officials said": above a person's clause, the reporter binds nothing.
            return False, None
        if plural and any(c.dep_ == "conj" for c in subj.children):
            return True, None  # "Orion and Volkhart ... their workforces": both of them
        aid = actor_at(subj)
        if aid is None:
            # "Irish airline, Skyreach, announced ...": the name in apposition.
            aid = next((a for c in subj.children if c.dep_ in ("appos", "compound")
                        and (a := actor_at(c)) is not None), None)
        if aid is not None:
            kind = kind_of.get(aid)
            if kind in ("organisation", "country", "group"):
                return True, aid
            direct, past_person = False, True
            continue  # a person: "he said it would ..." is not about him
        if subj.lower_ in _PRONOUNS:
            direct = False
            continue
        if direct and subj.pos_ in ("NOUN", "PROPN") and \
                (subj.tag_ in ("NNS", "NNPS")) == plural:
            return True, None  # "the plane made its first flight"
        direct = False
    return False, None


def _subjects_above(tok: Token, *, depth: int = 8):
    """Subjects of the clauses that hold the token, innermost first; a participle's noun
    ("the software controlling its engines") stands for its subject."""
    node = tok
    for _ in range(depth):
        if node.head.i == node.i:
            return
        child, node = node, node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.i != tok.i and c.i != child.i), None)
            if subj is not None:
                yield subj
            elif node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN"):
                yield node.head
                node = node.head


def sentence_starts(doc: Doc) -> list[int]:
    """Per token, the index of the first token of its sentence."""
    starts = doc.to_array(SENT_START) == 1
    if not len(starts):
        return []
    starts[0] = True
    first = numpy.flatnonzero(starts)
    return first[numpy.cumsum(starts) - 1].tolist()


def _last(prior: list, kinds: tuple[str, ...], *, sent: int, exclude: str | None = None) -> str | None:
    """The actor of these kinds named last: in this sentence, or as a subject before it."""
    for _, _, aid, kind, s, subject in reversed(prior):
        if kind in kinds and aid != exclude and (s == sent or subject):
            return aid
    return None


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    """The mention is its clause's subject, or names it ("Carmaker Orion said", "Irish
    airline, Skyreach, announced")."""
    head = doc[end - 1]
    for _ in range(2):
        if head.dep_ in ("nsubj", "nsubjpass"):
            return True
        if head.dep_ not in ("appos", "compound", "poss") or head.head.i == head.i:
            return False
        head = head.head
    return False


def _referential_it(tok: Token) -> bool:
    """Not the "it" of "it is expected that", "it was a milestone": an "it" that is the
    subject of "be" (or of a passive verb) with a clause after it refers to nothing."""
    if tok.lower_ != "it":
        return True
    head = tok.head
    if tok.dep_ in ("expl",):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass"):
        if head.lemma_ in ("be", "seem", "appear", "remain", "take", "happen", "matter"):
            return False
        if tok.dep_ == "nsubjpass" and any(c.dep_ in ("ccomp", "xcomp") for c in head.children):
            return False
    return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative")


# --- people's descriptions --------------------------------------------------------------

# Head nouns of a description of a person by office or job: "the Orion chief executive".
PERSON_TITLE_HEADS = vocab.HEAD_TITLES | {
    "ceo", "executive", "officer", "chairman", "chairwoman", "chair", "director", "founder",
    "co-founder", "analyst", "head", "vice-president", "manager", "economist", "spokesman",
    "spokeswoman", "spokesperson", "secretary", "minister", "president", "official",
}


def person_descriptions(doc: Doc, m: "Mention", sent_start: int) -> list[tuple[int, int]]:
    """Token spans that describe the person named at ``m`` by an office: a modified title
    before the name ("Orion Motors CEO Jana Novak", "Latvian President Ilze Berzina", not a
    bare "President Berzina") and a title in apposition ("Tomas Berg, the Orion chief
    executive,", "the Prime Minister of Latvia, Mr. Janis Ozols")."""
    from .persons import title_start

    out: list[tuple[int, int]] = []
    name_start = m.start
    if m.honorific and name_start > sent_start and \
            doc[name_start - 1].lower_.rstrip(".") == m.honorific.lower().rstrip("."):
        name_start -= 1
    ts = title_start(doc, name_start, sent_start)
    # Owners before the title: "Orion Inc. CEO", "U.S. President", "company CEO".
    while ts > sent_start and doc[ts - 1].dep_ in ("compound", "amod", "nmod", "poss", "case") \
            and ts <= doc[ts - 1].head.i < name_start and not doc[ts - 1].is_punct:
        ts -= 1
    title = doc[ts:name_start]
    if len(title) >= 2 and any(t.lower_ in PERSON_TITLE_HEADS for t in title) and \
            any(t.lower_.rstrip(".") not in vocab.TITLE_WORDS for t in title):
        out.append((ts, name_start))
    head = doc[m.end - 1]
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and c.lower_ in PERSON_TITLE_HEADS:
            out.append(_trimmed(c.left_edge.i, c.right_edge.i + 1, doc))
    if head.dep_ == "appos" and head.head.i < m.start and head.head.lower_ in PERSON_TITLE_HEADS:
        t = head.head
        end = m.start
        while end > t.i + 1 and (doc[end - 1].is_punct or doc[end - 1].lower_.rstrip(".") in vocab.HONORIFICS):
            end -= 1
        out.append(_trimmed(t.left_edge.i, end, doc))
    return [(s, e) for s, e in out if s < e]


def _trimmed(s: int, e: int, doc: Doc) -> tuple[int, int]:
    while s < e and doc[s].is_punct:
        s += 1
    while e > s and doc[e - 1].is_punct:
        e -= 1
    return s, e


# --- "we" in a company's words ----------------------------------------------------------

_WE = frozenset({"we", "our", "us", "ours", "ourselves"})
# Offices that speak for a company rather than a state.
_COMPANY_VOICES = {"ceo", "executive", "chairman", "chairwoman", "spokesman", "spokeswoman",
                   "spokesperson", "director", "officer", "founder", "co-founder", "manager"}


_TEX_QUOTE = re.compile(r"``((?:(?!\n\s*\n).)*?)''", re.S)


def inside_spans(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    """Per token, whether it starts inside one of these character spans."""
    inside = [False] * len(doc)
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        for i in range(span.start, span.end):
            inside[i] = inside[i] or s <= doc[i].idx < e
    return inside


def tokens_among(doc: Doc, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-cased form is one of ``words``, found without a
    Python loop over the tokens."""
    if not len(doc):
        return []
    return numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), _hashes(words))).tolist()


@functools.lru_cache(maxsize=16)
def _hashes(words: frozenset[str]) -> numpy.ndarray:
    return numpy.fromiter((hash_string(w) for w in words), dtype=numpy.uint64)


def quoted_tokens(doc: Doc, quoted: list[tuple[int, int]]) -> list[bool]:
    """Per token, whether it stands inside a quotation: the spans found in the text, or
    between the `` and '' marks of tokenised text, within a paragraph."""
    from .doctext import doc_text

    return inside_spans(doc, [*quoted, *((m.start(1), m.end(1)) for m in _TEX_QUOTE.finditer(doc_text(doc)))])


def resolve_company_we(doc: Doc, actors: list, mentions_of: dict[str, list["Mention"]],
                       by_token: dict[int, str], quoted: list[tuple[int, int]],
                       ) -> list[tuple[str, int, int]]:
    """(actor id, token, token + 1) for "we", "our", "us" quoted from an organisation
    ("Orion said: "We will hire ...") or from its executive or spokesperson, who speaks for
    the organisation named in their title, else the one named last; not from officials of
    a state, whose "we" is their country's or government's."""
    from .quotes import SPEECH_VERBS

    candidates = [doc[i] for i in tokens_among(doc, _WE) if i not in by_token]
    if not candidates:
        return []
    kind_of = {a.id: a.kind for a in actors}
    roles = {a.id: " ".join(filter(None, (a.role, a.sector))).casefold() for a in actors}
    sector = {a.id: a.sector for a in actors}
    inside = quoted_tokens(doc, quoted)
    named = sorted((m.start, aid) for aid, ms in mentions_of.items()
                   if kind_of[aid] == "organisation" and any(x.source in ("ner", "igo") for x in ms)
                   for m in ms)
    spoken_for = {aid for _, aid in named}
    named_starts = [st for st, _ in named]
    first_of = sentence_starts(doc)
    bounds = sorted(set(first_of))
    sent_no = {st: n for n, st in enumerate(bounds)}
    out: list[tuple[str, int, int]] = []
    cache: dict[int, str | None] = {}
    employers: dict[str, str | None] = {}
    for tok in candidates:
        if not inside[tok.i]:
            continue
        n = sent_no[first_of[tok.i]]
        if n not in cache:
            cache[n] = None
            for k in (n, n - 1, n + 1):
                if 0 <= k < len(bounds):
                    end = bounds[k + 1] if k + 1 < len(bounds) else len(doc)
                    speaker = _speaker(doc[bounds[k]:end], inside, by_token, SPEECH_VERBS)
                    if speaker is not None:
                        cache[n] = speaker
                        break
        speaker = cache[n]
        if speaker is None:
            continue
        if speaker in spoken_for:
            out.append((speaker, tok.i, tok.i + 1))
        elif kind_of.get(speaker) == "person" and sector.get(speaker) not in ("GOV", "MIL", "LEG", "JUD", "COP") \
                and set(roles[speaker].replace("-", " ").split()) & _COMPANY_VOICES:
            if speaker not in employers:
                employers[speaker] = _employer(doc, mentions_of[speaker], by_token, spoken_for, first_of)
            employer = employers[speaker]
            if employer is None:
                k = bisect.bisect_left(named_starts, tok.i)
                employer = named[k - 1][1] if k and tok.i - named[k - 1][0] < 200 else None
            if employer is not None:
                out.append((employer, tok.i, tok.i + 1))
    return out


def _employer(doc: Doc, mentions: list["Mention"], by_token: dict[int, str], orgs: set[str],
              sent_start: list[int]) -> str | None:
    """The organisation named in a person's title: "Orion spokesman X", "X, chief
    financial officer of Norrland Air"."""
    for m in mentions:
        for s, e in person_descriptions(doc, m, sent_start[m.start]):
            found = next((by_token[t] for t in range(s, e) if by_token.get(t) in orgs), None)
            if found:
                return found
    return None


def _speaker(sent, inside: list[bool], by_token: dict[int, str], verbs: set[str]) -> str | None:
    """The actor a speech verb of the sentence, outside the quotation, has for subject."""
    for t in sent:
        if inside[t.i] or t.pos_ not in ("VERB", "AUX") or t.lemma_ not in verbs:
            continue
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and not inside[c.i]:
                found = by_token.get(c.i) or next(
                    (by_token[x.i] for x in c.children if x.dep_ in ("appos", "compound") and x.i in by_token), None)
                if found:
                    return found
    return None
