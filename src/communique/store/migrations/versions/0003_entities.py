"""Typed entities: one row per Entity record of an article (weapons, platforms, money, ...).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Articles stored before this revision keep no entities (they were not extracted then);
ingesting them again with --force would add them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.String, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("entities")
