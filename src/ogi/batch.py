"""Parse a folder of reports into ``out_dir``: one record per file, findings, errors, provenance.

A file that cannot be parsed is listed in ``errors.csv`` with the reason and the batch goes
on; nothing is written outside ``out_dir``.

Example:
    >>> summary = parse_corpus("corpora/sample", "results/demo")  # doctest: +SKIP
    >>> summary["parsed"], summary["failed"]  # doctest: +SKIP
    (9, 0)
"""

from __future__ import annotations

import csv
import hashlib
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

from ogi.errors import OgiError, UsageError

__all__ = ["parse_corpus", "REPORT_SUFFIXES", "provenance"]

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx")


def _files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*")
                  if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                  and p.name.lower() != "readme.md" and "gold" not in p.relative_to(corpus).parts)


def provenance(inputs: list[Path], command: list[str] | None = None) -> dict:
    """Versions, input hashes, git commit and command line, to store beside a result."""
    from importlib.metadata import PackageNotFoundError, version

    vers = {}
    for pkg in ("ogi", "lxml", "pdfplumber", "python-docx", "jieba", "scikit-learn", "spacy"):
        try:
            vers[pkg] = version(pkg)
        except PackageNotFoundError:
            vers[pkg] = None
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                                cwd=Path(__file__).parent, timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"python": platform.python_version(), "packages": vers, "git_commit": commit,
            "command": command if command is not None else sys.argv,
            "inputs": {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs}}


def parse_corpus(corpus: str | Path, out_dir: str | Path, *, statements: bool = True) -> dict:
    """Parse every report under ``corpus`` into ``out_dir``.

    Writes ``records/<name>.json``, ``findings.csv`` (one row per finding), ``reports.csv``
    (one row per report), ``errors.csv`` and ``provenance.json``; returns a summary.
    """
    from ogi.parse import parse

    corpus = Path(corpus)
    out = Path(out_dir)
    if not corpus.is_dir():
        raise UsageError(f"corpus folder not found: {corpus}")
    files = _files(corpus)
    rec_dir = out / "records"
    rec_dir.mkdir(parents=True, exist_ok=True)
    reports, findings, errors = [], [], []
    t0 = time.perf_counter()
    for f in files:
        rel = f.relative_to(corpus)
        name = str(rel.with_suffix("")).replace("/", "__") + f.suffix.replace(".", "_")
        try:
            rec = parse(f, statements=statements).to_dict()
        except OgiError as e:
            errors.append({"file": str(rel), "error": e.reason})
            continue
        except Exception as e:  # keep the batch going; the row names the file
            errors.append({"file": str(rel), "error": f"internal error: {type(e).__name__}: {e}"})
            continue
        (rec_dir / f"{name}.json").write_text(
            json.dumps(rec, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        m = rec["meta"]
        sev = {}
        for fd in rec["findings"]:
            sev[fd["severity"]] = sev.get(fd["severity"], 0) + 1
            findings.append({"file": str(rel), "rule": fd["rule"], "severity": fd["severity"],
                             "cells": " ".join(fd["cells"]), "expected": fd.get("expected"),
                             "actual": fd.get("actual"), "message": fd["message"]})
        reports.append({"file": str(rel), "format": rec["source"]["format"], "template": m["template"],
                        "year": m.get("year"), "agency": m.get("agency"),
                        "masked_chars": m.get("masked_chars"),
                        "sections": " ".join(s["key"] for s in rec["sections"]),
                        "statements": len(rec["statements"]),
                        "errors": sev.get("error", 0), "uncertain": sev.get("uncertain", 0),
                        "warnings": sev.get("warning", 0)})
    elapsed = time.perf_counter() - t0
    _csv(out / "reports.csv", reports, ["file", "format", "template", "year", "agency", "masked_chars",
                                        "sections", "statements", "errors", "uncertain", "warnings"])
    _csv(out / "findings.csv", findings, ["file", "rule", "severity", "cells", "expected", "actual", "message"])
    _csv(out / "errors.csv", errors, ["file", "error"])
    summary = {"corpus": str(corpus), "out": str(out), "files": len(files), "parsed": len(reports),
               "failed": len(errors), "findings": len(findings), "seconds": round(elapsed, 3)}
    (out / "provenance.json").write_text(json.dumps(
        {**provenance(files), "summary": summary}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def _csv(path: Path, rows: list[dict], cols: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
