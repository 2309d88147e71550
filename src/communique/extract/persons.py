"""People: names with their titles, ranks and honorifics.

Persons come from the NER and from title patterns it misses ("Air Chief Marshal
R K S Bhadauria", "Mr Wook", "Special Envoy Park Min-ho"); the title before a
name, or an apposition around it, gives role, rank, country and sector. Later
bare uses of part of a full name ("Lula") are mentions too.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from . import vocab
from .orgnames import BUSINESS_WORDS
from .mentions import Mention
from .gazetteer import gazetteer
from .places import misread_place


def _is_initial(tok: Token) -> bool:
    t = tok.text.rstrip(".")
    return len(t) == 1 and t.isalpha() and t.isupper()


def _is_name_token(tok: Token) -> bool:
    if _is_initial(tok):
        return True
    return tok.text[:1].isupper() and tok.is_alpha and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB", "X")


# Rank phrases by first word, longest first: _rank_at runs on every token.
_RANKS_BY_FIRST: dict[str, list[list[str]]] = {}
for _phrase in vocab.RANK_PHRASES:
    _RANKS_BY_FIRST.setdefault(_phrase.split()[0], []).append(_phrase.split())


def _rank_at(doc: Doc, i: int) -> int:
    """Length in tokens of a capitalised rank phrase starting at token i, else 0."""
    tok = doc[i]
    if not tok.text[:1].isupper():
        return 0
    for words in _RANKS_BY_FIRST.get(tok.lower_.rstrip("."), ()):
        seg = doc[i:i + len(words)]
        if len(seg) == len(words) and all(t.lower_.rstrip(".") == w and t.text[:1].isupper()
                                          for t, w in zip(seg, words)):
            return len(words)
    return 0


def title_start(doc: Doc, end: int, floor: int) -> int:
    """Walk left from token ``end`` (exclusive) over an office title; return its first token."""
    i = end
    while i > floor:
        tok = doc[i - 1]
        low = tok.lower_.rstrip(".")
        if tok.text in ("-", "‑") and not tok.whitespace_ and i - 2 >= floor and \
                doc[i - 2].lower_ in vocab.TITLE_WORDS and i < end and doc[i].lower_ in vocab.TITLE_WORDS:
            i -= 1  # "Secretary-General"
            continue
        if tok.is_punct or tok.is_sent_start and i - 1 != end - 1 and low in vocab.TITLE_GLUE:
            break
        if low in vocab.TITLE_GLUE:
            # Glue counts only between two title words ("Chief of Defence Staff").
            if i - 2 >= floor and doc[i - 2].lower_ in vocab.TITLE_WORDS | vocab.RANKS and \
                    doc[i - 2].text[:1].isupper():
                i -= 1
                continue
            break
        if low in vocab.TITLE_WORDS or low in vocab.RANKS or low in vocab.HONORIFICS:
            i -= 1
            continue
        if tok.text[:1].isupper() and tok.ent_type_ in ("ORG", "") and tok.pos_ in ("PROPN", "NOUN") \
                and vocab.sector_of(tok.text) in vocab.STATE_SECTORS:
            i -= 1
            continue
        break
    # Leading glue is never part of a title.
    while i < end and doc[i].lower_ in vocab.TITLE_GLUE:
        i += 1
    return i


def _split_title(doc: Doc, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    """(office, rank, honorific) from the title tokens in [start, end)."""
    honorific = None
    toks = list(doc[start:end])
    if toks and toks[-1].lower_.rstrip(".") in vocab.HONORIFICS:
        honorific = toks.pop().text
    rank = None
    # The rank is the longest rank phrase ending the title ("Air Chief Marshal").
    for phrase in vocab.RANK_PHRASES:
        n = len(phrase.split())
        hyphenated = len(toks) > n and toks[-n - 1].text in ("-", "‑")  # "Secretary-General"
        if len(toks) >= n and not hyphenated and \
                " ".join(t.lower_.rstrip(".") for t in toks[-n:]) == phrase:
            rank = doc[toks[-n].i:toks[-1].i + 1].text
            toks = toks[:-n]
            break
    while toks and toks[0].lower_ in vocab.TITLE_GLUE:
        toks.pop(0)
    while toks and toks[-1].lower_ in vocab.TITLE_GLUE:
        toks.pop()
    office = doc[toks[0].i:toks[-1].i + 1].text if toks else None
    return office, rank, honorific


def _country_near(doc: Doc, start: int, floor: int) -> tuple[str | None, int]:
    """A country word just before a title: "South Korean", "India's", "the Republic of Korea's"."""
    j = start - 1
    while j >= floor and doc[j].text in ("'s", "’s", "'"):
        j -= 1
    if j < floor:
        return None, start
    tok = doc[j]
    if tok.ent_type_ in ("GPE", "NORP", "ORG") and tok.ent_iob_ != "O":
        ent_start = j
        while ent_start > floor and doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        code = vocab.country_code(doc[ent_start:j + 1].text)
        igo = None if code else vocab.igo(doc[ent_start:j + 1].text)
        if code or igo:
            # a national body ("State Department spokeswoman") gives its country, an IGO itself
            return code or igo.get("country") or igo["code"], ent_start
    code = vocab.country_code(tok.text)
    if code:
        return code, j
    return _country_before_portfolio(doc, start, floor)


def _country_before_portfolio(doc: Doc, start: int, floor: int) -> tuple[str | None, int]:
    """ "Tanzania's Agriculture and Livestock Development Minister": a portfolio of capitalised
    words the title lexicon lacks stands between the country's possessive and the title."""
    k = start - 1
    while k > floor and start - k <= 6 and (doc[k].text[:1].isupper() or doc[k].lower_ in ("and", "&")):
        k -= 1
    if k == start - 1 or doc[k].text not in ("'s", "’s") or k - 1 < floor:
        return None, start
    j = k - 1
    ent_start = j
    while ent_start > floor and doc[ent_start].ent_iob_ == "I":
        ent_start -= 1
    code = vocab.country_code(doc[ent_start:j + 1].text) if doc[j].ent_type_ in ("GPE", "NORP") else None
    return (code, ent_start) if code else (None, start)


def person_mentions(doc: Doc) -> list[Mention]:
    """Persons from NER plus honorific/rank patterns, with their titles."""
    found: list[Mention] = []
    taken: set[int] = set()
    ents = [e for e in doc.ents]
    # Honorific or rank + names: catches what NER mislabels or misses.
    i = 0
    while i < len(doc):
        tok = doc[i]
        n = _rank_at(doc, i)
        is_hon = tok.lower_.rstrip(".") in vocab.HONORIFICS and tok.text[:1].isupper() and tok.lower_ != "m"
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        is_title = (tok.lower_ in vocab.HEAD_TITLES and tok.text[:1].isupper() and nxt is not None
                    and nxt.lower_ not in vocab.TITLE_WORDS | vocab.RANKS | vocab.NOT_NAMES
                    and nxt.lower_.rstrip(".") not in vocab.HONORIFICS and not _rank_at(doc, i + 1))
        if (n or is_title) and _names_organisation(doc, i):
            # "General Dynamics", "General Electric": a rank word opening a company's name.
            i += 1
            continue
        if n or is_hon or is_title:
            j = i + (n or 1)
            if j < len(doc) and doc[j].text == ".":
                j += 1
            k = j
            while k < len(doc) and (_is_name_token(doc[k]) or _particle_inside_name(doc, k, j) or (
                    doc[k].text in ("-", "‑") and k > j and k + 1 < len(doc) and doc[k + 1].is_alpha
                    and not doc[k].whitespace_) or (doc[k - 1].text in ("-", "‑") and k > j and
                                                    doc[k].is_alpha)) and k - j < 7 and \
                    doc[k].ent_type_ not in ("DATE", "CARDINAL") and \
                    (doc[k].ent_type_ != "GPE" or not vocab.country(doc[k].text)):
                k += 1
            while k > j and doc[k - 1].lower_ in vocab.NOT_NAMES:
                k -= 1
            if k > j and not (k - j == 1 and _is_initial(doc[j])) and not vocab.country(doc[j:k].text) \
                    and not (is_title and not n and not is_hon and vocab.igo(doc[j:k].text)):
                found.append(Mention(j, k, "person", doc[j:k].text, source="title"))
                taken.update(range(j, k))
                i = k
                continue
        i += 1
    for ent in ents:
        if ent.label_ != "PERSON" or any(t in taken for t in range(ent.start, ent.end)):
            continue
        if misread_place(ent):
            continue
        s = ent.start
        # NER often includes a leading rank or honorific in the name ("Gen Bipin Rawat").
        while s < ent.end - 1 and (doc[s].lower_.rstrip(".") in vocab.HONORIFICS or _rank_at(doc, s)):
            s += max(1, _rank_at(doc, s))
        e = ent.end
        while e > s and doc[e - 1].text in ("'s", "’s"):
            e -= 1
        if e > s and not vocab.country(doc[s:e].text):
            found.append(Mention(s, e, "person", doc[s:e].text))
    for m in found:
        _attach_title(doc, m)
    return found


def _particle_inside_name(doc: Doc, k: int, first: int) -> bool:
    """ "von" in "Richard von Weizsaecker": a particle between two parts of one name."""
    return k > first and doc[k].lower_ in vocab.NAME_PARTICLES and k + 1 < len(doc) and \
        _is_name_token(doc[k + 1])


def _names_organisation(doc: Doc, i: int) -> bool:
    """Token i opens a company's name ("General Electric", "General Dynamics Corp"): the NER
    reads it and the words after it as one organisation with a business word among them,
    not a title before a person's name ("General Bipin Rawat")."""
    tok = doc[i]
    if tok.ent_type_ != "ORG" or tok.ent_iob_ != "B":
        return False
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end > i + 1 and any(t.lower_.rstrip(".") in BUSINESS_WORDS for t in doc[i + 1:end])


def _attach_title(doc: Doc, m: Mention) -> None:
    sent = doc[m.start].sent
    tstart = title_start(doc, m.start, sent.start)
    office, rank, honorific = _split_title(doc, tstart, m.start)
    country, _ = _country_near(doc, tstart, sent.start)
    # Apposition before the name: "Korea's Defence Minister, Mr Suh Wook".
    if office is None and rank is None:
        j = m.start - (1 if honorific else 0)
        if honorific is None and m.start > sent.start and doc[m.start - 1].lower_.rstrip(".") in vocab.HONORIFICS:
            honorific = doc[m.start - 1].text
            j = m.start - 1
        if j - 1 > sent.start and doc[j - 1].text == ",":
            t2 = title_start(doc, j - 1, sent.start)
            off2, rank2, _ = _split_title(doc, t2, j - 1)
            if off2 and any(w.lower() in vocab.TITLE_WORDS - vocab.TITLE_GLUE for w in off2.replace("-", " ").split()):
                office, rank = off2, rank2
                country = country or _country_near(doc, t2, sent.start)[0]
    # Apposition after the name: "Suh Wook, South Korea's defence minister,".
    if office is None and m.end + 1 < sent.end and doc[m.end].text == ",":
        k = m.end + 1
        while k < sent.end and doc[k].lower_ in ("the", "a", "an", "his", "her", "their"):
            k += 1
        c2, k2 = None, k
        while k2 < sent.end and (vocab.country_code(doc[k2].text) or doc[k2].text in ("'s", "’s")):
            c2 = c2 or vocab.country_code(doc[k2].text)
            k2 += 1
        end = k2
        while end < sent.end and doc[end].lower_ in vocab.TITLE_WORDS and not doc[end].is_punct:
            end += 1
        while end > k2 and doc[end - 1].lower_ in vocab.TITLE_GLUE:
            end -= 1
        if end > k2:
            words = doc[k2:end]
            if any(t.lower_ in vocab.TITLE_WORDS - vocab.TITLE_GLUE - {"senior", "top", "former"} for t in words):
                office = words.text
                if end + 1 < sent.end and doc[end].lower_ == "of":
                    c2 = c2 or vocab.country_code(doc[end + 1:min(end + 4, sent.end)].text) or \
                        first_country(doc[end + 1:min(end + 5, sent.end)])
                country = country or c2
    if m.end + 1 < sent.end and doc[m.end].lower_ == "of":
        # "King Hassan of Morocco", "President Ruto of Kenya": the name's own country
        country = _country_after(doc, m.end + 1, sent.end) or country
    if office and office.lower() in ("the", "his", "her"):
        office = None
    m.honorific = honorific
    m.rank = rank
    if office and office.lower().split()[-1] == "counterpart":
        m.relative = "counterpart"
        office = None
    m.role = office or rank
    m.country = m.country or country
    m.sector = _sector_for(office, rank)
    # "Korean War Veterans Association of India general secretary Anil Malhotra".
    j = tstart - 1
    if j >= sent.start and doc[j].ent_type_ == "ORG" and tstart < m.start:
        k = j
        while k > sent.start and doc[k].ent_iob_ == "I":
            k -= 1
        m.country = m.country or first_country(doc[k:j + 1])
        # Office-holders of non-state bodies ("general secretary" of an association)
        # are civil society unless the title itself is a state office.
        state_title = any(w in (m.role or "").lower() for w in ("minister", "president", "ambassador"))
        body = doc[k:j + 1].text
        sector = (vocab.igo(body) or {}).get("sector") or vocab.sector_of(body)
        if sector in vocab.STATE_SECTORS:
            m.sector = m.sector or sector  # "Pentagon spokesman": the body's sector
        elif not state_title:
            m.sector = "SOC"


def _country_after(doc: Doc, start: int, floor: int) -> str | None:
    """A country's name at ``start`` ("Morocco", "the United States"), not a longer name."""
    if start < floor and doc[start].lower_ == "the":
        start += 1
    for end in range(min(start + 4, floor), start, -1):
        code = vocab.country_code(doc[start:end].text, kinds=("name",))
        if code:
            nxt = doc[end] if end < floor else None
            return None if nxt is not None and nxt.pos_ == "PROPN" else code
    return None


def first_country(span: SpacySpan) -> str | None:
    for ent in _ents_within(span):
        code = vocab.country_code(ent.text, kinds=("name", "adjective", "capital"))
        if code:
            return code
    for tok in span:
        code = vocab.country_code(tok.text)
        if code:
            return code
    return None


def _ents_within(span: SpacySpan) -> list[SpacySpan]:
    """``span.ents`` read from the span's own tokens: spaCy's builds every entity of the
    document first, and this runs on short spans many times per article."""
    doc, out, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j <= span.end:
            out.append(doc[i:j])
        i = j
    return out


def _sector_for(office: str | None, rank: str | None) -> str | None:
    text = " ".join(x for x in (office, rank) if x).lower()
    if not text:
        return None
    words = set(text.replace("-", " ").split())
    if words & {"minister", "president", "premier", "chancellor", "ambassador", "envoy",
                "diplomat", "king", "queen", "emir", "sultan", "governor", "mayor"}:
        return "GOV"
    if rank or words & {"army", "navy", "naval", "military", "commander", "marshal", "admiral"} \
            or "defence staff" in text or "defense staff" in text or "air staff" in text:
        return "MIL"
    return vocab.sector_of(text)


_NAME_PARTICLES = {"da", "de", "del", "der", "di", "du", "la", "le", "van", "von", "bin", "al", "el",
                   "ibn", "abu", "bint", "dos", "das", "y"}


def name_echoes(doc: Doc, persons: list[Mention], taken: set[int]) -> list[Mention]:
    """Later bare uses of part of a full name the NER did not tag: "Lula" after
    "Luiz Inacio Lula da Silva", "Wook said" after "Suh Wook"."""
    owners: dict[str, set[str]] = {}
    for m in persons:
        words = m.name.split()
        if len(words) < 2:
            continue
        for w in words:
            if len(w) > 2 and w.lower() not in _NAME_PARTICLES and w[:1].isupper():
                owners.setdefault(w, set()).add(m.name)
    first_seen = min((m.start for m in persons), default=len(doc))
    out = []
    for tok in doc[first_seen:]:
        if tok.i in taken or tok.pos_ != "PROPN":
            continue
        if tok.ent_type_ not in ("", "PERSON") and (tok.ent_type_ not in _MISREAD_NAME_TYPES or _known_place(tok.text)):
            continue  # the NER reads "according to Haddad" as a place; a known place stays one
        names = owners.get(tok.text)
        if names and len(names) == 1 and not _is_name_token_of_longer(doc, tok):
            out.append(Mention(tok.i, tok.i + 1, "person", tok.text, source="alias", confidence=0.6))
    return out


# Labels the small NER gives a lone surname it has just tagged PERSON in full.
_MISREAD_NAME_TYPES = ("GPE", "ORG", "NORP", "LOC")


def _known_place(word: str) -> bool:
    return vocab.country(word) is not None or gazetteer().city(word) is not None


def _is_name_token_of_longer(doc: Doc, tok: Token) -> bool:
    """Part of an adjacent longer capitalised name ("Lula" inside "Lula Foundation")."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return bool((nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()) or
                (prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and
                 prev.lower_.rstrip(".") not in vocab.HONORIFICS))
