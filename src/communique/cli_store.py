"""Store commands: ingest, events, timeline, actors, quotes, search, export, demo.

Registered on ``communique.cli.main`` when that module imports this one. Each command
parses options, calls ``communique.store``, and prints; errors a user can act on are one
line on stderr and exit status 1.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path
from typing import Any, Callable

import click
from rich.console import Console
from rich.table import Table

from .cli import main
from .cli_runs import article_progress, worker_options
from .cli_types import (CATEGORIES, CONFIDENCE, COUNTRY, DATABASE, DATE, DYAD, INPUT, LIMIT, MODEL,
                        OutputFile, Text, search_words)
from .errors import CommuniqueError
from .nlp import DEFAULT_MODEL
from .cli_options import aux_option, countries_callback, country_callback, dyad_callback
from .runner import DEFAULT_ARTICLE_TIMEOUT

QUERY_FORMATS = ("table", "csv", "json", "jsonl")
EXPORT_FORMATS = ("csv", "jsonl", "parquet", "gdelt", "icews", "cameo", "gold")
DEFAULT_DB = "sqlite:///communique.db"  # = communique.store.DEFAULT_URL, without importing SQLAlchemy for --help

_err = Console(stderr=True, emoji=False)


def _say_error(message: str) -> None:
    # soft_wrap: one line even when stderr is a pipe, where rich would wrap at 80 columns.
    _err.print(f"communique: error: {message}", markup=False, highlight=False, soft_wrap=True)


def _note(message: str) -> None:
    _err.print(f"communique: {message}", markup=False, highlight=False, soft_wrap=True)


def _errors_are_one_line(command: Callable) -> Callable:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CommuniqueError as exc:
            _say_error(str(exc))
            sys.exit(1)

    return wrapper


def db_option(f: Callable) -> Callable:
    return click.option("--db", "db", default=DEFAULT_DB, show_default=True, envvar="COMMUNIQUE_DB", type=DATABASE,
                        metavar="URL",
                        help="Database: sqlite:///FILE (or a bare FILE path) or "
                             "postgresql://USER:PASSWORD@HOST/DB. Also read from $COMMUNIQUE_DB.")(f)


def format_option(f: Callable) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
                        help="Output: 'table' (default on a terminal), 'json' (default when piped), "
                             "'jsonl' or 'csv'.")(f)


def limit_option(default: int) -> Callable:
    return click.option("--limit", default=default, show_default=True, type=LIMIT,
                        help="At most N rows; 0 for all.")


def _open(db: str, *, create: bool):
    from .store import Store

    store = Store(db, create=create)
    if store.upgraded:
        _note(f"upgraded the database schema from revision {store.revision_before} to {store.revision}")
    return store


# --- output --------------------------------------------------------------------------------


def _print_rows(records: list, fmt: str | None, columns: list[tuple[str, str]], *, title: str | None = None,
                nested: bool = False, empty: str = "nothing found") -> None:
    from .store.export import to_text

    out = Console(soft_wrap=False, emoji=False)
    fmt = fmt or ("table" if out.is_terminal else "json")
    if fmt != "table":
        rows = [r.to_dict() if nested and fmt != "csv" else r.flat() for r in records]
        sys.stdout.write(to_text(rows, fmt))
        return
    if not records:
        _note(empty)
        return
    out.print(_table(records, columns, title))


def _table(records: list, columns: list[tuple[str, str]], title: str | None) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
    # Short columns keep their width; the last (the evidence, a snippet, a quote) wraps.
    for n, (_, header) in enumerate(columns):
        last = n == len(columns) - 1
        table.add_column(header, overflow="fold", no_wrap=not last)
    for r in records:
        d = r.flat()
        table.add_row(*(_cell(d.get(key), 160 if n == len(columns) - 1 else 40)
                        for n, (key, _) in enumerate(columns)))
    return table


def _cell(value: Any, width: int = 40) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and len(value) > width:
        return value[:width - 1] + "…"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


# A table for people at 80 columns; csv/json carry every field (articles, sources, place country...).
EVENT_COLUMNS = [("id", "id"), ("date", "date"), ("category", "category"), ("dyad", "dyad"),
                 ("place", "place"), ("score", "score"), ("confidence", "conf"), ("mentions", "reports"),
                 ("review", "review"), ("evidence", "evidence")]


# --- ingest --------------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...", type=INPUT)
@db_option
@click.option("--published", type=DATE, metavar="YYYY-MM-DD",
              help="Publication date for every input, overriding the one in the files.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, type=MODEL,
              help="spaCy pipeline: an installed package name or a directory path.")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles parsed per spaCy batch and written per transaction.")
@worker_options
@click.option("--retry-failed", is_flag=True,
              help="First read again the inputs that failed in earlier runs (the failures table).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; errors are still shown.")
@click.option("--input-format", type=click.Choice(("jsonl", "text", "html")), default=None,
              help="What '-' (standard input) holds; by default JSONL when its first non-blank "
                   "character is '{', else one text article.")
@_errors_are_one_line
def ingest(paths: tuple[str, ...], db: str, published: dt.date | None, model: str, batch_size: int,
           workers: int | None, article_timeout: float, retry_failed: bool, quiet: bool,
           input_format: str | None) -> None:
    """Extract articles and store their records in a database.

    PATH is anything `communique extract` reads: files, directories, JSONL, URLs, '-'.
    Articles already stored (same URL, else same text) are skipped without parsing, so
    running the same command again resumes an interrupted run and changes nothing after a
    complete one. Bad inputs are recorded in the database's failures table and listed at
    the end; the exit status is then 1.
    """
    if not paths and not retry_failed:
        raise click.UsageError("give at least one PATH (or --retry-failed)")
    _run_ingest(list(paths), db=db, published=published, model=model, batch_size=batch_size,
                workers=workers, article_timeout=article_timeout, retry_failed=retry_failed, quiet=quiet,
                input_format=input_format)


def _run_ingest(paths: list[str], *, db: str, published: dt.date | None = None, model: str = DEFAULT_MODEL,
                batch_size: int = 64, workers: int | None = None, article_timeout: float = DEFAULT_ARTICLE_TIMEOUT,
                retry_failed: bool = False, quiet: bool = False, input_format: str | None = None):
    from .readers.count import count_items
    from .store import IngestSummary

    store = _open(db, create=True)
    summary = IngestSummary()
    show = not quiet and _err.is_terminal
    # Earlier failures retried come first, and were not counted: the total is then unknown.
    total = count_items(paths) if show and not retry_failed else None
    try:
        with article_progress(_err, total, quiet=not show, label="ingest") as update:
            def on_progress(s: IngestSummary) -> None:
                update(s.processed + s.articles_skipped,
                       f"{s.articles_new} new, {s.articles_skipped} skipped, {s.articles_failed} failed; "
                       f"{s.event_mentions} events")

            store.ingest_paths(paths, published=published, model=model, batch_size=batch_size, workers=workers,
                               article_timeout=article_timeout, retry_failed=retry_failed,
                               progress=on_progress, summary=summary,
                               input_format=input_format)
    except KeyboardInterrupt:
        _note(f"interrupted: {summary.articles_new} new articles were stored; "
              "run the same command again to resume")
        sys.exit(130)
    finally:
        store.close()
    if not quiet:
        rate = summary.seen / summary.seconds if summary.seconds else 0.0
        click.echo(f"{store.url}: {summary.articles_new} new articles, {summary.articles_skipped} skipped "
                   f"(already stored), {summary.articles_failed} failed; {summary.event_mentions} event "
                   f"mentions, {summary.events_new} new events; {summary.seconds:.1f} s ({rate:.1f} articles/s)")
        if retry_failed:
            click.echo(f"retried earlier failures: {summary.resolved} resolved")
    _report_failures(summary.failures)
    return summary


def _report_failures(failures: list, shown: int = 50) -> None:
    if not failures:
        return
    for f in failures[:shown]:
        _say_error(str(f))
    more = f" (the first {shown} above)" if len(failures) > shown else ""
    _note(f"{len(failures)} input(s) failed{more}; they are kept in the database's failures table: "
          "fix them and run `communique ingest --retry-failed`")
    sys.exit(1)


# --- queries -------------------------------------------------------------------------------


def event_filters(f: Callable) -> Callable:
    options = [
        click.option("--dyad", metavar="A-B", callback=dyad_callback,
                     help="Events between two countries, e.g. IND-KOR or 'India-South Korea': either "
                          "direction, reciprocal events included."),
        click.option("--actor", metavar="NAME", type=Text("a part of an actor's name"),
                     help="Events one of whose actors' names contains NAME (case-insensitive)."),
        click.option("--country", metavar="ISO", callback=country_callback,
                     help="Events involving a country (ISO 3166 alpha-3, IGO code, or name)."),
        click.option("--category", metavar="C", type=CATEGORIES,
                     help="PLOVER categories, comma-separated (e.g. CONSULT,AGREE)."),
        click.option("--since", type=DATE, metavar="YYYY-MM-DD", help="Events on or after this date."),
        click.option("--until", type=DATE, metavar="YYYY-MM-DD", help="Events on or before this date."),
        click.option("--text", metavar="Q", type=Text("a full-text query such as 'missile test'"),
                     help="Events reported by articles matching a full-text query."),
        click.option("--min-confidence", type=CONFIDENCE, metavar="X",
                     help="Only events with a report of at least this confidence (0 to 1; extraction gives "
                          "0.3 to 0.95, and 0.6 drops most secondary events of a sentence)."),
        aux_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


@main.command()
@event_filters
@limit_option(50)
@db_option
@format_option
@_errors_are_one_line
def events(dyad, actor, country, category, since, until, text, min_confidence, aux, limit, db, fmt) -> None:
    """Canonical events (each grouping its reports across articles), newest first: by event
    date, then report date, with future and hypothetical events last.

    JSON and JSONL output include every report: article, trigger words and sentence.
    By default only events reported as having happened are shown (see --aux).
    """
    with _open(db, create=False) as store:
        out_fmt = fmt or ("table" if sys.stdout.isatty() else "json")
        found = store.events(dyad=dyad, actor=actor, country=country, category=category, since=since,
                             until=until, text=text, limit=limit or None, min_confidence=min_confidence,
                             aux=aux, reports=out_fmt in ("json", "jsonl"))
    _print_rows(found, fmt, EVENT_COLUMNS, nested=True, empty="no events match")


@main.command()
@click.argument("countries", nargs=-1, required=True, metavar="COUNTRY [COUNTRY]", callback=countries_callback)
@click.option("--by", type=click.Choice(("day", "week", "month", "year")), default="month", show_default=True,
              help="Period of each row.")
@click.option("--since", type=DATE, metavar="YYYY-MM-DD", help="From this date.")
@click.option("--until", type=DATE, metavar="YYYY-MM-DD", help="Up to this date.")
@aux_option
@db_option
@format_option
@_errors_are_one_line
def timeline(countries, by, since, until, aux, db, fmt) -> None:
    """Events between two countries (or of one) per period: counts per PLOVER category
    group and their mean conflict-cooperation score. Every period from the first with
    events (or --since) to the last (or --until) has a row, empty ones with zeros.

    COUNTRY is a code (IND) or a name (India, 'South Korea'). By default only events
    reported as having happened are counted (see --aux)."""
    if len(countries) > 2:
        raise click.UsageError("give one country or two (a dyad), e.g. `communique timeline IND KOR`")
    with _open(db, create=False) as store:
        rows = store.timeline(countries[0], countries[1] if len(countries) > 1 else None, by=by,
                              since=since, until=until, aux=aux)
    columns = [("period", by), ("verbal_cooperation", "verbal\ncoop"), ("material_cooperation", "material\ncoop"),
               ("verbal_conflict", "verbal\nconflict"), ("material_conflict", "material\nconflict"),
               ("events", "events"), ("mean_score", "mean\nscore")]
    _print_rows(rows, fmt, columns, title=" – ".join(countries), empty="no events")


@main.command()
@click.option("--country", metavar="ISO", callback=country_callback, help="Only actors of this country (code or name).")
@click.option("--name", metavar="TEXT", type=Text("a part of a name"), help="Only actors whose name contains TEXT.")
@limit_option(50)
@db_option
@format_option
@_errors_are_one_line
def actors(country, name, limit, db, fmt) -> None:
    """People, organisations, countries and groups, by the number of events they take part in."""
    with _open(db, create=False) as store:
        rows = store.actors(country=country, name=name, limit=limit or None)
    columns = [("name", "name"), ("kind", "kind"), ("country", "country"), ("sector", "sector"), ("role", "role"),
               ("events", "events"), ("articles", "articles"), ("mentions", "mentions")]
    _print_rows(rows, fmt, columns, empty="no actors")


@main.command()
@click.option("--speaker", metavar="NAME", type=Text("a part of a speaker's name"), help="Only quotes whose speaker's name contains NAME.")
@limit_option(50)
@db_option
@format_option
@_errors_are_one_line
def quotes(speaker, limit, db, fmt) -> None:
    """Quotes with their speakers, newest articles first."""
    with _open(db, create=False) as store:
        rows = store.quotes(speaker=speaker, limit=limit or None)
    columns = [("published", "date"), ("speaker", "speaker"), ("country", "country"), ("cue", "cue"),
               ("content", "content")]
    _print_rows(rows, fmt, columns, empty="no quotes")


@main.command()
@click.argument("query", nargs=-1, required=True, callback=search_words)
@limit_option(20)
@db_option
@format_option
@_errors_are_one_line
def search(query, limit, db, fmt) -> None:
    """Full-text search over the stored articles' titles, summaries and text.

    QUERY: words that must all occur, "a phrase", OR between two terms, -word to exclude.
    """
    with _open(db, create=False) as store:
        rows = store.search(" ".join(query), limit=limit or None)
    columns = [("published", "date"), ("title", "title"), ("snippet", "snippet"), ("events", "events"),
               ("article", "article")]
    _print_rows(rows, fmt, columns, empty="no articles match")


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv, jsonl (with every report) or parquet: one row per event, every field (see "
                   "docs/exports.md); gdelt: the GDELT 2.0 event table's 61 columns, tab-separated; icews: the "
                   "ICEWS event file's columns, tab-separated; cameo: an older name of gdelt; gold: reviewed "
                   "events as PLOVER gold JSONL for `communique eval plover`.")
@click.option("--out", required=True, metavar="FILE", type=OutputFile(), help="File to write ('-' for standard output, "
                                                           "except parquet).")
@event_filters
@limit_option(0)
@db_option
@_errors_are_one_line
def export(fmt, out, dyad, actor, country, category, since, until, text, min_confidence, aux, limit, db) -> None:
    """Export canonical events, all or those matching the filters, to a file.

    By default only events reported as having happened are exported (see --aux).
    """
    from .store import EventFilter

    f = EventFilter(dyad, actor, country, category, since, until, text, limit or None, min_confidence, aux)
    if fmt == "cameo":
        _note("--format cameo is now --format gdelt: GDELT 2.0's 61 columns, one row per event")
    with _open(db, create=False) as store:
        n = store.export(fmt, out, f)
    if out != "-":
        _note(f"wrote {n} rows to {out}")


# --- demo ----------------------------------------------------------------------------------


def find_examples() -> Path | None:
    """The sample articles, shipped in the package (communique/samples), so the demo works
    from an installed wheel as from a checkout."""
    from importlib import resources

    folder = resources.files("communique").joinpath("samples")
    if folder.joinpath("articles.jsonl").is_file():
        return Path(str(folder))
    return None


@main.command()
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no ingest summary.")
@_errors_are_one_line
def demo(db, quiet) -> None:
    """Ingest the sample articles into a database and show what to look at first:
    the dyads with most events, and the latest events."""
    folder = find_examples()
    if folder is None:
        raise CommuniqueError("the sample articles (communique/samples/articles.jsonl) are missing from "
                              "this installation: reinstall Communique (pip install --force-reinstall communique)")
    # The JSONL file first: it carries titles. The .txt copies are then skipped as the same articles.
    paths = [folder / "articles.jsonl", *sorted(folder.glob("*.txt"))]
    summary = _run_ingest([str(p) for p in paths], db=db, quiet=quiet)
    out = Console(soft_wrap=False, emoji=False)
    with _open(db, create=False) as store:
        dyads = store.dyads(limit=10)
        latest = store.events(limit=10)
    out.print(_table(dyads, [("dyad", "dyad"), ("events", "events"), ("mentions", "mentions"),
                             ("first", "first"), ("last", "last")], "Dyads with most events"))
    out.print(_table(latest, EVENT_COLUMNS, "Latest events"))
    if dyads:
        a, b = dyads[0].dyad.split("-")
        for hint in (f"communique events --dyad {a}-{b}", f"communique timeline {a} {b} --by day",
                     "communique search attack", "communique export --format gdelt --out events.tsv"):
            out.print(f"next: {hint}" + ("" if db == DEFAULT_DB else f" --db {db}"), markup=False,
                      highlight=False, soft_wrap=True)
    if summary is not None and summary.failures:
        sys.exit(1)
