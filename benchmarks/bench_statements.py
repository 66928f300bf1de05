"""Throughput of statement classification (statements/s, one core) against jieba tokenisation.

Run: ``python benchmarks/bench_statements.py [--repeat N]``. Prints statements/s for
classification with tokens cached in the feature records, for segmentation + feature records
(tokenising), and for jieba tokenisation of the same texts (the baseline), with the ratios.
Not a timed assertion: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import time


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=4, help="copies of the synthetic sections to time")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from ogi.nlp.classify import load_classifier
    from ogi.nlp.features import segment_record
    from ogi.nlp.labels import load_synthetic
    from ogi.nlp.statements import segment
    from ogi.nlp.tokenize import tokenize

    sections = [d.text for d in load_synthetic()] * args.copies
    segs = [s for text in sections for s in segment(text)]
    texts = [s.text for s in segs]
    clf = load_classifier()
    records = [segment_record(s) for s in segs]  # tokens cached here
    clf.predict_records(records[:10])  # warm up
    n = len(records)
    t_tok = _best(lambda: [tokenize(t) for t in texts], args.repeat)
    t_clf = _best(lambda: clf.predict_records(records), args.repeat)
    t_full = _best(lambda: clf.predict_records([segment_record(s) for text in sections for s in segment(text)]),
                   max(1, args.repeat // 2))
    print(f"statements: {n}")
    print(f"jieba tokenisation (baseline): {n / t_tok:10.0f} statements/s")
    print(f"classification, tokens cached: {n / t_clf:10.0f} statements/s  (ratio to baseline {t_tok / t_clf:.2f})")
    print(f"segment + tokenise + classify: {n / t_full:10.0f} statements/s  (ratio to baseline {t_tok / t_full:.2f})")


if __name__ == "__main__":
    main()
