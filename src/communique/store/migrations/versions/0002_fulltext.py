"""Full-text search over articles: an FTS5 index on SQLite, a tsvector column on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Articles stored before this revision are indexed here (FTS5 'rebuild'; PostgreSQL
computes a generated column for existing rows), so an upgraded database finds them.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# PostgreSQL refuses a tsvector over 1 MB; the first half million characters of an
# article are what anyone searches for.
_PG_MAX_CHARS = 500_000

_SQLITE_UP = [
    # External content: the index holds no second copy of the text.
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
           title, summary, text, content='articles', content_rowid='id',
           tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
           INSERT INTO articles_fts(rowid, title, summary, text)
           VALUES (new.id, new.title, new.summary, new.text);
       END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
           INSERT INTO articles_fts(articles_fts, rowid, title, summary, text)
           VALUES ('delete', old.id, old.title, old.summary, old.text);
       END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
           INSERT INTO articles_fts(articles_fts, rowid, title, summary, text)
           VALUES ('delete', old.id, old.title, old.summary, old.text);
           INSERT INTO articles_fts(rowid, title, summary, text)
           VALUES (new.id, new.title, new.summary, new.text);
       END""",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]

_PG_UP = [
    f"""ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
           setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
           to_tsvector('english', left(text, {_PG_MAX_CHARS}))) STORED""",
    "CREATE INDEX ix_articles_search ON articles USING gin (search)",
]


def upgrade() -> None:
    statements = _SQLITE_UP if op.get_bind().dialect.name == "sqlite" else _PG_UP
    for sql in statements:
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER articles_fts_{trigger}")
        op.execute("DROP TABLE articles_fts")
    else:
        op.execute("DROP INDEX ix_articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search")
