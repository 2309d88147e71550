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
