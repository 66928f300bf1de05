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
from collections.abc import Callable, Mapping

import pandas as pd

from ogi.corpus.agency import agency_id, agency_level, agency_region

__all__ = ["CELL_AGREEMENT", "FORMAT_ORDER", "MIN_COMMON_CELLS", "MIN_SECTIONS", "STATUSES",
           "STATUS_COLUMNS", "TEXT_SIMILARITY", "classify", "copy_id"]

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

CellsOf = Callable[[list[str]], "pd.DataFrame | None"]


def copy_id(content_id: str, path: str) -> str:
    """The ``report_id`` of a byte-identical copy's row: SHA-256 of ``<content id>/<path>``."""
    return hashlib.sha256(f"{content_id}/{path}".encode()).hexdigest()


def _own_status(r: Mapping, t3_printed: Mapping[str, int]) -> tuple[str, str]:
    n_sections = int(r.get("n_sections") or 0)
    printed = int(t3_printed.get(r["report_id"], 0))
    template = r.get("template")
    if n_sections == 0 and printed == 0:
        return "not_report", "no section and no table cell found"
    if pd.isna(r.get("year")):
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


def _same(a: str, b: str, cells: pd.DataFrame | None, texts: Mapping[str, set[str]]) -> bool:
    if cells is not None and len(cells):
        ok = cells[cells["status"] == "ok"]
        va = ok[ok["report_id"] == a].set_index(["tbl", "key"])["value"]
        vb = ok[ok["report_id"] == b].set_index(["tbl", "key"])["value"]
        common = va.index.intersection(vb.index)
        if len(common) >= MIN_COMMON_CELLS:
            return float((va.loc[common] == vb.loc[common]).mean()) >= CELL_AGREEMENT
    ta, tb = texts.get(a, set()), texts.get(b, set())
    if not ta or not tb:
        return False
    return len(ta & tb) / len(ta | tb) >= TEXT_SIMILARITY


def _rank(rep: pd.DataFrame) -> pd.DataFrame:
    fmt = {f: i for i, f in enumerate(FORMAT_ORDER)}
    return rep.assign(_f=rep["n_findings"].fillna(0).astype(int),
                      _r=rep["format"].map(fmt).fillna(len(fmt)).astype(int)).sort_values(["_f", "_r", "path"])


def _twins(rep: pd.DataFrame, cells_of: CellsOf, sections_of: CellsOf) -> dict[str, str]:
    """duplicate report_id → canonical report_id, among complete reports of one agency-year."""
    cand = rep[(rep["status"] == "report") & rep["agency_id"].notna() & rep["year"].notna()]
    groups = [g for _, g in cand.groupby(["agency_id", "year"]) if len(g) > 1]
    if not groups:
        return {}
    ids = [i for g in groups for i in g["report_id"]]
    cells = cells_of(ids)
    secs = sections_of(ids)
    texts: dict[str, set[str]] = {}
    if secs is not None and len(secs):
        for rid, part in secs.groupby("report_id"):
            texts[str(rid)] = _bigrams("".join(t for t in part["text"] if isinstance(t, str)))
    out: dict[str, str] = {}
    for g in groups:
        kept: list[str] = []
        for rid in _rank(g)["report_id"]:
            canon = next((k for k in kept if _same(k, rid, cells, texts)), None)
            if canon is None:
                kept.append(rid)
            else:
                out[rid] = canon
    return out


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
    rep = reports.copy()
    rep["agency_id"] = [agency_id(a, aliases=aliases) for a in rep["agency"]]
    rep["level"] = [agency_level(a) for a in rep["agency_id"]]
    rep["region"] = [agency_region(a) for a in rep["agency_id"]]
    own = [_own_status(r, t3_printed) for r in rep.to_dict("records")]
    rep["status"] = [s for s, _ in own]
    rep["status_reason"] = [w for _, w in own]
    rep["duplicate_of"] = pd.Series([None] * len(rep), index=rep.index, dtype=object)
    order = rep.sort_values("path", kind="mergesort")
    first = order.drop_duplicates("report_id")
    copies = order.index.difference(first.index)
    first_path = dict(zip(first["report_id"], first["path"]))
    for i in copies:
        rid = rep.at[i, "report_id"]
        rep.at[i, "duplicate_of"] = rid
        rep.at[i, "status"] = "duplicate"
        rep.at[i, "status_reason"] = f"same bytes as {first_path[rid]}"
        rep.at[i, "report_id"] = copy_id(rid, rep.at[i, "path"])
    twins = _twins(rep.loc[first.index], cells_of, sections_of)
    paths = dict(zip(rep["report_id"], rep["path"]))
    for i in first.index:
        canon = twins.get(rep.at[i, "report_id"])
        if canon is not None:
            rep.at[i, "status"] = "duplicate"
            rep.at[i, "duplicate_of"] = canon
            rep.at[i, "status_reason"] = f"same agency-year report as {paths[canon]}"
    return rep
