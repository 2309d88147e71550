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
from .materiel import extract_materiel

_MATERIEL = {"Weapon", "MilitaryPlatform"}


def extract_entities(doc: Doc, *, types: Collection[str] = ENTITY_TYPES) -> list[Entity]:
    """Entity records, in text order, for the typed spans of ``types`` in the Doc."""
    tagged = sorted(doc.spans[SPANS_KEY], key=lambda s: (s.start, s.end)) if SPANS_KEY in doc.spans else []
    out = [Entity(span.label_, span.start_char, span.end_char, span.text) for span in tagged]
    for ent in extract_materiel(doc):
        clash = [o for o in out if o.start < ent.end and ent.start < o.end]
        # A listed weapon or platform outranks the tagger, whose examples of these two
        # types were few, unless the tagger saw a longer name around it ("Tiyas Military
        # Airfield").
        if all(o.type in _MATERIEL or ent.start <= o.start and o.end <= ent.end for o in clash):
            out = [o for o in out if o not in clash] + [ent]
    return sorted((e for e in out if e.type in types), key=lambda e: (e.start, e.end))
