"""Every option and argument of every command, given hostile values (issue 14, item 2):
overflowing and negative numbers, empty and directory paths, devices, malformed URLs and
dates, SQL and shell metacharacters, NUL, RTL and other control characters, huge values.

Whatever the value, the command never ends in a traceback: it runs (exit 0), reports a
bad input or database (exit 1, a "communique: error:" line) or refuses the option before
touching any data (exit 2, click's one-line "Error:"). The table walks click's own list of
parameters, so a new option of a command listed in RUNS is tried without being added here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.store import Store

sys.path.insert(0, str(Path(__file__).parent / "store"))
from store_builders import ev, extraction  # noqa: E402 - the store tests' hand-built extractions

pytestmark = pytest.mark.model

FIXTURES = Path(__file__).parent / "eval" / "fixtures"

HOSTILE = [
    # numbers
    "9223372036854775808", "-9223372036854775809", "-1", "0", "1e400", "nan", "-inf", "0x10", "1" * 400,
    # dates
    "0000-01-01", "2024-02-30", "99999-01-01", "2024-1-1", "yesterday",
    # URLs
    "postgresql://u@[::1", "postgresql://u:pw@h:99999/d", "postgresql://u@h:abc/d", "mysql://root@x/db", "://",
    "sqlite:////no/such/folder/x.db", "file:///etc/passwd", "http://[::1",
    # paths
    # (not "/": as an input it means "read every file on the machine", which is a fair request)
    "", " ", "{tmp}", "{tmp}/", "/dev/null", "-", "{tmp}/no/such/file",
    # metacharacters and odd characters
    "'; DROP TABLE events; --", "\" OR 1=1 --", "$(touch pwned)", "`id`", "%", "_", ",", "IND-", "a\nb",
    "\x00", "x\x00y", "\u202eDNI", "\u200f\u200e", "\udcff", "\ufeff", "\x1b[31m", "Я" * 5000,
]


# Commands whose every accepted value runs a parse of gold or sample articles get one value of
# each kind, so that the whole table stays a matter of seconds.
COSTLY = ("demo", "eval")
SHORT = ["9223372036854775808", "-1", "nan", "2024-02-30", "postgresql://u@[::1", "", "{tmp}", "/dev/null",
         "'; DROP TABLE events; --", "$(touch pwned)", "%", "x\x00y", "\u202eDNI", "\udcff", "1" * 400]


def _params(command: click.Command, path: tuple[str, ...] = ()):
    """(command path, parameter) for every parameter of every command, groups included."""
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _params(sub, (*path, name))
        return
    for param in command.params:
        if getattr(param, "is_flag", False) or param.name in ("help", "version"):
            continue
        yield path, param


# The commands with a base invocation in _base. A command that runs until stopped (a server)
# or that has no base yet is left out, and named by test_the_table_covers_every_command.
RUNS = {("extract",), ("ingest",), ("demo",), ("events",), ("actors",), ("quotes",), ("timeline",), ("search",),
        ("export",), ("eval", "plover"), ("eval", "quotes"), ("eval", "re3d"), ("eval", "meantime"),
        ("eval", "gate")}
PARAMS = [(p, q) for p, q in _params(main) if p in RUNS]
UNCOVERED = sorted({p for p, _ in _params(main)} - RUNS)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    article = tmp / "article.txt"
    article.write_text("date 2024-05-10\nIndia and South Korea held talks in Seoul.\n", encoding="utf-8")
    examples = tmp / "examples"
    examples.mkdir()
    (examples / "articles.jsonl").write_text(
        '{"id": "x", "text": "Chile and Peru held talks in Lima.", "published": "2024-05-10"}\n', encoding="utf-8")
    # Floors for a gold set that is not there: the gate runs, skips it, and parses nothing.
    (tmp / "floors.json").write_text('{"plover": {"all.category_f1": 0.1}}', encoding="utf-8")
    db = tmp / "store.db"
    with Store(f"sqlite:///{db}") as store:
        store.ingest([extraction(ev("CONSULT", ["IND"], ["KOR"]), title="Talks")])
    return {"tmp": tmp, "article": str(article), "db": str(db), "examples": examples}


def _base(path: tuple[str, ...], w: dict) -> tuple[list[str], list[str]]:
    """Positional arguments and options with which each command runs."""
    db = ["--db", w["db"]]
    bases = {
        ("extract",): ([w["article"]], ["-q"]),
        ("ingest",): ([w["article"]], ["--db", str(w["tmp"] / "ingest.db"), "-q"]),
        ("demo",): ([], ["--db", str(w["tmp"] / "demo.db"), "-q"]),
        ("events",): ([], db), ("actors",): ([], db), ("quotes",): ([], db),
        ("timeline",): (["IND", "KOR"], db), ("search",): (["talks"], db),
        ("export",): ([], [*db, "--format", "csv", "--out", str(w["tmp"] / "out.csv")]),
        ("eval", "plover"): ([str(FIXTURES / "plover_tiny.jsonl")], ["-q"]),
        ("eval", "quotes"): ([str(FIXTURES / "quotes_tiny.jsonl")], ["-q"]),
        ("eval", "re3d"): ([str(FIXTURES / "re3d_tiny.txt")], ["-q"]),
        ("eval", "meantime"): ([str(FIXTURES / "meantime")], ["-q"]),
        ("eval", "gate"): ([], ["--gold", str(w["tmp"] / "no-gold"), "--floors", str(w["tmp"] / "floors.json"),
                                "-q"]),
    }
    return bases[path]


def _args(path, param, value, w) -> list[str]:
    positional, options = _base(path, w)
    if isinstance(param, click.Argument):
        index = [p for p in param_list(path) if isinstance(p, click.Argument)].index(param)
        positional = list(positional) or [value]
        if index < len(positional):
            positional[index] = value
        else:
            positional.append(value)
        return [*path, *options, "--", *positional] if value.startswith("-") and value != "-" else \
            [*path, *options, *positional]
    return [*path, *positional, *options, param.opts[0], value]


def param_list(path):
    command = main
    for name in path:
        command = command.commands[name]
    return command.params


def _check(result, args) -> None:
    shown = f"{args!r}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"uncaught {type(result.exception).__name__}: {result.exception} for {shown}"
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    if result.exit_code == 2:
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1, shown
    elif result.exit_code == 1:
        assert any(line.startswith("communique") for line in result.stderr.splitlines()), shown


@pytest.mark.parametrize("path, param", PARAMS, ids=[f"{' '.join(p)} {q.name}" for p, q in PARAMS])
def test_no_hostile_value_ends_in_a_traceback(world, tmp_path, monkeypatch, path, param):
    from communique import cli_store

    monkeypatch.chdir(tmp_path)  # a value taken as a file name lands here
    monkeypatch.setattr(cli_store, "find_examples", lambda: world["examples"])  # one short sample
    runner = CliRunner()
    for raw in HOSTILE:
        value = raw.format(tmp=world["tmp"]) if raw.startswith("{tmp}") else raw
        args = _args(path, param, value, world)
        _check(runner.invoke(main, args), args)
    assert not (tmp_path / "pwned").exists()


def test_the_table_covers_every_command():
    assert {p for p, _ in PARAMS} == RUNS and len(PARAMS) >= 40
    if UNCOVERED:
        pytest.skip("no base invocation in _base yet for: " + ", ".join(" ".join(p) for p in UNCOVERED))


@pytest.mark.parametrize("args, says", [
    (["events", "--limit", "9223372036854775808"], "out of range"),
    (["events", "--limit", "-1"], "out of range"),
    (["events", "--min-confidence", "nan"], "from 0 to 1"),
    (["events", "--since", "2024-02-30"], "not a valid date"),
    (["events", "--db", "postgresql://u@[::1"], "not a database URL"),
    (["events", "--db", "{tmp}"], "is a directory"),
    (["export", "--format", "csv", "--out", "{tmp}"], "it is a directory"),
    (["export", "--format", "csv", "--out", ""], "empty value"),
    (["export", "--format", "csv", "--out", "/dev/null"], "it is a device"),
    (["extract", "", "-q"], "empty value"),
    (["extract", "x\x00y"], "control characters"),
    (["events", "--actor", "\u202eDNI"], "direction marks"),
    (["extract", "x.txt", "--model", "no_such_pipeline"], "no spaCy pipeline"),
    (["eval", "plover", "{tmp}"], "is a directory"),
])
def test_each_bad_value_is_a_usage_error_that_says_what_to_give(world, args, says):
    result = CliRunner().invoke(main, [a.format(tmp=world["tmp"]) if "{tmp}" in a else a for a in args])
    assert result.exit_code == 2, result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert says in line


def test_no_file_or_database_is_touched_by_a_refused_option(world, tmp_path):
    before = {p: os.stat(p).st_mtime_ns for p in (world["db"],)}
    db = tmp_path / "new.db"
    for args in (["ingest", world["article"], "--db", str(db), "--batch-size", "0"],
                 ["ingest", world["article"], "--db", str(db), "--model", "no_such_pipeline"],
                 ["ingest", world["article"], "--db", str(db), "--published", "2024-13-01"],
                 ["events", "--db", world["db"], "--limit", "9223372036854775808"]):
        assert CliRunner().invoke(main, args).exit_code == 2
    assert not db.exists()
    assert {p: os.stat(p).st_mtime_ns for p in before} == before
