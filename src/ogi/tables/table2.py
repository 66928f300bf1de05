"""Table 二 (proactive disclosure, 第二十条): rows by label, masked labels, money units.

Table 二 has no sum rule, so a row whose digits run together is read only when one split
fits its columns; otherwise its cells are null with an ``AMBIGUOUS-CELL`` finding.
"""

from __future__ import annotations

import re
import unicodedata

from ogi.normalize import MASK_RE, fits_masked, normalize_stream
from ogi.record import Finding
from ogi.splitting import Piece, SplitLimit, Value, splits
from ogi.tables.rows import Row, assemble_rows, row_source
from ogi.tables.tokens import tokenize_region
from ogi.template import Table2Block, Template, active_spec

__all__ = ["parse_table2"]

_FEE_IN_YUAN_RE = re.compile(r"收费金额\(?单位:?元\)?")


def parse_table2(text: str, region: tuple[int, int], tpl: Template, findings: list[Finding],
                 prov: dict[str, dict], unread: set[str]) -> dict[str, Value]:
    """The cells of table 二 (``block.row.column -> value``) in ``region`` of ``text``.

    Findings go to ``findings``, provenance of each row to ``prov``, cells that could not
    be read to ``unread``.
    """
    n = normalize_stream(text, region[0], region[1])
    labels = active_spec().table2_labels
    rows = assemble_rows(tokenize_region(n, labels.regex, labels.keys), n, masked_labels=True)
    by_item = {b.caption_item: b for b in tpl.table2}
    row_to_block = {r: b for b in tpl.table2 for r in b.rows}
    out: dict[str, Value] = {k: None for k in tpl.table2_keys()}
    fee_unit = "元" if _FEE_IN_YUAN_RE.search(n.text) else "万元"
    _name_masked_rows(rows, {row.key: unicodedata.normalize("NFKC", row.label)
                             for b in tpl.table2 for row in b.row_specs})
    seen: set[str] = set()
    for r in rows:
        if r.key is None or not r.has_values or r.key in seen:
            continue
        blk = by_item.get("一") if r.key in ("normative_docs", "rules") else row_to_block.get(r.key)
        if blk is None:
            continue
        seen.add(r.key)
        pieces = _without_padding(r.pieces, len(blk.columns))
        cands = _row_readings(pieces, blk)
        prov_key = f"table2.{blk.key}.{r.key}"
        prov[prov_key] = {"offset": r.start, "label": r.label_text[:40], "source": row_source(r)}
        if not cands:
            findings.append(Finding("STRUCT-T2", "warning", [prov_key],
                                    f"table 二 row {r.key}: could not read {len(blk.columns)} cells "
                                    f"from '{row_source(r)}'"))
            unread.update(f"{prov_key}.{c}" for c in blk.columns)
            continue
        for j, col in enumerate(blk.columns):
            vals = sorted({c[j] for c in cands}, key=lambda x: (x is None, x or 0))
            path = f"{blk.key}.{r.key}.{col}"
            if len(vals) == 1:
                out[path] = _money(vals[0], blk.column_types[j], pieces, fee_unit, f"table2.{path}", findings)
            else:
                out[path] = None
                findings.append(Finding(
                    "AMBIGUOUS-CELL", "warning", [f"table2.{path}"],
                    f"digits run together and table 二 has no sum rule; {len(vals)} readings: "
                    + ", ".join(str(x) for x in vals[:20]), candidates=vals[:50]))
    return out


def _without_padding(pieces: list[Piece], ncols: int) -> list[Piece]:
    """The pieces without the blank cells beyond ``ncols`` at the end (merged cells)."""
    out = list(pieces)
    while len(out) > ncols and out and out[-1].blank:
        out.pop()
    return out


def _row_readings(pieces: list[Piece], blk: Table2Block) -> list[tuple[Value, ...]]:
    """The splits of a row's pieces into the block's columns; none when there are too many."""
    dec = [j for j, t in enumerate(blk.column_types) if t in ("decimal", "money_unit_in_cell")]
    signed = [j for j, t in enumerate(blk.column_types) if t == "signed_int"]
    try:
        return splits(pieces, groups=[len(blk.columns)], sum_rule=False, decimal_cols=dec,
                      signed_cols=signed, limit=5000)
    except SplitLimit:
        return []


def _masked_fits(text: str, label: str) -> bool:
    """Whether the end of ``text`` is ``label`` with part of it masked ("行**罚" for 行政处罚).

    A mask stands for one or more characters; at least two characters of the label survive.
    """
    return any(not MASK_RE.match(text[-k:]) and fits_masked(text[-k:], label) for k in range(3, len(text) + 1))


def _name_masked_rows(rows: list[Row], labels: dict[str, str]) -> None:
    """Give a row whose label is masked the one key whose label its surviving characters fit.

    ``labels``: key -> printed label, in template order; keys already found are not candidates.
    """
    found = {r.key for r in rows if r.key}
    for r in rows:
        if r.key is not None or not r.has_values or not MASK_RE.search(r.label_text):
            continue
        text = r.label_text.rstrip(" |\t")
        fits = [k for k, lab in labels.items() if k not in found and _masked_fits(text, lab)]
        if len(fits) == 1:
            r.key = fits[0]
            found.add(fits[0])


def _money(v: Value, ctype: str, pieces: list[Piece], fee_unit: str, path: str,
           findings: list[Finding]) -> Value:
    """A money cell in the template's unit (a unit printed in the cell is converted, with a finding)."""
    if v is None:
        return None
    unit = next((p.unit for p in reversed(pieces) if p.unit), None)
    if ctype == "decimal":  # 2021 fee_amount, in 万元
        unit = unit or fee_unit
        if unit == "元":
            findings.append(Finding("UNIT", "info", [path],
                                    f"amount printed in 元 ({v}); converted to 万元", expected="万元", actual="元"))
            return round(float(v) / 10000, 6)
        return float(v) if isinstance(v, float) else v
    if ctype == "money_unit_in_cell":  # 2019 procurement amount, kept in 元
        if unit == "万元":
            findings.append(Finding("UNIT", "info", [path],
                                    f"amount printed in 万元 ({v}); converted to 元", expected="元", actual="万元"))
            return round(float(v) * 10000, 2)
        if unit is None:
            findings.append(Finding("UNIT", "info", [path],
                                    "amount printed without a unit; kept as printed (元 assumed)"))
        return float(v)
    return v
