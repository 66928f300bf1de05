"""`ogi process CORPUS --out DIR`: a corpus into Parquet tables and a DuckDB file (a thin wrapper).

Exit codes: 0 when every file was parsed, 2 when some were not (see the ``errors`` table),
1 for usage errors (a missing corpus, a bad option).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import click
import typer
import typer.core
from typer.core import TyperCommand

from ogi.corpus.runner import DEFAULT_BATCH_SIZE
from ogi.corpus.worker import DEFAULT_TIMEOUT
from ogi.errors import OgiError
from ogi.paths import RESULTS_DIR

# Typer may vendor its own copy of click; its usage errors are those of that copy.
_USAGE_ERRORS = tuple({click.UsageError, getattr(getattr(getattr(typer.core, "_click", None), "exceptions", None),
                                                "UsageError", click.UsageError)})


class _UsageExitsOne(TyperCommand):
    """A command whose usage errors (missing argument, bad option) exit with 1, not click's 2."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _USAGE_ERRORS as exc:
            exc.exit_code = 1
            raise


def register(app: typer.Typer) -> None:
    """Add ``ogi process`` to the app."""

    @app.command("process", cls=_UsageExitsOne)
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
    ) -> None:
        """Parse every report of CORPUS into Parquet tables, OUT/ogi.duckdb and OUT/provenance.json.

        Resumable: rows are kept by file content hash under OUT/.parts, so a rerun parses only
        new or changed files and a killed run picks up where it stopped.
        """
        from ogi.corpus.runner import process

        if scheduler and engine != "dask":
            typer.echo("ogi process: --scheduler needs --engine dask", err=True)
            raise typer.Exit(1)
        try:
            ds = process(corpus, out, workers=workers, engine=engine, scheduler=scheduler,  # type: ignore[arg-type]
                         batch_size=batch_size, timeout=timeout or None, statements=not no_statements,
                         max_memory=max_memory,
                         progress=not quiet and sys.stderr.isatty(), command=["ogi", *sys.argv[1:]])
        except OgiError as e:
            typer.echo(f"ogi process: {e}", err=True)
            raise typer.Exit(1) from None
        if not quiet:
            c = ds.counts
            typer.echo(f"{ds.files} files: {ds.files - ds.failed} parsed, {ds.failed} failed "
                       f"({ds.processed} processed in this run, {ds.reused} reused from earlier runs); "
                       f"{c['reports']} reports, {c['cells']} cells, {c['findings']} findings, "
                       f"{c['statements']} statements -> {ds.out_dir}", err=True)
        raise typer.Exit(ds.exit_code)
