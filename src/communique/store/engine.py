"""Opening a database: URLs, engines, connection settings, schema versions, clear errors.

``open_engine`` turns a URL into a SQLAlchemy engine that has been checked: reachable,
a Communique database (or empty), and at the current schema revision, upgrading an
older one in place with the Alembic migrations shipped in ``migrations/``.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from .errors import (
    DatabaseLocked,
    DatabaseUnavailable,
    NotACommuniqueDatabase,
    SchemaTooNew,
    StoreError,
)

DEFAULT_URL = "sqlite:///communique.db"
# How long a writer waits for another process's SQLite write lock before giving up.
DEFAULT_LOCK_TIMEOUT = 10.0
# A PostgreSQL server that does not answer fails fast instead of hanging a command.
CONNECT_TIMEOUT = 10
# Serialises ingest batches of several processes writing one PostgreSQL database, so
# two of them never create the same canonical event twice. Any constant would do.
PG_INGEST_LOCK = 0x636F6D6D  # "comm"


def normalise_url(url: str) -> sa.URL:
    """A SQLAlchemy URL from a user's: a bare path means a SQLite file, and
    ``postgresql://`` uses psycopg (version 3), the driver Communique installs."""
    text = url.strip()
    if not text:
        raise StoreError("empty database URL; use e.g. sqlite:///communique.db or postgresql://user@host/db")
    if "://" not in text:
        text = "sqlite:///" + text
    try:
        parsed = make_url(text)
        port = parsed.port  # a port that is no number ("host:abc", "[::1") raised ValueError above
    except (exc.ArgumentError, ValueError):
        raise StoreError(f"not a database URL: {_masked(url)!r}; use e.g. sqlite:///communique.db "
                         "or postgresql://user:password@host/db") from None
    if port is not None and not 0 < port < 65536:
        raise StoreError(f"port {port} in the database URL is out of range (1 to 65535)")
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite":
        raise StoreError(f"unsupported database {backend!r} in {_show(parsed)}: "
                         "Communique stores into SQLite (sqlite:///FILE) or PostgreSQL (postgresql://...)")
    return parsed


def _masked(url: str) -> str:
    """A URL as typed, with any password hidden (it cannot be parsed, so by pattern)."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _show(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def create(url: str, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT, read_only: bool = False) -> Engine:
    """An engine with Communique's connection settings; nothing is connected yet.

    ``read_only``: SQLite connections refuse every write (``PRAGMA query_only``) and leave
    the file's journal mode alone, so a query never changes the file it reads."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, lock_timeout, read_only)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StoreError("PostgreSQL needs the psycopg driver: pip install 'communique[postgres]'") from None
    return sa.create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT,
                                                   "application_name": "communique"})


def _sqlite_engine(url: sa.URL, lock_timeout: float, read_only: bool = False) -> Engine:
    database = url.database or ""
    memory = database in ("", ":memory:")
    if not memory:
        folder = os.path.dirname(os.path.abspath(database))
        if not os.path.isdir(folder):
            raise DatabaseUnavailable(f"cannot create SQLite database {database}: "
                                      f"folder {folder} does not exist")
    kw: dict = {"connect_args": {"timeout": lock_timeout}}
    if memory:
        # One shared connection, or every connection would see its own empty database.
        kw.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    engine = sa.create_engine(url, **kw)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (the
        # module's implicit BEGIN comes only before writes, too late to take the lock).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        if read_only:
            # WAL is recorded in the file, so a WAL database is read as one without the switch.
            cur.execute("PRAGMA query_only = ON")
        elif not memory:
            # WAL: queries keep working while an ingest writes; NORMAL sync is durable
            # at every checkpoint and much faster than FULL for many small commits.
            _switch_to_wal(cur, lock_timeout)
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA cache_size = -65536")
            cur.execute("PRAGMA temp_store = MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at BEGIN, so a locked database is found before any
        # work is done, not in the middle of a batch.
        mode = "BEGIN IMMEDIATE" if conn.get_execution_options().get("communique_write") else "BEGIN"
        conn.exec_driver_sql(mode)

    return engine


def _switch_to_wal(cur, timeout: float) -> None:
    """``PRAGMA journal_mode = WAL``, waiting up to ``timeout`` seconds for the lock it needs.

    The switch needs the file to itself; SQLite gives up at once, without calling the busy
    handler, while another connection holds a lock in rollback mode. A brand-new file is in
    that mode until its first page is written (the WAL flag lives in the file's header), so
    two ingests started together on a new file hit it: the second tries the switch while
    the first writes the schema. So the switch is retried until the deadline.
    """
    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the ingest lock: SQLite's write lock, or on PostgreSQL an
    advisory lock that serialises ingest batches of concurrent processes."""
    with translate_errors(engine):
        with engine.connect().execution_options(communique_write=True) as conn:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_INGEST_LOCK})
                yield conn


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    with translate_errors(engine):
        with engine.connect() as conn:
            yield conn


@contextmanager
def translate_errors(engine: Engine) -> Iterator[None]:
    """Driver errors about the database itself become one-line StoreErrors."""
    try:
        yield
    except exc.OperationalError as err:
        raise _operational(engine, err) from None
    except exc.DatabaseError as err:
        if "file is not a database" in str(err.orig):
            raise NotACommuniqueDatabase(f"{_where(engine)} is not a SQLite database file") from None
        raise


def _where(engine: Engine) -> str:
    if engine.dialect.name == "sqlite":
        return f"SQLite database {engine.url.database or ':memory:'}"
    return f"PostgreSQL database {_show(engine.url)}"


def _operational(engine: Engine, err: exc.OperationalError) -> StoreError:
    message = str(err.orig).strip()
    low = message.lower()
    where = _where(engine)
    if "database is locked" in low or "database table is locked" in low:
        return DatabaseLocked(f"{where} is locked by another process (another ingest?); "
                              "try again when it has finished")
    if "unable to open database file" in low:
        return DatabaseUnavailable(f"cannot open {where}: check that the file's folder exists "
                                   "and is writable")
    if "file is not a database" in low:
        return NotACommuniqueDatabase(f"{where} is not a SQLite database file")
    if "password authentication failed" in low or "no password supplied" in low:
        user = engine.url.username or "(none)"
        return DatabaseUnavailable(f"cannot log in to {where}: wrong user name or password "
                                   f"for user {user!r}")
    if re.search(r'database "[^"]+" does not exist', low):
        return DatabaseUnavailable(f"{where} does not exist; create it first "
                                   f"(createdb {engine.url.database})")
    if re.search(r'role "[^"]+" does not exist', low):
        return DatabaseUnavailable(f"cannot log in to {where}: user {engine.url.username!r} does not exist")
    if "connection refused" in low or "could not connect" in low or "timeout expired" in low \
            or "could not translate host name" in low or "name or service not known" in low \
            or "connection is bad" in low or "no route to host" in low:
        return DatabaseUnavailable(f"cannot reach {where}: is the server running and the host "
                                   f"and port right? ({_first_line(message)})")
    if "disk" in low and "full" in low:
        return StoreError(f"{where}: the disk is full; nothing of the current batch was written")
    if "readonly" in low or "read-only" in low:
        return StoreError(f"{where} is read-only: {_first_line(message)}")
    return StoreError(f"{where}: {_first_line(message)}")


def _first_line(message: str) -> str:
    return message.splitlines()[0] if message else "unknown error"


# --- schema revisions ---------------------------------------------------------------------


def _script_location() -> str:
    return str(resources.files("communique.store").joinpath("migrations"))


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", _script_location())
    # env.py runs on this connection instead of opening its own.
    cfg.attributes["connection"] = connection
    return cfg


def revisions() -> list[str]:
    """Known revisions, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def current_revision(conn: Connection) -> str | None:
    inspector = sa.inspect(conn)
    if not inspector.has_table("alembic_version"):
        if inspector.get_table_names():
            raise NotACommuniqueDatabase(
                f"{_where(conn.engine)} has tables but no Communique schema version; "
                "use a new database file or an empty PostgreSQL database")
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Bring the schema to ``target`` in place; returns (revision before, revision after).

    An empty database gets the whole schema; an older one the migrations it lacks; one
    from a newer Communique (an unknown revision) is refused before anything is changed.
    """
    from alembic import command

    known = revisions()
    after = known[-1] if target == "head" else target

    # Reading first: opening an up-to-date database must not wait for another writer's lock.
    with read_connection(engine) as conn:
        before = _check_revision(conn, known)
    if before == after:
        return before, after
    with write_transaction(engine) as conn:
        before = _check_revision(conn, known)  # again, under the lock: another process may have migrated it
        if before != after:
            command.upgrade(alembic_config(conn), target)
    return before, after


def check_current(engine: Engine) -> str:
    """The revision of a database a read-only command may query, writing nothing: refused
    when it is empty (no Communique database yet) or older or newer than this version's."""
    known = revisions()
    with read_connection(engine) as conn:
        current = _check_revision(conn, known)
    if current is None:
        raise DatabaseUnavailable(f"{_where(engine)} holds no Communique database yet (it is empty); "
                                  "run `communique ingest PATH` on it first (or pass --db URL)")
    if current != known[-1]:
        raise StoreError(f"{_where(engine)} has an older schema (revision {current}; this Communique "
                         f"uses {known[-1]}); any `communique ingest` on it upgrades it in place, keeping "
                         "its data")
    return current


def _check_revision(conn: Connection, known: list[str]) -> str | None:
    current = current_revision(conn)
    if current is not None and current not in known:
        raise SchemaTooNew(
            f"{_where(conn.engine)} has schema revision {current}, newer than this Communique "
            f"knows (latest {known[-1]}); upgrade Communique (pip install -U communique)")
    return current


def downgrade(engine: Engine, target: str) -> None:
    """Used by tests to build a database at an older revision."""
    from alembic import command

    with write_transaction(engine) as conn:
        command.downgrade(alembic_config(conn), target)
