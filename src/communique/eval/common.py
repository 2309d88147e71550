"""Pieces every scorer shares: counts with precision/recall/F1, span helpers, token
detokenisation with offsets, and the error raised for malformed gold files."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import CommuniqueError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..records import Article, Extraction

F = TypeVar("F", bound=Callable[..., Any])

# progress(done, total): called by the runners after each article; the CLI draws it.
Progress = Callable[[int, int], None]


class GoldFormatError(CommuniqueError):
    """A gold file that cannot be read: names the file (and line) and what was expected."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


# What a loader raises on a gold file of the wrong shape: a field of the wrong type, an
# offset out of range, a number too long to read, JSON nested too deeply, bytes that are not
# UTF-8, XML that does not parse (xml.etree's ParseError is a SyntaxError).
_MALFORMED = (KeyError, IndexError, TypeError, AttributeError, ValueError, RecursionError, SyntaxError)


def gold_loader(what: str) -> Callable[[F], F]:
    """Make a loader's every failure on a malformed file a GoldFormatError naming the file
    (loaders that know the line raise their own, which pass through)."""
    def wrap(load: F) -> F:
        @functools.wraps(load)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return load(*args, **kwargs)
            except GoldFormatError:
                raise
            except _MALFORMED as exc:
                path = args[0] if args else kwargs.get("path")
                where = str(path) if path is not None else what
                raise GoldFormatError(where, f"not {what}: {type(exc).__name__}: {str(exc)[:200]}") from None
        return guarded  # type: ignore[return-value]
    return wrap


def gold_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """(line number, line) for each non-blank line of a JSONL gold file; a file that cannot
    be read is a GoldFormatError naming it."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFormatError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return ((n, raw) for n, raw in enumerate(lines, 1) if raw.strip())


@dataclass(slots=True)
class PRF:
    """Counts of one comparison; precision, recall and F1 derive from them so that
    micro-averages can be summed before dividing."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @classmethod
    def of_sets(cls, gold: Iterable, predicted: Iterable) -> "PRF":
        g, p = set(gold), set(predicted)
        return cls(len(g & p), len(p - g), len(g - p))

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlap_len(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_one_to_one(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]],
                     *, accept: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), each used once, largest character overlap first,
    among the pairs ``accept`` allows. Greedy by overlap is what TempEval-style lenient
    matching does; it keeps one long prediction from being credited for two gold items."""
    pairs = sorted(
        ((overlap_len(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
         if overlaps(g, p) and accept(gi, pi)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return sorted(out)


# Detokenisation: gold corpora ship tokens ("Iraq ' s", "200 , 000"); spaCy parses natural
# text far better than space-joined tokens, so the text is rebuilt the way it was written
# and every token keeps its character offsets for mapping predictions back.
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "”", "’"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€", "“", "‘", "#"}
_CLITIC = re.compile(r"^(s|t|re|ve|ll|d|m)$", re.I)


def detokenise(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text and per-token (start, end) offsets for a token sequence."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    dq_open = False  # whether the last straight double quote opened a quotation
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        space = i > 0
        if prev is not None:
            if tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER:
                space = False
            elif tok == "-" or prev == "-":
                space = False  # "al - Zarqawi", "25 - 26": hyphens were split off words
            elif prev in ("'", "’") and _CLITIC.match(tok) and i >= 2 and tokens[i - 2][-1:].isalnum():
                space = False  # "Iraq ' s" -> "Iraq's"
            elif tok in ("'", "’") and i + 1 < len(tokens) and _CLITIC.match(tokens[i + 1]) \
                    and prev[-1:].isalnum():
                space = False
            elif prev in (",", ".") and tok[:1].isdigit() and i >= 2 and tokens[i - 2][-1:].isdigit() \
                    and (prev == "." or len(tok) == 3):
                space = False  # "200 , 000" -> "200,000"; "4 . 7" -> "4.7"
            elif tok == '"':
                space = not dq_open
            elif prev == '"' and dq_open:
                space = False
        if tok == '"':
            dq_open = not dq_open
        if space:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


def token_range(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """First and one-past-last token overlapping the characters [start, end), or None."""
    first = last = None
    for i, (s, e) in enumerate(offsets):
        if s < end and start < e:
            if first is None:
                first = i
            last = i
    return None if first is None else (first, last + 1)


@dataclass(slots=True)
class Extracted:
    article: "Article"
    doc: "Doc"
    extraction: "Extraction | None"   # None when an extractor failed on this article
    failure: str | None = None


def run_pipeline(articles: Sequence["Article"], *, model: str | None = None, batch_size: int = 32,
                 progress: Progress | None = None) -> Iterator[Extracted]:
    """Parse and extract gold articles in order, as ``extract_many`` does, keeping the Doc
    (some mappings read its NER labels).

    An extractor that raises on one gold item must not stop the measurement of the rest:
    the item scores as "no records", and the failure is carried in the report, where the
    CLI shows it and the gate fails on it."""
    from ..nlp import DEFAULT_MODEL, load_pipeline
    from ..pipeline import extract_doc

    nlp = load_pipeline(model or DEFAULT_MODEL)
    pairs = ((a.text, a) for a in articles)
    for n, (doc, article) in enumerate(nlp.pipe(pairs, as_tuples=True, batch_size=batch_size), 1):
        try:
            yield Extracted(article, doc, extract_doc(doc, article))
        except Exception as exc:  # noqa: BLE001 - reported per item, see the docstring
            yield Extracted(article, doc, None, f"{article.id}: {type(exc).__name__}: {exc}")
        if progress:
            progress(n, len(articles))
