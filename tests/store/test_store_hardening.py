"""The store's edges (issue 14, item 5): LIKE wildcards are literal, empty filter values are
refused, an export replaces only a regular file, and read-only commands never create or
change a database."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.store import DatabaseUnavailable, ExportError, Store, StoreError
from communique.store import engine as eng
from store_builders import ev, extraction

READ_ONLY = [
    ["events"], ["events", "--dyad", "IND-KOR"], ["timeline", "IND", "KOR"], ["actors"], ["quotes"],
    ["search", "talks"], ["export", "--format", "csv", "--out", "-"],
]


def _fill(store: Store) -> None:
    store.ingest([
        extraction(ev("CONSULT", ["IND"], ["KOR"]), people=[("Anil 50% Kumar", "IND", None)],
                   quotes=[("Anil 50% Kumar", "We talked")]),
        extraction(ev("AGREE", ["FRA"], ["DEU"]), people=[("Marie Dupont", "FRA", None)],
                   quotes=[("Marie Dupont", "We agreed")]),
    ])


def test_like_wildcards_in_a_filter_are_taken_literally(store):
    _fill(store)
    assert store.events(actor="%") == [] and store.events(actor="_") == []
    assert len(store.events(actor="in")) == 1  # "IND", case-insensitive
    assert [a.name for a in store.actors(name="%")] == ["Anil 50% Kumar"]
    assert [a.name for a in store.actors(name="0%")] == ["Anil 50% Kumar"]
    assert store.actors(name="_") == [] and store.actors(name="Marie_Dupont") == []
    assert [q.speaker for q in store.quotes(speaker="%")] == ["Anil 50% Kumar"]
    assert store.quotes(speaker="\\") == []


@pytest.mark.parametrize("option, value", [
    ("actor", ""), ("actor", "   "), ("country", ""), ("dyad", ""), ("category", ","), ("category", " , "),
    ("text", ""),
])
def test_an_empty_filter_value_is_refused_not_ignored(store, option, value):
    _fill(store)
    with pytest.raises(StoreError, match="empty"):
        store.events(**{option: value})


@pytest.mark.parametrize("args", [
    ["events", "--country", ""], ["events", "--dyad", ""], ["events", "--category", ","],
    ["events", "--actor", ""], ["events", "--text", " "], ["actors", "--name", ""], ["actors", "--country", ""],
    ["quotes", "--speaker", ""], ["export", "--format", "csv", "--out", "-", "--dyad", " "],
])
def test_empty_filter_values_on_the_command_line_are_usage_errors(tmp_path, args):
    db = tmp_path / "store.db"
    with Store(f"sqlite:///{db}") as store:
        _fill(store)
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert any(says in result.stderr for says in ("empty value", "no category", "no country given", "not a dyad")), \
        result.stderr


def _fifo(path):
    os.mkfifo(path)


def _symlink(path):
    target = path.parent / "precious.txt"
    target.write_text("keep me\n")
    os.symlink(target, path)


def _directory(path):
    path.mkdir()


@pytest.mark.parametrize("make", [_fifo, _symlink, _directory], ids=["fifo", "symlink", "directory"])
def test_an_export_never_replaces_anything_but_a_regular_file(tmp_path, make):
    db = tmp_path / "store.db"
    with Store(f"sqlite:///{db}") as store:
        _fill(store)
        out = tmp_path / "out.csv"
        make(out)
        before = os.lstat(out)
        with pytest.raises(ExportError, match="only replaces a regular file"):
            store.export("csv", str(out))
        result = CliRunner().invoke(main, ["export", "--format", "csv", "--out", str(out), "--db", str(db)])
        assert result.exit_code == 2 and "only replaces a regular file" in result.stderr
        after = os.lstat(out)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
        if make is _symlink:
            assert (tmp_path / "precious.txt").read_text() == "keep me\n"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_an_export_refuses_a_device(tmp_path):
    db = tmp_path / "store.db"
    with Store(f"sqlite:///{db}") as store:
        _fill(store)
        with pytest.raises(ExportError, match="it is a device"):
            store.export("csv", "/dev/null")
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_an_export_replaces_a_regular_file_with_ordinary_permissions(tmp_path):
    db = tmp_path / "store.db"
    out = tmp_path / "out.csv"
    out.write_text("old\n")
    with Store(f"sqlite:///{db}") as store:
        _fill(store)
        assert store.export("csv", str(out)) == 2
    assert out.read_text().startswith("id,")
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", READ_ONLY, ids=[" ".join(a) for a in READ_ONLY])
def test_read_only_commands_on_a_missing_or_empty_file_change_nothing(tmp_path, args):
    missing, empty = tmp_path / "missing.db", tmp_path / "empty.db"
    empty.touch()
    for db in (missing, empty):
        result = CliRunner().invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 1, result.output
        (line,) = result.stderr.strip().splitlines()
        assert "communique ingest" in line
    assert not missing.exists()
    assert empty.stat().st_size == 0
    assert sorted(os.listdir(tmp_path)) == ["empty.db"]


@pytest.mark.parametrize("args", READ_ONLY, ids=[" ".join(a) for a in READ_ONLY])
def test_read_only_commands_leave_a_stored_database_as_it_was(tmp_path, args):
    db = tmp_path / "store.db"
    with Store(f"sqlite:///{db}") as store:
        _fill(store)
    before = _digest(db)
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _digest(db) == before


def test_a_read_only_store_refuses_writes_and_an_older_schema(tmp_path):
    db = tmp_path / "store.db"
    with Store(f"sqlite:///{db}") as store:
        _fill(store)
    with Store(f"sqlite:///{db}", create=False) as reader:
        with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
            reader.ingest([extraction(ev("AGREE", ["IND"], ["KOR"]))])
    engine = eng.create(f"sqlite:///{db}")
    eng.downgrade(engine, eng.revisions()[0])
    engine.dispose()
    before = _digest(db)
    with pytest.raises(StoreError, match="older schema.*communique ingest"):
        Store(f"sqlite:///{db}", create=False)
    assert _digest(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (eng.revisions()[0],)


def test_a_read_only_store_on_an_empty_file_says_to_ingest_first(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(DatabaseUnavailable, match="no Communique database yet"):
        Store(f"sqlite:///{empty}", create=False)
    assert empty.stat().st_size == 0
