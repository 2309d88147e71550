"""Reports as readable tables (rich renderables, printed by the CLI) and as JSON text."""

from __future__ import annotations

import json
from typing import Any, Protocol

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .cameo import CameoReport
from .common import PRF
from .gate import GateResult
from .meantime import MeantimeReport
from .news import NewsReport
from .plover import PloverReport
from .quotes import QuotesReport
from .re3d import NER_MAPPING, RE3D_TYPES, RECORD_MAPPING, Re3dReport
from .split import PARTS, SCORED_PARTS

__all__ = ["as_json", "render", "render_gate"]


class _Report(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def as_json(report: _Report | dict[str, Any], **options: Any) -> str:
    data = report if isinstance(report, dict) else report.to_dict(**options)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _f(x: float) -> str:
    return f"{x:.3f}"


def _prf_row(name: str, p: PRF) -> list[str]:
    return [name, _f(p.precision), _f(p.recall), _f(p.f1), str(p.tp), str(p.fp), str(p.fn)]


def _prf_table(title: str, first: str = "") -> Table:
    t = Table(title=title, title_justify="left", show_edge=False)
    t.add_column(first)
    for c in ("P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(c, justify="right")
    return t


def _counts(title: str, data: dict[str, Any]) -> RenderableType:
    if not data:
        return Text(f"{title}: none")
    return Text(f"{title}: " + ", ".join(f"{k} {v}" for k, v in data.items()))


def _failures(failures: list[str]) -> list[RenderableType]:
    if not failures:
        return []
    return [Text(f"extraction failed on {len(failures)} item(s), scored as empty: {failures[0]}", style="red")]


def render_parts(headline: dict[str, float], title: str = "Headline by part") -> Table:
    """The headline with the whole set and the read/unread parts side by side (a column for
    each part the report has: ``read.x`` is part read, a key without a part prefix the whole set)."""
    cells: dict[str, dict[str, float]] = {}
    for key, value in headline.items():
        head, _, rest = key.partition(".")
        which, metric = (head, rest) if head in SCORED_PARTS else ("all", key)
        cells.setdefault(metric, {})[which] = value
    present = [p for p in PARTS if any(p in row for row in cells.values())]
    t = Table(title=title, title_justify="left", show_edge=False)
    t.add_column("score")
    for p in present:
        t.add_column(p, justify="right")
    for metric, row in cells.items():
        t.add_row(metric, *[_f(row[p]) if p in row else "-" for p in present])
    return t


def render_plover(r: PloverReport, *, errors: int = 0) -> RenderableType:
    parts: list[RenderableType] = [Text(
        f"PLOVER  {r.gold_path}  {r.sentences} sentences, {r.gold_events} gold events. Predictions are "
        f"mapped through as_intention. 'all' = every event (primary); 'top' = highest-confidence "
        f"event per sentence.", style="bold")]
    parts += _failures(r.failures)
    parts.append(render_parts(r.headline()))
    head = _prf_table(f"Headline ({r.part})", "score")
    for name, v in r.variants.items():
        head.add_row(*_prf_row(f"category ({name})", v.category))
        head.add_row(*_prf_row(f"dyad ({name})", v.dyad))
    parts.append(head)
    parts.append(Text("evidence (trigger inside gold EVT markup, of correct events): " + ", ".join(
        f"{n} {_f(v.evidence)} ({v.evidenced_events}/{v.correct_events})" for n, v in r.variants.items())))
    per = _prf_table("Per category (all events)", "category")
    for c, p in sorted(r.variants["all"].per_category.items()):
        per.add_row(*_prf_row(c, p))
    parts.append(per)
    top = r.variants["top"]
    cats = sorted({g for g, _ in top.confusion} | {p for _, p in top.confusion})
    conf = Table(title="Confusion (rows gold, columns top event, first four letters; '-' none)",
                 title_justify="left", box=None, padding=(0, 1))
    conf.add_column("gold")
    for c in cats:
        conf.add_column(c[:4], justify="right", min_width=4)
    for g in cats:
        if any(top.confusion.get((g, p)) for p in cats):
            conf.add_row(g, *[str(top.confusion.get((g, p), "")) for p in cats])
    parts.append(conf)
    d = r.variants["all"].diagnostics
    parts.append(Text("Diagnostics (all events)", style="bold"))
    parts.append(Text(f"sentences without any event: {d['sentences_without_event']}; missed gold "
                      f"categories: {d['missed_categories']} ({d['missed_with_no_event_in_sentence']} with no "
                      f"event in the sentence, {d['missed_with_other_category_predicted']} with another category)"))
    parts.append(_counts("missed dyads by reason", d["missed_dyads_by_reason"]))
    parts.append(_counts("false-positive categories", d["false_positive_categories"]))
    parts.append(_counts("as_intention mapping", d["intention_mapping"]))
    parts.append(_counts("gold trigger words in sentences without an event",
                         d["gold_triggers_in_sentences_without_event"]))
    if errors:
        t = Table(title=f"First {errors} sentences with errors ({'read' if r.part == 'all' else r.part} part)",
                  title_justify="left", show_lines=True)
        for c in ("sentence", "gold", "predicted"):
            t.add_column(c, overflow="fold")
        for res in r.errors(errors):
            x = res.to_dict()
            pred = "\n".join(f"{e['category']} ({e['recorded']}{'/' + e['aux'] if e['aux'] else ''}) "
                             f"{','.join(e['sources'])}>{','.join(e['targets'])} '{e['trigger']}' "
                             f"{e['confidence']}" for e in x["predicted"]) or "-"
            t.add_row(x["text"], "\n".join(x["gold_dyads"]), pred)
        parts.append(t)
    return Group(*parts)


def render_re3d(r: Re3dReport) -> RenderableType:
    parts: list[RenderableType] = [Text(
        f"re3d  {r.gold_path}  ({r.form}, {r.units} {'sentences' if r.form == 'bio' else 'documents'}), "
        f"mapping '{r.mapping}': macro-F1 {_f(r.macro_f1)}, micro-F1 {_f(r.micro.f1)}, lenient "
        f"(overlap) micro-F1 {_f(r.lenient.f1)}", style="bold")]
    parts += _failures(r.failures)
    t = _prf_table("Per type (exact span and type)", "type")
    for typ in RE3D_TYPES:
        t.add_row(*_prf_row(typ, r.per_type[typ]))
    t.add_row(*_prf_row("micro", r.micro))
    parts.append(t)
    m = Table(title="Mapping", title_justify="left", show_edge=False)
    m.add_column("Communique")
    m.add_column("re3d")
    for k, v in RECORD_MAPPING.items():
        m.add_row(k, v)
    if r.mapping == "records+ner":
        m.add_row("spaCy NER where no record is: " + ", ".join(f"{k}" for k in NER_MAPPING),
                  "by label (see the JSON report)")
    parts.append(m)
    d = r.diagnostics
    parts.append(Text("never predicted: " + (", ".join(d["never_predicted_types"]) or "none")))
    parts.append(_counts("boundary-only errors by type", d["boundary_only_errors_by_type"]))
    parts.append(_counts("right span, wrong type", d["right_span_wrong_type"]))
    return Group(*parts)


def render_meantime(r: MeantimeReport) -> RenderableType:
    parts: list[RenderableType] = [Text(f"MEANTIME  {r.gold_path}  {r.documents} documents ({r.part})",
                                        style="bold")]
    parts += _failures(r.failures)
    parts.append(render_parts(r.headline()))
    t = _prf_table("Time expressions", "")
    t.add_row(*_prf_row("span strict", r.times.strict))
    t.add_row(*_prf_row("span lenient", r.times.lenient))
    t.add_row(*_prf_row("value (TempEval-3 value F1)", r.times.value_prf))
    parts.append(t)
    parts.append(Text(f"value accuracy of matched expressions: {_f(r.times.value_accuracy)} "
                      f"({r.times.value_correct}/{r.times.lenient.tp})"))
    bt = Table(title="By gold type", title_justify="left", show_edge=False)
    for c in ("type", "gold", "found", "value correct"):
        bt.add_column(c, justify="right" if c != "type" else "left")
    for typ, c in sorted(r.times.by_type.items()):
        bt.add_row(typ, str(c["gold"]), str(c["found"]), str(c["value_correct"]))
    parts.append(bt)
    d = r.times.diagnostics
    parts.append(_counts("missed expressions", d["missed_expressions"]))
    parts.append(_counts("wrong values (gold shape as predicted shape)", d["wrong_values_gold_as_predicted_shape"]))
    c = Table(title="Coreference of PER/ORG mentions (person, organisation, group actors)",
              title_justify="left", show_edge=False)
    for col in ("metric", "P", "R", "F1"):
        c.add_column(col, justify="right" if col != "metric" else "left")
    for name, m in (("MUC", r.coref.muc), ("B-cubed", r.coref.b3), ("mentions", r.coref.mentions)):
        c.add_row(name, _f(m.precision), _f(m.recall), _f(m.f1))
    parts.append(c)
    return Group(*parts)


def render_quotes(r: QuotesReport) -> RenderableType:
    parts: list[RenderableType] = [Text(
        f"Quotes  {r.gold_path}  {r.items} items, {r.gold_quotes} gold quotes", style="bold")]
    parts += _failures(r.failures)
    if r.parts:
        parts.append(render_parts(r.headline()))
    t = _prf_table("Content spans", "match")
    t.add_row(*_prf_row("exact", r.exact))
    t.add_row(*_prf_row("overlap", r.overlap))
    parts.append(t)
    parts.append(Text(f"speaker accuracy (found quotes): {_f(r.speaker_accuracy)}; speaker recall (all gold "
                      f"quotes): {_f(r.speaker_recall)}; direct/indirect accuracy: {_f(r.direct_accuracy)}"))
    d = Table(title="Direct and indirect", title_justify="left", show_edge=False)
    for col in ("class", "gold", "precision", "recall", "speaker accuracy"):
        d.add_column(col, justify="right" if col != "class" else "left")
    for cls in ("direct", "indirect"):
        sc = r.class_scores(cls)
        d.add_row(cls, str(sc["gold"]), _f(sc["precision"]), _f(sc["recall"]), _f(sc["speaker_accuracy"]))
    parts.append(d)
    k = Table(title="By kind", title_justify="left", show_edge=False)
    for col in ("kind", "gold", "found", "exact", "speaker right"):
        k.add_column(col, justify="right" if col != "kind" else "left")
    for kind, c in sorted(r.by_kind.items()):
        k.add_row(kind, str(c["gold"]), str(c["found"]), str(c["exact"]), str(c["speaker_correct"]))
    parts.append(k)
    parts.append(_counts("wrong speaker on found quotes", r.diagnostics["wrong_speaker_on_found_quotes"]))
    if r.diagnostics["spurious_quotes"]:
        parts.append(Text("spurious: " + " | ".join(r.diagnostics["spurious_quotes"])))
    return Group(*parts)


def _errors_table(title: str, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Table:
    t = Table(title=title, title_justify="left", show_lines=True)
    for c in columns:
        t.add_column(c, overflow="fold")
    for row in rows:
        t.add_row(*[str(row.get(c, "")) if not isinstance(row.get(c), list) else "\n".join(map(str, row[c]))
                    for c in columns])
    return t


def render_news(r: NewsReport, *, errors: int = 0) -> RenderableType:
    n = {k: v.articles for k, v in r.scores.items()}
    parts: list[RenderableType] = [Text(
        f"News  {r.gold_path}  articles: " + ", ".join(f"{k} {v}" for k, v in n.items()) +
        ". Events match inside the gold sentence by category (own, also_ok or as_intention); a whole "
        "record also needs both sides' country sets.", style="bold")]
    parts += _failures(r.failures)
    parts.append(render_parts(r.headline()))
    s = r.scores.get("all") or r.scores[r.part]
    parts.append(Text(f"{r.part}: {s.events.tp} matched of {s.events.tp + s.events.fn} gold and "
                      f"{s.events.tp + s.events.fp} system events, {s.records.tp} whole records right; "
                      f"{s.found_actors}/{s.gold_actors} gold actors found, {s.unmatched_actors} of "
                      f"{s.system_actors} system actors match no gold actor"))
    if errors:
        parts.append(_errors_table(f"First {errors} errors ({'read' if r.part == 'all' else r.part} part)",
                                   r.errors(errors), ("article", "error", "gold", "system")))
    return Group(*parts)


def render_cameo(r: CameoReport, *, errors: int = 0) -> RenderableType:
    parts: list[RenderableType] = [Text(
        f"cameo-news  {r.gold_path}  {len(r.gold)} sentences ({r.part}). Detection over event true/false; "
        f"category over root sets where known; quad of the top event; spans of the matched event.",
        style="bold")]
    parts += _failures(r.failures)
    parts.append(render_parts(r.headline()))
    s = r.scores.get("all") or r.scores[r.part]
    parts.append(Text(f"{r.part}: {s.negatives} negatives, {s.detection.fp} with a false event; "
                      f"{s.category_recalled}/{s.category_roots} root sets recalled, {s.category_right}/"
                      f"{s.category_predicted} categories right; quad {s.quad_right}/{s.quad_records}; source "
                      f"{s.source_right}/{s.source_records}, target {s.target_right}/{s.target_records}"))
    if errors:
        parts.append(_errors_table(f"First {errors} errors ({'read' if r.part == 'all' else r.part} part)",
                                   r.errors(errors), ("id", "text", "errors", "gold", "system")))
    return Group(*parts)


def render_gate(result: GateResult) -> RenderableType:
    t = Table(title="Eval gate", title_justify="left", show_edge=False)
    for c in ("gold set", "score", "value", "floor", ""):
        t.add_column(c, justify="right" if c in ("value", "floor") else "left")
    for c in result.checks:
        t.add_row(c.gold_set, c.metric, f"{c.score:.4f}", f"{c.floor:.4f}", "ok" if c.ok else "BELOW")
    return t


def render(report: Any, **options: Any) -> RenderableType:
    if isinstance(report, PloverReport):
        return render_plover(report, **options)
    if isinstance(report, Re3dReport):
        return render_re3d(report)
    if isinstance(report, MeantimeReport):
        return render_meantime(report)
    if isinstance(report, QuotesReport):
        return render_quotes(report)
    if isinstance(report, NewsReport):
        return render_news(report, **options)
    if isinstance(report, CameoReport):
        return render_cameo(report, **options)
    raise TypeError(f"no table for {type(report).__name__}")
