"""Measured accuracy: scorers for each gold format, a report renderer, and the score gate.

Each ``evaluate_*`` function runs the extraction on a gold set and returns a report (with
``headline()`` scores and ``to_dict()`` for JSON); each ``score_*`` function is the pure
comparison of gold and predictions it wraps, so scorers are tested on hand-made pairs
without a model. Nothing here prints: ``report.render`` builds tables for the CLI.
"""

from .common import GoldFormatError
from .gate import load_floors, run_gate
from .meantime import evaluate_meantime, score_coreference, score_times
from .plover import evaluate_plover, score_plover
from .quotes import evaluate_quotes, score_quotes
from .re3d import evaluate_re3d, score_entities

__all__ = [
    "GoldFormatError",
    "evaluate_meantime",
    "evaluate_plover",
    "evaluate_quotes",
    "evaluate_re3d",
    "load_floors",
    "run_gate",
    "score_coreference",
    "score_entities",
    "score_plover",
    "score_quotes",
    "score_times",
]
