"""The ambiguity oracle of the flat layout: which table cells admit several digit splits.

A crawler copy prints each table row's value cells run together; a parser can only read a run
in the ways the cell types and the template's identities allow.  :func:`flat_uncertain` lists
the cells on which those readings disagree (the truth's ``uncertain_cells``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ogi.synth.digits import MAX_SOLUTIONS, PATTERNS, block_splits, limited, rowsum_splits, splits
from ogi.synth.model import Doc, Table
from ogi.synth.shape import Shape

__all__ = ["flat_uncertain"]

_Rule = tuple[int, tuple[str, ...], tuple[str, ...]]  # column index, rows of one side, rows of the other


def flat_uncertain(shape: Shape, doc: Doc, vals: dict) -> list[str]:
    """Cells of the flat layout whose digit run admits more than one reading.

    Each table row's value cells are printed run together.  A row's candidate readings
    are the splits of its run into cells of the right type that satisfy the in-row
    identities (a table-三 row sum, a table-四 block); the table-三 readings are then filtered
    jointly by the per-column identities (T3-ID, T3-RESULTS).  Only the identities that hold
    in the printed table are used, so the printed reading always survives.  A cell is
    uncertain when the surviving readings disagree on it; when the readings are too many to
    enumerate, all cells of the row are listed (a conservative answer).
    """
    tpl = shape.tpl
    holds = {(i.id, i.where): not i.broken(vals) for i in shape.identities}
    row_ids = [r.id for r in tpl.rules if r.table == "table3" and r.per == "row"]
    block_ids = [r.id for r in tpl.rules if r.table == "table4" and r.per == "block"]

    def ok(ids: list[str], where: str) -> bool:
        return bool(ids) and all(holds.get((i, where), True) for i in ids)

    uncertain: set[str] = set()
    t3 = _T3Runs()
    for table in (b for b in doc.blocks if isinstance(b, Table)):
        for row in table.rows:
            cells = [c for c in row if c.path]
            if not cells:
                continue
            paths = [c.path for c in cells if c.path]
            truth = tuple(c.text for c in cells)
            run = "".join(truth)
            if table.name == "table3":
                key = paths[0].split(".")[1]
                t3.paths[key], t3.runs[key], t3.truth[key] = paths, run, truth
                t3.rowsum[key] = ok(row_ids, key)
                cands = limited(rowsum_splits(run, len(paths))) if t3.rowsum[key] else None
                if cands is not None and truth in cands:
                    t3.readings[key] = cands
                continue
            if table.name == "table2":
                cands = limited(splits(run, [PATTERNS[shape.t2_type(p)] for p in paths]))
            else:
                enforce = [ok(block_ids, b) for b in shape.t4_blocks]
                cands = limited(block_splits(run, enforce, len(shape.t4_parts)))
            uncertain.update(_disagreeing(paths, cands, truth))
    rules: list[_Rule] = []
    for ci, c in enumerate(shape.t3_columns):
        for rule in tpl.table3_column_rules:
            if holds.get((rule.id, c), False):
                rules.append((ci, rule.lhs, rule.rhs))
    uncertain.update(t3.unsettled(rules))
    return sorted(uncertain)

def _disagreeing(paths: list[str], cands: list[tuple[str, ...]] | None, truth: tuple[str, ...]) -> set[str]:
    """Paths whose readings disagree (all of them when the readings could not be listed)."""
    if cands is None or truth not in cands:
        return set(paths)
    return {p for i, p in enumerate(paths) if len({c[i] for c in cands}) > 1}


@dataclass
class _T3Runs:
    """The table-三 row runs of a flat report and their readings, for the joint filter."""

    paths: dict = field(default_factory=dict)
    runs: dict = field(default_factory=dict)
    truth: dict = field(default_factory=dict)
    rowsum: dict = field(default_factory=dict)
    readings: dict = field(default_factory=dict)  # rows whose row-sum readings could be listed

    def unsettled(self, rules: list[tuple[int, tuple, tuple]]) -> set[str]:
        """Cells left unsettled by the joint filter of the column ``rules``.

        Rows with listed readings are combined (up to a limit); the other rows ("free"
        rows: row sum fails or too many readings) are read with the cells the column
        rules fix given the rows already assigned.
        """
        ambiguous = [r for r in self.readings if len(self.readings[r]) > 1]
        free = [r for r in self.runs if r not in self.readings]
        fixed = {r: self.readings[r][0] for r in self.readings if len(self.readings[r]) == 1}
        product = 1
        for r in ambiguous:
            product *= len(self.readings[r])
        keep: dict[str, set] = {r: set() for r in self.runs}
        budget = [MAX_SOLUTIONS]
        # too many combinations: fall back to the per-row readings (conservative)
        fallback = {p for r in free for p in self.paths[r]}
        for r in ambiguous:
            fallback |= _disagreeing(self.paths[r], self.readings[r], self.truth[r])
        if product > MAX_SOLUTIONS:
            return fallback
        for combo in _product([self.readings[r] for r in ambiguous]):
            assign = dict(fixed)
            assign.update(zip(ambiguous, combo))
            if not self._resolve(free, 0, assign, rules, keep, budget):
                return fallback
        out: set[str] = set()
        for r in self.runs:
            out |= _disagreeing(self.paths[r], sorted(keep[r]), self.truth[r])
        return out

    def _resolve(self, free: list[str], i: int, assign: dict, rules, keep: dict, budget: list[int]) -> bool:
        """Assign free rows ``free[i:]``; record full assignments that satisfy ``rules``.

        Returns False when the enumeration budget ran out.
        """
        if i == len(free):
            if all(_rule_holds(assign, rule) for rule in rules):
                for r, reading in assign.items():
                    keep[r].add(reading)
            return True
        row = free[i]
        known: dict[int, int] = {}
        for ci, lhs, rhs in rules:
            if row not in lhs + rhs or not all(r in assign for r in lhs + rhs if r != row):
                continue
            if row in lhs:
                value = sum(int(assign[r][ci]) for r in rhs) - sum(int(assign[r][ci]) for r in lhs if r != row)
            else:
                value = sum(int(assign[r][ci]) for r in lhs) - sum(int(assign[r][ci]) for r in rhs if r != row)
            if value < 0 or known.get(ci, value) != value:
                return True  # no reading of this row can satisfy the rules
            known[ci] = value
        n = len(self.paths[row])
        pats = [re.compile(re.escape(str(known[k]))) if k in known else PATTERNS["int"] for k in range(n)]
        for reading in splits(self.runs[row], pats):
            if self.rowsum[row] and sum(int(x) for x in reading[:-1]) != int(reading[-1]):
                continue
            budget[0] -= 1
            if budget[0] < 0:
                return False
            assign[row] = reading
            if not self._resolve(free, i + 1, assign, rules, keep, budget):
                return False
            del assign[row]
        return True


def _rule_holds(assign: dict, rule: tuple[int, tuple, tuple]) -> bool:
    ci, lhs, rhs = rule
    return sum(int(assign[r][ci]) for r in lhs) == sum(int(assign[r][ci]) for r in rhs)


def _product(lists: list[list]) -> Iterator[tuple]:
    if not lists:
        yield ()
        return
    for head in lists[0]:
        for tail in _product(lists[1:]):
            yield (head,) + tail

