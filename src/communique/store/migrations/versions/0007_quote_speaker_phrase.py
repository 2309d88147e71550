"""Quotes keep the speaker's phrase as written (with or without an actor) and the quoted
words inside a mixed quote.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Quotes stored before this revision have neither: both columns stay NULL for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("quotes", sa.Column("speaker_start", sa.Integer))
    op.add_column("quotes", sa.Column("speaker_end", sa.Integer))
    op.add_column("quotes", sa.Column("speaker_text", sa.String))
    op.add_column("quotes", sa.Column("quoted", sa.Text))


def downgrade() -> None:
    for name in ("quoted", "speaker_text", "speaker_end", "speaker_start"):
        op.drop_column("quotes", name)
