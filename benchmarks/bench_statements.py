"""Throughput of statement classification (statements/s, one core) against jieba tokenisation.

Run: ``python benchmarks/bench_statements.py [--repeat N]``. Prints statements/s for
classification with tokens cached in the feature records (all at once, and one call per
section as parsing makes it), for segmentation + feature records (tokenising) + classification,
and for jieba tokenisation of the same texts (the baseline), with the ratios; for the run-time
predictor (the model exported to arrays, ``ogi.nlp.models.get``) and, with ``--estimator``, for
the scikit-learn estimator it was exported from (training only, scikit-learn's own
``predict_proba``). Not a timed assertion: numbers depend on the machine.
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
    ap.add_argument("--estimator", action="store_true", help="also time the scikit-learn estimator (training only)")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from ogi.nlp import models
    from ogi.nlp.records import segment_record
    from ogi.nlp.statements import segment
    from ogi.nlp.tokenize import tokenize
    from ogi.training.labels import load_synthetic

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
    timed = [("exported arrays (used)", models.get())]
    if args.estimator:
        from ogi.training import load_classifier

        timed.append(("scikit-learn estimator (training only)", load_classifier()))
    for name, model in timed:
        print(f"{name}:")
        _time(model, sections, records, by_section, t_tok, args.repeat)


def _time(model, sections: list[str], records: list[dict], by_section: list[list[dict]], t_tok: float,
          repeat: int) -> None:
    from ogi.nlp.records import segment_record
    from ogi.nlp.statements import segment

    n = len(records)
    model.predict_records(records[:10])  # warm up
    t_all = _best(lambda: model.predict_records(records), repeat)
    t_sec = _best(lambda: [model.predict_records(r) for r in by_section], repeat)
    t_full = _best(lambda: [model.predict_records([segment_record(s) for s in segment(text)])
                            for text in sections], max(1, repeat // 2))
    print(f"  classify, tokens cached, one call: {n / t_all:10.0f} statements/s  (ratio {t_tok / t_all:.2f})")
    print(f"  classify, one call per section:    {n / t_sec:10.0f} statements/s  (ratio {t_tok / t_sec:.2f})")
    print(f"  segment + tokenise + classify:     {n / t_full:10.0f} statements/s  (ratio {t_tok / t_full:.2f})")


if __name__ == "__main__":
    main()
