"""MEANTIME (NewsReader, CAT XML): time expressions and person/organisation coreference.

Each document's tokens are detokenised into one article (the headline and the dateline as
paragraphs of their own, then the body) and extracted with ``published`` = the document's
creation time, so relative dates resolve as the annotators resolved them. MEANTIME
annotates only the first six sentences of each article; predictions after them are not
scored.

Time expressions (every TIMEX3 anchored on tokens, all four types):
- span P/R/F1, strict (same characters) and lenient (overlapping, one-to-one);
- value accuracy: share of lenient matches whose normalised value equals the gold value
  (TempEval-3's attribute accuracy), and value F1 (a match counts only with the right value,
  over all gold and all predicted expressions, TempEval-3's "value F1").

Coreference: MUC and B-cubed (the CoNLL scorer's definitions, with system mentions) over
mentions of PER and ORG entities against Communique's person, organisation and group actors
(countries are MEANTIME LOC). A predicted mention stands for the gold mention that contains
it, or that it contains (MEANTIME mentions are whole noun phrases, Communique's are names),
one to one; a mention with no such twin counts against precision (or recall) as it should.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Article, Extraction
from .common import PRF, GoldFormatError, Progress, detokenise, match_one_to_one, ratio, run_pipeline
from .split import SCORED_PARTS, part, part_headline, select

__all__ = [
    "MeantimeDoc",
    "MeantimeReport",
    "b_cubed",
    "evaluate_meantime",
    "load_meantime",
    "muc",
    "score_coreference",
    "score_times",
]

COREF_GOLD_TYPES = ("PER", "ORG")
COREF_ACTOR_KINDS = ("person", "organisation", "group")
ANNOTATED_SENTENCES = 6

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    value: str | None
    type: str = "DATE"


@dataclass(slots=True)
class MeantimeDoc:
    id: str
    text: str
    published: dt.date | None
    timexes: list[Timex]
    clusters: list[list[Span]]    # gold PER/ORG entities, each a list of mention spans
    scored_end: int = 0           # end of the annotated stretch; predictions after it are not scored
    file: str = ""                # file name without folders: the read/unread split key


def _date(value: str | None) -> dt.date | None:
    if value and re.match(r"\d{4}-\d\d-\d\d", value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _date_words(words: str) -> dt.date | None:
    for fmt in ("%B %d, %Y", "%d %B %Y", "%B %d %Y"):
        try:
            return dt.datetime.strptime(words.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _parse(path: Path) -> MeantimeDoc:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise GoldFormatError(str(path), f"not MEANTIME CAT XML: {exc}") from None
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tok in root.iter("token"):
        sentences[int(tok.get("sentence", 0))].append((tok.get("t_id"), tok.text or ""))
    if not sentences:
        raise GoldFormatError(str(path), "no <token> elements")
    # Headline and dateline are paragraphs of their own (they end without a full stop);
    # the body is one paragraph, as the parser would see a wire story.
    pieces: list[str] = []
    char_of: dict[str, Span] = {}
    sentence_of: dict[str, int] = {}
    sentence_end: dict[int, int] = {}
    pos = 0
    for k, n in enumerate(sorted(sentences)):
        ids, toks = zip(*sentences[n])
        text, offsets = detokenise(toks)
        if k:
            prev = pieces[-1]
            sep = " " if prev.rstrip()[-1:] in ".!?\"”'’)" and k > 1 else "\n\n"
            pieces.append(sep)
            pos += len(sep)
        for t_id, (s, e) in zip(ids, offsets):
            char_of[t_id] = (pos + s, pos + e)
            sentence_of[t_id] = n
        pieces.append(text)
        pos += len(text)
        sentence_end[n] = pos
    text = "".join(pieces)
    # MEANTIME annotates only the headline, the dateline and the first body sentences
    # (sentences 0-5 of its tokenisation; markables reach sentence 6 in one document).
    # The whole article is extracted, for context, but only that stretch is scored.
    annotated = [sentence_of[a.get("t_id")] for a in root.iter("token_anchor") if a.get("t_id") in sentence_of]
    last = max([ANNOTATED_SENTENCES - 1, *annotated])
    scored_end = max(e for n, e in sentence_end.items() if n <= last) if any(
        n <= last for n in sentence_end) else len(text)

    def span_of(el: ET.Element) -> Span | None:
        anchors = [char_of[a.get("t_id")] for a in el.findall("token_anchor") if a.get("t_id") in char_of]
        return (min(s for s, _ in anchors), max(e for _, e in anchors)) if anchors else None

    markables = root.find("Markables")
    relations = root.find("Relations")
    published = None
    timexes: list[Timex] = []
    mentions: dict[str, Span] = {}
    entity_type: dict[str, str] = {}
    for el in (markables if markables is not None else []):
        if el.tag == "TIMEX3":
            if el.get("functionInDocument") == "CREATION_TIME":
                published = published or _date(el.get("value"))
            span = span_of(el)
            if span:
                timexes.append(Timex(span[0], span[1], el.get("value"), el.get("type", "DATE")))
        elif el.tag == "ENTITY_MENTION":
            span = span_of(el)
            if span:
                mentions[el.get("m_id")] = span
        elif el.tag == "ENTITY":
            entity_type[el.get("m_id")] = el.get("ent_type", "")
    if published is None:
        # Two documents lack a CREATION_TIME: their dateline's date is the same fact
        # (one dateline value is day-first, "03-02-2009", so its words are read too).
        for t in sorted(timexes, key=lambda t: t.start):
            published = _date(t.value) or _date_words(text[t.start:t.end])
            if published:
                break
    members: dict[str, list[Span]] = defaultdict(list)
    for rel in (relations if relations is not None else []):
        if rel.tag != "REFERS_TO":
            continue
        target = rel.find("target")
        if target is None or entity_type.get(target.get("m_id")) not in COREF_GOLD_TYPES:
            continue
        for src in rel.findall("source"):
            span = mentions.get(src.get("m_id"))
            if span and span not in members[target.get("m_id")]:
                members[target.get("m_id")].append(span)
    return MeantimeDoc(root.get("doc_name") or path.stem, text, published,
                       sorted(timexes, key=lambda t: (t.start, t.end)),
                       [sorted(v) for v in members.values() if v], scored_end, path.name)


def load_meantime(path: str | Path) -> list[MeantimeDoc]:
    """Every CAT XML document at or under ``path``, in sorted path order."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.rglob("*.xml"))
    if not files:
        raise GoldFormatError(str(path), "no MEANTIME .xml files here")
    return [_parse(f) for f in files]


# --- time expressions -------------------------------------------------------------------

@dataclass(slots=True)
class TimeScores:
    strict: PRF = field(default_factory=PRF)
    lenient: PRF = field(default_factory=PRF)
    value_correct: int = 0
    by_type: dict[str, Counter] = field(default_factory=dict)
    diagnostics: dict[str, Any] = field(default_factory=dict)

    @property
    def value_accuracy(self) -> float:
        return ratio(self.value_correct, self.lenient.tp)

    @property
    def value_prf(self) -> PRF:
        pred = self.lenient.tp + self.lenient.fp
        gold = self.lenient.tp + self.lenient.fn
        return PRF(self.value_correct, pred - self.value_correct, gold - self.value_correct)

    def to_dict(self) -> dict[str, Any]:
        return {
            "strict": self.strict.to_dict(), "lenient": self.lenient.to_dict(),
            "value_accuracy": round(self.value_accuracy, 4), "value_correct": self.value_correct,
            "value_f1": self.value_prf.to_dict(),
            "by_gold_type": {t: dict(c) for t, c in sorted(self.by_type.items())},
            "diagnostics": self.diagnostics,
        }


def _shape(value: str | None) -> str:
    return re.sub(r"\d", "9", value) if value else "none"


def _lenient_pairs(gold: Sequence[Timex], predicted: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one lenient pairs: identical spans first, then largest overlap. MEANTIME nests
    expressions ("from 2009 to 2011" holds "2009" and "2011"); a prediction "2009" overlaps
    the range and its own gold by the same amount, and greedy overlap alone, tied, would
    pair it with the range and leave the identical gold item unmatched."""
    exact = {(t.start, t.end): gi for gi, t in enumerate(gold)}
    pairs = []
    for pi, t in enumerate(predicted):
        gi = exact.pop((t.start, t.end), None)
        if gi is not None:
            pairs.append((gi, pi))
    used_g, used_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    rest_g = [gi for gi in range(len(gold)) if gi not in used_g]
    rest_p = [pi for pi in range(len(predicted)) if pi not in used_p]
    rest = match_one_to_one([(gold[gi].start, gold[gi].end) for gi in rest_g],
                            [(predicted[pi].start, predicted[pi].end) for pi in rest_p],
                            accept=lambda gi, pi: True)
    return sorted(pairs + [(rest_g[a], rest_p[b]) for a, b in rest])


def score_times(gold: Sequence[Sequence[Timex]], predicted: Sequence[Sequence[Timex]],
                texts: Sequence[str] | None = None) -> TimeScores:
    """Time expressions of each document against its gold, documents in the same order."""
    sc = TimeScores()
    missed: Counter = Counter()
    spurious: Counter = Counter()
    wrong_values: Counter = Counter()
    for n, (g, p) in enumerate(zip(gold, predicted)):
        text = texts[n] if texts else None
        sc.strict.add(PRF.of_sets({(t.start, t.end) for t in g}, {(t.start, t.end) for t in p}))
        pairs = _lenient_pairs(g, p)
        sc.lenient.add(PRF(len(pairs), len(p) - len(pairs), len(g) - len(pairs)))
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for t in g:
            sc.by_type.setdefault(t.type, Counter())["gold"] += 1
        for gi, pi in pairs:
            ok = (g[gi].value or "") == (p[pi].value or "") and bool(g[gi].value)
            sc.value_correct += ok
            sc.by_type[g[gi].type]["found"] += 1
            sc.by_type[g[gi].type]["value_correct"] += ok
            if not ok:
                wrong_values[f"{_shape(g[gi].value)} as {_shape(p[pi].value)}"] += 1
        if text is not None:
            for gi, t in enumerate(g):
                if gi not in matched_g:
                    missed[re.sub(r"\d", "9", text[t.start:t.end].lower())] += 1
            for pi, t in enumerate(p):
                if pi not in matched_p:
                    spurious[re.sub(r"\d", "9", text[t.start:t.end].lower())] += 1
    sc.diagnostics = {
        "missed_expressions": dict(missed.most_common(20)),
        "spurious_expressions": dict(spurious.most_common(15)),
        "wrong_values_gold_as_predicted_shape": dict(wrong_values.most_common(15)),
    }
    return sc


# --- coreference ------------------------------------------------------------------------

def muc(key: Sequence[set], response: Sequence[set]) -> "_Ratios":
    """MUC (Vilain et al. 1995): recall counts the links of each key cluster kept by the
    response (a key mention the response lacks is a partition of its own); precision is
    the same with the roles swapped."""
    def side(a: Sequence[set], b: Sequence[set]) -> tuple[int, int]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den
    r_num, r_den = side(key, response)
    p_num, p_den = side(response, key)
    return _Ratios(r_num, r_den, p_num, p_den)


def b_cubed(key: Sequence[set], response: Sequence[set]) -> "_Ratios":
    """B-cubed (Bagga and Baldwin 1998), as the CoNLL scorer computes it with system
    mentions: a response mention not in the key has nothing correct in its cluster."""
    def side(a: Sequence[set], b: Sequence[set]) -> tuple[float, int]:
        total = 0.0
        for c in a:
            for other in b:
                common = len(c & other)
                if common:
                    total += common * common / len(c)
        return total, sum(len(c) for c in a)
    r_num, r_den = side(key, response)
    p_num, p_den = side(response, key)
    return _Ratios(r_num, r_den, p_num, p_den)


@dataclass(slots=True)
class _Ratios:
    """Recall and precision of a coreference metric as summable numerators/denominators."""
    r_num: float = 0
    r_den: float = 0
    p_num: float = 0
    p_den: float = 0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "_Ratios") -> None:
        self.r_num += other.r_num
        self.r_den += other.r_den
        self.p_num += other.p_num
        self.p_den += other.p_den

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def align_mentions(gold: Sequence[Span], predicted: Sequence[Span]) -> dict[int, int]:
    """predicted index -> gold index: exact span first, else containment either way
    (smallest gold phrase holding the name), one to one."""
    out: dict[int, int] = {}
    taken: set[int] = set()
    exact = {s: i for i, s in enumerate(gold)}
    for pi, p in enumerate(predicted):
        gi = exact.get(p)
        if gi is not None and gi not in taken:
            out[pi] = gi
            taken.add(gi)
    for pi, p in sorted(enumerate(predicted), key=lambda x: x[1][1] - x[1][0]):
        if pi in out:
            continue
        holders = [(g[1] - g[0], gi) for gi, g in enumerate(gold) if gi not in taken
                   and ((g[0] <= p[0] and p[1] <= g[1]) or (p[0] <= g[0] and g[1] <= p[1]))]
        if holders:
            gi = min(holders)[1]
            out[pi] = gi
            taken.add(gi)
    return out


@dataclass(slots=True)
class CorefScores:
    muc: _Ratios = field(default_factory=_Ratios)
    b3: _Ratios = field(default_factory=_Ratios)
    mentions: PRF = field(default_factory=PRF)

    @property
    def average_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1) / 2

    def to_dict(self) -> dict[str, Any]:
        return {"muc": self.muc.to_dict(), "b_cubed": self.b3.to_dict(),
                "average_f1": round(self.average_f1, 4), "mentions": self.mentions.to_dict()}


def score_coreference(gold: Sequence[Sequence[Sequence[Span]]], predicted: Sequence[Sequence[Sequence[Span]]]
                      ) -> CorefScores:
    """Per document: gold clusters and predicted clusters, each a list of mention spans."""
    sc = CorefScores()
    for g_clusters, p_clusters in zip(gold, predicted):
        g_mentions = sorted({m for c in g_clusters for m in c})
        p_mentions = sorted({m for c in p_clusters for m in c})
        align = align_mentions(g_mentions, p_mentions)
        g_id = {m: ("g", i) for i, m in enumerate(g_mentions)}
        p_id = {m: ("g", align[i]) if i in align else ("p", i) for i, m in enumerate(p_mentions)}
        key = [{g_id[m] for m in c} for c in g_clusters]
        response = [{p_id[m] for m in c} for c in p_clusters]
        sc.muc.add(muc(key, response))
        sc.b3.add(b_cubed(key, response))
        sc.mentions.add(PRF(len(align), len(p_mentions) - len(align), len(g_mentions) - len(align)))
    return sc


def predicted_clusters(ex: Extraction, *, end: int | None = None) -> list[list[Span]]:
    """Person, organisation and group actors as clusters of mention spans before ``end``."""
    out = []
    for a in ex.actors:
        spans = sorted({(m.start, m.end) for m in a.mentions if end is None or m.start < end})
        if a.kind in COREF_ACTOR_KINDS and spans:
            out.append(spans)
    return out


def predicted_timexes(ex: Extraction, *, end: int | None = None) -> list[Timex]:
    """Communique's time expressions before ``end``, trimmed of surrounding whitespace
    (a span that carries a paragraph break is a defect counted apart, not a wrong time),
    with their values in TIMEX3 notation (``timex3_value``): the gold's notation, where
    Communique's own calendar forms leave out parts of the day, weekends, seasons and
    PRESENT_REF/PAST_REF/FUTURE_REF."""
    from ..extract.times import timex3_value

    out = []
    for t in ex.times:
        if end is not None and t.start >= end:
            continue
        s, e = t.start + len(t.text) - len(t.text.lstrip()), t.end - (len(t.text) - len(t.text.rstrip()))
        out.append(Timex(s, e, timex3_value(t)))
    return out


# --- report -----------------------------------------------------------------------------

@dataclass(slots=True)
class MeantimeReport:
    gold_path: str
    documents: int
    times: TimeScores             # of the part asked for (the whole set by default)
    coref: CorefScores
    failures: list[str] = field(default_factory=list)
    part: str = "all"
    parts: dict[str, dict[str, float]] = field(default_factory=dict)  # read/unread headlines

    def own_headline(self) -> dict[str, float]:
        return {
            "time_strict_f1": round(self.times.strict.f1, 4),
            "time_lenient_f1": round(self.times.lenient.f1, 4),
            "time_value_accuracy": round(self.times.value_accuracy, 4),
            "time_value_f1": round(self.times.value_prf.f1, 4),
            "coref_muc_f1": round(self.coref.muc.f1, 4),
            "coref_b3_f1": round(self.coref.b3.f1, 4),
        }

    def headline(self) -> dict[str, float]:
        return part_headline({self.part: self.own_headline(), **self.parts})

    def to_dict(self) -> dict[str, Any]:
        return {"eval": "meantime", "gold": self.gold_path, "documents": self.documents, "part": self.part,
                "split": "part(file name): sha256 of the name, first 8 bytes big-endian, even = read",
                "headline": self.headline(), "failures": self.failures,
                "times": self.times.to_dict(), "coreference": self.coref.to_dict(),
                "coreference_scope": {"gold": list(COREF_GOLD_TYPES), "predicted": list(COREF_ACTOR_KINDS)}}


def _score(docs: Sequence[MeantimeDoc], times: Sequence[list[Timex]],
           clusters: Sequence[list[list[Span]]]) -> tuple[TimeScores, CorefScores]:
    return (score_times([d.timexes for d in docs], times, [d.text for d in docs]),
            score_coreference([d.clusters for d in docs], clusters))


def evaluate_meantime(path: str | Path, *, which: str = "all", model: str | None = None, batch_size: int = 32,
                      progress: Progress | None = None) -> MeantimeReport:
    """Score the documents of the part asked for; for 'all', also each part's headline."""
    docs = select(load_meantime(path), lambda d: d.file, which)
    articles = [Article(text=d.text, published=d.published, id=d.id) for d in docs]
    pred_times, pred_clusters, failures = [], [], []
    untrimmed = 0
    for doc, item in zip(docs, run_pipeline(articles, model=model, batch_size=batch_size,
                                            progress=progress)):
        ex = item.extraction
        pred_times.append(predicted_timexes(ex, end=doc.scored_end) if ex else [])
        untrimmed += sum(t.text != t.text.strip() for t in ex.times) if ex else 0
        pred_clusters.append(predicted_clusters(ex, end=doc.scored_end) if ex else [])
        if item.failure:
            failures.append(item.failure)
    times, coref = _score(docs, pred_times, pred_clusters)
    times.diagnostics["predicted_spans_with_surrounding_whitespace"] = untrimmed
    report = MeantimeReport(str(path), len(docs), times, coref, failures, which)
    if which == "all":
        for name in SCORED_PARTS:
            keep = [i for i, d in enumerate(docs) if part(d.file) == name]
            t, c = _score([docs[i] for i in keep], [pred_times[i] for i in keep], [pred_clusters[i] for i in keep])
            report.parts[name] = MeantimeReport("", len(keep), t, c).own_headline()
    return report
