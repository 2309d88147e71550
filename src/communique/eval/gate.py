"""The eval gate: every gold set that is present is scored and each pinned score must stay at
or above its floor (as trafilatura's eval gate does). Floors live in ``eval_floors.json`` at
the repository root and are raised as the system improves.

Floors file::

    {"comment": "...",
     "plover": {"all.category_f1": 0.58, ...}, "re3d_test": {...}, "re3d_raw": {...},
     "meantime": {...}, "quotes": {...}, "news": {...}, "cameo": {...}}

Each metric name is a key of that report's ``headline()``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .common import GoldFormatError, Progress

__all__ = ["GOLD_SETS", "Check", "GateResult", "load_floors", "run_gate"]


def _plover(gold: Path, **kw: Any) -> Any:
    from .plover import evaluate_plover
    return evaluate_plover(gold / "plover" / "dev.jsonl", **kw)


def _re3d_test(gold: Path, **kw: Any) -> Any:
    from .re3d import evaluate_re3d
    return evaluate_re3d(gold / "re3d" / "conflibert-split" / "test.txt", **kw)


def _re3d_raw(gold: Path, **kw: Any) -> Any:
    from .re3d import evaluate_re3d
    return evaluate_re3d(gold / "re3d", **kw)


def _meantime(gold: Path, **kw: Any) -> Any:
    from .meantime import evaluate_meantime
    return evaluate_meantime(gold / "meantime", **kw)


def _quotes(gold: Path, **kw: Any) -> Any:
    from .quotes import evaluate_quotes
    return evaluate_quotes(None, **kw)


def _news(gold: Path, **kw: Any) -> Any:
    from .news import evaluate_news
    return evaluate_news(gold / "news" / "dev.jsonl", **kw)


def _cameo(gold: Path, **kw: Any) -> Any:
    from .cameo import evaluate_cameo
    return evaluate_cameo(gold / "cameo-news" / "dev.jsonl", **kw)


# name -> (path that must exist under the gold folder, or None for the packaged gold; runner)
GOLD_SETS: dict[str, tuple[str | None, Callable[..., Any]]] = {
    "plover": ("plover/dev.jsonl", _plover),
    "re3d_test": ("re3d/conflibert-split/test.txt", _re3d_test),
    "re3d_raw": ("re3d", _re3d_raw),
    "meantime": ("meantime", _meantime),
    "quotes": (None, _quotes),
    "news": ("news/dev.jsonl", _news),
    "cameo": ("cameo-news/dev.jsonl", _cameo),
}


class FloorsError(GoldFormatError):
    """The floors file is missing, malformed, or names a score no report gives."""


def load_floors(path: str | Path) -> dict[str, dict[str, float]]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise FloorsError(str(path), f"cannot read the floors file: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise FloorsError(str(path), f"not JSON: {exc.msg}", exc.lineno) from None
    floors = {k: v for k, v in data.items() if k != "comment"}
    for name, metrics in floors.items():
        if name not in GOLD_SETS:
            raise FloorsError(str(path), f"unknown gold set {name!r}; known: {', '.join(GOLD_SETS)}")
        if not isinstance(metrics, dict) or not all(isinstance(v, (int, float)) for v in metrics.values()):
            raise FloorsError(str(path), f"{name}: expected {{metric: number}}")
    return floors


@dataclass(frozen=True, slots=True)
class Check:
    gold_set: str
    metric: str
    score: float
    floor: float

    @property
    def ok(self) -> bool:
        return self.score >= self.floor

    def to_dict(self) -> dict[str, Any]:
        return {"gold_set": self.gold_set, "metric": self.metric, "score": self.score,
                "floor": self.floor, "ok": self.ok}


@dataclass(slots=True)
class GateResult:
    checks: list[Check] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)       # gold set -> why
    failures: dict[str, list[str]] = field(default_factory=dict)  # gold set -> extraction failures
    reports: dict[str, Any] = field(default_factory=dict)

    @property
    def below(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    @property
    def passed(self) -> bool:
        return not self.below and not any(self.failures.values())

    def to_dict(self) -> dict[str, Any]:
        return {"eval": "gate", "passed": self.passed, "checks": [c.to_dict() for c in self.checks],
                "below_floor": [c.to_dict() for c in self.below], "skipped": self.skipped,
                "extraction_failures": {k: v for k, v in self.failures.items() if v},
                "headlines": {k: r.headline() for k, r in self.reports.items()}}


def run_gate(gold_dir: str | Path, floors: dict[str, dict[str, float]], *, model: str | None = None,
             batch_size: int = 32, progress: Callable[[str], Progress | None] | None = None) -> GateResult:
    """Score every gold set named in ``floors`` whose files exist under ``gold_dir``.

    ``progress(name)`` may return a per-article progress callback for that gold set."""
    gold = Path(gold_dir)
    result = GateResult()
    for name, metrics in floors.items():
        rel, runner = GOLD_SETS[name]
        if rel is not None and not (gold / rel).exists():
            result.skipped[name] = f"{gold / rel} not found"
            continue
        report = runner(gold, model=model, batch_size=batch_size,
                        progress=progress(name) if progress else None)
        result.reports[name] = report
        result.failures[name] = list(report.failures)
        headline = report.headline()
        for metric, floor in metrics.items():
            if metric not in headline:
                raise FloorsError(name, f"no score {metric!r} in the {name} report; it gives "
                                        f"{', '.join(headline)}")
            result.checks.append(Check(name, metric, headline[metric], float(floor)))
    return result
