"""Every CLI command and every option of each command is documented in README.md
(as sqlite-utils' tests/test_docs.py does for its CLI)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from communique.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _options(command: click.Command) -> list[str]:
    """Every long and short flag of a command, except --help, which every command has."""
    return [
        opt
        for param in command.params
        if isinstance(param, click.Option)
        for opt in param.opts + param.secondary_opts
        if opt not in ("--help", "-h")
    ]


def _mentions(text: str, flag: str) -> bool:
    # A flag as a word of its own: "-j" must not be found inside "--jsonl" or "re-json".
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


COMMANDS = sorted(main.commands)
OPTIONS = [("", opt) for opt in _options(main)] + [
    (name, opt) for name in COMMANDS for opt in _options(main.commands[name])
]


def test_readme_exists():
    assert README.exists()


def test_there_is_something_to_document():
    assert COMMANDS and OPTIONS


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_documented(name):
    assert f"communique {name}" in _readme(), f"README.md does not show `communique {name}`"


@pytest.mark.parametrize("name, option", OPTIONS, ids=[f"{n or 'communique'} {o}" for n, o in OPTIONS])
def test_option_is_documented(name, option):
    assert _mentions(_readme(), option), f"README.md does not mention {option} of `communique {name}`".strip()


def test_mentions_is_a_whole_flag():
    assert _mentions("use -j 4 or --format json", "-j") and _mentions("(--format)", "--format")
    assert not _mentions("--jsonl", "-j") and not _mentions("--formats", "--format")
