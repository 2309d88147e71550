"""Within-article aliases: which mentions name the same real-world entity.

"Mr Singh" joins the Singh already called "Mr Singh" before, else the
civilian Singh rather than the admiral; "Mr Wook" joins Suh Wook; "the South
Korean minister" joins the one South Korean with a minister's role; "the
defence ministry" belongs to the country whose defence minister the story is about.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..ontology import lexicon
from . import vocab
from .orgnames import NameForms, attach_descriptions, bracketed_acronyms, core_words, same_organisation

if TYPE_CHECKING:
    from .mentions import Mention

_CIVIL_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "shri", "smt"}


def _name_words(m: "Mention") -> list[str]:
    return [w.casefold().rstrip(".") for w in m.name.split()]


class _Clusters:
    def __init__(self) -> None:
        self.groups: list[list["Mention"]] = []
        self.bound: dict[str, int] = {}  # alias form -> cluster index

    def add(self, m: "Mention", into: int | None) -> int:
        if into is None:
            self.groups.append([m])
            return len(self.groups) - 1
        self.groups[into].append(m)
        return into

    def persons(self) -> list[int]:
        return [i for i, g in enumerate(self.groups) if g[0].kind == "person"]

    def full_name(self, i: int) -> list[str]:
        return max((_name_words(m) for m in self.groups[i]), key=len)

    def has_title(self, i: int) -> bool:
        return any(m.role or m.rank or m.honorific for m in self.groups[i])

    def has_rank(self, i: int) -> bool:
        return any(m.rank for m in self.groups[i])

    def attr(self, i: int, name: str):
        return next((getattr(m, name) for m in self.groups[i] if getattr(m, name)), None)


def _person_target(cl: _Clusters, m: "Mention") -> int | None:
    words = _name_words(m)
    alias = f"{(m.honorific or m.rank or '').casefold()} {' '.join(words)}".strip()
    if alias in cl.bound:
        return cl.bound[alias]
    exact = [i for i in cl.persons() if cl.full_name(i) == words]
    if exact:
        return exact[0]
    if len(words) > 1 and not (m.honorific or m.rank):
        return None
    # A partial name: surname (or given name) of someone already named in full.
    cands = [i for i in cl.persons()
             if len(cl.full_name(i)) > len(words) and
             (cl.full_name(i)[-len(words):] == words or cl.full_name(i)[:len(words)] == words)]
    if not cands and len(words) == 1:
        # "Lula" for "Luiz Inacio Lula da Silva": a middle name, if only one person has it.
        cands = [i for i in cl.persons() if words[0] in cl.full_name(i)[1:-1]]
        cands = cands if len(cands) == 1 else []
    if not cands:
        return None
    hon = (m.honorific or "").casefold().rstrip(".")
    if hon in _CIVIL_HONORIFICS:
        civil = [i for i in cands if not cl.has_rank(i)]
        cands = civil or cands
    elif m.rank:
        ranked = [i for i in cands if cl.has_rank(i)]
        cands = ranked or cands
    return max(cands, key=lambda i: (len(cl.groups[i]), -i))


def _key(m: "Mention") -> tuple:
    if m.kind == "country":
        return ("country", m.country)
    if m.source == "igo":
        return ("igo", m.country, m.name)
    if m.kind == "group":
        return ("group", m.country, m.sector, m.name.split()[-1].casefold())
    return (m.kind, vocab.norm(m.name))


def cluster(doc: Doc, mentions: list["Mention"], *, home: str | None) -> list[list["Mention"]]:
    cl = _Clusters()
    keyed: dict[tuple, int] = {}
    _link_appositions(doc, mentions)
    deferred: list["Mention"] = []
    last_role: str | None = None
    names = _OrganisationNames(doc, mentions)
    _person_or_organisation(mentions)
    for m in mentions:
        if m.kind == "person":
            # "his counterpart X" holds the office of the person just named.
            if m.relative == "counterpart" and not m.role and last_role:
                m.role = last_role
                m.sector = m.sector or vocab.sector_of(last_role)
            last_role = m.role or last_role
            target = _person_target(cl, m)
            idx = cl.add(m, target)
            words = _name_words(m)
            cl.bound[f"{(m.honorific or m.rank or '').casefold()} {' '.join(words)}".strip()] = idx
            continue
        if m.source == "pair":
            continue
        if m.alias_of is not None:
            deferred.append(m)
            continue
        if m.kind == "group" and _definite_singular_role(doc, m):
            target = _role_description_target(cl, m)
            if target is not None:
                m.kind = "person"
                cl.add(m, target)
                continue
        if m.source == "institution" and m.relative == "home":
            _resolve_institution(doc, cl, m, home)
            prev = _previous_institution(cl, m)
            if prev is not None:
                cl.add(m, prev)
                continue
        key = _key(m)
        if key in keyed:
            cl.add(m, keyed[key])
        else:
            target = names.target(m) if m.kind == "organisation" and m.source == "ner" else None
            keyed[key] = cl.add(m, target)
        if m.kind == "organisation" and m.source == "ner":
            names.bind(m, keyed[key])
    for m in deferred:
        person = m.alias_of
        idx = next((i for i, g in enumerate(cl.groups) if any(x is person for x in g)), None)
        if idx is None:
            continue
        person.country = person.country or m.country
        person.role = person.role or doc[m.end - 1].text
        person.sector = person.sector or m.sector
        m.kind = "person"
        cl.groups[idx].append(m)
        cl.groups[idx].sort(key=lambda x: x.start)
    # "Irish airline, Skyreach Airways": descriptions join their company before countries
    # are filled in from the story's.
    cl.groups = attach_descriptions(doc, cl.groups)
    visitors = _fill_persons(doc, cl, home)
    _fill_domestic(cl, home, visitors)
    return cl.groups


def _person_or_organisation(mentions: list["Mention"]) -> None:
    """A bare name with no title that the NER also reads as an organisation in the same
    article is that organisation ("Skyreach said" after "Skyreach Airways announced"); a
    one-word "organisation" that is the surname of a person named in full is that person."""
    orgs = {vocab.norm(m.name) for m in mentions if m.kind == "organisation" and m.source == "ner"}
    if not orgs:
        return
    # "Kestrel" for "Kestrel Corp" or "Kestrel Airways", unless a person's full name
    # holds the word.
    leads = {core_words(n)[0] for n in orgs} | {" ".join(core_words(n)) for n in orgs}
    person_words = {w.casefold() for m in mentions if m.kind == "person" and len(m.name.split()) > 1
                    for w in m.name.split()}
    for m in mentions:
        if m.kind == "person" and not (m.honorific or m.rank or m.role) and m.source != "title" and (
                vocab.norm(m.name) in orgs or (vocab.norm(m.name) in leads and
                                               vocab.norm(m.name) not in person_words)):
            m.kind, m.source, m.country, m.sector = "organisation", "ner", None, None
    # And the other way: "Lind said" after "Spokeswoman Petra Lind", where no
    # organisation's name holds the word.
    surnames = {m.name.split()[-1].casefold() for m in mentions
                if m.kind == "person" and len(m.name.split()) > 1}
    if not surnames:
        return
    org_words = {w for m in mentions if m.kind == "organisation" and len(m.name.split()) > 1
                 for w in vocab.norm(m.name).split()}
    lone = [m for m in mentions if m.kind == "organisation" and m.source == "ner" and
            len(m.name.split()) == 1 and m.name.casefold() in surnames and
            m.name.casefold() not in org_words]
    # An organisation the article names more than twice is one, whoever shares its name.
    times = Counter(m.name.casefold() for m in lone)
    for m in lone:
        if times[m.name.casefold()] <= 2:
            m.kind, m.source, m.country, m.sector = "person", "alias", None, None


class _OrganisationNames:
    """Names of the article's organisation clusters, for joining variants of one name:
    "Brightwater Holdings PLC" and "Brightwater", "NTSO" and "National Transport Safety
    Office"."""

    def __init__(self, doc: Doc, mentions: list["Mention"]) -> None:
        self.forms: dict[int, NameForms] = {}     # cluster index -> its names
        self.last: dict[int, int] = {}            # cluster index -> its latest mention start
        self.cluster_of: dict[int, int] = {}      # id(mention) -> cluster index
        self.expands = {id(mentions[a]): mentions[n] for a, n in bracketed_acronyms(doc, mentions).items()}
        self.places = {w.casefold() for e in doc.ents if e.label_ in ("GPE", "LOC")
                       for w in e.text.split()}

    def target(self, m: "Mention") -> int | None:
        full = self.expands.get(id(m))
        if full is not None and id(full) in self.cluster_of:
            return self.cluster_of[id(full)]  # "Nordic Star Airlines (NXA)"
        forms = NameForms()
        forms.add(m.name)
        cands = [i for i, f in self.forms.items() if same_organisation(forms, f, places=self.places)]
        if not cands:
            return None
        exact = [i for i in cands if forms.cores & self.forms[i].cores]
        return max(exact or cands, key=lambda i: self.last[i])

    def bind(self, m: "Mention", idx: int) -> None:
        self.forms.setdefault(idx, NameForms()).add(m.name)
        self.last[idx] = m.start
        self.cluster_of[id(m)] = idx


# Names of bodies that are international by what they are called, never a country's own.
_INTERNATIONAL = re.compile(r"\b(international|united nations|world|global|amnesty|human rights|"
                            r"red cross|red crescent|doctors without|physicians for|reporters without)\b")


def _fill_domestic(cl: _Clusters, home: str | None, visitors: set[int]) -> None:
    """A person or body the text gives no country is, failing anything better, of the
    country the story is about: "Ibo elders", "the Umma party", "Judge Rivera". Not a
    ``visitor`` of that country, who stays without one."""
    for i, g in enumerate(cl.groups):
        first = g[0]
        if first.kind not in ("person", "organisation", "group") or cl.attr(i, "country") or i in visitors:
            continue
        named = next((c for m in g for w in m.name.split()
                      if (c := vocab.country_code(w, kinds=("adjective",)))), None)
        if named:
            first.country = named  # "Bosnian Serbs" as a name the NER read as a person
        elif any(_INTERNATIONAL.search(m.name.casefold()) for m in g):
            if first.kind == "organisation":
                first.country = "IGO"  # an international body the lexicon lacks
            continue
        elif home:
            first.country = home
        else:
            continue
        first.confidence = min(first.confidence, 0.5)


def _link_appositions(doc: Doc, mentions: list["Mention"]) -> None:
    """ "the Tajik ambassador, Rustam Nazarov" and "Rustam Nazarov, the Tajik ambassador" """
    person_at = {t: m for m in mentions if m.kind == "person" for t in range(m.start, m.end)}
    for m in mentions:
        if m.source != "group":
            continue
        head = doc[m.end - 1]
        linked = [c.i for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            linked.append(head.head.i)
        for i in linked:
            if i in person_at:
                m.alias_of = person_at[i]
                break


def _definite_singular_role(doc: Doc, m: "Mention") -> bool:
    head = doc[m.end - 1].head if doc[m.end - 1].dep_ in ("amod", "compound") else doc[m.end - 1]
    return head.tag_ == "NN" and any(c.lower_ == "the" for c in head.children)


def _role_description_target(cl: _Clusters, m: "Mention") -> int | None:
    noun = m.name.split()[-1].casefold()
    cands = [i for i in cl.persons()
             if cl.attr(i, "country") == m.country and noun in (cl.attr(i, "role") or "").casefold()]
    return cands[0] if len(cands) == 1 else None


def _previous_institution(cl: _Clusters, m: "Mention") -> int | None:
    head = m.name.split()[-1]
    for i in range(len(cl.groups) - 1, -1, -1):
        g = cl.groups[i]
        if g[0].source == "institution" and g[0].name.split()[-1] == head and \
                g[0].country == m.country and (len(m.name.split()) == 1 or
                                               set(m.name.split()) <= set(g[0].name.split()) or
                                               len(g[0].name.split()) == 1):
            return i
    return None


def _resolve_institution(doc: Doc, cl: _Clusters, m: "Mention", home: str | None) -> None:
    """An unqualified institution belongs to the country whose office-holder the story is about."""
    words = set(m.name.split()) - {"ministry", "government", "the"}
    candidates: list[str] = []
    for i in cl.persons():
        role = (cl.attr(i, "role") or "").casefold()
        # A state office-holder with no stated country is the home country's (see _fill_persons).
        country = cl.attr(i, "country") or home
        if country and words and words & set(role.split()):
            candidates.append(country)
    if home in candidates or (not candidates and home):
        m.country = home
    elif candidates:
        m.country = candidates[0]
    else:
        # Same head noun seen before with a country: "the ministry" after "the defence ministry".
        for g in reversed(cl.groups):
            if g[0].source == "institution" and g[0].name.split()[-1] == m.name.split()[-1]:
                m.country = g[0].country
                break
    m.confidence = 0.5


_VISIT_VERBS = {"arrive", "visit", "travel", "fly", "land", "tour", "come"}
# Words of a journey anywhere in the clause whose subject a person is: "made the
# recommendation soon after returning from a U.S. visit", "on his way home from China".
_JOURNEY_WORDS = _VISIT_VERBS | {"return", "trip", "tour", "stopover", "stop-over", "way", "journey"}


def _travels(doc: Doc, g: list["Mention"]) -> bool:
    """Whether the person is the subject of a verb of travel ("X arrived in", "X visited"),
    not merely in a clause where someone else travels ("met visiting officials")."""
    return any(doc[m.end - 1].dep_ == "nsubj" and doc[m.end - 1].head.lemma_.lower() in _VISIT_VERBS
               for m in g)


def _visited(doc: Doc, g: list["Mention"]) -> str | None:
    """The country a person is reported arriving in, visiting or coming back from: whoever
    travels to or from a country is, failing other evidence, not of that country."""
    from .places import country_of_place

    for m in g:
        head = doc[m.end - 1]
        if head.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for word in head.head.subtree:
            if word.lemma_.lower() not in _JOURNEY_WORDS or word.i in range(m.start, m.end):
                continue
            near = {word, *word.children}  # "way home from China": "from" hangs on "home"
            places = [p for c in word.subtree if c.dep_ == "prep" and c.head in near and
                      c.lower_ in ("in", "to", "from") for p in c.children if p.dep_ == "pobj"]
            places += [c for c in word.children if c.dep_ in ("dobj", "compound", "amod", "nmod")]
            places += [c for p in list(places) for c in p.children if c.dep_ in ("compound", "amod", "nmod")]
            for o in places:
                ent = next((e for e in doc.ents if e.start <= o.i < e.end), None)
                found = ent is not None and country_of_place(
                    ent.text, kinds=("name", "adjective", "capital", "city", "region"))
                if found:
                    return found
    return None


@functools.lru_cache(maxsize=1)
def _surnames() -> dict[str, list[dict]]:
    """Office-holders by surname, where every holder of that surname serves one country:
    "President Bush" is USA whichever Bush is meant."""
    codes: dict[str, set[str]] = {}
    entries: dict[str, list[dict]] = {}
    for name, terms in lexicon.people().items():
        words = name.split()
        if len(words) < 2 or len(words[-1]) < 4:
            continue
        codes.setdefault(words[-1], set()).update(t.get("code") for t in terms)
        entries.setdefault(words[-1], terms)
    return {k: entries[k] for k, c in codes.items() if len(c) == 1 and None not in c}


@functools.lru_cache(maxsize=1)
def _without_middle_names() -> dict[str, list[dict]]:
    """Office-holders the lexicon lists with middle names, by first and last name, where
    only one listed person has that pair: "Carlos Menem" is "carlos saul menem"."""
    people = lexicon.people()
    found: dict[str, list[str]] = {}
    for name in people:
        words = name.split()
        if len(words) >= 3:
            found.setdefault(f"{words[0]} {words[-1]}", []).append(name)
    return {short: people[names[0]] for short, names in found.items()
            if len(names) == 1 and short not in people}


def _international_office(doc: Doc, group: list["Mention"]) -> str | None:
    """The international body a person's title names: "Kofi Annan, UN secretary-general",
    "UN envoy Diego Cordovez". Its holder acts for the body, not for a country."""
    for m in group:
        head = doc[m.end - 1]
        words = [t for c in head.children if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < m.start)
                 for t in c.subtree]
        words += [t for t in doc[max(0, m.start - 3):m.start] if t.head.i == head.i or t.head.i < m.start]
        for t in words:
            entry = vocab.igo(t.text)
            if entry and not entry.get("country") and entry.get("kind") == "organisation":
                return entry["code"]
    return None


def _fill_persons(doc: Doc, cl: _Clusters, home: str | None) -> set[int]:
    """Countries of persons from the lexicon, an office the text names, or a journey; the
    groups of persons who travel to the home country and have no other country named."""
    visitors: set[int] = set()
    people = lexicon.people()
    country_counts: dict[str, int] = {}
    for g in cl.groups:
        if g[0].kind == "country" and g[0].country:
            country_counts[g[0].country] = len(g)
    for i in range(len(cl.groups)):
        g = cl.groups[i]
        if g[0].kind != "person":
            continue
        first = g[0]
        if cl.attr(i, "country"):
            continue
        name = cl.full_name(i)
        known = people.get(" ".join(name))
        role = cl.attr(i, "role")
        if not known and role:
            known = people.get(f"{role.casefold()} {' '.join(name)}")  # "president bush"
        if not known and len(name) == 1 and cl.has_title(i):
            known = _surnames().get(name[0])
        if not known and len(name) == 2:
            known = _without_middle_names().get(" ".join(name))
        # The office the text names outranks the lexicon's (dated) offices.
        body = _international_office(doc, g)
        if body:
            first.country = body
        elif known:
            first.country = known[-1].get("code")
            first.sector = first.sector or known[-1].get("sector")
        elif home:
            # Whoever arrives in the home country is a visitor: of the other country the
            # story is about, if there is one, else of none named. An official who
            # travels elsewhere is of the other country too, else of the home country.
            visited = _visited(doc, g)
            official = cl.attr(i, "sector") in vocab.STATE_SECTORS
            if visited != home and not official:
                continue  # (the domestic default, later, as for any body)
            others = sorted((c for c in country_counts if c != visited), key=lambda c: -country_counts[c])
            if visited and others:
                first.country = others[0]
            elif visited == home and _travels(doc, g):
                visitors.add(i)
                continue
            else:
                first.country = home
            first.confidence = 0.5
    return visitors
