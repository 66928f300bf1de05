"""The status of every row of ``reports``: report, fragment, not_report or duplicate.

Rules, in order (the first that applies gives the status and ``status_reason``):

1. **duplicate** — a byte-identical copy of another file (same content hash under a second
   path: the row of the later path in sorted order), or the same agency-year report as another
   file: same ``agency_id`` and ``year``, and near-identical content (at least
   :data:`CELL_AGREEMENT` of the table cells both print are equal, over at least
   :data:`MIN_COMMON_CELLS` cells; without such cells, :data:`TEXT_SIMILARITY` of the
   sections' character bigrams shared).  ``duplicate_of`` names the canonical report: the one
   with the **fewest findings**, then the **richest format** (:data:`FORMAT_ORDER`: html, docx,
   md, txt, pdf), then the first **path**.  Only complete reports are compared.
2. **not_report** — no annual-report structure: no section heading found and no table cell
   printed (a 信息公开指南 page, a news item).
3. **fragment** — report wording but cut or incomplete: no year; the national template with
   fewer than :data:`MIN_SECTIONS` sections or no printed cell of table 三; or a report of 2019
   or later without the national tables (a report cut before them).
4. **report** — everything else.

Files that cannot be read at all are rows of ``errors``, never of ``reports``.

Example:
    >>> import pandas as pd
    >>> rep = pd.DataFrame({"report_id": ["a"], "path": ["a.txt"], "format": ["txt"], "agency": [None],
    ...                     "year": [None], "template": ["pre2019"], "n_sections": [0], "n_findings": [1]})
    >>> classify(rep, t3_printed={}, cells_of=lambda ids: None, sections_of=lambda ids: None)["status"].tolist()
    ['not_report']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ogi.corpus.agency import agency_id, agency_level, agency_region

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CELL_AGREEMENT", "FORMAT_ORDER", "MIN_COMMON_CELLS", "MIN_SECTIONS", "STATUSES",
           "STATUS_COLUMNS", "TEXT_SIMILARITY", "classify", "classify_rows", "copy_id"]

#: The statuses, in the order of the rules.
STATUSES: tuple[str, ...] = ("report", "fragment", "not_report", "duplicate")
#: The columns :func:`classify` adds to ``reports``.
STATUS_COLUMNS: tuple[str, ...] = ("agency_id", "level", "region", "status", "status_reason", "duplicate_of")
#: Formats from richest to poorest (the tie-break of the canonical copy after findings).
FORMAT_ORDER: tuple[str, ...] = ("html", "docx", "md", "txt", "pdf")
#: Share of commonly printed cells that must be equal for two files to be the same report.
CELL_AGREEMENT = 0.9
#: Cells both files must print for the cell comparison to decide.
MIN_COMMON_CELLS = 10
#: Share of character bigrams (Jaccard) two section texts must share without comparable cells.
TEXT_SIMILARITY = 0.8
#: Sections a national-format report has at least (of six).
MIN_SECTIONS = 5

#: report ids → their ``cells`` rows as ``(report_id, tbl, key, value, status)`` tuples.
CellRowsOf = Callable[[list[str]], Iterable[tuple]]
#: report ids → their ``sections`` rows as ``(report_id, text)`` tuples.
SectionRowsOf = Callable[[list[str]], Iterable[tuple]]
#: report ids → their rows as a DataFrame (or None): the form :func:`classify` takes.
CellsOf = Callable[[list[str]], "pd.DataFrame | None"]


def copy_id(content_id: str, path: str) -> str:
    """The ``report_id`` of a byte-identical copy's row: SHA-256 of ``<content id>/<path>``."""
    return hashlib.sha256(f"{content_id}/{path}".encode()).hexdigest()


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _own_status(r: Mapping, t3_printed: Mapping[str, int]) -> tuple[str, str]:
    n_sections = int(r.get("n_sections") or 0)
    printed = int(t3_printed.get(r["report_id"], 0))
    template = r.get("template")
    if n_sections == 0 and printed == 0:
        return "not_report", "no section and no table cell found"
    if _missing(r.get("year")):
        return "fragment", "no report year"
    if template in ("2019", "2021"):
        if n_sections < MIN_SECTIONS:
            return "fragment", f"{n_sections} of 6 sections"
        if printed == 0:
            return "fragment", "no printed cell of table 三"
    elif int(r["year"]) >= 2019:
        return "fragment", f"a {int(r['year'])} report without the national tables"
    return "report", ""


def _bigrams(text: str) -> set[str]:
    t = "".join(ch for ch in text if not ch.isspace())
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _same(a: str, b: str, cells: Mapping[str, Mapping[tuple, Any]], texts: Mapping[str, set[str]]) -> bool:
    va, vb = cells.get(a, {}), cells.get(b, {})
    common = va.keys() & vb.keys()
    if len(common) >= MIN_COMMON_CELLS:
        return sum(va[k] == vb[k] for k in common) / len(common) >= CELL_AGREEMENT
    ta, tb = texts.get(a, set()), texts.get(b, set())
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) >= TEXT_SIMILARITY


def _rank_key(r: Mapping[str, Any]) -> tuple[int, int, str]:
    fmt = {f: i for i, f in enumerate(FORMAT_ORDER)}
    n: Any = r.get("n_findings")
    return (0 if _missing(n) else int(n), fmt.get(str(r.get("format")), len(fmt)), r["path"])


def _twins(rows: list[dict], cells_of: CellRowsOf, sections_of: SectionRowsOf) -> dict[str, str]:
    """duplicate report_id → canonical report_id, among complete reports of one agency-year."""
    by_key: dict[tuple, list[dict]] = {}
    for r in rows:
        if r["status"] == "report" and not _missing(r["agency_id"]) and not _missing(r.get("year")):
            by_key.setdefault((r["agency_id"], r["year"]), []).append(r)
    groups = [g for _, g in sorted(by_key.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])) if len(g) > 1]
    if not groups:
        return {}
    ids = [r["report_id"] for g in groups for r in g]
    cells: dict[str, dict[tuple, Any]] = {}
    for rid, tbl, key, value, status in cells_of(ids):
        if status == "ok":
            cells.setdefault(str(rid), {})[(tbl, key)] = value
    joined: dict[str, list[str]] = {}
    for rid, text in sections_of(ids):
        if isinstance(text, str):
            joined.setdefault(str(rid), []).append(text)
    texts = {rid: _bigrams("".join(parts)) for rid, parts in joined.items()}
    out: dict[str, str] = {}
    for g in groups:
        kept: list[str] = []
        for r in sorted(g, key=_rank_key):
            rid = r["report_id"]
            canon = next((k for k in kept if _same(k, rid, cells, texts)), None)
            if canon is None:
                kept.append(rid)
            else:
                out[rid] = canon
    return out


def classify_rows(reports: Iterable[Mapping], *, t3_printed: Mapping[str, int], cells_of: CellRowsOf,
                  sections_of: SectionRowsOf, aliases: Mapping[str, str] | None = None) -> list[dict]:
    """The rows of ``reports`` with :data:`STATUS_COLUMNS` filled in (same order): :func:`classify` on plain rows.

    The form ``ogi process`` uses (no pandas): rows are dicts with missing values as ``None``.

    Args:
        reports: the ``reports`` rows (at least report_id, path, format, agency, year,
            template, n_sections, n_findings).
        t3_printed: report_id → number of printed (``ok``) cells of table 三.
        cells_of: report ids → their ``cells`` rows as ``(report_id, tbl, key, value, status)``.
        sections_of: report ids → their ``sections`` rows as ``(report_id, text)``.
        aliases: printed or normalised agency name → agency_id (overrides the rules).
    """
    rows = [dict(r) for r in reports]
    for r in rows:
        aid = agency_id(r.get("agency"), aliases=aliases)
        status, reason = _own_status(r, t3_printed)
        r.update(agency_id=aid, level=agency_level(aid), region=agency_region(aid), status=status,
                 status_reason=reason, duplicate_of=None)
    first: dict[str, dict] = {}  # content id → the row of its first path
    copies: list[dict] = []
    for r in sorted(rows, key=lambda r: r["path"]):
        if r["report_id"] in first:
            copies.append(r)
        else:
            first[r["report_id"]] = r
    for r in copies:
        rid = r["report_id"]
        r.update(duplicate_of=rid, status="duplicate", status_reason=f"same bytes as {first[rid]['path']}",
                 report_id=copy_id(rid, r["path"]))
    firsts = {id(r) for r in first.values()}
    twins = _twins([r for r in rows if id(r) in firsts], cells_of, sections_of)
    paths = {r["report_id"]: r["path"] for r in rows}
    for r in first.values():
        canon = twins.get(r["report_id"])
        if canon is not None:
            r.update(status="duplicate", duplicate_of=canon,
                     status_reason=f"same agency-year report as {paths[canon]}")
    return rows


def _tuples(df: pd.DataFrame | None, columns: tuple[str, ...]) -> list[tuple]:
    if df is None or not len(df):
        return []
    return list(df[list(columns)].astype(object).where(df[list(columns)].notna(), None)
                .itertuples(index=False, name=None))


def classify(reports: pd.DataFrame, *, t3_printed: Mapping[str, int], cells_of: CellsOf, sections_of: CellsOf,
             aliases: Mapping[str, str] | None = None) -> pd.DataFrame:
    """``reports`` with :data:`STATUS_COLUMNS` filled in (rows in the same order).

    Rows sharing a ``report_id`` (the same bytes under several paths) keep the first path's
    row as the report; each later one becomes a ``duplicate`` row with :func:`copy_id` as
    its id.

    Args:
        reports: the ``reports`` table (at least report_id, path, format, agency, year,
            template, n_sections, n_findings).
        t3_printed: report_id → number of printed (``ok``) cells of table 三.
        cells_of: report ids → their ``cells`` rows (report_id, tbl, key, value, status).
        sections_of: report ids → their ``sections`` rows (report_id, text).
        aliases: printed or normalised agency name → agency_id (overrides the rules).
    """
    import pandas as pd

    plain = reports.astype(object).where(reports.notna(), None).to_dict("records")
    rows = classify_rows(plain, t3_printed=t3_printed, aliases=aliases,
                         cells_of=lambda ids: _tuples(cells_of(ids), ("report_id", "tbl", "key", "value", "status")),
                         sections_of=lambda ids: _tuples(sections_of(ids), ("report_id", "text")))
    columns = [*reports.columns, *(c for c in STATUS_COLUMNS if c not in reports.columns)]
    out = pd.DataFrame(rows, index=reports.index, columns=columns)
    for c in reports.columns:  # the input's columns keep their dtypes
        if c not in STATUS_COLUMNS and c != "report_id":
            out[c] = reports[c]
    return out
