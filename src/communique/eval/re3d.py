"""re3d entities (dstl's defence and security corpus): per-type P/R/F1 and macro-F1.

Two gold forms are read: the ConfliBERT BIO split (``conflibert-split/test.txt``, one token
and tag per line, blank line between sentences; each sentence is extracted as one article
from its detokenised text) and the raw per-source folders (``documents.json`` and
``entities.json``, JSON lines with character offsets; each document is one article).

Communique emits records, not NER tags, so a mapping turns records into re3d types
(``RECORD_MAPPING``); the ``records+ner`` mapping also uses the spaCy NER labels of the
same parse for what no record covers (``NER_MAPPING``). A match is exact: same span
(same tokens for BIO, same characters for raw) and same type, as conlleval scores.

``entities`` records come from a head trained on the ConfliBERT split's train.txt
(``communique.entity_types``), so that split's dev.txt and test.txt are the fair measure;
the raw folders hold the same documents, train sentences included, so a raw-folder score
is flattered by them.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..entity_types import bio_spans
from ..extract import vocab
from ..records import ENTITY_TYPES, Article, Extraction
from .common import (PRF, GoldFormatError, gold_loader, Progress, detokenise, match_one_to_one, overlaps, run_pipeline,
                     token_range)

__all__ = [
    "MAPPINGS",
    "NER_MAPPING",
    "RE3D_TYPES",
    "RECORD_MAPPING",
    "Re3dReport",
    "entities_from_records",
    "evaluate_re3d",
    "load_bio",
    "load_raw",
    "score_entities",
]

RE3D_TYPES = ENTITY_TYPES  # the types of Entity records are re3d's
# Raw-folder types the BIO split (and so the published figures) leaves out.
RAW_ONLY_TYPES = ("CommsIdentifier", "Coordinate", "Frequency", "Vehicle")

# Communique record -> re3d type. Stated once here, shown by the CLI and in README.md.
RECORD_MAPPING = {
    # Entity records carry re3d types already and follow re3d's bounds, so they win
    # overlaps, but for Nationality, where the actor records' demonyms win. Chosen on
    # dev.txt (macro-F1 0.495 so; 0.487 with the entities' Nationality; 0.467 with the
    # records winning every overlap; 0.408 with only the five types no other record has).
    "entity record (wins overlaps; for Nationality, an actor demonym wins)": "its own type",
    "actor mention that is a pronoun ('he', 'it', 'which')": "none (re3d does not tag them)",
    "actor person": "Person",
    "actor organisation": "Organisation",
    "actor group": "Organisation",  # re3d tags armed groups and "the terrorist group" so
    "actor country, demonym mention ('Syrian')": "Nationality",
    "actor country, plural demonym mention ('Syrians': people)": "Organisation",
    # re3d tags a country acting ("the United States ... can play a role") as Organisation
    # and a country as a place as Location; a record says which by the country's part in
    # an event of the sentence.
    "actor country, source/target of an event in the sentence": "Organisation",
    "actor country, other mentions": "Location",
    "place mention": "Location",
    "time expression with a value (not 'now', 'recently')": "Temporal",
}
# spaCy label -> re3d type, used only by the records+ner mapping and only where no record
# span is (records win overlaps). PRODUCT is left out: it mixes weapons, vehicles and goods.
NER_MAPPING = {
    "PERSON": "Person", "ORG": "Organisation", "NORP": "Nationality", "LANGUAGE": "Nationality",
    "GPE": "Location", "LOC": "Location", "FAC": "Location", "DATE": "Temporal", "TIME": "Temporal",
    "MONEY": "Money", "QUANTITY": "Quantity", "CARDINAL": "Quantity", "PERCENT": "Quantity",
    "LAW": "DocumentReference", "WORK_OF_ART": "DocumentReference",
}
MAPPINGS = ("records", "records+ner")
_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "theirs",
             "we", "us", "our", "ours", "i", "me", "my", "which", "who", "whom", "whose", "that"}
# re3d marks noun phrases with their determiner, titles and modifiers ("the Government of
# Iraq", "Lt Gen Sergei Rudskoi", "the Syrian opposition"); Communique's mentions are the
# names. A mapped span of these types is extended leftwards to the start of its phrase.
_PHRASE_TYPES = {"Person", "Organisation", "Location"}
_PHRASE_DEPS = {"det", "compound", "amod", "nmod", "poss", "case", "nummod", "predet", "quantmod",
                "punct"}


def _phrase_start(doc: Doc, start: int, end: int) -> int:
    """Start of the noun phrase whose head the span [start, end) holds: the span widened
    leftwards over its head's own left dependents (no clause, conjunct or comma)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start
    head = span.root
    first = span.start
    for tok in reversed(list(head.lefts)):
        if tok.i >= first:
            continue
        left = tok.left_edge.i
        words = doc[left:first]
        if tok.dep_ not in _PHRASE_DEPS or any(t.text in (",", ";", ":", "(", ")", '"', "“", "”")
                                               or t.dep_ in ("cc", "conj", "appos", "relcl", "acl")
                                               for t in words):
            break
        first = left
    return doc[first].idx if first < span.start else start


def _plural_demonym(text: str) -> bool:
    singular = vocab.country(text[:-1]) if text.endswith("s") else None
    return bool(singular and singular[1] == "adjective")


def _settle(candidates: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans: by tier, then longer first, then earlier."""
    kept: list[tuple[int, int, str]] = []
    for _, s, e, typ in sorted(candidates, key=lambda c: (c[0], -(c[2] - c[1]), c[1])):
        if e > s and not any(overlaps((s, e), (ks, ke)) for ks, ke, _ in kept):
            kept.append((s, e, typ))
    return sorted(kept)


def entities_from_records(ex: Extraction, doc: Doc | None = None, *, mapping: str = "records"
                          ) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, re3d type) character spans for one extraction.

    The actor, place and time records (and, with ``records+ner``, the NER) are settled
    first, by source (actors, then places, then times, then NER) and then by length. Then
    the entity records join them: the records' Nationality spans and the entities of the
    other nine types first (longer first), then the rest. So each character carries at
    most one type, as in BIO gold. Entity spans keep their own bounds (the head learnt
    re3d's); mapped Person, Organisation and Location records are widened to their phrase."""
    if mapping not in MAPPINGS:
        raise ValueError(f"unknown mapping {mapping!r}; use one of {', '.join(MAPPINGS)}")
    participants: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in ex.events:
        for a in (*e.source, *e.target):
            participants[a].append(e.sentence)
    candidates: list[tuple[int, int, int, str]] = []  # (tier, start, end, type)
    for actor in ex.actors:
        for m in actor.mentions:
            if m.text.lower() in _PRONOUNS:
                continue  # re3d tags names and descriptions, not pronouns
            if actor.kind == "person":
                typ = "Person"
            elif actor.kind in ("organisation", "group"):
                typ = "Organisation"
            else:
                found = vocab.country(m.text)
                if found and found[1] == "adjective":
                    # "Syrians" names people, which re3d tags Organisation; "Syrian" is a nationality.
                    typ = "Organisation" if _plural_demonym(m.text) else "Nationality"
                elif any(s <= m.start < e for s, e in participants.get(actor.id, ())):
                    typ = "Organisation"
                else:
                    typ = "Location"
            candidates.append((0, m.start, m.end, typ))
    for place in ex.places:
        for m in place.mentions:
            candidates.append((1, m.start, m.end, "Location"))
    for t in ex.times:
        if t.value is not None:  # re3d does not tag "now" or "recently"
            candidates.append((2, t.start, t.end, "Temporal"))
    if mapping == "records+ner" and doc is not None:
        for ent in doc.ents:
            typ = NER_MAPPING.get(ent.label_)
            if typ:
                candidates.append((3, ent.start_char, ent.end_char, typ))
    if doc is not None:
        candidates = [(tier, _phrase_start(doc, s, e) if typ in _PHRASE_TYPES else s, e, typ)
                      for tier, s, e, typ in candidates]
    records = _settle(candidates)
    if not ex.entities:
        return records
    # Nationality is the records' (the actor lexicon reads demonyms); every other type is
    # the entities' first, the records filling what they leave.
    return _settle([(0 if typ == "Nationality" else 1, s, e, typ) for s, e, typ in records]
                   + [(1 if ent.type == "Nationality" else 0, ent.start, ent.end, ent.type)
                      for ent in ex.entities if ent.type in RE3D_TYPES])


# --- gold -------------------------------------------------------------------------------

@dataclass(slots=True)
class Unit:
    """One gold unit extracted as one article: a BIO sentence or a raw document."""
    id: str
    text: str
    gold: set[tuple[int, int, str]]          # (start, end, type): tokens for BIO, chars for raw
    offsets: list[tuple[int, int]] | None = None  # token char offsets (BIO only)


def _bio_entities(labels: Sequence[str]) -> set[tuple[int, int, str]]:
    """conlleval's reading, the same the entity tagger decodes with."""
    return set(bio_spans(list(labels)))


@gold_loader('a re3d BIO file')
def load_bio(path: str | Path) -> list[Unit]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(str(path), f"cannot read: {exc.strerror or exc}") from None
    units: list[Unit] = []
    tokens: list[str] = []
    labels: list[str] = []

    def flush() -> None:
        if tokens:
            text, offsets = detokenise(tokens)
            units.append(Unit(f"{path.name}:{len(units) + 1}", text, _bio_entities(labels), offsets))
            tokens.clear()
            labels.clear()

    for n, line in enumerate(lines, 1):
        if not line.strip():
            flush()
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) < 2 or not (parts[-1] == "O" or parts[-1][:2] in ("B-", "I-")):
            raise GoldFormatError(str(path), "expected 'TOKEN<TAB>TAG' with a BIO tag", n)
        tokens.append(parts[0])
        labels.append(parts[-1])
    flush()
    if not units:
        raise GoldFormatError(str(path), "no sentences")
    return units


def _json_lines(path: Path) -> Iterator[dict]:
    # re3d's files are MongoDB exports: one JSON object per line, not a JSON array.
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(str(path), f"not JSON: {exc.msg}", n) from None


def raw_folders(path: str | Path) -> list[Path]:
    """The re3d source folders at or under ``path`` (those with documents.json)."""
    path = Path(path)
    if (path / "documents.json").is_file():
        return [path]
    found = sorted(p.parent for p in path.glob("*/documents.json"))
    if not found:
        raise GoldFormatError(str(path), "no re3d folder here: expected documents.json and entities.json "
                                         "in it or in its subfolders, or a BIO .txt file")
    return found


@gold_loader('a re3d folder (documents.json, entities.json)')
def load_raw(path: str | Path) -> list[Unit]:
    """Documents of the raw folders. Where re3d gives one span several types (annotators
    disagreed), the type with the highest confidence is the gold one."""
    units: list[Unit] = []
    for folder in raw_folders(path):
        docs = {d["_id"]: d for d in _json_lines(folder / "documents.json")}
        best: dict[tuple[str, int, int], tuple[float, str]] = {}
        ents_path = folder / "entities.json"
        if not ents_path.is_file():
            raise GoldFormatError(str(folder), "documents.json without entities.json")
        for e in _json_lines(ents_path):
            if e["type"] not in RE3D_TYPES or e["documentId"] not in docs:
                continue
            text = docs[e["documentId"]]["text"]
            s, t = int(e["begin"]), int(e["end"])
            # Trim spaces so a gold span ending in a blank matches the same words.
            while s < t and text[s].isspace():
                s += 1
            while t > s and text[t - 1].isspace():
                t -= 1
            key = (e["documentId"], s, t)
            conf = float(e.get("confidence", 0) or 0)
            if key not in best or conf > best[key][0]:
                best[key] = (conf, e["type"])
        gold: dict[str, set] = defaultdict(set)
        for (doc_id, s, t), (_, typ) in best.items():
            gold[doc_id].add((s, t, typ))
        for doc_id, d in docs.items():
            units.append(Unit(f"{folder.name}/{doc_id}", d["text"], gold[doc_id]))
    return units


# --- scoring ----------------------------------------------------------------------------

@dataclass(slots=True)
class Re3dReport:
    gold_path: str
    form: str                     # "bio" or "raw"
    mapping: str
    units: int
    per_type: dict[str, PRF]
    micro: PRF
    lenient: PRF                  # overlap with a gold entity of the same type
    diagnostics: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # items an extractor raised on

    @property
    def macro_f1(self) -> float:
        """Mean F1 of the ten re3d types (a type never produced scores 0)."""
        return sum(self.per_type[t].f1 for t in RE3D_TYPES) / len(RE3D_TYPES)

    def headline(self) -> dict[str, float]:
        return {"macro_f1": round(self.macro_f1, 4), "micro_f1": round(self.micro.f1, 4)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "eval": "re3d", "gold": self.gold_path, "form": self.form, "mapping": self.mapping,
            "units": self.units, "headline": self.headline(), "failures": self.failures,
            "macro_f1": round(self.macro_f1, 4), "micro": self.micro.to_dict(),
            "lenient_micro": self.lenient.to_dict(),
            "per_type": {t: self.per_type[t].to_dict() for t in RE3D_TYPES},
            "record_mapping": RECORD_MAPPING,
            "ner_mapping": NER_MAPPING if self.mapping == "records+ner" else {},
            "diagnostics": self.diagnostics,
        }


def score_entities(gold: Sequence[set[tuple[int, int, str]]], predicted: Sequence[set[tuple[int, int, str]]]
                   ) -> tuple[dict[str, PRF], PRF, PRF, dict[str, Any]]:
    """Per-type and micro exact scores, lenient (same type, overlapping) micro, diagnostics."""
    per_type = {t: PRF() for t in RE3D_TYPES}
    micro, lenient = PRF(), PRF()
    boundary = Counter()       # gold entity overlapped by a same-type prediction, other bounds
    wrong_type = Counter()     # gold entity whose exact span was predicted with another type
    for g, p in zip(gold, predicted):
        g = {x for x in g if x[2] in per_type}
        p = {x for x in p if x[2] in per_type}
        for t in RE3D_TYPES:
            per_type[t].add(PRF.of_sets({x for x in g if x[2] == t}, {x for x in p if x[2] == t}))
        micro.add(PRF.of_sets(g, p))
        spans = {(s, e): t for s, e, t in p}
        gl, pl = sorted(g), sorted(p)
        pairs = match_one_to_one([x[:2] for x in gl], [x[:2] for x in pl],
                                 accept=lambda gi, pi: gl[gi][2] == pl[pi][2])
        tp = len(pairs)
        for gi, pi in pairs:
            if gl[gi][:2] != pl[pi][:2]:
                boundary[gl[gi][2]] += 1
        for s, e, t in gl:
            if (s, e) in spans and spans[(s, e)] != t and (s, e, t) not in p:
                wrong_type[f"{t} as {spans[(s, e)]}"] += 1
        lenient.add(PRF(tp, len(p) - tp, len(g) - tp))
    diagnostics = {
        "never_predicted_types": [t for t in RE3D_TYPES if per_type[t].tp + per_type[t].fp == 0],
        "boundary_only_errors_by_type": dict(boundary.most_common()),
        "right_span_wrong_type": dict(wrong_type.most_common(15)),
    }
    return per_type, micro, lenient, diagnostics


def evaluate_re3d(path: str | Path, *, mapping: str = "records", model: str | None = None,
                  batch_size: int = 32, progress: Progress | None = None) -> Re3dReport:
    """Score Communique on a BIO file or on the raw re3d folder(s) at ``path``."""
    if mapping not in MAPPINGS:
        raise ValueError(f"unknown mapping {mapping!r}; use one of {', '.join(MAPPINGS)}")
    path = Path(path)
    if not path.exists():
        raise GoldFormatError(str(path), "no such file or folder")
    form = "bio" if path.is_file() else "raw"
    units = load_bio(path) if form == "bio" else load_raw(path)
    articles = [Article(text=u.text, id=u.id) for u in units]
    predicted: list[set[tuple[int, int, str]]] = []
    failures = []
    for unit, item in zip(units, run_pipeline(articles, model=model, batch_size=batch_size,
                                              progress=progress)):
        if item.failure:
            failures.append(item.failure)
        spans = entities_from_records(item.extraction, item.doc, mapping=mapping) if item.extraction else []
        if unit.offsets is None:
            predicted.append(set(spans))
            continue
        ents = set()
        for s, e, t in spans:
            r = token_range(unit.offsets, s, e)
            if r:
                ents.add((r[0], r[1], t))
        predicted.append(ents)
    per_type, micro, lenient, diagnostics = score_entities([u.gold for u in units], predicted)
    return Re3dReport(str(path), form, mapping, len(units), per_type, micro, lenient, diagnostics,
                      failures)
