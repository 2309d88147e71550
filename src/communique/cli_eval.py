"""`communique eval ...`: parses arguments, calls communique.eval, prints the report."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from .cli import main
from .errors import CommuniqueError
from .nlp import DEFAULT_MODEL


def _common(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options every eval command takes."""
    options = [
        click.option("--json", "as_json", is_flag=True,
                     help="Print the machine-readable JSON report instead of the tables."),
        click.option("--out", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
                     help="Also write the JSON report to FILE."),
        click.option("--model", default=DEFAULT_MODEL, show_default=True,
                     help="spaCy pipeline: an installed package name or a directory path."),
        click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10_000),
                     help="Texts parsed per spaCy batch."),
        click.option("--quiet", "-q", is_flag=True, help="No progress display on stderr."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _part_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--part and --errors of the evals that score a dev set we tune on (see eval.split)."""
    func = click.option("--errors", default=0, show_default=True, type=click.IntRange(0),
                        help="List the first N errors, of the part scored; with --part all, of the read "
                             "part only (the unread part is scored, never read).")(func)
    return click.option("--part", "part", type=click.Choice(["all", "read", "unread"]), default="all",
                        show_default=True,
                        help="Score one part of the fixed hash split: 'read' (whose errors you read "
                             "while writing rules), 'unread' (only ever scored), or 'all' (the whole "
                             "set and both parts side by side).")(func)


@contextmanager
def _progress(quiet: bool, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; the library only calls back."""
    err = Console(stderr=True, emoji=False)
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=err, transient=True)
    task = bar.add_task(label, total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _stdout() -> Console:
    console = Console(soft_wrap=False, emoji=False)
    if not console.is_terminal:
        # Piped or redirected: rich would assume 80 columns and squeeze the tables.
        console = Console(soft_wrap=False, width=120, emoji=False)
    return console


def _fail(message: str) -> None:
    Console(stderr=True, emoji=False).print(f"communique: error: {message}", markup=False, highlight=False, soft_wrap=True)
    sys.exit(1)


def _emit(report: Any, as_json: bool, out: str | None, **options: Any) -> None:
    from .eval.report import as_json as to_json, render

    text = to_json(report, **options)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    if as_json:
        sys.stdout.write(text)
    else:
        _stdout().print(render(report, **options))
    failures = getattr(report, "failures", [])
    if failures:
        err = Console(stderr=True, emoji=False)
        for f in failures:
            err.print(f"communique: error: extraction failed: {f}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)


def _guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Gold and model problems end the command with one line, no traceback."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CommuniqueError as exc:
            _fail(str(exc))
    return wrapper


@main.group("eval")
def eval_group() -> None:
    """Measure Communique against gold sets: PLOVER events, whole news articles, cameo-news
    sentences, re3d entities, MEANTIME times and coreference, and the project's own quote
    gold; `eval gate` checks the pinned floors. Dev sets we tune on are split by a fixed hash
    into a read part and an unread part (--part)."""


@eval_group.command("plover")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_part_option
@click.option("--min-confidence", default=0.0, show_default=True, type=click.FloatRange(0.0, 1.0),
              help="Score only events of at least this confidence, to see what an analyst's "
                   "confidence filter trades (the gate and the headline figures use 0).")
@_common
@_guarded
def plover_cmd(file: str, part: str, errors: int, min_confidence: float, as_json: bool, out: str | None,
               model: str, batch_size: int, quiet: bool) -> None:
    """Score PLOVER gold records (JSONL with text, plover, source, target, textInfo.markup):
    category, dyad and evidence, for all events and for the top event per sentence."""
    from .eval.plover import evaluate_plover

    with _progress(quiet, "plover") as progress:
        report = evaluate_plover(file, which=part, model=model, batch_size=batch_size, progress=progress,
                                 min_confidence=min_confidence)
    _emit(report, as_json, out, errors=errors)


@eval_group.command("re3d")
@click.argument("path", type=click.Path(exists=True))
@click.option("--mapping", type=click.Choice(["records", "records+ner"]), default="records",
              show_default=True,
              help="'records': Communique's records only; 'records+ner': also the spaCy NER labels of "
                   "the same parse where no record is.")
@_common
@_guarded
def re3d_cmd(path: str, mapping: str, as_json: bool, out: str | None, model: str, batch_size: int,
             quiet: bool) -> None:
    """Score re3d entities: PATH is a BIO file (conflibert-split/test.txt), a raw re3d folder
    (documents.json, entities.json) or a folder of them (all 98 documents)."""
    from .eval.re3d import evaluate_re3d

    with _progress(quiet, "re3d") as progress:
        report = evaluate_re3d(path, mapping=mapping, model=model, batch_size=batch_size, progress=progress)
    _emit(report, as_json, out)


@eval_group.command("meantime")
@click.argument("dir", type=click.Path(exists=True))
@click.option("--part", "part", type=click.Choice(["all", "read", "unread"]), default="all", show_default=True,
              help="Score one part of the fixed hash split of the documents (by file name), or the whole "
                   "set with both parts side by side.")
@_common
@_guarded
def meantime_cmd(dir: str, part: str, as_json: bool, out: str | None, model: str, batch_size: int,
                 quiet: bool) -> None:
    """Score MEANTIME CAT XML (every .xml under DIR): time expression spans and values against
    the document date, and MUC/B-cubed coreference of person and organisation mentions."""
    from .eval.meantime import evaluate_meantime

    with _progress(quiet, "meantime") as progress:
        report = evaluate_meantime(dir, which=part, model=model, batch_size=batch_size, progress=progress)
    _emit(report, as_json, out)


@eval_group.command("quotes")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--part", "part", type=click.Choice(["all", "read", "unread"]), default="all", show_default=True,
              help="Score one part of the fixed hash split of the articles (by id), or the whole set "
                   "with both parts side by side.")
@_common
@_guarded
def quotes_cmd(file: str | None, part: str, as_json: bool, out: str | None, model: str, batch_size: int,
               quiet: bool) -> None:
    """Score quote content spans and speakers on FILE (default: the quote gold Communique ships)."""
    from .eval.quotes import evaluate_quotes

    with _progress(quiet, "quotes") as progress:
        report = evaluate_quotes(file, which=part, model=model, batch_size=batch_size, progress=progress)
    _emit(report, as_json, out)


def _corpora(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for v in values:
        name, sep, path = v.partition("=")
        out.update({name: path} if sep else {"*": v})
    return out


@eval_group.command("news")
@click.argument("path", type=click.Path(exists=True))
@click.option("--corpus", "corpus", multiple=True, metavar="[NAME=]PATH",
              help="Where the article texts are: NAME=PATH for the gold's corpus NAME, or PATH for every "
                   "corpus (default: <gold folder>/../../corpus/NAME.jsonl). Repeatable.")
@_part_option
@_common
@_guarded
def news_cmd(path: str, corpus: tuple[str, ...], part: str, errors: int, as_json: bool, out: str | None,
             model: str, batch_size: int, quiet: bool) -> None:
    """Score whole news articles coded by hand (PATH: a gold .jsonl or a folder of them, per
    gold/news/GUIDELINES.md): events, whole records (category and both sides' countries),
    date and aux of matched events, and actors' country and sector."""
    from .eval.news import evaluate_news

    with _progress(quiet, "news") as progress:
        report = evaluate_news(path, corpora=_corpora(corpus), which=part, model=model,
                               batch_size=batch_size, progress=progress)
    _emit(report, as_json, out, errors=errors)


@eval_group.command("cameo")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@_part_option
@_common
@_guarded
def cameo_cmd(file: str, part: str, errors: int, as_json: bool, out: str | None, model: str, batch_size: int,
              quiet: bool) -> None:
    """Score modern news sentences coded by several coders (gold/cameo-news): event detection
    and the false-event rate on negatives, category over CAMEO root sets, quad class of the
    top event, and source/target span agreement."""
    from .eval.cameo import evaluate_cameo

    with _progress(quiet, "cameo") as progress:
        report = evaluate_cameo(file, which=part, model=model, batch_size=batch_size, progress=progress)
    _emit(report, as_json, out, errors=errors)


@eval_group.command("gate")
@click.option("--gold", "gold_dir", default="../shared/gold", show_default=True, metavar="DIR",
              help="Folder holding plover/, re3d/ and meantime/; gold sets missing from it are skipped.")
@click.option("--floors", default="eval_floors.json", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False), help="The pinned score floors.")
@_common
@_guarded
def gate_cmd(gold_dir: str, floors: str, as_json: bool, out: str | None, model: str, batch_size: int,
             quiet: bool) -> None:
    """Run every eval whose gold is present and fail (exit 1) naming each score below its floor."""
    from .eval.gate import load_floors, run_gate
    from .eval.report import as_json as to_json

    err = Console(stderr=True, emoji=False)
    floor_table = load_floors(floors)
    bar = None
    if not quiet and err.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), console=err, transient=True)
        bar.start()

    def progress(name: str) -> Callable[[int, int], None] | None:
        if bar is None:
            if not quiet:
                err.print(f"communique eval gate: {name}", markup=False, highlight=False)
            return None
        task = bar.add_task(name, total=None)
        return lambda done, total: bar.update(task, completed=done, total=total)

    try:
        result = run_gate(gold_dir, floor_table, model=model, batch_size=batch_size, progress=progress)
    finally:
        if bar is not None:
            bar.stop()
    text = to_json(result.to_dict())
    if out:
        Path(out).write_text(text, encoding="utf-8")
    if as_json:
        sys.stdout.write(text)
    else:
        from .eval.report import render_gate

        _stdout().print(render_gate(result))
    for name, why in result.skipped.items():
        err.print(f"communique eval gate: skipped {name}: {why}", markup=False, highlight=False, soft_wrap=True)
    for name, failures in result.failures.items():
        for f in failures:
            err.print(f"communique eval gate: {name}: extraction failed: {f}", markup=False, highlight=False,
                      soft_wrap=True)
    for c in result.below:
        err.print(f"communique eval gate: {c.gold_set} {c.metric} = {c.score:.4f} is below its floor "
                  f"{c.floor:.4f}", markup=False, highlight=False, soft_wrap=True)
    if not result.passed:
        sys.exit(1)
