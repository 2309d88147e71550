"""The flat export row: one function (``event_row``) builds it for CSV, Parquet and JSONL.

``FLAT_COLUMNS`` names every column with its Parquet type and meaning; docs/exports.md
shows it as the schema table (a test checks they agree). List columns stay lists in
Parquet and JSONL and are joined with ``;`` in CSV (``csv_value``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..ontology import cameo, lexicon
from ..ontology.geocodes import place_codes
from .export_queries import EventDetails
from .results import StoredEvent

# (name, type, meaning); types: string, int, float, bool, date, list (of strings).
FLAT_COLUMNS: list[tuple[str, str, str]] = [
    ("id", "int", "canonical event id (unique; stable unless the event is merged into an older one)"),
    ("date", "date", "the first day of the event's date: the day, or the start of its week, month or year"),
    ("date_end", "date", "the last day of that period (equal to `date` for a day)"),
    ("date_precision", "string", "day, week, month, year or decade"),
    ("date_text", "string", "the date as resolved from the text (`2021-03-26`, `2021-03`, `2021-W12`, `2019`)"),
    ("category", "string", "PLOVER category (CONSULT, ASSAULT, ...)"),
    ("group", "string", "PLOVER group: verbal/material cooperation/conflict"),
    ("quad_class", "int", "GDELT's QuadClass of the group: 1 verbal cooperation ... 4 material conflict"),
    ("mode", "string", "PLOVER mode (visit, phone, ...)"),
    ("contexts", "list", "PLOVER contexts (diplomatic, military, economic, ...)"),
    ("aux", "string", "auxiliary mode: historical, future, hypothetical, negated; empty for a reported fact"),
    ("score", "float", "PLOVER conflict-cooperation score of category and mode (-10 to 10)"),
    ("cameo", "string", "CAMEO event code of the trigger (`042`, `0311`)"),
    ("goldstein", "float", "Goldstein scale weight of the CAMEO code (-10 to 10)"),
    ("reciprocal", "bool", "true when the sides are not told apart (\"X and Y met\"): all actors are in source"),
    ("dyad", "string", "`IND-KOR` for a directed event, `IND+KOR` for a reciprocal one"),
    ("source_countries", "list", "countries (or IGO codes) of the source side"),
    ("source_codes", "list", "the source actors' CAMEO-style codes: country + sector (`INDGOV`), or a country alone"),
    ("source_names", "list", "the source actors' names, as the lead report gives them"),
    ("source_sectors", "list", "their PLOVER sectors (GOV, MIL, ...; empty for a country)"),
    ("source_roles", "list", "their roles or titles (\"Defence Minister\")"),
    ("target_countries", "list", "as source_countries, for the target side"),
    ("target_codes", "list", "as source_codes"),
    ("target_names", "list", "as source_names"),
    ("target_sectors", "list", "as source_sectors"),
    ("target_roles", "list", "as source_roles"),
    ("place", "string", "where it happened: a city, region or country name"),
    ("place_country", "string", "the place's country (ISO 3166 alpha-3)"),
    ("place_adm1", "string", "GDELT-style ADM1 code (FIPS country + GeoNames ADM1: `IN07`) of a known city"),
    ("lat", "float", "latitude of the place"),
    ("lon", "float", "longitude of the place"),
    ("article_id", "string", "the lead report's article id (as read: a JSONL id, the URL or the text hash)"),
    ("title", "string", "its title"),
    ("publisher", "string", "its source (publisher or site)"),
    ("url", "string", "its URL"),
    ("published", "date", "its publication date (the report date)"),
    ("sentence_number", "int", "the 1-based number of the trigger's sentence in that article"),
    ("trigger", "string", "the trigger words of the lead report"),
    ("evidence", "string", "the sentence they are in"),
    ("confidence", "float", "the highest confidence of the event's reports (0 to 1)"),
    ("mentions", "int", "reports of the event (GDELT's NumMentions)"),
    ("articles", "int", "articles reporting it (NumArticles)"),
    ("sources", "int", "distinct sources reporting it (NumSources)"),
]
LIST_COLUMNS = frozenset(name for name, kind, _ in FLAT_COLUMNS if kind == "list")


def period(event: StoredEvent) -> tuple[dt.date, dt.date] | None:
    """The first and last day of an event's date, or None when undated."""
    from .dedup import date_range

    found = date_range(event.date, event.date_precision)
    return (dt.date.fromordinal(found[0]), dt.date.fromordinal(found[1])) if found else None


def event_code(event: StoredEvent, details: EventDetails) -> str:
    """The stored CAMEO code, or for reports stored before revision 0005 the crosswalk's."""
    return details.cameo or cameo.code_for(event.category, event.mode)


def event_row(event: StoredEvent, details: EventDetails) -> dict[str, Any]:
    """Every FLAT_COLUMNS field of one event, in that order; lists as lists, dates as dates."""
    days = period(event)
    code = event_code(event, details)
    places = place_codes(event.place, event.place_country, event.lat, event.lon)
    row: dict[str, Any] = {
        "id": event.id, "date": days[0] if days else None, "date_end": days[1] if days else None,
        "date_precision": event.date_precision, "date_text": event.date,
        "category": event.category, "group": event.group, "quad_class": lexicon.quad_class(event.category),
        "mode": event.mode, "contexts": list(details.contexts), "aux": event.aux, "score": event.score,
        "cameo": code, "goldstein": cameo.goldstein(code), "reciprocal": event.reciprocal, "dyad": event.dyad,
    }
    for side, countries, actors in (("source", event.source, details.source_actors),
                                    ("target", event.target, details.target_actors)):
        row[f"{side}_countries"] = list(countries)
        row[f"{side}_codes"] = [a.code for a in actors]
        row[f"{side}_names"] = [a.name for a in actors]
        row[f"{side}_sectors"] = [a.sector for a in actors]
        row[f"{side}_roles"] = [a.role for a in actors]
    row.update({
        "place": event.place, "place_country": event.place_country, "place_adm1": places.adm1 or None,
        "lat": event.lat, "lon": event.lon,
        "article_id": details.article_id, "title": event.title, "publisher": details.publisher, "url": event.url,
        "published": details.published, "sentence_number": details.sentence_number,
        "trigger": event.trigger, "evidence": event.evidence, "confidence": event.confidence,
        "mentions": event.mentions, "articles": event.articles, "sources": event.sources,
    })
    # REVIEW STATUS: the review status column goes here once reviews exist (branch `web`
    # adds them): one more FLAT_COLUMNS entry and one more key of this row.
    return row


def csv_value(name: str, value: Any) -> Any:
    """A row value as CSV writes it: lists joined with ';', dates ISO, None empty."""
    if name in LIST_COLUMNS:
        return ";".join("" if v is None else str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def parquet_schema(pa):  # pyarrow is optional: passed in by the caller that imported it
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "date": pa.date32(), "list": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind, _ in FLAT_COLUMNS])
