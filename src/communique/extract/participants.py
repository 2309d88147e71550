"""Who takes part in an event: actors behind the noun phrases around a trigger.

Subjects and objects of verbs, possessors and prepositional phrases of event
nouns, pronouns resolved through reporting verbs and quotes, "the two
countries", quantity heads ("thousands of students") and object control
("urged Iran to stop"). Used by ``events``; pure functions of the parse and the
article's actors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Place, Quote, TimeRef
from . import vocab
from .actors import ActorIndex, is_stance

_SUBJ = ("nsubj", "nsubjpass", "csubj")
# Which prepositions of an event noun name its target: "talks on trade" is a topic,
# "sanctions on Iran" a target.
NOUN_TARGET_PREPS = {
    "CONSULT": ("with", "to", "in"), "AGREE": ("with", "to"), "SUPPORT": ("for", "to", "of"),
    "AID": ("to", "for"), "COOPERATE": ("with",), "SANCTION": ("on", "against", "to"),
    "ASSAULT": ("on", "against", "in"), "COERCE": ("on", "against", "of"),
    "ACCUSE": ("against", "of"), "THREATEN": ("against", "to"), "PROTEST": ("against", "outside"),
    "REQUEST": ("to", "from"), "REJECT": ("of",), "RETREAT": ("from",), "MOBILIZE": ("to", "against"),
}
_RESTRICTIONS = {"ban", "sanction", "embargo", "restriction", "curb", "blockade", "curfew",
                 "limit", "tariff", "boycott", "freeze", "moratorium"}
VERBAL_AT = {"REQUEST", "ACCUSE", "THREATEN", "SUPPORT", "REJECT"}
AGAINST = {"SANCTION", "COERCE", "ASSAULT", "PROTEST", "THREATEN", "ACCUSE", "MOBILIZE"}
CIVILIAN = {"CVL", "OPP", "LAB", "EDU", "REF", "AGR", "SOC", "REL", None}


_INFLECTIONS = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
                ("s", ""), ("ing", ""), ("ing", "e"))


def base_forms(tok: Token) -> list[str]:
    """The token's lemma, then the words its surface form may inflect: the small model's
    lemmatiser slips ("hoped" -> "hop"), and a lexicon lookup should not slip with it."""
    low = tok.lower_
    return [tok.lemma_.lower()] + [low[: -len(suffix)] + repl for suffix, repl in _INFLECTIONS
                                   if low.endswith(suffix)]


def lemma_is(tok: Token, lemmas: set[str] | frozenset[str]) -> bool:
    return any(form in lemmas for form in base_forms(tok))


class _NoActor:
    sector = None
    country = None


NO_ACTOR = _NoActor()
_TARGET_PREPS = ("with", "to", "against", "on", "at", "for", "into", "toward", "towards", "upon", "over",
                 "outside")
FUTURE_HEADS = {"plan", "expect", "schedule", "intend", "aim", "hope", "prepare", "agree",
                 "want", "seek", "decide", "promise", "pledge", "vow", "set"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can"}
REPORTING = {"say", "announce", "tell", "claim", "add", "state", "report", "warn", "insist",
              "declare", "confirm", "deny", "indicate", "reveal", "admit", "acknowledge", "write"}
_PRONOUNS = {"it", "they", "he", "she", "we", "i"}
# Heads that count or collect the actors in their of-phrase.
_QUANTITY_HEADS = {"group", "number", "thousand", "thousands", "tens", "hundred", "hundreds",
                   "dozen", "dozens", "million", "millions", "some", "one", "two", "several",
                   "many", "most", "part", "members", "member", "leader", "leaders", "delegation",
                   "team", "unit", "units", "contingent", "batch", "patch", "crowd", "band",
                   "majority", "all", "each", "none", "few", "handful", "score", "scores",
                   "deployment", "wave", "convoy", "column", "squad"}
# Verbs whose object is the one who acts in the clause below: "urged Iran to stop".
_OBJECT_CONTROL = {"urge", "ask", "call", "accuse", "force", "order", "persuade", "allow",
                   "help", "invite", "encourage", "pressure", "press", "push", "tell", "warn",
                   "request", "require", "compel", "permit", "authorize", "authorise", "blame",
                   "convince", "instruct", "enable", "appeal", "implore", "beg", "challenge"}


@dataclass(slots=True)
class Candidate:
    trigger: Token
    governor: Token  # the verb whose tense, negation and modality apply
    category: str
    mode: str | None
    contexts: tuple[str, ...]
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    reciprocal: bool = False
    confidence: float = 0.6
    # The category of an event noun the verb is about ("condemned the attack"): its
    # actors may be found in the event it refers back to.
    about: str | None = None
    # Triggers of the action this one is about ("threatened to *impose* sanctions"),
    # folded into it as further words of the same event.
    folded: list[Token] = field(default_factory=list)


class Context:
    """What the event extractor knows about the article besides the parse."""

    def __init__(self, doc: Doc, actors: ActorIndex, times: list[TimeRef], places: list[Place],
                 quotes: list[Quote], published: dt.date | None) -> None:
        self.doc = doc
        self.actors = actors
        self.times = [t for t in times if t.value and t.precision != "duration"]
        self.places = [(m.start, m.end, p.ref()) for p in places for m in p.mentions]
        self.quotes = quotes
        self.published = published
        cities = [p for p in places if p.feature in ("city", "site")]
        self.main_place = cities[0].ref() if cities else None
        self.pairs = _pairs(actors)
        self.by_country = {}
        for a in actors.actors:
            if a.kind == "country" and a.country:
                self.by_country.setdefault(a.country, a.id)

    def speaker_at(self, char: int) -> str | None:
        for q in self.quotes:
            if q.direct and q.content.start <= char < q.content.end:
                return q.speaker
        return None

    def inside_quote(self, char: int) -> bool:
        return any(q.direct and q.content.start <= char < q.content.end for q in self.quotes)


def _pairs(actors: ActorIndex) -> dict[str, list[str]]:
    """Who "the two countries" and "the two ministers" are: the two most-mentioned of each kind."""
    def top(kinds: tuple[str, ...], need_sector: bool) -> list[str]:
        cands = [a for a in actors.actors if a.kind in kinds and a.country and
                 (not need_sector or a.sector in ("GOV", "MIL"))]
        cands.sort(key=lambda a: -len(a.mentions))
        chosen: list[str] = []
        seen: set[str] = set()
        for a in cands:
            if a.country not in seen:
                chosen.append(a.id)
                seen.add(a.country)  # type: ignore[arg-type]
            if len(chosen) == 2:
                break
        return chosen if len(chosen) == 2 else []

    return {"countries": top(("country",), False), "people": top(("person",), True)}


# Nouns for another party defined by its relation to the one that modifies them.
_RELATIONS = {"ally", "partner", "proxy", "rival", "enemy", "foe", "neighbour", "neighbor", "opponent",
              "adversary", "client", "patron", "sponsor", "backer"}


def _single(ctx: Context, tok: Token) -> list[str]:
    """Actors a noun-phrase head stands for (not following conjunctions)."""
    found = ctx.actors.at(tok.i)
    if found:
        return [found]
    for c in tok.children:
        # "his counterpart Suh Wook", "Korea's Defence Minister, Mr Suh Wook"
        if c.dep_ == "appos":
            found = ctx.actors.at(c.i)
            if found:
                return [found]
    if tok.pos_ == "NOUN" and (tok.lower_ in vocab.GROUP_NOUNS or vocab.agent_noun_sector(tok)):
        # "Arab League foreign ministers", "the EU's diplomats": people named by the body
        # they serve act for it.
        for c in tok.children:
            if c.dep_ in ("compound", "nmod", "poss") and c.i < tok.i:
                found = ctx.actors.at(c.i)
            elif c.dep_ == "prep" and c.lower_ == "of":  # "the ministers of the Arab League"
                found = next((ctx.actors.at(p.i) for p in c.children if p.dep_ == "pobj"), None)
            if found:
                return [found]
    low = tok.lower_
    if low in ("countries", "sides", "nations", "states", "governments") and any(
            c.lower_ in ("two", "both") for c in tok.children):
        return ctx.pairs["countries"]
    if low in ("ministers", "leaders", "delegations") and any(
            c.lower_ in ("two", "both", "the", "their") for c in tok.children):
        return ctx.pairs["people"] or ctx.pairs["countries"]
    if low in _PRONOUNS | {"their", "its"} and tok.dep_ in ("nsubj", "nsubjpass", "poss") and \
            not ctx.inside_quote(tok.idx):
        # "Russia said it would ...": the pronoun is the reporting verb's subject.
        node = tok.head
        for _ in range(5):
            if node.i != tok.head.i and node.pos_ in ("VERB", "AUX") and not lemma_is(node, REPORTING):
                # "bombers killed 23 when they blew themselves up, police said": the
                # nearer clause's subject, not the reporter.
                subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.lower_ not in _PRONOUNS and _agrees(ctx, low, subj):
                    found = expand(ctx, subj)
                    if found:
                        return found
            if lemma_is(node, REPORTING) and node.pos_ == "VERB":
                # "rebels rejected the plan and said they ...": a conjoined verb shares its subject
                teller = conj_head(node)
                subj = next((c for c in teller.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and subj.i != tok.i and subj.lower_ not in _PRONOUNS:
                    found = expand(ctx, subj)
                    if found:
                        return found
                break
            if node.head.i == node.i:
                break
            node = node.head
    if low in ("we", "i", "us", "me") and ctx.inside_quote(tok.idx):
        sp = ctx.speaker_at(tok.idx)
        return [sp] if sp else []
    if low in ("he", "she"):
        sp = ctx.speaker_at(tok.idx) if ctx.inside_quote(tok.idx) else None
        last = ctx.actors.last_before(tok.i, kinds=("person",))
        return [last] if last and last != sp else []
    if low in ("they", "them") and ctx.pairs["countries"]:
        return ctx.pairs["countries"]
    if low in ("it", "its") and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        last = ctx.actors.last_before(tok.i, kinds=("organisation", "country"))
        return [last] if last else []
    ids: list[str] = []
    relation = tok.lemma_.lower() in _RELATIONS
    for c in tok.children:
        if relation and c.dep_ == "poss":
            continue  # "Israel's militia ally": someone else, related to Israel ("NATO allies" stay NATO)
        if c.dep_ in ("compound", "amod", "poss", "nmod") and c.i < tok.i:
            for cc in [c, *c.conjuncts]:
                a = ctx.actors.at(cc.i) or _leader(ctx, cc)
                if a and a not in ids:
                    ids.append(a)
    if not ids and (tok.lemma_.lower() in _QUANTITY_HEADS or tok.like_num):
        # "Tens of thousands of students", "a group of Moroccan diplomats"
        ids = _of_actors(ctx, tok)
        if not ids:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj" and (p.lemma_.lower() in _QUANTITY_HEADS or p.like_num):
                            ids = _single(ctx, p)
    return ids


def _leader(ctx: Context, mod: Token) -> str | None:
    """ "the Saudi-led coalition", "U.S.-led forces": a force is its leader's, as event
    datasets code it ("-backed" forces are not their backer's)."""
    low = mod.lower_
    if low == "led":
        for c in mod.children:
            if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i < mod.i:
                found = ctx.actors.at(c.i)
                if found:
                    return found
    elif low.endswith("-led"):
        code = vocab.country_code(mod.text[:-4])
        if code:
            return ctx.by_country.get(code) or ctx.actors.implied_country(code, mod.idx, mod.idx + len(mod.text) - 4)
    return None


def _agrees(ctx: Context, pronoun: str, subj: Token) -> bool:
    """Whether a subject can be what the pronoun stands for: "they" a plural, "it" a
    singular body or country, "he"/"she" a person."""
    plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    if pronoun in ("they", "their"):
        return plural
    actor = ctx.actors.actor(ctx.actors.at(subj.i) or "")
    if pronoun in ("it", "its"):
        return not plural and actor is not None and actor.kind in ("country", "organisation")
    return actor is not None and actor.kind == "person"


def conj_head(tok: Token) -> Token:
    """The first of a run of conjuncts: "launched artillery, mortar and rocket fire" -> artillery."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def country_of_modifier(ctx: Context, tok: Token) -> list[str]:
    """ "sanctions on Tajik goods", "demolished Palestinian homes": the country the thing belongs to."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
            code = vocab.country_code(c.text) or vocab.country_code(ctx.doc[c.left_edge.i:c.i + 1].text)
            if code and code in ctx.by_country:
                return [ctx.by_country[code]]
    return []


def expand(ctx: Context, tok: Token) -> list[str]:
    ids: list[str] = []
    for t in [tok, *tok.conjuncts]:
        for a in _single(ctx, t):
            if a not in ids:
                ids.append(a)
    return ids


def _of_actors(ctx: Context, tok: Token) -> list[str]:
    """Actors inside an object phrase: "the contribution of South Korea", "an offer from
    Afghanistan", "an appeal by the UN"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "by"):
            for p in c.children:
                if p.dep_ == "pobj":
                    found = expand(ctx, p)
                    if found:
                        return found
    return []


# Documents that speak for whoever issued them: "a Canadian parliamentary report called
# for sanctions", "a joint statement by India and Japan condemned the attack".
DOCUMENT_NOUNS = {"report", "statement", "resolution", "communique", "communiqué", "declaration",
                  "letter", "memo", "memorandum", "note", "decree", "ruling", "verdict", "study",
                  "editorial", "document", "cable", "message", "white paper", "bill", "motion"}


def issuers(ctx: Context, doc_noun: Token) -> list[str]:
    """The actors a document noun stands for: its possessor, its "by"/"from"/"of" phrase,
    or the actors its modifiers name ("the UN resolution", "a U.S. congressional report")."""
    if doc_noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return []
    found: list[str] = []
    for c in doc_noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            found += [a for p in c.children if p.dep_ == "pobj" for a in expand(ctx, p)]
        elif c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < doc_noun.i:
            found += expand(ctx, c)
    return list(dict.fromkeys(found))


def subjects(ctx: Context, verb: Token) -> tuple[list[str], bool]:
    """Source actors of a verb and whether the verb is passive."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return expand(ctx, p), True
        return [], True
    # A noun subject before a clausal one: "Visiting Indian Prime Minister Modi held talks"
    # parses "Visiting" as a clausal subject beside the noun subject.
    for c in sorted((c for c in verb.children if c.dep_ in _SUBJ), key=lambda c: c.dep_ == "csubj"):
        if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return expand(ctx, verb.head), False
        if c.tag_ == "VBG" and not ctx.actors.at(c.i):
            # "The Red Cross operating in Iraq said", parsed with the participle as subject
            inner = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if inner is not None:
                return expand(ctx, inner), False
        return expand(ctx, c) or issuers(ctx, c), False
    if verb.dep_ == "relcl":
        return expand(ctx, verb.head), False
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        # "a declaration demanding that ...": the noun's author demands.
        found = expand(ctx, verb.head)
        if not found and verb.head.dep_ in ("dobj", "nsubj", "pobj") and verb.head.head.pos_ == "VERB":
            found = subjects(ctx, verb.head.head)[0]
        if found:
            return found, False
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head  # "accused Tajikistan of attacking": climb over the preposition
    if verb.dep_ in ("xcomp", "pcomp") and head.pos_ == "VERB":
        # Object control: "urged Iran to stop", "accused X of attacking" - the object acts.
        obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and lemma_is(head, _OBJECT_CONTROL):
            found = expand(ctx, obj)
            if found:
                return found, False
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp", "attr") and head is not verb and \
            not (verb.dep_ == "xcomp" and head.pos_ in ("NOUN", "PROPN")):
        # (a noun's infinitive, "as attempts to resolve the crisis", has no known agent)
        # "he is prepared to lift the ban": through the adjective to the copula's subject.
        return subjects(ctx, head)[0], False
    # A quoted sentence without a subject ("Had excellent talks with ...") is the speaker's.
    if ctx.inside_quote(verb.idx) and verb.dep_ == "ROOT":
        sp = ctx.speaker_at(verb.idx)
        return ([sp] if sp else []), False
    return [], False


def targets(ctx: Context, verb: Token, passive: bool, prep: str | None = None, *,
             owned: bool = False) -> list[str]:
    """Target actors of a verb. With ``owned``, a thing's owner counts ("demolished
    Palestinian homes", "sanctions on Tajik goods"): right for actions against property,
    wrong for cooperation ("inaugurated the India-Korea park" is not aimed at Korea)."""
    def owner(tok: Token) -> list[str]:
        return country_of_modifier(ctx, tok) if owned else []

    ids: list[str] = []
    for c in verb.children:
        if passive and c.dep_ == "nsubjpass":
            ids += expand(ctx, c) or _of_actors(ctx, c) or owner(c)
        elif c.dep_ == "dative" and c.pos_ == "ADP":
            # "send troops to Haiti": the parser marks the to-phrase dative.
            ids += [a for p in c.children if p.dep_ == "pobj" for a in expand(ctx, p)]
        elif c.dep_ in ("dobj", "dative", "iobj", "attr"):
            ids += expand(ctx, c) or _of_actors(ctx, c) or owner(c)
    if not ids:
        for c in verb.children:
            if c.dep_ == "prep" and (c.lower_ == prep or (prep is None and c.lower_ in _TARGET_PREPS)):
                for p in c.children:
                    if p.dep_ == "pobj":
                        ids += expand(ctx, p) or owner(p)
            elif c.dep_ == "dobj":
                # "gave X a grant", "held talks with X", "lift the ban on X": the object's
                # own phrase names the party.
                preps = ("with", "to", "against", "on") if c.lemma_.lower() in _RESTRICTIONS \
                    else ("with", "to", "against")
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in preps:
                        for p in g.children:
                            if p.dep_ == "pobj":
                                ids += expand(ctx, p)
    return ids


# Dependents of a verb that hold what the act is done to or about; a subject, an adverbial
# clause or a time phrase does not.
_OBJECT_DEPS = {"dobj", "ccomp", "xcomp", "attr", "oprd", "dative", "nsubjpass", "prep", "pcomp"}
_TOPIC_PREPS = ("on", "about", "over", "regarding", "concerning")
_OBJECT_DEPTH = 5  # arcs below the verb: deeper words describe, they are not aimed at
_COOPERATIVE = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID"}
_HELD_SOMEWHERE = {"CONSULT", "AGREE"}
_NOT_PARTY_PREPS = {"since", "until", "during", "after", "before", "following", "according", "despite"}


def place_party(ctx: Context, tok: Token) -> str | None:
    """The actor of the country of a place named at ``tok`` (the country's own actor, or one
    the article implies), as a place stands for its country when it is an act's party."""
    place = next((p for s, e, p in ctx.places if s <= tok.idx < e), None)
    if place is None or not place.country:
        return None
    return ctx.by_country.get(place.country) or ctx.actors.implied_country(
        place.country, tok.idx, tok.idx + len(tok.text))


def object_party(ctx: Context, verb: Token, source: list[str], category: str) -> list[str]:
    """The first actor named anywhere in the verb's object phrase, as event coders read a
    target when no argument names one: "demanded an admission by Moscow" is aimed at
    Russia, "threatened a curfew in Algiers" at Algeria. A place in the phrase stands for
    its country. What a cooperative act is about is its topic, not a party: "an agreement
    on coast guard equipment" is not made with the coast guard."""
    topics = _TOPIC_PREPS if category in _COOPERATIVE else ()
    # Meetings and agreements happen somewhere: "an emergency meeting in Brussels", "a pact
    # signed in Moscow" name where, and the place's country is no party to them.
    places_are_parties = category not in _HELD_SOMEWHERE
    spans: list[tuple[Token, bool]] = []  # (token, may a place there stand for its country)

    def walk(tok: Token, places: bool, depth: int) -> None:
        spans.append((tok, places))
        if depth < _OBJECT_DEPTH:
            for c in tok.children:
                if not (c.dep_ == "prep" and c.lower_ in topics):
                    walk(c, places, depth + 1)

    for c in verb.children:
        if c.dep_ in _OBJECT_DEPS and not (c.dep_ == "prep" and c.lower_ in (*_NOT_PARTY_PREPS, *topics)):
            # A place in the verb's own prepositional phrase is where it happens ("at
            # Geneva"), not whom it is aimed at; one inside the object is ("a curfew in Algiers").
            walk(c, places_are_parties and c.dep_ != "prep", 1)
    spans.sort(key=lambda x: x[0].i)
    for tok, places in spans:
        if tok.lower_ in _PRONOUNS or tok.lower_ in ("its", "their", "his", "her") or is_stance(tok):
            continue
        found = ctx.actors.at(tok.i)
        if tok.dep_ in ("amod", "compound", "nmod") and (found is None or ctx.actors.at(tok.head.i) != found):
            # "the Iranian arms sale", "the Uruguay Round": a kind of thing, not a party
            continue
        if found is None and places:
            found = place_party(ctx, tok)
        if found and found not in source:
            return [found]
    return []
