"""A longer fuzzing run than CI's: the hypothesis properties of tests/fuzz/ with every
example count multiplied.

    python scripts/fuzz.py [--scale 10] [--seed N] [-k EXPR]

It prints how many generated inputs were tried; any failure is shown with the smallest
input hypothesis found for it, ready to become a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10.0,
                        help="multiply each property's number of examples (CI uses 1)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed, to repeat a run")
    parser.add_argument("-k", dest="select", default=None, help="only the properties matching EXPR (pytest -k)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    env = {**os.environ, "COMMUNIQUE_FUZZ_SCALE": str(args.scale)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "fuzz")]
    if args.seed is not None:
        command.append(f"--hypothesis-seed={args.seed}")
    if args.select:
        command += ["-k", args.select]
    return subprocess.call(command, env=env, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
