"""Researchers' corrections of table cells, applied to the corpus tables with provenance.

An overrides file settles what the source cannot (an ambiguous cell, a misread label): one
row per cell, with ``file`` (path relative to the corpus) or ``report_id``, ``cell`` (the
cell path, ``table3.granted.total``), ``value`` (a number), ``reason`` and ``who``.  CSV
(UTF-8, a header row) or YAML (a list of mappings with the same keys).  ``ogi process
--overrides FILE`` applies it when the ``cells`` table is built: the cell gets
``status = "override"`` and the new ``value``; ``printed`` and ``printed_status`` keep what
the parser read, ``override`` says ``reason (who)``.  The parsed records and the stored parts
are never edited, and the file's SHA-256 goes into ``provenance.json``.

Example:
    >>> ov = Override(cell="table3.granted.total", value=5.0, reason="HTML copy prints 5", who="lw",
    ...               file="a.txt")
    >>> ov.table, ov.key
    ('table3', 'granted.total')
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ogi.errors import UsageError

__all__ = ["FIELDS", "Override", "apply", "read_overrides", "resolve", "unmatched"]

#: The keys of an override (``file`` or ``report_id`` identifies the report).
FIELDS: tuple[str, ...] = ("file", "report_id", "cell", "value", "reason", "who")
_TABLES = ("table2", "table3", "table4")


@dataclass(frozen=True)
class Override:
    """One settled cell.

    Attributes:
        cell: the cell path (``table3.granted.total``).
        value: the settled value.
        reason: why (for a reader of the data).
        who: who settled it.
        file: the report's path relative to the corpus (or None).
        report_id: the report's id (or None).
        line: where in the overrides file (row or list item, from 1).
    """

    cell: str
    value: float
    reason: str
    who: str
    file: str | None = None
    report_id: str | None = None
    line: int = 0

    @property
    def table(self) -> str:
        return self.cell.partition(".")[0]

    @property
    def key(self) -> str:
        return self.cell.partition(".")[2]

    @property
    def note(self) -> str:
        return f"{self.reason} ({self.who})" if self.who else self.reason


def _rows(p: Path, data: bytes) -> list[dict]:
    text = data.decode("utf-8-sig")
    if p.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            items = yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise UsageError(f"not valid YAML: {e}", path=str(p)) from None
        if items is None:
            return []
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise UsageError("a YAML overrides file is a list of mappings (file, cell, value, reason, who)",
                             path=str(p))
        return items
    try:
        return list(csv.DictReader(io.StringIO(text)))
    except csv.Error as e:
        raise UsageError(f"not valid CSV: {e}", path=str(p)) from None


def _override(r: Mapping, i: int, p: Path) -> Override:
    where = f"overrides entry {i}"
    file, rid = (str(r.get(k) or "").strip() or None for k in ("file", "report_id"))
    cell = str(r.get("cell") or "").strip()
    if not (file or rid):
        raise UsageError(f"{where}: give file or report_id", path=str(p))
    if cell.partition(".")[0] not in _TABLES or not cell.partition(".")[2]:
        raise UsageError(f"{where}: cell {cell!r} is not a cell path such as table3.granted.total", path=str(p))
    try:
        value = float(str(r.get("value")).strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise UsageError(f"{where}: value {r.get('value')!r} is not a number", path=str(p))
    reason = str(r.get("reason") or "").strip()
    if not reason:
        raise UsageError(f"{where}: say why (reason)", path=str(p))
    return Override(cell=cell, value=value, reason=reason, who=str(r.get("who") or "").strip(),
                    file=file, report_id=rid, line=i)


def read_overrides(path: str | os.PathLike) -> tuple[list[Override], str]:
    """The overrides of a CSV or YAML file, and the file's SHA-256.

    Raises:
        UsageError: the file is missing or malformed, or an entry lacks a report, a cell
            path, a numeric value or a reason (the message names the entry).
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read the overrides file: {e.strerror or e}", path=str(p)) from None
    try:
        rows = _rows(p, data)
    except UnicodeDecodeError:
        raise UsageError("the overrides file is not UTF-8", path=str(p)) from None
    out = [_override(r, i, p) for i, r in enumerate(rows, 1)]
    seen: dict[tuple, int] = {}
    for o in out:
        k = (o.file or o.report_id, o.cell)
        if k in seen:
            raise UsageError(f"overrides entries {seen[k]} and {o.line} settle the same cell {o.cell}", path=str(p))
        seen[k] = o.line
    return out, hashlib.sha256(data).hexdigest()


def resolve(overrides: list[Override], ids: Mapping[str, str], known: set[str],
            source: str) -> dict[tuple[str, str, str], Override]:
    """(report_id, table, key) → override, the report found by path or id.

    Args:
        overrides: from :func:`read_overrides`.
        ids: path → report_id of the corpus's files.
        known: the report ids of the corpus.
        source: the overrides file (for messages).

    Raises:
        UsageError: an override names a file or report the corpus does not have.
    """
    out = {}
    for o in overrides:
        rid = ids.get(o.file) if o.file else o.report_id
        if rid is None or rid not in known:
            what = f"file {o.file!r}" if o.file else f"report_id {o.report_id!r}"
            raise UsageError(f"overrides entry {o.line}: no report with {what} in the corpus", path=source)
        out[(rid, o.table, o.key)] = o
    return out


def apply(cells, resolved: Mapping[tuple[str, str, str], Override], matched: set[tuple[str, str, str]]):
    """A chunk of the ``cells`` table (a pyarrow Table) with the overrides applied.

    The rows of ``resolved`` get the override's value, ``status = "override"``, the value and
    status read in ``printed`` / ``printed_status`` and the note in ``override``; the keys
    found are added to ``matched``.
    """
    if not resolved or not cells.num_rows:
        return cells
    import pyarrow as pa

    cols = {n: cells.column(n).to_pylist() for n in ("report_id", "tbl", "key", "value", "status",
                                                     "printed", "printed_status", "override")}
    hit = False
    for i, k in enumerate(zip(cols["report_id"], cols["tbl"], cols["key"])):
        o = resolved.get(k)
        if o is None:
            continue
        hit = True
        matched.add(k)
        cols["printed"][i], cols["printed_status"][i] = cols["value"][i], cols["status"][i]
        cols["value"][i], cols["status"][i], cols["override"][i] = o.value, "override", o.note
    if not hit:
        return cells
    for name, values in cols.items():
        j = cells.schema.get_field_index(name)
        cells = cells.set_column(j, cells.schema.field(j), pa.array(values, cells.schema.field(j).type))
    return cells


def unmatched(resolved: Mapping[tuple[str, str, str], Override], matched: set[tuple[str, str, str]],
              source: str) -> None:
    """Raise :class:`UsageError` for the first override whose cell the report does not have."""
    left = sorted((o.line, o.cell) for k, o in resolved.items() if k not in matched)
    if left:
        raise UsageError(f"overrides entry {left[0][0]}: the report has no cell {left[0][1]}", path=source)
