"""The store's errors: each says what is wrong with which database and what to do.

Messages never contain a password: URLs are shown with ``***`` in its place.
"""

from __future__ import annotations

from ..errors import CommuniqueError


class StoreError(CommuniqueError):
    """A database problem a user can act on."""


class DatabaseUnavailable(StoreError):
    """The database cannot be opened: not running, unreachable, wrong credentials, no such file."""


class DatabaseLocked(StoreError):
    """Another process holds the SQLite database's write lock for longer than the timeout."""


class SchemaTooNew(StoreError):
    """The database was migrated by a newer Communique than this one."""


class NotACommuniqueDatabase(StoreError):
    """The database has tables, but not Communique's."""


class ExportError(StoreError):
    """An export cannot be written (missing optional package, unwritable file)."""
