"""``ogi synth``: write synthetic annual reports with their gold files (a thin wrapper)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ogi.errors import OgiError
from ogi.synth import LAYOUTS, TEMPLATES, write_corpus


def register(app: typer.Typer) -> None:
    """Add the ``synth`` command to the Typer app.

    Args:
        app: The ``ogi`` Typer application.
    """

    @app.command("synth")
    def synth(
        out: Path = typer.Option(..., "--out", help="Directory for the reports (gold files go to OUT/gold)."),
        n: int = typer.Option(8, "--n", help="Number of reports to write."),
        seed: int = typer.Option(0, "--seed", help="Seed of the first report (report i uses seed + i)."),
        layout: Optional[List[str]] = typer.Option(
            None, "--layout", help=f"Layout to cycle through; repeatable. One of: {', '.join(LAYOUTS)}."),
        template: Optional[List[str]] = typer.Option(
            None, "--template", help=f"Template version to cycle through; repeatable. One of: {', '.join(TEMPLATES)}."),
    ) -> None:
        """Write N synthetic reports with known truth (tables, sections, statements)."""
        try:
            paths = write_corpus(out, n=n, seed=seed, layouts=layout or LAYOUTS, templates=template or TEMPLATES)
        except OgiError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(f"wrote {len(paths)} reports and {len(paths)} gold files ({2 * len(paths)} files) to {out}")
