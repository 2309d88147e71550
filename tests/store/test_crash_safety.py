"""Crash safety as a test (issue 14, item 4): `communique ingest` in a real process is
killed with SIGKILL at random moments while it writes, several times, then run again to the
end. Every article is then stored exactly once, each with all its records (the same as a run
that was never interrupted), nothing is left in the failures table, and the database passes
its integrity check. On SQLite and, with COMMUNIQUE_TEST_PG_URL, on PostgreSQL."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from communique.store import Store

pytestmark = pytest.mark.model

ARTICLES = 300
KILLS = 3
COUNTRIES = ["Chile", "Peru", "India", "Japan", "France", "Kenya", "Brazil", "Egypt", "Norway", "Ghana",
             "Mexico", "Spain"]
VERBS = ["held talks with", "signed a trade accord with", "accused", "praised", "met"]
COMMUNIQUE = str(Path(sys.executable).with_name("communique"))


def _corpus(path: Path) -> None:
    rng = random.Random(4)
    with path.open("w", encoding="utf-8") as f:
        for n in range(ARTICLES):
            a, b = rng.sample(COUNTRIES, 2)
            text = (f"The foreign minister of {a} {rng.choice(VERBS)} {b} on Monday, report {n}. "
                    f"\u201cWe are close partners,\u201d the minister of {b} said in the capital.")
            f.write(json.dumps({"id": f"n{n}", "published": "2024-05-10", "text": text}) + "\n")


def _stored(engine: sa.Engine) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() or 0
    except sa.exc.SQLAlchemyError:
        return 0  # no schema yet, or locked for an instant


def _per_article(url: str) -> dict[str, tuple]:
    """Each stored article's records, counted by kind: what a partial article would lack."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    q = sa.text("""
        SELECT a.external_id,
               (SELECT count(*) FROM actors x WHERE x.article_id = a.id),
               (SELECT count(*) FROM event_mentions m WHERE m.article_id = a.id),
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id),
               (SELECT count(*) FROM times t WHERE t.article_id = a.id),
               (SELECT count(*) FROM places p WHERE p.article_id = a.id)
        FROM articles a""")
    with engine.connect() as conn:
        rows = conn.execute(q).all()
        keys = conn.execute(sa.text("SELECT count(*), count(DISTINCT key) FROM articles")).one()
        failures = conn.execute(sa.text("SELECT count(*) FROM failures")).scalar()
        if conn.dialect.name == "sqlite":
            assert conn.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()
    assert keys[0] == keys[1], "an article stored twice"
    assert failures == 0
    return {r[0]: tuple(r[1:]) for r in rows}


def _ingest(corpus: Path, url: str) -> subprocess.Popen:
    return subprocess.Popen([COMMUNIQUE, "ingest", str(corpus), "--db", url, "--batch-size", "8", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def test_ingest_killed_at_random_moments_stores_each_article_exactly_once(tmp_path, db_url, nlp):
    from communique.pipeline import extract_stream
    from communique.readers import read_inputs

    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    rng = random.Random(int(os.environ.get("COMMUNIQUE_CRASH_SEED", "14")))
    engine = sa.create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1)) \
        if db_url.startswith("postgresql") else sa.create_engine(db_url)
    killed_at = []
    for kill in range(KILLS):
        before = _stored(engine)
        # Kill somewhere in the next stretch of writes: after a random number of new articles,
        # then a random fraction of a batch's time.
        target = before + rng.randint(1, (ARTICLES - before) // (KILLS - kill + 1))
        proc = _ingest(corpus, db_url)
        deadline = time.monotonic() + 60
        while proc.poll() is None and _stored(engine) < target and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(_stored(engine))
    engine.dispose()
    assert killed_at[-1] < ARTICLES, f"the kills came too late to interrupt anything: {killed_at}"
    final = _ingest(corpus, db_url)
    _, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()

    reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
    with Store(reference_url) as reference:
        reference.ingest(extract_stream(read_inputs([str(corpus)])))
    got, expected = _per_article(db_url), _per_article(reference_url)
    assert len(got) == ARTICLES
    assert got == expected
