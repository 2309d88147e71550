"""Shared strategies for fuzzing with hypothesis (issue 14, item 3). CI runs each property a fixed number of
times; ``scripts/fuzz.py`` raises COMMUNIQUE_FUZZ_SCALE for a longer run. Every generated
input is counted, and the count is printed at the end of the session."""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

SCALE = float(os.environ.get("COMMUNIQUE_FUZZ_SCALE", "1"))
TRIED: Counter[str] = Counter()


def fuzz(examples: int):
    """hypothesis settings for ``examples`` inputs (times the scale), no deadline: a slow
    example is not a failure here (the benchmarks measure speed)."""
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])


def tried(name: str) -> None:
    TRIED[name] += 1


# Characters that broke, or could break, something: NUL and other controls, lone
# surrogates, direction marks and isolates, BOM, line and paragraph separators, quotation
# marks of every kind (unclosed ones too), combining marks, emoji.
SPECIAL = ["\x00", "\x01", "\x1b", "\x7f", "\ud800", "\udfff", "\udcff", "\u202e", "\u202d", "\u2066", "\u200f",
           "\ufeff", "\u2028", "\u2029", "\r", "\t", '"', "'", "\u201c", "\u201d", "\u00ab", "\u00bb",
           "\u2018", "\u0301", "\U0001F600", "\ufffd", "<", ">", "&", "{", "}", "[", "]", "\\"]

WORDS = ["India", "and", "South", "Korea", "held", "talks", "in", "Seoul", "on", "Monday", "said", "the",
         "minister", "attacked", "Mr", "Singh", "said:", "\u201cWe", "agree.\u201d", "2024-05-10", "yesterday",
         "last", "year", "UN", "NATO", "Iraq", "missile", "$5", "million", "."]

any_char = st.one_of(st.characters(exclude_categories=()), st.sampled_from(SPECIAL))
hostile_text = st.one_of(
    st.text(any_char, max_size=200),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SPECIAL), st.text(any_char, max_size=8)),
             max_size=60).map(" ".join),
)


def long_runs(max_size: int = 1_000_000):
    """A token or line of up to ``max_size`` characters: one character repeated, or a word."""
    return st.builds(lambda unit, n: (unit * (n // max(1, len(unit)) + 1))[:n],
                     st.one_of(st.sampled_from(SPECIAL + ["a", "ab ", "\U0001F600", "!", "(", "."]),
                               st.text(any_char, min_size=1, max_size=3)),
                     st.integers(1, max_size))
