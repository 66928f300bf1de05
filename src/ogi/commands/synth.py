"""``ogi synth``: write synthetic annual reports with their gold files (a thin wrapper).

Bad options raise :class:`ogi.errors.UsageError`, reported by the group's one handler.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ogi.synth import LAYOUTS, STYLES, TEMPLATES, resolve_styles, resolve_templates, write_corpus


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
        layout: list[str] | None = typer.Option(
            None, "--layout", help=f"Layout to cycle through; repeatable. One of: {', '.join(LAYOUTS)}."),
        style: list[str] | None = typer.Option(
            None, "--style", help=f"Like --layout, with aliases: md = markdown, joined = flat, mixed = all "
                                  f"layouts in turn; repeatable. One of: {', '.join(STYLES)}."),
        template: list[str] | None = typer.Option(
            None, "--template", help=f"Template version to cycle through; repeatable. One of: "
                                     f"{', '.join(TEMPLATES)}, mixed (both)."),
        mask_rate: float | None = typer.Option(
            None, "--mask-rate", help="Fraction (0-1) of the maskable spans redacted with **** in every report "
                                      "(default: one report in eight masks 35 %)."),
        mismatch_rate: float = typer.Option(
            0.0, "--mismatch-rate", help="Fraction (0-1) of reports whose narrative misstates one table number "
                                         "(recorded as a mismatch claim in the gold)."),
    ) -> None:
        """Write N synthetic reports with known truth (tables, sections, statements, claims)."""
        layouts = resolve_styles(style or []) + [lay for lay in (layout or []) if lay not in (style or [])]
        paths = write_corpus(out, n=n, seed=seed, layouts=layouts or LAYOUTS,
                             templates=resolve_templates(template or []) or TEMPLATES,
                             mask_rate=mask_rate, mismatch_rate=mismatch_rate)
        typer.echo(f"wrote {len(paths)} reports and {len(paths)} gold files ({2 * len(paths)} files) to {out}")
