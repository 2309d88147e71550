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
- a speech act reported with an infinitive ("vowed to raise taxes", "urged members to
  reject the offer") is an indirect quote of the addressee and the "to" clause;
- ``speaker`` is the name of who is quoted as the text gives it (a person's full name, an
  organisation's name), or null where the text names nobody;
- ``kind`` lists what the quote tests: direct, indirect, it-said, tweet, partial, nested,
  unbalanced, multi-paragraph, according-to, pronoun.

Scores: content-span precision and recall, exact (the same words once surrounding spaces,
punctuation and quote marks are stripped from both spans) and overlap (sharing a word; pairs
are made one to one, most shared words first, so a span inside a longer quote is one hit,
not a second one); direct-flag accuracy and speaker accuracy over the gold quotes
found (overlap), and speaker recall over all gold quotes. A predicted speaker is right when
its actor's name or one of its mentions (or, for a speaker with no actor, the speaker's words
as written) equals the gold name, or one holds the other as whole words ("Lena Berg" and
"Foreign Minister Lena Berg", "Berg"), but not as a possessor ("Lund" is not "Lund's son").
Direct and indirect quotes are also scored apart (recall, precision, speaker accuracy).

A mixed quote (a reported clause holding quoted words) is one indirect quote whose
``quoted`` lists the quoted stretches; speakers that the text only describes ("a senior
official", "the daily" once its name is known) are written as the text gives them.
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
from .common import PRF, GoldFormatError, Progress, match_one_to_one, ratio, run_pipeline
from .split import SCORED_PARTS, part, part_headline, select

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
         "multi-paragraph", "according-to", "pronoun", "open-cue", "noun-cue", "colon", "described",
         "possessive", "continuation", "mixed", "headline", "infinitive")
CLASSES = ("direct", "indirect")
_WORD = re.compile(r"\w+")
_EDGE = " \t\n\r,.;:!?\"'“”‘’«»—–-…"


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    direct: bool
    speaker: str | None
    kinds: tuple[str, ...] = ()
    quoted: tuple[tuple[int, int], ...] = ()  # quoted words inside a mixed (indirect) quote


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
    speaker_names: tuple[str, ...] = ()  # the actor's name and mention texts, else the speaker's words


def default_gold_path() -> Path:
    return Path(str(resources.files("communique.eval").joinpath("data", "quotes_gold.jsonl")))


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
                quoted = tuple((int(w["start"]), int(w["end"])) for w in q.get("quoted", ()))
                if any(not (start <= a < b <= end) for a, b in quoted):
                    raise GoldFormatError(str(path), f"quoted words of quote {start}:{end} lie outside it", n)
                quotes.append(GoldQuote(start, end, bool(q["direct"]), q.get("speaker"), kinds, quoted))
            published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
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
    """``small`` as whole words inside ``big``, but not as a possessor: "Lund" is not in
    "Lund's son" (the son speaks, not Lund)."""
    n = len(small)
    return n > 0 and any(big[i:i + n] == small and big[i + n:i + n + 1] != ["s"]
                         for i in range(len(big) - n + 1))


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
    """A speaker is judged by its actor when the quote has one (so "Lund's son" resolved to
    Lund is wrong even though the words were right), else by the speaker's words as written."""
    out = []
    for q in ex.quotes:
        actor = ex.actor(q.speaker) if q.speaker else None
        if actor:
            names: tuple[str, ...] = (actor.name, *(m.text for m in actor.mentions))
        else:
            names = (q.speaker_span.text,) if q.speaker_span else ()
        out.append(PredictedQuote(q.content.start, q.content.end, q.direct, names))
    return out


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _token_overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return len(_words(text, lo, hi)) if lo < hi else 0


def match_by_tokens(text: str, gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
                    ) -> list[tuple[int, int]]:
    """One-to-one pairs sharing at least one word, most shared words first: a span inside a
    longer quote is one hit for one gold quote, never a second hit for another."""
    pairs = sorted(((n, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
                    if (n := _token_overlap(text, g, p)) > 0), key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return sorted(out)


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
    # "direct" and "indirect" (by the gold's flag; predictions by theirs): gold, found,
    # speaker_correct, predicted, predicted_matched.
    by_class: dict[str, Counter] = field(default_factory=dict)
    part: str = "all"
    parts: dict[str, dict[str, float]] = field(default_factory=dict)  # read/unread headlines

    def class_scores(self, cls: str) -> dict[str, float]:
        c = self.by_class.get(cls, Counter())
        return {"gold": c["gold"], "recall": round(ratio(c["found"], c["gold"]), 4),
                "precision": round(ratio(c["predicted_matched"], c["predicted"]), 4),
                "speaker_accuracy": round(ratio(c["speaker_correct"], c["found"]), 4)}

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
        return part_headline({self.part: self.own_headline(), **self.parts})

    def own_headline(self) -> dict[str, float]:
        return {
            "exact_precision": round(self.exact.precision, 4), "exact_recall": round(self.exact.recall, 4),
            "overlap_precision": round(self.overlap.precision, 4),
            "overlap_recall": round(self.overlap.recall, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            **{f"{cls}.{k}": v for cls in CLASSES for k, v in self.class_scores(cls).items() if k != "gold"},
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "eval": "quotes", "gold": self.gold_path, "items": self.items, "gold_quotes": self.gold_quotes,
            "part": self.part, "split": "part(article id): sha256 of the id, first 8 bytes big-endian, even = read",
            "headline": self.headline(), "failures": self.failures,
            "exact": self.exact.to_dict(), "overlap": self.overlap.to_dict(),
            "direct_accuracy": round(self.direct_accuracy, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_recall": round(self.speaker_recall, 4),
            "by_class": {cls: self.class_scores(cls) for cls in CLASSES},
            "by_kind": {k: dict(c) for k, c in sorted(self.by_kind.items())},
            "diagnostics": self.diagnostics,
        }


def score_quotes(items: Sequence[QuoteItem], predicted: Sequence[Sequence[PredictedQuote]], *,
                 gold_path: str = "") -> QuotesReport:
    exact, overlap = PRF(), PRF()
    direct_ok = speaker_ok = 0
    by_kind: dict[str, Counter] = {}
    by_class: dict[str, Counter] = {c: Counter() for c in CLASSES}
    missed_speaker: Counter = Counter()
    spurious: list[str] = []
    for item, preds in zip(items, predicted):
        g = [_trim(item.text, q.start, q.end) for q in item.quotes]
        p = [_trim(item.text, q.start, q.end) for q in preds]
        ex_pairs = match_one_to_one(g, p, accept=lambda gi, pi: g[gi] == p[pi])
        exact.add(PRF(len(ex_pairs), len(p) - len(ex_pairs), len(g) - len(ex_pairs)))
        pairs = match_by_tokens(item.text, g, p)
        overlap.add(PRF(len(pairs), len(p) - len(pairs), len(g) - len(pairs)))
        found = dict(pairs)
        matched_p = {pi for _, pi in pairs}
        for pi, pq in enumerate(preds):
            c = by_class.setdefault(CLASSES[not pq.direct], Counter())
            c["predicted"] += 1
            c["predicted_matched"] += pi in matched_p
        exact_found = {gi for gi, _ in ex_pairs}
        for gi, q in enumerate(item.quotes):
            pq = preds[found[gi]] if gi in found else None
            spk = pq is not None and speaker_matches(q.speaker, pq.speaker_names)
            if pq is not None:
                direct_ok += pq.direct == q.direct
                speaker_ok += spk
                if not spk:
                    missed_speaker["no speaker" if not pq.speaker_names else "other speaker"] += 1
            c = by_class.setdefault(CLASSES[not q.direct], Counter())
            c["gold"] += 1
            c["found"] += pq is not None
            c["speaker_correct"] += spk
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
        by_class=by_class,
    )


def evaluate_quotes(path: str | Path | None = None, *, which: str = "all", model: str | None = None,
                    batch_size: int = 32, progress: Progress | None = None) -> QuotesReport:
    """Score the articles of the part asked for (by article id); for 'all', also each part's
    headline."""
    items = select(load_quotes_gold(path), lambda i: i.id, which)
    articles = [Article(text=i.text, published=i.published, id=i.id) for i in items]
    predicted, failures = [], []
    for item in run_pipeline(articles, model=model, batch_size=batch_size, progress=progress):
        predicted.append(predicted_quotes(item.extraction) if item.extraction else [])
        if item.failure:
            failures.append(item.failure)
    report = score_quotes(items, predicted, gold_path=str(path or default_gold_path()))
    report.failures, report.part = failures, which
    if which == "all":
        for name in SCORED_PARTS:
            keep = [n for n, i in enumerate(items) if part(i.id) == name]
            report.parts[name] = score_quotes([items[n] for n in keep], [predicted[n] for n in keep]).own_headline()
    return report
