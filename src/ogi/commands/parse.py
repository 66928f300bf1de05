"""`ogi parse` and `ogi check`: one record per file; findings for a person."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ogi.errors import OgiError
from ogi.limits import output_path


def _dump(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, indent=2, default=str)


def parse_files(files: list[Path], *, out: Path | None, as_json: bool,
                statements: bool = True) -> int:
    """Parse each file; write ``out/<stem>.json`` or print; return the number of failures."""
    from ogi.parse import parse

    failures = 0
    written: set[Path] = set()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    for f in files:
        try:
            rec = parse(f, statements=statements).to_dict()
        except OgiError as e:
            failures += 1
            typer.echo(f"ogi parse: {e}", err=True)
            continue
        except Exception as e:  # a bug must not stop the batch; say which file
            failures += 1
            typer.echo(f"ogi parse: {f}: internal error: {type(e).__name__}: {e}", err=True)
            continue
        if out is not None:
            # the name comes from the input: output_path keeps it inside out (no "..", no
            # separators, cut to a length the file system takes); a second input with
            # the same stem gets "-2", "-3" … instead of overwriting the first
            dest = output_path(out, f, ".json")
            n = 1
            while dest in written:
                n += 1
                dest = output_path(out, f"{f.stem}-{n}", ".json")
            written.add(dest)
            try:
                dest.write_text(_dump(rec) + "\n", encoding="utf-8")
            except OSError as e:
                failures += 1
                typer.echo(f"ogi parse: {f}: cannot write {dest}: {e.strerror or e}", err=True)
        elif as_json or len(files) == 1:
            typer.echo(_dump(rec))
        else:
            m = rec["meta"]
            typer.echo(f"{f}\t{m['template']}\t{m.get('year')}\t{m.get('agency')}\t"
                       f"{len(rec['findings'])} findings")
    return failures


def check_text(rec: dict) -> str:
    """The findings of a record as lines a person reads."""
    m = rec["meta"]
    lines = [f"{rec['source']['path']}: template {m['template']}, year {m.get('year')}, "
             f"agency {m.get('agency') or '-'}, {m.get('masked_chars', 0)} masked characters"]
    heads = [s["key"] + ("*" if s.get("inferred") else "") for s in rec["sections"]]
    lines.append("sections: " + (" ".join(heads) or "none"))
    order = {"error": 0, "uncertain": 1, "warning": 2, "info": 3}
    fs = sorted(rec["findings"], key=lambda f: (order.get(f["severity"], 9), f["rule"]))
    if not fs:
        lines.append("no findings: every identity holds")
    for f in fs:
        cells = ", ".join(f["cells"][:6]) + (" …" if len(f["cells"]) > 6 else "")
        exp = "" if f.get("expected") is None else f" (expected {f['expected']}, printed {f['actual']})"
        lines.append(f"  {f['severity']:<9} {f['rule']:<15} {f['message']}{exp}" + (f"\n{'':28}{cells}" if cells else ""))
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command("parse")
    def parse_cmd(
        files: Annotated[list[Path], typer.Argument(help="report files (txt, md, html, pdf, docx)")],
        as_json: Annotated[bool, typer.Option("--json", help="print the JSON record(s)")] = False,
        out: Annotated[Optional[Path], typer.Option("--out", help="write DIR/<stem>.json per file")] = None,
        no_statements: Annotated[bool, typer.Option("--no-statements", help="skip section 五 statements")] = False,
    ) -> None:
        """Parse reports into the canonical record (shared/spec/report-json.md)."""
        failures = parse_files(files, out=out, as_json=as_json, statements=not no_statements)
        if out is not None:
            typer.echo(f"{len(files) - failures} records written to {out}, {failures} failed", err=True)
        raise typer.Exit(1 if failures == len(files) else 0)

    @app.command("check")
    def check_cmd(
        file: Annotated[Path, typer.Argument(help="a report file")],
    ) -> None:
        """Print the findings of one report: identities, blanks, ambiguities, structure."""
        from ogi.parse import parse

        try:
            rec = parse(file, statements=False).to_dict()
        except OgiError as e:
            typer.echo(f"ogi check: {e}", err=True)
            raise typer.Exit(1) from None
        typer.echo(check_text(rec))
