"""Build one :class:`~ogi.template.model.Template` from its part of the spec JSON, checking it.

Errors are ``KeyError``/``ValueError``/``re.error`` naming the field; :mod:`ogi.template.load`
turns them into a :class:`~ogi.template.load.SpecError` naming the file.

The rules with operands (``lhs``/``rhs``) become identities, one per instance, in the order the
checks report them: the row rules for each data row of table 三, then for each column of table
三 its column rules, then for each block of table 四 its block rules.  ``lhs`` may name another
list field of the same rule (``"lhs": "leaf_rows"``).
"""

from __future__ import annotations

import re
from typing import Any

from ogi.template.identities import Identity, Rule
from ogi.template.model import (
    SectionSpec,
    Table2Block,
    Table2Column,
    Table2Row,
    Table3Column,
    Table3Row,
    Table4Column,
    Template,
)

__all__ = ["build_version"]

_CAPTION_ITEM_RE = re.compile(r"第[(（]([一二三四五六七八九十]+)[)）]项")


def _strings(v: Any, where: str) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise ValueError(f"{where} must be a list of strings")
    return tuple(v)


def _patterns(v: Any, where: str) -> tuple[str, ...]:
    pats = _strings(v, where)
    for p in pats:
        try:
            re.compile(p)
        except re.error as e:
            raise ValueError(f"{where}: bad pattern {p!r} ({e})") from None
    return pats


def _table2(raw: dict) -> tuple[Table2Block, ...]:
    blocks = []
    for b in raw["blocks"]:
        m = _CAPTION_ITEM_RE.search(b["caption"])
        if not m:
            raise ValueError(f"table2 block {b['block']}: caption {b['caption']!r} names no 第（X）项")
        cols = tuple(Table2Column(c["key"], c["label"], c.get("type", "int"), c.get("unit")) for c in b["columns"])
        rows = tuple(Table2Row(r["key"], r["label"],
                               _patterns(r.get("label_patterns", []), f"table2.{b['block']}.{r['key']}.label_patterns"))
                     for r in b["rows"])
        blocks.append(Table2Block(b["block"], b["caption"], m.group(1), cols, rows))
    return tuple(blocks)


def _table3_rows(raw: dict) -> tuple[Table3Row, ...]:
    rows = []
    keys = {r["key"] for r in raw["rows"]}
    for r in raw["rows"]:
        where = f"table3.rows.{r['key']}"
        if r["parent"] is not None and r["parent"] not in keys:
            raise ValueError(f"{where}: unknown parent {r['parent']!r}")
        rows.append(Table3Row(
            key=r["key"], label=r["label"], level=int(r["level"]), parent=r["parent"], numbering=r["numbering"],
            kind="data" if r["kind"] == "data" else "group",
            label_patterns=_patterns(r.get("label_patterns", []), f"{where}.label_patterns"),
            take_numbering=bool(r.get("take_numbering", False))))
    return tuple(rows)


def _rule(r: dict) -> Rule:
    def side(name: str) -> tuple[str, ...]:
        v = r.get(name, [])
        if isinstance(v, str):  # the name of another list field of the rule
            v = r[v]
        return _strings(v, f"rule {r['id']}.{name}")

    blank = r.get("blank_rhs") or {}
    return Rule(id=r["id"], severity=r["severity"], desc=r.get("desc", ""), table=r.get("table"),
                per=r.get("per"), lhs=side("lhs"), rhs=side("rhs"), message=r.get("message", ""),
                blank_rhs_severity=blank.get("severity"), blank_rhs_message=blank.get("message", ""),
                solver_anchors=_strings(r.get("solver_anchors", []), f"rule {r['id']}.solver_anchors"))


def _check_operands(rule: Rule, known: dict[str, tuple[str, ...]]) -> None:
    """Operands must exist; a row or block rule must read its total as the last cell.

    The digit splitter (:mod:`ogi.splitting`) takes the last cell of a row (table 三) or of a
    block (table 四) as the sum of the cells before it.
    """
    names = known[rule.per or ""]
    unknown = [k for k in (*rule.lhs, *rule.rhs) if k not in names]
    if unknown or not rule.lhs or not rule.rhs:
        raise ValueError(f"rule {rule.id}: operands {unknown or 'missing'} are not {rule.per} keys of {rule.table}")
    if rule.per in ("row", "block") and (rule.rhs != names[-1:] or set(rule.lhs) != set(names[:-1])):
        raise ValueError(f"rule {rule.id}: a {rule.per} rule must add the other cells up to the last one "
                         f"({names[-1]})")


def _identities(rules: tuple[Rule, ...], data_rows: tuple[str, ...], t3_cols: tuple[str, ...],
                t4_blocks: tuple[str, ...], t4_parts: tuple[str, ...]) -> tuple[Identity, ...]:
    """Every instance of the rules with operands, in check order (see the module docstring)."""
    ops = [r for r in rules if r.per is not None]
    known = {"row": t3_cols, "column": data_rows, "block": t4_parts}
    for r in ops:
        if r.per not in known or r.table != ("table4" if r.per == "block" else "table3"):
            raise ValueError(f"rule {r.id}: per {r.per!r} of {r.table!r} is not a row/column rule of table3 "
                             "or a block rule of table4")
        _check_operands(r, known)
    out: list[Identity] = []
    for row in data_rows:
        out += [Identity(r.id, tuple(f"table3.{row}.{c}" for c in r.lhs), tuple(f"table3.{row}.{c}" for c in r.rhs),
                         row, r) for r in ops if r.per == "row"]
    for col in t3_cols:
        out += [Identity(r.id, tuple(f"table3.{k}.{col}" for k in r.lhs), tuple(f"table3.{k}.{col}" for k in r.rhs),
                         col, r) for r in ops if r.per == "column"]
    for blk in t4_blocks:
        out += [Identity(r.id, tuple(f"table4.{blk}.{p}" for p in r.lhs), tuple(f"table4.{blk}.{p}" for p in r.rhs),
                         blk, r) for r in ops if r.per == "block"]
    return tuple(out)


def build_version(name: str, v: dict) -> Template:
    """The template of version ``name`` from its object ``v`` of the spec's ``versions``."""
    headings = _strings(v["section_headings"], "section_headings")
    secs = v["sections"]
    if len(secs) != len(headings):
        raise ValueError(f"{len(secs)} sections for {len(headings)} section_headings")
    sections = tuple(SectionSpec(s["key"], h, _patterns([s["pattern"]], f"sections.{s['key']}.pattern")[0],
                                 _strings(s.get("variants", []), f"sections.{s['key']}.variants"))
                     for s, h in zip(secs, headings))
    t3 = v["table3"]
    rows = _table3_rows(t3)
    data_rows = tuple(r.key for r in rows if r.kind == "data")
    cols3 = tuple(Table3Column(c["key"], c["label"], c.get("group")) for c in t3["columns"])
    cols4 = tuple(Table4Column(c["key"], c["block"], c.get("super_group"), c["label"]) for c in v["table4"]["columns"])
    rules = tuple(_rule(r) for r in v["rules"])
    leaf = _strings(t3["leaf_result_rows"], "table3.leaf_result_rows")
    for r in v["rules"]:
        if "leaf_rows" in r and tuple(r["leaf_rows"]) != leaf:
            raise ValueError(f"rule {r['id']}.leaf_rows differs from table3.leaf_result_rows")
    if not set(leaf) <= set(data_rows):
        extra = sorted(set(leaf) - set(data_rows))
        raise ValueError(f"table3.leaf_result_rows names rows that are not data rows: {extra}")
    blocks4 = tuple(dict.fromkeys(c.block for c in cols4))
    parts4 = tuple(dict.fromkeys(c.part for c in cols4))
    idents = _identities(rules, data_rows, tuple(c.key for c in cols3), blocks4, parts4)
    return Template(
        version=name, source_document=v.get("source_document", ""), first_report_year=int(v["first_report_year"]),
        circular_citation=v.get("circular_citation", ""),
        detection_signals=_patterns(v.get("detection_signals", []), "detection_signals"),
        sections=sections, section6_note=v.get("section6_note"), table2=_table2(v["table2"]),
        table3_columns=cols3, table3_row_specs=rows, table3_leaf_rows=leaf,
        table3_corner_note=t3.get("corner_note", ""), table3_column_super_header=t3.get("column_super_header", ""),
        table4_columns=cols4, rules=rules, identities=idents)
