"""The CAMEO code of an event's trigger, from the verb lexicon the trigger was found in.

The lexicon's entries carry CAMEO codes (``verbs.json``); the entry that fits the event
(same category, its object and preposition present) gives the code. A noun trigger is
looked up through its light verb ("held talks"); without a fitting entry the code is the
crosswalk's for the category and mode (``ontology.cameo.code_for``).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..ontology import cameo, lexicon
from .participants import base_forms


def trigger_cameo(trigger: Token, governor: Token, category: str, mode: str | None) -> str:
    verbs = lexicon.verbs().get("verbs", {})
    for tok in dict.fromkeys((trigger, governor)):
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        prt = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
        entries = next((found for form in base_forms(tok)
                        for found in ((verbs.get(f"{form} {prt}") if prt else None), verbs.get(form)) if found), None)
        if not entries:
            continue
        code = cameo.lexicon_code(entries, category, mode, _objects(tok), {
            c.lower_ for c in tok.children if c.dep_ in ("prep", "prt", "agent")})
        if code:
            return code
    return cameo.code_for(category, mode)


def _objects(verb: Token) -> set[str]:
    """The lemmas an entry's object may name: the object, its modifiers and its of-phrase."""
    out: set[str] = set()
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        out |= {obj.lemma_.lower(), obj.lower_}
        for c in obj.children:
            if c.dep_ in ("compound", "amod"):
                out.add(c.lemma_.lower())
            if c.dep_ == "prep" and c.lower_ == "of":
                out |= {p.lemma_.lower() for p in c.children if p.dep_ == "pobj"}
    return out
