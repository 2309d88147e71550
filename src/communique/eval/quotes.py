"""Quotes: content spans and speakers against the project's own annotated paragraphs.

No public quote gold exists, so ``data/quotes_gold.jsonl`` holds short articles written for
this project, one JSON object a line:

    {"id", "text", "published", "note",
     "quotes": [{"start", "end", "text", "direct", "speaker", "kind"}]}

Conventions of the annotation (the scorer relies on them):
- a direct quote's content is the words inside the marks; an indirect quote's is the
  reported clause (after "that" when there is one); an "according to X" attribution's is the
  clause X is credited with;
- a quote that runs over several paragraphs is one quote per paragraph, same speaker;
- a quote inside a quote is part of the outer one, not a quote of its own;
- words in quote marks that nobody is reported as saying (scare quotes, titles) are no quote;
- ``speaker`` is the name of who is quoted as the text gives it (a person's full name, an
  organisation's name), or null where the text names nobody;
- ``kind`` lists what the quote tests: direct, indirect, it-said, tweet, partial, nested,
  unbalanced, multi-paragraph, according-to, pronoun.

Scores: content-span precision and recall, exact (the same words once surrounding spaces,
punctuation and quote marks are stripped from both spans) and overlap (sharing any
character), each one-to-one; direct-flag accuracy and speaker accuracy over the gold quotes
found (overlap), and speaker recall over all gold quotes. A predicted speaker is right when
its actor's name or one of its mentions equals the gold name, or one holds the other as
whole words ("Lena Berg" and "Foreign Minister Lena Berg", "Berg").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..records import Article, Extraction
from .common import PRF, GoldFormatError, gold_loader, Progress, match_one_to_one, ratio, run_pipeline

__all__ = [
    "GoldQuote",
    "PredictedQuote",
    "QuoteItem",
    "QuotesReport",
    "default_gold_path",
    "evaluate_quotes",
    "load_quotes_gold",
    "predicted_quotes",
    "score_quotes",
    "speaker_matches",
]

KINDS = ("direct", "indirect", "it-said", "tweet", "partial", "nested", "unbalanced",
         "multi-paragraph", "according-to", "pronoun")
_EDGE = " \t\n\r,.;:!?\"'“”‘’«»—–-…"


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    direct: bool
    speaker: str | None
    kinds: tuple[str, ...] = ()


@dataclass(slots=True)
class QuoteItem:
    id: str
    text: str
    published: dt.date | None
    quotes: list[GoldQuote]


@dataclass(frozen=True, slots=True)
class PredictedQuote:
    start: int
    end: int
    direct: bool
    speaker_names: tuple[str, ...] = ()  # the actor's name and mention texts; () for none


def default_gold_path() -> Path:
    return Path(str(resources.files("communique.eval").joinpath("data", "quotes_gold.jsonl")))


@gold_loader('a quote gold file')
def load_quotes_gold(path: str | Path | None = None) -> list[QuoteItem]:
    path = Path(path) if path else default_gold_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(str(path), f"cannot read: {exc.strerror or exc}") from None
    items = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            text = row["text"]
            quotes = []
            for q in row["quotes"]:
                start, end = int(q["start"]), int(q["end"])
                if text[start:end] != q["text"]:
                    raise GoldFormatError(str(path), f"quote offsets {start}:{end} give "
                                          f"{text[start:end]!r}, not {q['text']!r}", n)
                kinds = tuple(q.get("kind", ()))
                unknown = set(kinds) - set(KINDS)
                if unknown:
                    raise GoldFormatError(str(path), f"unknown quote kind(s) {sorted(unknown)}; "
                                          f"known: {', '.join(KINDS)}", n)
                quotes.append(GoldQuote(start, end, bool(q["direct"]), q.get("speaker"), kinds))
            published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError, IndexError,
                RecursionError) as exc:
            if isinstance(exc, GoldFormatError):
                raise
            raise GoldFormatError(str(path), f"not a quote gold item (id, text, quotes with start, "
                                             f"end, text, direct, speaker): {exc}", n) from None
        items.append(QuoteItem(str(row.get("id", n)), text, published, quotes))
    if not items:
        raise GoldFormatError(str(path), "no gold items")
    return items


def _norm_words(name: str) -> list[str]:
    words = re.sub(r"[^\w\s]", " ", name.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    return words


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def speaker_matches(gold: str | None, names: Sequence[str]) -> bool:
    if gold is None:
        return not names
    g = _norm_words(gold)
    for name in names:
        w = _norm_words(name)
        if w and (w == g or _contains(w, g) or _contains(g, w)):
            return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def predicted_quotes(ex: Extraction) -> list[PredictedQuote]:
    out = []
    for q in ex.quotes:
        actor = ex.actor(q.speaker) if q.speaker else None
        names = (actor.name, *(m.text for m in actor.mentions)) if actor else ()
        out.append(PredictedQuote(q.content.start, q.content.end, q.direct, tuple(names)))
    return out


@dataclass(slots=True)
class QuotesReport:
    gold_path: str
    items: int
    gold_quotes: int
    exact: PRF
    overlap: PRF
    direct_correct: int
    speaker_correct: int
    by_kind: dict[str, Counter] = field(default_factory=dict)
    diagnostics: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return ratio(self.speaker_correct, self.overlap.tp)

    @property
    def speaker_recall(self) -> float:
        return ratio(self.speaker_correct, self.gold_quotes)

    @property
    def direct_accuracy(self) -> float:
        return ratio(self.direct_correct, self.overlap.tp)

    def headline(self) -> dict[str, float]:
        return {
            "exact_precision": round(self.exact.precision, 4), "exact_recall": round(self.exact.recall, 4),
            "overlap_precision": round(self.overlap.precision, 4),
            "overlap_recall": round(self.overlap.recall, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "eval": "quotes", "gold": self.gold_path, "items": self.items, "gold_quotes": self.gold_quotes,
            "headline": self.headline(), "failures": self.failures,
            "exact": self.exact.to_dict(), "overlap": self.overlap.to_dict(),
            "direct_accuracy": round(self.direct_accuracy, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_recall": round(self.speaker_recall, 4),
            "by_kind": {k: dict(c) for k, c in sorted(self.by_kind.items())},
            "diagnostics": self.diagnostics,
        }


def score_quotes(items: Sequence[QuoteItem], predicted: Sequence[Sequence[PredictedQuote]], *,
                 gold_path: str = "") -> QuotesReport:
    exact, overlap = PRF(), PRF()
    direct_ok = speaker_ok = 0
    by_kind: dict[str, Counter] = {}
    missed_speaker: Counter = Counter()
    spurious: list[str] = []
    for item, preds in zip(items, predicted):
        g = [_trim(item.text, q.start, q.end) for q in item.quotes]
        p = [_trim(item.text, q.start, q.end) for q in preds]
        ex_pairs = match_one_to_one(g, p, accept=lambda gi, pi: g[gi] == p[pi])
        exact.add(PRF(len(ex_pairs), len(p) - len(ex_pairs), len(g) - len(ex_pairs)))
        pairs = match_one_to_one(g, p, accept=lambda gi, pi: True)
        overlap.add(PRF(len(pairs), len(p) - len(pairs), len(g) - len(pairs)))
        found = dict(pairs)
        exact_found = {gi for gi, _ in ex_pairs}
        for gi, q in enumerate(item.quotes):
            pq = preds[found[gi]] if gi in found else None
            spk = pq is not None and speaker_matches(q.speaker, pq.speaker_names)
            if pq is not None:
                direct_ok += pq.direct == q.direct
                speaker_ok += spk
                if not spk:
                    missed_speaker["no speaker" if not pq.speaker_names else "other speaker"] += 1
            for k in q.kinds or ("untagged",):
                c = by_kind.setdefault(k, Counter())
                c["gold"] += 1
                c["found"] += pq is not None
                c["exact"] += gi in exact_found
                c["speaker_correct"] += spk
        used = set(found.values())
        spurious += [item.text[s:e][:60] for pi, (s, e) in enumerate(p) if pi not in used]
    return QuotesReport(
        gold_path, len(items), sum(len(i.quotes) for i in items), exact, overlap, direct_ok, speaker_ok,
        by_kind, {"wrong_speaker_on_found_quotes": dict(missed_speaker), "spurious_quotes": spurious[:20]},
    )


def evaluate_quotes(path: str | Path | None = None, *, model: str | None = None, batch_size: int = 32,
                    progress: Progress | None = None) -> QuotesReport:
    items = load_quotes_gold(path)
    articles = [Article(text=i.text, published=i.published, id=i.id) for i in items]
    predicted, failures = [], []
    for item in run_pipeline(articles, model=model, batch_size=batch_size, progress=progress):
        predicted.append(predicted_quotes(item.extraction) if item.extraction else [])
        if item.failure:
            failures.append(item.failure)
    report = score_quotes(items, predicted, gold_path=str(path or default_gold_path()))
    report.failures = failures
    return report
