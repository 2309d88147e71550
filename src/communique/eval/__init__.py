"""Measured accuracy: scorers for each gold format, a report renderer, and the score gate.

Each ``evaluate_*`` function runs the extraction on a gold set and returns a report (with
``headline()`` scores and ``to_dict()`` for JSON); each ``score_*`` function is the pure
comparison of gold and predictions it wraps, so scorers are tested on hand-made pairs
without a model. Nothing here prints: ``report.render`` builds tables for the CLI.
"""

from .cameo import evaluate_cameo, score_cameo
from .common import GoldFormatError
from .gate import load_floors, run_gate
from .meantime import evaluate_meantime, score_coreference, score_times
from .news import evaluate_news, score_news
from .plover import evaluate_plover, score_plover
from .quotes import evaluate_quotes, score_quotes
from .re3d import evaluate_re3d, score_entities
from .split import part

__all__ = [
    "GoldFormatError",
    "evaluate_cameo",
    "evaluate_meantime",
    "evaluate_news",
    "evaluate_plover",
    "evaluate_quotes",
    "evaluate_re3d",
    "load_floors",
    "part",
    "run_gate",
    "score_cameo",
    "score_coreference",
    "score_entities",
    "score_news",
    "score_plover",
    "score_quotes",
    "score_times",
]
