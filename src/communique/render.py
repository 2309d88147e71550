"""Tables for people: rich renderables built from an Extraction (nothing is printed here)."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .records import Extraction


def _names(ex: Extraction, ids: list[str]) -> str:
    out = []
    for i in ids:
        a = ex.actor(i)
        if a is None:
            continue
        tag = f" ({a.country})" if a.country and a.kind != "country" else ""
        out.append(f"{a.name}{tag}" if a.kind != "country" else f"{a.name} ({a.country})")
    return ", ".join(out) or "—"


def _evidence(ex: Extraction, start: int, end: int, sent: tuple[int, int], width: int = 110) -> Text:
    text = ex.article.text
    s0, s1 = sent
    left = text[s0:start]
    right = text[end:s1]
    budget = max(20, width - (end - start))
    if len(left) + len(right) > budget:
        keep_left = min(len(left), budget // 2)
        keep_right = budget - keep_left
        left = ("…" + left[-keep_left:]) if keep_left < len(left) else left
        right = (right[:keep_right] + "…") if keep_right < len(right) else right
    out = Text(" ".join(left.split()) + " ")
    out.append(text[start:end], style="bold yellow")
    out.append(" " + " ".join(right.split()))
    return out


def extraction_view(ex: Extraction) -> Group:
    """Events with dyad, date, place and evidence; then people with roles; then quotes."""
    art = ex.article
    head = art.title or art.origin or art.id
    meta = f"published {art.published.isoformat() if art.published else 'unknown'} · id {art.id}"
    parts: list = [Panel(Text(meta), title=head, title_align="left", expand=True)]

    events = Table(title="Events", title_justify="left", show_lines=True, expand=True)
    for col, kw in (("#", {"no_wrap": True}), ("category", {"no_wrap": True}), ("source → target", {}),
                    ("date", {"no_wrap": True}), ("place", {}), ("evidence", {"ratio": 3})):
        events.add_column(col, **kw)
    for e in ex.events:
        cat = e.category + (f"/{e.mode}" if e.mode else "") + (f"\n[{e.aux}]" if e.aux else "")
        arrow = " ↔ " if e.reciprocal else " → "
        dyad = _names(ex, e.source) + (arrow + _names(ex, e.target) if e.target else
                                      (" (together)" if e.reciprocal and len(e.source) > 1 else ""))
        events.add_row(e.id, cat, dyad, f"{e.date or '—'}", e.place.name if e.place else "—",
                       _evidence(ex, e.trigger.start, e.trigger.end, e.sentence))
    parts.append(events if ex.events else Text("No events found.", style="dim"))

    people = Table(title="People", title_justify="left", expand=True)
    for col in ("name", "role", "country", "sector", "mentions"):
        people.add_column(col)
    for a in ex.actors:
        if a.kind == "person":
            people.add_row(a.name, a.role or "—", a.country or "—", a.sector or "—", str(len(a.mentions)))
    if people.row_count:
        parts.append(people)
    others = [a for a in ex.actors if a.kind != "person"]
    if others:
        parts.append(Text("Other actors: " + "; ".join(
            f"{a.name} [{a.kind}{', ' + a.country if a.country else ''}{', ' + a.sector if a.sector else ''}]"
            for a in others), style="dim"))

    quotes = Table(title="Quotes", title_justify="left", expand=True)
    for col, kw in (("speaker", {}), ("cue", {}), ("content", {"ratio": 3}), ("direct", {"no_wrap": True})):
        quotes.add_column(col, **kw)
    for q in ex.quotes:
        speaker = ex.actor(q.speaker) if q.speaker else None
        content = q.content.text if len(q.content.text) < 160 else q.content.text[:157] + "…"
        quotes.add_row(speaker.name if speaker else "—", q.cue.text, content, "yes" if q.direct else "no")
    if quotes.row_count:
        parts.append(quotes)
    return Group(*parts)
