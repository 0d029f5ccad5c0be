"""Cost of the entities stage per article, on the Reuters-21578 dev file (or any JSONL of
{"text": ...}): recognition alone, after the recognizer is built. Prints articles/s and ms per
article. Usage: python bench/entities_stage.py [path] [limit]"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from worldbrief.actors.recognize import default_recognizer

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/reuters21578/dev.jsonl"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            texts.append(str(record.get("text") or record.get("body") or ""))
            if len(texts) >= limit:
                break
    started = time.perf_counter()
    recognizer = default_recognizer()
    built = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    found = 0
    started = time.perf_counter()
    for text in texts:
        found += len(recognizer.recognize(text))
    spent = time.perf_counter() - started
    print(f"recognizer built in {built * 1000:.0f} ms")
    print(
        f"{len(texts)} articles, {words} words: {spent / len(texts) * 1000:.3f} ms an article, "
        f"{len(texts) / spent:.0f} articles/s, {words / spent:.0f} words/s, {found} entities"
    )


if __name__ == "__main__":
    main()
