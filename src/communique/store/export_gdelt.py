"""GDELT- and ICEWS-shaped rows of canonical events, one row per event.

GDELT 2.0 event table: the 61 columns of its codebook, in order. What Communique does not
know is left empty: actor ethnic and religion codes, actor geographies, AvgTone (no tone
is measured) and ADM2 codes. ICEWS: the columns of its event files. docs/exports.md says
where each value comes from.
"""

from __future__ import annotations

from typing import Any

from ..ontology import cameo, lexicon
from ..ontology.countrycodes import display_name
from ..ontology.geocodes import place_codes
from .export_queries import ActorRef, EventDetails
from .export_rows import event_code, period
from .results import StoredEvent

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
]


def _pair(event: StoredEvent, details: EventDetails) -> tuple[ActorRef | None, ActorRef | None]:
    """Actor 1 and actor 2: the first source and the first target; for a reciprocal event,
    the first participant and the first of another country."""
    if event.reciprocal:
        actors = details.source_actors
        first = actors[0] if actors else None
        second = next((a for a in actors[1:] if first is None or a.country != first.country), None)
        return first, second
    return (details.source_actors[0] if details.source_actors else None,
            details.target_actors[0] if details.target_actors else None)


def _fallback_actor(countries: list[str], index: int) -> ActorRef | None:
    # Events stored without their actors still name their countries.
    if len(countries) <= index:
        return None
    code = countries[index]
    return ActorRef(display_name(code) or code, "country", code, None, None)


def _is_country(code: str | None) -> bool:
    return bool(code) and lexicon.country_name(code) is not None


def _actor_columns(n: int, actor: ActorRef | None) -> dict[str, Any]:
    if actor is None:
        return {f"Actor{n}{c}": "" for c in _ACTOR}
    country = actor.country if _is_country(actor.country) else ""
    return {
        f"Actor{n}Code": actor.code, f"Actor{n}Name": actor.name.upper(), f"Actor{n}CountryCode": country,
        # An IGO or a group of no country: its own code stands as the known group.
        f"Actor{n}KnownGroupCode": actor.country if actor.country and not country else "",
        f"Actor{n}EthnicCode": "", f"Actor{n}Religion1Code": "", f"Actor{n}Religion2Code": "",
        f"Actor{n}Type1Code": actor.sector or "", f"Actor{n}Type2Code": "", f"Actor{n}Type3Code": "",
    }


def _action_geo(event: StoredEvent) -> dict[str, Any]:
    if not event.place:
        return {f"ActionGeo_{c}": "" for c in _GEO}
    codes = place_codes(event.place, event.place_country, event.lat, event.lon)
    country_name = lexicon.country_name(event.place_country) if event.place_country else None
    us = event.place_country == "USA"
    if codes.city:
        kind = 3 if us else 4
    elif country_name and event.place.casefold() == country_name.casefold():
        kind = 1
    else:
        kind = 2 if us else 5  # a region: a state or province
    full = event.place if kind == 1 or not country_name else f"{event.place}, {country_name}"
    return {
        "ActionGeo_Type": kind, "ActionGeo_FullName": full, "ActionGeo_CountryCode": codes.fips,
        "ActionGeo_ADM1Code": codes.adm1 if kind != 1 else codes.fips, "ActionGeo_ADM2Code": "",
        "ActionGeo_Lat": "" if event.lat is None else event.lat,
        "ActionGeo_Long": "" if event.lon is None else event.lon,
        # GDELT gives a country its FIPS code as feature id; a city here has its GeoNames id.
        "ActionGeo_FeatureID": codes.feature_id or (codes.fips if kind == 1 else ""),
    }


def gdelt_row(event: StoredEvent, details: EventDetails) -> dict[str, Any]:
    days = period(event)
    day = days[0] if days else None
    code, base, root = cameo.parts(event_code(event, details))
    one, two = _pair(event, details)
    one = one or _fallback_actor(event.source, 0)
    two = two or (_fallback_actor(event.source, 1) if event.reciprocal else _fallback_actor(event.target, 0))
    row: dict[str, Any] = {
        "GLOBALEVENTID": event.id,
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "FractionDate": f"{day.year + day.timetuple().tm_yday / 365:.4f}" if day else "",
        **_actor_columns(1, one), **_actor_columns(2, two),
        "IsRootEvent": 1 if details.first_paragraph else 0,
        "EventCode": code, "EventBaseCode": base, "EventRootCode": root,
        "QuadClass": lexicon.quad_class(event.category),
        "GoldsteinScale": _blank(cameo.goldstein(code)),
        "NumMentions": event.mentions, "NumSources": event.sources, "NumArticles": event.articles,
        "AvgTone": "",
        **{f"Actor{n}Geo_{c}": "" for n in (1, 2) for c in _GEO},
        **_action_geo(event),
        "DATEADDED": details.added.strftime("%Y%m%d%H%M%S") if details.added else "",
        "SOURCEURL": event.url or details.article_id or "",
    }
    return row


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _sectors(actor: ActorRef | None) -> str:
    if actor is None or not actor.sector:
        return ""
    return lexicon.plover()["sectors"].get(actor.sector, actor.sector)


def _country(actor: ActorRef | None) -> str:
    if actor is None or not actor.country:
        return ""
    return display_name(actor.country) or actor.country


def icews_row(event: StoredEvent, details: EventDetails) -> dict[str, Any]:
    days = period(event)
    code = event_code(event, details)
    source, target = _pair(event, details)
    source = source or _fallback_actor(event.source, 0)
    target = target or (_fallback_actor(event.source, 1) if event.reciprocal else _fallback_actor(event.target, 0))
    codes = place_codes(event.place, event.place_country, event.lat, event.lon)
    return {
        "Event ID": event.id, "Event Date": days[0].isoformat() if days else "",
        "Source Name": source.name if source else "", "Source Sectors": _sectors(source),
        "Source Country": _country(source),
        "Event Text": cameo.name(code) or "", "CAMEO Code": code, "Intensity": _blank(cameo.goldstein(code)),
        "Target Name": target.name if target else "", "Target Sectors": _sectors(target),
        "Target Country": _country(target),
        "Story ID": details.article_id or "", "Sentence Number": _blank(details.sentence_number),
        "Publisher": details.publisher or "",
        "City": event.place if codes.city else "", "District": "",
        "Province": "" if codes.city or not event.place or event.place == _place_country(event) else event.place,
        "Country": _place_country(event),
        "Latitude": _blank(event.lat), "Longitude": _blank(event.lon),
    }


def _place_country(event: StoredEvent) -> str:
    return (lexicon.country_name(event.place_country) or event.place_country) if event.place_country else ""
