"""Tables 二, 三 and 四 as grids of logical cells, with labels, headers and spans from the template."""

from __future__ import annotations

import random
import re

from ogi.synth.model import Cell, Marks, Table
from ogi.synth.shape import Shape

__all__ = ["table2", "table3", "table4"]

_LABEL_PREFIX = re.compile(r"^(?:[一二三四]、|（[一二三四五六七]）|\d\.)")


def _value_cell(txt: dict, path: str, colspan: int = 1) -> Cell:
    return Cell(txt[path], colspan=colspan, path=path)


def table2(shape: Shape, txt: dict) -> Table:
    """Table 二: per block a caption, a header row and its rows (four grid columns)."""
    rows: list[list[Cell]] = []
    for b in shape.t2_blocks:
        rows.append([Cell(b.caption, colspan=4, kind="caption")])
        spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(b.column_specs)]
        rows.append([Cell("信息内容", kind="header")]
                    + [Cell(c.label, colspan=s, kind="header") for c, s in zip(b.column_specs, spans)])
        for r in b.row_specs:
            rows.append([Cell(r.label, kind="label")]
                        + [_value_cell(txt, f"table2.{b.key}.{r.key}.{c}", s) for c, s in zip(b.columns, spans)])
    return Table("table2", 4, rows, "proactive")


def _broken_label(rng: random.Random, label: str) -> str:
    """A column header as printed in a narrow cell: four characters always broken in two, six sometimes."""
    if len(label) == 4:
        return label[:2] + "\n" + label[2:]
    if len(label) == 6:
        return rng.choice([label, label[:4] + "\n" + label[4:]])
    return label


def _table3_header(rng: random.Random, shape: Shape) -> list[list[Cell]]:
    tpl = shape.tpl
    columns = tpl.table3_columns
    grouped = [c for c in columns if c.group]
    org_labels = [_broken_label(rng, c.label) for c in grouped]
    second: list[Cell] = []
    for c in columns:
        if not c.group:
            second.append(Cell(c.label, rowspan=2, kind="header"))
        elif c is grouped[0]:
            second.append(Cell(c.group, colspan=len(grouped), kind="header"))
    return [
        [Cell(tpl.table3_corner_note, rowspan=3, colspan=3, kind="header"),
         Cell(tpl.table3_column_super_header, colspan=len(columns), kind="header")],
        second,
        [Cell(t, kind="header") for t in org_labels],
    ]


def table3(rng: random.Random, shape: Shape, txt: dict, marks: Marks) -> Table:
    """Table 三: the applicant header, then every data row under its (merged) group rows."""
    rows = _table3_header(rng, shape)
    by_key = {r.key: r for r in shape.t3_rows}

    def ancestors(key: str) -> list[str]:
        out = []
        parent = by_key[key].parent
        while parent:
            out.append(parent)
            parent = by_key[parent].parent
        return out

    counts: dict[str, int] = {}
    for key in shape.t3_data_rows:
        for a in ancestors(key):
            counts[a] = counts.get(a, 0) + 1
    opened: set[str] = set()
    comma = rng.random() < 0.2
    for key in shape.t3_data_rows:
        row: list[Cell] = []
        for a in reversed(ancestors(key)):
            if a not in opened:
                opened.add(a)
                row.append(Cell(by_key[a].label, rowspan=counts[a], kind="group"))
        info = by_key[key]
        label = info.label
        if comma and key == "other_no_correction":
            label = label.replace("逾期不补正、", "逾期不补正，")
        row.append(Cell(_mask_label(rng, label, marks), colspan=3 - info.level, kind="label"))
        row.extend(_value_cell(txt, f"table3.{key}.{c}") for c in shape.t3_columns)
        rows.append(row)
    return Table("table3", 3 + len(shape.t3_columns), rows, "requests")


def _mask_label(rng: random.Random, label: str, marks: Marks) -> str:
    """Mark a part of a row label (after its numbering) as maskable."""
    m = _LABEL_PREFIX.match(label)
    head = m.group(0) if m else ""
    body = label[len(head):]
    if len(body) < 3:
        return head + marks.span(body)
    start = rng.randint(0, len(body) // 2)
    length = rng.randint(2, max(2, min(len(body) - start, 8)))
    return head + body[:start] + marks.span(body[start:start + length]) + body[start + length:]


def table4(shape: Shape, txt: dict) -> Table:
    """Table 四: 行政复议 and the two 行政诉讼 blocks (grouped under their super header), one value row."""
    columns = shape.tpl.table4_columns
    blocks: dict[str, list] = {}
    for c in columns:
        blocks.setdefault(c.block, []).append(c)
    top: list[Cell] = []
    middle: list[Cell] = []
    bottom: list[Cell] = []
    for cols in blocks.values():
        group = cols[0].super_group
        if group is None:
            top.append(Cell(cols[0].block_label, colspan=len(cols), kind="header"))
            middle.extend(Cell(c.label, rowspan=2, kind="header") for c in cols)
            continue
        if not top or top[-1].text != group:
            top.append(Cell(group, colspan=0, kind="header"))
        top[-1].colspan += len(cols)
        middle.append(Cell(cols[0].block_label, colspan=len(cols), kind="header"))
        bottom.extend(Cell(c.label, kind="header") for c in cols)
    values = [_value_cell(txt, f"table4.{c.key}") for c in columns]
    return Table("table4", len(columns), [top, middle, bottom, values], "appeals")
