"""``ogi export``: the wide table, the long tables and the codebook of a processed corpus."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.errors import UsageError


def register(app: typer.Typer) -> None:
    """Add ``ogi export`` to the app."""

    @app.command("export")
    def export_cmd(
        dataset: Annotated[Path, typer.Argument(help="processed corpus (output of `ogi process`)")],
        fmt: Annotated[str, typer.Option(
            "--format", help="csv, parquet, dta (Stata 118) or xlsx (one workbook)")] = "csv",
        out: Annotated[Path | None, typer.Option(
            "--out", help="export folder (default: DATASET/export-FORMAT)")] = None,
        reports_only: Annotated[bool, typer.Option(
            "--reports-only", help="only rows of status report (default: every row, with its status)")] = False,
    ) -> None:
        """Write reports (wide), cells, findings, statements, claims and codebook.md/.csv into OUT."""
        from ogi.export import FORMATS, export

        if fmt not in FORMATS:
            raise UsageError(f"invalid --format {fmt!r}; valid values: {', '.join(FORMATS)}")
        from ogi.corpus.lock import output_lock

        dest = out if out is not None else dataset / f"export-{fmt}"
        cmd = ["ogi", *sys.argv[1:]]
        # the dataset's lock: no export of tables a run is rebuilding, one export at a time; and
        # the export folder's own lock when it lies outside the dataset
        with contextlib.ExitStack() as locks:
            locks.enter_context(output_lock(dataset, command=cmd))
            if dataset.resolve() not in dest.resolve().parents:
                locks.enter_context(output_lock(dest, command=cmd))
            files = export(dataset, dest, fmt=fmt, include="report" if reports_only else "all")  # type: ignore[arg-type]
        typer.echo(f"{len(files)} files -> {dest}", err=True)
