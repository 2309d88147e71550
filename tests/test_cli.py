"""The command line: options, output formats, and one-line errors for bad inputs.

Most tests run in-process with click's CliRunner, so the spaCy pipeline loads once;
two run the installed console script in a real subprocess.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import communique
from communique.cli import main
from communique.readers import MAX_BYTES

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))
JP = EXAMPLES / "2024-05-10-japan-philippines-talks.txt"
JSONL = EXAMPLES / "articles.jsonl"
JSONL_IDS = [json.loads(line)["id"] for line in JSONL.read_text(encoding="utf-8").splitlines()]
TOP_KEYS = {"article", "actors", "events", "quotes", "times", "places"}
ARTICLE_KEYS = {"id", "title", "published", "url", "source", "summary", "text"}
SCRIPT = Path(sys.executable).parent / "communique"


def invoke(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Result:
    """Run the CLI in-process; no exception may escape it (that would be a traceback for the user)."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}\n"
                             f"stderr: {result.stderr}") from result.exception
    return result


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("communique: error:")]


def extract_json(*args: str, **kw) -> tuple[Result, object]:
    result = invoke("extract", *args, "--format", "json", **kw)
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


# --- version and help ---------------------------------------------------------------------


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"communique, version {communique.__version__}"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_group_help_lists_the_commands(flag):
    result = invoke(flag)
    assert result.exit_code == 0
    for name in main.commands:
        assert name in result.stdout
    assert "--version" in result.stdout


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_help_mentions_every_option(name):
    command = main.commands[name]
    result = invoke(name, "--help")
    assert result.exit_code == 0
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts + param.secondary_opts:
                assert opt in result.stdout, f"{name} --help does not mention {opt}"
            assert param.help, f"{name} {param.opts[0]} has no help text"
    if command.params and isinstance(command.params[0], click.Argument):
        argument = command.params[0]
        assert (argument.metavar or argument.name.upper()) in result.stdout


def test_extract_without_paths_is_a_usage_error():
    result = invoke("extract")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_unknown_format_is_a_usage_error():
    result = invoke("extract", JP, "--format", "xml")
    assert result.exit_code == 2
    assert "--format" in result.stderr and "xml" in result.stderr


# --- output formats -----------------------------------------------------------------------


def test_json_of_one_file_is_one_object_with_the_contract_keys():
    result, payload = extract_json(JP)
    assert result.exit_code == 0, result.stderr
    assert isinstance(payload, dict)
    assert set(payload) >= TOP_KEYS
    assert set(payload["article"]) >= ARTICLE_KEYS
    assert payload["article"]["published"] == "2024-05-10"
    assert payload["article"]["summary"].startswith("Foreign Minister Kenji Arakawa")
    assert payload["article"]["text"].startswith("Japan and the Philippines on Friday")
    assert payload["events"] and payload["actors"] and payload["quotes"]
    assert result.stderr == ""


def test_json_is_the_default_when_stdout_is_not_a_terminal():
    result = invoke("extract", JP)
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)) >= TOP_KEYS


def test_jsonl_over_the_examples_directory_is_one_line_per_article_in_path_order():
    result = invoke("extract", EXAMPLES, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # The three .txt files, then articles.jsonl ('2...' sorts before 'a...'), line by line.
    assert len(lines) == len(EXAMPLE_FILES) + len(JSONL_IDS)
    records = [json.loads(line) for line in lines]
    assert all(set(r) >= TOP_KEYS for r in records)
    published = [r["article"]["published"] for r in records]
    assert published[:3] == [p.name[:10] for p in EXAMPLE_FILES]
    assert [r["article"]["id"] for r in records[3:]] == JSONL_IDS
    # The same bodies in both forms.
    assert [r["article"]["text"] for r in records[:3]] == [r["article"]["text"] for r in records[3:]]


def test_jsonl_file_alone_gives_a_json_list_with_its_ids():
    result, payload = extract_json(JSONL)
    assert result.exit_code == 0
    assert isinstance(payload, list)
    assert [x["article"]["id"] for x in payload] == JSONL_IDS
    assert all(x["article"]["title"] and x["article"]["source"] == "Communique examples" for x in payload)


def test_directory_and_jsonl_give_one_json_list_in_input_order(tmp_path):
    shutil.copy(JP, tmp_path / JP.name)
    result, payload = extract_json(tmp_path, JSONL)
    assert result.exit_code == 0, result.stderr
    assert isinstance(payload, list) and len(payload) == 1 + len(JSONL_IDS)
    assert payload[0]["article"]["published"] == "2024-05-10"
    assert [x["article"]["id"] for x in payload[1:]] == JSONL_IDS


def test_two_files_give_a_list():
    result, payload = extract_json(*EXAMPLE_FILES[:2])
    assert isinstance(payload, list) and len(payload) == 2


def test_published_overrides_the_header_and_relative_dates():
    result, payload = extract_json(JP, "--published", "2020-01-01")
    assert result.exit_code == 0
    assert payload["article"]["published"] == "2020-01-01"
    times = {t["text"]: t["value"] for t in payload["times"]}
    # 2020-01-01 was a Wednesday: the reported Friday and Thursday are the days before it.
    assert times["Friday"] == "2019-12-27"
    assert times["Thursday"] == "2019-12-26"
    assert times["next year"] == "2021"
    assert times["2019"] == "2019"
    # Events without a time of their own take the overriding publication date.
    days = [e["date"] for e in payload["events"] if e["date_precision"] == "day"]
    assert days and all("2019-12-26" <= d <= "2020-01-01" for d in days), days


def test_published_overrides_jsonl_dates():
    result, payload = extract_json(JSONL, "--published", "2020-01-01")
    assert {x["article"]["published"] for x in payload} == {"2020-01-01"}


@pytest.mark.parametrize("value", ["2020-13-01", "yesterday", "01/02/2020", "2020-02-30"])
def test_invalid_published_is_a_usage_error(value):
    result = invoke("extract", JP, "--published", value)
    assert result.exit_code == 2
    assert "--published" in result.stderr and value in result.stderr
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_table_shows_events_people_quotes_and_evidence():
    result = invoke("extract", JP, "--format", "table", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for section in ("Events", "People", "Quotes"):
        assert section in out
    assert "published 2024-05-10" in out
    assert "CONSULT" in out and "Kenji Arakawa" in out and "Teresa Villanueva" in out
    # Evidence: the trigger word with its sentence around it.
    assert "arrived in Manila on Thursday" in out
    assert "described the talks as" in out
    assert not out.lstrip().startswith(("{", "["))


def test_table_lists_typed_entities_no_other_record_holds(tmp_path):
    path = tmp_path / "arms.txt"
    path.write_text("Rebels fired rocket-propelled grenades at two armoured vehicles near Goma on Monday.\n",
                    encoding="utf-8")
    result = invoke("extract", str(path), "--format", "table", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    line = next(l for l in result.stdout.splitlines() if l.startswith("Entities:"))
    assert "Weapon: rocket-propelled grenades" in line and "armoured vehicles" in line
    assert "Rebels" not in line


def test_table_of_several_articles_shows_each():
    result = invoke("extract", *EXAMPLE_FILES, "--format", "table", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.stdout.count("Events") == len(EXAMPLE_FILES)
    for p in EXAMPLE_FILES:
        assert f"published {p.name[:10]}" in result.stdout


def test_stdin():
    body = JP.read_text(encoding="utf-8")
    result, payload = extract_json("-", input=body)
    assert result.exit_code == 0, result.stderr
    assert isinstance(payload, dict)
    assert payload["article"]["published"] == "2024-05-10"
    assert payload["article"]["text"].startswith("Japan and the Philippines")
    assert payload["events"]


def test_stdin_with_files_and_published():
    result, payload = extract_json(EXAMPLE_FILES[1], "-", "--published", "2024-05-10",
                                   input="Japan and the Philippines held talks in Manila on Friday.")
    assert result.exit_code == 0
    assert [x["article"]["published"] for x in payload] == ["2024-05-10", "2024-05-10"]
    assert payload[1]["article"]["text"].startswith("Japan and the Philippines held talks")


def test_empty_stdin_is_an_error():
    result = invoke("extract", "-", "--format", "json", input="")
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "<stdin>" in line and "empty" in line


# --- bad input ----------------------------------------------------------------------------


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-article.txt"


def _empty_dir(tmp: Path) -> Path:
    (tmp / "nothing-here").mkdir()
    (tmp / "nothing-here" / "notes.py").write_text("x = 1\n")
    return tmp / "nothing-here"


def _write(name: str, content: bytes):
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(content)
        return tmp / name
    return make


def _too_large(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    line = b"Japan and the Philippines held talks in Manila on Friday.\n"
    path.write_bytes(line * (MAX_BYTES // len(line) + 2))
    assert path.stat().st_size > MAX_BYTES
    return path


BAD_INPUTS = {
    "missing path": (_missing, "no such file"),
    "directory without articles": (_empty_dir, "no articles found"),
    "empty file": (_write("empty.txt", b""), "empty"),
    "whitespace-only file": (_write("blank.txt", b"  \n\n\t\n"), "empty"),
    "binary file with NULs": (_write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), "binary"),
    "binary file type": (_write("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "binary"),
    "invalid UTF-8": (_write("latin1.txt", "Caf\u00e9 talks in Montr\u00e9al on Friday.".encode("latin-1")),
                      "UTF-8"),
    "text over 5 MB": (_too_large, "too large"),
    "malformed HTML": (_write("broken.html", b"<html><body><div><p>unclosed <<<>>> <table><tr><td>"),
                       "HTML"),
    "bad date header": (_write("bad-header.txt", b"date 2024-02-30 Standfirst.\n\nJapan and the Philippines met."),
                        "date"),
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_is_one_line_naming_the_file_and_the_rest_still_runs(kind, tmp_path):
    make, reason = BAD_INPUTS[kind]
    bad = make(tmp_path)
    result, payload = extract_json(bad, JP)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    errors = error_lines(result)
    assert len(errors) == 1, result.stderr
    assert str(bad) in errors[0], f"the error line does not name {bad}: {result.stderr!r}"
    assert reason.lower() in errors[0].lower()
    # Apart from the error and one closing summary, stderr is quiet.
    assert len(result.stderr.splitlines()) == 2, result.stderr
    # The good input is still extracted and printed.
    assert isinstance(payload, list) and len(payload) == 1
    assert payload[0]["article"]["published"] == "2024-05-10" and payload[0]["events"]


def test_malformed_jsonl_line_names_file_and_line_and_keeps_the_good_lines(tmp_path):
    good = JSONL.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([good[0], '{"id": "broken", "text": "unterminated', good[1],
                               '{"id": "no-text"}', good[2]]) + "\n", encoding="utf-8")
    result = invoke("extract", path, JP, "--format", "jsonl")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    errors = error_lines(result)
    assert len(errors) == 2, result.stderr
    assert f"{path}:2:" in errors[0] and "invalid JSON" in errors[0]
    assert f"{path}:4:" in errors[1] and "'text'" in errors[1]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in records[:3]] == JSONL_IDS
    assert records[3]["article"]["published"] == "2024-05-10"


def test_every_bad_input_at_once(tmp_path):
    bad = [make(tmp_path) for make, _ in BAD_INPUTS.values()]
    result = invoke("extract", bad[0], JP, *bad[1:], "--format", "jsonl")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    errors = error_lines(result)
    assert len(errors) == len(bad)
    # Errors are reported in input order, each naming its own input.
    for path, line in zip(bad, errors):
        assert str(path) in line
    assert f"{len(bad)} input(s) failed" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_only_bad_input_prints_nothing_on_stdout(tmp_path):
    result = invoke("extract", tmp_path / "missing.txt", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(error_lines(result)) == 1


def test_unknown_model_is_a_clear_error():
    result = invoke("extract", JP, "--model", "no_such_model")
    # Checked with the other options, before any input is read: a usage error.
    assert result.exit_code == 2
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert "no_such_model" in line
    assert "--model" in result.stderr or "install" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- the installed console script, in a real process --------------------------------------


def run_script(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    assert SCRIPT.exists(), f"console script not installed at {SCRIPT}"
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          input=stdin, timeout=300, cwd=REPO)


def test_console_script_version_and_help():
    proc = run_script("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"communique, version {communique.__version__}"
    proc = run_script("extract", "--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("Usage: communique extract")


def test_python_dash_m_works():
    proc = subprocess.run([sys.executable, "-m", "communique.cli", "--help"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and "extract" in proc.stdout


def test_console_script_extracts_and_reports_bad_input(tmp_path):
    """Piped stdout: JSON by default; a bad input: one error line, exit status 1, no traceback."""
    missing = tmp_path / ("a-directory-with-a-long-name-so-the-error-line-is-wide" * 2) / "missing-article.txt"
    proc = run_script("extract", "examples/" + JP.name, missing)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 2, proc.stderr
    assert lines[0].startswith("communique: error: ") and str(missing) in lines[0]
    payload = json.loads(proc.stdout)
    assert isinstance(payload, list) and len(payload) == 1
    assert payload[0]["article"]["published"] == "2024-05-10"
