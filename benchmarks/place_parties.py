"""How often an event's place lies in neither party's country (issue 10, "where").

    python benchmarks/place_parties.py [PATH] [--limit N]

Extracts the first N articles of a JSONL corpus (default: ../shared/corpus/reuters-ir.jsonl,
300 articles) and counts the events with a place, and among them those whose place's
country is the country of none of their source and target actors: a dateline city far
from both sides is the usual cause.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
from pathlib import Path

from communique import Article, extract_many

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "reuters-ir.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    articles = []
    with open(args.path, encoding="utf-8") as f:
        for line in itertools.islice(f, args.limit):
            row = json.loads(line)
            day = row.get("published") or row.get("date")
            articles.append(Article(text=row["text"], published=dt.date.fromisoformat(day[:10]) if day else None))
    events = placed = neither = 0
    for x in extract_many(articles):
        for e in x.events:
            events += 1
            if e.place is None or not e.place.country:
                continue
            placed += 1
            parties = {x.actor(i).country for i in e.source + e.target if x.actor(i)}
            neither += e.place.country not in parties
    share = neither / placed if placed else 0.0
    print(f"articles {len(articles)}  events {events}  placed {placed}  "
          f"place in neither party's country {neither} ({share:.2f})")


if __name__ == "__main__":
    main()
