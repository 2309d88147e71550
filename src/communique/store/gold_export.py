"""Reviewed events as PLOVER gold records (JSONL), which ``communique eval plover`` scores.

One record per accepted or corrected event (a rejected one is no event), from its lead
report: the sentence as ``text``, the article's publication date as ``date`` (so relative
times resolve as they did), the reviewed category, the reviewed source and target
countries, and the trigger marked ``(EVT: ...)`` in ``textInfo.markup`` for the evidence
score. The category is written under the gold's convention, which codes an announced or
conditional act as what it is when reported (``as_intention``), as the scorer expects.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..extract.events import as_intention
from ..ontology import lexicon
from .export import _destination
from .results import StoredEvent
from .views import lead_report


def _actors(codes: list[str]) -> list[dict[str, str]]:
    return [{"actorText": lexicon.country_name(c) or c, "code": c} for c in codes]


def gold_record(event: StoredEvent) -> dict | None:
    """The gold record of a reviewed event, or None (unreviewed, rejected, or no report)."""
    if not event.review or event.review["status"] == "rejected":
        return None
    report = lead_report(event)
    if report is None:
        return None
    text = report.sentence["text"]
    start = report.trigger["start"] - report.sentence["start"]
    end = report.trigger["end"] - report.sentence["start"]
    category, mode = as_intention(event.category, event.mode, event.aux)
    markup = f"{text[:start]}(EVT: {text[start:end]}){text[end:]}" if 0 <= start < end <= len(text) else None
    return {
        "id": f"communique-event-{event.id}",
        "text": text,
        "date": report.published.isoformat() if report.published else None,
        "plover": category,
        "mode": mode,
        "source": _actors(event.source),
        "target": [] if event.reciprocal else _actors(event.target),
        "textInfo": {"markup": markup} if markup else {},
        "review": {"status": event.review["status"], "by": event.review["by"], "at": event.review["at"]},
        "article": report.url or report.article,
    }


def write(events: Iterable[StoredEvent], path: str) -> int:
    n = 0
    with _destination(path) as f:
        for event in events:
            record = gold_record(event)
            if record is not None:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n
