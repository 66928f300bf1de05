"""Corpus throughput and memory of ``ogi process``, against jieba-only tokenization of the same texts.

Generates N synthetic reports (``ogi.synth``, the text layouts real crawls produce), then in
the same run:

1. the baseline: jieba precise-mode tokenization (``jieba.lcut``) of every report's text, in
   one process — the cost any NLP over the corpus pays — and split over as many forked
   processes as the most workers asked for (``ratio_vs_jieba`` compares with the first,
   ``ratio_vs_jieba_same_processes`` with the baseline at the run's own process count);
2. ``ogi process`` (the whole pipeline: read, structure, tables, checks, statements, claims,
   Parquet + DuckDB) with 1 and with 2 workers, each as a fresh run in a subprocess, whose
   wall time, peak RSS of the main process and peak RSS of the whole process tree are
   measured (psutil, sampled every 50 ms; the tree's RSS counts pages that forked workers
   share with the main process once per process, its PSS splits them), with the CPU seconds of the process tree (on a
   busy machine, reports per CPU second still compare the pipeline with the baseline);
3. a rerun on the unchanged corpus (no parsing: everything comes from the store).

The runs import a copy of the ``ogi`` package taken at the start, so that edits made to the
working tree meanwhile cannot change the figures or the tables.

It checks that 1 and 2 workers give the same tables and writes the figures to
``results/benchmarks/process-<N>.json``.  Not a test: it asserts nothing.

    python benchmarks/bench_process.py --n 1000 [--workers 1 2] [--repeat 3] [--styles pipe flat ...]
    python benchmarks/bench_process.py --n 100000 --workers 2 --work /tmp/ogi-100k --keep
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

from ogi.paths import RESULTS_DIR

_TEXT_STYLES = ["pipe", "flat", "tab", "markdown", "space", "html"]


def _cpu_children() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _run(cmd: list[str], env: dict) -> dict:
    cpu0 = _cpu_children()
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak_main = peak_tree = peak_pss = 0
    while proc.poll() is None:
        try:
            procs = [proc, *proc.children(recursive=True)]
            main = proc.memory_info().rss
            tree = sum(p.memory_info().rss for p in procs)
            pss = sum(getattr(p.memory_full_info(), "pss", 0) for p in procs)
        except psutil.Error:
            continue
        peak_main, peak_tree, peak_pss = max(peak_main, main), max(peak_tree, tree), max(peak_pss, pss)
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 2), "cpu_seconds": round(_cpu_children() - cpu0, 2),
            "exit_code": proc.returncode,
            "peak_rss_main_mb": round(peak_main / 2**20, 1), "peak_rss_total_mb": round(peak_tree / 2**20, 1),
            "peak_pss_total_mb": round(peak_pss / 2**20, 1),
            "stderr_tail": proc.stderr.read().decode("utf-8", "replace")[-300:]}


def _jieba_chunk(texts: list[str]) -> float:
    import jieba

    jieba.initialize()
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - t


def _jieba_parallel(texts: list[str], procs: int) -> float:
    """Reports/s of jieba over ``texts`` split across ``procs`` forked processes (load excluded)."""
    if procs <= 1:
        return len(texts) / _jieba_chunk(texts)
    import multiprocessing

    chunks = [texts[i::procs] for i in range(procs)]
    with multiprocessing.get_context("fork").Pool(procs) as pool:
        seconds = pool.map(_jieba_chunk, chunks)
    return len(texts) / max(seconds)


def _same_tables(a: Path, b: Path) -> bool:
    import pandas as pd

    from ogi.dataset import TABLES

    for t in TABLES:
        x, y = pd.read_parquet(a / f"{t}.parquet"), pd.read_parquet(b / f"{t}.parquet")
        if not x.equals(y):
            return False
    return True


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="synthetic reports")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--styles", nargs="+", default=_TEXT_STYLES, help="ogi synth styles to cycle through")
    ap.add_argument("--out", type=Path, default=RESULTS_DIR / "benchmarks")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus and outputs")
    ap.add_argument("--baseline-n", type=int, default=10_000,
                    help="most reports the jieba baseline tokenizes (an even sample of larger corpora)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count; the fastest is reported")
    ap.add_argument("--work", type=Path, default=None,
                    help="folder for the generated corpus and outputs (default: OUT/.work-N); "
                         "an existing corpus there is reused")
    a = ap.parse_args(argv)

    import ogi
    from ogi.corpus import walk
    from ogi.synth import resolve_styles, write_corpus

    work = a.work or a.out / f".work-{a.n}"
    corpus = work / "corpus"
    if not corpus.is_dir():
        t = time.perf_counter()
        write_corpus(corpus, n=a.n, seed=a.seed, layouts=resolve_styles(a.styles))
        print(f"generated {a.n} reports in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    files = walk(corpus)
    # the baseline's rate per report, measured on an evenly spread sample of a large corpus
    step = max(1, -(-len(files) // a.baseline_n))
    texts = [ogi.read(f.path).text for f in files[::step]]

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t, c = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.lcut(text)
    jieba_s = time.perf_counter() - t
    jieba_cpu = time.process_time() - c
    n_baseline = len(texts)
    jieba_rate = n_baseline / jieba_s
    # the same tokenisation split over as many processes as the most workers asked for
    jieba_par = _jieba_parallel(texts, max(a.workers))
    del texts
    print(f"jieba only: {jieba_rate:.1f} reports/s in one process, "
          f"{jieba_par:.1f} in {max(a.workers)}", file=sys.stderr)

    # run a snapshot of the package, so that edits made meanwhile cannot change the runs
    import ogi as _pkg

    snapshot = work / "snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(Path(_pkg.__file__).parent, snapshot / "ogi", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(snapshot)}
    load_before = os.getloadavg()
    runs = []
    for w in a.workers:
        out = work / f"out-{w}"
        tries = []
        for _ in range(a.repeat):  # fresh runs; the fastest is kept (the others met more noise)
            shutil.rmtree(out, ignore_errors=True)
            tries.append(_run([sys.executable, "-m", "ogi.cli", "process", str(corpus), "--out", str(out),
                               "--workers", str(w), "--quiet"], env))
        r = min(tries, key=lambda x: x["seconds"])
        r.update(workers=w, repeats=[x["seconds"] for x in tries],
                 reports_per_s=round(len(files) / r["seconds"], 1),
                 reports_per_cpu_s=round(len(files) / r["cpu_seconds"], 1),
                 ratio_vs_jieba=round(len(files) / r["seconds"] / jieba_rate, 3))
        same = {1: jieba_rate, max(a.workers): jieba_par}.get(w)
        r["ratio_vs_jieba_same_processes"] = round(len(files) / r["seconds"] / same, 3) if same else None
        runs.append(r)
        print(f"ogi process, {w} worker(s): {r['reports_per_s']} reports/s, {r['seconds']} s, "
              f"peak RSS {r['peak_rss_total_mb']} MB (main {r['peak_rss_main_mb']} MB, "
              f"PSS {r['peak_pss_total_mb']} MB)", file=sys.stderr)
    last = work / f"out-{a.workers[-1]}"
    rerun = _run([sys.executable, "-m", "ogi.cli", "process", str(corpus), "--out", str(last),
                  "--workers", str(a.workers[-1]), "--quiet"], env)
    by_w = {r["workers"]: r for r in runs}
    res = {
        "n": len(files), "styles": a.styles, "seed": a.seed, "cpu_count": os.cpu_count(),
        "python": platform.python_version(), "ogi": ogi.__version__,
        "jieba_only_reports_measured": n_baseline,
        "jieba_only_reports_per_s": round(jieba_rate, 1),
        "jieba_only_reports_per_cpu_s": round(n_baseline / jieba_cpu, 1),
        f"jieba_only_reports_per_s_{max(a.workers)}_processes": round(jieba_par, 1),
        "runs": runs,
        "speedup_2_vs_1": round(by_w[1]["seconds"] / by_w[2]["seconds"], 2) if 1 in by_w and 2 in by_w else None,
        "rerun_unchanged_seconds": rerun["seconds"],
        "tables_equal_across_workers": _same_tables(work / f"out-{a.workers[0]}", last) if len(runs) > 1 else None,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    if 2 in by_w:
        res["extrapolated_100k_minutes_2_workers"] = round(100_000 / by_w[2]["reports_per_s"] / 60, 1)
    a.out.mkdir(parents=True, exist_ok=True)
    target = a.out / f"process-{a.n}.json"
    target.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(res, indent=2))
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return res


if __name__ == "__main__":
    main()
