"""Weapons and military platforms named by common nouns: "rocket-propelled grenades",
"two Apache helicopters", "the armoured personnel carriers".

The phrases come from CAMEO's materiel synsets (``lexicon.materiel``); a few head nouns the
synsets leave out (warships, tanks, mortars, grenades) are listed here. The
typed-entity tagger learnt these two types from a few dozen examples, so this pass fills
what it misses. A phrase runs from its first noun or adjective modifier to its head; the
article, numbers and possessors stay out, as re3d marks them.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from ..ontology import lexicon
from ..records import Entity

# Heads that make a listed phrase a platform rather than a weapon ("battle tank",
# "aircraft carrier"), and platforms CAMEO does not list.
PLATFORM_HEADS = {
    "aircraft", "airplane", "plane", "warplane", "jet", "jetfighter", "helicopter", "chopper",
    "gunship", "drone", "uav", "bomber", "airlifter", "stratotanker", "tank", "warship",
    "frigate", "destroyer", "corvette", "submarine", "cruiser", "minesweeper", "carrier",
    "apc", "humvee", "mrap", "vehicle",
}
# Weapons CAMEO does not list.
WEAPON_HEADS = {"mortar", "grenade", "bullet", "munition", "landmine", "explosive", "warhead"}
# Platform heads that name something else without a modifier saying which: "a vehicle",
# "the carrier", "the tank" of a car.
NEED_MODIFIER = {"vehicle", "carrier", "jet"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod", "punct"}
_COUNTING = {"several", "many", "few", "numerous", "various", "multiple", "more", "most", "some"}


@functools.cache
def _phrases() -> tuple[frozenset[str], frozenset[str]]:
    data = lexicon.materiel()

    def norm(phrases) -> frozenset[str]:
        return frozenset(" ".join(p.replace("-", " ").split()) for p in phrases)

    return norm(data.get("weapon", ())), norm(data.get("aircraft", ()))


def _phrase_start(head: Token) -> int:
    """First token of the head's run of noun and adjective modifiers."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.i != start - 1 and child.right_edge.i != start - 1:
            break
        if child.dep_ not in _MODIFIER_DEPS or child.like_num or child.tag_ in ("DT", "PRP$", "POS", "CD") \
                or child.lower_ in _COUNTING:
            break
        if child.dep_ == "punct" and child.text != "-":
            break
        start = child.left_edge.i
        if any(t.tag_ in ("DT", "PRP$", "POS", "CD") or t.like_num for t in head.doc[start:child.i]):
            start = child.i
    return start


def _kind(words: list[str], head: str, weapons: frozenset[str], aircraft: frozenset[str]) -> str | None:
    words = " ".join(words).replace("-", " ").split()  # "rocket-propelled" is "rocket propelled"
    for i in range(len(words)):
        phrase = " ".join(words[i:])
        if phrase in aircraft:
            return "MilitaryPlatform"
        if phrase in weapons:
            return "MilitaryPlatform" if head in PLATFORM_HEADS else "Weapon"
    if head in PLATFORM_HEADS and (head not in NEED_MODIFIER or len(words) > 1):
        return "MilitaryPlatform"
    if head in WEAPON_HEADS:
        return "Weapon"
    return None


def extract_materiel(doc: Doc) -> list[Entity]:
    """Weapon and MilitaryPlatform entities, in text order, one per noun phrase."""
    weapons, aircraft = _phrases()
    out: list[Entity] = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or (tok.dep_ in _MODIFIER_DEPS and tok.head.i > tok.i):
            continue  # a modifier inside a longer phrase
        head = tok.lemma_.lower()
        start = _phrase_start(tok)
        words = [t.lemma_.lower() if t.i == tok.i else t.lower_ for t in doc[start:tok.i + 1]]
        kind = _kind(words, head, weapons, aircraft)
        if kind is None:
            continue
        span = doc[start:tok.i + 1]
        out.append(Entity(kind, span.start_char, span.end_char, span.text))
    return out
