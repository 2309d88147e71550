"""Typed entities: mentions as re3d types them, from the ``entity_types`` component.

The component (see ``communique.entity_types``) puts re3d-typed spans in
``doc.spans["entity_types"]``. Five of its types have no other record: Weapon,
MilitaryPlatform, Quantity, Money, DocumentReference. The other five (Person,
Organisation, Location, Nationality, Temporal) overlap the actor, place and time records
but follow re3d's bounds ("the Government of Iraq", "four years ago"), which those records
do not aim at; they are kept because they make the re3d measure better on dev.txt
(see ``communique.eval.re3d``). A Doc parsed without the component (another ``--model``,
or no trained head) gives no entities.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc

from ..entity_types import SPANS_KEY
from ..records import ENTITY_TYPES, Entity


def extract_entities(doc: Doc, *, types: Collection[str] = ENTITY_TYPES) -> list[Entity]:
    """Entity records, in text order, for the typed spans of ``types`` in the Doc."""
    if SPANS_KEY not in doc.spans:
        return []
    return [Entity(span.label_, span.start_char, span.end_char, span.text)
            for span in sorted(doc.spans[SPANS_KEY], key=lambda s: (s.start, s.end)) if span.label_ in types]
