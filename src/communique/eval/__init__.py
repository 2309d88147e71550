"""Measured accuracy: scorers for each gold format, a report renderer, and the score gate.

Each ``evaluate_*`` function runs the extraction on a gold set and returns a report; each
``score_*`` function is the pure comparison of gold and predictions it wraps, so scorers
are tested on hand-made pairs without a model.
"""

from .common import GoldFormatError
from .plover import evaluate_plover, score_plover

__all__ = ["GoldFormatError", "evaluate_plover", "score_plover"]
