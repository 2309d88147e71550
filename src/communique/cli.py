"""The command line: parses arguments and calls the library; nothing else."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click
from rich.console import Console

from . import __version__
from .cli_types import DATE, INPUT, MODEL
from .errors import CommuniqueError, ModelError
from .nlp import DEFAULT_MODEL
from .cli_runs import article_progress, worker_options
from .records import Extraction

FORMATS = ("table", "json", "jsonl")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a valid date; use YYYY-MM-DD, e.g. 2024-05-10") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="communique")
def main() -> None:
    """Communique reads news and writes down, as verifiable records, who met, agreed,
    praised, accused, sanctioned or attacked whom, when, where and in whose words.

    Start with:  communique extract examples/
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=INPUT)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output: 'table' for people (default on a terminal), 'json' (one Extraction, "
                   "or a list for several inputs; default when piped), 'jsonl' (one per line).")
@click.option("--published", type=DATE, metavar="YYYY-MM-DD",
              help="Publication date for every input, overriding the one in the files; relative "
                   "dates ('on Friday') resolve against it.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, type=MODEL,
              help="spaCy pipeline: an installed package name or a directory path.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles parsed per spaCy batch (and handed to a worker at a time).")
@worker_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--input-format", type=click.Choice(("jsonl", "text", "html")), default=None,
              help="What '-' (standard input) holds; by default JSONL when its first non-blank "
                   "character is '{', else one text article.")
def extract(paths: tuple[str, ...], fmt: str | None, published: dt.date | None, model: str,
            batch_size: int, workers: int | None, article_timeout: float, quiet: bool,
            input_format: str | None) -> None:
    """Extract events, actors, quotes, times and places from articles.

    PATH is a text file (optional first line 'date YYYY-MM-DD <standfirst>'), an HTML
    page, a JSONL file (one article per line: id, text, title, published, url, source),
    a directory (searched recursively), a URL, or '-' for standard input (JSONL
    lines when it starts with '{', else one text article; see --input-format).

    Bad inputs are reported one line each on stderr; the rest are still processed,
    and the exit status is 1 at the end if any input failed.
    """
    from .readers import read_inputs
    from .readers.count import count_items
    from .runner import run_articles

    out = Console(soft_wrap=False, emoji=False)
    err = Console(stderr=True, emoji=False)
    fmt = fmt or ("table" if out.is_terminal else "json")
    failed = 0
    results: list[Extraction] = []
    show = not quiet and err.is_terminal and fmt != "table"
    total = count_items(paths) if show else None
    try:
        with article_progress(err, total, quiet=not show) as update:
            stream = run_articles(read_inputs(paths, published=published, input_format=input_format),
                                  workers=workers, model=model, chunk_size=batch_size,
                                  article_timeout=article_timeout)
            for done, item in enumerate(stream, start=1):
                update(done)
                if isinstance(item, CommuniqueError):
                    failed += 1
                    # soft_wrap: one line per bad input even when stderr is a pipe or a log
                    # file, where rich would otherwise break it at 80 columns (inside the path).
                    err.print(f"communique: error: {item}", markup=False, highlight=False, soft_wrap=True)
                    continue
                if fmt == "jsonl":
                    sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                elif fmt == "table":
                    from .render import extraction_view

                    out.print(extraction_view(item))
                else:
                    results.append(item)
    except ModelError as exc:
        err.print(f"communique: error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)
    if fmt == "json" and (results or not failed):
        payload = results[0].to_dict() if len(results) == 1 and len(paths) == 1 and \
            not _many(paths) else [r.to_dict() for r in results]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failed:
        err.print(f"communique: {failed} input(s) failed; see the errors above", markup=False,
                  highlight=False, soft_wrap=True)
        sys.exit(1)


def _many(paths: tuple[str, ...]) -> bool:
    """Whether the inputs can hold several articles (a directory or a JSONL file)."""
    import os

    return any(os.path.isdir(p) or p.endswith((".jsonl", ".jsonl.gz")) for p in paths)


# cli_lists imports cli_store's helpers, so it comes first: under `python -m communique.cli`
# cli_store is then never left half-imported when cli_lists needs it.
from . import cli_lists  # noqa: E402,F401  (dyads, failures)
from . import cli_store  # noqa: E402,F401  (registers the store commands on main)

from . import cli_eval  # noqa: E402,F401

from . import cli_batch  # noqa: E402,F401  (registers batch and load)

from . import cli_web  # noqa: E402,F401  (communique serve)


# Exit statuses: 0 done, 1 some input failed (each named on stderr), 2 a bad option or
# argument (click's own), 70 a defect in Communique itself (EX_SOFTWARE), 130 interrupted.
EXIT_DEFECT = 70


def run() -> None:
    """The console entry point: ``main`` with a defect told apart from a bad input."""
    try:
        main()
    except Exception:  # noqa: BLE001 - anything that reaches here is a bug, not a bad input
        import traceback

        traceback.print_exc()
        Console(stderr=True, emoji=False).print(
            "communique: internal error (a defect in Communique, not in your input): please "
            "report it with the traceback above", markup=False, highlight=False, soft_wrap=True)
        sys.exit(EXIT_DEFECT)


if __name__ == "__main__":  # pragma: no cover
    # Under `python -m communique.cli` this file is __main__, and the command modules above
    # registered their commands on the group of the module communique.cli: run that one.
    from communique.cli import run as registered

    registered()
