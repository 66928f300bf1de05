"""Parse throughput without NLP, as a ratio against a baseline measured in the same run.

Baseline: jieba precise-mode tokenization of the same texts (the cost every NLP stage pays),
so the ratio stays meaningful on a slower or busier machine.  Also reports the peak memory
of parsing one report (tracemalloc).  Not a test: it prints figures and asserts nothing.

    python benchmarks/bench_parse.py [--rounds N] [FILES...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import ogi
from ogi.paths import SAMPLE_DIR


def _time(fn, rounds: int) -> float:
    best = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best.append(time.perf_counter() - t)
    return statistics.median(best)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=50, help="parses of each file per round")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    files = a.files or [SAMPLE_DIR / "seed-2024-masked.txt"]
    docs = [ogi.read(f) for f in files]
    texts = [d.text for d in docs]
    chars = sum(len(t) for t in texts)

    def parse_all() -> None:
        for _ in range(a.repeat):
            for f in files:
                ogi.parse(f, statements=False)

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()

    def tokenize_all() -> None:
        for _ in range(a.repeat):
            for t in texts:
                jieba.lcut(t)

    parse_all()
    tokenize_all()
    t_parse = _time(parse_all, a.rounds)
    t_tok = _time(tokenize_all, a.rounds)
    n = a.repeat * len(files)
    tracemalloc.start()
    ogi.parse(files[0], statements=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    res = {
        "files": [str(f) for f in files], "chars_per_report": chars / len(files),
        "parse_reports_per_s": round(n / t_parse, 1),
        "parse_chars_per_s": round(a.repeat * chars / t_parse),
        "jieba_reports_per_s": round(n / t_tok, 1),
        "ratio_parse_vs_jieba": round(t_tok / t_parse, 2),
        "peak_memory_kib": round(peak / 1024, 1),
    }
    if a.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"parse (no NLP): {res['parse_reports_per_s']} reports/s "
              f"({res['parse_chars_per_s']:,} chars/s, {res['chars_per_report']:.0f} chars/report)")
        print(f"baseline jieba precise tokenization of the same text: {res['jieba_reports_per_s']} reports/s")
        print(f"ratio parse/jieba: {res['ratio_parse_vs_jieba']}x faster than tokenizing")
        print(f"peak memory parsing one report: {res['peak_memory_kib']} KiB")
    return res


if __name__ == "__main__":
    main(sys.argv[1:])
