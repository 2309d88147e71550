"""Initial schema: articles and their records, canonical events, derived indexes, failures.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Written out in full (not imported from schema.py) so this revision keeps meaning what
it meant when later revisions change the live schema.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _span(prefix: str = "", text_type=sa.String) -> list[sa.Column]:
    return [sa.Column(f"{prefix}start", sa.Integer, nullable=False),
            sa.Column(f"{prefix}end", sa.Integer, nullable=False),
            sa.Column(f"{prefix}text", text_type, nullable=False)]


def _fk(column: str, target: str, *, nullable: bool = False, ondelete: str | None = "CASCADE",
        index: bool = True) -> sa.Column:
    return sa.Column(column, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable,
                     index=index)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=False, unique=True),
        sa.Column("external_id", sa.String, nullable=False),
        sa.Column("url", sa.String),
        sa.Column("title", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("source", sa.String),
        sa.Column("summary", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.String),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("article_id", "articles.id"),
        sa.Column("local_id", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("country", sa.String, index=True),
        sa.Column("sector", sa.String),
        sa.Column("role", sa.String),
    )
    op.create_table("actor_mentions", sa.Column("id", sa.Integer, primary_key=True),
                    _fk("actor_id", "actors.id"), *_span())
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("article_id", "articles.id"),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("country", sa.String),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("feature", sa.String, nullable=False),
    )
    op.create_table("place_mentions", sa.Column("id", sa.Integer, primary_key=True),
                    _fk("place_id", "places.id"), *_span())
    op.create_table(
        "times",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("article_id", "articles.id"),
        *_span(),
        sa.Column("value", sa.String),
        sa.Column("precision", sa.String, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("participants", sa.String, nullable=False),
        sa.Column("source_countries", sa.String, nullable=False),
        sa.Column("target_countries", sa.String, nullable=False),
        sa.Column("reciprocal", sa.Boolean, nullable=False),
        sa.Column("aux", sa.String),
        sa.Column("date", sa.String),
        sa.Column("date_precision", sa.String),
        sa.Column("day", sa.Integer),
        sa.Column("day_end", sa.Integer),
        sa.Column("mode", sa.String),
        sa.Column("score", sa.Float),
        sa.Column("place_name", sa.String),
        sa.Column("place_country", sa.String),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("num_mentions", sa.Integer, nullable=False),
        sa.Column("num_articles", sa.Integer, nullable=False),
        sa.Column("num_sources", sa.Integer, nullable=False),
        sa.Column("lead_mention_id", sa.Integer),
        sa.Index("ix_events_bucket", "category", "participants", "date_precision", "day"),
        sa.Index("ix_events_day", "day"),
    )
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("event_id", "events.id", ondelete=None),
        _fk("article_id", "articles.id"),
        sa.Column("local_id", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("mode", sa.String),
        sa.Column("contexts", sa.JSON, nullable=False),
        sa.Column("aux", sa.String),
        sa.Column("reciprocal", sa.Boolean, nullable=False),
        sa.Column("date", sa.String),
        sa.Column("date_precision", sa.String),
        sa.Column("place_name", sa.String),
        sa.Column("place_country", sa.String),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("score", sa.Float),
        *_span("trigger_"),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("also", sa.JSON, nullable=False),
    )
    op.create_table(
        "event_mention_actors",
        sa.Column("mention_id", sa.Integer, sa.ForeignKey("event_mentions.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("role", sa.String, primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        _fk("actor_id", "actors.id"),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("article_id", "articles.id"),
        _fk("speaker_id", "actors.id", nullable=True),
        *_span("cue_"),
        *_span("content_", sa.Text),
        sa.Column("direct", sa.Boolean, nullable=False),
        _fk("mention_id", "event_mentions.id", nullable=True, index=False),
    )
    op.create_table(
        "event_dyads",
        sa.Column("a", sa.String, primary_key=True),
        sa.Column("b", sa.String, primary_key=True),
        sa.Column("day", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True, index=True),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("score", sa.Float),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "event_countries",
        sa.Column("country", sa.String, primary_key=True),
        sa.Column("day", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True, index=True),
        sa.Column("side", sa.String, nullable=False),
        sa.Column("category", sa.String, nullable=False),
        sa.Column("score", sa.Float),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.String, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("stage", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.DateTime, nullable=False),
        sa.Column("last_seen", sa.DateTime, nullable=False),
        sa.UniqueConstraint("path", "line", name="uq_failures_path_line"),
    )


def downgrade() -> None:
    for table in ("failures", "event_countries", "event_dyads", "quotes", "event_mention_actors",
                  "event_mentions", "events", "times", "place_mentions", "places", "actor_mentions",
                  "actors", "articles"):
        op.drop_table(table)
