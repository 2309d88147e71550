"""Store tests run against SQLite and, when COMMUNIQUE_TEST_PG_URL names a server, PostgreSQL.

Each PostgreSQL test gets a schema of its own (search_path), dropped afterwards, so
tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_ENV = "COMMUNIQUE_TEST_PG_URL"
PG_SKIP = (f"{PG_ENV} is not set: PostgreSQL store tests need a server "
           "(.ci/run starts one; e.g. postgresql://communique:communique@localhost/communique_test)")


def _pg_url_with_schema(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A URL of an empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    import sqlalchemy as sa

    from communique.store.engine import create

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield _pg_url_with_schema(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(db_url):
    from communique.store import Store

    with Store(db_url) as s:
        yield s


@pytest.fixture
def pg_url():
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    return base
