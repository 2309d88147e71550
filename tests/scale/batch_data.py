"""Small articles of our own for the batch tests, written as JSONL (a bad line among them)."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

COUNTRIES = ["Chile", "Peru", "Bolivia", "Ghana", "Kenya", "Nepal", "Laos", "Chad", "Oman", "Fiji"]
VERBS = ["signed a trade accord with", "accused", "met", "praised", "criticised"]


def write_jsonl(path: Path, n: int = 14, bad_line: int | None = 5) -> Path:
    lines = []
    for i in range(n):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i + 3) % 10]
        text = f"{a} {VERBS[i % 5]} {b} on Tuesday, officials said in report {i}."
        lines.append(json.dumps({"id": f"r{i}", "text": text, "published": "2023-03-0" + str(1 + i % 9)}))
    if bad_line is not None:
        lines.insert(bad_line - 1, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def same_folders(a: Path, b: Path) -> bool:
    """Whether two batch folders hold the same files with the same bytes."""
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)
