"""Alembic environment for Communique's store.

Communique runs the migrations itself (``communique.store.engine.upgrade``) on the
connection it has opened, passed in ``config.attributes["connection"]``. A developer
adding a revision can run Alembic on a scratch database:

    python -c "from communique.store.engine import alembic_config; from alembic import command; \
cfg = alembic_config(); cfg.set_main_option('sqlalchemy.url', 'sqlite:///scratch.db'); \
command.revision(cfg, 'what changes', autogenerate=True)"
"""

from __future__ import annotations

from alembic import context

from communique.store.schema import metadata


def _include(obj, name, type_, reflected, compare_to) -> bool:
    # Full-text search is dialect-specific and made by hand in 0002, not from metadata.
    if type_ == "table" and name.startswith("articles_fts"):
        return False
    if type_ == "column" and name == "search":
        return False
    if type_ == "index" and name == "ix_articles_search":
        return False
    return True


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, include_object=_include,
                      render_as_batch=connection.dialect.name == "sqlite")


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from communique.store.engine import DEFAULT_URL, create

    engine = create(context.config.get_main_option("sqlalchemy.url") or DEFAULT_URL)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


run()
