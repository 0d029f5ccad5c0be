"""Precision of connected content against a hand-judged set over the demo corpus.

    .venv/bin/python bench/related_precision.py [--judgements bench/data/related_judgements.yaml]

Loads the demo articles into a temporary store and index, asks the reading service for each
judged article's connected content (as the article page does) and prints, per article and overall:
precision@3 over what is shown (of the first three shown, how many are judged related), strict
precision@3 (related among the first three, out of three: an empty slot counts as a miss), how
many items are shown, and every item judged plainly unrelated that is shown.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path
from typing import Any

import yaml

from worldbrief.config import Settings
from worldbrief.services.demo import demo_articles_dir, load_demo_if_empty
from worldbrief.services.platform import open_platform
from worldbrief.services.reading import related_to
from worldbrief.store import ArticleFilter

JUDGEMENTS = Path(__file__).parent / "data" / "related_judgements.yaml"


def demo_titles() -> dict[str, str]:
    """Title -> file name without .md, from each demo article's front matter."""
    titles = {}
    for path in sorted(demo_articles_dir().glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
        titles[str(front["title"])] = path.stem
    return titles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    args = parser.parse_args()
    judged: dict[str, dict[str, Any]] = yaml.safe_load(args.judgements.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        platform = open_platform(Settings(data_dir=Path(scratch) / "data"))
        try:
            load_demo_if_empty(platform)
            titles = demo_titles()
            _, stored = platform.store.list_articles(ArticleFilter(limit=1000))
            by_slug = {titles[a.title]: a for a in stored if a.title in titles}
            shown_precision, strict_precision, counts, wrong = [], [], [], []
            for slug, judgement in sorted(judged.items()):
                related = set(judgement.get("related", []))
                unrelated = set(judgement.get("unrelated", []))
                shown = [titles.get(h.title, h.id) for h in related_to(platform, by_slug[slug])]
                top = shown[:3]
                hits = sum(1 for s in top if s in related)
                shown_precision.append(hits / len(top) if top else 1.0)
                strict_precision.append(hits / 3)
                counts.append(len(shown))
                wrong += [f"{slug} -> {s}" for s in shown if s in unrelated]
                marks = " ".join(("+" if s in related else "-") + s for s in top)
                print(f"{hits}/{len(top)}  {slug}: {marks}")
        finally:
            platform.close()
    print(f"\narticles judged: {len(judged)}")
    print(f"precision@3 over shown items: {statistics.mean(shown_precision):.3f}")
    print(f"strict precision@3 (empty slot = miss): {statistics.mean(strict_precision):.3f}")
    print(f"items shown per article: {statistics.mean(counts):.2f} (min {min(counts)})")
    print(f"plainly unrelated items shown: {len(wrong)}")
    for line in wrong:
        print(f"  {line}")


if __name__ == "__main__":
    main()
