"""Actors: people, organisations, countries and groups, with country, sector and role.

Mentions come from the named entities, from title patterns the statistical NER
misses ("Air Chief Marshal R K S Bhadauria", "Mr Wook"), from lexicon countries
and IGOs, and from common-noun institutions ("the defence ministry") and groups
("Indian troops"). ``aliases.cluster`` then joins mentions of one real-world
entity into one Actor.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Actor, Span
from .doctext import doc_text
from . import vocab
from .aliases import cluster
from .coref import (inside_spans, person_descriptions, resolve_company_we, resolve_organisation_anaphora,
                    sentence_starts, tokens_among)
from .mentions import Mention
from .orgnames import not_an_organisation, trim_organisation
from .places import country_of_place
from .persons import name_echoes, person_mentions, title_start, first_country


@dataclass(slots=True)
class ActorIndex:
    """The article's actors and, for every token inside a mention, whose mention it is."""

    actors: list[Actor]
    by_token: dict[int, str] = field(default_factory=dict)
    home_country: str | None = None
    # Per actor id, the token index where each mention starts (ordered).
    mention_starts: dict[str, list[int]] = field(default_factory=dict)

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def at(self, token_i: int) -> str | None:
        return self.by_token.get(token_i)

    def implied_country(self, code: str, start: int, end: int) -> str | None:
        """The country actor for ``code``, added if the article never names it: a place
        inside it (chars ``start:end`` of the text) implies it."""
        for a in self.actors:
            if a.kind == "country" and a.country == code:
                return a.id
        if not vocab.country_display_name(code):
            return None
        actor_id = f"a{len(self.actors) + 1}"
        self.actors.append(Actor(id=actor_id, name=vocab.country_display_name(code), kind="country",
                                 country=code, mentions=[]))
        self.mention_starts[actor_id] = []
        return actor_id

    def last_before(self, token_i: int, *, kinds: tuple[str, ...],
                    skip: Callable[[int], bool] | None = None) -> str | None:
        """The actor of these kinds mentioned last before token ``token_i``; ``skip`` drops
        mentions by their first token (say, those inside quotes)."""
        best, best_i = None, -1
        for a in self.actors:
            if a.kind not in kinds:
                continue
            for s in self.mention_starts.get(a.id, ()):
                if best_i < s < token_i and not (skip and skip(s)):
                    best, best_i = a.id, s
        return best


def _entity_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    out: list[Mention] = []
    for ent in doc.ents:
        if any(t in taken for t in range(ent.start, ent.end)):
            continue
        if ent.label_ not in ("GPE", "NORP", "ORG", "LOC", "PERSON"):
            continue
        if ent.label_ == "PERSON":
            # The small model tags some countries as people ("accused Togo of ...").
            entry = vocab.country_entry(ent.text)
            if not entry or entry["kind"] != "name" or entry.get("ambiguous"):
                continue
        s, e = ent.start, ent.end
        while s < e and doc[s].lower_ == "the":
            s += 1
        while e > s and doc[e - 1].text in ("'s", "’s", "'"):
            e -= 1
        if ent.label_ == "ORG":
            s, e = trim_organisation(doc, s, e)
            if s < e and not_an_organisation(doc, s, e):
                continue
        if s >= e:
            continue
        text = doc[s:e].text
        found = vocab.country(text)
        igo = vocab.igo(text)
        if igo:
            out.append(Mention(s, e, igo.get("kind", "organisation"), igo["name"],
                               country=igo.get("country") or igo["code"], sector=igo.get("sector"),
                               source="igo"))
        elif found and found[1] in ("name", "adjective"):
            code, kind = found
            if kind == "adjective" and _modifies_noun(doc, e - 1):
                continue  # handled as a group or a person's country, not an actor itself
            out.append(Mention(s, e, "country", vocab.country_display_name(code), country=code,
                               source="country"))
        elif found and found[1] == "capital" and doc[e - 1].dep_ in ("nsubj", "nsubjpass", "poss"):
            # "Seoul said": a capital as the subject of a statement speaks for its government.
            out.append(Mention(s, e, "country", vocab.country_display_name(found[0]),
                               country=found[0], sector="GOV", source="capital"))
        elif ent.label_ == "ORG":
            out.append(_organisation(doc, s, e))
    return out


def _modifies_noun(doc: Doc, i: int) -> bool:
    tok = doc[i]
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN")


def _organisation(doc: Doc, s: int, e: int) -> Mention:
    span = doc[s:e]
    country = first_country(span)
    if country is None:
        # "the US Congress": the NER splits the owner off as its own entity.
        for c in span.root.children:
            if c.i < s and c.dep_ in ("compound", "amod", "poss", "nmod"):
                country = vocab.country_code(c.text) or vocab.country_code(
                    doc[c.left_edge.i:c.i + 1].text)
                if country:
                    break
    sector = vocab.sector_of(span.text)
    # A leading country word names the owner ("Indian Army"); "of X" does too.
    return Mention(s, e, "organisation", span.text, country=country, sector=sector, source="ner")


_CIVILIAN_SECTORS = {"CVL", "LAB", "EDU", "OPP", "REF", "JRN", "MED", "REL"}
# Armed groups with no stated country are of the country where they act, as ICEWS codes them.
_LOCAL_SECTORS = _CIVILIAN_SECTORS | {"REB", "UAF"}


def _common_noun_mentions(doc: Doc, taken: set[int], stances: set[int]) -> list[Mention]:
    """Institutions and groups named by common nouns: "the defence ministry", "Indian troops".
    ``stances`` are the tokens of "anti-X" phrases, which name no group's country."""
    out: list[Mention] = []
    for tok in doc:
        if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        low = tok.lower_
        two = f"{doc[tok.i - 1].lower_} {low}" if tok.i > 0 else low
        inst = vocab.INSTITUTION_NOUNS.get(two) or vocab.INSTITUTION_NOUNS.get(low)
        agent_sector = vocab.agent_noun_sector(tok)
        group = (low in vocab.GROUP_NOUNS or agent_sector is not None) and tok.tag_ in ("NNS", "NNPS", "NN")
        if not inst and not group:
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i]
        countries: list[tuple[str, Token]] = []
        owned_elsewhere: list[str] = []
        for c in mods:
            for cc in [c, *c.conjuncts]:
                if cc.i in stances:
                    continue
                code = vocab.country_code(cc.text) or vocab.country_code(
                    doc[cc.left_edge.i:cc.i + 1].text)
                if code and (cc.i not in taken or inst):
                    countries.append((code, cc))
                elif code and not inst:
                    owned_elsewhere.append(code)  # "Hungarian and [Romanian] officials"
        # "rebels in the Ivory Coast", "students throughout Indonesia", "demonstrators in Baghdad"
        located = None
        if not countries:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "from", "throughout", "of", "across"):
                    pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.ent_type_ in ("GPE", "LOC", "NORP"):
                        ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
                        if ent is not None:
                            located = country_of_place(
                                ent.text, kinds=("name", "adjective", "capital", "city"))
                    break
        start = min([tok.i] + [c.i for c in mods if c.dep_ in ("amod", "compound") and
                               c.lower_ not in ("senior", "top", "two", "both")])
        if inst and not countries and tok.dep_ == "compound":
            # "five Panamanian army officers": the adjective before the compound is its own
            for c in tok.head.children:
                if c.dep_ in ("amod", "compound") and c.i < tok.i and c.i not in stances:
                    code = vocab.country_code(c.text, kinds=("adjective",))
                    if code:
                        countries.append((code, c))
                        break
        if inst:
            name = doc[start:tok.i + 1].text
            code = countries[0][0] if countries else located
            out.append(Mention(start, tok.i + 1, "organisation", name.lower(), country=code,
                               sector=inst, source="institution", confidence=0.6,
                               relative=None if code else "home"))
            continue
        sector = vocab.GROUP_NOUNS.get(low) or agent_sector
        if not countries and located:
            out.append(Mention(tok.i, tok.i + 1, "group", tok.text, country=located, sector=sector,
                               source="group", confidence=0.6))
            continue
        named_by = any(c.i in taken and c.i not in stances for c in mods)  # "Hezbollah guerrillas"
        many = tok.tag_ in ("NNS", "NNPS") or low in vocab.COLLECTIVE_NOUNS
        if not countries and not named_by and sector in _LOCAL_SECTORS and (
                (tok.dep_ in ("nsubj", "nsubjpass") and many) or tok.dep_ == "nsubjpass"):
            # Unnamed people acting ("protesters rallied in Paris", "a mob stormed ...") or
            # suffering ("a journalist was killed in Beirut"): of the country where it
            # happens, else of the country the story is in.
            where = _located_by_verb(doc, tok.head)
            out.append(Mention(tok.i, tok.i + 1, "group", tok.text, sector=sector, source="group",
                               country=where, relative=None if where else "home", confidence=0.4))
            continue
        if not countries:
            if any(c.lower_ in ("two", "both") for c in tok.children) or (
                    tok.i > 0 and doc[tok.i - 1].lower_ in ("two", "both")):
                if low in ("countries", "sides", "nations", "ministers", "leaders", "states",
                           "governments", "delegations"):
                    s = tok.i - 1
                    while s > 0 and doc[s - 1].lower_ in ("the", "both"):
                        s -= 1
                    out.append(Mention(s, tok.i + 1, "group", doc[s:tok.i + 1].text,
                                       relative="pair:" + low, source="pair", confidence=0.6))
            continue
        if len(countries) == 1 and not owned_elsewhere:
            # "the South Korean minister": the whole description is the mention.
            s = min(countries[0][1].left_edge.i, countries[0][1].i)
            out.append(Mention(s, tok.i + 1, "group", doc[s:tok.i + 1].text, country=countries[0][0],
                               sector=sector, source="group", confidence=0.7))
            continue
        for code, ctok in countries:
            # "Hungarian and Romanian officials": one group per country, each at its adjective.
            out.append(Mention(ctok.i, ctok.i + 1, "group", f"{ctok.text} {tok.text}",
                               country=code, sector=sector, source="group", confidence=0.7))
    return out


def _located_by_verb(doc: Doc, verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "across", "throughout", "outside"):
            for p in c.children:
                ent = next((e for e in doc.ents if e.start <= p.i < e.end), None)
                if p.dep_ == "pobj" and ent is not None:
                    return country_of_place(ent.text)
    return None


def _home_country(doc: Doc, mentions: list[Mention], places_countries: list[str]) -> str | None:
    votes: Counter[str] = Counter()
    for code in places_countries:
        votes[code] += 2
    for m in mentions:
        if m.kind == "country" and m.country:
            votes[m.country] += 1
        elif m.kind == "organisation" and m.sector in vocab.STATE_SECTORS and m.country and \
                vocab.country_display_name(m.country) != m.country:
            votes[m.country] += 1  # "the White House", "the U.S. Senate": a country's own bodies
    first = next((m.country for m in mentions if m.kind == "country" and m.country), None)
    if first:
        votes[first] += 1
    if not votes:
        # No country or place named: the nationality of its groups ("Chilean officials").
        for m in mentions:
            if m.kind in ("group", "organisation", "person") and m.country and \
                    vocab.country_display_name(m.country):
                votes[m.country] += 1
    return votes.most_common(1)[0][0] if votes else None


def _leftover_adjectives(doc: Doc, taken: set[int]) -> list[Mention]:
    """A nationality no group or title took names its country: "Israeli air strikes";
    and a country name the NER missed ("accused Togo of ...")."""
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.i in taken or tok.pos_ != "PROPN" or tok.ent_type_:
            i += 1
            continue
        for n in (3, 2, 1):
            span = doc[i:i + n]
            if len(span) < n or any(t.i in taken or t.ent_type_ for t in span):
                continue
            entry = vocab.country_entry(span.text)
            if entry and entry["kind"] == "name" and not entry.get("ambiguous"):
                out.append(Mention(i, i + n, "country", vocab.country_display_name(entry["code"]),
                                   country=entry["code"], source="country", confidence=0.6))
                taken.update(range(i, i + n))
                i += n - 1
                break
            igo = vocab.igo(span.text) if span.text[:1].isupper() else None
            if igo is not None:
                # A known organisation or armed group the NER left untagged ("ISIL").
                out.append(Mention(i, i + n, igo.get("kind", "organisation"), igo["name"],
                                   country=igo.get("country") or igo["code"], sector=igo.get("sector"),
                                   source="igo", confidence=0.6))
                taken.update(range(i, i + n))
                i += n - 1
                break
        i += 1
    out += _pair_mentions(doc, taken)
    for ent in doc.ents:
        if ent.label_ not in ("NORP", "GPE") or any(t in taken for t in range(ent.start, ent.end)):
            continue
        found = vocab.country(ent.text)
        if found and found[1] == "adjective":
            out.append(Mention(ent.start, ent.end, "country", vocab.country_display_name(found[0]),
                               country=found[0], source="country", confidence=0.6))
    return out


def _pair_mentions(doc: Doc, taken: set[int]) -> list[Mention]:
    """ "Sino-Indian", "Franco-Spanish", "U.S.-Japan": a country mention for each part of a
    hyphenated pair, which the NER often leaves untagged."""
    out = []
    for hyphen in doc[1:-1]:
        if hyphen.text not in ("-", "–", "/") or hyphen.whitespace_:
            continue
        left, right = doc[hyphen.i - 1], doc[hyphen.i + 1]
        if left.whitespace_:
            continue
        pair = vocab.pair_countries([left.text, right.text])
        for t, code in zip((left, right), pair or ()):
            if t.i not in taken:  # "U.S." may be the NER's already; "Soviet" beside it not
                out.append(Mention(t.i, t.i + 1, "country", vocab.country_display_name(code),
                                   country=code, source="country", confidence=0.6))
                taken.add(t.i)
    return out


def _ethnic_groups(doc: Doc, mentions: list[Mention], home: str | None) -> None:
    """ "ethnic Albanians in Macedonia" are people of the country they live in, not
    Albania: an ethnic group takes the country of a place named in its sentence, else the
    article's home country, as event datasets code them."""
    for m in mentions:
        inside = doc[m.start].lower_ == "ethnic"  # "ethnic Albanian guerrillas" as one group mention
        if not m.country or not (inside or (m.start > 0 and doc[m.start - 1].lower_ == "ethnic")):
            continue
        sent = doc[m.start].sent
        near = sorted(((abs(e.start - m.start), country_of_place(e.text)) for e in sent.ents
                       if e.label_ in ("GPE", "LOC") and not m.start <= e.start < m.end),
                      key=lambda x: x[0])
        lives = next((c for _, c in near if c and c != m.country), None) or (
            home if home != m.country else None)
        if lives is None:
            continue
        if not inside:
            m.start -= 1
        m.kind, m.country, m.source = "group", lives, "group"
        m.name = doc[m.start:m.end].text
        head = doc[m.end - 1]
        if head.dep_ in ("amod", "compound") and head.head.i == m.end and head.head.pos_ == "NOUN":
            m.end += 1  # "ethnic Albanian guerrillas"
            m.name = doc[m.start:m.end].text


def is_stance(tok: Token) -> bool:
    """The X of "anti-X" or "pro-X" (one token or three): a stance towards X, which makes
    no one X's actor ("an anti-Syria journalist" in Beirut is Lebanese) and X no party."""
    doc = tok.doc
    return tok.lower_.startswith(("anti-", "pro-")) or _after_stance_prefix(doc, tok.i)


def _after_stance_prefix(doc: Doc, i: int) -> bool:
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro")


def _attitudes(doc: Doc) -> set[int]:
    """Tokens of "anti-Syria", "pro-Russian", the prefix included."""
    out: set[int] = set()
    for tok in doc:
        if tok.lower_.startswith(("anti-", "pro-")):
            out.add(tok.i)
        elif tok.text == "-" and tok.i + 1 < len(doc) and _after_stance_prefix(doc, tok.i + 1):
            # Found from the hyphen, which is rarer than the word after it.
            out.update((tok.i - 1, tok.i, tok.i + 1))
    return out


def extract_mentions(doc: Doc, *, place_countries: list[str] | None = None) -> tuple[list[Mention], str | None]:
    persons = person_mentions(doc)
    taken = {t for m in persons for t in range(m.start, m.end)}
    persons += name_echoes(doc, persons, taken)
    stances = _attitudes(doc)
    taken = {t for m in persons for t in range(m.start, m.end)} | stances
    # Tokens of a person's title are not separate actors ("Defence" in "Defence Minister X").
    for m in persons:
        sent = doc[m.start].sent
        taken.update(range(title_start(doc, m.start, sent.start), m.start))
    ents = _entity_mentions(doc, taken)
    taken |= {t for m in ents for t in range(m.start, m.end)}
    commons = _common_noun_mentions(doc, taken, stances)
    taken |= {t for m in commons for t in range(m.start, m.end)}
    mentions = sorted(persons + ents + commons + _leftover_adjectives(doc, taken),
                      key=lambda m: m.start)
    home = _home_country(doc, mentions, place_countries or [])
    _ethnic_groups(doc, mentions, home)
    for m in mentions:
        if m.kind == "group" and m.relative == "home" and m.country is None:
            m.country = home
    return mentions, home


def extract_actors(doc: Doc, *, place_countries: list[str] | None = None) -> ActorIndex:
    """All actors of an article, one per real-world entity, with their mentions."""
    mentions, home = extract_mentions(doc, place_countries=place_countries)
    clusters = cluster(doc, mentions, home=home)
    index = ActorIndex(actors=[], home_country=home)
    sent_start: list[int] | None = None
    for n, group in enumerate(clusters, start=1):
        actor_id = f"a{n}"
        first = group[0]
        spans = [_mention_span(doc, m) for m in group]
        if first.kind == "person":
            if sent_start is None:
                sent_start = sentence_starts(doc)
            spans += _described_by_title(doc, group, spans, sent_start)
        actor = Actor(
            id=actor_id,
            name=_best_name(group),
            kind=first.kind,  # type: ignore[arg-type]
            country=next((m.country for m in group if m.country), None),
            sector=next((m.sector for m in group if m.sector), None),
            role=next((m.role for m in group if m.role), None),
            mentions=spans,
        )
        index.actors.append(actor)
        index.mention_starts[actor_id] = [m.start for m in group]
        for m in group:
            for t in range(m.start, m.end):
                index.by_token[t] = actor_id
    from .quotes import find_quote_spans

    quoted = [(q.open_at, q.end) for q in find_quote_spans(doc_text(doc))]
    _resolve_personal_pronouns(doc, index, quoted)
    _resolve_organisation_anaphora(doc, index, clusters, quoted)
    return index


def _resolve_organisation_anaphora(doc: Doc, index: ActorIndex, clusters: list[list[Mention]],
                                   quoted: list[tuple[int, int]]) -> None:
    """ "the company", "it", "its", "which" as mentions of the organisation they stand for."""
    mentions_of = {a.id: g for a, g in zip(index.actors, clusters)}
    actor_of = {a.id: a for a in index.actors}
    text = doc_text(doc)
    for actor_id, s, e in resolve_organisation_anaphora(doc, index.actors, mentions_of,
                                                        index.by_token, quoted):
        actor = actor_of.get(actor_id)
        if actor is None or e - 1 in index.by_token:
            continue
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        actor.mentions.append(Span(start, end, text[start:end]))
        for t in range(s, e):
            # "US automaker Orion": the country keeps its own word.
            index.by_token.setdefault(t, actor_id)
    # A company's "we": a mention of it, though the quote's speaker is who says it, so
    # the tokens stay unassigned (event participants read "we" as the speaker).
    for actor_id, s, e in resolve_company_we(doc, index.actors, mentions_of, index.by_token, quoted):
        actor = actor_of.get(actor_id)
        if actor is not None:
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            actor.mentions.append(Span(start, end, text[start:end]))


_PERSONAL = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})


def _resolve_personal_pronouns(doc: Doc, index: ActorIndex, quoted: list[tuple[int, int]]) -> None:
    """he/she/his/her outside quotes refer to the person named last, within a few
    sentences; inside a quote they are the speaker's words about someone else."""
    persons = {a.id: a for a in index.actors if a.kind == "person"}
    if not persons:
        return
    inside = inside_spans(doc, quoted)
    starts = sorted((s, a) for a in persons for s in index.mention_starts.get(a, ()) if not inside[s])
    keys = [s for s, _ in starts]
    for i in tokens_among(doc, _PERSONAL):
        tok = doc[i]
        if tok.i in index.by_token or inside[tok.i]:
            continue
        actor_id = _reporter_of(index, persons, tok)
        k = bisect.bisect_left(keys, tok.i)  # else the person named last before the pronoun
        if actor_id is None and (not k or tok.i - keys[k - 1] >= 80):
            continue
        actor_id = actor_id or starts[k - 1][1]
        persons[actor_id].mentions.append(Span(tok.idx, tok.idx + len(tok.text), tok.text))
        index.by_token[tok.i] = actor_id


_SAYING = {"say", "tell", "add", "announce", "insist", "declare", "state", "promise", "pledge",
           "vow", "warn", "claim", "deny", "admit", "stress", "indicate", "write"}


def _reporter_of(index: ActorIndex, persons: dict[str, Actor], pronoun: Token) -> str | None:
    """ "Reagan, who will meet Nakasone, said he would lift the tariffs": he/she as subject
    of what a person says is, by default, that person, whoever was named in between."""
    clause = pronoun.head
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp" or \
            clause.head.lemma_.lower() not in _SAYING:
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    found = index.by_token.get(subj.i) if subj is not None else None
    return found if found in persons else None


def _described_by_title(doc: Doc, group: list[Mention], spans: list[Span], sent_start: list[int]
                        ) -> list[Span]:
    """ "Orion Motors CEO" in "Orion Motors CEO Jana Novak", "the Orion chief executive"
    after "Tomas Berg,": a person's office described beside the name is a mention of them."""
    text = doc_text(doc)
    have = {(s.start, s.end) for s in spans}
    out = []
    for m in group:
        for s, e in person_descriptions(doc, m, sent_start[m.start]):
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            if (start, end) not in have:
                have.add((start, end))
                out.append(Span(start, end, text[start:end]))
    return out


def _mention_span(doc: Doc, m: Mention) -> Span:
    start = m.start
    # "Mr Singh" is the mention, though "Singh" is the name.
    if m.kind == "person" and m.honorific and start > 0 and \
            doc[start - 1].lower_.rstrip(".") == m.honorific.lower().rstrip("."):
        start -= 1
    s, e = doc[start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
    return Span(s, e, doc_text(doc)[s:e])


def _best_name(group: list[Mention]) -> str:
    names = [m.name for m in group if m.source not in ("pair", "group", "institution")]
    if not names:
        return group[0].name
    # The longest form is the fullest name ("Rajnath Singh", not "Singh").
    return max(names, key=lambda n: (len(n.split()), len(n)))
