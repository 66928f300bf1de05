"""Deliberate violations: printed cells changed so that accounting identities of the template fail."""

from __future__ import annotations

import random

from ogi.synth.shape import Shape, failing_rules

__all__ = ["apply_violations", "max_violations"]


def max_violations(shape: Shape) -> int:
    """How many violations a report can carry: one per table-三 row or table-四 block."""
    return len(shape.t3_data_rows) + len(shape.t4_blocks)


def apply_violations(rng: random.Random, shape: Shape, vals: dict, txt: dict, n: int) -> tuple[list, list]:
    """Change ``n`` printed cells (one per table-三 row or table-四 block) so identities fail.

    Returns:
        The changed cells (``{"cell", "original", "printed"}``) and the failing rules
        (:func:`ogi.synth.shape.failing_rules`).
    """
    if n == 0:
        return [], []
    units = [("table3", r) for r in shape.t3_data_rows] + [("table4", b) for b in shape.t4_blocks]
    changed = []
    for table, unit in rng.sample(units, n):
        if table == "table3":
            cells = [f"table3.{unit}.{c}" for c in shape.t3_columns]
        else:
            cells = [f"table4.{unit}.{p}" for p in shape.t4_parts]
        cells = [c for c in cells if vals[c] is not None]
        cell = rng.choice(cells)
        old = vals[cell]
        delta = rng.choice([1, 1, 2, 3, 5, 10])
        new = old - delta if old >= delta and rng.random() < 0.5 else old + delta
        vals[cell] = new
        txt[cell] = str(new)
        changed.append({"cell": cell, "original": old, "printed": new})
    return changed, failing_rules(shape, vals)
