"""Event mentions keep their trigger's CAMEO code and their sentence's number, for the
GDELT- and ICEWS-shaped exports (EventCode, Sentence Number).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

Mentions stored before this revision have neither: exports fall back to the CAMEO code
of the category and mode (``lexicon.cameo_code``) and leave the sentence number empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_mentions", sa.Column("cameo", sa.String))
    op.add_column("event_mentions", sa.Column("sentence_number", sa.Integer))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), as 0004: a batch copy would trip the foreign keys.
    op.drop_column("event_mentions", "sentence_number")
    op.drop_column("event_mentions", "cameo")
