"""Organisation names: what one organisation may be called within an article.

Name variants (``same_organisation``): "Brightwater Holdings PLC" is "Brightwater"
(company suffixes aside), "Kestrel Aerospace" is "Kestrel Aerospace Systems" (a leading
part of a longer company name), "NTSO" is "the National Transport Safety Office"
(initials), "NXA" is "Nordic Star Airlines (NXA)" (an acronym given in brackets) and
"the Air Force" is "the US Air Force" (its owner's country aside). Descriptions beside a
name ("Russian flag carrier Skyreach Airways", "Skyreach Airways, the Irish airline", "X is
the largest carmaker") are mentions of the company (``attach_descriptions``).

Mentions that name no organisation are dropped (``not_an_organisation``): time zones
("14:30 UTC"), stock indices ("the Nikkei index", "the Dow Jones"), a maker's name in a
model designation ("Embraer E190") and product names styled lower-case first ("xPad").

These are what the clustering of mentions (``aliases``) compares names with; the
resolution of pronouns and other anaphora (``coref``) builds on the description helpers
here, and nothing here imports it.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from . import vocab

if TYPE_CHECKING:
    from .mentions import Mention

# Legal-form words a company's name may carry or drop: "Brightwater Holdings PLC".
COMPANY_SUFFIXES = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "ltd", "limited",
    "llc", "lp", "llp", "ag", "sa", "nv", "spa", "gmbh", "bv", "holdings", "holding", "group",
    "se", "ab", "asa", "oyj", "kk",
}
# Words that make a name a company's ("General Dynamics", "General Electric").
BUSINESS_WORDS = COMPANY_SUFFIXES | {
    "motors", "motor", "electric", "dynamics", "mills", "foods", "industries", "airlines",
    "airways", "bank", "systems", "technologies", "energy", "petroleum", "chemicals",
    "pharmaceuticals", "insurance", "communications", "steel", "aerospace", "atomics",
    "instruments", "capital", "securities", "investments", "entertainment", "enterprises",
    "networks", "telecom", "computer", "computers", "electronics", "automotive",
}
_GLUE = {"of", "and", "for", "the", "&", "de", "du", "des", "la", "le"}
_TIME_ZONES = {
    "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "cet", "cest",
    "bst", "eet", "eest", "wet", "jst", "aest", "aedt", "hkt", "sgt", "msk", "zulu",
}
# Stock indices the NER reads as organisations.
_INDICES = {
    "dow", "dow jones", "dow jones industrial average", "ftse", "nasdaq", "nasdaq composite",
    "nikkei", "hang seng", "dax", "cac", "sensex", "kospi", "stoxx", "euro stoxx",
    "standard & poor", "s&p", "russell", "topix", "ibex", "asx", "tsx",
}
_INDEX_NOUNS = {"index", "indices", "indexes", "average", "composite", "futures"}
# A model designation after a maker's name: "E190", "747", "A320-200".
_MODEL = re.compile(r"^[A-Z]{0,3}-?\d{2,4}(?:-[A-Z0-9]+)?s?$")
_PRODUCT_STYLE = re.compile(r"^[a-z]{1,2}[A-Z]")
_QUOTES = {"``", "''", '"', "“", "”", "‘", "’", "'", "`"}


def is_quote_mark(tok: Token) -> bool:
    return tok.text in _QUOTES or tok.is_quote


# Diseases the NER reads as organisations ("the COVID-19 pandemic").
_DISEASES = {"covid-19", "covid", "covid19", "coronavirus", "sars", "sars-cov-2", "mers", "ebola",
             "hiv", "aids", "cholera", "malaria", "polio", "measles", "zika", "h1n1", "h5n1", "mpox",
             "monkeypox", "tuberculosis", "dengue", "influenza", "anthrax", "omicron"}
# Office titles in the languages English-language news keeps them in ("the Raksha Mantri",
# India's defence minister), beside the English ones of ``vocab.TITLE_WORDS``.
_TITLES_KEPT = {"mantri", "rashtrapati", "sahib", "taoiseach", "tanaiste", "emir", "sultan",
                "shah", "chancellor", "premier", "minister", "president", "secretary"}


def not_an_organisation(doc: Doc, s: int, e: int) -> bool:
    """An ORG entity at tokens [s, e) that names no organisation: a time zone, a stock
    index, a disease, an office title, or a maker's name in a model designation."""
    key = " ".join(_words(doc[s:e].text))
    if key in _TIME_ZONES or key in _INDICES or key.replace(" ", "") in _DISEASES or key in _DISEASES:
        return True
    words = key.split()
    if words and words[-1] in _TITLES_KEPT and not set(words) & (_GLUE | _OWN_BODY):
        return True  # "the Raksha Mantri", "Prime Minister": an office, not a body
    if _PRODUCT_STYLE.match(doc[s].text) and not doc[e - 1].lower_.rstrip(".") in COMPANY_SUFFIXES:
        return True  # "xPad", "eReader": a brand styled lower-case first is a product's
    nxt = doc[e] if e < len(doc) else None
    if nxt is not None and nxt.lower_ in _INDEX_NOUNS:
        return True  # "the Nikkei index", "the Hang Seng index"
    # "Embraer E190", "Nikkei 225" as one entity, or the name just before the designation.
    return (e - s >= 2 and _is_model(doc[e - 1])) or (nxt is not None and _is_model(nxt))


def _is_model(tok: Token) -> bool:
    t = tok.text
    if not _MODEL.match(t):
        return False
    return not (t.isdigit() and len(t) == 4 and 1800 <= int(t) <= 2100)  # a year


def trim_organisation(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Quote marks off an organisation's span ("`` Norrland Air"), the flight off an
    airline's ("Norrland Air Flight 212" is Norrland Air), and the name back before a legal
    suffix the NER took alone ("Halden [LLC]")."""
    while s < e and is_quote_mark(doc[s]):
        s += 1
    while e > s and is_quote_mark(doc[e - 1]):
        e -= 1
    for k in range(s + 1, e):
        if doc[k].lower_ == "flight":
            e = k
            break
    # "Halden [LLC]": a legal suffix alone takes back the name before it.
    if s < e and all(t.lower_.rstrip(".") in COMPANY_SUFFIXES for t in doc[s:e]):
        while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].text[:1].isupper() and \
                not doc[s - 1].ent_type_ in ("GPE", "NORP", "PERSON"):
            s -= 1
    return s, e


# --- name variants ----------------------------------------------------------------------

def _cased_words(name: str) -> list[str]:
    """The name's words as written, without a leading "the", a possessive, quote marks
    and full stops ("US" for "U.S.")."""
    t = " ".join(name.split())
    t = re.sub(r"(?:'s|’s|'|’)$", "", t).strip()
    if t[:4].casefold() == "the ":
        t = t[4:]
    t = t.replace("’s", "").replace("'s", "")
    return [w.replace(".", "") for w in re.split(r"[\s,]+", t) if w and w not in _QUOTES]


def _words(name: str) -> list[str]:
    return [w.casefold() for w in _cased_words(name)]


def core_words(name: str) -> list[str]:
    """The name's words without company suffixes: "brightwater" for "Brightwater Holdings PLC"."""
    words = _words(name)
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return words


def _country_words(cased: list[str]) -> tuple[str | None, int]:
    """The country a name's first words name, and how many words: ("USA", 1) for "US Air
    Force", ("USA", 2) for "United States Air Force"."""
    for n in (2, 1):
        if len(cased) > n:
            code = vocab.country_code(" ".join(cased[:n]), kinds=("name", "adjective"))
            if code:
                return code, n
    return None, 0


def _initials(words: list[str]) -> set[str]:
    content = [w for w in words if w not in _GLUE]
    out = set()
    for ws in (content, [w for w in words if w != "the"]):
        if len(ws) >= 2:
            out.add("".join(w[0] for w in ws if w))
    return out


def _is_acronym(text: str) -> bool:
    t = text.replace(".", "").replace("&", "")
    return 2 <= len(t) <= 6 and t.isalpha() and t.isupper()


class NameForms:
    """What a cluster of organisation mentions is called, for comparing names."""

    __slots__ = ("cores", "acronyms", "initials", "bare", "country", "names", "longs", "complete")

    def __init__(self) -> None:
        self.cores: set[tuple[str, ...]] = set()
        self.acronyms: set[str] = set()
        self.initials: set[str] = set()
        self.bare: set[tuple[str, ...]] = set()   # cores without a leading country
        self.country: str | None = None
        self.names: set[str] = set()
        self.longs: set[tuple[str, ...]] = set()     # cores a shorter name may abbreviate
        self.complete: set[tuple[str, ...]] = set()  # cores of names with a legal suffix

    def add(self, name: str) -> None:
        if name in self.names:
            return
        self.names.add(name)
        core, complete, long, acronym, initials, code, rest = _name_facts(name)
        self.cores.add(core)
        if complete:
            self.complete.add(core)  # "Juniper Inc." is all of its name, not "Juniper Records"
        if long:
            self.longs.add(core)  # not "Orion's CEO", "Orion Motors' Astra sedan"
        if acronym:
            self.acronyms.add(acronym)
        self.initials |= initials
        self.country = self.country or code
        if rest:
            self.bare.add(rest)


@functools.lru_cache(maxsize=4096)
def _name_facts(name: str) -> tuple:
    """(core words, has a legal suffix, may be a longer form, acronym, initials, leading
    country, core without that country) of an organisation's name."""
    cased = _cased_words(name)
    words = [w.casefold() for w in cased]
    core = core_words(name)
    possessed = re.search(r"\w(?:'s|’s|s')\s+\w", name) is not None
    long = not possessed and not any(w in _PERSON_WORDS for w in core[1:])
    acronym = name.replace(".", "").casefold() if _is_acronym(name) else None
    initials = set() if acronym else _initials(core) | _initials(words)
    code, n = _country_words(cased[:len(core)])
    rest = tuple(core[n:]) if code else tuple(core)
    if code and not acronym:
        # "United States Air Force" and "US Air Force" are both "USAF".
        country = "".join(cased[:n]) if n == 1 and _is_acronym(cased[0]) else "".join(w[0] for w in cased[:n])
        initials.add(country.casefold() + "".join(w[0] for w in rest if w not in _GLUE))
    return tuple(core), len(core) < len(words), long, acronym, frozenset(initials), code, rest or None


# Words that make a longer "name" a person's title, not the organisation: "Orion's CEO".
_PERSON_WORDS = {"ceo", "executive", "chairman", "chairwoman", "president", "spokesman",
                 "spokeswoman", "spokesperson", "director", "officer", "founder", "chief",
                 "head", "minister", "secretary"}


# Head words of a body of its own within or around a company: "Orion Developers Conference"
# and "Orion Employees Union" are not Orion.
_OWN_BODY = {
    "association", "union", "council", "committee", "commission", "party", "bureau",
    "department", "ministry", "office", "foundation", "institute", "university", "school",
    "agency", "board", "division", "unit", "center", "centre", "conference", "program",
    "programme", "store", "fund", "club", "league", "federation", "society", "court",
    "museum", "hospital", "college", "academy", "team", "tv", "subsidiary",
}


def _leading(short: tuple[str, ...], long: tuple[str, ...], places: set[str]) -> bool:
    if not (0 < len(short) < len(long) and long[:len(short)] == short):
        return False
    if len(short) == 1 and (short[0] in _GLUE or len(short[0]) < 3):
        return False
    extra = long[len(short):]
    return not any(w in places or w in _OWN_BODY for w in extra)


def same_organisation(a: NameForms, b: NameForms, *, places: set[str]) -> bool:
    """Whether two organisations' names are variants of one name. ``places`` holds
    lower-cased place words of the article: "Halden Australia" is a subsidiary, not Halden."""
    if a.cores & b.cores:
        return True
    if a.acronyms & b.initials or b.acronyms & a.initials:
        return True
    # "Kestrel" and "Kestrel Aerospace"; not "Juniper Inc." and "Juniper Records".
    for x, y in ((a, b), (b, a)):
        if any(_leading(short, long, places) for short in x.cores - x.complete for long in y.longs):
            return True
    # "the Air Force" and "the US Air Force"; not the air forces of two countries.
    return bool(a.bare & b.bare) and (a.country is None or b.country is None or a.country == b.country)


def bracketed_acronyms(doc: Doc, mentions: list["Mention"]) -> dict[int, int]:
    """Index of an acronym mention -> index of the name it abbreviates in brackets:
    "Nordic Star Airlines (NXA)"."""
    out: dict[int, int] = {}
    by_start = {m.start: n for n, m in enumerate(mentions)}
    for n, m in enumerate(mentions):
        if m.kind != "organisation":
            continue
        k = m.end
        if k < len(doc) and doc[k].text == "(":
            j = by_start.get(k + 1)
            if j is not None and _is_acronym(mentions[j].name) and \
                    mentions[j].end < len(doc) and doc[mentions[j].end].text == ")":
                out[j] = n
    return out


# --- descriptions ---------------------------------------------------------------------

# Head nouns of a definite description of an organisation: "the company", "the airline".
ORGANISATION_NOUNS = {
    "company", "firm", "automaker", "carmaker", "manufacturer", "maker", "airline", "carrier",
    "bank", "corporation", "group", "airframer", "retailer", "insurer", "lender",
    "conglomerate", "business", "organisation", "organization", "agency", "automobile",
    "publisher", "broadcaster", "exchange", "operator", "supplier", "producer", "developer",
}
# How many sentences back a description (or pronoun, in ``coref``) looks for its organisation.
WINDOW_SENTENCES = 2


def sentence_index(doc: Doc) -> list[int]:
    """Per token, the number of its sentence (read from the parse in one array pass)."""
    starts = doc.to_array(SENT_START) == 1
    if len(starts):
        starts[0] = True
    return (numpy.cumsum(starts) - 1).tolist()


def definite(tok: Token) -> bool:
    """ "the company", "the Italian company"; not "a company", "company CEO"."""
    if tok.dep_ in ("compound", "amod"):
        return False
    dets = [c for c in tok.children if c.dep_ == "det"]
    return bool(dets) and dets[0].lower_ in ("the", "this", "that")


def description_start(tok: Token) -> int:
    start = tok.i
    for c in tok.children:
        if c.i < tok.i and c.dep_ in ("det", "amod", "compound", "advmod", "nmod", "npadvmod", "poss"):
            start = min(start, c.left_edge.i)
    return start


def described(tok: Token) -> list[Token]:
    """Tokens a description's head noun is said of: its apposition ("Irish airline,
    Skyreach"), the name it is compounded with ("German carmaker Volkhart"), the subject of
    the copula it is the predicate of ("Volkhart is the largest carmaker")."""
    out = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ in ("appos", "compound") and tok.head.i != tok.i:
        out.append(tok.head)
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        out += [c for c in tok.head.children if c.dep_ == "nsubj"]
    return out


def named_next(doc: Doc, end: int, owner_at: dict[int, object], named) -> object | None:
    """The named organisation right after a description, maybe after a comma:
    "American engine manufacturer Orion Motors", "Irish airline, Skyreach"."""
    k = end + 1 if end < len(doc) and doc[end].text == "," else end
    if k < len(doc) and (k == 0 or owner_at.get(k - 1) != owner_at.get(k)):
        found = owner_at.get(k)
        return found if found in named else None
    return None


def _stated_countries(group: list["Mention"]) -> set[str]:
    """Countries the text gives a cluster's mentions (not the story's country, which
    fills in for bodies with none at lower confidence)."""
    return {m.country for m in group if m.country and m.confidence > 0.5}


def attach_descriptions(doc: Doc, clusters: list[list["Mention"]]) -> list[list["Mention"]]:
    """Company descriptions the group nouns made actors of ("Irish budget airline",
    "the Italian company") join the organisation they describe: the one named beside them,
    or for "the ..." the organisation named last, within three sentences, that the text
    gives no other country."""
    cluster_at = {t: n for n, g in enumerate(clusters) for m in g for t in range(m.start, m.end)}
    named = {n for n, g in enumerate(clusters)
             if g[0].kind == "organisation" and any(m.source in ("ner", "igo") for m in g)}
    if not named:
        return clusters
    starts = sorted((m.start, n) for n in named for m in clusters[n])
    start_keys = [st for st, _ in starts]
    sent_of = None
    moved = False
    for n, g in enumerate(clusters):
        if g[0].kind != "group" or g[0].source != "group":
            continue
        for m in list(g):
            head = doc[m.end - 1]
            if head.lower_ not in ORGANISATION_NOUNS or head.tag_ != "NN":
                continue
            target = next((cluster_at[t.i] for t in described(head)
                           if cluster_at.get(t.i) in named), None)
            if target is None:
                target = named_next(doc, m.end, cluster_at, named)
            if target is None and definite(head) and head.dep_ != "attr":
                if sent_of is None:
                    sent_of = sentence_index(doc)
                k = bisect.bisect_left(start_keys, m.start)
                while k and sent_of[m.start] - sent_of[starts[k - 1][0]] <= WINDOW_SENTENCES + 1:
                    # "the US manufacturer": not a company the text gives another country.
                    stated = _stated_countries(clusters[starts[k - 1][1]])
                    if not m.country or not stated or m.country in stated:
                        target = starts[k - 1][1]
                        break
                    k -= 1
            if target is None:
                continue
            m.kind, m.sector = "organisation", None
            g.remove(m)
            clusters[target].append(m)
            clusters[target].sort(key=lambda x: x.start)
            for t in range(m.start, m.end):
                cluster_at[t] = target
            moved = True
    return [g for g in clusters if g] if moved else clusters
