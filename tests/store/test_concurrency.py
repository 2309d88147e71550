"""Several writers on one database: they wait for each other instead of failing, also on a
brand-new SQLite file (issue 14, item 5)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from communique.store import Store
from store_builders import ev, extraction


def test_opening_a_new_file_waits_for_a_writer_holding_it_in_rollback_mode(tmp_path):
    # A new file is in rollback-journal mode until its first page is written, and SQLite's
    # switch to WAL does not wait for a lock (it fails at once with "database is locked").
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE scratch (x)")
    release = threading.Timer(0.5, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        with Store(f"sqlite:///{path}", lock_timeout=10) as store:
            store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"]))])
            assert store.counts()["articles"] == 1
    finally:
        release.join()
        holder.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.parametrize("run", range(4))
def test_three_writers_at_once_on_a_brand_new_file(tmp_path, run):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    start = threading.Barrier(3)
    errors: list[BaseException] = []
    shared = [extraction(ev("CONSULT", ["IND"], ["KOR"]), text=f"A shared story {n}.") for n in range(5)]

    def writer(n: int) -> None:
        try:
            start.wait()
            with Store(url) as store:
                own = [extraction(ev("AGREE", ["FRA"], ["DEU"]), text=f"Writer {n}, story {k}.") for k in range(5)]
                for item in [*shared, *own]:
                    store.ingest([item])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(url, create=False) as store:
        assert store.counts()["articles"] == 5 + 3 * 5
    with sqlite3.connect(tmp_path / "fresh.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.model
def test_two_ingest_processes_started_together_on_a_new_file(tmp_path):
    """The issue's case: two `communique ingest` at once on a file that does not exist yet."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    exe = str(Path(sys.executable).with_name("communique"))
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"n{n}", "text": f"Chile and Peru held talks, report {n}."}) + "\n"
                              for n in range(40)), encoding="utf-8")
    db = tmp_path / "new.db"
    procs = [subprocess.Popen([exe, "ingest", str(corpus), "--db", str(db), "--batch-size", "4", "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT key) FROM articles").fetchone() == (40, 40)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
