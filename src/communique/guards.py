"""Cheap checks before parsing: an article the parser cannot take, or would take minutes
over, is a failure naming it instead of a crash or a stalled batch.

spaCy's tokenizer splits prefixes and suffixes off a space-free chunk one character at a
time, rescanning the rest each time, so a long run of punctuation or emoji without a
space or a letter costs time quadratic in its length (2,000 such characters take about a
second, 8,000 about fifteen, 40,000 minutes). Runs of letters, digits, hyphens or dots do
not (they are infixes or one token). No news text holds a thousand symbols in a row.
"""

from __future__ import annotations

import re

# Measured on the blank English tokenizer: 1,000 symbols take about 0.2 s.
MAX_SYMBOL_RUN = 1_000
_SYMBOL_RUN = re.compile(r"[^\w\s.\-]{%d,}" % (MAX_SYMBOL_RUN + 1))


def parse_problem(text: str, max_length: int) -> str | None:
    """Why ``text`` must not be parsed (a reason for the failure record), or None."""
    if len(text) > max_length:
        return (f"the article is too long to parse ({len(text):,} characters; the limit is "
                f"{max_length:,}); split it into parts")
    run = _SYMBOL_RUN.search(text)
    if run is not None:
        return (f"a run of {len(run[0]):,} symbols without a space or a letter at character "
                f"{run.start():,} (the limit is {MAX_SYMBOL_RUN:,}): the parser would take minutes "
                "over it; break it up or remove it")
    return None
