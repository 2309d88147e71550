"""An article's text as HTML with its records highlighted, every character escaped.

The text is cut at every span boundary; each piece is one ``<span>`` whose classes name
every record covering it (actor, trigger, time, place, quote, cue, entity) and whose
title says what they are. A page can name field spans (``fields``: the words an event's
source, target, date or place came from), which get a class and an anchor id, and a
focus range (the event's sentence). Nothing from the article reaches the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..records import Extraction

# Typed entities no other record holds; the rest (persons, places...) are actors and places.
ENTITY_TYPES = {"Weapon", "MilitaryPlatform", "Money", "Quantity", "DocumentReference"}


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str
    link: str | None = None


@dataclass(slots=True)
class Piece:
    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)


def marks_of(ex: Extraction, event_ids: dict[str, int] | None = None) -> list[Mark]:
    event_ids = event_ids or {}
    actors = {a.id: a for a in ex.actors}
    out: list[Mark] = []
    for a in ex.actors:
        label = a.name + (f" ({a.country})" if a.country and a.country != a.name else "")
        if a.role:
            label += f", {a.role}"
        out += [Mark(m.start, m.end, "actor", f"actor: {label}") for m in a.mentions]
    for e in ex.events:
        who = lambda ids: ", ".join(actors[i].name for i in ids if i in actors) or "?"  # noqa: E731
        label = f"event {e.category}" + (f"/{e.mode}" if e.mode else "") + \
            (f" ({e.aux})" if e.aux else "") + f": {who(e.source)} → {who(e.target)}"
        link = f"/events/{event_ids[e.id]}" if e.id in event_ids else None
        out += [Mark(t.start, t.end, "trigger", label, link) for t in [e.trigger, *e.also]]
    out += [Mark(t.start, t.end, "time", f"time: {t.value or t.precision}") for t in ex.times]
    for p in ex.places:
        label = f"place: {p.name}" + (f" ({p.country})" if p.country else "")
        out += [Mark(m.start, m.end, "place", label) for m in p.mentions]
    for q in ex.quotes:
        speaker = actors[q.speaker].name if q.speaker in actors else "unknown speaker"
        out.append(Mark(q.content.start, q.content.end, "quote",
                        f"{'direct' if q.direct else 'indirect'} quote of {speaker}"))
        out.append(Mark(q.cue.start, q.cue.end, "cue", f"quote cue ({speaker})"))
    out += [Mark(e.start, e.end, "entity", f"{e.type}") for e in ex.entities if e.type in ENTITY_TYPES]
    return [m for m in out if 0 <= m.start < m.end <= len(ex.article.text)]


def pieces(length: int, marks: list[Mark]) -> list[Piece]:
    cuts = sorted({0, length, *(m.start for m in marks), *(m.end for m in marks)})
    out = [Piece(a, b) for a, b in zip(cuts, cuts[1:])]
    starts = [p.start for p in out]
    import bisect

    for m in marks:
        i = bisect.bisect_left(starts, m.start)
        while i < len(out) and out[i].end <= m.end:
            out[i].marks.append(m)
            i += 1
    return out


def article_html(ex: Extraction, event_ids: dict[str, int] | None = None, *,
                 fields: dict[str, tuple[int, int]] | None = None, focus: tuple[int, int] | None = None) -> Markup:
    """The article's text as escaped HTML with its records highlighted."""
    text = ex.article.text
    marks = marks_of(ex, event_ids)
    fields = fields or {}
    for name, (start, end) in fields.items():
        marks.append(Mark(start, end, f"field-{name}", f"the event's {name}"))
    if focus:
        marks.append(Mark(focus[0], focus[1], "focus", ""))
    anchored: set[str] = set()
    html: list[str] = []
    for piece in pieces(len(text), marks):
        chunk = escape(text[piece.start:piece.end])
        if not piece.marks:
            html.append(str(chunk))
            continue
        kinds = sorted({m.kind for m in piece.marks})
        attrs = f' class="{" ".join("hl-" + k for k in kinds)}"'
        titles = [m.label for m in piece.marks if m.label and not m.kind.startswith("field-")]
        if titles:
            attrs += f' title="{escape(" · ".join(dict.fromkeys(titles)))}"'
        for k in kinds:
            if k.startswith("field-") and k not in anchored:
                anchored.add(k)
                attrs += f' id="{k}"'
        link = next((m.link for m in piece.marks if m.link), None)
        inner = f'<a href="{escape(link)}">{chunk}</a>' if link else str(chunk)
        html.append(f"<span{attrs}>{inner}</span>")
    return Markup("".join(html))


def sentence_of(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def article_title(article) -> str:
    """The title, else the standfirst, else the first words of the text."""
    if article.title:
        return article.title
    words = (article.summary or article.text).split()
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


FILTERS: dict = {"article_title": article_title}
