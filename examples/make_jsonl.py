"""Write examples/articles.jsonl from the example .txt files beside this script, and copy
all four files into the package (src/communique/samples/, what ``communique demo`` reads
when installed from a wheel; a test checks the copies are the same).

Run once after editing an example: ``python examples/make_jsonl.py``. The
bodies are what the text reader yields (header line removed), so both forms
of an example give the same character offsets.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from communique.readers import read_text_file

HERE = Path(__file__).resolve().parent
PACKAGE_SAMPLES = HERE.parent / "src" / "communique" / "samples"

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
    for path in [HERE / "articles.jsonl", *sorted(HERE.glob("*.txt"))]:
        shutil.copyfile(path, PACKAGE_SAMPLES / path.name)


if __name__ == "__main__":
    main()
