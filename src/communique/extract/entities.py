"""Typed entities: mentions as re3d types them, from the ``entity_types`` component.

The component (see ``communique.entity_types``) puts re3d-typed spans in
``doc.spans["entity_types"]``. Five of its types have no other record: Weapon,
MilitaryPlatform, Quantity, Money, DocumentReference. The other five (Person,
Organisation, Location, Nationality, Temporal) overlap the actor, place and time records
but follow re3d's bounds ("the Government of Iraq", "four years ago"), which those records
do not aim at; they are kept because they make the re3d measure better on dev.txt
(see ``communique.eval.re3d``). Weapons and platforms that the tagger misses are added
from the materiel lexicon (``extract.materiel``) where no tagged span overlaps them; a Doc
parsed without the component (another ``--model``, or no trained head) gives only those.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc

from ..entity_types import SPANS_KEY
from ..records import ENTITY_TYPES, Entity
from . import vocab
from .materiel import extract_materiel

_MATERIEL = {"Weapon", "MilitaryPlatform"}


_LOOSE_END = {"DT", "IN", "CC", "HYPH", "POS", ",", ":", "TO", "PRP$", "WDT"}


def _mended(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """A tagged span's tokens with the tagger's loose ends mended: a span of nothing but
    function words is dropped ("the", "a"); one that stops on a preposition or hyphen runs
    on to the end of what it governs ("the US Secretary of [State]", "a command-[and-
    control node]"); a trailing comma or article is cut."""
    if all(t.tag_ in _LOOSE_END or t.is_punct for t in doc[start:end]):
        return None
    extended = False
    while end - start > 1 and doc[end - 1].tag_ in _LOOSE_END:
        last = doc[end - 1]
        if not extended and last.tag_ in ("IN", "HYPH") and last.sent.end > last.i + 1:
            reach = max((c.right_edge.i for c in last.children if c.i > last.i), default=None)
            if last.tag_ == "HYPH":
                reach = last.head.i if last.head.i > last.i else reach
            if reach is not None and reach >= end and reach - start < 12:
                end, extended = reach + 1, True  # once: what it reaches is only trimmed
                continue
        end -= 1
    return start, end


def _people(tok) -> bool:
    return tok.lower_ in vocab.GROUP_NOUNS or vocab.agent_noun_sector(tok) is not None


def extract_entities(doc: Doc, *, types: Collection[str] = ENTITY_TYPES) -> list[Entity]:
    """Entity records, in text order, for the typed spans of ``types`` in the Doc."""
    tagged = sorted(doc.spans[SPANS_KEY], key=lambda s: (s.start, s.end)) if SPANS_KEY in doc.spans else []
    out: list[Entity] = []
    for span in tagged:
        mended = _mended(doc, span.start, span.end)
        if mended is None:
            continue
        part = doc[mended[0]:mended[1]]
        if span.label_ in _MATERIEL and _people(part.root):
            continue  # "Rebels" are no platform
        if any(o.start < part.end_char and part.start_char < o.end for o in out):
            continue  # mending ran into the next span
        out.append(Entity(span.label_, part.start_char, part.end_char, part.text))
    for ent in extract_materiel(doc):
        clash = [o for o in out if o.start < ent.end and ent.start < o.end]
        # A listed weapon or platform outranks the tagger, whose examples of these two
        # types were few, unless the tagger saw a longer name around it ("Tiyas Military
        # Airfield").
        if all(o.type in _MATERIEL or ent.start <= o.start and o.end <= ent.end for o in clash):
            out = [o for o in out if o not in clash] + [ent]
    return sorted((e for e in out if e.type in types), key=lambda e: (e.start, e.end))
