"""Databases that cannot be used give one clear line each (and never show a password)."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.store import (
    DatabaseLocked,
    DatabaseUnavailable,
    NotACommuniqueDatabase,
    Store,
    StoreError,
)
from store_builders import ev, extraction


def one_line(err: Exception) -> str:
    message = str(err)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_unreachable_postgresql_server():
    with pytest.raises(DatabaseUnavailable) as caught:
        Store("postgresql://analyst:s3cret@127.0.0.1:1/events")
    message = one_line(caught.value)
    assert "cannot reach PostgreSQL database postgresql+psycopg://analyst:***@127.0.0.1:1/events" in message
    assert "s3cret" not in message


def test_wrong_password(pg_url):
    from sqlalchemy.engine import make_url

    url = make_url(pg_url).set(password="not-the-password").render_as_string(hide_password=False)
    with pytest.raises(DatabaseUnavailable) as caught:
        Store(url)
    message = one_line(caught.value)
    assert "wrong user name or password" in message and "not-the-password" not in message


def test_missing_postgresql_database(pg_url):
    from sqlalchemy.engine import make_url

    url = make_url(pg_url).set(database="no_such_db_here").render_as_string(hide_password=False)
    with pytest.raises(DatabaseUnavailable, match=r"does not exist; create it first \(createdb no_such_db_here\)"):
        Store(url)


def test_locked_sqlite_database(tmp_path):
    path = tmp_path / "busy.db"
    with Store(f"sqlite:///{path}") as store:
        store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"]))])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process mid-write
    try:
        with Store(f"sqlite:///{path}", lock_timeout=0.2) as store:
            with pytest.raises(DatabaseLocked) as caught:
                store.ingest([extraction(ev("AGREE", ["IND"], ["KOR"]))])
            assert "is locked by another process" in one_line(caught.value)
            # Readers are not blocked by a writer (WAL), and nothing was lost.
            assert store.counts()["articles"] == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.parametrize("url, error, text", [
    ("sqlite:///{tmp}/no/such/folder/x.db", DatabaseUnavailable, "folder"),
    ("mysql://root@localhost/x", StoreError, "unsupported database 'mysql'"),
    ("://nonsense", StoreError, "not a database URL"),
    ("", StoreError, "empty database URL"),
])
def test_bad_urls(tmp_path, url, error, text):
    with pytest.raises(error) as caught:
        Store(url.format(tmp=tmp_path))
    assert text in one_line(caught.value)


def test_not_a_database_file(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(NotACommuniqueDatabase, match="is not a SQLite database file"):
        Store(f"sqlite:///{path}")
    assert path.read_text().startswith("these are my notes")


def test_a_bare_path_is_a_sqlite_file(tmp_path):
    with Store(str(tmp_path / "plain.db")) as store:
        assert store.engine.dialect.name == "sqlite"
    assert (tmp_path / "plain.db").exists()


def test_queries_do_not_create_a_database(tmp_path):
    with pytest.raises(DatabaseUnavailable, match="run `communique ingest PATH` first"):
        Store(f"sqlite:///{tmp_path / 'absent.db'}", create=False)
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize("args", [
    ["events", "--db", "sqlite:///{tmp}/absent.db"],
    ["timeline", "IND", "KOR", "--db", "postgresql://me:pw@127.0.0.1:1/x"],
    ["events", "--db", "sqlite:///{tmp}/store.db", "--category", "HUG"],  # unknown countries: exit 2 (test_cli_traps)
    ["export", "--format", "csv", "--out", "{tmp}/no/dir/x.csv", "--db", "sqlite:///{tmp}/store.db"],
    ["search", "--db", "sqlite:///{tmp}/store.db", "--", "-nothing"],
])
def test_cli_errors_are_one_line(tmp_path, args):
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"]))])
    result = CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("communique: error: ")
    assert "pw@" not in result.stderr
