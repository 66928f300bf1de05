"""Table 三 (applications and how they were handled): rows read, placed and solved.

Each row's printed digits are split into its 7 cells (:mod:`ogi.splitting`); a row whose
digits run together has several readings, and :mod:`ogi.tables.solver` keeps the ones that
break the fewest column identities.
"""

from __future__ import annotations

import itertools

from ogi.normalize import Normalized, normalize_stream
from ogi.record import Finding
from ogi.splitting import SplitLimit, Value, guided_splits, parse_number, splits
from ogi.tables.rows import Row, align_rows, assemble_rows, row_source, trimmed
from ogi.tables.solver import Reading, choose
from ogi.tables.tokens import tokenize_region
from ogi.template import T3_COLUMNS, Template, active_spec

__all__ = ["table3_rows", "detect_t3_version", "solve_table3"]


def table3_rows(text: str, region: tuple[int, int]) -> tuple[list[Row], Normalized]:
    """The rows of the table 三 region of ``text`` (labels of the active spec)."""
    n = normalize_stream(text, region[0], region[1])
    labels = active_spec().table3_labels
    tokens = tokenize_region(n, labels.regex, labels.keys, labels.numbering)
    return assemble_rows(tokens, n), n


def detect_t3_version(rows: list[Row]) -> str | None:
    """The version table 三's rows alone show (rows of no other version; see the spec), else None."""
    keys = {r.key for r in rows if r.key}
    for version, unique, needs_values in active_spec().table3_version_rows:
        if not needs_values and unique & keys:
            return version
        if needs_values and any(r.has_values for r in rows if r.key in unique):
            return version
    return None


def solve_table3(rows: list[Row], tpl: Template, findings: list[Finding],
                 prov: dict[str, dict], unread: set[str]) -> dict[str, Value]:
    """The cells of table 三 (``row.column -> value``) from its rows.

    Findings (rows not found or not readable, ambiguous cells, certain breaks) go to
    ``findings``, provenance of each row to ``prov``, cells that could not be read to ``unread``.
    """
    keys = list(tpl.table3_rows)
    assigned, notes = align_rows(_usable(rows, tpl, keys), keys)
    findings.extend(Finding("STRUCT-T3-ROWS", "warning", [], note) for note in notes)
    cands = _readings(assigned, keys, tpl, findings)
    missing = [k for k in keys if k not in cands]
    unread.update(f"table3.{k}.{c}" for k in missing for c in T3_COLUMNS)
    if missing:
        findings.append(Finding(
            "STRUCT-T3-ROWS", "error", [f"table3.{k}" for k in missing],
            f"table 三 ({tpl.version} format, {len(keys)} data rows): {len(missing)} rows not found: "
            + ", ".join(missing), expected=len(keys), actual=len(keys) - len(missing)))
    chosen = choose(cands, keys, tpl, findings)
    out: dict[str, Value] = {}
    for k in keys:
        vals = chosen.get(k)
        for j, c in enumerate(T3_COLUMNS):
            out[f"{k}.{c}"] = vals[j] if vals else None
        r = assigned.get(k)
        if r is not None:
            prov[f"table3.{k}"] = {"offset": r.start, "label": r.label_text[:40], "source": row_source(r)}
    return out


def _usable(rows: list[Row], tpl: Template, keys: list[str]) -> list[Row]:
    """The rows that may hold data rows of ``tpl`` (not group labels nor other versions' rows)."""
    usable = []
    for r in rows:
        if r.key == "other_handling" and tpl.version == "2021":
            continue  # the （六） group label
        if r.key is not None and (r.key.startswith("@") or r.key not in keys):
            continue
        usable.append(r)
    return usable


def _readings(assigned: dict[str, Row], keys: list[str], tpl: Template,
              findings: list[Finding]) -> dict[str, list[Reading]]:
    """The readings of every placed row (rows that cannot be read are left out, with a finding)."""
    cands: dict[str, list[Reading]] = {}
    too_many: list[str] = []
    for k in keys:
        r = assigned.get(k)
        if r is None:
            continue
        c = _row_candidates(r, 7)
        if c:
            cands[k] = c
        elif c is None:
            too_many.append(k)
        else:
            findings.append(Finding("STRUCT-T3-ROWS", "warning", [f"table3.{k}.total"],
                                    f"row {k}: could not read 7 cells from '{row_source(r)}'"))
    # a row that breaks its own sum has too many readings to list: let the rows already
    # read say what its cells should be, and keep the readings closest to that
    fixed = {k: c[0] for k, c in cands.items() if len(c) == 1}
    for k in too_many:
        r = assigned[k]
        got, _miss = guided_splits(trimmed(r, 7), _expected(k, fixed, tpl))
        if got:
            cands[k] = got
        else:
            findings.append(Finding("STRUCT-T3-ROWS", "warning", [f"table3.{k}.total"],
                                    f"row {k}: '{row_source(r)}' breaks its row sum and has too many "
                                    "readings to settle"))
    return cands


def _row_candidates(row: Row, n_cells: int, *, sum_rule: bool = True) -> list[Reading] | None:
    """Readings of a row; ``None`` when there are too many to list (see :func:`guided_splits`)."""
    pieces = trimmed(row, n_cells)
    if not pieces:
        return []
    try:
        cands = splits(pieces, groups=[n_cells], sum_rule=sum_rule, limit=5000)
        if not cands and sum_rule:
            cands = splits(pieces, groups=[n_cells], sum_rule=False, limit=5000)
    except SplitLimit:
        return None
    if not cands and all(not p.blank for p in pieces) and len(pieces) < n_cells \
            and all(p.atomic or len(p.text) == 1 or p.raw for p in pieces):
        # blank cells vanished in flattening: place the numbers, blanks elsewhere
        vals = [parse_number(p.text) for p in pieces]
        out = []
        for pos in itertools.combinations(range(n_cells), len(vals)):
            cand: list[Value] = [None] * n_cells
            for p_, v in zip(pos, vals):
                cand[p_] = v
            if not sum_rule or cand[-1] is None or \
                    sum(x for x in cand[:-1] if x is not None) == cand[-1]:
                out.append(tuple(cand))
        cands = out
    return cands


def _expected(k: str, fixed: dict[str, Reading], tpl: Template) -> list[set[Value]]:
    """Values the column identities give for each cell of row ``k`` from the rows already read.

    Each column rule of the template (``T3-ID``: 一 + 二 = （七） + 四, ``T3-RESULTS``: the
    results add up to （七）总计) whose other rows are all read implies one value per column.
    """
    exp: list[set[Value]] = [set() for _ in T3_COLUMNS]
    for rule in tpl.table3_column_rules:
        if k not in rule.lhs and k not in rule.rhs:
            continue
        if any(r not in fixed for r in (*rule.lhs, *rule.rhs) if r != k):
            continue
        for j in range(len(T3_COLUMNS)):
            lhs = sum(fixed[r][j] or 0 for r in rule.lhs if r != k)
            rhs = sum(fixed[r][j] or 0 for r in rule.rhs if r != k)
            exp[j].add(rhs - lhs if k in rule.lhs else lhs - rhs)
    return exp
