"""`ogi view`: the audit page of a report, or of every report of a processed dataset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ogi.errors import OgiError, UsageError


def view_file(file: Path, *, out: Path) -> Path:
    """Parse ``file`` (or load it, when it is a JSON record) and write its audit page to ``out``."""
    from ogi.view import render_report

    text = None
    if file.suffix.lower() == ".json":
        try:
            rec = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise UsageError(f"cannot read the record: {e}", path=str(file)) from None
        if not isinstance(rec, dict) or "tables" not in rec:
            raise UsageError("not a report record (ogi parse --json output expected)", path=str(file))
    else:
        from ogi.parse import parse

        rep = parse(file)
        rec = rep.to_dict()
        text = rep.document.text if rep.document is not None else None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(rec, text=text), encoding="utf-8")
    return out


def view_dataset(dataset: Path, *, report: str | None, out: Path) -> list[Path]:
    """Write one report's page (``report`` given) or the index and every report's page."""
    from ogi.view import load_record, render_report, write_dataset_views

    if report is None:
        return write_dataset_views(dataset, out)
    rec = load_record(dataset, report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(rec), encoding="utf-8")
    return [out]


def register(app: typer.Typer) -> None:
    @app.command("view")
    def view_cmd(
        file: Annotated[Optional[Path], typer.Argument(help="a report file (or a JSON record from ogi parse)")] = None,
        out: Annotated[Optional[Path], typer.Option("-o", "--out", help="the HTML page to write "
                       "(default: <stem>.html; with --dataset and no --report: DIR/view/index.html)")] = None,
        dataset: Annotated[Optional[Path], typer.Option("--dataset", help="a dataset directory written "
                           "by ogi process")] = None,
        report: Annotated[Optional[str], typer.Option("--report", help="with --dataset: the report id "
                          "(or a unique prefix); without it, write the index and every report's page")] = None,
    ) -> None:
        """Write a self-contained HTML page showing what ogi read from a report, and from where."""
        try:
            if (file is None) == (dataset is None):
                raise UsageError("give either a FILE or --dataset DIR")
            if dataset is not None:
                target = out or (Path(f"{report}.html") if report else dataset / "view" / "index.html")
                written = view_dataset(dataset, report=report, out=target)
                extra = f" and {len(written) - 1} report pages beside it" if report is None else ""
                typer.echo(f"wrote {written[0]}{extra}", err=True)
            else:
                if report is not None:
                    raise UsageError("--report needs --dataset DIR")
                written = [view_file(file, out=out or Path(f"{file.stem}.html"))]
                typer.echo(f"wrote {written[0]}", err=True)
        except OgiError as e:
            typer.echo(f"ogi view: {e}", err=True)
            raise typer.Exit(1) from None
