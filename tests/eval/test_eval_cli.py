"""`communique eval ...` on tiny fixtures written for these tests (loads the model)."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import main

pytestmark = pytest.mark.model

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args):
    result = CliRunner().invoke(main, ["eval", *map(str, args)], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}\n{result.stderr}")
    return result


def test_plover_json_and_table(tmp_path):
    r = run("plover", FIXTURES / "plover_tiny.jsonl", "--json", "--errors", "2", "-q")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["eval"] == "plover" and data["sentences"] == 3 and data["primary"] == "all"
    assert set(data["variants"]) == {"all", "top"}
    assert 0 <= data["headline"]["all.category_f1"] <= 1 and len(data["errors"]) <= 2
    out = tmp_path / "r.json"
    r = run("plover", FIXTURES / "plover_tiny.jsonl", "--out", out)
    assert r.exit_code == 0 and "Per category" in r.stdout and "Confusion" in r.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["gold_events"] == 3


def test_plover_min_confidence_scores_fewer_events():
    def predicted(*extra):
        r = run("plover", FIXTURES / "plover_tiny.jsonl", "--json", "-q", *extra)
        assert r.exit_code == 0, r.stderr
        cat = json.loads(r.stdout)["variants"]["all"]["category"]
        return cat["tp"] + cat["fp"]

    everything = predicted()
    assert everything > 0
    assert predicted("--min-confidence", "1.0") < everything
    assert run("plover", FIXTURES / "plover_tiny.jsonl", "--min-confidence", "1.5").exit_code == 2


def test_re3d_bio_and_raw():
    r = run("re3d", FIXTURES / "re3d_tiny.txt", "--json")
    data = json.loads(r.stdout)
    assert r.exit_code == 0 and data["form"] == "bio" and data["units"] == 2
    assert set(data["per_type"]) >= {"Weapon", "Person"} and data["mapping"] == "records"
    r = run("re3d", FIXTURES / "re3d", "--mapping", "records+ner", "--json")
    data = json.loads(r.stdout)
    assert data["form"] == "raw" and data["units"] == 1 and data["ner_mapping"]
    r = run("re3d", FIXTURES / "re3d")
    assert "macro-F1" in r.stdout and "Mapping" in r.stdout


def test_meantime():
    r = run("meantime", FIXTURES / "meantime", "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["documents"] == 1
    times = data["times"]["lenient"]
    assert times["tp"] + times["fn"] == 3
    assert set(data["coreference"]) >= {"muc", "b_cubed"}
    assert "Coreference" in run("meantime", FIXTURES / "meantime").stdout


def test_quotes_default_gold_and_a_file():
    data = json.loads(run("quotes", "--json").stdout)
    assert data["gold_quotes"] >= 40 and "speaker_accuracy" in data["headline"]
    r = run("quotes", FIXTURES / "quotes_tiny.jsonl")
    assert r.exit_code == 0 and "Content spans" in r.stdout


def test_a_malformed_gold_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    r = run("plover", bad)
    assert r.exit_code == 1
    assert r.stderr.strip().startswith("communique: error:") and "bad.jsonl:1" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def _gold_dir(tmp_path):
    gold = tmp_path / "gold"
    (gold / "plover").mkdir(parents=True)
    shutil.copy(FIXTURES / "plover_tiny.jsonl", gold / "plover" / "dev.jsonl")
    shutil.copytree(FIXTURES / "re3d", gold / "re3d")
    (gold / "re3d" / "conflibert-split").mkdir()
    shutil.copy(FIXTURES / "re3d_tiny.txt", gold / "re3d" / "conflibert-split" / "test.txt")
    shutil.copytree(FIXTURES / "meantime", gold / "meantime")
    return gold


def test_gate_passes_and_fails_naming_the_score(tmp_path):
    gold = _gold_dir(tmp_path)
    floors = {"comment": "test", "plover": {"all.category_f1": 0.0}, "re3d_test": {"macro_f1": 0.0},
              "re3d_raw": {"micro_f1": 0.0}, "meantime": {"time_lenient_f1": 0.0}, "quotes": {"overlap_recall": 0.0}}
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(floors), encoding="utf-8")
    r = run("gate", "--gold", gold, "--floors", path, "--json", "-q")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["passed"] and len(data["checks"]) == 5 and not data["skipped"]

    floors["plover"]["all.category_f1"] = 1.01
    path.write_text(json.dumps(floors), encoding="utf-8")
    r = run("gate", "--gold", gold, "--floors", path, "-q")
    assert r.exit_code == 1
    assert "plover all.category_f1" in r.stderr and "below its floor 1.0100" in r.stderr


def test_gate_without_gold_scores_the_shipped_quotes_only(tmp_path):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"plover": {"all.category_f1": 0.5}, "quotes": {"overlap_recall": 0.0}}),
                    encoding="utf-8")
    r = run("gate", "--gold", tmp_path / "none", "--floors", path, "-q")
    assert r.exit_code == 0, r.stderr
    assert "skipped plover" in r.stderr


def test_gate_with_a_missing_floors_file(tmp_path):
    r = run("gate", "--floors", tmp_path / "nope.json")
    assert r.exit_code == 1 and "communique: error:" in r.stderr and "floors" in r.stderr


NEWS = FIXTURES / "newsset" / "gold" / "news"


def test_news_all_parts_errors_from_read_part_only():
    r = run("news", NEWS, "--json", "--errors", "50", "-q")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["eval"] == "news" and data["articles"] == {"all": 2, "read": 1, "unread": 1}
    h = data["headline"]
    for key in ("event_f1", "record_f1", "date_accuracy", "aux_accuracy", "actor_recall",
                "actor_country_accuracy", "actor_sector_accuracy"):
        assert 0 <= h[key] <= 1 and f"read.{key}" in h and f"unread.{key}" in h
    # "news-c" is the read article: errors only ever come from it unless --part unread asks
    assert data["errors_part"] == "read" and {e["article"] for e in data["errors"]} <= {"news-c"}
    r = run("news", NEWS / "tiny.jsonl")
    assert r.exit_code == 0 and "read" in r.stdout and "unread" in r.stdout and "event_f1" in r.stdout


def test_news_one_part_and_corpus_override(tmp_path):
    corpus = tmp_path / "elsewhere.jsonl"
    shutil.copy(FIXTURES / "newsset" / "corpus" / "tinywire.jsonl", corpus)
    gold = tmp_path / "g" / "tiny.jsonl"   # no corpus beside it: --corpus must say where
    gold.parent.mkdir()
    shutil.copy(NEWS / "tiny.jsonl", gold)
    r = run("news", gold, "-q")
    assert r.exit_code == 1 and "cannot read the corpus" in r.stderr and "--corpus" in r.stderr
    for spec in (f"tinywire={corpus}", str(corpus)):
        r = run("news", gold, "--corpus", spec, "--part", "unread", "--errors", "5", "--json", "-q")
        assert r.exit_code == 0, r.stderr
        data = json.loads(r.stdout)
        assert data["articles"] == {"unread": 1} and all(k.startswith("unread.") for k in data["headline"])
        assert {e["article"] for e in data["errors"]} <= {"news-a"}


def test_news_malformed_gold_is_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text((NEWS / "tiny.jsonl").read_text(encoding="utf-8") + '{"id": "z", "corpus": 3}\n',
                   encoding="utf-8")
    r = run("news", bad)
    assert r.exit_code == 1 and "bad.jsonl:3" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_cameo_parts_and_part_option():
    r = run("cameo", FIXTURES / "cameo_tiny.jsonl", "--json", "--errors", "10", "-q")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    h = data["headline"]
    assert data["eval"] == "cameo" and set(data["parts"]) == {"all", "read", "unread"}
    counts = data["parts"]["all"]
    assert counts["negatives"] == 1 and counts["category_roots"] == 2 and counts["detection"]["fn"] + \
        counts["detection"]["tp"] == 3                                       # cam-4 (event null) takes no part
    assert h["false_event_rate"] + h["negative_accuracy"] == 1.0
    assert {"category_f1", "quad_accuracy", "target_span_agreement", "read.category_f1"} <= set(h)
    assert all(e["id"] != "cam-3" for e in data["errors"])                 # cam-3 is unread
    r = run("cameo", FIXTURES / "cameo_tiny.jsonl", "--part", "read", "-q")
    assert r.exit_code == 0 and "unread" not in r.stdout and "category_f1" in r.stdout


def test_plover_and_meantime_take_part():
    data = json.loads(run("plover", FIXTURES / "plover_tiny.jsonl", "--json", "-q").stdout)
    assert {"all.category_f1", "read.all.category_f1", "unread.top.dyad_f1"} <= set(data["headline"])
    data = json.loads(run("plover", FIXTURES / "plover_tiny.jsonl", "--part", "read", "--json", "-q").stdout)
    assert data["part"] == "read" and all(k.startswith("read.") for k in data["headline"])
    data = json.loads(run("meantime", FIXTURES / "meantime", "--json", "-q").stdout)
    assert "time_value_accuracy" in data["headline"] and "read.time_value_accuracy" in data["headline"]


def test_gate_runs_news_and_cameo(tmp_path):
    gold = tmp_path / "gold"
    (gold / "news").mkdir(parents=True)
    (gold / "cameo-news").mkdir()
    (tmp_path / "corpus").mkdir()
    shutil.copy(NEWS / "tiny.jsonl", gold / "news" / "dev.jsonl")
    shutil.copy(FIXTURES / "newsset" / "corpus" / "tinywire.jsonl", tmp_path / "corpus")
    shutil.copy(FIXTURES / "cameo_tiny.jsonl", gold / "cameo-news" / "dev.jsonl")
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"news": {"event_f1": 0.0, "unread.record_f1": 0.0},
                                "cameo": {"negative_accuracy": 0.0, "read.category_f1": 0.0}}), encoding="utf-8")
    r = run("gate", "--gold", gold, "--floors", path, "--json", "-q")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["passed"] and len(data["checks"]) == 4 and not data["skipped"]
