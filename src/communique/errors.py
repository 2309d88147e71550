"""Exception types. Each names what went wrong and where, so the CLI can print
one line per bad input and go on with the rest of the batch."""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class for errors a user can act on (no traceback is shown for these)."""


class InputError(CommuniqueError):
    """An input that cannot be read as an article: names the file and, where known, the line."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class ModelError(CommuniqueError):
    """The spaCy pipeline asked for is not installed or cannot be loaded."""


class ExtractionError(CommuniqueError):
    """Extraction failed on one article; the batch goes on without it."""

    def __init__(self, origin: str, reason: str) -> None:
        self.path = origin
        self.line = None
        self.reason = reason
        super().__init__(f"{origin}: extraction failed: {reason}")
