"""`ogi view`: the audit page of a report, or the index and pages of a processed dataset.

``ogi view FILE`` writes one page; ``ogi view --dataset DIR`` writes ``DIR/view/index.html``
(every report, the most severe first) and the pages of the ``--top N`` reports with the most
errors (``--all`` for every page); ``--report FILE`` writes any other report's page on demand,
beside the index.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ogi.errors import UsageError

__all__ = ["TOP_PAGES", "view_dataset", "view_file"]

#: Report pages ``ogi view --dataset`` writes unless told otherwise.
TOP_PAGES = 20


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


def view_dataset(dataset: Path, *, report: str | None, out: Path | None, top: int | None) -> str:
    """Write one report's page (``report`` given) or the index and the top pages; say what was written."""
    from ogi.view import dataset_reports, write_dataset_views, write_report_view

    if report is not None:
        page = write_report_view(dataset, report, out=out)
        return f"wrote {page}"
    index = out or dataset / "view" / "index.html"
    written = write_dataset_views(dataset, index, top=top)
    n = len(dataset_reports(dataset))
    pages = len(written) - 1
    if pages >= n:
        return f"wrote {index} and the pages of all {n} reports beside it"
    return (f"wrote {index} ({n} reports) and the pages of the {pages} with the most errors beside it; "
            f"any other report's page: ogi view --dataset {dataset} --report FILE (or --all)")


def register(app: typer.Typer) -> None:
    """Add ``ogi view`` to the app."""

    @app.command("view")
    def view_cmd(
        file: Annotated[Path | None, typer.Argument(help="a report file (or a JSON record from ogi parse)")] = None,
        out: Annotated[Path | None, typer.Option("-o", "--out", help="the HTML page to write (default: <stem>.html; "
                       "with --dataset: DIR/view/index.html, or DIR/view/<id>.html with --report)")] = None,
        dataset: Annotated[Path | None, typer.Option("--dataset", help="a dataset directory written "
                           "by ogi process")] = None,
        report: Annotated[str | None, typer.Option("--report", help="with --dataset: the report's file name, "
                          "path, id or id prefix; its page is written beside the index")] = None,
        top: Annotated[int, typer.Option("--top", help="with --dataset: write the pages of the N reports "
                       "with the most errors (the index lists every report)")] = TOP_PAGES,
        all_pages: Annotated[bool, typer.Option("--all", help="with --dataset: write every report's page")] = False,
    ) -> None:
        """Write a self-contained HTML page showing what ogi read from a report, and from where."""
        either = "give either a FILE or --dataset DIR"
        if top < 0:
            raise UsageError(f"invalid --top {top}; give 0 or more")
        if dataset is not None:
            if file is not None:
                raise UsageError(either)
            typer.echo(view_dataset(dataset, report=report, out=out, top=None if all_pages else top), err=True)
            return
        if file is None:
            raise UsageError(either)
        if report is not None:
            raise UsageError("--report needs --dataset DIR")
        typer.echo(f"wrote {view_file(file, out=out or Path(f'{file.stem}.html'))}", err=True)
