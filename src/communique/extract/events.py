"""PLOVER events: who did what to whom, when and where, from the dependency parse.

A trigger is a verb from the lexicon ("lauded"), a verb with its object
("exchanged views"), or an event noun ("talks", "visit") with its own
participants ("talks between X and Y", "X's visit to Y") or acted out by a
light verb ("held talks with Y"). Participants must be actors: a noun that
merely names a topic ("assertiveness figured in the talks") gives no event.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from ..ontology import lexicon
from ..ontology.triggers import (
    ALERT_VERBS, CONTEXT_WORDS, COOPERATIVE, DAMAGING_VERBS, GOVERNED_NOUN_TRIGGERS, INTENT_HEADS, LAUNCHERS, JOINT_ADVERBS, LIGHT_VERB_NOUN_OVERRIDES, LIGHT_VERB_OVERRIDES, LIGHT_VERBS,
    NOT_TRIGGERS, NOUN_TRIGGERS, ON_STRIKE_VERBS, RECEIVED_NOUN_TRIGGERS, RECEIVERS, PATTERN_ONLY, PROPERTY_NOUNS, RAZING_VERBS, RECIPROCAL, SOURCELESS, THREAT_MODES,
    VERB_OBJECT_TRIGGERS, VERB_TRIGGERS,
)
from ..records import Event, Place, Quote, Span, TimeRef
from .doctext import doc_text
from . import vocab
from .actors import ActorIndex
from .anchors import history, nearness, owned_places, when, where
from .cameo import trigger_cameo
from .nonevents import COMPLAINTS, background, characterises, market_demand, no_comment, within_background
from .folds import (
    conditional,
    demand_candidates,
    fold_complements,
    fold_purposes,
    fold_stated_demands,
    threatened,
    ultimatum,
)
from .participants import (
    AGAINST,
    CIVILIAN,
    Candidate,
    Context,
    object_party,
    FUTURE_HEADS,
    HYPOTHETICAL_AUX,
    NO_ACTOR,
    NOUN_TARGET_PREPS,
    REPORTING,
    base_forms,
    VERBAL_AT,
    conj_head,
    country_of_modifier,
    place_party,
    expand,
    lemma_is,
    subjects,
    targets,
    to_infinitive,
)


def _verb_lemma(tok: Token) -> str:
    """The token's lemma, or a known verb its surface form inflects when the lemmatiser slips."""
    lemma, *others = base_forms(tok)
    known = lexicon.verbs().get("verbs", {})
    if lemma in known or lemma in VERB_TRIGGERS or lemma in NOT_TRIGGERS:
        return lemma
    return next((form for form in others if form in VERB_TRIGGERS or form in known), lemma)


def _light_lemma(tok: Token) -> str:
    return next((form for form in base_forms(tok) if form in LIGHT_VERBS), tok.lemma_.lower())


# Passives that state a pledge of their subject: "is committed to", "is pledged to".
_STATIVE_PLEDGES = {"commit", "pledge", "dedicate"}
# And one that states a refusal: "Israel is opposed to French mediation" (CAMEO 12).
_STATIVE_REFUSALS = {"oppose"}

# Light verbs whose subject convenes others: "hosted talks between X and Y".
_CONVENERS = {"host", "broker", "arrange", "organise", "organize", "sponsor", "convene"}

# Verbs that put someone under an event noun: "placed under arrest".
_PLACERS = {"put", "place", "keep", "hold"}


def _convened(cand: Candidate) -> bool:
    return lemma_is(cand.governor, _CONVENERS) and any(
        c.dep_ == "prep" and c.lower_ == "between" for c in cand.trigger.children)


# Nouns that take their meaning from a modifier naming the act: "a mediation effort",
# "an aid drive", "a protest campaign".
_SUPPORT_NOUNS = {"effort", "bid", "campaign", "drive", "attempt", "initiative", "push"}


def _verb_trigger(tok: Token) -> tuple[tuple[str, str | None, tuple[str, ...]], float, str | None] | None:
    """(category, mode, contexts), confidence and the preposition that marks the target."""
    lemma = _verb_lemma(tok)
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    if lemma in ALERT_VERBS and any(c.dep_ == "prep" and c.lower_ == "on" and any(
            p.lemma_.lower() == "alert" for p in c.children) for c in tok.children):
        return ("MOBILIZE", None, ("military",)), 0.75, None  # "troops remained on alert"
    if lemma in _STATIVE_PLEDGES and any(c.dep_ == "auxpass" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return ("AGREE", None, ()), 0.7, None  # "Vietnam is committed to opening its economy"
    if lemma in _STATIVE_REFUSALS and any(c.dep_ == "auxpass" for c in tok.children) and any(
            c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return ("REJECT", None, ()), 0.7, "to"
    if prt and f"{lemma} {prt}" in VERB_TRIGGERS:
        # "called off the strike" is not "called the strike"
        return VERB_TRIGGERS[f"{lemma} {prt}"], 0.75, None
    if obj is not None and obj.lemma_.lower() in _SUPPORT_NOUNS:
        # "launched a mediation effort": the effort is the act its modifier names.
        for c in obj.children:
            if c.dep_ in ("compound", "amod") and c.i < obj.i and c.lower_ in NOUN_TRIGGERS:
                return NOUN_TRIGGERS[c.lower_], 0.8, None
    if obj is not None:
        # "provide 25,000 tons of food aid": the measured thing counts as the object.
        for noun in [obj, *(p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj")]:
            for key in ((lemma, noun.lemma_.lower()), (lemma, noun.lower_)):
                if key in VERB_OBJECT_TRIGGERS:
                    return VERB_OBJECT_TRIGGERS[key], 0.8, None
    if lemma in NOT_TRIGGERS:
        return None
    if lemma in VERB_TRIGGERS:
        return VERB_TRIGGERS[lemma], 0.7, None
    verbs = lexicon.verbs().get("verbs", {})
    entries = (verbs.get(f"{lemma} {prt}") if prt else None) or verbs.get(lemma)
    if not entries:
        return None
    obj_lemmas: set[str] = set()
    if obj is not None:
        # "gave X 5 million dollars of aid": the head and its of-phrase both count.
        obj_lemmas = {obj.lemma_.lower(), obj.lower_}
        for c in obj.children:
            if c.dep_ in ("compound", "amod"):
                obj_lemmas.add(c.lemma_.lower())
            if c.dep_ == "prep" and c.lower_ == "of":
                obj_lemmas |= {p.lemma_.lower() for p in c.children if p.dep_ == "pobj"}
    preps = {c.lower_: c for c in tok.children if c.dep_ in ("prep", "prt")}
    best, best_score = None, -1
    for e in entries:
        score = 0
        if e.get("object"):
            if not obj_lemmas & set(e["object"]):
                continue
            score += 2
        if e.get("prep"):
            if e["prep"] not in preps:
                continue
            score += 1
        if score > best_score:
            best, best_score = e, score
    if best is None or not best.get("category"):
        return None
    if best_score == 0 and lemma in PATTERN_ONLY:
        return None
    conf = 0.75 if best_score > 0 else 0.55
    return (best["category"], best.get("mode") or None, tuple(best.get("contexts") or ())), conf, best.get("prep")


# The last words of two-word noun triggers: only before these is the previous word looked at.
_SECOND_WORDS = frozenset(k.split()[-1] for k in NOUN_TRIGGERS if " " in k)


def _noun_key(tok: Token) -> str | None:
    doc = tok.doc
    if tok.i > 0 and tok.lower_ in _SECOND_WORDS:
        two = f"{doc[tok.i - 1].lower_} {tok.lower_}"
        if two in NOUN_TRIGGERS:
            return two  # "hunger strike" before the governed "strike"
    if tok.lower_ in GOVERNED_NOUN_TRIGGERS:
        obj = conj_head(tok)
        if obj.dep_ == "dobj" and lemma_is(obj.head, LAUNCHERS):
            return tok.lower_
        if tok.lemma_.lower() == "strike" and _on(tok) is not None:
            return "on strike"  # "teachers went on strike": a labour strike
    if tok.lemma_.lower() in RECEIVED_NOUN_TRIGGERS and conj_head(tok).dep_ in ("dobj", "nsubjpass") and \
            lemma_is(conj_head(tok).head, RECEIVERS):
        return tok.lemma_.lower()  # "won support from Russia"
    if tok.lower_ in NOUN_TRIGGERS:
        return tok.lower_
    if tok.lemma_.lower() in NOUN_TRIGGERS:
        return tok.lemma_.lower()
    return None


def _on(tok: Token) -> Token | None:
    """The verb of "went on strike", "stayed on hunger strike", if ``tok`` is its noun."""
    prep = conj_head(tok).head
    if conj_head(tok).dep_ == "pobj" and prep.lower_ == "on" and lemma_is(prep.head, ON_STRIKE_VERBS):
        return prep.head
    return None


def _noun_trigger(key: str) -> tuple[str, str | None, tuple[str, ...]]:
    """The trigger of a key ``_noun_key`` found."""
    return NOUN_TRIGGERS.get(key) or GOVERNED_NOUN_TRIGGERS.get(key) or RECEIVED_NOUN_TRIGGERS[key]


def _noun_candidate(ctx: Context, tok: Token) -> Candidate | None:
    key = _noun_key(tok)
    if key is None or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.dep_ in ("compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        return None  # "aid convoys", "Warsaw Pact foreign minister": a modifier names a thing
    category, mode, contexts = _noun_trigger(key)
    if key == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        category, mode, contexts = "REQUEST", None, ()  # "the U.S. call for an end": an appeal
    if tok.lemma_.lower() == "demand" and market_demand(tok):
        return None  # "U.S. demand for imports": a market's, not a party's
    cand = Candidate(tok, tok, category, mode, contexts, confidence=0.65)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            for p in c.children:
                if p.dep_ == "pobj":
                    cand.source = expand(ctx, p)
                    cand.reciprocal = True
        elif c.dep_ == "poss":
            cand.source = cand.source or expand(ctx, c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            cand.source = cand.source or [a for p in c.children if p.dep_ == "pobj" for a in expand(ctx, p)]
        elif c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS.get(category, ("with", "to", "against")):
            for p in c.children:
                if p.dep_ == "pobj":
                    found = expand(ctx, p) or (country_of_modifier(ctx, p) if category in AGAINST else []) \
                        or ([a] if mode == "visit" and (a := place_party(ctx, p)) else [])
                    cand.target += [a for a in found if a not in cand.target]
    if not cand.source:
        mods = [a for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i
                for a in expand(ctx, c)]
        # Hyphenated pairs ("India-Korea talks", "Sino-Indian meeting") parse as chains
        # of modifiers.
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                for g in c.children:
                    if g.dep_ in ("compound", "amod", "nmod"):
                        mods += [a for a in expand(ctx, g) if a not in mods]
        cand.source = mods
        if len(mods) > 1 and category in RECIPROCAL:
            cand.reciprocal = True
    if not cand.source and mode == "visit" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        cand.source = _traveller(ctx, tok)
    anchor = conj_head(tok)
    head = anchor.head
    givers = _givers(ctx, tok, head) if anchor.dep_ in ("dobj", "nsubjpass") and lemma_is(head, RECEIVERS) else []
    if givers:
        # "Serbia won support from Russia": the giver acts towards the receiver.
        cand.governor = head
        subj, passive = subjects(ctx, head)
        receivers = [a for c in head.children if c.dep_ == "nsubjpass" for a in expand(ctx, c)] \
            if passive else subj
        cand.source, cand.target, cand.reciprocal = givers, [a for a in receivers if a not in givers], False
        cand.confidence = 0.75
    elif anchor.dep_ in ("dobj", "nsubjpass", "attr", "ccomp", "oprd") and head.pos_ in ("VERB", "AUX") and \
            lemma_is(head, LIGHT_VERBS | {"be"}):
        cand.governor = head
        override = LIGHT_VERB_NOUN_OVERRIDES.get((_light_lemma(head), key)) or \
            LIGHT_VERB_OVERRIDES.get((_light_lemma(head), category))
        if override:
            cand.category, cand.mode, cand.contexts = override
        subj, passive = subjects(ctx, head)
        if subj and cand.reciprocal and lemma_is(head, _CONVENERS) and not set(subj) & set(cand.source):
            # "host a meeting between X and Y": the host acts towards both parties
            cand.source, cand.target, cand.reciprocal = subj, cand.source, False
        elif subj and not cand.reciprocal:
            cand.source = subj + [a for a in cand.source if a not in subj] if not cand.source else cand.source
            if cand.source != subj:
                cand.target += [a for a in cand.source if a not in subj and a not in cand.target]
                cand.source = subj
        elif subj:
            cand.source += [a for a in subj if a not in cand.source]
        cand.target += [a for a in targets(ctx, head, passive, owned=cand.category in AGAINST)
                        if a not in cand.target and a not in cand.source]
        cand.confidence = 0.75
    elif category == "PROTEST" and _on(tok) is not None and not cand.source:
        # "thirty teachers went on strike", "refugees have gone on hunger strike"
        cand.governor = _on(tok)
        cand.source = subjects(ctx, cand.governor)[0]
        cand.confidence = 0.75
    elif anchor.dep_ == "pobj" and anchor.head.lower_ == "under" and lemma_is(anchor.head.head, _PLACERS):
        # "has been put under investigation in Italy", "police placed him under arrest"
        cand.governor = placer = anchor.head.head
        cand.source, passive = subjects(ctx, placer)
        cand.target = [a for c in placer.children if c.dep_ == ("nsubjpass" if passive else "dobj")
                       for a in expand(ctx, c) if a not in cand.source]
        cand.confidence = 0.7
        return cand if cand.source or cand.target else None
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and not cand.source:
        return None  # "... figured in the talks": a topic or setting, not an action
    elif background(anchor):
        return None
    if not cand.source:
        return None
    cand.target = [a for a in cand.target if a not in cand.source]
    if not cand.target and category in RECIPROCAL and (len(cand.source) > 1 or _among_members(ctx, cand)):
        cand.reciprocal = True
    return cand


# Cooperation and support are relations: told of one side with no one it is towards ("doctors
# prescribe drugs", "the ministry supports a move") they report no event between actors.
_RELATIONAL = {"COOPERATE", "SUPPORT"}


def _of_state(ctx: Context, actor_id: str) -> bool:
    """Whether an actor can pay a visit that event data codes: a state, its officials and
    bodies, an international body, a party; not civilians, companies or aid workers."""
    a = ctx.actors.actor(actor_id) or NO_ACTOR
    return a.kind == "country" or a.sector in vocab.STATE_SECTORS or a.sector in ("PTY", "OPP", "REB") or \
        (a.kind == "person" and a.sector is None) or (a.country is not None and len(a.country) != 3)


def _international(ctx: Context, actor_id: str) -> bool:
    """An international body (its code names no state): its members are many states."""
    actor = ctx.actors.actor(actor_id) or NO_ACTOR
    return actor.kind == "organisation" and actor.country is not None and \
        vocab.country_display_name(actor.country) == actor.country


def _among_members(ctx: Context, cand: Candidate) -> bool:
    """A meeting of one international body's people with no one else named ("Arab League
    foreign ministers met in Cairo") is its member states consulting one another."""
    return cand.category == "CONSULT" and cand.mode != "visit" and len(cand.source) == 1 and \
        _international(ctx, cand.source[0])


def _givers(ctx: Context, noun: Token, verb: Token) -> list[str]:
    """Who an act received is from: the "from" phrase of the noun or of the receiving verb."""
    return [a for c in [*noun.children, *verb.children] if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children if p.dep_ == "pobj" for a in expand(ctx, p)]


def _traveller(ctx: Context, visit: Token) -> list[str]:
    """Who makes a visit with a destination and no visitor of its own: the subject of the
    clause it is told in ("said at the end of a two-day visit to Mexico", "spoke on the
    first day of an official visit to Argentina")."""
    tok = visit
    while tok.dep_ in ("pobj", "prep") and tok.head is not tok:
        tok = tok.head
    return subjects(ctx, tok)[0] if tok.pos_ in ("VERB", "AUX") and tok is not visit else []


# Blows struck at words are criticism (CAMEO 111): "attacked the government's trade policy".
_BLOWS = {"attack", "assail", "hit", "slam", "blast", "strike", "lash", "savage"}
_DISCOURSE_NOUNS = {"practice", "policy", "plan", "proposal", "budget", "idea", "decision", "bill", "law",
                    "measure", "report", "claim", "remark", "statement", "approach", "strategy", "stance",
                    "record", "handling", "program", "programme", "reform", "comment", "speech",
                    "legislation", "ruling", "verdict", "view", "move", "tariff", "subsidy", "rule"}
# Ground held by force: "troops defending Basra".
_GROUND = {"city", "town", "border", "position", "line", "capital", "base", "territory", "village",
           "frontier", "port", "airport", "bridge", "hill", "front"}


def _category_of(verb: Token) -> str | None:
    """The category a verb names by itself or with its event-noun object ("reach agreement")."""
    found = _verb_trigger(verb)
    if found is not None:
        return found[0][0]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    key = _noun_key(obj) if obj is not None and lemma_is(verb, LIGHT_VERBS) else None
    return _noun_trigger(key)[0] if key else None


def _violent(tok: Token) -> bool:
    key = _noun_key(tok)
    if key:
        return _noun_trigger(key)[0] == "ASSAULT"
    if tok.lemma_.lower() == "war":
        return True
    found = _verb_trigger(tok) if tok.pos_ == "VERB" else None
    if found is None and tok.pos_ == "VERB":
        # "resume shelling", "launch an offensive"
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        return (obj is not None and lemma_is(tok, LIGHT_VERBS) and _violent(obj)) or any(
            c.dep_ == "xcomp" and _violent(c) for c in tok.children)
    # a bare default sense is too weak: "prepared to retaliate with import taxes"
    return found is not None and found[0][0] == "ASSAULT" and (found[1] >= 0.7 or tok.lemma_.lower() == "attack")


def _aims_at_violence(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ == "xcomp" and to_infinitive(c) and _violent(c):
            return True
        if c.dep_ == "dobj" and _violent(c):
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(p.dep_ == "pobj" and _violent(p) for p in c.children):
            return True
    return False


def _damages_property(verb: Token) -> bool:
    lemma = _verb_lemma(verb)
    if lemma in RAZING_VERBS:
        return True
    thing = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return lemma in DAMAGING_VERBS and thing is not None and thing.lemma_.lower() in PROPERTY_NOUNS


# Verbs that demand with a mandative clause ("insisted that Iran stop") and merely assert
# with a factual one ("insisted the unrest reflected ethnic tensions").
_ASSERTIVE = {"insist", "maintain", "stress", "suggest"}


def _states_a_fact(verb: Token) -> bool:
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        # "insisted unrest there reflected ...", misparsed with an object: a demand needs
        # a clause, an infinitive or an on-phrase ("suggested a compromise" proposes one)
        return verb.lemma_.lower() != "suggest" and not any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "on") for c in verb.children)
    if clause.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return False
    # A modal or a subjunctive ("that a working party be set up") proposes; a plain tense states.
    return not any(c.dep_ in ("aux", "auxpass") and (c.tag_ in ("MD", "VB") or c.lower_ == "be")
                   for c in clause.children)


# Vows carry no event of their own: what is vowed is the event, with aux future.
_VOWS = {"vow", "swear"}


# Acts done to someone: reported in the passive with no agent ("was sentenced", "were
# expelled"), they are still coded, aimed at whoever suffers them, from an unknown source.
_DONE_TO = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def _suffered(tok: Token, category: str, passive: bool) -> bool:
    """Whether an act with no named agent is still an event: violence and coercion that
    news reports without a doer (``SOURCELESS``), and any act done to someone in the passive."""
    if category in ("ASSAULT", "COERCE") and lemma_is(tok, SOURCELESS):
        return True
    return passive and category in _DONE_TO


def _verb_candidate(ctx: Context, tok: Token) -> Candidate | None:
    if tok.pos_ != "VERB":
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is not None and lemma_is(tok, LIGHT_VERBS) and _noun_key(obj):
        return None  # the noun carries the event
    if lemma_is(tok, _VOWS) and any(c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children)
                                    for c in tok.children):
        return None  # "vowed to fight": the fight, an intention, is the event
    found = _verb_trigger(tok)
    joint = any(c.lower_ in JOINT_ADVERBS for c in tok.children if c.dep_ == "advmod")
    if found is None and not joint:
        return None
    if within_background(tok, _noun_key) or characterises(tok) or no_comment(tok):
        return None  # (after the lexicon lookup, which rules out most verbs more cheaply)
    (category, mode, contexts), conf, prep = found if found else (("COOPERATE", None, ()), 0.6, None)
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if category == "PROTEST" and clause is not None:
        # "Uganda protested that Kenyan troops had crossed": a protest said, not staged (CAMEO 11)
        category, mode, contexts = "ACCUSE", "disapprove", ()
    if lemma_is(tok, {"fail"}) and category == "REJECT" and conf < 0.6 and not any(
            c.dep_ == "xcomp" and _category_of(c) in ("AGREE", "CONSULT") for c in tok.children):
        return None  # "failing to protect refugees" is no refusal; "failed to agree" is
    if joint and found and category not in RECIPROCAL:
        category, mode = "COOPERATE", None
    source, passive = subjects(ctx, tok)
    if not source and passive and (category == "MOBILIZE" or lemma_is(tok, _STATIVE_PLEDGES | _STATIVE_REFUSALS) or (
            category == "RETREAT" and mode in ("disarm", "withdraw"))):
        # "Greek troops were put on alert", "the guerrillas have been demobilized": a force
        # mobilised or stood down stands for its own side;
        # "Vietnam is committed to ...": the one committed pledges.
        source = [a for c in tok.children if c.dep_ == "nsubjpass" for a in expand(ctx, c)]
    if not source and not _suffered(tok, category, passive):
        return None
    if not source and passive and mode in ("expel", "deport"):
        # "were expelled from Iran": whoever one is expelled from expels.
        source = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                  for p in c.children if p.dep_ == "pobj" for a in expand(ctx, p)]
    if category == "CONSULT" and obj is not None and not expand(ctx, obj) and \
            obj.pos_ in ("NOUN", "PROPN") and not _noun_key(obj) and obj.lemma_.lower() not in _SUPPORT_NOUNS \
            and not (mode == "visit" and place_party(ctx, obj)):
        return None  # "could not meet the repayments" is no meeting; "visited Ankara" is a visit
    if tok.lemma_.lower() == "warn" and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return None  # "warned that cholera could spread" is a statement, not a threat
    if category == "CONSULT" and tok.lemma_.lower() == "call" and any(c.dep_ in ("oprd", "attr") for c in tok.children):
        return None  # "what it called its involvement", "called the offer a trap": naming
    if mode == "visit" and tok.lemma_.lower() in ("travel", "go", "head", "fly") and not any(
            c.dep_ in ("prep", "dative") and c.lower_ in ("to", "into") for c in tok.children):
        return None  # "deported for traveling without documents": a journey to no one
    if mode == "visit" and source and not any(_of_state(ctx, a) for a in source):
        return None  # "a team of medical workers will travel to Sylhet": a journey, no diplomacy
    if category == "CONSULT" and mode is None and tok.lemma_.lower() in ("meet", "convene") and \
            len(source) == 1 and obj is None and not _international(ctx, source[0]) and not any(
                c.dep_ == "prep" and c.lower_ in ("with", "between") for c in tok.children):
        return None  # "Israel's Cabinet met Sunday": a body in session, no one else
    if category == "REQUEST" and lemma_is(tok, _ASSERTIVE) and _states_a_fact(tok):
        return None  # "insisted the unrest reflected old tensions" asks nothing of anyone
    if category == "MOBILIZE":
        # What is mobilised is one's own force; the target is whom it is against.
        target = [a for a in _against(ctx, tok) if a not in source]
    else:
        target = [a for a in targets(ctx, tok, passive, prep, owned=category in AGAINST) if a not in source]
    if not target and (mode == "visit" or "asylum" in contexts):
        # "arrived in Manila", "sought refuge in Germany": the host.
        target = [a for a in targets(ctx, tok, passive, "in") if a not in source]
    if not target and obj is not None and obj.lemma_.lower() in _SUPPORT_NOUNS:
        # "a mediation effort between the Emirates and Saudi Arabia": both are its targets.
        target = [a for g in obj.children if g.dep_ == "prep" and g.lower_ == "between"
                  for p in g.children if p.dep_ == "pobj" for a in expand(ctx, p) if a not in source]
    if not target and category == "AID" and obj is not None:
        # "provide aid for Romania and Poland"
        target = [a for g in obj.children if g.dep_ == "prep" and g.lower_ == "for"
                  for p in g.children if p.dep_ == "pobj" for a in expand(ctx, p) if a not in source]
    if not target and category in VERBAL_AT and not any(c.dep_ == "xcomp" for c in tok.children):
        # "demanded that the US cancel the sale": whoever is asked, accused or warned.
        for c in tok.children:
            if c.dep_ == "ccomp":
                subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    target = [a for a in expand(ctx, subj) if a not in source]
                break
    if category == "ACCUSE" and lemma_is(tok, COMPLAINTS):
        # "complained to the UN over Israeli raids": the grievance's party, not the addressee
        addressed = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                     for p in c.children if p.dep_ == "pobj" for a in expand(ctx, p)]
        if any(a not in addressed for a in target):
            target = [a for a in target if a not in addressed]
    if category == "COERCE" and mode == "arrest" and obj is not None and obj.pos_ == "NOUN" and \
            not expand(ctx, obj) and vocab.agent_noun_sector(obj) is None and obj.lower_ not in vocab.GROUP_NOUNS:
        return None  # "confined its research to territorial waters" holds no one
    if mode == "investigate" and not target:
        return None  # "studying the proposals" investigates no one
    if not target and obj is not None and lemma_is(tok, {"fight", "combat", "battle", "tackle", "counter"}):
        return None  # "fight deforestation": a policy, not violence against anyone
    if not source and not target:
        return None  # violence with neither side named ("a bomb exploded") is not a relation
    if not source:
        conf -= 0.15
    if category == "COERCE" and tok.lemma_.lower() in ("block", "blockade", "obstruct", "occupy") and \
            source and all((ctx.actors.actor(a) or NO_ACTOR).sector in CIVILIAN
                           and (ctx.actors.actor(a) or NO_ACTOR).kind != "country" for a in source):
        # Civilians blocking roads protest; a state blocking ships coerces.
        category, mode = "PROTEST", "obstruct"
    if category == "ACCUSE" and conf < 0.6 and lemma_is(tok, _STATIVE_REFUSALS) and obj is not None and \
            _noun_key(obj):
        category, mode = "REJECT", None  # opposing an act ("opposed the deployment") refuses it
    if category == "ASSAULT" and obj is not None and lemma_is(tok, _BLOWS) and \
            obj.lemma_.lower() in _DISCOURSE_NOUNS:
        category, mode, contexts = "ACCUSE", "disapprove", ()  # "attacked Japan's trade practices"
    if category == "SUPPORT" and lemma_is(tok, {"defend", "hold"}) and obj is not None and (
            obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _GROUND) and not expand(ctx, obj):
        return None  # troops "defending Basra" hold ground; they do not back anyone
    if lemma_is(tok, {"prepare", "ready"}) and _aims_at_violence(tok):
        # Readying an attack is a force posture (CAMEO 15): "prepared to resume shelling",
        # "preparing a major offensive", "prepared for war".
        category, mode, contexts = "MOBILIZE", None, ("military",)
    if category == "ASSAULT" and _damages_property(tok):
        category, mode = "COERCE", "seize"
    cand = Candidate(tok, tok, category, mode, contexts, source, target, confidence=conf)
    if obj is not None and _noun_key(obj) in NOUN_TRIGGERS and not target:
        cand.about = NOUN_TRIGGERS[_noun_key(obj)][0]
    if (joint or category in RECIPROCAL) and not target and (len(source) > 1 or _among_members(ctx, cand)):
        cand.reciprocal = True
    if not found:
        cand.category = "COOPERATE"
    return cand


def _against(ctx: Context, verb: Token) -> list[str]:
    """Actors of an against- or into-phrase below the verb ("mobilised reservists for a
    war against Iraq"), a few words deep."""
    depth = sum(1 for _ in verb.ancestors)
    for tok in verb.subtree:
        if tok.dep_ in ("prep", "dative") and tok.lower_ in ("against", "into", "to", "toward", "towards") and \
                sum(1 for _ in tok.ancestors) - depth <= 4:
            found = [a for p in tok.children if p.dep_ == "pobj" for a in expand(ctx, p)]
            if found:
                return found
    return []


def _aux(ctx: Context, gov: Token, date: str | None, precision: str | None) -> str | None:
    if any(c.dep_ == "neg" for c in gov.children) or any(
            c.dep_ == "neg" for c in gov.head.children if gov.dep_ == "xcomp") or (
            gov.dep_ == "xcomp" and lemma_is(gov.head, {"fail", "refuse", "decline", "unwilling", "reluctant"})):
        return "negated"  # "failing to protect refugees": not done
    auxes = {c.lower_ for c in gov.children if c.dep_ in ("aux", "auxpass")}
    if gov.dep_ == "xcomp":
        auxes |= {c.lower_ for c in gov.head.children if c.dep_ == "aux"}
    conditional = any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in gov.children) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in gov.children)
    if conditional or (gov.dep_ == "xcomp" and lemma_is(gov.head, {"unlikely", "likely", "possible"})):
        return "hypothetical"  # "is unlikely to seek compensation"
    if auxes & {"will", "shall", "'ll"} or (gov.dep_ == "xcomp" and lemma_is(gov.head, FUTURE_HEADS)):
        return "future"
    # "said it would withdraw": would is the past of will in reported speech.
    if "would" in auxes and gov.dep_ == "ccomp" and lemma_is(gov.head, REPORTING) and \
            not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in gov.children):
        return "future"
    if auxes & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                        for c in gov.children):
        return "hypothetical"
    pub = ctx.published
    if date and pub:
        try:
            if precision == "year" and int(date[:4]) < pub.year:
                return "historical"
            if precision == "month" and date[:7] < pub.isoformat()[:7]:
                return "historical"
            if precision == "day" and (pub - dt.date.fromisoformat(date)).days > 31:
                return "historical"
            if precision == "day" and dt.date.fromisoformat(date) > pub:
                return "future"
        except ValueError:
            return None
    return None


def _salience(cand: Candidate) -> float:
    """Main-clause events are what a sentence reports; side clauses add detail. The
    confidence reflects it, so a reader taking one event per sentence takes the main one."""
    gov = conj_head(cand.governor)
    if gov.dep_ == "ROOT":
        return 0.1
    if gov.dep_ == "ccomp" and gov.head.dep_ == "ROOT" and lemma_is(gov.head, REPORTING):
        return 0.1  # "X said it had expelled Y": the expulsion is the news
    if gov.dep_ in ("relcl", "acl", "advcl", "pcomp", "amod"):
        return -0.1
    if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ == "pobj":
        return -0.1
    return 0.0


def _agent_from_event_subject(cands: list[Candidate]) -> None:
    """ "US Predator attacks have killed eight al-Qaeda leaders": when the subject is itself
    an event, whoever carries it out is the one who acts."""
    nouns = {c.trigger.i: c for c in cands if c.trigger.pos_ in ("NOUN", "PROPN") and c.source}
    for cand in cands:
        if cand.source or cand.trigger.pos_ != "VERB":
            continue
        subj = next((c for c in cand.trigger.children if c.dep_ == "nsubj"), None)
        event = nouns.get(subj.i) if subj is not None else None
        if event is not None:
            cand.source = [a for a in event.source if a not in cand.target]


# Acts whose other party is never the actor's own country when only the object phrase or
# the place names it: cooperation, aid and withdrawal are with or from someone else.
_OUTWARD = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID", "RETREAT"}


def _at_home(ctx: Context, cand: Candidate, ids: list[str]) -> bool:
    """Whether ``ids`` are only the candidate's own countries, for an act aimed outward."""
    return cand.category in _OUTWARD and _countries(ids, ctx.actors) <= _countries(cand.source, ctx.actors)


def _sentence_bounds(sent) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


def _refer_back(cands: list[Candidate]) -> None:
    """ "condemned the attack": the target is whoever the article last said attacked."""
    for n, cand in enumerate(cands):
        if cand.about is None or cand.target:
            continue
        for prev in reversed(cands[:n]):
            if prev.category == cand.about and prev.source:
                cand.target = [a for a in prev.source if a not in cand.source]
                break


_LOCAL = {"PROTEST", "COERCE", "ASSAULT", "MOBILIZE", "SANCTION", "CONCEDE", "RETREAT"}


def _locate_unnamed(ctx: Context, cand: Candidate) -> None:
    """Unnamed parties of a local happening stand for the country where it happens, as
    event datasets code them: "a roadside bomb near Samarra killed a U.S. soldier" is
    IRQ -> USA; "a curfew in Cizre" is imposed on TUR."""
    if (cand.category not in _LOCAL and cand.mode != "investigate") or (cand.source and cand.target) or \
            cand.reciprocal:
        return
    sent = cand.trigger.sent
    owned = owned_places(ctx, cand, [(s, p) for s, e, p in ctx.places
                                      if sent.start_char <= s < sent.end_char])
    if not owned:
        return
    start, place = min(owned, key=lambda x: nearness(ctx, cand, x[0]))
    if not place.country:
        return
    actor = ctx.actors.implied_country(place.country, start, start + len(place.name))
    if actor is None:
        return
    if not cand.source:
        cand.source = [actor]
        cand.confidence -= 0.1
    elif not cand.target and actor not in cand.source and not _at_home(ctx, cand, [actor]):
        # (rebels surrendering in their own country surrender to no one named)
        cand.target = [actor]
        cand.confidence -= 0.1


# Internal affairs: protest, repression and concession by a country's own actors with no
# named other party are aimed at that country (its government or its people), as ICEWS
# and PLOVER code them: "students staged demonstrations" is IDN -> IDN.
_DOMESTIC = {"PROTEST", "COERCE", "CONCEDE"}


def _domestic_target(ctx: Context, cand: Candidate) -> None:
    if cand.category not in _DOMESTIC or cand.target or cand.reciprocal or not cand.source:
        return
    countries = {(ctx.actors.actor(a) or NO_ACTOR).country for a in cand.source}
    if len(countries) != 1 or None in countries:
        return
    (code,) = countries
    actor = ctx.actors.implied_country(code, cand.trigger.idx, cand.trigger.idx + len(cand.trigger.text))
    if actor is not None and actor not in cand.source:  # no event aims at its own source
        cand.target = [actor]


_TROOPS = {"troop", "soldier", "force", "peacekeeper", "marine", "paratrooper", "contingent",
           "battalion", "brigade", "warship", "deployment", "unit"}


def _troop_arrival(cand: Candidate) -> None:
    """Troops arriving are no visit: peacekeepers arriving is peacekeeping aid (CAMEO 074),
    other forces arriving a deployment."""
    if cand.mode != "visit" or cand.trigger.pos_ != "VERB":
        return
    subj = next((c for c in cand.trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return
    words = [t.lemma_.lower() for t in subj.subtree]
    if not set(words) & _TROOPS:
        return
    if any(w.startswith("peacekeep") for w in words):
        cand.category, cand.mode, cand.contexts = "AID", None, ("peacekeeping",)
    else:
        cand.category, cand.mode, cand.contexts = "MOBILIZE", "troops", ("military",)


def _host(ctx: Context, cand: Candidate) -> list[str]:
    """The host of a visit named only by its city: "arrived in Manila" visits the Philippines."""
    sent = cand.trigger.sent
    guests = {(ctx.actors.actor(a) or NO_ACTOR).country for a in cand.source} if cand.source else set()
    for s, e, place in ctx.places:
        if sent.start_char <= s < sent.end_char and place.country and place.country not in guests:
            host = ctx.by_country.get(place.country) or ctx.actors.implied_country(place.country, s, e)
            if host:
                return [host]
    return []


def _intended(cand: Candidate, aux: str | None) -> str | None:
    """An action someone agreed, hoped or vowed to take lies ahead: "agreed to deepen
    cooperation and hold consultations" gives aux future to both."""
    gov = conj_head(cand.governor)
    if aux is None and lemma_is(gov.head, INTENT_HEADS) and (
            gov.dep_ == "xcomp" or (gov.dep_ == "advcl" and to_infinitive(gov))):
        return "future"
    return aux


def as_intention(category: str, mode: str | None, aux: str | None) -> tuple[str, str | None]:
    """The category under the older PLOVER/CAMEO convention, which codes announced or
    conditional actions as what they are when reported: an agreement or a threat
    ("will send aid" is AGREE, "would impose sanctions" THREATEN). Communique's records
    keep the action and put the intention in ``aux``; this maps them back for comparison.
    A cooperative act reported as not done or not to be done is a refusal there ("would not
    meet the demands" is REJECT)."""
    if aux == "negated" and category in COOPERATIVE:
        return "REJECT", None
    if aux not in ("future", "hypothetical"):
        return category, mode
    if category in COOPERATIVE:
        return "AGREE", None
    if category in THREAT_MODES:
        return "THREATEN", THREAT_MODES[category]
    return category, mode


def _contexts(cand: Candidate) -> list[str]:
    found = list(cand.contexts)
    for t in cand.trigger.sent:
        c = CONTEXT_WORDS.get(t.lower_)
        if c and c not in found:
            found.append(c)
    return found


def extract_events(doc: Doc, *, actors: ActorIndex, times: list[TimeRef], places: list[Place],
                   quotes: list[Quote], published: dt.date | None) -> list[Event]:
    ctx = Context(doc, actors, times, places, quotes, published)
    cands: list[Candidate] = []
    for tok in doc:
        cand = _verb_candidate(ctx, tok) or _noun_candidate(ctx, tok)
        if cand is not None:
            cands.append(cand)
    _refer_back(cands)
    _agent_from_event_subject(cands)
    for cand in cands:
        if cand.category != "THREATEN" and cand.category not in ("REQUEST", "REJECT") and ultimatum(cand):
            cand.mode = THREAT_MODES.get(cand.category)
            cand.category = "THREATEN"
    cands = fold_stated_demands(fold_purposes(fold_complements(demand_candidates(ctx, cands) + cands)))
    for cand in cands:
        threatened(ctx, cand)
    cands = [c for c in cands if not conditional(c)]
    sentence_numbers = {s.start: n for n, s in enumerate(doc.sents, start=1)}
    events: list[Event] = []
    for cand in cands:
        if cand.mode == "visit" and not cand.target:
            cand.target = _host(ctx, cand)
        _troop_arrival(cand)
        if cand.category == "CONSULT" and cand.mode != "visit" and cand.source and cand.target and \
                not _convened(cand):
            cand.reciprocal = True  # a meeting or call is mutual, whoever sought it
        _locate_unnamed(ctx, cand)
        if cand.source and not cand.target and not cand.reciprocal:
            found = object_party(ctx, cand.governor, cand.source, cand.category)
            # "promised to democratize Serbia": reform at home, no other party
            cand.target = [] if _at_home(ctx, cand, found) else found
        _domestic_target(ctx, cand)
        if cand.category in _RELATIONAL and not cand.reciprocal and not set(cand.target) - set(cand.source):
            continue
        date, precision = when(ctx, cand)
        if history(ctx, cand, date):
            continue
        aux = _aux(ctx, cand.governor, date, precision)
        aux = _intended(cand, aux)
        if cand.category == "THREATEN" and aux in ("future", "hypothetical"):
            aux = None  # a threat is made now, about what may come
        trig = cand.trigger
        sent = trig.sent
        conf = cand.confidence + (0.1 if cand.target or cand.reciprocal else 0.0) + _salience(cand)
        first, last = trig, trig
        if cand.governor.i != trig.i and 0 < trig.i - cand.governor.i <= 4:
            first = cand.governor  # "finalised a roadmap", "held talks"
        start, end = first.idx, last.idx + len(last.text)
        events.append(Event(
            id="",
            category=cand.category,
            trigger=Span(start, end, doc_text(doc)[start:end]),
            sentence=_sentence_bounds(sent),
            source=list(cand.source),
            target=[a for a in cand.target if a not in cand.source],  # no one acts on itself
            mode=cand.mode,
            contexts=_contexts(cand),
            aux=aux,  # type: ignore[arg-type]
            date=date,
            date_precision=precision,  # type: ignore[arg-type]
            place=where(ctx, cand, date),
            score=lexicon.score(cand.category, cand.mode),
            confidence=round(min(conf, 0.95), 2),
            reciprocal=cand.reciprocal,
            also=[Span(t.idx, t.idx + len(t.text), t.text) for t in cand.folded],
            cameo=trigger_cameo(trig, cand.governor, cand.category, cand.mode),
            sentence_number=sentence_numbers.get(sent.start),
        ))
    merged = merge_events(events, actors)
    for n, e in enumerate(merged, start=1):
        e.id = f"e{n}"
    return merged


def _countries(ids: list[str], actors: ActorIndex) -> frozenset[str]:
    out = set()
    for i in ids:
        a = actors.actor(i)
        out.add(a.country if a and a.country else i)
    return frozenset(out)


def _same_happening(k: Event, e: Event, actors: ActorIndex) -> bool:
    if k.category != e.category or k.date != e.date or k.aux != e.aux:
        return False
    if k.mode != e.mode and not (k.sentence == e.sentence and None in (k.mode, e.mode)
                                 and k.category != "CONSULT"):
        # A meeting during a visit is its own event; "opened fire, killing one" is one attack.
        return False
    if not (k.reciprocal or e.reciprocal):
        if _countries(k.source, actors) != _countries(e.source, actors):
            return False
        # In one sentence an act and its consequence with no named target are one happening:
        # "attacked the camp, killing 156 people".
        return _countries(k.target, actors) == _countries(e.target, actors) or (
            k.sentence == e.sentence and not (k.target and e.target))
    # Meetings and agreements have no direction: "X met Y" and "talks between X and Y"
    # are one happening; "X praised Y" and "X and Y praised Z" are not.
    if k.category not in ("CONSULT", "AGREE", "COOPERATE"):
        return k.reciprocal == e.reciprocal and \
            _countries(k.source, actors) == _countries(e.source, actors)
    kp = _countries(k.source + k.target, actors)
    ep = _countries(e.source + e.target, actors)
    return ep <= kp or (kp <= ep and len(kp) > 1)


def merge_events(events: list[Event], actors: ActorIndex) -> list[Event]:
    """One event per happening: repeated reports in one article become extra triggers."""
    kept: list[Event] = []
    for e in events:
        for k in kept:
            if _same_happening(k, e, actors):
                k.also.append(e.trigger)
                if not k.reciprocal:
                    k.target = k.target or [a for a in e.target if a not in k.source]
                k.place = k.place or e.place
                k.mode = k.mode or e.mode
                k.score = lexicon.score(k.category, k.mode)
                k.confidence = max(k.confidence, e.confidence)
                for c in e.contexts:
                    if c not in k.contexts:
                        k.contexts.append(c)
                break
        else:
            kept.append(e)
    return kept
