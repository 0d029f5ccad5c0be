"""How the geoparser's time and memory grow with the text, on news and on hostile input.

Prints words/s on news (GeoWebNews, TR-News, Reuters-21578 from ../shared/data when present)
and the time of one ``geoparse`` call on texts built to be hard: a sentence repeated until it
names places 1k to 8k times, and single lines of 0.25 to 1 MB ("Paris" then a run of words, of
capitalised words, of small connecting words or one long word; a list of different towns).
Times are CPU seconds of the process (``time.process_time``), so other load on the machine
changes them little. Each case runs in a child process; one that exceeds ``--budget`` seconds is
stopped and printed as "> budget", and the larger cases of its series are skipped.

    .venv/bin/python bench/geoparse_scaling.py [--budget 120] [--memory] [--only repeated]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPEATED_SENTENCE = "Protests in Paris and London spread to Berlin, Lyon and Leeds. "
MENTIONS_PER_SENTENCE = 5
REPETITIONS = (1_000, 2_000, 4_000, 8_000)
LINE_BYTES = (250_000, 500_000, 1_000_000)
NEWS_REUTERS_STORIES = 3_000


def _repeated(mentions: int) -> str:
    return REPEATED_SENTENCE * (mentions // MENTIONS_PER_SENTENCE)


def _line_of_words(size: int) -> str:
    return "Paris " + "xxxx " * ((size - 6) // 5)


def _line_of_capitalised_words(size: int) -> str:
    return "Paris " + "Xxxx " * ((size - 6) // 5)


def _line_of_connecting_words(size: int) -> str:
    return "Paris" + " of the and" * ((size - 5) // 11)


def _one_long_word(size: int) -> str:
    return "Paris " + "x" * (size - 6)


def _distinct_towns(size: int) -> str:
    """A list of different place names, the worst case for context between names."""
    from worldbrief.geo.gazetteer_build import default_gazetteer

    gazetteer = default_gazetteer()
    names: list[str] = []
    length = index = 0
    while length < size and index < len(gazetteer):
        place = gazetteer.place(index)
        index += 1
        if place.feature_class == "P" and place.name.isascii() and place.name[:1].isupper():
            names.append(place.name)
            length += len(place.name) + 2
    return ", ".join(names)


HOSTILE: dict[str, tuple[Callable[[int], str], tuple[int, ...]]] = {
    "repeated": (_repeated, REPETITIONS),
    "line-words": (_line_of_words, LINE_BYTES),
    "line-capitalised": (_line_of_capitalised_words, LINE_BYTES),
    "line-connecting": (_line_of_connecting_words, LINE_BYTES),
    "line-one-word": (_one_long_word, LINE_BYTES),
    "line-distinct-towns": (_distinct_towns, LINE_BYTES),
}


def _run_case(series: str, size: int, memory: bool) -> dict[str, float | int]:
    """One geoparse call in this process; prints its figures as one JSON line."""
    from worldbrief.geo.geoparse import default_geoparser
    from worldbrief.geo.geoparser import GeoparseRequest

    build, _ = HOSTILE[series]
    text = build(size)
    geoparser = default_geoparser()
    geoparser.geoparse(GeoparseRequest("Warm up in Paris."))
    started = time.process_time()
    result = geoparser.geoparse(GeoparseRequest(text))
    seconds = time.process_time() - started
    figures: dict[str, float | int] = {
        "chars": len(text),
        "words": len(text.split()),
        "places": len(result.places),
        "seconds": seconds,
    }
    if memory:
        tracemalloc.start()
        geoparser.geoparse(GeoparseRequest(text))
        figures["peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return figures


def _child(series: str, size: int, memory: bool, budget: float) -> dict[str, float | int] | None:
    command = [sys.executable, __file__, "--case", f"{series}:{size}"]
    if memory:
        command.append("--memory")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=budget * (3 if memory else 1) + 30
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"{series} {size}: the case failed\n{done.stderr}")
    figures: dict[str, float | int] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def hostile(budget: float, memory: bool, only: str | None) -> None:
    print(f"Hostile input, one geoparse call each (CPU s; budget {budget:.0f} s)")
    header = (
        f"{'input':<22}{'size':>10}{'words':>10}{'places':>8}{'seconds':>10}"
        f"{'words/s':>12}{'MB/s':>8}"
    )
    print(header + ("  peak MiB" if memory else ""))
    for series, (_, sizes) in HOSTILE.items():
        if only and series != only:
            continue
        over = False
        for size in sizes:
            label = f"{size:,}" if series == "repeated" else f"{size / 1e6:g} MB"
            if over:
                print(f"{series:<22}{label:>10}  skipped (a smaller case was over budget)")
                continue
            figures = _child(series, size, memory, budget)
            if figures is None or float(figures["seconds"]) > budget:
                print(f"{series:<22}{label:>10}  > {budget:.0f} s")
                over = True
                continue
            seconds = max(float(figures["seconds"]), 1e-6)
            line = (
                f"{series:<22}{label:>10}{int(figures['words']):>10,}{int(figures['places']):>8,}"
                f"{seconds:>10.2f}{figures['words'] / seconds:>12,.0f}"
                f"{figures['chars'] / seconds / 1e6:>8.2f}"
            )
            if memory:
                line += f"{float(figures['peak_mib']):>10.1f}"
            print(line, flush=True)


def news() -> None:
    from geo_datasets import (
        GWN_PATH,
        REUTERS_PATH,
        TRNEWS_PATH,
        read_gwn,
        read_reuters,
        read_trnews,
    )
    from worldbrief.geo.geoparse import default_geoparser
    from worldbrief.geo.geoparser import GeoparseRequest

    geoparser = default_geoparser()
    geoparser.geoparse(GeoparseRequest("Warm up in Paris."))
    corpora: list[tuple[str, list[tuple[str | None, str]]]] = []
    if GWN_PATH.exists():
        corpora.append(("GeoWebNews", [(d.title, d.text) for d in read_gwn().documents]))
    if TRNEWS_PATH.exists():
        corpora.append(("TR-News", [(d.title, d.text) for d in read_trnews().documents]))
    if REUTERS_PATH.exists():
        stories = read_reuters()[:NEWS_REUTERS_STORIES]
        corpora.append(("Reuters-21578", [(s.title, s.text) for s in stories]))
    if not corpora:
        print("News: no corpus found under ../shared/data")
        return
    print("News, end to end, one process (CPU s)")
    print(f"{'corpus':<22}{'documents':>10}{'words':>10}{'seconds':>10}{'words/s':>12}")
    for name, documents in corpora:
        words = sum(len(text.split()) + len((title or "").split()) for title, text in documents)
        started = time.process_time()
        for title, text in documents:
            geoparser.geoparse(GeoparseRequest(text, title=title))
        seconds = time.process_time() - started
        rate = words / seconds
        print(f"{name:<22}{len(documents):>10,}{words:>10,}{seconds:>10.2f}{rate:>12,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=120.0, help="seconds allowed per case")
    parser.add_argument("--memory", action="store_true", help="also trace peak memory per case")
    parser.add_argument("--only", choices=[*HOSTILE, "news"], help="run one series only")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # SERIES:SIZE, run in a child process
    args = parser.parse_args()
    if args.case:
        series, size = args.case.split(":")
        print(json.dumps(_run_case(series, int(size), args.memory)))
        return
    if args.only in (None, "news"):
        news()
        print()
    if args.only != "news":
        hostile(args.budget, args.memory, args.only)


if __name__ == "__main__":
    main()
