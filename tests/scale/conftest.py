"""A database URL on each backend for the load tests: SQLite always, PostgreSQL when
COMMUNIQUE_TEST_PG_URL names a server (as .ci/run sets it), in a schema of the test's own."""

from __future__ import annotations

import os
import uuid

import pytest

PG_ENV = "COMMUNIQUE_TEST_PG_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: the PostgreSQL load test needs a server (.ci/run starts one)")
    import sqlalchemy as sa

    from communique.store.engine import create

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
