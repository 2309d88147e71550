"""Every `communique eval` subcommand and each of its options is documented in README.md
(tests/test_docs.py checks the top-level commands; groups need this one)."""

import re
from pathlib import Path

import click
import pytest

from communique.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"
EVAL = main.commands["eval"]
assert isinstance(EVAL, click.Group)

OPTIONS = [(name, opt) for name, cmd in sorted(EVAL.commands.items()) for p in cmd.params
           if isinstance(p, click.Option) for opt in p.opts + p.secondary_opts if opt not in ("--help", "-h")]


def _section() -> str:
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EVAL.commands))
def test_eval_command_is_documented(name):
    assert f"communique eval {name}" in _section()


@pytest.mark.parametrize("name, option", OPTIONS, ids=[f"eval {n} {o}" for n, o in OPTIONS])
def test_eval_option_is_documented(name, option):
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", _section()), \
        f"README.md does not mention {option} of `communique eval {name}`"


@pytest.mark.parametrize("name", sorted(EVAL.commands))
def test_eval_help_mentions_every_option_with_help_text(name):
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["eval", name, "--help"])
    assert result.exit_code == 0
    for param in EVAL.commands[name].params:
        if isinstance(param, click.Option):
            assert param.help, f"eval {name} {param.opts[0]} has no help text"
            for opt in param.opts + param.secondary_opts:
                assert opt in result.stdout
