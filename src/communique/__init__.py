"""Communique: news articles in, verifiable PLOVER event records out.

>>> import communique
>>> result = communique.extract("India and Japan held talks in Tokyo on Friday.", published="2024-05-10")
>>> result.to_dict()["events"][0]["category"]
'CONSULT'
"""

from .pipeline import extract, extract_doc, extract_many
from .records import Actor, Article, Entity, Event, Extraction, Place, PlaceRef, Quote, Span, TimeRef

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Entity",
    "Event",
    "Extraction",
    "Place",
    "PlaceRef",
    "Quote",
    "Span",
    "TimeRef",
    "__version__",
    "extract",
    "extract_doc",
    "extract_many",
]
