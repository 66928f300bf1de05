"""The table 三 solver: one reading per row, by the column identities of the template.

Each row has one or more readings (splits of its printed digits into 7 cells).  The solver
keeps the combinations of readings that break the fewest column identities
(``table3_column_rules`` of :class:`ogi.template.Template`); a cell on which the surviving
combinations disagree is null with an ``AMBIGUOUS-CELL`` finding listing its candidates.
"""

from __future__ import annotations

import itertools

from ogi.record import Finding
from ogi.splitting import Value
from ogi.template import T3_COLUMNS, Template

__all__ = ["Reading", "choose"]

#: one reading of a row: a value (or None, a blank cell) per column
Reading = tuple[Value, ...]

_MAX_COMBINATIONS = 50_000


def choose(cands: dict[str, list[Reading]], keys: list[str], tpl: Template,
           findings: list[Finding]) -> dict[str, Reading]:
    """One reading per row: the combinations that break the fewest column identities.

    A cell on which the surviving combinations disagree is null, with an ``AMBIGUOUS-CELL``
    finding listing its candidate values.
    """
    fixed = {k: c[0] for k, c in cands.items() if len(c) == 1}
    multi = [k for k in keys if k in cands and len(cands[k]) > 1]
    if not multi:
        return dict(fixed)
    # cheap first: readings that cannot fit under a fixed （七）总计 (cells are never negative)
    pruned = _prune_by_totals(cands, fixed, multi, tpl)
    survivors, best = _search(pruned, fixed, multi, tpl)
    if survivors is None or best != 0:
        survivors, best = _search(cands, fixed, multi, tpl)
    if survivors is None:
        why = "satisfy the row sums; too many combinations to settle by the column rules"
    elif best == 0:
        why = "satisfy every rule"
    else:
        why = f"break the fewest column rules ({best})"
    result: dict[str, Reading] = dict(fixed)
    for k in multi:
        options = [sv[k] for sv in survivors] if survivors else cands[k]
        result[k] = _agreed(k, options, why, findings)
    if survivors:
        findings.extend(_certain_breaks(survivors, fixed, multi, tpl, result))
    return result


def _agreed(k: str, options: list[Reading], why: str, findings: list[Finding]) -> Reading:
    """The cells of row ``k`` every option agrees on; the others null, with a finding."""
    cells: list[Value] = []
    for j, col in enumerate(T3_COLUMNS):
        vals = sorted({o[j] for o in options}, key=lambda x: (x is None, x or 0))
        if len(vals) == 1:
            cells.append(vals[0])
        else:
            cells.append(None)
            findings.append(Finding(
                "AMBIGUOUS-CELL", "warning", [f"table3.{k}.{col}"],
                f"digits run together; {len(vals)} readings {why}: " + ", ".join(str(x) for x in vals),
                candidates=vals))
    return tuple(cells)


def _search(cands: dict[str, list[Reading]], fixed: dict[str, Reading], multi: list[str],
            tpl: Template) -> tuple[list[dict[str, Reading]] | None, int]:
    """All combinations of the ambiguous rows' readings with the fewest violations.

    Returns ``(None, -1)`` when there are more than ``_MAX_COMBINATIONS`` to try.
    """
    total = 1
    for k in multi:
        total *= len(cands[k])
        if total > _MAX_COMBINATIONS:
            return None, -1
    survivors: list[dict[str, Reading]] = []
    best = -1
    a = dict(fixed)
    for combo in itertools.product(*(cands[k] for k in multi)):
        a.update(zip(multi, combo))
        bad = len(_broken(a, tpl))
        if best < 0 or bad < best:
            best = bad
            survivors = [dict(zip(multi, combo))]
        elif bad == best:
            survivors.append(dict(zip(multi, combo)))
    return survivors, best


def _prune_by_totals(cands: dict[str, list[Reading]], fixed: dict[str, Reading], multi: list[str],
                     tpl: Template) -> dict[str, list[Reading]]:
    """Drop readings of a part with a cell above what its fixed total leaves for it.

    Rules with one total row (``T3-RESULTS``: the results add up to （七）总计): cells are
    never negative, so no part can exceed the total minus the parts already read.
    """
    out = dict(cands)
    for rule in tpl.table3_column_rules:
        if len(rule.rhs) != 1 or rule.rhs[0] not in fixed:
            continue
        total = fixed[rule.rhs[0]]
        room = []
        for j in range(len(T3_COLUMNS)):
            used = sum((fixed[k][j] or 0) for k in rule.lhs if k in fixed)
            room.append((total[j] or 0) - used)
        for k in multi:
            if k in rule.lhs:
                kept = [c for c in out[k] if all((x or 0) <= r for x, r in zip(c, room))]
                if kept:
                    out[k] = kept
    return out


def _broken(assign: dict[str, Reading], tpl: Template) -> list[tuple[str, int]]:
    """The column identities an assignment of rows breaks: (rule id, column index).

    A rule is weighed only when one of its ``solver_anchors`` rows is assigned; other rows
    missing count as 0 (as blank cells do in the identities).
    """
    rules = [r for r in tpl.table3_column_rules if any(a in assign for a in r.solver_anchors)]
    if not rules:
        return []
    ncols = len(tpl.table3_columns)

    def column_sums(keys: tuple[str, ...]) -> list[int | float]:
        out: list[int | float] = [0] * ncols
        for k in keys:
            t = assign.get(k)
            if t:
                for j, x in enumerate(t):
                    if x:
                        out[j] += x
        return out

    sums = [(r.id, column_sums(r.lhs), column_sums(r.rhs)) for r in rules]
    return [(rid, j) for j in range(ncols) for rid, lhs, rhs in sums if lhs[j] != rhs[j]]


def _certain_breaks(survivors: list[dict[str, Reading]], fixed: dict[str, Reading], multi: list[str],
                    tpl: Template, result: dict[str, Reading]) -> list[Finding]:
    """Identities that every surviving reading breaks, through a cell left ambiguous.

    The checks skip identities through unreadable cells; when the digits cannot be read but
    every way to read them breaks an identity, the source breaks it all the same.
    """
    out: list[Finding] = []
    common: set[tuple[str, int]] | None = None
    for sv in survivors:
        a = dict(fixed)
        a.update(sv)
        b = set(_broken(a, tpl))
        common = b if common is None else common & b
    rows_of = {r.id: [*r.lhs, *r.rhs] for r in tpl.table3_column_rules}
    for rule, j in sorted(common or ()):
        col = T3_COLUMNS[j]
        rows = rows_of[rule]
        if any(r in result and result[r][j] is None and r in multi for r in rows):
            out.append(Finding(rule, "error", [f"table3.{r}.{col}" for r in rows],
                               f"{col}: every reading of the run-together digits breaks this identity"))
    for k in multi:
        opts = [sv[k] for sv in survivors]
        if all(o[-1] is not None and o[-1] != sum(x or 0 for x in o[:-1]) for o in opts) \
                and any(x is None for x in result[k]):
            out.append(Finding("T3-ROWSUM", "error", [f"table3.{k}.{c}" for c in T3_COLUMNS],
                               f"{k}: every reading of the run-together digits breaks the row sum"))
    return out
