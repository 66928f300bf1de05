"""The national template as data: table keys, row order and rules for the 2019 and 2021 formats.

Loaded once from ``resources/template-spec.json`` (a copy of shared/spec/template-spec.json).

Example:
    >>> from ogi.spec import template
    >>> template("2021").table3_rows[:2]
    ('new_received', 'carried_over')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ogi.errors import UsageError
from ogi.paths import RESOURCES_DIR

__all__ = ["Template", "template", "VERSIONS", "T3_COLUMNS", "T4_BLOCKS", "T4_COLUMNS", "raw_spec"]

VERSIONS = ("2021", "2019")
Version = Literal["2021", "2019"]

T3_COLUMNS = ("natural_person", "org_commercial", "org_research", "org_public_welfare",
              "org_legal_service", "org_other", "total")
T4_BLOCKS = ("review", "lit_direct", "lit_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


@lru_cache(maxsize=1)
def raw_spec() -> dict:
    """The parsed template-spec.json."""
    with open(RESOURCES_DIR / "template-spec.json", encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class Table2Block:
    key: str
    caption_item: str  # 一 / 五 / 六 / 八 / 九
    columns: tuple[str, ...]
    column_types: tuple[str, ...]
    rows: tuple[str, ...]
    row_labels: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    """One version of the national format."""

    version: str
    table2: tuple[Table2Block, ...]
    table3_rows: tuple[str, ...]  # data rows in template order
    table3_groups: tuple[str, ...]  # label-only rows
    table3_leaf_rows: tuple[str, ...]  # rows summed into result_total
    section_headings: tuple[str, ...]

    def table2_keys(self) -> list[str]:
        return [f"{b.key}.{r}.{c}" for b in self.table2 for r in b.rows for c in b.columns]

    def table3_keys(self) -> list[str]:
        return [f"{r}.{c}" for r in self.table3_rows for c in T3_COLUMNS]

    @staticmethod
    def table4_keys() -> list[str]:
        return [f"{b}.{c}" for b in T4_BLOCKS for c in T4_COLUMNS]

    def all_paths(self) -> list[str]:
        return ([f"table2.{k}" for k in self.table2_keys()]
                + [f"table3.{k}" for k in self.table3_keys()]
                + [f"table4.{k}" for k in self.table4_keys()])


_CAPTION_ITEM = {"art20_1": "一", "art20_5": "五", "art20_6": "六", "art20_8": "八", "art20_9": "九"}


@lru_cache(maxsize=4)
def template(version: str) -> Template:
    """The :class:`Template` of ``version`` ("2021" or "2019")."""
    if version not in VERSIONS:
        raise UsageError(f"unknown template version {version!r}; valid: {', '.join(VERSIONS)}")
    v = raw_spec()["versions"][version]
    blocks = tuple(
        Table2Block(
            key=b["block"], caption_item=_CAPTION_ITEM[b["block"]],
            columns=tuple(c["key"] for c in b["columns"]),
            column_types=tuple(c.get("type", "int") for c in b["columns"]),
            rows=tuple(r["key"] for r in b["rows"]),
            row_labels=tuple(r["label"] for r in b["rows"]),
        )
        for b in v["table2"]["blocks"]
    )
    rows3 = v["table3"]["rows"]
    data_rows = tuple(r["key"] for r in rows3 if r["kind"] == "data")
    groups = tuple(r["key"] for r in rows3 if r["kind"] != "data")
    leaf = next(r for r in v["rules"] if r["id"] == "T3-RESULTS")["leaf_rows"]
    return Template(version=version, table2=blocks, table3_rows=data_rows, table3_groups=groups,
                    table3_leaf_rows=tuple(leaf), section_headings=tuple(v["section_headings"]))
