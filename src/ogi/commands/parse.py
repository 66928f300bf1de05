"""`ogi parse` and `ogi check`: one record per file; findings for a person.

``ogi parse FILE…`` prints one tab-separated summary line per report (path, template, year,
agency, findings); ``--json`` prints the record (a JSON array of records for several files),
``--jsonl`` one compact record per line (``pandas.read_json(..., lines=True)`` reads it) and
``--out DIR`` writes ``DIR/<stem>.json`` per file.  A file that cannot be parsed is one line
``ogi parse: path: reason`` on stderr and the batch goes on; the exit code is 1 when any file
failed.  ``ogi check FILE`` prints the findings of one report as sentences.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from ogi.commands._errors import EXIT_FAILURE, EXIT_OK, bug_message
from ogi.errors import OgiError, UsageError
from ogi.limits import output_path

__all__ = ["check_text", "parse_files", "summary_line"]

Output = Literal["summary", "json", "jsonl", "out"]


def _dump(rec: dict, *, compact: bool = False) -> str:
    if compact:
        return json.dumps(rec, ensure_ascii=False, separators=(",", ":"), default=str)
    return json.dumps(rec, ensure_ascii=False, indent=2, default=str)


def _shown(value: Any) -> str:
    """A record value for a person: ``-`` for a missing one, never ``None``."""
    return "-" if value is None or value == "" else str(value)


def summary_line(path: Path, rec: dict) -> str:
    """One tab-separated line: path, template, year, agency, number of findings."""
    m = rec["meta"]
    return (f"{path}\t{m['template']}\t{_shown(m.get('year'))}\t{_shown(m.get('agency'))}\t"
            f"{len(rec['findings'])} findings")


def _write(out: Path, f: Path, rec: dict, written: set[Path]) -> bool:
    # the name comes from the input: output_path keeps it inside out (no "..", no separators,
    # cut to a length the file system takes); a second input with the same stem gets "-2",
    # "-3" … instead of overwriting the first
    dest = output_path(out, f, ".json")
    n = 1
    while dest in written:
        n += 1
        dest = output_path(out, f"{f.stem}-{n}", ".json")
    written.add(dest)
    try:
        dest.write_text(_dump(rec) + "\n", encoding="utf-8")
    except OSError as e:
        typer.echo(f"ogi parse: {f}: cannot write {dest}: {e.strerror or e}", err=True)
        return False
    return True


def _parse_one(f: Path, *, statements: bool) -> dict | None:
    from ogi.parse import parse

    try:
        return parse(f, statements=statements).to_dict()
    except OgiError as e:
        typer.echo(f"ogi parse: {e}", err=True)
    except Exception as e:  # a bug must not stop the batch; say which file
        typer.echo(f"ogi parse: {f}: {bug_message(e)}", err=True)
    return None


def parse_files(files: list[Path], *, output: Output = "summary", out: Path | None = None,
                statements: bool = True) -> int:
    """Parse each file and print or write its record.

    Args:
        files: the report files.
        output: ``summary`` (one line per report), ``json`` (the record; an array for several
            files), ``jsonl`` (one compact record per line) or ``out`` (``out/<stem>.json``).
        out: the folder of ``output="out"``.
        statements: extract the statements of section 五.

    Returns:
        The number of files that failed (each reported on stderr).
    """
    failures = 0
    written: set[Path] = set()
    if output == "out":
        if out is None:
            raise UsageError("output 'out' needs a folder")
        out.mkdir(parents=True, exist_ok=True)
    array = output == "json" and len(files) > 1
    first = True
    if array:
        typer.echo("[")
    for f in files:
        rec = _parse_one(f, statements=statements)
        if rec is None:
            failures += 1
        elif output == "out" and out is not None:
            failures += not _write(out, f, rec, written)
        elif output == "json":
            typer.echo(("" if first else ",\n") + _dump(rec), nl=not array)
            first = False
        elif output == "jsonl":
            typer.echo(_dump(rec, compact=True))
        else:
            typer.echo(summary_line(f, rec))
    if array:
        typer.echo("\n]" if not first else "]")
    return failures


def _finding_line(f: dict) -> str:
    from ogi.view.report import expected_text

    cells = ", ".join(f["cells"][:6]) + (" …" if len(f["cells"]) > 6 else "")
    return (f"  {f['severity']:<9} {f['rule']:<15} {f['message']}{expected_text(f)}"
            + (f"\n{'':28}{cells}" if cells else ""))


def check_text(rec: dict) -> str:
    """The findings of a record as lines a person reads (no Python values such as ``None``)."""
    m = rec["meta"]
    lines = [f"{rec['source']['path']}: template {m['template']}, year {_shown(m.get('year'))}, "
             f"agency {_shown(m.get('agency'))}, {m.get('masked_chars') or 0} masked characters"]
    heads = [s["key"] + ("*" if s.get("inferred") else "") for s in rec["sections"]]
    lines.append("sections: " + (" ".join(heads) or "none"))
    order = {"error": 0, "uncertain": 1, "warning": 2, "info": 3}
    fs = sorted(rec["findings"], key=lambda f: (order.get(f["severity"], 9), f["rule"]))
    if not fs:
        lines.append("no findings: every identity holds")
    lines += [_finding_line(f) for f in fs]
    return "\n".join(lines)


def _output(as_json: bool, as_jsonl: bool, out: Path | None) -> Output:
    chosen = [name for name, on in (("--json", as_json), ("--jsonl", as_jsonl), ("--out", out is not None)) if on]
    if len(chosen) > 1:
        raise UsageError(f"{' and '.join(chosen)} exclude each other: print records (--json, --jsonl) "
                         "or write them (--out DIR)")
    return "json" if as_json else "jsonl" if as_jsonl else "out" if out is not None else "summary"


def register(app: typer.Typer) -> None:
    """Add ``ogi parse`` and ``ogi check`` to the app."""

    @app.command("parse")
    def parse_cmd(
        files: Annotated[list[Path], typer.Argument(help="report files (txt, md, html, pdf, docx)")],
        as_json: Annotated[bool, typer.Option(
            "--json", help="print the JSON record (a JSON array of records for several files)")] = False,
        as_jsonl: Annotated[bool, typer.Option(
            "--jsonl", help="print one compact JSON record per line (JSON Lines)")] = False,
        out: Annotated[Path | None, typer.Option("--out", help="write DIR/<stem>.json per file")] = None,
        no_statements: Annotated[bool, typer.Option("--no-statements", help="skip section 五 statements")] = False,
    ) -> None:
        """Parse reports into the canonical record (shared/spec/report-json.md).

        Without --json, --jsonl or --out, print one line per report: path, template, year,
        agency and number of findings (tab-separated).
        """
        output = _output(as_json, as_jsonl, out)
        failures = parse_files(files, output=output, out=out, statements=not no_statements)
        if out is not None:
            typer.echo(f"{len(files) - failures} records written to {out}, {failures} failed", err=True)
        raise typer.Exit(EXIT_FAILURE if failures else EXIT_OK)

    @app.command("check")
    def check_cmd(
        file: Annotated[Path, typer.Argument(help="a report file")],
    ) -> None:
        """Print the findings of one report: identities, blanks, ambiguities, structure."""
        from ogi.parse import parse

        typer.echo(check_text(parse(file, statements=False).to_dict()))
