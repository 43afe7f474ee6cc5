"""Rebuild ``samples/wikinews.jsonl`` from GUM's Wikinews news documents.

GUM (Zeldes 2017) news texts are Wikinews articles under CC BY 2.5; each CoNLL-U
file carries the title, creation date and source URL.  Run from the repo root:

    python scripts/make_samples.py ../shared/data/gum/dep samples/wikinews.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def gum_document(path: Path) -> dict[str, str]:
    meta: dict[str, str] = {}
    paragraphs: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::"):
            key, _, value = line[len("# meta::"):].partition(" = ")
            meta[key] = value
        elif line.startswith("# newpar"):
            if not line.startswith("# newpar_block"):
                paragraphs.append([])
        elif line.startswith("# text = "):
            if not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(line[len("# text = "):])
    blocks = [" ".join(p) for p in paragraphs if p]
    title = meta.get("title", "")
    if blocks and blocks[0] == title:
        blocks = blocks[1:]  # the headline is the title, not body text
    return {
        "id": path.stem,
        "title": title,
        "text": "\n\n".join(blocks),
        "published": meta.get("dateCreated", ""),
        "url": meta.get("sourceURL", ""),
        "outlet": "Wikinews",
    }


def main(src: str, dest: str) -> None:
    docs = [gum_document(p) for p in sorted(Path(src).glob("GUM_news_*.conllu"))]
    with open(dest, "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} articles to {dest}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
