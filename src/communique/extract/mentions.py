"""A mention of a would-be actor: token offsets plus what the words around it say."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(slots=True)
class Mention:
    start: int  # token offsets, end exclusive
    end: int
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    honorific: str | None = None
    rank: str | None = None
    # "counterpart" / "the two" style mentions that need another actor to be understood.
    relative: str | None = None
    source: str = "ner"
    confidence: float = 0.8
    # The person this description stands in apposition to ("the Tajik ambassador, X").
    alias_of: "Mention | None" = None

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text
