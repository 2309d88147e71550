"""Write examples/articles.jsonl from the example .txt files beside this script.

Run once after editing an example: ``python examples/make_jsonl.py``. The
bodies are what the text reader yields (header line removed), so both forms
of an example give the same character offsets.
"""

from __future__ import annotations

import json
from pathlib import Path

from communique.readers import read_text_file

HERE = Path(__file__).resolve().parent

TITLES = {
    "2024-05-10-japan-philippines-talks": "Japan and Philippines agree to deepen maritime security ties",
    "2024-07-03-south-korea-bangladesh-flood-aid": "South Korea pledges flood aid to Bangladesh",
    "2024-09-17-kyrgyzstan-tajikistan-border-attack": "Kyrgyzstan accuses Tajikistan of deadly border attack",
}


def main() -> None:
    lines = []
    for path in sorted(HERE.glob("*.txt")):
        article = read_text_file(str(path))
        record = {
            "id": path.stem,
            "title": TITLES[path.stem],
            "published": article.published.isoformat() if article.published else None,
            "text": article.text,
            "source": "Communique examples",
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    (HERE / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
