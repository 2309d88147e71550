"""The store's tables (SQLAlchemy Core), shared by ingest and queries.

Two layers:

- per-article rows that mirror the records exactly (articles, actors, actor_mentions,
  places, place_mentions, times, event_mentions, event_mention_actors, quotes), so an
  Extraction can be rebuilt from the database (``rows.load_extraction``);
- canonical events (``events``): one row per real-world event, grouping the event
  mentions of many articles (see ``dedup.py``), with GDELT-style counts, and two
  derived index tables (``event_dyads``, ``event_countries``) that make dyad and
  country queries index range scans on a million events.

The migrations in ``migrations/versions`` create these tables; a test checks that
the migrated database and this metadata agree. Full-text search (an FTS5 table on
SQLite, a tsvector column on PostgreSQL) is dialect-specific and lives only in the
migrations and in ``queries.py``.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Spans are (start, end, text) column triples; offsets index articles.text.
articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # Identity: the URL, else "sha256:" + hash of the normalised text (see ingest.article_key).
    sa.Column("key", sa.String, nullable=False, unique=True),
    # Article.id as read (a JSONL id, the URL or the text hash), kept for round trips.
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

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("local_id", sa.String, nullable=False),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("country", sa.String, index=True),
    sa.Column("sector", sa.String),
    sa.Column("role", sa.String),
)

actor_mentions = sa.Table(
    "actor_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.String, nullable=False),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("country", sa.String),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("feature", sa.String, nullable=False),
)

place_mentions = sa.Table(
    "place_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.String, nullable=False),
)

times = sa.Table(
    "times",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.String, nullable=False),
    sa.Column("value", sa.String),
    sa.Column("precision", sa.String, nullable=False),
)

# Typed mentions (Entity records: re3d's types), one row per record of an article.
entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.String, nullable=False),
)

# One canonical event: the mentions of one real-world event across articles.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("category", sa.String, nullable=False),
    # Sorted distinct countries of all participants, space-separated ("IND KOR"): the dedup bucket.
    sa.Column("participants", sa.String, nullable=False),
    # The direction, when any mention gives one; a reciprocal-only event has all in source.
    sa.Column("source_countries", sa.String, nullable=False),
    sa.Column("target_countries", sa.String, nullable=False),
    sa.Column("reciprocal", sa.Boolean, nullable=False),
    # Auxiliary mode (historical, future, hypothetical, negated); None for a reported fact.
    sa.Column("aux", sa.String),
    # The lead mention's date as reported ("2024-05-10", "2024-05", "2019") and its precision.
    sa.Column("date", sa.String),
    sa.Column("date_precision", sa.String),
    # Ordinal days (date.toordinal()) of the dates the grouping used: day <= day_end.
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
    # The highest confidence of the event's reports (revision 0004).
    sa.Column("confidence", sa.Float),
    sa.Index("ix_events_bucket", "category", "participants", "date_precision", "day"),
    sa.Index("ix_events_day", "day"),
    sa.Index("ix_events_confidence", "confidence"),  # the review queue (revision 0006)
)

event_mentions = sa.Table(
    "event_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False, index=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
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
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("trigger_text", sa.String, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("also", sa.JSON, nullable=False),
    # The trigger's CAMEO code and the sentence's number in the article (revision 0005).
    sa.Column("cameo", sa.String),
    sa.Column("sentence_number", sa.Integer),
)

event_mention_actors = sa.Table(
    "event_mention_actors",
    metadata,
    sa.Column("mention_id", sa.Integer, sa.ForeignKey("event_mentions.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("role", sa.String, primary_key=True),  # "source" or "target"
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False,
              index=True),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("speaker_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True),
    sa.Column("cue_start", sa.Integer, nullable=False),
    sa.Column("cue_end", sa.Integer, nullable=False),
    sa.Column("cue_text", sa.String, nullable=False),
    sa.Column("content_start", sa.Integer, nullable=False),
    sa.Column("content_end", sa.Integer, nullable=False),
    sa.Column("content_text", sa.Text, nullable=False),
    sa.Column("direct", sa.Boolean, nullable=False),
    sa.Column("mention_id", sa.Integer, sa.ForeignKey("event_mentions.id", ondelete="CASCADE")),
    # The speaker's phrase as written, and a mixed quote's quoted words as JSON [[start, end, text]].
    sa.Column("speaker_start", sa.Integer),
    sa.Column("speaker_end", sa.Integer),
    sa.Column("speaker_text", sa.String),
    sa.Column("quoted", sa.Text),
)

# Derived from events (rewritten whenever an event changes): every country pair the event
# is between, a <= b. Directed events give source x target pairs, reciprocal ones every
# pair of participants. day is events.day, or 0 for an undated event (primary keys cannot
# hold NULL). Category and score ride along, and on SQLite the table is WITHOUT ROWID, so
# a dyad's timeline is one range scan of this table's primary key.
event_dyads = sa.Table(
    "event_dyads",
    metadata,
    sa.Column("a", sa.String, primary_key=True),
    sa.Column("b", sa.String, primary_key=True),
    sa.Column("day", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
              index=True),
    sa.Column("category", sa.String, nullable=False),
    sa.Column("score", sa.Float),
    sqlite_with_rowid=False,
)

# Derived likewise: each country an event involves, on which side ("source", "target",
# or "both" for reciprocal participants).
event_countries = sa.Table(
    "event_countries",
    metadata,
    sa.Column("country", sa.String, primary_key=True),
    sa.Column("day", sa.Integer, primary_key=True),
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
              index=True),
    sa.Column("side", sa.String, nullable=False),
    sa.Column("category", sa.String, nullable=False),
    sa.Column("score", sa.Float),
    sqlite_with_rowid=False,
)

# A person's verdict on a canonical event (revision 0006): "accept", "reject" or "correct".
# A correction sets the fields it changes and leaves the others NULL ("" clears aux or
# place); the events row keeps the machine's values. See reviews.py.
reviews = sa.Table(
    "reviews",
    metadata,
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

# Inputs that could not be stored: read errors, extraction errors, rows the database refused.
# line 0 means the whole file. Rows are removed once a retry (or a later run) stores them.
failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("path", sa.String, nullable=False),
    sa.Column("line", sa.Integer, nullable=False),
    sa.Column("stage", sa.String, nullable=False),  # "read", "extract" or "store"
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.DateTime, nullable=False),
    sa.Column("last_seen", sa.DateTime, nullable=False),
    sa.UniqueConstraint("path", "line", name="uq_failures_path_line"),
)
