"""The gate's floors file and comparisons, with stand-in reports (no model)."""

import json
from dataclasses import dataclass, field

import pytest

from communique.eval import gate
from communique.eval.gate import Check, FloorsError, load_floors, run_gate


def _floors(tmp_path, data):
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_floors_ignores_the_comment(tmp_path):
    floors = load_floors(_floors(tmp_path, {"comment": "raised as we improve", "plover": {"all.category_f1": 0.5}}))
    assert floors == {"plover": {"all.category_f1": 0.5}}


@pytest.mark.parametrize("data, message", [
    ({"plovr": {"x": 1}}, "unknown gold set 'plovr'"),
    ({"plover": {"all.category_f1": "high"}}, "expected"),
])
def test_load_floors_errors(tmp_path, data, message):
    with pytest.raises(FloorsError, match=message):
        load_floors(_floors(tmp_path, data))


def test_load_floors_missing_file(tmp_path):
    with pytest.raises(FloorsError, match="cannot read"):
        load_floors(tmp_path / "nope.json")


@dataclass
class FakeReport:
    scores: dict
    failures: list = field(default_factory=list)

    def headline(self):
        return self.scores


def test_run_gate_compares_and_skips(tmp_path, monkeypatch):
    (tmp_path / "plover").mkdir()
    (tmp_path / "plover" / "dev.jsonl").write_text("", encoding="utf-8")
    monkeypatch.setitem(gate.GOLD_SETS, "plover", ("plover/dev.jsonl",
                        lambda gold, **kw: FakeReport({"all.category_f1": 0.6, "all.dyad_f1": 0.2})))
    floors = {"plover": {"all.category_f1": 0.55, "all.dyad_f1": 0.25}, "meantime": {"time_value_accuracy": 0.5}}
    result = run_gate(tmp_path, floors)
    assert [c.ok for c in result.checks] == [True, False]
    assert result.below == [Check("plover", "all.dyad_f1", 0.2, 0.25)]
    assert "meantime" in result.skipped and not result.passed
    assert result.to_dict()["below_floor"][0]["metric"] == "all.dyad_f1"


def test_run_gate_fails_on_extraction_failures_and_unknown_metrics(tmp_path, monkeypatch):
    monkeypatch.setitem(gate.GOLD_SETS, "quotes", (None, lambda gold, **kw: FakeReport({"a": 1.0}, ["q1: boom"])))
    result = run_gate(tmp_path, {"quotes": {"a": 0.5}})
    assert not result.below and not result.passed
    with pytest.raises(FloorsError, match="no score 'b'"):
        run_gate(tmp_path, {"quotes": {"b": 0.5}})
