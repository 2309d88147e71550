"""Reviews: a person's verdict on a canonical event (accept, reject, or correct fields).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

A review is a new row; the machine's event row is never changed, so every correction
keeps who made it, when, and what the machine had said.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("category", sa.String),
        sa.Column("mode", sa.String),
        sa.Column("aux", sa.String),
        sa.Column("source_countries", sa.String),
        sa.Column("target_countries", sa.String),
        sa.Column("date", sa.String),
        sa.Column("place_name", sa.String),
        sa.Column("reviewer", sa.String, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    # The review queue reads events least confident first.
    op.create_index("ix_events_confidence", "events", ["confidence"])


def downgrade() -> None:
    op.drop_index("ix_events_confidence", "events")
    op.drop_table("reviews")
