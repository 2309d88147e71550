"""Word lists the actor, quote and event extractors share, and lookups over the
derived lexicons (countries, IGOs, agents) with the normalisation they need."""

from __future__ import annotations

import functools
import re

from ..ontology import lexicon

# Sectors of the state: its government, armed forces, legislature, courts, police and spies.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "shri", "smt", "mme", "m", "herr"}

# Military and police ranks: a person introduced with one of these is MIL (or COP).
RANKS = {
    "gen", "general", "lt", "lieutenant", "maj", "major", "brig", "brigadier", "col", "colonel",
    "capt", "captain", "cmdr", "commander", "adm", "admiral", "vice", "rear", "marshal",
    "sgt", "sergeant", "cpl", "corporal", "pvt", "private", "field", "air", "chief",
    "commodore", "ensign", "gen.", "lt.", "col.", "maj.", "capt.", "adm.", "brig.", "sgt.",
}
# Rank phrases as they appear before a name; longest first so "air chief marshal" wins over "marshal".
RANK_PHRASES = sorted(
    [
        "air chief marshal", "air marshal", "air vice marshal", "field marshal", "marshal",
        "lieutenant general", "lt gen", "lt-gen", "major general", "maj gen", "brigadier general",
        "brig gen", "general", "gen", "vice admiral", "rear admiral", "admiral", "adm",
        "colonel", "col", "lieutenant colonel", "lt col", "brigadier", "brig", "major", "maj",
        "captain", "capt", "lieutenant", "lt", "commodore", "sergeant", "sgt",
    ],
    key=lambda s: -len(s.split()),
)

# Words that build an office title before or around a name ("Chief of Defence Staff").
TITLE_WORDS = {
    "minister", "ministers", "president", "vice", "prime", "premier", "chancellor", "secretary",
    "foreign", "defence", "defense", "home", "interior", "finance", "trade", "commerce",
    "external", "affairs", "state", "deputy", "chief", "staff", "head", "leader", "king", "queen",
    "prince", "princess", "emir", "sultan", "crown", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "governor", "mayor", "senator", "sen", "rep", "representative",
    "congressman", "congresswoman", "lawmaker", "mp", "speaker", "chairman", "chairwoman", "chair",
    "director", "commissioner", "general", "navy", "army", "naval", "military", "police",
    "counterpart", "official", "officer", "diplomat", "negotiator", "adviser", "advisor",
    "national", "security", "intelligence", "justice", "judge", "attorney", "opposition",
    "party", "ceo", "executive", "president-elect", "co-chair", "commander", "commander-in-chief",
    "senior", "top", "former", "acting", "external", "health", "energy", "oil", "economy",
    "agriculture", "education", "information", "culture", "labour", "labor", "industry",
    "environment", "transport", "communications", "legal", "science", "technology",
    "cooperation", "development", "planning", "petroleum", "mines", "water", "resources",
    "spy", "rebel", "militant", "marshal", "admiral", "air", "force", "forces", "cabinet",
    "monarch", "pope", "cardinal", "archbishop", "bishop", "imam", "ayatollah", "cleric",
    "mullah", "sheikh", "rabbi", "coach", "lt", "col", "capt", "maj", "gen", "brig", "adm",
    "special", "chief", "permanent", "high", "un", "eu", "elect",
    "of", "the", "and", "for",
}
# Title words that end an office title right before a name: "Special Envoy Park Min-ho".
HEAD_TITLES = {
    "minister", "president", "envoy", "ambassador", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "premier", "chancellor", "governor", "senator", "king", "queen", "prince",
    "princess", "commander", "chief", "leader", "mayor", "judge", "justice", "emir", "sultan",
    "chairman", "chairwoman", "director", "commissioner", "negotiator", "adviser", "advisor",
    "pope", "cardinal", "archbishop", "bishop", "ayatollah", "sheikh", "rabbi", "imam",
    "sen", "rep", "representative", "congressman", "congresswoman", "lawmaker", "deputy",
    "vice-president", "president-elect", "ceo",
}
# Words that, after a title, name an institution rather than a person.
NOT_NAMES = {"administration", "government", "office", "ministry", "council", "cabinet",
             "party", "house", "palace", "department", "embassy", "forces", "army", "navy",
             # A rank word opening a body's name: "the General Assembly", "General Agreement ..."
             "assembly", "agreement", "accord", "conference", "command", "staff", "secretariat",
             "headquarters", "committee", "commission", "tribunal", "court", "motors", "electric"}
# Lower-case particles inside a person's name: "Richard von Weizsaecker", "Ahmed bin Ali".
NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das",
                  "le", "la", "bin", "ibn", "al", "el", "ter", "zu", "y"}

# Connectives allowed inside a title only between two title words.
TITLE_GLUE = {"of", "the", "and", "for", "&"}

# Head nouns that name an institution even without a proper name ("the defence ministry").
INSTITUTION_NOUNS = {
    "ministry": "GOV", "government": "GOV", "cabinet": "GOV", "administration": "GOV",
    "embassy": "GOV", "foreign office": "GOV", "presidency": "GOV", "parliament": "LEG",
    "congress": "LEG", "senate": "LEG", "legislature": "LEG", "army": "MIL", "navy": "MIL",
    "military": "MIL", "air force": "MIL", "armed forces": "MIL", "police": "COP",
    "court": "JUD", "supreme court": "JUD", "judiciary": "JUD",
    "coast guard": "MIL", "border guard": "MIL", "national guard": "MIL", "central bank": "GOV",
}
# Institutions a country has at home: an unqualified one is the article's home country's.
DOMESTIC_NOUNS = {"ministry", "government", "cabinet", "army", "navy", "military", "police",
                  "parliament", "air force", "armed forces", "administration", "presidency",
                  "coast guard", "border guard", "national guard", "central bank"}

# Plural collective nouns that stand for a group of people of some sector.
GROUP_NOUNS = {
    "officials": "GOV", "official": "GOV", "troops": "MIL", "soldiers": "MIL", "forces": "MIL",
    "police": "COP", "policemen": "COP", "rebels": "REB", "militants": "REB", "insurgents": "REB",
    "guerrillas": "REB", "protesters": "CVL", "demonstrators": "CVL", "students": "EDU",
    "diplomats": "GOV", "leaders": "GOV", "authorities": "GOV", "ministers": "GOV",
    "delegation": "GOV", "negotiators": "GOV", "warplanes": "MIL", "jets": "MIL",
    "gunmen": "UAF", "workers": "LAB", "journalists": "JRN", "farmers": "AGR",
    "lawmakers": "LEG", "legislators": "LEG", "judges": "JUD", "government": "GOV",
    "army": "MIL", "navy": "MIL", "military": "MIL", "people": "CVL", "civilians": "CVL",
    "refugees": "REF", "opposition": "OPP", "spokesman": "GOV", "spokeswoman": "GOV",
    "ambassador": "GOV", "envoy": "GOV", "minister": "GOV", "president": "GOV",
    "leader": "GOV", "premier": "GOV", "prime minister": "GOV", "foreign minister": "GOV",
    "planes": "MIL", "aircraft": "MIL", "artillery": "MIL", "tanks": "MIL", "warships": "MIL",
    "navy ships": "MIL", "guards": "MIL", "units": "MIL", "security forces": "COP",
    "activists": "CVL", "businessmen": "BUS", "companies": "BUS", "firms": "BUS",
    "banks": "BUS", "unions": "LAB", "party": "PTY", "parties": "PTY", "sources": None,
    "newspaper": "JRN", "media": "JRN", "agency": "GOV", "side": "GOV", "sides": "GOV",
    "country": None, "countries": None, "nation": None, "nations": None, "state": None,
    "states": None, "prisoners": "CVL", "youths": "CVL", "supporters": "CVL", "hackers": "CRM",
    "elders": "CVL", "nationals": "CVL", "residents": "CVL", "villagers": "CVL",
    "inhabitants": "CVL", "fighters": "REB", "helicopters": "MIL", "bulldozers": "MIL",
    "militiamen": "UAF", "guerillas": "REB", "bombers": "UAF", "settlers": "CVL",
    "crowd": "CVL", "crowds": "CVL", "mob": "CVL", "mobs": "CVL", "rioters": "CVL",
    "looters": "CVL", "assailants": "UAF", "attackers": "UAF", "gang": "CRM", "gangs": "CRM",
}
# Collective nouns that are a group of people in the singular: "a mob attacked ...".
COLLECTIVE_NOUNS = {"crowd", "mob", "gang"}


def agent_noun_sector(tok) -> str | None:
    """Sector of a common noun that names people acting for someone ("doctors", "militiamen")."""
    agents = lexicon.agent_sectors()
    return agents.get(tok.lower_) or agents.get(tok.lemma_.lower())

_SPACE_RE = re.compile(r"\s+")
_POSS_RE = re.compile(r"(?:'s|’s|'|’)$")


def norm(text: str) -> str:
    """Lower-case, single-spaced, without a leading 'the' or trailing possessive."""
    t = _SPACE_RE.sub(" ", text.strip()).casefold()
    t = _POSS_RE.sub("", t).strip()
    if t.startswith("the "):
        t = t[4:]
    return t


@functools.cache
def _surfaces() -> dict:
    return lexicon.country_surfaces()


def country(text: str) -> tuple[str, str] | None:
    """(ISO3, kind) for a country name, adjective, capital or city surface, else None."""
    key = norm(text)
    entry = _surfaces().get(key)
    if entry is None:
        return None
    if entry.get("case_sensitive") and sum(c.isupper() for c in text) < 2:
        return None  # "US"/"RoK" yes; the pronoun "us" no
    return entry["code"], entry["kind"]


def country_entry(text: str) -> dict | None:
    entry = _surfaces().get(norm(text))
    if entry and entry.get("case_sensitive") and sum(c.isupper() for c in text) < 2:
        return None
    return entry


def country_code(text: str, *, kinds: tuple[str, ...] = ("name", "adjective")) -> str | None:
    found = country(text)
    if found and found[1] in kinds:
        return found[0]
    return None


# The combining forms of country names that open a pair ("Sino-Indian", "Franco-German");
# alone they name no country ("Franco" is a surname), so they count only before a hyphen.
COMBINING_FORMS = {"sino": "CHN", "franco": "FRA", "anglo": "GBR", "indo": "IND", "russo": "RUS",
                   "italo": "ITA", "greco": "GRC", "turco": "TUR", "austro": "AUT",
                   "hispano": "ESP", "luso": "PRT", "nippo": "JPN", "germano": "DEU", "serbo": "SRB"}


def pair_countries(parts: list[str]) -> list[str] | None:
    """The countries of a hyphenated pair's parts ("Sino", "Indian"), when every part
    names one; a combining form counts in any place but the last."""
    codes = [country_code(w) or (COMBINING_FORMS.get(w.lower()) if n < len(parts) - 1 else None)
             for n, w in enumerate(parts)]
    return codes if len(codes) > 1 and all(codes) else None  # type: ignore[return-value]


def igo(text: str) -> dict | None:
    key = norm(text)
    entry = lexicon.igos().get(key)
    if entry is None:
        return None
    if entry.get("case_sensitive") and not any(c.isupper() for c in text):
        return None
    return entry


def sector_of(phrase: str) -> str | None:
    """PLOVER sector of a role or agent phrase: the most specific word that knows one."""
    words = norm(phrase).replace("-", " ").split()
    if not words:
        return None
    if len(words) > 1 and words[-1] == "general" and words[-2] in (
            "secretary", "attorney", "solicitor", "governor", "director", "consul", "inspector",
            "auditor", "comptroller", "postmaster", "surgeon"):
        return "GOV"  # "Secretary-General", "Attorney General": offices, not ranks
    if words[-1] in ("gen", "general", "admiral", "marshal", "brigadier", "colonel", "commander"):
        return "MIL"
    agents = lexicon.agent_sectors()
    # Longest suffix first: "defence minister" is GOV even though "defence" alone is MIL.
    for i in range(len(words)):
        sector = agents.get(" ".join(words[i:]))
        if sector:
            return sector
    for w in reversed(words):
        sector = agents.get(w) or GROUP_NOUNS.get(w)
        if sector:
            return sector
    return None


def country_display_name(code: str) -> str:
    return lexicon.country_name(code) or code
