"""The project's lexicon data files, loaded once each.

The files in ``communique/ontology/data`` are written by ``scripts/build_lexicons.py``
(from the PETRARCH dictionaries and the PLOVER facts; see NOTICE). The dicts returned
here are shared by every caller: treat them as read-only.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

__all__ = [
    "agent_sectors",
    "cameo_to_plover",
    "category_group",
    "country_name",
    "country_surfaces",
    "igos",
    "people",
    "plover",
    "plover_root_code",
    "quad_class",
    "materiel",
    "score",
    "verbs",
]

@functools.cache
def _load(name: str) -> dict:
    # The data folder (communique.ontology.data) has no __init__.py; reaching it from
    # its parent package works whether it is installed as a namespace package or not.
    path = resources.files("communique.ontology").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


def country_surfaces() -> dict:
    """Lowercased surface -> {"code": ISO3, "kind", optional "case_sensitive", "ambiguous"}."""
    return _load("countries.json")["surfaces"]


def country_name(code: str) -> str | None:
    """Display name of an ISO 3166 alpha-3 code ("KOR" -> "South Korea"), else None."""
    info = _load("countries.json")["countries"].get(code)
    return info["name"] if info else None


def people() -> dict:
    """Lowercased name -> [{"code", "sector", "from", "to"}] dated office-holder spans."""
    return _load("people.json")


def igos() -> dict:
    """Lowercased surface -> {"code", "name", "kind", "sector", "country", "case_sensitive"}."""
    return _load("igos.json")


def agent_sectors() -> dict:
    """Lowercased role or agent phrase -> PLOVER sector ("defence minister" -> "GOV")."""
    return _load("agents.json")


def verbs() -> dict:
    """{"verbs": {lemma: [trigger entries]}, "nouns": {}} derived from CAMEO verb patterns."""
    return _load("verbs.json")


def materiel() -> dict:
    """{"weapon": [...], "aircraft": [...]}: lowercased, lemmatised phrases of CAMEO's
    materiel synsets (armoured vehicles and warships are under "weapon" too)."""
    return _load("materiel.json")


def plover() -> dict:
    """PLOVER categories (score, group, modes, requires_recipient), contexts, sectors."""
    return _load("plover.json")


def _category(category: str) -> dict:
    try:
        return plover()["categories"][category]
    except KeyError:
        known = ", ".join(sorted(plover()["categories"]))
        raise KeyError(f"unknown PLOVER category {category!r}; known: {known}") from None


def score(category: str, mode: str | None = None) -> float | None:
    """Conflict-cooperation score: the mode's if PLOVER scores it, else the category's;
    None for an unknown category."""
    info = plover()["categories"].get(category)
    if info is None:
        return None
    if mode is not None and mode in info["modes"]:
        return info["modes"][mode]
    return info["score"]


def category_group(category: str) -> str:
    """"verbal cooperation", "material cooperation", "verbal conflict" or "material conflict"."""
    return _category(category)["group"]


def cameo_to_plover(code: str) -> dict | None:
    """{"category", "mode", "context", "source"} for a CAMEO code, by longest known prefix."""
    table = _load("cameo2plover.json")["cameo"]
    for end in range(len(code), 1, -1):
        row = table.get(code[:end])
        if row is not None:
            return dict(row)
    return None


def plover_root_code(category: str) -> str:
    """The CAMEO root code most often mapped to a PLOVER category (for CAMEO-style exports)."""
    _category(category)
    return _load("cameo2plover.json")["plover_root"][category]


def quad_class(category: str) -> int:
    """GDELT-style quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
    _category(category)
    return _load("cameo2plover.json")["quad_class"][category]
