"""Modern news sentences coded by several human coders (``gold/cameo-news``, see its README):
event detection, category over CAMEO root sets, quad class and actor spans.

Each sentence is extracted as one article without a publication date (the records carry
none, and nothing scored here depends on a date). A system event counts as its own category
and as what ``events.as_intention`` makes of it (future/hypothetical cooperation AGREE,
announced coercion or violence THREATEN, negated cooperation REJECT).

- detection, over records whose ``event`` is true or false (null takes no part): a sentence
  with an event is found when the system emits any event; the false-event rate is the share
  of sentences with nothing to code (``event`` false) where it emits one;
- category, over records with ``categories_known`` (negatives included): a gold root set is
  recalled when some system event's category is in it; a category the system gives the
  sentence (each distinct one once, as PLOVER's scorer counts (sentence, category)) is right
  when it, or its as_intention category, is in some root set;
- quad: over records with a gold quad where the system emits an event, whether the quad
  class of the top event (highest confidence, ties to the earliest trigger), of its
  recorded or its as_intention category, is among the gold's (a sentence without an event is a detection miss, counted
  there, not here);
- spans: over sentences with an event where the system emits one, the *matched* event is the
  top event among those whose category satisfies a root set (the top event when the root is
  unknown); its source (target) agrees when one of its source (target) actors has a mention
  overlapping a gold source (target) span. Reciprocal spans count as both, and so do both
  sides of a reciprocal system event. Counted over sentences with such a gold span.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract.events import as_intention
from ..ontology import lexicon
from ..records import Article, Extraction
from .common import gold_lines, PRF, GoldFormatError, Progress, overlaps, ratio, run_pipeline
from .split import PARTS, part, part_headline, select

__all__ = ["CameoEvent", "CameoRecord", "CameoReport", "evaluate_cameo", "load_cameo_gold",
           "predicted_events", "score_cameo"]

Span = tuple[int, int]


@dataclass(slots=True)
class CameoRecord:
    id: str
    text: str
    event: bool | None
    categories: list[set[str]]               # root sets
    categories_known: bool
    quad: set[int]
    source_spans: list[Span]
    target_spans: list[Span]
    reciprocal_spans: list[Span] = field(default_factory=list)

    @property
    def sources(self) -> list[Span]:
        return self.source_spans + self.reciprocal_spans

    @property
    def targets(self) -> list[Span]:
        return self.target_spans + self.reciprocal_spans


def _spans(value: Any, key: str, path: str, line: int) -> list[Span]:
    if value is None:
        return []
    try:
        return [(int(s), int(e)) for s, e, *_ in value]
    except (TypeError, ValueError):
        raise GoldFormatError(path, f"{key} must be a list of [start, end, text]", line) from None


def load_cameo_gold(path: str | Path) -> list[CameoRecord]:
    path = Path(path)
    where = str(path)
    categories = set(lexicon.plover()["categories"])
    out = []
    for n, raw in gold_lines(path):
        try:
            row = json.loads(raw)
            rid, text = str(row["id"]), row["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFormatError(where, f"not a cameo-news record (needs id and text): {exc}", n) from None
        if not isinstance(text, str) or row.get("event") not in (True, False, None):
            raise GoldFormatError(where, "text must be a string and event true, false or null", n)
        sets = row.get("categories") or []
        if not isinstance(sets, list) or not all(isinstance(s, list) for s in sets):
            raise GoldFormatError(where, "categories must be a list of lists of PLOVER categories", n)
        unknown = {c for s in sets for c in s} - categories
        if unknown:
            raise GoldFormatError(where, f"unknown PLOVER categories {sorted(unknown)}", n)
        quad = row.get("quad") or []
        if not isinstance(quad, list) or not all(q in (1, 2, 3, 4) for q in quad):
            raise GoldFormatError(where, "quad must be a list of 1-4", n)
        out.append(CameoRecord(rid, text, row.get("event"), [set(s) for s in sets],
                               bool(row.get("categories_known")), set(quad),
                               _spans(row.get("source_spans"), "source_spans", where, n),
                               _spans(row.get("target_spans"), "target_spans", where, n),
                               _spans(row.get("reciprocal_spans"), "reciprocal_spans", where, n)))
    if not out:
        raise GoldFormatError(where, "no records")
    return out


# --- predictions ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CameoEvent:
    category: str
    categories: frozenset[str]                # its own and its as_intention category
    trigger: Span
    sources: tuple[Span, ...]                 # mentions of its source actors
    targets: tuple[Span, ...]
    confidence: float = 0.5
    trigger_text: str = ""


def predicted_events(ex: Extraction) -> list[CameoEvent]:
    def mentions(ids: Sequence[str]) -> tuple[Span, ...]:
        return tuple((m.start, m.end) for i in ids if (a := ex.actor(i)) for m in a.mentions)

    out = []
    for e in ex.events:
        src, tgt = mentions(e.source), mentions(e.target)
        if e.reciprocal:
            src = tgt = src + tgt
        mapped = as_intention(e.category, e.mode, e.aux)[0]
        out.append(CameoEvent(e.category, frozenset({e.category, mapped}), (e.trigger.start, e.trigger.end),
                              src, tgt, e.confidence, e.trigger.text))
    return out


def quads(e: CameoEvent) -> set[int]:
    """The quad classes an event may be read as: its category's, and that of its category as
    CAMEO codes an announced or refused act ("will not release the hostages" is a
    rejection, verbal conflict), as the category comparison accepts both."""
    return {lexicon.quad_class(c) for c in e.categories}


def top(events: Sequence[CameoEvent]) -> CameoEvent | None:
    return min(events, key=lambda e: (-e.confidence, e.trigger[0])) if events else None


def matched_event(g: CameoRecord, events: Sequence[CameoEvent]) -> CameoEvent | None:
    if g.event is not True:
        return None
    if g.categories_known:
        return top([e for e in events if any(e.categories & s for s in g.categories)])
    return top(events)


# --- scoring ----------------------------------------------------------------------------

@dataclass(slots=True)
class CameoScores:
    records: int = 0
    detection: PRF = field(default_factory=PRF)
    negatives: int = 0
    category_roots: int = 0
    category_recalled: int = 0
    category_predicted: int = 0
    category_right: int = 0
    quad_records: int = 0
    quad_right: int = 0
    source_records: int = 0
    source_right: int = 0
    target_records: int = 0
    target_right: int = 0

    @property
    def false_event_rate(self) -> float:
        return ratio(self.detection.fp, self.negatives)

    def category(self) -> tuple[float, float, float]:
        p = ratio(self.category_right, self.category_predicted)
        r = ratio(self.category_recalled, self.category_roots)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def headline(self) -> dict[str, float]:
        p, r, f = self.category()
        return {k: round(v, 4) for k, v in {
            "detection_precision": self.detection.precision, "detection_recall": self.detection.recall,
            "detection_f1": self.detection.f1, "false_event_rate": self.false_event_rate,
            # The gate keeps scores at or above floors: the rate's complement is what it pins.
            "negative_accuracy": 1 - self.false_event_rate if self.negatives else 0.0,
            "category_precision": p, "category_recall": r, "category_f1": f,
            "quad_accuracy": ratio(self.quad_right, self.quad_records),
            "source_span_agreement": ratio(self.source_right, self.source_records),
            "target_span_agreement": ratio(self.target_right, self.target_records)}.items()}

    def to_dict(self) -> dict[str, Any]:
        counts = {k: getattr(self, k) for k in (
            "records", "negatives", "category_roots", "category_recalled", "category_predicted", "category_right",
            "quad_records", "quad_right", "source_records", "source_right", "target_records", "target_right")}
        return {**counts, "detection": self.detection.to_dict(), "headline": self.headline()}


def _agrees(system: Sequence[Span], gold: Sequence[Span]) -> bool:
    return any(overlaps(s, g) for s in system for g in gold)


def tally(gold: Sequence[CameoRecord], predicted: Sequence[Sequence[CameoEvent]]) -> CameoScores:
    s = CameoScores(records=len(gold))
    for g, events in zip(gold, predicted):
        if g.event is not None:
            s.detection.add(PRF(int(g.event and bool(events)), int(not g.event and bool(events)),
                                int(g.event and not events)))
            s.negatives += not g.event
        if g.categories_known:
            s.category_roots += len(g.categories)
            s.category_recalled += sum(any(e.categories & root for e in events) for root in g.categories)
            # One unit per distinct category a sentence gets, as a one-coder-per-root gold counts.
            units = {e.categories for e in events}
            s.category_predicted += len(units)
            s.category_right += sum(any(u & root for root in g.categories) for u in units)
        t = top(events)
        if g.quad and t is not None:
            s.quad_records += 1
            s.quad_right += bool(quads(t) & g.quad)
        m = matched_event(g, events)
        if m is not None:
            if g.sources:
                s.source_records += 1
                s.source_right += _agrees(m.sources, g.sources)
            if g.targets:
                s.target_records += 1
                s.target_right += _agrees(m.targets, g.targets)
    return s


@dataclass(slots=True)
class CameoReport:
    gold_path: str
    part: str
    gold: list[CameoRecord]
    predicted: list[list[CameoEvent]]
    scores: dict[str, CameoScores]
    failures: list[str] = field(default_factory=list)

    def headline(self) -> dict[str, float]:
        return part_headline({k: v.headline() for k, v in self.scores.items()})

    def errors(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Sentences of the part asked for (the read part when that was all) where detection,
        category or quad is wrong."""
        out = []
        for g, events in zip(self.gold, self.predicted):
            if self.part == "all" and part(g.id) != "read":
                continue
            wrong = []
            if g.event is not None and g.event != bool(events):
                wrong.append("missed event" if g.event else "false event")
            if g.categories_known and g.categories and not all(
                    any(e.categories & root for e in events) for root in g.categories):
                wrong.append("category")
            t = top(events)
            if g.quad and t is not None and not quads(t) & g.quad:
                wrong.append("quad")
            if wrong:
                out.append({"id": g.id, "text": g.text, "errors": wrong,
                            "gold": {"categories": [sorted(s) for s in g.categories], "quad": sorted(g.quad)},
                            "system": [f"{e.category} '{e.trigger_text}' {e.confidence}" for e in events]})
        return out if limit is None else out[:limit]

    def to_dict(self, *, errors: int = 0) -> dict[str, Any]:
        return {"eval": "cameo", "gold": self.gold_path, "part": self.part,
                "split": "part(record id): sha256 of the id, first 8 bytes big-endian, even = read",
                "headline": self.headline(), "parts": {k: v.to_dict() for k, v in self.scores.items()},
                "failures": self.failures, "errors_part": "read" if self.part == "all" else self.part,
                "errors": self.errors(errors) if errors else []}


def score_cameo(gold: Sequence[CameoRecord], predicted: Sequence[Sequence[CameoEvent]], *, which: str = "all",
                gold_path: str = "") -> CameoReport:
    """Scores of predicted events (one list per gold record, same order); with ``which``
    'all', the whole set and each part; else that part alone."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(predicted)} prediction lists for {len(gold)} gold records")
    pairs = [(g, list(p)) for g, p in zip(gold, predicted) if which == "all" or part(g.id) == which]
    names = PARTS if which == "all" else (which,)
    scores = {}
    for n in names:
        chosen = select(pairs, lambda x: x[0].id, n)
        scores[n] = tally([g for g, _ in chosen], [p for _, p in chosen])
    return CameoReport(gold_path, which, [g for g, _ in pairs], [p for _, p in pairs], scores)


def evaluate_cameo(path: str | Path, *, which: str = "all", model: str | None = None, batch_size: int = 32,
                   progress: Progress | None = None) -> CameoReport:
    """Extract every sentence of the part asked for (one article each, no date) and score it."""
    gold = select(load_cameo_gold(path), lambda g: g.id, which)
    articles = [Article(text=g.text, id=g.id) for g in gold]
    predicted, failures = [], []
    for item in run_pipeline(articles, model=model, batch_size=batch_size, progress=progress):
        predicted.append(predicted_events(item.extraction) if item.extraction else [])
        if item.failure:
            failures.append(item.failure)
    report = score_cameo(gold, predicted, which=which, gold_path=str(path))
    report.failures = failures
    return report
