"""Typed entities: re3d's ten entity types from a small head on the base pipeline's encoder.

The ``entity_types`` component tags each token with a BIO label of one of re3d's entity
types (dstl's defence and security corpus; see NOTICE). It is trained by
``scripts/train_re3d_ner.py``. Its input is the base pipeline's shared ``tok2vec`` (the
encoder the tagger and parser read, through ``doc.tensor``), which stays frozen, beside
small trainable hash embeddings of the words and of the base NER's labels, mixed by a
small window encoder; a softmax gives each token's tag, and a constrained decoding keeps
the tag sequence valid. So the extra cost per article is only this head (about 6 to 8 %
of the base pipeline's time; see benchmarks/throughput.py). Only the head's weights ship,
in ``communique/models/re3d/`` (``config.json`` and the head's ``to_disk``, no vocab);
the component is rebuilt from them on the loaded base pipeline.

It writes its entities to ``doc.spans["entity_types"]`` (labels are re3d type names) and
never touches ``doc.ents`` (or ``token.tag_``): the extractors read the base NER's.

It is added to a pipeline only when it can work there (``available``): the model files
are present and the pipeline's ``tok2vec`` is the very one the head was trained on
(same weights, by hash). A pipeline without it (the model files missing, or another
``--model`` with a different encoder) runs as before and just has no typed entities.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.language import Language
from spacy.ml.models.tok2vec import MaxoutWindowEncoder, MultiHashEmbed
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc, Span
from spacy.util import minibatch, registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d

__all__ = ["COMPONENT", "MODEL_DIR", "SPANS_KEY", "add_entity_types", "available", "tok2vec_hash"]

MODEL_DIR = Path(__file__).resolve().parent / "models" / "re3d"
COMPONENT = "entity_types"
SPANS_KEY = "entity_types"
FACTORY = "communique_entity_types"


def tok2vec_hash(nlp: Language) -> str | None:
    """Fingerprint of the pipeline's shared encoder, or None without one."""
    if "tok2vec" not in nlp.pipe_names:
        return None
    return hashlib.sha256(nlp.get_pipe("tok2vec").model.to_bytes()).hexdigest()


def _read_config(model_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def available(nlp: Language, model_dir: Path = MODEL_DIR) -> bool:
    """Whether the trained head is present and was trained on this pipeline's encoder."""
    cfg = _read_config(model_dir)
    return bool(cfg and (model_dir / "head").is_dir() and cfg.get("tok2vec_sha256") == tok2vec_hash(nlp))


def add_entity_types(nlp: Language, model_dir: Path = MODEL_DIR) -> bool:
    """Add the ``entity_types`` component last if ``available``; return whether it was."""
    if COMPONENT in nlp.pipe_names:
        return True
    if not available(nlp, model_dir):
        return False
    nlp.add_pipe(FACTORY, name=COMPONENT, last=True, config={"model_dir": str(model_dir)})
    return True


# --- model ------------------------------------------------------------------------------

@registry.layers("communique.base_ent_ids.v1")
def base_ent_ids() -> Model[list[Doc], list[Any]]:
    """Per-token ids of the base NER's label and IOB (as ``doc.ents`` has them)."""

    def forward(model: Model, docs: list[Doc], is_train: bool):
        out = []
        for doc in docs:
            arr = doc.to_array([ENT_IOB, ENT_TYPE]).astype("uint64")
            out.append(model.ops.asarray((arr[:, 1] * 4 + arr[:, 0]).reshape((-1, 1)), dtype="uint64"))
        return out, lambda d_out: []

    return Model("base_ent_ids", forward)


@registry.architectures("communique.Re3dTok2Vec.v1")
def re3d_tok2vec(width: int, upstream: str = "tok2vec", lex_width: int = 0,
                 lex_rows: list[int] | None = None, ent_width: int = 0, encode_width: int = 0,
                 encode_depth: int = 0) -> Model[list[Doc], list[Floats2d]]:
    """The frozen shared encoder's vectors (a listener), optionally beside small trainable
    hash embeddings of the words (``lex_width``: NORM, PREFIX, SUFFIX and SHAPE, as spaCy's
    MultiHashEmbed) and of the base NER's labels (``ent_width``), optionally mixed by a
    small trainable window encoder (``encode_width``, ``encode_depth``)."""
    listener = Tok2VecListener(upstream_name=upstream, width=width)
    parts: list[Model] = [listener]
    if lex_width:
        parts.append(MultiHashEmbed(width=lex_width, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                                    rows=lex_rows or [2000, 1000, 1000, 500], include_static_vectors=False))
    if ent_width:
        parts.append(chain(base_ent_ids(), with_array(HashEmbed(ent_width, 128, column=0, seed=7))))
    if len(parts) == 1 and not encode_depth:
        return listener
    model = concatenate(*parts) if len(parts) > 1 else listener
    n_in = width + lex_width + ent_width
    model.set_dim("nO", n_in)
    if encode_depth:
        model = chain(model, with_array(chain(
            Maxout(encode_width, n_in, nP=3, normalize=True),
            MaxoutWindowEncoder(width=encode_width, window_size=1, maxout_pieces=3, depth=encode_depth))))
        model.set_dim("nO", encode_width)
    return model


def head_config(*, width: int = 96, lex_width: int = 0, lex_rows: list[int] | None = None,
                ent_width: int = 0, encode_width: int = 0, encode_depth: int = 0) -> dict[str, Any]:
    """The head's model config (what config.json stores): a spaCy tagger model (a softmax
    per token) over ``communique.Re3dTok2Vec.v1``."""
    tok2vec: dict[str, Any] = {"@architectures": "communique.Re3dTok2Vec.v1", "width": width,
                               "upstream": "tok2vec", "lex_width": lex_width, "ent_width": ent_width,
                               "encode_width": encode_width, "encode_depth": encode_depth}
    if lex_rows:
        tok2vec["lex_rows"] = list(lex_rows)
    return {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False, "tok2vec": tok2vec}


def create_head(nlp: Language, model_config: dict[str, Any], *, name: str = f"{COMPONENT}_head",
                label_smoothing: float = 0.0) -> Any:
    """An untrained head: a spaCy ``tagger`` whose tags are BIO labels ("B-Weapon"). It is
    never in ``nlp.pipeline`` and its ``set_annotations`` is never called, so it never
    writes ``token.tag_``."""
    return nlp.create_pipe("tagger", name=name,
                           config={"model": model_config, "label_smoothing": label_smoothing})


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans of a BIO tag sequence, read as conlleval reads it (an I- that does not
    continue an entity of its type starts one)."""
    out = []
    start, typ = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        if start is not None and (prefix != "I" or t != typ):
            out.append((start, i, typ))
            start, typ = None, None
        if prefix in ("B", "I") and start is None:
            start, typ = i, t
    return out


@functools.lru_cache(maxsize=4)
def _bio_constraints(labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Transition scores (0 allowed, -inf not: I-X only after B-X or I-X) and start scores."""
    trans = np.zeros((len(labels), len(labels)), dtype="f")
    for j, cur in enumerate(labels):
        if cur.startswith("I-"):
            for i, prev in enumerate(labels):
                if prev[2:] != cur[2:] or prev[:2] not in ("B-", "I-"):
                    trans[i, j] = -np.inf
    start = np.array([-np.inf if lab.startswith("I-") else 0.0 for lab in labels], dtype="f")
    return trans, start


def decode_bio(scores: np.ndarray, labels: tuple[str, ...]) -> list[str]:
    """Tags of one Doc from its per-token scores: the best tag of each token, and where
    that makes an invalid sequence (an I- that continues nothing) the best valid tags of
    the stretch around it (Viterbi from the token before the stretch to its end)."""
    if not len(scores):
        return []
    ids = scores.argmax(axis=1)
    trans, start = _bio_constraints(labels)
    bad = np.flatnonzero(np.concatenate(([start[ids[0]]], trans[ids[:-1], ids[1:]])) < 0)
    if len(bad):
        z = scores - scores.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        outside = np.array([lab == "O" for lab in labels])
        for t in bad:
            if (start[ids[t]] if t == 0 else trans[ids[t - 1], ids[t]]) == 0:
                continue  # mended with an earlier stretch
            a = t - 1
            while a > 0 and not outside[ids[a]]:
                a -= 1
            a = max(a, 0)
            b = t + 1
            while b < len(ids) and not outside[ids[b]] and not labels[ids[b]].startswith("B-"):
                b += 1
            best = (start if a == 0 else trans[ids[a - 1]]) + logp[a]
            back = []
            for k in range(a + 1, b):
                cand = best[:, None] + trans
                back.append(cand.argmax(axis=0))
                best = cand.max(axis=0) + logp[k]
            path = [int(best.argmax())]
            for ptr in reversed(back):
                path.append(int(ptr[path[-1]]))
            ids[a:b] = path[::-1]
    return [labels[int(i)] for i in ids]


def predict_spans(head: Any, docs: list[Doc]) -> list[list[Span]]:
    """The head's typed spans for each Doc; no annotation of the Docs changes."""
    labels = tuple(head.labels)
    return [[Span(doc, s, e, t) for s, e, t in bio_spans(decode_bio(head.model.ops.to_numpy(scores), labels))]
            if len(doc) else [] for doc, scores in zip(docs, head.model.predict(docs))]


# --- component --------------------------------------------------------------------------

class EntityTypes:
    """Puts the head's typed spans in ``doc.spans[spans_key]``."""

    def __init__(self, name: str, head: Any, *, spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.head = head
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        self.annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self.annotate(batch)
            yield from batch

    def annotate(self, docs: list[Doc]) -> None:
        for doc, spans in zip(docs, predict_spans(self.head, docs)):
            doc.spans[self.spans_key] = spans


@Language.factory(FACTORY, assigns=["doc.spans"], requires=["doc.tensor"],
                  default_config={"model_dir": str(MODEL_DIR), "spans_key": SPANS_KEY})
def make_entity_types(nlp: Language, name: str, model_dir: str, spans_key: str) -> EntityTypes:
    path = Path(model_dir)
    cfg = _read_config(path)
    if cfg is None:
        raise OSError(f"no entity_types model in {path}: run scripts/train_re3d_ner.py")
    head = create_head(nlp, cfg["model"], name=f"{name}_head")
    head.from_disk(path / "head", exclude=["vocab"])
    separate_docs(head.model)
    return EntityTypes(name, head, spans_key=spans_key)


def separate_docs(model: Model) -> None:
    """Keep each Doc's windows to its own tokens, so a Doc's entities are the same whatever
    batch it is parsed in.

    The window encoder (``MaxoutWindowEncoder``) pads between the sequences it is given, but
    here it sits inside an outer ``with_array`` that has already joined the batch's Docs
    into one array with no padding: a Doc's first and last tokens saw the neighbouring Doc's
    tokens ("Iraq" typed Person alone, Organisation in a batch). Padding the outer join by
    the encoder's receptive field gives every Doc the same edges alone or in any batch;
    the weights are unchanged (``pad`` is an attribute, set after loading them)."""
    for node in model.walk():
        if not node.name.startswith("with_array(") or node.attrs.get("pad"):
            continue
        inner = [n.attrs.get("pad", 0) for n in node.walk() if n is not node and n.name.startswith("with_array(")]
        if inner:
            node.attrs["pad"] = max(inner)
