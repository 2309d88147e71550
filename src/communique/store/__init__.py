"""The event store: extractions into SQLite (default) or PostgreSQL, deduplicated across
articles, queried and exported.

>>> from communique.store import Store
>>> with Store("sqlite://") as store:          # an in-memory database
...     store.counts()["events"]
0
"""

from .database import Store
from .engine import DEFAULT_URL
from .errors import (
    DatabaseLocked,
    DatabaseUnavailable,
    ExportError,
    NotACommuniqueDatabase,
    SchemaTooNew,
    StoreError,
)
from .ingest import Failure, IngestSummary, article_key
from .queries import EventFilter
from .results import (
    ActorSummary,
    DyadSummary,
    EventMention,
    SearchHit,
    StoredEvent,
    StoredFailure,
    StoredQuote,
    TimelineRow,
    to_frame,
)

__all__ = [
    "DEFAULT_URL",
    "ActorSummary",
    "DatabaseLocked",
    "DatabaseUnavailable",
    "DyadSummary",
    "EventFilter",
    "EventMention",
    "ExportError",
    "Failure",
    "IngestSummary",
    "NotACommuniqueDatabase",
    "SchemaTooNew",
    "SearchHit",
    "Store",
    "StoreError",
    "StoredEvent",
    "StoredFailure",
    "StoredQuote",
    "TimelineRow",
    "article_key",
    "to_frame",
]
