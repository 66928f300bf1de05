"""`ogi demo`: a researcher's first run — process a corpus once, then score, draw and audit it.

One pass over the corpus (``ogi process``, resumable) writes the Parquet tables and
``ogi.duckdb``; the figures (``ogi figures``) and the audit pages (``ogi view``) are made from
that dataset, and the gold beside the corpus, when there is one, is scored (``ogi eval``, full
scores in ``OUT/eval.txt``).  The summary says what was processed, where everything is and what
to open next.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.paths import RESULTS_DIR, SAMPLE_DIR

#: Audit pages the demo writes: the reports with the most errors (the index lists them all).
DEMO_PAGES = 20


def _shown(path: Path) -> str:
    """A path as the reader would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _gold_line(corpus: Path, out: Path) -> str | None:
    from ogi.commands.eval import eval_text
    from ogi.evaluate import evaluate

    gold = corpus / "gold"
    if not (gold.is_dir() and any(gold.glob("*.json"))):
        return None
    s = evaluate(gold)
    (out / "eval.json").write_text(json.dumps(s, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    (out / "eval.txt").write_text(eval_text(s, timing=False) + "\n", encoding="utf-8")
    t, sec, c = s["template"], s["sections"], s["cells"]
    cells = "-" if c["accuracy"] is None else f"{100 * c['accuracy']:.2f} %"
    return (f"{len(s['reports'])} gold files in {_shown(gold)}: template {t['right']}/{t['total']}, sections "
            f"{sec['exact']}/{sec['total']} exact, cells {c['right']}/{c['total']} ({cells}); "
            f"all scores in {_shown(out / 'eval.txt')}")


def _figures_line(out: Path, figures: Path, corpus: Path) -> str:
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    from ogi.analysis.data import load_dataset
    from ogi.figures import build_figures

    m = build_figures(load_dataset(out), figures, inputs={"corpus": corpus.as_posix(), "dataset": out.as_posix()},
                      command=["ogi", *sys.argv[1:]])
    return (f"{len(m['figures'])} figures (figures/*.png, *.pdf), their data (data/*.csv), "
            f"{len(m['tables'])} LaTeX tables and provenance.json -> {_shown(figures)}")


def register(app: typer.Typer) -> None:
    """Add ``ogi demo`` to the app."""

    @app.command("demo")
    def demo_cmd(
        corpus: Annotated[Path, typer.Option(help="folder of reports")] = SAMPLE_DIR,
        out: Annotated[Path, typer.Option(help="dataset folder (Parquet tables, ogi.duckdb, view/)")] = (
            RESULTS_DIR / "corpus"),
        figures: Annotated[Path, typer.Option(help="figures folder")] = RESULTS_DIR / "figures",
        top: Annotated[int, typer.Option(help="audit pages to write: the reports with the most errors")] = DEMO_PAGES,
        workers: Annotated[int | None, typer.Option(help="worker processes (default: CPUs)")] = None,
    ) -> None:
        """Process CORPUS once into OUT, score it against CORPUS/gold, draw the figures and write audit pages."""
        from ogi.corpus import process
        from ogi.view import write_dataset_views

        ds = process(corpus, out, workers=workers, progress=sys.stderr.isatty(), command=["ogi", *sys.argv[1:]])
        c = ds.counts
        o = _shown(out)
        lines = [f"ogi demo: {_shown(corpus)} -> {o}",
                 f"  reports  {ds.files} files: {ds.files - ds.failed} parsed, {ds.failed} failed "
                 f"({ds.processed} parsed in this run, {ds.reused} reused from an earlier run)",
                 f"  found    {c['findings']} findings, {c['statements']} statements, {c.get('claims', 0)} claims",
                 f"  tables   {o}/*.parquet and {o}/ogi.duckdb (columns: docs/data-dictionary.md)"]
        if ds.failed:
            lines.append(f"  errors   {ds.failed} files could not be parsed: {o}/errors.parquet says why")
        gold = _gold_line(corpus, out)
        if gold:
            lines.append(f"  gold     {gold}")
        lines.append(f"  figures  {_figures_line(out, figures, corpus)}")
        index = out / "view" / "index.html"
        pages = len(write_dataset_views(out, index, top=top)) - 1
        lines.append(f"  audit    {_shown(index)}: all {c['reports']} reports, the pages of the {pages} with the "
                     "most errors")
        lines += ["next",
                  f"  open {_shown(index)} in a browser (one file per page, no server)",
                  f"  ogi view --dataset {o} --report FILE      the audit page of any other report",
                  f"  ogi.analysis.load_dataset({o!r})      the tables in Python (pandas); SQL: "
                  f"duckdb.connect({o + '/ogi.duckdb'!r}, read_only=True)",
                  "  make notebooks      the record, the corpus, statements, claims, figures, real reports"]
        typer.echo("\n".join(lines))
