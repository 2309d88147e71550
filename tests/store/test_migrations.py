"""Schema migrations: a database of an older revision upgrades in place, keeping its rows;
one of a newer revision is refused before anything changes."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from communique.store import NotACommuniqueDatabase, SchemaTooNew, Store
from communique.store import engine as eng
from communique.store import schema as s
from store_builders import ev, extraction


def test_a_new_database_is_at_the_latest_revision(db_url):
    with Store(db_url) as store:
        assert store.revision_before is None and store.revision == eng.revisions()[-1]
        assert not store.upgraded
    with Store(db_url) as store:
        assert store.revision_before == store.revision and not store.upgraded


def test_migrations_build_exactly_the_schema_the_code_uses(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with Store(db_url) as store, store.engine.connect() as conn:
        env_include = _include_filter()
        context = MigrationContext.configure(conn, opts={"include_object": env_include})
        assert compare_metadata(context, s.metadata) == []


def _include_filter():
    # The same filter env.py gives Alembic: full-text objects are made by hand in 0002.
    def include(obj, name, type_, reflected, compare_to):
        if type_ == "table" and name.startswith("articles_fts"):
            return False
        return not (type_ == "column" and name == "search") and not (type_ == "index" and name == "ix_articles_search")

    return include


def _first_revision_database(url: str) -> sa.Engine:
    """A database as the first release made it, with one article and one event in it."""
    engine = eng.create(url)
    from alembic import command

    with eng.write_transaction(engine) as conn:
        command.upgrade(eng.alembic_config(conn), eng.revisions()[0])
    now = dt.datetime(2021, 3, 26, 12)
    with engine.begin() as conn:
        # Raw SQL of revision 0001's tables, not today's metadata.
        conn.execute(sa.text(
            "INSERT INTO articles (id, key, external_id, title, published, text, ingested_at) "
            "VALUES (1, 'text:abc', 'old-1', 'Old talks', :d, 'India and South Korea held talks in Delhi.', :now)"),
            {"d": dt.date(2021, 3, 26), "now": now})
        conn.execute(sa.text("INSERT INTO actors (id, article_id, local_id, name, kind, country) VALUES "
                             "(1, 1, 'a1', 'India', 'country', 'IND'), (2, 1, 'a2', 'South Korea', 'country', 'KOR')"))
        conn.execute(sa.text(
            "INSERT INTO events (id, category, participants, source_countries, target_countries, reciprocal, "
            "date, date_precision, day, day_end, score, num_mentions, num_articles, num_sources) VALUES "
            "(1, 'CONSULT', 'IND KOR', 'IND KOR', '', :t, '2021-03-26', 'day', :day, :day, 2.5, 1, 1, 0)"),
            {"t": True, "day": dt.date(2021, 3, 26).toordinal()})
        conn.execute(sa.text(
            "INSERT INTO event_mentions (id, event_id, article_id, local_id, category, contexts, reciprocal, date, "
            "date_precision, score, trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, "
            "confidence, also) VALUES (1, 1, 1, 'e1', 'CONSULT', '[]', :t, '2021-03-26', 'day', 2.5, 29, 33, "
            "'held', 0, 42, 0.9, '[]')"), {"t": True})
        conn.execute(sa.text("INSERT INTO event_mention_actors (mention_id, role, position, actor_id) VALUES "
                             "(1, 'source', 0, 1), (1, 'source', 1, 2)"))
        conn.execute(sa.text("UPDATE events SET lead_mention_id = 1"))
        conn.execute(sa.text("INSERT INTO event_dyads (a, b, day, event_id, category, score) "
                             "VALUES ('IND', 'KOR', :day, 1, 'CONSULT', 2.5)"),
                     {"day": dt.date(2021, 3, 26).toordinal()})
        # Postgres sequences do not see explicit ids; move them past the rows above.
        if conn.dialect.name == "postgresql":
            for table in ("articles", "actors", "events", "event_mentions"):
                conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))
    return engine


def test_an_older_database_upgrades_in_place_keeping_its_data(db_url):
    _first_revision_database(db_url).dispose()
    with Store(db_url) as store:
        assert store.upgraded and store.revision_before == eng.revisions()[0]
        # The old rows are all there, and the new revision's feature covers them.
        (event,) = store.events(dyad="IND-KOR", reports=True)
        assert (event.category, event.evidence, event.reports[0].article_id) == (
            "CONSULT", "India and South Korea held talks in Delhi.", "old-1")
        assert event.confidence == 0.9  # revision 0004 takes it from the stored report
        assert [h.title for h in store.search("talks Delhi")] == ["Old talks"]
        # ... and new articles join old events.
        store.ingest([extraction(ev("CONSULT", ["KOR"], ["IND"], "2021-03-27"), source="Yonhap")])
        (event,) = store.events(dyad="IND-KOR")
        assert event.mentions == 2 and event.source == ["KOR"] and not event.reciprocal


def test_downgrade_and_upgrade_again_keep_the_articles(db_url):
    with Store(db_url) as store:
        store.ingest([extraction(ev("AGREE", ["IND"], ["KOR"]), title="Accord signed")])
        eng.downgrade(store.engine, eng.revisions()[0])
    with Store(db_url) as store:
        assert store.upgraded and [h.title for h in store.search("accord")] == ["Accord signed"]


def test_a_newer_database_is_refused_untouched(db_url):
    with Store(db_url) as store:
        store.ingest([extraction(ev("AGREE", ["IND"], ["KOR"]))])
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(SchemaTooNew) as caught:
        Store(db_url)
    message = str(caught.value)
    assert "9999_future" in message and "newer than this Communique" in message and "\n" not in message
    engine = eng.create(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "9999_future"
        assert conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() == 1
    engine.dispose()


def test_a_database_of_something_else_is_refused(db_url):
    engine = eng.create(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(NotACommuniqueDatabase, match="no Communique schema version"):
        Store(db_url)
