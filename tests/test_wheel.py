"""The package stands on its own: the sample articles are package data, identical to
examples/, and `communique demo` runs from an installed wheel away from any checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "src" / "communique" / "samples"


def test_package_samples_are_the_examples():
    shipped = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".jsonl"))
    examples = sorted(p.name for p in (REPO / "examples").iterdir() if p.suffix in (".txt", ".jsonl"))
    assert shipped == examples and len(shipped) == 4
    for name in shipped:
        assert (SAMPLES / name).read_bytes() == (REPO / "examples" / name).read_bytes(), \
            f"src/communique/samples/{name} differs from examples/{name}: run python examples/make_jsonl.py"


@pytest.mark.model
def test_demo_runs_from_an_installed_wheel(tmp_path):
    wheels, site, work = tmp_path / "wheels", tmp_path / "site", tmp_path / "work"
    work.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(REPO)], check=True, timeout=300,
                   capture_output=True)
    (wheel,) = wheels.glob("communique-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True, timeout=300,
                   capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import communique; print(communique.__file__)"], cwd=work,
                           env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site))
    demo = subprocess.run([sys.executable, "-m", "communique.cli", "demo", "--quiet", "--db",
                           f"sqlite:///{work / 'demo.db'}"], cwd=work, env=env, capture_output=True, text=True,
                          timeout=600)
    assert demo.returncode == 0, demo.stderr
    assert "Dyads with most events" in demo.stdout and "Latest events" in demo.stdout
