"""Scores of the MEANTIME and quote gold on its read and unread parts.

    python scripts/gold_parts.py [--meantime DIR] [--quotes FILE] [--dump DIR]

Gold that rules are tuned on is split in two by a hash of each document's key (the
MEANTIME file name, the quote article's id): errors are read only on the "read" part,
the "unread" part is only scored, so a rule that helps shows it on text nobody looked
at. ``--dump DIR`` writes the read part's errors (never the unread part's).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from communique.eval.common import run_pipeline
from communique.eval.meantime import load_meantime, predicted_timexes, score_times
from communique.eval.quotes import load_quotes_gold, predicted_quotes, score_quotes
from communique.eval.split import part
from communique.records import Article


def _meantime(path: Path, dump: Path | None) -> dict:
    docs = load_meantime(path)
    files = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
    keys = [f.name for f in files]
    preds = []
    for doc, item in zip(docs, run_pipeline([Article(text=d.text, published=d.published, id=d.id)
                                               for d in docs])):
        preds.append(predicted_timexes(item.extraction, end=doc.scored_end) if item.extraction else [])
    out = {}
    for name in ("read", "unread"):
        idx = [i for i, k in enumerate(keys) if part(k) == name]
        sc = score_times([docs[i].timexes for i in idx], [preds[i] for i in idx], [docs[i].text for i in idx])
        out[name] = {"docs": len(idx), "strict_f1": round(sc.strict.f1, 4), "lenient_f1": round(sc.lenient.f1, 4),
                     "value_accuracy": round(sc.value_accuracy, 4), "value_f1": round(sc.value_prf.f1, 4),
                     "gold": sc.lenient.tp + sc.lenient.fn, "pred": sc.lenient.tp + sc.lenient.fp}
        if dump is not None and name == "read":
            _dump_times(dump / "meantime_read.txt", [docs[i] for i in idx], [preds[i] for i in idx])
    return out


def _dump_times(path: Path, docs, preds) -> None:
    from communique.eval.meantime import _lenient_pairs
    lines = []
    for d, p in zip(docs, preds):
        pairs = _lenient_pairs(d.timexes, p)
        mg, mp = {g for g, _ in pairs}, {q for _, q in pairs}
        errs = []
        for gi, pi in pairs:
            g, q = d.timexes[gi], p[pi]
            if (g.value or "") != (q.value or "") or (g.start, g.end) != (q.start, q.end):
                errs.append(f"  {'VAL' if (g.value or '') != (q.value or '') else 'SPAN'} gold "
                            f"{d.text[g.start:g.end]!r}={g.value} ({g.type}) pred {d.text[q.start:q.end]!r}={q.value}")
        errs += [f"  MISS {d.text[g.start:g.end]!r}={g.value} ({g.type})" for gi, g in enumerate(d.timexes)
                 if gi not in mg]
        errs += [f"  SPUR {d.text[q.start:q.end]!r}={q.value}" for pi, q in enumerate(p) if pi not in mp]
        if errs:
            lines.append(f"== {d.id} published {d.published}")
            lines.append("   " + d.text[:d.scored_end].replace("\n", " / ")[:1500])
            lines += errs
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _quotes(path: Path | None, dump: Path | None) -> dict:
    items = load_quotes_gold(path)
    preds, exs = [], []
    for item in run_pipeline([Article(text=i.text, published=i.published, id=i.id) for i in items]):
        preds.append(predicted_quotes(item.extraction) if item.extraction else [])
        exs.append(item.extraction)
    out = {}
    for name in ("read", "unread"):
        idx = [i for i, it in enumerate(items) if part(it.id) == name]
        r = score_quotes([items[i] for i in idx], [preds[i] for i in idx])
        out[name] = {"items": len(idx), "gold": r.gold_quotes, **r.headline(),
                     "by_class": {c: r.class_scores(c) for c in ("direct", "indirect")}}
        if dump is not None and name == "read":
            lines = []
            for i in idx:
                ex = exs[i]
                lines.append(f"== {items[i].id}")
                for g in items[i].quotes:
                    lines.append(f"  GOLD {'D' if g.direct else 'I'} {items[i].text[g.start:g.end][:70]!r} <- {g.speaker}")
                for q in (ex.quotes if ex else []):
                    a = ex.actor(q.speaker) if q.speaker else None
                    lines.append(f"  PRED {'D' if q.direct else 'I'} {q.content.text[:70]!r} <- "
                                 f"{a.name if a else None} / {q.speaker_span.text if q.speaker_span else None!r} cue={q.cue.text!r}")
            (dump / "quotes_read.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meantime", default="../shared/gold/meantime")
    ap.add_argument("--quotes", default=None)
    ap.add_argument("--dump", default=None)
    ap.add_argument("--only", choices=["meantime", "quotes"], default=None)
    a = ap.parse_args()
    dump = Path(a.dump) if a.dump else None
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
    result = {}
    if a.only in (None, "quotes"):
        result["quotes"] = _quotes(Path(a.quotes) if a.quotes else None, dump)
    if a.only in (None, "meantime"):
        result["meantime"] = _meantime(Path(a.meantime), dump)
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
