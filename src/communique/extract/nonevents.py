"""What looks like an act in a sentence but reports none: a backdrop or grievance ("amid
the fighting", "complained over the raids"), the topic of talks, a standing stance ("Hamas,
which advocates ..."), a market's demand, and the stock phrases of news writing ("declined
to comment", "Asked whether ..."). Predicates on the parse, used by ``events``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .participants import lemma_is


# Prepositions that set an earlier or surrounding happening as the scene of the one
# reported: "holed up since last month's invasion", "amid the fighting", "in the wake of
# the execution", "following a government offensive", "because of fighting". Event coders
# code the report, not its backdrop. "After talks between X and Y" and "during the
# protests" stay events: occasions, often reported for the first time.
_BACKDROP_PREPS = {"since", "amid", "amidst", "despite", "following", "because"}
# What an act answers: "in retaliation for Friday's attack", "in response to the strike".
_ANSWERS = {"retaliation", "response", "reprisal", "revenge", "reaction", "answer"}
_BACKDROP_OF = {"wake", "aftermath", "because", "run-up", "eve", "result", "light"}


# What talks, deals and plans are about is their topic, not a further event: "negotiations
# on an Israeli troop pullback", "a plan for the withdrawal of troops".
_DISCUSSIONS = {"talk", "negotiation", "discussion", "agreement", "deal", "accord", "plan", "proposal",
                "resolution", "debate", "treaty", "dialogue", "consultation", "meeting", "conference",
                "summit", "negotiate", "discuss", "debate", "propose", "agree", "talks"}
_TOPIC_PREPS = {"on", "about", "over", "for", "regarding", "concerning"}
# What a complaint is over is its grievance, reported with it, not a further event.
COMPLAINTS = {"complain", "protest", "object", "grumble", "apologise", "apologize", "complaint"}


def characterises(verb: Token) -> bool:
    """A relative clause in the simple present describes a party's standing stance, not
    an act: "Hamas, which advocates Israel's destruction". A dated one ("who travels to
    Italy this evening") is a scheduled act."""
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ not in ("who", "which", "that"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "mark") or c.ent_type_ in ("DATE", "TIME") for c in verb.children):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") for c in verb.children if c.dep_ in ("prep", "npadvmod")
                   for t in c.subtree)


def within_background(tok: Token, event_noun: Callable[[Token], object]) -> bool:
    """A clause inside a backdrop or grievance is part of it: "over two air raids last
    Friday in which 20 people were killed"."""
    return any(a.pos_ in ("NOUN", "PROPN") and event_noun(a) and background(a) for a in tok.ancestors)


def background(noun: Token) -> bool:
    """Whether an event noun is only the scene of the report: its backdrop, the topic of
    talks, a grievance, or what the act answers."""
    if noun.dep_ == "dobj" and noun.head.lower_ == "following" and noun.head.dep_ != "ROOT":
        return True  # the parser's other reading of "following": a participle with an object
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ in _BACKDROP_PREPS:
        return True
    if prep.lower_ in _TOPIC_PREPS:
        # "talks on X", and "renewed talks today on X" where the parser hangs it on the verb
        owner = prep.head
        if prep.lower_ in ("over", "about") and lemma_is(owner, COMPLAINTS):
            return True  # "complained to the UN over Israeli air raids": what it is about
        if lemma_is(owner, _DISCUSSIONS) or (owner.pos_ == "VERB" and any(
                c.dep_ == "dobj" and lemma_is(c, _DISCUSSIONS) for c in owner.children)):
            return True
    if prep.lower_ in ("of", "at", "against", "over") and prep.head.lemma_.lower() == "protest" and \
            prep.head.dep_ == "pobj" and prep.head.head.lower_ in ("in", "as"):
        return True  # "a hunger strike in protest of the government's refusal": the grievance
    if prep.lower_ in ("for", "to") and prep.head.lemma_.lower() in _ANSWERS:
        return True  # "in retaliation for Friday's missile attack": what the act answers
    return prep.lower_ == "of" and prep.head.lower_ in _BACKDROP_OF


# Demand in the economic sense: "domestic demand", "U.S. demand for imports".
_MARKET_WORDS = {"domestic", "consumer", "world", "global", "weak", "strong", "rising", "falling",
                 "growing", "slack", "sluggish", "firm", "seasonal", "import", "export", "aggregate",
                 "internal", "external", "foreign", "industrial", "final"}
_GOODS = {"import", "export", "oil", "good", "product", "credit", "dollar", "currency", "energy", "commodity",
          "steel", "grain", "wheat", "coffee", "sugar", "gold", "chip", "car", "fuel", "gas", "loan", "money",
          "share", "bond", "stock", "metal", "copper", "cotton", "corn", "soybean", "rice", "housing", "labour",
          "labor", "electricity", "power", "crude", "service"}


def market_demand(tok: Token) -> bool:
    """ "Demand" in the economic sense: "domestic demand", "U.S. demand for imports"."""
    if any(c.dep_ in ("amod", "compound") and c.lower_ in _MARKET_WORDS for c in tok.children):
        return True
    return any(p.lemma_.lower() in _GOODS for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
               for p in c.children if p.dep_ == "pobj")


# Stock phrases of news writing that look like acts: "declined to comment", "asked not to be
# named", "Asked whether ..., X said".
_COMMENT = {"comment", "elaborate", "confirm", "say", "discuss", "disclose", "reveal", "answer",
            "speculate", "specify", "identify", "name", "quote", "detail"}
_DETAILS = {"detail", "details", "comment", "figure", "figures", "name", "names", "specifics"}
_BYLINE_OBJECTS = {"reporting", "report", "writing", "research", "name", "identity", "detail", "information"}


def _question(verb: Token) -> bool:
    """ "Asked whether the letter was a rejection, X said": a reporter's question."""
    return verb.lemma_.lower() == "ask" and (
        (verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("advcl", "ROOT") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children))
        or any(c.left_edge.lower_ in ("whether", "if") or c.left_edge.tag_ in ("WDT", "WP", "WRB")
               for c in verb.children if c.dep_ == "ccomp"))


def no_comment(verb: Token) -> bool:
    """A stock phrase of news writing, or what a reporter's question asks about."""
    if _question(verb) or any(_question(a) for a in verb.ancestors):
        return True  # the question and what it asks about are no acts
    low = verb.lemma_.lower()
    if low in ("contribute", "withhold") and any(
            c.dep_ in ("dobj", "xcomp") and (c.lemma_.lower() in _BYLINE_OBJECTS or c.lower_ in _BYLINE_OBJECTS)
            for c in verb.children):
        return True  # "X contributed reporting", "withholding the names of those killed"
    if low in ("ask", "request"):
        # "who asked not to be named"
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in _COMMENT and any(n.dep_ == "neg" for n in c.children)
                   for c in verb.children)
    if low not in ("refuse", "decline"):
        return False
    return any(c.dep_ == "xcomp" and (c.lemma_.lower() in _COMMENT or (
        lemma_is(c, {"give", "provide"}) and any(o.dep_ == "dobj" and o.lower_ in _DETAILS for o in c.children)))
        for c in verb.children)
