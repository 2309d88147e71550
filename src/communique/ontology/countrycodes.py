"""Country arguments as users type them: a code ("IND", "kor"), an IGO code ("UN"), or a
name ("India", "South Korea", "iran").

An unknown code is refused with the nearest known one ("IRAN: did you mean IRN (Iran)?")
instead of matching nothing: a filter that finds nothing looks like an answer. A value in
capitals is taken as a code, anything else may also be a country's name.
"""

from __future__ import annotations

import difflib
import functools

from ..errors import CommuniqueError
from . import lexicon

__all__ = ["UnknownCountry", "display_name", "known_codes", "resolve_country"]


class UnknownCountry(CommuniqueError, ValueError):
    """A country argument that names no known country or IGO."""


@functools.cache
def known_codes() -> dict[str, str]:
    """Code -> display name, for ISO 3166 alpha-3 countries and IGO codes."""
    names = {code: info["name"] for code, info in lexicon._load("countries.json")["countries"].items()}
    for entry in lexicon.igos().values():
        if entry.get("kind") == "organisation":
            names.setdefault(entry["code"], entry["name"])
    return names


@functools.cache
def _names() -> dict[str, str]:
    """Lowercased name -> code: countries' names and IGOs' names."""
    out = {name.casefold(): code for code, name in known_codes().items()}
    for surface, entry in lexicon.country_surfaces().items():
        if entry.get("kind") == "name" and not entry.get("ambiguous"):
            out.setdefault(surface.casefold(), entry["code"])
    return out


def display_name(code: str) -> str | None:
    return known_codes().get(code)


def resolve_country(value: str) -> str:
    """The code a user means by ``value``; UnknownCountry naming the nearest known code."""
    typed = " ".join(value.split())
    if not typed:
        raise UnknownCountry("no country given: use an ISO 3166 alpha-3 code such as IND, or a name such as India")
    code = typed.upper()
    if code in known_codes():
        return code
    if not typed.isupper():
        found = _names().get(typed.casefold())
        if found:
            return found
    raise UnknownCountry(f"{typed}: {_suggestion(typed)}")


def _suggestion(typed: str) -> str:
    folded = typed.casefold()
    code = _names().get(folded)
    if code is None:
        close = difflib.get_close_matches(folded, list(_names()), n=1, cutoff=0.75)
        code = _names()[close[0]] if close else None
    if code is None:
        close = difflib.get_close_matches(typed.upper(), list(known_codes()), n=1, cutoff=0.6)
        code = close[0] if close else None
    if code is None:
        return ("not a known country code; use ISO 3166 alpha-3 such as IND, an IGO code such as UN, "
                "or a country name such as India")
    return f"did you mean {code} ({known_codes()[code]})?"
