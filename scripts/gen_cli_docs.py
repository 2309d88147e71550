"""Write docs/cli.md, the command-line reference, from the click commands themselves.

    python scripts/gen_cli_docs.py          # rewrite docs/cli.md
    python scripts/gen_cli_docs.py --check  # exit 1 if docs/cli.md is out of date

tests/test_cli_docs.py runs the check, so the reference cannot drift from the code.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

import click

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"

HEADER = """# Command-line reference

Generated from the commands by `python scripts/gen_cli_docs.py`; do not edit by hand.
Every command also prints this with `--help`. The README has the quick start, and
[exports.md](exports.md) the columns of each export format.
"""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _command(name: str, command: click.Command, parent: click.Context) -> list[str]:
    ctx = click.Context(command, info_name=name, parent=parent)
    usage = " ".join(command.collect_usage_pieces(ctx))
    out = [f"## `{parent.command_path} {name}`", "", "```", f"{parent.command_path} {name} {usage}".rstrip(),
           "```", ""]
    help_text = inspect.cleandoc(command.help or "").replace("\b\n", "")
    if help_text:
        out += [help_text, ""]
    rows = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        opts, help_ = record
        rows.append(f"| `{_cell(opts)}` | {_cell(help_)} |")
    if rows:
        out += ["| option | meaning |", "| --- | --- |", *rows, ""]
    if isinstance(command, click.Group):
        for sub in sorted(command.commands):
            out += _command(sub, command.commands[sub], ctx)
    return out


def render() -> str:
    from communique.cli import main

    # The same settings (-h beside --help) a real invocation gets; click caches help options.
    root = click.Context(main, info_name="communique", **main.context_settings)
    lines = [HEADER, "## `communique`", "", inspect.cleandoc(main.help or ""), ""]
    for name in sorted(main.commands):
        lines += _command(name, main.commands[name], root)
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that docs/cli.md is current")
    args = ap.parse_args()
    text = render()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is out of date: run python scripts/gen_cli_docs.py")
        return
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
