"""Whole news articles coded as an analyst codes them (``gold/news``, see its README and
GUIDELINES.md): events, whole records, dates, aux and actors.

- events: a system event matches a gold event when its trigger starts inside the gold
  event's sentence and one of its categories is the gold category or in ``also_ok``. A
  system event's categories are its own and what ``events.as_intention`` makes of it (aux
  future/hypothetical cooperation AGREE, announced coercion or violence THREATEN, negated
  cooperation REJECT). Matching is one to one and greedy: pairs whose dyad agrees first,
  then the gold category itself before ``also_ok``, then the trigger nearest the gold one.
  Precision is over every system event of the article, recall over every gold event.
- whole record: a match whose set of source countries equals the gold's and whose set of
  target countries does too (see ``codes_agree``); a reciprocal gold event accepts any split
  of its participants between source and target.
- date and aux: accuracy over matched events. A day-precision gold date accepts only that
  day; a month one any system date inside that month (a day in it or the month itself); a
  year one any system date inside that year. A system event without a date is wrong.
- actors: a gold actor is found by the system actor with most mentions overlapping an
  occurrence of one of the gold actor's mention strings; country and sector accuracy are
  over found actors; system actors overlapping no gold mention are counted as unmatched.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..extract.events import as_intention
from ..ontology import lexicon
from ..records import Article, Extraction
from .common import PRF, Progress, overlaps, ratio, run_pipeline
from .news_gold import GoldActor, GoldArticle, GoldEvent, attach_texts, gold_files, load_news_gold
from .split import PARTS, part, part_headline, select

__all__ = ["NewsReport", "SysActor", "SysEvent", "codes_agree", "evaluate_news", "news_code",
           "predictions_of", "score_news"]

WILDCARDS = {"IGO", "NGO"}    # gold: some international or non-governmental body
# UN bodies the IGO lexicon gives their own code; the gold codes them all UN. Codes starting
# with "UN" (UNHCR, UNICEF, UNDP ...) are UN bodies by that rule alone.
UN_AGENCIES = {"WHO", "FAO", "ILO", "WFP", "IFAD", "ICAO", "IMO", "ITU", "UPU", "WMO", "WIPO", "OCHA",
               "OHCHR", "IOM"}
RENAMED = {"SUN": "RUS"}      # the Soviet Union is coded as its continuing state


@functools.cache
def _stateless_groups() -> frozenset[str]:
    """Group codes of the IGO lexicon without a home state (AQ): the gold codes such a
    group's country null."""
    return frozenset(e["code"] for e in lexicon.igos().values() if e["kind"] == "group" and not e.get("country"))


def news_code(code: str | None) -> str | None:
    """One country code as the gold compares it (either side); None counts for nothing."""
    if not code:
        return None
    code = RENAMED.get(code.upper(), code.upper())
    if code in _stateless_groups():
        return None
    if not _is_state(code) and (code.startswith("UN") or code in UN_AGENCIES):
        return "UN"
    return code


def _is_state(code: str) -> bool:
    return lexicon.country_name(code) is not None


def codes_agree(gold: set[str | None], system: set[str | None]) -> bool:
    """Whether a set of system country codes equals the gold's: null codes count for
    nothing, and a gold IGO or NGO accepts any non-state code (all of them together)."""
    g = {c for c in (news_code(x) for x in gold) if c}
    s = {c for c in (news_code(x) for x in system) if c}
    fixed = g - WILDCARDS
    if not fixed <= s:
        return False
    rest = s - fixed
    if not (g & WILDCARDS):
        return not rest
    return bool(rest) and not any(_is_state(c) for c in rest)


# --- predictions ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SysActor:
    id: str
    country: str | None
    sector: str | None
    mentions: tuple[tuple[int, int], ...]
    name: str = ""


@dataclass(frozen=True, slots=True)
class SysEvent:
    category: str
    trigger: tuple[int, int]
    source: tuple[str, ...]          # system actor ids
    target: tuple[str, ...]
    reciprocal: bool = False
    aux: str | None = None
    date: str | None = None
    mode: str | None = None
    trigger_text: str = ""

    @property
    def categories(self) -> set[str]:
        return {self.category, as_intention(self.category, self.mode, self.aux)[0]}


@dataclass(slots=True)
class Prediction:
    actors: list[SysActor] = field(default_factory=list)
    events: list[SysEvent] = field(default_factory=list)

    def countries(self, ids: Sequence[str]) -> set[str | None]:
        by_id = {a.id: a for a in self.actors}
        return {by_id[i].country if i in by_id else None for i in ids}


def predictions_of(ex: Extraction) -> Prediction:
    actors = [SysActor(a.id, a.country, a.sector, tuple((m.start, m.end) for m in a.mentions), a.name)
              for a in ex.actors]
    events = [SysEvent(e.category, (e.trigger.start, e.trigger.end), tuple(e.source), tuple(e.target),
                       e.reciprocal, e.aux, e.date, e.mode, e.trigger.text) for e in ex.events]
    return Prediction(actors, events)


# --- scoring ----------------------------------------------------------------------------

def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _gold_countries(a: GoldArticle, ids: Sequence[str]) -> set[str | None]:
    return {a.actor_by_id[i].country for i in ids}


def record_right(a: GoldArticle, g: GoldEvent, pred: Prediction, e: SysEvent) -> bool:
    """Both sides' country sets as the gold's (the category match is checked apart)."""
    src, tgt = pred.countries(e.source), pred.countries(e.target)
    if g.reciprocal:
        return codes_agree(_gold_countries(a, g.source + g.target), src | tgt)
    return codes_agree(_gold_countries(a, g.source), src) and codes_agree(_gold_countries(a, g.target), tgt)


def date_right(gold: str, system: str | None) -> bool:
    if not system:
        return False
    if len(gold) == 10:
        return system[:10] == gold and len(system) >= 10
    return system.startswith(gold) and (len(system) == len(gold) or not system[len(gold)].isdigit())


@dataclass(slots=True)
class ArticleResult:
    gold: GoldArticle
    pred: Prediction
    pairs: list[tuple[int, int]]                  # (gold event index, system event index)
    records: set[int]                             # gold event indices whose whole record is right
    found: dict[str, str]                         # gold actor id -> system actor id
    unmatched_actors: list[str]                   # system actor ids overlapping no gold mention

    def errors(self) -> list[dict[str, Any]]:
        out = []
        a, p, text = self.gold, self.pred, self.gold.text
        matched_g = {gi: pi for gi, pi in self.pairs}
        matched_p = {pi for _, pi in self.pairs}
        for gi, g in enumerate(a.events):
            if gi not in matched_g:
                out.append({"article": a.id, "error": "missed event", "gold": _gold_event(a, g)})
            elif gi not in self.records:
                out.append({"article": a.id, "error": "wrong source or target", "gold": _gold_event(a, g),
                            "system": _sys_event(p, p.events[matched_g[gi]], text)})
        for pi, e in enumerate(p.events):
            if pi not in matched_p:
                out.append({"article": a.id, "error": "spurious event", "system": _sys_event(p, e, text)})
        by_id = {x.id: x for x in p.actors}
        for ga in a.actors:
            sa = by_id.get(self.found.get(ga.id, ""))
            if sa is None:
                out.append({"article": a.id, "error": "actor not found", "gold": ga.name})
            elif not _country_right(ga, sa.country):
                out.append({"article": a.id, "error": "actor country", "gold": f"{ga.name} {ga.country}",
                            "system": f"{sa.name} {sa.country}"})
        return out


def _gold_event(a: GoldArticle, g: GoldEvent) -> str:
    side = lambda ids: ",".join(f"{a.actor_by_id[i].name}/{a.actor_by_id[i].country}" for i in ids)  # noqa: E731
    arrow = "<>" if g.reciprocal else ">"
    return f"{g.category}{'/' + g.aux if g.aux else ''} '{g.trigger}' {side(g.source)}{arrow}{side(g.target)}"


def _sys_event(p: Prediction, e: SysEvent, text: str) -> str:
    by_id = {x.id: x for x in p.actors}
    side = lambda ids: ",".join(f"{by_id[i].name}/{by_id[i].country}" for i in ids if i in by_id)  # noqa: E731
    arrow = "<>" if e.reciprocal else ">"
    return (f"{e.category}{'/' + e.aux if e.aux else ''} '{text[e.trigger[0]:e.trigger[1]]}' "
            f"{side(e.source)}{arrow}{side(e.target)}")


def match_events(a: GoldArticle, pred: Prediction) -> tuple[list[tuple[int, int]], set[int]]:
    """One-to-one pairs (gold index, system index) and the gold indices whose record is right."""
    cands = []
    for gi, g in enumerate(a.events):
        spans = _occurrences(a.text, g.sentence)   # a repeated sentence: each place
        gold_trig = [s + g.sentence.find(g.trigger) for s, _ in spans]
        for pi, e in enumerate(pred.events):
            if not any(s <= e.trigger[0] < t for s, t in spans) or not (e.categories & g.categories):
                continue
            right = record_right(a, g, pred, e)
            distance = min(abs(e.trigger[0] - t) for t in gold_trig)
            cands.append((not right, g.category not in e.categories, distance, gi, pi, right))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs, records = [], set()
    for *_, gi, pi, right in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
        if right:
            records.add(gi)
    return sorted(pairs), records


def match_actors(a: GoldArticle, pred: Prediction) -> tuple[dict[str, str], list[str]]:
    occurrences = {ga.id: [o for m in dict.fromkeys(ga.mentions) for o in _occurrences(a.text, m)]
                   for ga in a.actors}
    found: dict[str, str] = {}
    for ga in a.actors:
        best, best_n = None, 0
        for sa in pred.actors:
            n = sum(1 for m in sa.mentions for o in occurrences[ga.id] if overlaps(m, o))
            if n > best_n:
                best, best_n = sa.id, n
        if best is not None:
            found[ga.id] = best
    every = [o for occ in occurrences.values() for o in occ]
    unmatched = [sa.id for sa in pred.actors if not any(overlaps(m, o) for m in sa.mentions for o in every)]
    return found, unmatched


def score_article(a: GoldArticle, pred: Prediction) -> ArticleResult:
    pairs, records = match_events(a, pred)
    found, unmatched = match_actors(a, pred)
    return ArticleResult(a, pred, pairs, records, found, unmatched)


@dataclass(slots=True)
class NewsScores:
    articles: int = 0
    events: PRF = field(default_factory=PRF)
    records: PRF = field(default_factory=PRF)
    date_right: int = 0
    aux_right: int = 0
    gold_actors: int = 0
    found_actors: int = 0
    country_right: int = 0
    sector_right: int = 0
    system_actors: int = 0
    unmatched_actors: int = 0

    def headline(self) -> dict[str, float]:
        r = lambda x: round(x, 4)  # noqa: E731
        return {
            "event_precision": r(self.events.precision), "event_recall": r(self.events.recall),
            "event_f1": r(self.events.f1),
            "record_precision": r(self.records.precision), "record_recall": r(self.records.recall),
            "record_f1": r(self.records.f1),
            "date_accuracy": r(ratio(self.date_right, self.events.tp)),
            "aux_accuracy": r(ratio(self.aux_right, self.events.tp)),
            "actor_recall": r(ratio(self.found_actors, self.gold_actors)),
            "actor_country_accuracy": r(ratio(self.country_right, self.found_actors)),
            "actor_sector_accuracy": r(ratio(self.sector_right, self.found_actors)),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "events": self.events.to_dict(), "records": self.records.to_dict(),
                "matched_events": self.events.tp, "date_right": self.date_right, "aux_right": self.aux_right,
                "gold_actors": self.gold_actors, "found_actors": self.found_actors,
                "country_right": self.country_right, "sector_right": self.sector_right,
                "system_actors": self.system_actors, "unmatched_system_actors": self.unmatched_actors,
                "headline": self.headline()}


def _country_right(ga: GoldActor, country: str | None) -> bool:
    g, s = news_code(ga.country), news_code(country)
    if g in WILDCARDS:
        return s is not None and not _is_state(s)
    return g == s


def tally(results: Sequence[ArticleResult]) -> NewsScores:
    s = NewsScores(articles=len(results))
    for r in results:
        a, p = r.gold, r.pred
        s.events.add(PRF(len(r.pairs), len(p.events) - len(r.pairs), len(a.events) - len(r.pairs)))
        s.records.add(PRF(len(r.records), len(p.events) - len(r.records), len(a.events) - len(r.records)))
        for gi, pi in r.pairs:
            s.date_right += date_right(a.events[gi].date, p.events[pi].date)
            s.aux_right += a.events[gi].aux == p.events[pi].aux
        by_id = {x.id: x for x in p.actors}
        s.gold_actors += len(a.actors)
        s.system_actors += len(p.actors)
        s.unmatched_actors += len(r.unmatched_actors)
        for ga in a.actors:
            sa = by_id.get(r.found.get(ga.id, ""))
            if sa is not None:
                s.found_actors += 1
                s.country_right += _country_right(ga, sa.country)
                s.sector_right += ga.sector == sa.sector
    return s


@dataclass(slots=True)
class NewsReport:
    gold_path: str
    part: str
    results: list[ArticleResult]
    scores: dict[str, NewsScores]                # part name -> scores
    failures: list[str] = field(default_factory=list)

    def headline(self) -> dict[str, float]:
        return part_headline({k: v.headline() for k, v in self.scores.items()})

    def errors(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Errors of the part asked for, and only of the read part when that was all."""
        shown = self.results if self.part != "all" else select(self.results, lambda r: r.gold.id, "read")
        out = [e for r in shown for e in r.errors()]
        return out if limit is None else out[:limit]

    def to_dict(self, *, errors: int = 0) -> dict[str, Any]:
        return {"eval": "news", "gold": self.gold_path, "part": self.part,
                "split": "part(article id): sha256 of the id, first 8 bytes big-endian, even = read",
                "articles": {k: v.articles for k, v in self.scores.items()},
                "headline": self.headline(), "parts": {k: v.to_dict() for k, v in self.scores.items()},
                "failures": self.failures,
                "errors_part": "read" if self.part == "all" else self.part,
                "errors": self.errors(errors) if errors else []}


def score_news(gold: Sequence[GoldArticle], predicted: Sequence[Prediction], *, which: str = "all",
               gold_path: str = "") -> NewsReport:
    """Scores of predictions (one per gold article, same order, texts attached); with
    ``which`` 'all', the whole set and each part; else that part alone."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold articles")
    results = [score_article(a, p) for a, p in zip(gold, predicted) if part(a.id) == which or which == "all"]
    names = PARTS if which == "all" else (which,)
    scores = {n: tally(select(results, lambda r: r.gold.id, n)) for n in names}
    return NewsReport(gold_path, which, results, scores)


def evaluate_news(path: str | Path, *, corpora: dict[str, str | Path] | None = None, which: str = "all",
                  model: str | None = None, batch_size: int = 32, progress: Progress | None = None) -> NewsReport:
    """Extract every gold article of the part asked for (published on its gold date) and score it."""
    gold: list[GoldArticle] = []
    for f in gold_files(path):
        gold.extend(load_news_gold(f))
    gold = select(gold, lambda a: a.id, which)
    attach_texts(gold, corpora)
    articles = [Article(text=a.text, id=a.id, published=a.published) for a in gold]
    predicted, failures = [], []
    for item in run_pipeline(articles, model=model, batch_size=batch_size, progress=progress):
        predicted.append(predictions_of(item.extraction) if item.extraction else Prediction())
        if item.failure:
            failures.append(item.failure)
    report = score_news(gold, predicted, which=which, gold_path=str(path))
    report.failures = failures
    return report
