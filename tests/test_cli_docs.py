"""docs/cli.md is the reference generated from the click commands: it must be current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from communique.cli import main

REPO = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", REPO / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current():
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == _generator().render(), "docs/cli.md is out of date: run python scripts/gen_cli_docs.py"


def test_cli_reference_covers_every_command_and_option():
    text = _generator().render()
    for name, command in main.commands.items():
        assert f"## `communique {name}`" in text
        for param in command.params:
            if isinstance(param, click.Option):
                assert all(opt in text for opt in param.opts), (name, param.opts)


def test_export_schemas_are_documented():
    from communique.store.export_gdelt import GDELT_COLUMNS, ICEWS_COLUMNS
    from communique.store.export_rows import FLAT_COLUMNS

    text = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    for name, kind, _ in FLAT_COLUMNS:
        assert f"| `{name}` |" in text, f"docs/exports.md has no row for the flat column {name}"
    for name in ICEWS_COLUMNS:
        assert f"`{name}`" in text, f"docs/exports.md does not describe the ICEWS column {name}"
    prefixes = ("Actor1", "Actor2", "Actor*", "ActionGeo_")
    for name in GDELT_COLUMNS:
        assert f"`{name}`" in text or any(name.startswith(p.rstrip("*")) and f"`{p}" in text for p in prefixes), name
