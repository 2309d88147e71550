"""Places named in the article, geocoded offline.

Cities, regions and sites come from GPE/LOC/FAC entities; a country counts as a
place only where the text uses it as one ("arrived in India"), since most
country mentions are actors. A site such as "the Delhi Cantonment" is placed at
the city its name contains.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Place, Span
from . import vocab
from .gazetteer import gazetteer

LOCATIVE = {"in", "at", "to", "from", "into", "inside", "near", "across", "outside", "within",
            "towards", "toward", "throughout", "around", "visit", "visited", "visiting"}


def _clean(span: SpacySpan) -> SpacySpan:
    s, e = span.start, span.end
    doc = span.doc
    while s < e and doc[s].lower_ in ("the",):
        s += 1
    while e > s and doc[e - 1].text in ("'s", "’s", "'"):
        e -= 1
    return doc[s:e]


# Words between a preposition and a place that keep it a place: "in northern Israel".
_COMPASS = {"the", "northern", "southern", "eastern", "western", "central", "north", "south", "east",
            "west", "northeastern", "northwestern", "southeastern", "southwestern", "occupied"}
# "the town of Samarra": a settlement word and "of" introduce a place.
_SETTLEMENTS = {"town", "city", "village", "province", "region", "district", "port", "capital"}


def _place_lead(span: SpacySpan) -> Token | None:
    """The word that introduces the span, over compass words and "the town of"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in _COMPASS:
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in _SETTLEMENTS:
        i -= 2
        while i >= 0 and (doc[i].lower_ in _COMPASS or doc[i].pos_ == "ADJ" or doc[i].lower_ in ("a", "an")):
            i -= 1
    return doc[i] if i >= 0 else None


def _is_locative(span: SpacySpan) -> bool:
    prev = _place_lead(span)
    return prev is not None and prev.lower_ in LOCATIVE


def misread_place(span: SpacySpan) -> bool:
    """A PERSON/ORG entity that the text uses as a place and the gazetteer knows as a city:
    "travel to Sylhet" (the small model's NER often takes unfamiliar cities for names)."""
    if span.label_ not in ("PERSON", "ORG", "NORP") or len(span) > 3:
        return False
    found = vocab.country(span.text)
    if span.label_ == "NORP" and found and found[1] in ("adjective", "name"):
        return False  # a nationality, not a misread town
    prev = _place_lead(span)
    if prev is None or prev.lower_ not in ("in", "to", "from", "near", "into", "outside", "on", "at",
                                           "around", "across", "toward", "towards", "inside"):
        return False
    return gazetteer().city(span.text) is not None and gazetteer().is_primary(span.text)


def country_of_place(name: str, *, kinds: tuple[str, ...] = ("name", "capital", "city")) -> str | None:
    """The country a place name lies in: a country word of these kinds, else a gazetteer city."""
    code = vocab.country_code(name, kinds=kinds)
    if code:
        return code
    city = gazetteer().city(vocab.norm(name))
    return city.country if city else None


def geocode(name: str, *, prefer: tuple[str, ...] = ()) -> tuple[str, str | None, float | None, float | None, str] | None:
    """(name, country, lat, lon, feature) for a place name, else None."""
    gaz = gazetteer()
    found = vocab.country(name)
    if found and found[1] in ("name", "adjective"):
        entry = gaz.country(found[0])
        if entry:
            return entry.name, entry.country, entry.lat, entry.lon, "country"
        return vocab.country_display_name(found[0]), found[0], None, None, "country"
    city = gaz.city(name, prefer=prefer)
    if city:
        return city.name, city.country, city.lat, city.lon, "city"
    if found and found[1] == "region":
        # A region the country lexicon knows ("Darfur", "Bosnia", "the West Bank"): its
        # country is certain, its coordinates are not in the gazetteer.
        return name, found[0], None, None, "region"
    words = name.split()
    # "Montenegro province", "Kosovo region": a part named after a country or region the
    # lexicon knows lies in it, whatever namesake towns the gazetteer has abroad.
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = vocab.country(" ".join(words[i:i + n]))
            if part and part[1] in ("name", "region") and words[i][:1].isupper():
                return name, part[0], None, None, "region"
    # A site named after its city ("Manila Bay", "Baghdad airport"): the longest run of
    # leading words that is a city. A city word later in the name ("the Soviet Union",
    # "Union" being a town) says nothing of where it is.
    if words and words[0][:1].isupper():
        for n in range(len(words) - 1, 0, -1):
            city = gaz.city(" ".join(words[:n]), prefer=prefer)
            if city:
                return name, city.country, city.lat, city.lon, "site"
    return None


def extract_places(doc: Doc, *, prefer: tuple[str, ...] = ()) -> list[Place]:
    places: dict[str, Place] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") and not misread_place(ent):
            continue
        span = _clean(ent)
        if not len(span):
            continue
        found = vocab.country(span.text)
        if found and found[1] in ("name", "adjective"):
            if found[1] == "adjective" or not _is_locative(span):
                continue
        hit = geocode(span.text, prefer=prefer)
        if hit is None:
            continue
        name, country, lat, lon, feature = hit
        key = f"{name}|{country}"
        mention = Span(span.start_char, span.end_char, span.text)
        if key in places:
            places[key].mentions.append(mention)
        else:
            places[key] = Place(name, country, lat, lon, [mention], feature)
    return sorted(places.values(), key=lambda p: p.mentions[0].start)
