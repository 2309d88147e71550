"""Listing commands over the store: ``dyads`` (the most active country pairs) and
``failures`` (the inputs that could not be stored, with ``--clear``).

Registered on ``communique.cli.main`` when that module imports this one.
"""

from __future__ import annotations

import click

from .cli import main
from .cli_options import aux_option
from .cli_store import _errors_are_one_line, _note, _open, _print_rows, db_option, format_option, limit_option


@main.command()
@limit_option(20)
@aux_option
@db_option
@format_option
@_errors_are_one_line
def dyads(limit, aux, db, fmt) -> None:
    """The country pairs with most events: events per PLOVER category group (GDELT's quad
    classes: verbal and material cooperation, verbal and material conflict), their mean
    conflict-cooperation score, reports, and the first and last day.

    By default only events reported as having happened are counted (see --aux).
    """
    with _open(db, create=False) as store:
        rows = store.dyads(limit=limit or None, aux=aux)
    # Two-line headers keep the table within 80 columns; csv/json carry reports, first and last day too.
    columns = [("dyad", "dyad"), ("events", "events"), ("verbal_cooperation", "verbal\ncoop"),
               ("material_cooperation", "material\ncoop"), ("verbal_conflict", "verbal\nconflict"),
               ("material_conflict", "material\nconflict"), ("mean_score", "mean\nscore")]
    _print_rows(rows, fmt, columns, title="Dyads with most events", empty="no dyads: the store has no events "
                                                                         "between two countries yet")


@main.command()
@click.option("--clear", is_flag=True, help="Forget every recorded failure instead of listing them.")
@db_option
@format_option
@_errors_are_one_line
def failures(clear, db, fmt) -> None:
    """The inputs that could not be stored (read, extraction or database errors), with the
    file, line, stage, reason and number of attempts.

    Fix them and run `communique ingest --retry-failed`, or forget them with --clear.
    """
    with _open(db, create=False) as store:
        if clear:
            n = store.clear_failures()
            _note(f"cleared {n} recorded failure(s)")
            return
        rows = store.failures()
    columns = [("path", "path"), ("line", "line"), ("stage", "stage"), ("attempts", "attempts"),
               ("last_seen", "last seen"), ("reason", "reason")]
    _print_rows(rows, fmt, columns, title="Stored failures", empty="no failures recorded")
