"""Throughput of statement classification (statements/s, one core) against jieba tokenisation.

Run: ``python benchmarks/bench_statements.py [--repeat N]``. Prints statements/s for
classification with tokens cached in the feature records (all at once, and one call per
section as parsing makes it), for segmentation + feature records (tokenising) + classification,
and for jieba tokenisation of the same texts (the baseline), with the ratios; for the model
exported to arrays (what ogi uses) and for the scikit-learn estimator it was exported from.
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
    from ogi.nlp.labels import load_synthetic
    from ogi.nlp.linear import load_predictor
    from ogi.nlp.records import segment_record
    from ogi.nlp.statements import segment
    from ogi.nlp.tokenize import tokenize

    sections = [d.text for d in load_synthetic()] * args.copies
    segs = [s for text in sections for s in segment(text)]
    texts = [s.text for s in segs]
    records = [segment_record(s) for s in segs]  # tokens cached here
    # one call per section, as parsing a report makes it
    by_section = [[segment_record(s) for s in segment(text)] for text in sections]
    n = len(records)
    t_tok = _best(lambda: [tokenize(t) for t in texts], args.repeat)
    print(f"statements: {n} in {len(sections)} sections")
    print(f"jieba tokenisation (baseline): {n / t_tok:10.0f} statements/s")
    for name, model in [("exported arrays (used)", load_predictor()), ("scikit-learn estimator", load_classifier())]:
        model.predict_records(records[:10])  # warm up
        t_all = _best(lambda: model.predict_records(records), args.repeat)
        t_sec = _best(lambda: [model.predict_records(r) for r in by_section], args.repeat)
        t_full = _best(lambda: [model.predict_records([segment_record(s) for s in segment(text)])
                                for text in sections], max(1, args.repeat // 2))
        print(f"{name}:")
        print(f"  classify, tokens cached, one call: {n / t_all:10.0f} statements/s  (ratio {t_tok / t_all:.2f})")
        print(f"  classify, one call per section:    {n / t_sec:10.0f} statements/s  (ratio {t_tok / t_sec:.2f})")
        print(f"  segment + tokenise + classify:     {n / t_full:10.0f} statements/s  (ratio {t_tok / t_full:.2f})")


if __name__ == "__main__":
    main()
