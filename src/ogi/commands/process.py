"""`ogi process CORPUS --out DIR`: a corpus into Parquet tables and a DuckDB file (a thin wrapper).

Exit codes: 0 when every file was parsed, 1 when some were not (see the ``errors`` table) or
the run failed, 2 for usage errors (a bad option); errors are reported by the ``ogi`` group's
one handler (:mod:`ogi.commands._errors`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.commands._errors import EXIT_FAILURE, EXIT_OK
from ogi.corpus.runner import DEFAULT_BATCH_SIZE
from ogi.corpus.worker import DEFAULT_TIMEOUT
from ogi.errors import UsageError
from ogi.paths import RESULTS_DIR


def register(app: typer.Typer) -> None:
    """Add ``ogi process`` to the app."""

    @app.command("process")
    def process_cmd(
        corpus: Annotated[Path, typer.Argument(help="corpus folder (walked recursively)")],
        out: Annotated[Path, typer.Option("--out", help="output folder")] = RESULTS_DIR / "corpus",
        workers: Annotated[int | None, typer.Option("--workers", help="worker processes (default: CPUs)")] = None,
        engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask")] = "local",
        scheduler: Annotated[str | None, typer.Option(
            "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.1:8786 (default: a local cluster)")] = None,
        batch_size: Annotated[int, typer.Option("--batch-size", help="files per batch")] = DEFAULT_BATCH_SIZE,
        timeout: Annotated[float, typer.Option("--timeout", help="seconds per file; 0 for no limit")] = DEFAULT_TIMEOUT,
        no_statements: Annotated[bool, typer.Option("--no-statements", help="skip section 五 statements")] = False,
        max_memory: Annotated[str, typer.Option(
            "--max-memory", help="memory each worker may take beyond its start-up size, e.g. 4G or 500M; "
                                 "a file needing more becomes an error row (local engine); 0 for no limit")] = "4G",
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar, no summary")] = False,
        aliases: Annotated[Path | None, typer.Option(
            "--aliases", help="CSV alias table (columns name, agency_id) overriding the agency-id rules")] = None,
        overrides: Annotated[Path | None, typer.Option(
            "--overrides", help="CSV or YAML of settled cells (file or report_id, cell, value, reason, who)")] = None,
        userdict: Annotated[Path | None, typer.Option(
            "--userdict", help="jieba user dictionary (term [freq] [pos] a line) added to ogi's")] = None,
        stopwords: Annotated[Path | None, typer.Option(
            "--stopwords", help="stop words (one a line) added to ogi's")] = None,
        model: Annotated[Path | None, typer.Option(
            "--model", help="statement model folder (ogi train --out DIR) instead of the shipped model")] = None,
        wait: Annotated[float, typer.Option(
            "--wait", help="seconds to wait for another run writing OUT to end (default: refuse at once)")] = 0,
        follow_symlinks: Annotated[bool, typer.Option(
            "--follow-symlinks", help="follow symbolic links that lead outside CORPUS (loops are refused)")] = False,
    ) -> None:
        """Parse every report of CORPUS into Parquet tables, OUT/ogi.duckdb and OUT/provenance.json.

        Resumable: rows are kept by file content hash under OUT/.parts, so a rerun parses only
        new or changed files and a killed run picks up where it stopped.  One run at a time
        writes OUT (a lock file, OUT/.ogi.lock); Ctrl-C keeps what was parsed, leaves the
        previous tables in place and exits 130 (SIGTERM: 143).
        """
        from ogi.corpus.runner import process

        if scheduler and engine != "dask":
            raise UsageError("--scheduler needs --engine dask")
        ds = process(corpus, out, workers=workers, engine=engine, scheduler=scheduler,  # type: ignore[arg-type]
                     batch_size=batch_size, timeout=timeout or None, statements=not no_statements,
                     max_memory=max_memory, aliases=aliases, overrides=overrides,
                     userdict=userdict, stopwords=stopwords, model=model,
                     wait=wait or None, follow_symlinks=follow_symlinks,
                     progress=not quiet and sys.stderr.isatty(), command=["ogi", *sys.argv[1:]])
        for shard, reason in ds.damaged:
            typer.echo(f"ogi process: {ds.out_dir / '.parts'}: stored part {shard} was damaged ({reason}); "
                       "its files were parsed again", err=True)
        if not quiet:
            c = ds.counts
            typer.echo(f"{ds.files} files: {ds.files - ds.failed} parsed, {ds.failed} failed "
                       f"({ds.processed} processed in this run, {ds.reused} reused from earlier runs); "
                       f"{c['reports']} reports, {c['cells']} cells, {c['findings']} findings, "
                       f"{c['statements']} statements -> {ds.out_dir}", err=True)
        raise typer.Exit(EXIT_FAILURE if ds.failed else EXIT_OK)
