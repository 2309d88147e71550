"""PLOVER gold records (the OEDA gold-standard JSONL): category, dyad and evidence scores.

Unit of scoring: one gold *sentence* (one distinct ``text``; two records with the same text
are one sentence with two gold events). Communique extracts each sentence as an article.

- category: micro P/R/F1 over (sentence, category) pairs, per-category table, confusion;
- dyad: micro P/R/F1 over (sentence, source country, target country, category) tuples,
  compound actors expanded into every source x target pair, a missing target as "-";
- evidence: share of correctly categorised events whose trigger overlaps a gold
  ``(EVT: ...)`` markup span (spans located in the plain text).

The gold follows the PLOVER 0.5 / CAMEO convention that an announced or conditional action
is coded as what it is when reported ("will send aid" AGREE, "would impose sanctions"
THREATEN). Communique records the action with ``aux`` future/hypothetical instead, so every
prediction is mapped through ``events.as_intention`` before it is compared.

Two selections of predicted events are scored: ``all`` (every event Communique emits; the
primary figures, since each is a record an analyst sees) and ``top`` (one event per
sentence: highest confidence, ties to the earliest trigger), which is the fair comparison
with one-event-per-sentence gold.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract.events import as_intention
from ..ontology import lexicon
from ..records import Actor, Article, Extraction
from .common import PRF, GoldFormatError, Progress, overlaps, ratio, run_pipeline
from .split import SCORED_PARTS, part, part_headline, select

__all__ = [
    "GoldSentence",
    "PloverReport",
    "PredictedEvent",
    "actor_code",
    "evaluate_plover",
    "gold_code",
    "load_plover_gold",
    "markup_spans",
    "predicted_events",
    "score_plover",
]

NONE = "-"        # no actor in that role (gold: empty or absent target)
UNKNOWN = "?"     # an actor Communique found but could not give a country
IGO = "IGO"       # any international or non-governmental organisation
IMG = "IMG"       # a transnational non-state armed or militant group

# The 2016 gold has a few non-ISO codes; its IGO/NGO split is not consistent (Amnesty
# International and the Red Cross are coded IGO, "a human rights group" NGO), so both are
# one class, and so are its two codes for transnational militant groups.
GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "NGO": IGO, "ISM": IMG}


def gold_code(code: str | None) -> str:
    code = (code or "").strip().upper()
    if not code:
        return UNKNOWN
    return GOLD_CODE_FIXES.get(code, code)


@functools.cache
def _igo_codes() -> dict[str, tuple[str, str | None]]:
    """Communique's organisation/group code -> (kind, home country) from its IGO lexicon."""
    out: dict[str, tuple[str, str | None]] = {}
    for entry in lexicon.igos().values():
        out.setdefault(entry["code"], (entry["kind"], entry.get("country")))
    return out


def actor_code(actor: Actor | None) -> str:
    """The gold's actor code for a Communique actor.

    An ISO country stays itself; an organisation code from the IGO lexicon (UN, NATO, EU,
    AMNESTY, ...) becomes "IGO"; a group code without a home country (AQ) becomes "IMG"
    and one with a home country becomes that country; no country is "?"."""
    if actor is None:
        return UNKNOWN
    code = actor.country
    if not code:
        return UNKNOWN
    if lexicon.country_name(code) is not None:
        return code
    kind, home = _igo_codes().get(code, (actor.kind, None))
    if kind == "group":
        return home or IMG
    return IGO


# --- gold -------------------------------------------------------------------------------

_TAG = re.compile(r"\(([A-Z]+(?:/[A-Z]+)*): ")


def _strip_markup(markup: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Plain text of the markup and its (tag, start, end) spans in that plain text.
    Tagged text may itself hold parentheses: "(TAR: Palestine Liberation Organization (PLO))"."""
    out: list[str] = []
    spans: list[tuple[str, int, int]] = []
    stack: list[tuple[str, int]] = []
    depth: list[int] = []  # open plain parentheses inside each open tag
    i, pos = 0, 0
    while i < len(markup):
        m = _TAG.match(markup, i)
        if m:
            stack.append((m.group(1), pos))
            depth.append(0)
            i = m.end()
            continue
        ch = markup[i]
        if ch == ")" and stack and depth[-1] == 0:
            tag, start = stack.pop()
            depth.pop()
            spans.append((tag, start, pos))
            i += 1
            continue
        if stack and ch == "(":
            depth[-1] += 1
        elif stack and ch == ")":
            depth[-1] -= 1
        out.append(ch)
        pos += 1
        i += 1
    return "".join(out), spans


def markup_spans(markup: str, text: str, tag: str = "EVT") -> list[tuple[int, int]]:
    """Offsets in ``text`` of the markup's spans with ``tag``.

    The markup's plain text sometimes differs from ``text`` (a typo fixed in one, a word
    dropped); offsets are carried across by aligning the two, and a span whose ends fall
    in an edited stretch is looked up by its words nearest its expected place."""
    plain, spans = _strip_markup(markup)
    wanted = [(s, e) for t, s, e in spans if t == tag and e > s]
    if plain == text:
        return wanted
    blocks = difflib.SequenceMatcher(None, plain, text, autojunk=False).get_matching_blocks()

    def carry(p: int, *, end: bool) -> int | None:
        for a, b, size in blocks:
            if a <= p < a + size or (end and size and p == a + size):
                return b + (p - a)
        return None

    out = []
    for s, e in wanted:
        ts, te = carry(s, end=False), carry(e, end=True)
        if ts is not None and te is not None and text[ts:te].split() == plain[s:e].split():
            out.append((ts, te))
            continue
        words = plain[s:e].split()
        pattern = r"\s+".join(re.escape(w) for w in words)
        found = [(abs(m.start() - s), m.start(), m.end()) for m in re.finditer(pattern, text)]
        if found:
            _, a, b = min(found)
            out.append((a, b))
    return out


@dataclass(slots=True)
class GoldSentence:
    key: int
    ids: list[str]
    text: str
    published: dt.date | None
    categories: set[str] = field(default_factory=set)
    dyads: set[tuple[str, str, str]] = field(default_factory=set)
    evidence: list[tuple[int, int]] = field(default_factory=list)


def _codes(value: Any, path: str, line: int) -> list[str]:
    if value in (None, "", []):
        return [NONE]
    if not isinstance(value, list):
        raise GoldFormatError(path, "source/target must be a list of {actorText, code}", line)
    return [gold_code(a.get("code")) for a in value] or [NONE]


def load_plover_gold(path: str | Path) -> list[GoldSentence]:
    """Gold sentences in file order; records with the same text are merged."""
    path = Path(path)
    categories = set(lexicon.plover()["categories"])
    by_text: dict[str, GoldSentence] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(str(path), f"cannot read: {exc.strerror or exc}") from None
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            text = row["text"]
            category = row["plover"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFormatError(str(path), f"not a PLOVER gold record (needs text and plover): {exc}",
                                  n) from None
        if category not in categories:
            raise GoldFormatError(str(path), f"unknown PLOVER category {category!r}", n)
        sent = by_text.get(text)
        if sent is None:
            published = None
            if row.get("date"):
                try:
                    published = dt.date.fromisoformat(str(row["date"])[:10])
                except ValueError:
                    raise GoldFormatError(str(path), f"bad date {row['date']!r}", n) from None
            sent = by_text[text] = GoldSentence(len(by_text), [], text, published)
        sent.ids.append(str(row.get("id", n)))
        sent.categories.add(category)
        for s in _codes(row.get("source"), str(path), n):
            for t in _codes(row.get("target"), str(path), n):
                sent.dyads.add((s, t, category))
        markup = (row.get("textInfo") or {}).get("markup")
        if markup:
            for span in markup_spans(markup, text):
                if span not in sent.evidence:
                    sent.evidence.append(span)
    if not by_text:
        raise GoldFormatError(str(path), "no gold records")
    return list(by_text.values())


# --- predictions ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PredictedEvent:
    category: str                 # after as_intention: what the gold would call it
    sources: tuple[str, ...]      # gold-style codes, "-" when no actor
    targets: tuple[str, ...]
    trigger: tuple[int, int]
    trigger_text: str = ""
    confidence: float = 0.5
    recorded: str = ""            # the category as Communique records it
    aux: str | None = None

    def dyads(self) -> set[tuple[str, str, str]]:
        return {(s, t, self.category) for s in self.sources for t in self.targets}


def predicted_events(ex: Extraction) -> list[PredictedEvent]:
    out = []
    for e in ex.events:
        category, _ = as_intention(e.category, e.mode, e.aux)
        # A reciprocal event ("X met Y") is coded as the gold codes mutual acts: every party
        # a source, no target.
        parties = e.source + e.target if e.reciprocal else e.source
        sources = tuple(sorted({actor_code(ex.actor(i)) for i in parties})) or (NONE,)
        targets = tuple(sorted({actor_code(ex.actor(i)) for i in e.target})) if not e.reciprocal else ()
        targets = targets or (NONE,)
        out.append(PredictedEvent(category, sources, targets, (e.trigger.start, e.trigger.end),
                                  e.trigger.text, e.confidence, e.category, e.aux))
    return out


def top_event(events: Sequence[PredictedEvent]) -> list[PredictedEvent]:
    """The one event a one-event-per-sentence coder would keep: highest confidence, then
    the earliest trigger (the main clause usually comes first in news sentences)."""
    if not events:
        return []
    return [min(events, key=lambda e: (-e.confidence, e.trigger[0]))]


# --- scoring ----------------------------------------------------------------------------

@dataclass(slots=True)
class VariantScores:
    category: PRF = field(default_factory=PRF)
    per_category: dict[str, PRF] = field(default_factory=dict)
    dyad: PRF = field(default_factory=PRF)
    correct_events: int = 0
    evidenced_events: int = 0
    confusion: Counter = field(default_factory=Counter)
    diagnostics: dict[str, Any] = field(default_factory=dict)

    @property
    def evidence(self) -> float:
        return ratio(self.evidenced_events, self.correct_events)

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category.to_dict(),
            "per_category": {c: p.to_dict() for c, p in sorted(self.per_category.items())},
            "dyad": self.dyad.to_dict(),
            "evidence": {"share": round(self.evidence, 4), "correct_events": self.correct_events,
                         "trigger_in_gold_markup": self.evidenced_events},
            "confusion": [{"gold": g, "predicted": p, "count": n}
                          for (g, p), n in sorted(self.confusion.items())],
            "diagnostics": self.diagnostics,
        }


@dataclass(slots=True)
class SentenceResult:
    gold: GoldSentence
    events: list[PredictedEvent]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ids": self.gold.ids, "text": self.gold.text,
            "gold_categories": sorted(self.gold.categories),
            "gold_dyads": sorted("|".join(d) for d in self.gold.dyads),
            "predicted": [{"category": e.category, "recorded": e.recorded, "aux": e.aux,
                           "sources": list(e.sources), "targets": list(e.targets),
                           "trigger": e.trigger_text, "confidence": e.confidence} for e in self.events],
        }


@dataclass(slots=True)
class PloverReport:
    gold_path: str
    sentences: int
    gold_events: int
    variants: dict[str, VariantScores]
    results: list[SentenceResult] = field(default_factory=list)
    primary: str = "all"
    failures: list[str] = field(default_factory=list)  # items an extractor raised on
    part: str = "all"                                  # the part scored (see eval.split)
    parts: dict[str, dict[str, float]] = field(default_factory=dict)  # read/unread headlines

    def own_headline(self) -> dict[str, float]:
        out = {}
        for name, v in self.variants.items():
            out[f"{name}.category_f1"] = round(v.category.f1, 4)
            out[f"{name}.dyad_f1"] = round(v.dyad.f1, 4)
            out[f"{name}.evidence"] = round(v.evidence, 4)
        return out

    def headline(self) -> dict[str, float]:
        """Keys ``all.*``/``top.*`` name the event selection; a part's keys are prefixed
        (``read.all.category_f1``)."""
        return part_headline({self.part: self.own_headline(), **self.parts})

    def errors(self, limit: int | None = None) -> list[SentenceResult]:
        """Sentences where the primary selection misses or adds a category or dyad, of the
        part scored (of the read part when that is the whole set)."""
        bad = []
        for r in self.results:
            if self.part == "all" and part(r.gold.text) != "read":
                continue
            chosen = r.events if self.primary == "all" else top_event(r.events)
            cats = {e.category for e in chosen}
            dyads = set().union(*(e.dyads() for e in chosen)) if chosen else set()
            if cats != r.gold.categories or dyads != r.gold.dyads:
                bad.append(r)
        return bad if limit is None else bad[:limit]

    def to_dict(self, *, errors: int = 0) -> dict[str, Any]:
        return {
            "eval": "plover", "gold": self.gold_path, "part": self.part, "sentences": self.sentences,
            "split": "part(sentence text): sha256 of the text, first 8 bytes big-endian, even = read",
            "errors_part": "read" if self.part == "all" else self.part,
            "gold_events": self.gold_events, "primary": self.primary,
            "selection": {"all": "every event Communique emits for the sentence",
                          "top": "one event per sentence: highest confidence, ties to the earliest trigger"},
            "category_mapping": "predictions mapped through events.as_intention (future/hypothetical "
                                "cooperation -> AGREE, threatened coercion -> THREATEN)",
            "headline": self.headline(),
            "failures": self.failures,
            "variants": {k: v.to_dict() for k, v in self.variants.items()},
            "errors": [r.to_dict() for r in self.errors(errors)] if errors else [],
        }


def _confusion(gold: set[str], pred: set[str], confusion: Counter) -> None:
    for c in gold & pred:
        confusion[(c, c)] += 1
    missed, extra = gold - pred, pred - gold
    for g in missed:
        for p in (extra or {NONE}):
            confusion[(g, p)] += 1
    if not missed:
        for p in extra:
            confusion[(NONE, p)] += 1


def _dyad_miss_reason(gold: tuple[str, str, str], pred: set[tuple[str, str, str]]) -> str:
    s, t, c = gold
    same = [d for d in pred if d[2] == c]
    if not same:
        return "category missed"
    if (t, s, c) in same:
        return "direction reversed"
    sources = {d[0] for d in same}
    targets = {d[1] for d in same}
    if sources <= {NONE}:
        return "no source actor"
    if sources <= {UNKNOWN, NONE} and s not in sources:
        return "source actor without country"
    if s not in sources:
        return "source country differs"
    if t == NONE:
        return "target given where gold has none"
    if targets <= {NONE}:
        return "no target actor"
    if targets <= {UNKNOWN, NONE}:
        return "target actor without country"
    return "target country differs"


def _score_variant(gold: Sequence[GoldSentence], chosen: Sequence[Sequence[PredictedEvent]]) -> VariantScores:
    v = VariantScores()
    categories = sorted(lexicon.plover()["categories"])
    v.per_category = {c: PRF() for c in categories}
    missed_no_event = missed_other = 0
    missed_words: Counter = Counter()
    fp_categories: Counter = Counter()
    fp_aux: Counter = Counter()
    dyad_reasons: Counter = Counter()
    sentences_without_event = 0
    mapping_helped = mapping_hurt = 0
    for g, events in zip(gold, chosen):
        pred_cats = {e.category for e in events}
        if not events:
            sentences_without_event += 1
        v.category.add(PRF.of_sets(g.categories, pred_cats))
        for c in g.categories | pred_cats:
            v.per_category.setdefault(c, PRF()).add(PRF.of_sets({c} & g.categories, {c} & pred_cats))
        _confusion(g.categories, pred_cats, v.confusion)
        pred_dyads = set().union(*(e.dyads() for e in events)) if events else set()
        v.dyad.add(PRF.of_sets(g.dyads, pred_dyads))
        for d in g.dyads - pred_dyads:
            dyad_reasons[_dyad_miss_reason(d, pred_dyads)] += 1
        for e in events:
            if e.category != e.recorded:
                mapping_helped += e.category in g.categories and e.recorded not in g.categories
                mapping_hurt += e.recorded in g.categories and e.category not in g.categories
            if e.category in g.categories:
                v.correct_events += 1
                if any(overlaps(e.trigger, span) for span in g.evidence):
                    v.evidenced_events += 1
            else:
                fp_categories[e.category] += 1
                fp_aux[e.aux or "none"] += 1
        for c in g.categories - pred_cats:
            if events:
                missed_other += 1
            else:
                missed_no_event += 1
                for s, e in g.evidence:
                    missed_words[g.text[s:e].lower()] += 1
    missed = missed_no_event + missed_other
    v.diagnostics = {
        "sentences_without_event": sentences_without_event,
        "missed_categories": missed,
        "missed_with_no_event_in_sentence": missed_no_event,
        "missed_with_other_category_predicted": missed_other,
        "gold_triggers_in_sentences_without_event": dict(missed_words.most_common(25)),
        "false_positive_categories": dict(fp_categories.most_common()),
        "false_positive_aux": dict(fp_aux.most_common()),
        "missed_dyads_by_reason": dict(dyad_reasons.most_common()),
        # Events whose as_intention category differs from the recorded one: how often the
        # mapping made a wrong record right, and how often it made a right record wrong.
        "intention_mapping": {"made_correct": mapping_helped, "made_wrong": mapping_hurt},
    }
    return v


def score_plover(gold: Sequence[GoldSentence], predicted: Sequence[Sequence[PredictedEvent]], *,
                 gold_path: str = "") -> PloverReport:
    """Scores of predicted events (one list per gold sentence, same order) against the gold."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(predicted)} prediction lists for {len(gold)} gold sentences")
    variants = {
        "all": _score_variant(gold, predicted),
        "top": _score_variant(gold, [top_event(p) for p in predicted]),
    }
    return PloverReport(
        gold_path=gold_path, sentences=len(gold), gold_events=sum(len(g.categories) for g in gold),
        variants=variants, results=[SentenceResult(g, list(p)) for g, p in zip(gold, predicted)],
    )


def evaluate_plover(path: str | Path, *, which: str = "all", model: str | None = None, batch_size: int = 32,
                    progress: Progress | None = None, min_confidence: float = 0.0) -> PloverReport:
    """Extract every gold sentence of the part asked for (published on its record's date)
    and score it; with ``min_confidence``, only the events of at least that confidence. For
    the whole set, each part's headline is scored too."""
    gold = select(load_plover_gold(path), lambda g: g.text, which)
    articles = [Article(text=g.text, published=g.published, id=g.ids[0]) for g in gold]
    predicted, failures = [], []
    for item in run_pipeline(articles, model=model, batch_size=batch_size, progress=progress):
        events = predicted_events(item.extraction) if item.extraction else []
        predicted.append([e for e in events if e.confidence >= min_confidence])
        if item.failure:
            failures.append(item.failure)
    report = score_plover(gold, predicted, gold_path=str(path))
    report.failures = failures
    report.part = which
    if which == "all":
        for name in SCORED_PARTS:
            keep = [i for i, g in enumerate(gold) if part(g.text) == name]
            report.parts[name] = score_plover([gold[i] for i in keep], [predicted[i] for i in keep]).own_headline()
    return report
