"""Canonical events keep a confidence: the highest of their reports', so queries and exports
can leave out the events the extractor was least sure of.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Events stored before this revision get theirs from their stored reports.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("confidence", sa.Float))
    op.execute("UPDATE events SET confidence = (SELECT max(m.confidence) FROM event_mentions m "
               "WHERE m.event_id = events.id)")


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+): a batch copy of events would trip its foreign keys.
    op.drop_column("events", "confidence")
