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


_ENTITY_ONLY = ("Weapon", "MilitaryPlatform", "Money", "Quantity", "DocumentReference")


def extraction_view(ex: Extraction) -> Group:
    """Events with dyad, date, place and evidence; then people with roles, other actors and
    typed entities; then quotes."""
    art = ex.article
    head = art.title or art.origin or art.id
    meta = f"published {art.published.isoformat() if art.published else 'unknown'} · id {art.id}"
    parts: list = [Panel(Text(meta), title=head, title_align="left", expand=True)]

    # Events as blocks rather than table rows: the evidence sentence needs the full width.
    parts.append(Text("Events", style="bold italic"))
    if not ex.events:
        parts.append(Text("  No events found.", style="dim"))
    for e in ex.events:
        arrow = " ↔ " if e.reciprocal else " → "
        who = _names(ex, e.source) + (arrow + _names(ex, e.target) if e.target else
                                     (" (together)" if e.reciprocal and len(e.source) > 1 else ""))
        line = Text(f"  {e.id:>3} ", style="dim")
        line.append(e.category + (f"/{e.mode}" if e.mode else ""), style="bold cyan")
        if e.aux:
            line.append(f" [{e.aux}]", style="magenta")
        line.append(f"  {who}")
        line.append(f"  · {e.date or 'undated'}", style="green")
        if e.place:
            line.append(f" · {e.place.name}", style="green")
        line.append(f"  (score {e.score:+.1f}, confidence {e.confidence:.2f})" if e.score is not None
                    else f"  (confidence {e.confidence:.2f})", style="dim")
        parts.append(line)
        ev = Text("        “", style="dim")
        ev.append_text(_evidence(ex, e.trigger.start, e.trigger.end, e.sentence, width=150))
        ev.append("”", style="dim")
        parts.append(ev)

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

    # Typed entities of the five types no other record holds (weapons, platforms, sums,
    # quantities, documents); the other five repeat the actors, places and times above.
    typed: dict[str, list[str]] = {}
    for ent in ex.entities:
        if ent.type in _ENTITY_ONLY and ent.text not in typed.setdefault(ent.type, []):
            typed[ent.type].append(ent.text)
    if typed:
        parts.append(Text("Entities: " + "; ".join(f"{t}: {', '.join(texts)}" for t, texts in typed.items()),
                          style="dim"))

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
