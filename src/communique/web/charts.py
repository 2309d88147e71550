"""Charts drawn on the server as SVG: a dyad's timeline and the country network.

Each chart is an ``<svg class="chart">`` whose data marks carry the class ``mark`` (and
``data-marks`` on the svg says how many), with a ``<title>`` per mark for a tooltip, so
the charts need no script and a test can count marks against the data. Text is escaped.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from ..ontology import lexicon

GROUPS = (("verbal_cooperation", "verbal cooperation", "#74a9cf"),
          ("material_cooperation", "material cooperation", "#0570b0"),
          ("verbal_conflict", "verbal conflict", "#fdae6b"),
          ("material_conflict", "material conflict", "#d94801"))


def score_colour(score: float | None) -> str:
    """Red for conflict, grey for neutral, blue for cooperation (PLOVER's -10..+10)."""
    if score is None:
        return "#999999"
    t = max(-1.0, min(1.0, score / 6.0))
    grey, red, blue = (150, 150, 150), (200, 40, 30), (20, 100, 190)
    end = blue if t > 0 else red
    c = [round(g + (e - g) * abs(t)) for g, e in zip(grey, end)]
    return "#%02x%02x%02x" % tuple(c)


def _svg(width: int, height: int, body: list[str], marks: int, label: str, css: str) -> Markup:
    return Markup(f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
                  f'aria-label="{escape(label)}" data-marks="{marks}" xmlns="http://www.w3.org/2000/svg">'
                  + "".join(body) + "</svg>")


def timeline_svg(rows: list, *, title: str = "timeline") -> Markup:
    """Stacked bars of events per period by quad class, and the mean score as a line."""
    width, height, left, right, top, bottom = 960, 300, 44, 44, 12, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    if not rows:
        return _svg(width, 60, ['<text x="10" y="35" class="empty">no events in this period</text>'], 0, title,
                    "timeline")
    peak = max(r.events for r in rows) or 1
    step = plot_w / len(rows)
    bar = max(1.0, step * 0.8)
    body = [f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>']
    for frac in (0.5, 1.0):
        y = top + plot_h * (1 - frac)
        body.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
                    f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{round(peak * frac)}</text>')
    # The score axis on the right: -10 .. +10.
    for s in (-10, 0, 10):
        y = top + plot_h * (1 - (s + 10) / 20)
        body.append(f'<text class="tick score-tick" x="{left + plot_w + 6}" y="{y + 4:.1f}">{s:+d}</text>')
    marks = 0
    points = []
    label_every = max(1, math.ceil(len(rows) / 12))
    for i, r in enumerate(rows):
        x = left + i * step + (step - bar) / 2
        y = top + plot_h
        for key, name, colour in GROUPS:
            n = getattr(r, key)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            body.append(f'<rect class="mark bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                        f'fill="{colour}"><title>{escape(r.period)}: {n} {name}</title></rect>')
            marks += 1
        if r.mean_score is not None:
            cy = top + plot_h * (1 - (r.mean_score + 10) / 20)
            points.append((x + bar / 2, cy, r))
        if i % label_every == 0:
            body.append(f'<text class="tick" x="{x + bar / 2:.1f}" y="{top + plot_h + 16}" '
                        f'text-anchor="middle">{escape(r.period)}</text>')
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        body.append(f'<polyline class="score-line" points="{path}"/>')
    for x, y, r in points:
        body.append(f'<circle class="mark score" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                    f'<title>{escape(r.period)}: mean score {r.mean_score:+.2f} over {r.events} events</title></circle>')
        marks += 1
    legend_x = left
    for _, name, colour in GROUPS:
        body.append(f'<rect x="{legend_x}" y="{height - 14}" width="10" height="10" fill="{colour}"/>'
                    f'<text class="legend" x="{legend_x + 14}" y="{height - 5}">{name}</text>')
        legend_x += 150
    body.append(f'<circle cx="{legend_x + 5}" cy="{height - 9}" r="3" class="score"/>'
                f'<text class="legend" x="{legend_x + 14}" y="{height - 5}">mean score (right axis)</text>')
    return _svg(width, height, body, marks, title, "timeline")


def network_svg(net, *, title: str = "network") -> Markup:
    """Countries on a circle, busiest first; an edge per pair, as wide as its volume and
    coloured by its mean score."""
    size = 720
    c, radius = size / 2, size / 2 - 70
    if not net.nodes:
        return _svg(size, 60, ['<text x="10" y="35" class="empty">no events</text>'], 0, title, "network")
    pos = {}
    for i, node in enumerate(net.nodes):
        angle = 2 * math.pi * i / len(net.nodes) - math.pi / 2
        pos[node["country"]] = (c + radius * math.cos(angle), c + radius * math.sin(angle), angle)
    peak = max(e["events"] for e in net.edges) or 1
    body = []
    for e in sorted(net.edges, key=lambda e: e["events"]):
        (x1, y1, _), (x2, y2, _) = pos[e["a"]], pos[e["b"]]
        w = 1 + 9 * math.sqrt(e["events"] / peak)
        mean = "n/a" if e["mean_score"] is None else f"{e['mean_score']:+.2f}"
        body.append(f'<a href="/dyads/{escape(e["a"])}-{escape(e["b"])}">'
                    f'<line class="mark edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                    f'stroke="{score_colour(e["mean_score"])}" stroke-width="{w:.1f}">'
                    f'<title>{escape(e["a"])}–{escape(e["b"])}: {e["events"]} events, mean score {mean}</title>'
                    f'</line></a>')
    top = max(n["events"] for n in net.nodes) or 1
    for n in net.nodes:
        x, y, angle = pos[n["country"]]
        r = 4 + 10 * math.sqrt(n["events"] / top)
        name = lexicon.country_name(n["country"]) or n["country"]
        lx, ly = x + (r + 6) * math.cos(angle), y + (r + 6) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        body.append(f'<circle class="mark node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
                    f'<title>{escape(name)}: {n["events"]} events with these partners</title></circle>'
                    f'<text class="node-label" x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}">'
                    f'{escape(n["country"])}</text>')
    return _svg(size, size, body, len(net.edges) + len(net.nodes), title, "network")


GLOBALS = {"score_colour": score_colour, "country_name": lambda c: lexicon.country_name(c) or c}
