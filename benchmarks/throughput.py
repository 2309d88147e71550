"""Throughput of spaCy alone and of the full extraction (spaCy + extractors).

    python benchmarks/throughput.py [PATH] [--limit N] [--batch-size N]

Both are timed in the same process on the same texts, twice each in
alternating order (spaCy, full, full, spaCy), and the best of each is kept.
The last line is ``ratio <full seconds / spaCy seconds>``.

"spaCy alone" is the base pipeline: the same loaded pipeline with Communique's own
components that only serve the extractors (``entity_types``, the re3d-typed entity
head) disabled, so their cost counts as extraction overhead, not as spaCy's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpus" / "reuters-ir.jsonl"
WARMUP_TEXTS = 5
# Below this many words a run takes a second or two and a progress bar is only noise.
PROGRESS_MIN_WORDS = 20_000
# The errors extract_stream turns into ExtractionError: counted here, not fatal.
EXTRACTOR_DEFECTS = (ValueError, KeyError, IndexError, TypeError, AttributeError)

T = TypeVar("T")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time spaCy alone and the full Communique extraction on a JSONL corpus."
    )
    parser.add_argument(
        "path", nargs="?", default=str(DEFAULT_CORPUS),
        help="JSONL articles (default: ../shared/corpus/reuters-ir.jsonl beside the repository)",
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path (default: Communique's)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    path = Path(args.path)
    if not path.is_file():
        print(
            f"error: corpus not found: {path}\n"
            "pass the path of a JSONL file of articles (one JSON object with 'text' per line)",
            file=sys.stderr,
        )
        return 2

    # Imported after argument parsing so --help and path errors need no model.
    from communique.errors import InputError
    from communique.entity_types import COMPONENT as ENTITY_TYPES
    from communique.nlp import DEFAULT_MODEL, load_pipeline
    from communique.pipeline import extract_doc
    from communique.readers import read_inputs

    articles, bad = [], 0
    for item in read_inputs([str(path)]):
        if isinstance(item, InputError):
            bad += 1
            continue
        articles.append(item)
        if args.limit is not None and len(articles) >= args.limit:
            break
    if bad:
        print(f"skipped {bad} unreadable lines", file=sys.stderr)
    if not articles:
        print(f"error: no articles in {path}", file=sys.stderr)
        return 2
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    nlp = load_pipeline(args.model or DEFAULT_MODEL)
    for doc, article in nlp.pipe(zip(texts[:WARMUP_TEXTS], articles), as_tuples=True):
        extract_doc(doc, article)

    # Only on a terminal: piped to a log, a transient bar leaves blank lines behind.
    show = not args.no_progress and words >= PROGRESS_MIN_WORDS and sys.stderr.isatty()
    failures = 0

    own = [name for name in (ENTITY_TYPES,) if name in nlp.pipe_names]

    def spacy_only() -> None:
        with nlp.select_pipes(disable=own):
            list(progress(nlp.pipe(texts, batch_size=args.batch_size), len(texts), "spaCy", show))

    def full() -> None:
        nonlocal failures
        failures = 0
        pairs = nlp.pipe(zip(texts, articles), as_tuples=True, batch_size=args.batch_size)
        for doc, article in progress(pairs, len(texts), "full", show):
            try:
                extract_doc(doc, article)
            except EXTRACTOR_DEFECTS:
                failures += 1

    spacy_s, full_s = float("inf"), float("inf")
    for order in ((spacy_only, full), (full, spacy_only)):
        for run in order:
            seconds = timed(run)
            if run is spacy_only:
                spacy_s = min(spacy_s, seconds)
            else:
                full_s = min(full_s, seconds)
    if failures:
        print(f"extraction failed on {failures} articles (counted in the timing)", file=sys.stderr)

    n = len(texts)
    print(f"corpus {path.resolve()}")
    print(f"batch_size {args.batch_size}")
    print(f"spacy: {', '.join(n for n in nlp.pipe_names if n not in own)}; full adds: {', '.join(own) or 'nothing'}")
    print(f"{'':<10}{'articles':>9}{'words':>10}{'seconds':>10}{'articles/s':>12}{'words/s':>10}")
    for name, seconds in (("spacy", spacy_s), ("full", full_s)):
        print(f"{name:<10}{n:>9}{words:>10}{seconds:>10.2f}{n / seconds:>12.1f}{words / seconds:>10.0f}")
    extra = full_s - spacy_s
    print(
        f"extraction overhead {extra:.2f} s ({1000 * extra / n:.1f} ms/article, "
        f"{100 * extra / full_s:.0f}% of full)"
    )
    print(f"ratio {full_s / spacy_s:.3f}")
    return 0


def timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def progress(items: Iterable[T], total: int, label: str, show: bool) -> Iterator[T]:
    if not show:
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


if __name__ == "__main__":
    sys.exit(main())
