"""Decoding speed at the ingest edge: UTF-8 (one decode) against undeclared legacy charsets
(charset-normalizer's guess, then one decode), by document size.

    .venv/bin/python bench/decoding.py [--sizes 2000,50000,1000000,5000000] [--repeat 5]

Prints the median milliseconds per document and the throughput for each charset and size.
"""

from __future__ import annotations

import argparse
import statistics
import time

from worldbrief.ingest.decoding import decode_bytes

PARAGRAPHS = {
    "utf-8": ("utf-8", "Делегации встретились в Астане, 北京 and Αθήνα — café talks. "),
    "cp1252": ("cp1252", "Les négociations à Genève ont repris mercredi, a déclaré le ministère. "),
    "cp1251": ("cp1251", "Делегации Казахстана и Узбекистана встретились во вторник в Астане. "),
    "gbk": ("gbk", "哈萨克斯坦和乌兹别克斯坦的代表团周二在阿斯塔纳会面，讨论水资源的分配。"),
    "shift_jis": (
        "shift_jis",
        "カザフスタンとウズベキスタンの代表団は火曜日にアスタナで会談した。",
    ),
}


def document(codec: str, paragraph: str, size: int) -> bytes:
    unit = paragraph.encode(codec)
    return (unit * (size // len(unit) + 1))[: size - size % len(unit) or len(unit)]


def median_ms(data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        decode_bytes(data)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,50000,1000000,5000000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    decode_bytes("warm-up: é".encode("cp1252"))  # the detector loads its tables once
    print(f"{'charset':<10} {'bytes':>10} {'found':<10} {'ms':>9} {'MB/s':>8}")
    for name, (codec, paragraph) in PARAGRAPHS.items():
        for size in sizes:
            data = document(codec, paragraph, size)
            found = decode_bytes(data).encoding
            ms = median_ms(data, args.repeat)
            rate = len(data) / 1e6 / (ms / 1000) if ms else float("inf")
            print(f"{name:<10} {len(data):>10,} {found:<10} {ms:>9.2f} {rate:>8.1f}")


if __name__ == "__main__":
    main()
