"""CAMEO codes of events, for GDELT- and ICEWS-shaped exports.

An event's code is its trigger's in the verb lexicon (``verbs.json``, from the CAMEO verb
patterns) when that entry gives the event's category; otherwise the crosswalk's
(``cameo2plover.json``) most general code for the category and mode, and at worst the
"not specified below" code of the category's root ("180" for ASSAULT). Goldstein weights
and names come from ``cameo.json`` by the longest listed prefix of a code.
"""

from __future__ import annotations

import functools

from . import lexicon

__all__ = ["code_for", "goldstein", "lexicon_code", "name", "parts"]


def lexicon_code(entries: list[dict], category: str, mode: str | None, objects: set[str],
                 preps: set[str]) -> str | None:
    """The code of the verb-lexicon entry (of a trigger's lemma) that fits the event: its
    category, its object and preposition when the entry asks for them, its mode if it can."""
    fitting = [e for e in entries if e.get("code") and e.get("category") == category
               and (not e.get("object") or objects & set(e["object"]))
               and (not e.get("prep") or e["prep"] in preps)]
    if mode is not None:
        same_mode = [e for e in fitting if e.get("mode") == mode]
        if not same_mode and (category, mode) in _crosswalk_codes():
            return None  # the mode came from elsewhere ("arrived" on a visit): the crosswalk's code says it
        fitting = same_mode or fitting
    if not fitting:
        return None
    best = max(fitting, key=lambda e: ((e.get("mode") or None) == mode, bool(e.get("object")), bool(e.get("prep"))))
    return best["code"]


def code_for(category: str, mode: str | None = None) -> str:
    """The most general CAMEO code the crosswalk maps to (category, mode), else to the
    category, else the root's "not specified below" code."""
    by_mode = _crosswalk_codes()
    found = by_mode.get((category, mode)) or by_mode.get((category, None))
    if found:
        return found
    return lexicon.plover_root_code(category) + "0"


@functools.cache
def _crosswalk_codes() -> dict[tuple[str, str | None], str]:
    # A category without a mode: its root's code (the root most often mapped to it).
    out: dict[tuple[str, str | None], str] = {
        (c, None): lexicon.plover_root_code(c) + "0" for c in lexicon.plover()["categories"]}
    # Then shortest codes first, so the most general code of each (category, mode) wins; root
    # codes (two digits) are written as their "not specified below" three-digit code.
    for code, row in sorted(lexicon._load("cameo2plover.json")["cameo"].items(), key=lambda kv: (len(kv[0]), kv[0])):
        full = code + "0" if len(code) == 2 else code
        out.setdefault((row["category"], row.get("mode")), full)
    return out


def _lookup(code: str) -> dict | None:
    table = lexicon._load("cameo.json")["codes"]
    for end in range(len(code), 1, -1):
        row = table.get(code[:end])
        if row is not None:
            return row
    return None


def goldstein(code: str | None) -> float | None:
    """The Goldstein scale weight of a CAMEO code (-10 to +10), else None."""
    row = _lookup(code) if code else None
    return row["goldstein"] if row else None


def name(code: str | None) -> str | None:
    """CAMEO's name of a code, or of its nearest listed parent ("Provide economic aid")."""
    row = _lookup(code) if code else None
    return row["name"] if row else None


def parts(code: str | None) -> tuple[str, str, str]:
    """(EventCode, EventBaseCode, EventRootCode) as GDELT writes them: "0311", "031", "03"."""
    if not code:
        return "", "", ""
    full = code + "0" if len(code) == 2 else code
    return full, full[:3], full[:2]
