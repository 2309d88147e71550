"""Who speaks: the cue's subject phrase, as the text gives it, and the actor it names.

The whole phrase is kept ("A senior official who asked not to be named", "President
Lund's son", "she"). It stands for an actor when it names one (its head is inside an
actor's mention, or a name stands in apposition), when it is someone who speaks for one
("a spokeswoman for the ministry", "Norland officials": the institution's words), when it
holds words ("the ministry's statement": the ministry), or when it is a pronoun or a
definite description of a news outlet ("the daily") read back to the last one named. A
phrase whose head is anyone else ("Lund's son", "farmers near the crossing", "aid
groups") is a described speaker: the words are kept, no actor is made up, and the
possessor is not the speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import Span
from .actors import ActorIndex
from .doctext import doc_text
from .quotecues import SPEECH_NOUNS, noun_speaker

# Heads of a phrase that speaks for the institution named inside it.
_SPOKES = {
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen",
    "representative", "representatives", "official", "officials", "source", "sources", "aide",
    "aides", "envoy", "delegate", "delegation", "diplomat", "diplomats", "press",
    "secretary", "minister", "ministry", "department", "authorities", "leadership",
}
_OUTLETS = {"daily", "newspaper", "paper", "agency", "broadcaster", "outlet", "magazine", "weekly",
            "tabloid", "network", "channel", "station", "site", "website"}
# Words that start a clause the parser may hang on the phrase ("leader as the row deepens").
_SUBORDINATORS = {"as", "while", "when", "after", "before", "because", "since", "amid", "despite"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GROUP_PRONOUNS = {"it", "they", "we"}
_INNER_DEPS = {"compound", "amod", "prep", "pobj", "poss", "nmod", "npadvmod", "case"}


def phrase_span(doc: Doc, head: Token, limit: int | None = None) -> Span:
    """The characters of ``head``'s phrase, cut before a quote mark, a line break, the
    character ``limit`` (a colon) or the cue, and without edge punctuation."""
    # A clause hanging on the phrase is not part of who speaks: "leader as the row deepens".
    dropped = {t.i for c in head.children if c.dep_ in ("advcl", "parataxis") for t in c.subtree}
    toks = [t for t in doc[head.left_edge.i:head.right_edge.i + 1]]
    cut_at = [t for t in toks if t.i in dropped or (t.i > head.i and t.lower_ in _SUBORDINATORS)]
    cut = [t for t in toks if t.text in ('"', "“", "”", "‘", "«") or "\n" in t.text
           or (limit is not None and t.idx >= limit)] + cut_at
    before = [t for t in toks if t.i < head.i and t in cut]
    after = [t for t in toks if t.i > head.i and t in cut]
    lo = before[-1].i + 1 if before else toks[0].i
    hi = after[0].i if after else toks[-1].i + 1
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space or doc[hi - 1].dep_ == "cc"
                           or doc[hi - 1].tag_ == "POS"):
        hi -= 1
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    return Span(start, end, doc_text(doc)[start:end])


class Speakers:
    """Resolves a speaker phrase to an actor id, remembering who was quoted last."""

    def __init__(self, doc: Doc, actors: ActorIndex, inside: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.actors = actors
        self.inside = inside
        self.last_org: str | None = None
        self.last_outlet: str | None = None  # "the newspaper Dagbladet", read back by "the daily"

    def _outside(self, tok_i: int) -> bool:
        c = self.doc[tok_i].idx
        return not any(s <= c < e for s, e in self.inside)

    def _last_before(self, tok_i: int, kinds: tuple[str, ...]) -> str | None:
        return self.actors.last_before(tok_i, kinds=kinds, skip=lambda s: not self._outside(s))

    def resolve(self, head: Token | None) -> str | None:
        if head is None:
            return None
        actor = self._actor(head)
        if actor is not None and any(t.lower_ in _OUTLETS for t in head.subtree):
            self.last_outlet = actor
        return self._remember(actor)

    def _inner_actor(self, head: Token) -> str | None:
        """An actor named inside the phrase by its modifiers ("a ministry spokeswoman",
        "officials in Norland"), not inside a clause of its own."""
        stack = [c for c in head.children if c.dep_ in _INNER_DEPS]
        while stack:
            t = stack.pop(0)
            if (actor := self.actors.at(t.i)) is not None:
                return actor
            stack += [c for c in t.children if c.dep_ in _INNER_DEPS]
        return None

    def _actor(self, head: Token) -> str | None:
        if (actor := self.actors.at(head.i) or self._by_surname(head)) is not None:
            return actor
        # "The UN Secretary-General, Antonio Guterres, said": the person in apposition speaks.
        for c in head.children:
            if c.dep_ == "appos" and (actor := self.actors.at(c.i) or self._inner_name(c)) is not None:
                return actor
        low = head.lower_
        if low in _PERSON_PRONOUNS:
            return self._last_before(head.i, ("person",))
        if low in _GROUP_PRONOUNS:
            return self.last_org or self._last_before(head.i, ("organisation", "country", "group"))
        if low in SPEECH_NOUNS and (owner := noun_speaker(head)) is not None:
            return self._actor(owner)
        if low in _SPOKES or head.lemma_.lower() in _SPOKES:
            return self._inner_actor(head)
        if low in _OUTLETS and any(c.lower_ == "the" for c in head.children):
            return self.last_outlet
        return None

    def _by_surname(self, head: Token) -> str | None:
        """A name the actor index left out ("Mart" after "Ilona Mart"): the one actor
        named before it whose name ends with it."""
        if head.pos_ != "PROPN" or not head.text[:1].isupper():
            return None
        hits = {a.id for a in self.actors.actors if a.kind in ("person", "organisation")
                and a.name.split()[-1:] == [head.text] and len(a.name.split()) > 1
                and any(s < head.i for s in self.actors.mention_starts.get(a.id, ()))}
        return hits.pop() if len(hits) == 1 else None

    def _inner_name(self, tok: Token) -> str | None:
        return next((a for t in tok.subtree if (a := self.actors.at(t.i)) is not None), None)

    def _remember(self, actor_id: str | None) -> str | None:
        a = self.actors.actor(actor_id) if actor_id else None
        if a is not None and a.kind != "person":
            self.last_org = actor_id
        return actor_id
