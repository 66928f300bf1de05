"""Typed, frozen pieces of one template version: tables 二/三/四, sections, detection signals.

Built by :mod:`ogi.template.load` from ``template-spec.json``; nothing here reads a file.
Cell paths are ``tableN.`` + the key of report-json.md: ``table2.art20_1.rules.issued``,
``table3.new_received.total``, ``table4.review.upheld``.

Example:
    >>> from ogi.template import template
    >>> tpl = template("2021")
    >>> tpl.table3_row("granted").label, tpl.table3_row("granted").parent
    ('（一）予以公开', 'results')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from ogi.errors import UsageError
from ogi.template.identities import Identity, Rule

__all__ = ["Table2Column", "Table2Row", "Table2Block", "Table3Column", "Table3Row", "Table4Column",
           "SectionSpec", "Template"]

ColumnType = Literal["int", "signed_int", "decimal", "money_unit_in_cell"]


@dataclass(frozen=True)
class Table2Column:
    """A value column of a table 二 block (``type`` says which numbers it may hold)."""

    key: str
    label: str
    type: str = "int"
    unit: str | None = None


@dataclass(frozen=True)
class Table2Row:
    """A row of a table 二 block; ``label_patterns`` find its label in normalised text."""

    key: str
    label: str
    label_patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table2Block:
    """One block of table 二 (``第二十条第（X）项``).

    ``columns``, ``column_types``, ``rows`` and ``row_labels`` are plain tuples of keys, types
    and labels (the shape :mod:`ogi.spec` had); ``column_specs`` and ``row_specs`` hold the
    typed entries.
    """

    key: str
    caption: str
    caption_item: str  # the numeral of the caption: 一 / 五 / 六 / 八 / 九
    column_specs: tuple[Table2Column, ...]
    row_specs: tuple[Table2Row, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """Column keys, in order."""
        return tuple(c.key for c in self.column_specs)

    @property
    def column_types(self) -> tuple[str, ...]:
        """Column types, in order (``int``, ``signed_int``, ``decimal``, ``money_unit_in_cell``)."""
        return tuple(c.type for c in self.column_specs)

    @property
    def rows(self) -> tuple[str, ...]:
        """Row keys, in order."""
        return tuple(r.key for r in self.row_specs)

    @property
    def row_labels(self) -> tuple[str, ...]:
        """Row labels as the template prints them."""
        return tuple(r.label for r in self.row_specs)


@dataclass(frozen=True)
class Table3Column:
    """An applicant column of table 三 (``group`` is 法人或其他组织 for the five org columns)."""

    key: str
    label: str
    group: str | None = None


@dataclass(frozen=True)
class Table3Row:
    """A row of table 三: a data row (seven cells) or a label-only group row.

    ``label_patterns`` are regular expressions on normalised text (NFKC, no white space, no
    quotes) that find the label; with ``take_numbering`` the item numeral printed before it
    (``5.`` / ``5、``) belongs to the label.
    """

    key: str
    label: str
    level: int
    parent: str | None
    numbering: str
    kind: Literal["data", "group"]
    label_patterns: tuple[str, ...] = ()
    take_numbering: bool = False


@dataclass(frozen=True)
class Table4Column:
    """A column of table 四: ``key`` is ``block.part`` (``review.upheld``)."""

    key: str
    block_label: str  # 行政复议 / 未经复议直接起诉 / 复议后起诉
    super_group: str | None  # 行政诉讼 for the two litigation blocks
    label: str  # 结果维持 …

    @property
    def block(self) -> str:
        """The block key (``review``)."""
        return self.key.split(".", 1)[0]

    @property
    def part(self) -> str:
        """The column within its block (``upheld`` … ``total``)."""
        return self.key.split(".", 1)[1]


@dataclass(frozen=True)
class SectionSpec:
    """One of the six sections: its standard heading, the known variants and a wording pattern.

    ``pattern`` is a regular expression for the heading's words after its numeral; it must
    accept the standard heading and every variant.
    """

    key: str
    heading: str
    pattern: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Template:
    """One version of the national format (compared and hashed by identity)."""

    version: str
    source_document: str
    first_report_year: int
    circular_citation: str
    detection_signals: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    section6_note: str | None
    table2: tuple[Table2Block, ...]
    table3_columns: tuple[Table3Column, ...]
    table3_row_specs: tuple[Table3Row, ...]
    table3_leaf_rows: tuple[str, ...]
    table3_corner_note: str
    table3_column_super_header: str
    table4_columns: tuple[Table4Column, ...]
    rules: tuple[Rule, ...]
    identities: tuple[Identity, ...] = field(default=())

    # ------------------------------------------------------------------ plain views

    @property
    def section_headings(self) -> tuple[str, ...]:
        """The six standard headings, in order."""
        return tuple(s.heading for s in self.sections)

    @cached_property
    def table3_rows(self) -> tuple[str, ...]:
        """Keys of the data rows of table 三, in template order."""
        return tuple(r.key for r in self.table3_row_specs if r.kind == "data")

    @cached_property
    def table3_groups(self) -> tuple[str, ...]:
        """Keys of the label-only group rows of table 三."""
        return tuple(r.key for r in self.table3_row_specs if r.kind != "data")

    @cached_property
    def table3_column_keys(self) -> tuple[str, ...]:
        """The seven column keys of table 三 (``natural_person`` … ``total``)."""
        return tuple(c.key for c in self.table3_columns)

    @cached_property
    def table4_blocks(self) -> tuple[str, ...]:
        """Block keys of table 四, in order (``review``, ``lit_direct``, ``lit_after_review``)."""
        return tuple(dict.fromkeys(c.block for c in self.table4_columns))

    @cached_property
    def table4_parts(self) -> tuple[str, ...]:
        """Column keys within a table 四 block (``upheld`` … ``total``)."""
        return tuple(dict.fromkeys(c.part for c in self.table4_columns))

    def table3_row(self, key: str) -> Table3Row:
        """The row ``key`` of table 三 (data or group).

        Raises:
            UsageError: no such row in this version.
        """
        row = self._rows_by_key.get(key)
        if row is None:
            raise UsageError(f"no table 三 row {key!r} in the {self.version} template")
        return row

    @cached_property
    def _rows_by_key(self) -> dict[str, Table3Row]:
        return {r.key: r for r in self.table3_row_specs}

    def table2_keys(self) -> list[str]:
        """Cell keys of table 二 (``art20_1.rules.issued`` …)."""
        return [f"{b.key}.{r}.{c}" for b in self.table2 for r in b.rows for c in b.columns]

    def table3_keys(self) -> list[str]:
        """Cell keys of table 三 (``new_received.natural_person`` …)."""
        return [f"{r}.{c}" for r in self.table3_rows for c in self.table3_column_keys]

    def table4_keys(self) -> list[str]:
        """Cell keys of table 四 (``review.upheld`` …)."""
        return [c.key for c in self.table4_columns]

    def all_paths(self) -> list[str]:
        """Every cell path of the three tables."""
        return ([f"table2.{k}" for k in self.table2_keys()]
                + [f"table3.{k}" for k in self.table3_keys()]
                + [f"table4.{k}" for k in self.table4_keys()])

    def table2_column(self, path: str) -> Table2Column:
        """The column of a table 二 cell path (``table2.art20_8.admin_fees.fee_amount``).

        Raises:
            UsageError: the path names no table 二 cell of this version.
        """
        col = self._t2_columns.get(path.removeprefix("table2."))
        if col is None:
            raise UsageError(f"no table 二 cell {path!r} in the {self.version} template")
        return col

    @cached_property
    def _t2_columns(self) -> dict[str, Table2Column]:
        return {f"{b.key}.{r}.{c.key}": c for b in self.table2 for r in b.rows for c in b.column_specs}

    # ------------------------------------------------------------------ identities

    @cached_property
    def table3_column_rules(self) -> tuple[Rule, ...]:
        """The rules of table 三 that hold per column (T3-ID, T3-RESULTS), in spec order."""
        return tuple(r for r in self.rules if r.table == "table3" and r.per == "column")

    def identities_of(self, table: str) -> tuple[Identity, ...]:
        """The identities over the cells of ``table`` ("table3" or "table4"), in check order."""
        return tuple(i for i in self.identities if i.rule is not None and i.rule.table == table)

    def identity(self, rule_id: str, where: str) -> Identity:
        """The instance of rule ``rule_id`` for one row, column or block (``where``).

        Raises:
            UsageError: no such instance.
        """
        for i in self.identities:
            if i.id == rule_id and i.where == where:
                return i
        raise UsageError(f"no identity {rule_id} for {where!r} in the {self.version} template")
