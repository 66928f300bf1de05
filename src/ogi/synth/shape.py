"""The generator's view of one template version, read from :mod:`ogi.template` (no spec of its own).

Rows, columns, labels and the accounting identities come from the active spec
(:func:`ogi.template.active_spec`, so a version added with :func:`ogi.template.use_spec` is
generated without touching code).  Two things are the generator's own: which years a version's
reports are for (from ``first_report_year`` up to the next version's), and which of the two
known table 二 layouts a version has (the 2021 one with 制发/废止/现行有效 or the 2019 one with
项目数量 and 本年增/减), since the values it draws are specific to those cells.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ogi.errors import UsageError
from ogi.record import set_cell
from ogi.template import Identity, Table2Block, Table3Row, Template, TemplateSpec, active_spec

__all__ = ["Shape", "load", "nest", "failing_rules", "num"]

#: The newest year a version still in force is generated for (reports of 2021–2025 for 2021).
_LAST_YEAR = 2025


@dataclass(frozen=True, eq=False)
class Shape:
    """The parts of one template version the generator uses."""

    tpl: Template
    years: tuple[int, ...]
    t2_style: Literal["2021", "2019"]

    @property
    def template(self) -> str:
        """The version (``"2021"``)."""
        return self.tpl.version

    @property
    def headings(self) -> tuple[str, ...]:
        """The six standard section headings."""
        return self.tpl.section_headings

    @property
    def t2_blocks(self) -> tuple[Table2Block, ...]:
        """The blocks of table 二."""
        return self.tpl.table2

    @property
    def t3_columns(self) -> tuple[str, ...]:
        """Column keys of table 三 (the last one is the total)."""
        return self.tpl.table3_column_keys

    @property
    def t3_rows(self) -> tuple[Table3Row, ...]:
        """Every row of table 三, data and group rows."""
        return self.tpl.table3_row_specs

    @property
    def t3_data_rows(self) -> tuple[str, ...]:
        """Keys of the data rows of table 三."""
        return self.tpl.table3_rows

    @property
    def leaf_rows(self) -> tuple[str, ...]:
        """The result rows whose sum is the result total."""
        return self.tpl.table3_leaf_rows

    @property
    def t4_blocks(self) -> tuple[str, ...]:
        """Block keys of table 四."""
        return self.tpl.table4_blocks

    @property
    def t4_parts(self) -> tuple[str, ...]:
        """Column keys within a block of table 四 (the last one is the total)."""
        return self.tpl.table4_parts

    @functools.cached_property
    def identities(self) -> tuple[Identity, ...]:
        """The identities of tables 三 and 四, ordered by rule as the spec lists the rules."""
        order = {r.id: i for i, r in enumerate(self.tpl.rules)}
        found = self.tpl.identities_of("table3") + self.tpl.identities_of("table4")
        return tuple(sorted(found, key=lambda i: order.get(i.id, len(order))))

    def t2_paths(self) -> list[str]:
        """Cell paths of table 二."""
        return [f"table2.{k}" for k in self.tpl.table2_keys()]

    def t2_type(self, path: str) -> str:
        """The column type of a table 二 cell (``int``, ``signed_int``, ``decimal`` …)."""
        return self.tpl.table2_column(path).type

    def t3_paths(self) -> list[str]:
        """Cell paths of table 三."""
        return [f"table3.{k}" for k in self.tpl.table3_keys()]

    def t4_paths(self) -> list[str]:
        """Cell paths of table 四."""
        return [f"table4.{k}" for k in self.tpl.table4_keys()]


def load(version: str) -> Shape:
    """The generator's view of ``version`` in the active spec.

    Raises:
        UsageError: the version is not in the active spec, or its table 二 is neither of the
            two layouts the generator draws values for.
    """
    return _of(active_spec(), version)


@functools.cache
def _of(spec: TemplateSpec, version: str) -> Shape:
    tpl = spec.version(version)
    starts = sorted(t.first_report_year for t in spec.templates)
    later = [y for y in starts if y > tpl.first_report_year]
    last = later[0] - 1 if later else max(_LAST_YEAR, tpl.first_report_year)
    return Shape(tpl, tuple(range(tpl.first_report_year, last + 1)), _t2_style(tpl))


def _t2_style(tpl: Template) -> Literal["2021", "2019"]:
    columns = {c for b in tpl.table2 for c in b.columns}
    if {"issued", "repealed", "in_force"} <= columns:
        return "2021"
    if {"new_made", "delta_items", "procurement_amount"} <= columns:
        return "2019"
    raise UsageError(f"the generator draws table 二 values for the 2019 and 2021 layouts; "
                     f"version {tpl.version} has columns {', '.join(sorted(columns))}")


def num(vals: Mapping[str, Any], path: str) -> int:
    """A cell's value with a blank cell read as 0."""
    x = vals[path]
    return 0 if x is None else x


def nest(shape: Shape, vals: Mapping[str, Any]) -> dict:
    """Turn flat cell paths into the nested truth tables."""
    out: dict = {"table2": {}, "table3": {}, "table4": {}}
    for path in shape.t2_paths() + shape.t3_paths() + shape.t4_paths():
        set_cell(out, path, vals[path])
    return out


def failing_rules(shape: Shape, vals: Mapping[str, Any]) -> list[dict]:
    """The identities of tables 三 and 四 that fail on ``vals``, as ``{"rule", "cells"}``.

    A blank cell counts as 0 and a blank total of a row sum does not fail (the semantics of
    :class:`ogi.template.Identity`).  The cells are listed as the gold files list them: a
    per-column identity with one total cell names the total first (``T3-RESULTS``), the others
    name their parts first.
    """
    out = []
    for ident in shape.identities:
        if ident.broken(vals):
            out.append({"rule": ident.id, "cells": list(_listed(ident))})
    return out


def _listed(ident: Identity) -> tuple[str, ...]:
    if ident.rule is not None and ident.rule.per == "column" and len(ident.rhs) == 1:
        return ident.rhs + ident.lhs
    return ident.lhs + ident.rhs
