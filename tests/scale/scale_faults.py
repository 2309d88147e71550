"""Test-only work functions for the runner: the real extraction, except that an article
holding a marker word kills its worker process or hangs it. They live here, importable by
name, because worker processes are spawned and import what they run."""

from __future__ import annotations

import os
import time

from communique.runner import extract_articles

KILL = "Atlantis"
HANG = "Lemuria"


def faulty(articles, model, batch_size):
    for article in articles:
        if KILL in getattr(article, "text", ""):
            os._exit(3)
        if HANG in getattr(article, "text", ""):
            time.sleep(600)
        yield from extract_articles([article], model, batch_size)
