"""Synthetic extractions for the store benchmarks: articles with country actors and events.

Not a benchmark itself; ``store_ingest.py`` and ``store_queries.py`` import it. Dyads are
drawn with a skew (a few pairs get most events, as in news), dates over ten years.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from communique.records import Actor, Article, Event, Extraction, Place, PlaceRef, Quote, Span, TimeRef

COUNTRIES = ("USA CHN RUS IND KOR JPN PRK GBR FRA DEU ITA ESP UKR POL TUR IRN IRQ ISR PSE SAU ARE EGY "
             "NGA ZAF KEN ETH BRA ARG MEX CAN AUS IDN PHL VNM THA MYS SGP PAK AFG BGD LKA NPL KAZ "
             "KGZ TJK UZB SYR LBN JOR YEM QAT NLD BEL SWE NOR FIN DNK GRC").split()
CATEGORIES = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
              "PROTEST SANCTION MOBILIZE COERCE ASSAULT").split()
WORDS = ("talks minister defence foreign agreement border trade security forces president statement "
         "officials meeting sanctions aid troops capital government said reported region").split()
START = dt.date(2015, 1, 1)


def _country(rnd: random.Random) -> str:
    # Skewed: the first countries are in many more stories than the last.
    return COUNTRIES[min(int(rnd.paretovariate(1.2)) - 1, len(COUNTRIES) - 1)]


def extractions(n_articles: int, *, events_per_article: int = 10, seed: int = 1) -> Iterator[Extraction]:
    rnd = random.Random(seed)
    for n in range(n_articles):
        body_words = [rnd.choice(WORDS) for _ in range(150)]
        text = f"Synthetic report {seed}-{n}. " + " ".join(body_words) + "."
        published = START + dt.timedelta(days=rnd.randrange(3650))
        countries = sorted({_country(rnd) for _ in range(4)} | {rnd.choice(COUNTRIES)})
        actors = [Actor(id=f"a{i + 1}", name=c, kind="country", country=c, mentions=[Span(0, 9, text[0:9])])
                  for i, c in enumerate(countries)]
        actors.append(Actor(id=f"a{len(actors) + 1}", name="Minister Example", kind="person",
                            country=countries[0], sector="GOV", role="Foreign Minister",
                            mentions=[Span(10, 16, text[10:16])]))
        events = []
        for i in range(events_per_article):
            src, tgt = rnd.sample(range(len(countries)), 2) if len(countries) > 1 else (0, 0)
            reciprocal = rnd.random() < 0.2
            category = rnd.choice(CATEGORIES)
            day = published - dt.timedelta(days=rnd.choice((0, 0, 0, 1)))
            events.append(Event(
                id=f"e{i + 1}", category=category, trigger=Span(20, 25, text[20:25]), sentence=(0, 80),
                source=[actors[src].id] + ([actors[tgt].id] if reciprocal else []),
                target=[] if reciprocal else [actors[tgt].id], contexts=["diplomatic"], date=day.isoformat(),
                date_precision="day", place=PlaceRef("Capital", countries[src], 1.0, 2.0) if i % 3 == 0 else None,
                score=rnd.choice((-9.0, -3.0, 2.5, 5.0)), confidence=0.7, reciprocal=reciprocal))
        yield Extraction(
            article=Article(text=text, published=published, source=rnd.choice(("Wire A", "Wire B", "Paper C")),
                            title=f"Report {n}", origin=f"synthetic.jsonl:{n + 1}"),
            actors=actors, events=events,
            quotes=[Quote(speaker=actors[-1].id, cue=Span(30, 34, text[30:34]), content=Span(40, 60, text[40:60]),
                          direct=True)],
            times=[TimeRef(0, 9, text[0:9], published.isoformat(), "day")],
            places=[Place("Capital", countries[0], 1.0, 2.0, [Span(0, 9, text[0:9])])])
