"""Time of each extractor alone, on articles parsed once, in milliseconds per article.

    python benchmarks/extractor_times.py [PATH] [--limit N]

The throughput ratio (``throughput.py``) divides two wall-clock runs of the whole
pipeline and swings widely on a shared machine; this script parses the articles once and
then times the extractors on the same Docs in one process (best of three rounds), so a
change to one extractor shows as its own milliseconds beside spaCy's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpus" / "reuters-ir.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT_CORPUS), help="JSONL articles with 'text'")
    ap.add_argument("--limit", type=int, default=200, help="articles to time (default 200)")
    a = ap.parse_args()
    path = Path(a.path)
    if not path.is_file():
        sys.exit(f"error: corpus not found: {path}\npass the path of a JSONL file of articles")

    from communique.extract.actors import extract_actors
    from communique.extract.entities import extract_entities
    from communique.extract.events import extract_events
    from communique.extract.places import extract_places
    from communique.extract.quotes import extract_quotes
    from communique.extract.times import extract_times
    from communique.nlp import DEFAULT_MODEL, load_pipeline

    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()[:a.limit]]
    nlp = load_pipeline(DEFAULT_MODEL)
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    spacy_s = time.perf_counter() - start
    published = dt.date(1987, 3, 1)
    places = [extract_places(d) for d in docs]
    actors = [extract_actors(d) for d in docs]
    times = [extract_times(d, published) for d in docs]
    quotes = [extract_quotes(d, x) for d, x in zip(docs, actors)]
    steps = {
        "places": lambda i: extract_places(docs[i]),
        "actors": lambda i: extract_actors(docs[i]),
        "times": lambda i: extract_times(docs[i], published),
        "quotes": lambda i: extract_quotes(docs[i], actors[i]),
        "events": lambda i: extract_events(docs[i], actors=actors[i], times=times[i], places=places[i],
                                           quotes=quotes[i], published=published),
        "entities": lambda i: extract_entities(docs[i]),
    }
    n = len(docs)
    print(f"{'step':<10}{'ms/article':>12}")
    print(f"{'spacy':<10}{spacy_s / n * 1000:>12.1f}")
    for name, step in steps.items():
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for i in range(n):
                step(i)
            best = min(best, time.perf_counter() - t0)
        print(f"{name:<10}{best / n * 1000:>12.2f}")


if __name__ == "__main__":
    main()
