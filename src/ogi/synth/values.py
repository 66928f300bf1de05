"""Table values that satisfy the template's identities, drawn at one of four scales; blank cells.

Table 三 is drawn so that every identity of the spec holds by construction (new + carried over =
results + carried forward per column, the result rows sum to the result total, each row sums to
its 总计); table 四's blocks end with their sums; table 二 gets values in the 2021 or the 2019
layout (:attr:`ogi.synth.shape.Shape.t2_style`), with the printed text of each cell (``减3``,
``12.5万元``) kept apart from its value.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from decimal import Decimal

from ogi.synth.shape import Shape

__all__ = ["gen_values", "apply_blanks", "amount_note", "maybe"]

_SCALES = {"tiny": (0, 8), "small": (9, 80), "medium": (81, 1500), "large": (1501, 25000)}
# typical share of each result row (rows of a new version not listed here get 0.02)
_LEAF_SHARE = {
    "granted": 0.35, "partial": 0.12, "denied_state_secret": 0.01, "denied_law_forbidden": 0.02,
    "denied_three_safety_one_stability": 0.005, "denied_third_party": 0.02,
    "denied_internal_affairs": 0.02, "denied_process_info": 0.03, "denied_enforcement_file": 0.01,
    "denied_admin_query": 0.03, "unable_not_held": 0.2, "unable_need_creation": 0.04,
    "unable_still_unclear": 0.02, "np_petition": 0.04, "np_repeat": 0.03, "np_publication": 0.01,
    "np_massive_repeat": 0.01, "np_confirm_reissue": 0.01, "other_handling": 0.03,
    "other_no_correction": 0.02, "other_no_fee": 0.003, "other_other": 0.02}


def _alloc(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into non-negative integers roughly proportional to ``weights``."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    out = [int(total * w / s) for w in weights]
    idx = [i for i, w in enumerate(weights) if w > 0]
    wts = [weights[i] for i in idx]
    for _ in range(total - sum(out)):
        out[rng.choices(idx, wts)[0]] += 1
    return out


def maybe(rng: random.Random, p: float, make: Callable[..., int]) -> int:
    """``make()`` with probability ``p``, else 0."""
    return make() if rng.random() < p else 0


def _decimal_text(rng: random.Random, lo: float, hi: float) -> str:
    """A positive decimal with 1–4 decimals and no trailing zero, e.g. ``18651.06``."""
    whole = int(10 ** rng.uniform(lo, hi))
    ndec = rng.choice([1, 2, 2, 3, 4])
    digits = "".join(str(rng.randint(0, 9)) for _ in range(ndec - 1)) + str(rng.randint(1, 9))
    return f"{whole}.{digits}"


def gen_values(rng: random.Random, shape: Shape, *, allow_jian: bool) -> tuple[dict, dict, str]:
    """Draw all table values; returns (values by path, printed text by path, scale name).

    ``allow_jian`` lets a negative 2019 本年增/减 be printed as ``减N`` (never in the flat
    layout, where the sign must stay a digit-run boundary).
    """
    vals: dict = {}
    txt: dict = {}
    scale = rng.choices(["tiny", "small", "medium", "large"], [30, 30, 28, 12])[0]
    _table3(rng, shape, vals, *_SCALES[scale])
    _table4(rng, shape, vals, {"tiny": 2, "small": 4, "medium": 15, "large": 60}[scale])
    if shape.t2_style == "2021":
        _table2_2021(rng, vals, txt)
    else:
        _table2_2019(rng, vals, txt, allow_jian=allow_jian)
    for path, x in vals.items():
        txt.setdefault(path, str(x))
    return vals, txt, scale


def _table3(rng: random.Random, shape: Shape, vals: dict, lo: int, hi: int) -> None:
    cols = shape.t3_columns[:-1]
    n_new = rng.randint(lo, hi)
    weights = [1.0,
               rng.uniform(0.02, 0.3) if rng.random() < 0.6 else 0.0,
               rng.uniform(0.005, 0.03) if rng.random() < 0.15 else 0.0,
               rng.uniform(0.005, 0.03) if rng.random() < 0.15 else 0.0,
               rng.uniform(0.01, 0.08) if rng.random() < 0.4 else 0.0,
               rng.uniform(0.01, 0.1) if rng.random() < 0.35 else 0.0]
    new = _alloc(rng, n_new, weights)
    carried = [maybe(rng, 0.5 if i == 0 else 0.2, lambda x=x: rng.randint(0, x // 12)) for i, x in enumerate(new)]
    forward = [maybe(rng, 0.5, lambda a=a + b: rng.randint(0, a // 10)) for a, b in zip(new, carried)]
    result = [a + b - f for a, b, f in zip(new, carried, forward)]
    leaf_w = []
    for leaf in shape.leaf_rows:
        always = leaf == "granted"
        active = always or rng.random() < (0.8 if leaf in ("partial", "unable_not_held") else 0.3)
        leaf_w.append(_LEAF_SHARE.get(leaf, 0.02) * rng.uniform(0.5, 1.5) if active else 0.0)
    leaves = {leaf: [0] * len(cols) for leaf in shape.leaf_rows}
    for ci in range(len(cols)):
        for leaf, x in zip(shape.leaf_rows, _alloc(rng, result[ci], leaf_w)):
            leaves[leaf][ci] = x
    rows = {"new_received": new, "carried_over": carried, "result_total": result, "carried_forward": forward}
    rows.update(leaves)
    for r in shape.t3_data_rows:
        counts = rows.get(r, [0] * len(cols))
        for c, x in zip(shape.t3_columns, [*counts, sum(counts)]):
            vals[f"table3.{r}.{c}"] = x


def _table4(rng: random.Random, shape: Shape, vals: dict, k: int) -> None:
    for b, p in zip(shape.t4_blocks, (0.4, 0.25, 0.2)):
        parts = [0, 0, 0, 0]
        if rng.random() < p:
            parts = [rng.randint(0, k), rng.randint(0, max(1, k // 3)), rng.randint(0, max(1, k // 2)),
                     rng.randint(0, max(1, k // 3))]
        for key, x in zip(shape.t4_parts, [*parts, sum(parts)]):
            vals[f"table4.{b}.{key}"] = x


def _put(vals: dict, txt: dict, path: str, value: float, text: str | None = None) -> None:
    vals[path] = value
    txt[path] = str(value) if text is None else text


def _table2_2021(rng: random.Random, vals: dict, txt: dict) -> None:
    for row, p, top in (("rules", 0.12, 4), ("normative_docs", 0.6, 60)):
        issued = maybe(rng, p, lambda top=top: rng.randint(0, top))
        repealed = maybe(rng, p, lambda top=top: rng.randint(0, top // 2))
        in_force = issued + maybe(rng, p, lambda top=top: rng.randint(0, top * 8))
        repealed = repealed if in_force else 0
        _put(vals, txt, f"table2.art20_1.{row}.issued", issued)
        _put(vals, txt, f"table2.art20_1.{row}.repealed", repealed)
        _put(vals, txt, f"table2.art20_1.{row}.in_force", in_force)
    _put(vals, txt, "table2.art20_5.admin_license.decisions",
         maybe(rng, 0.7, lambda: int(10 ** rng.uniform(0.5, 5.7))))
    _put(vals, txt, "table2.art20_6.admin_penalty.decisions",
         maybe(rng, 0.6, lambda: int(10 ** rng.uniform(0.3, 4.8))))
    _put(vals, txt, "table2.art20_6.admin_coercion.decisions",
         maybe(rng, 0.35, lambda: int(10 ** rng.uniform(0, 3.5))))
    if rng.random() < 0.35:
        fee = _decimal_text(rng, 0, 4.5)
        _put(vals, txt, "table2.art20_8.admin_fees.fee_amount", float(fee), fee)
    else:
        _put(vals, txt, "table2.art20_8.admin_fees.fee_amount", 0)


def _table2_2019(rng: random.Random, vals: dict, txt: dict, *, allow_jian: bool) -> None:
    for row, p, top in (("rules", 0.12, 4), ("normative_docs", 0.6, 60)):
        made = maybe(rng, p, lambda top=top: rng.randint(0, top))
        published = made if rng.random() < 0.7 else rng.randint(0, made)
        _put(vals, txt, f"table2.art20_1.{row}.new_made", made)
        _put(vals, txt, f"table2.art20_1.{row}.new_published", published)
        _put(vals, txt, f"table2.art20_1.{row}.total_published",
             published + maybe(rng, p, lambda top=top: rng.randint(0, top * 8)))
    for block, row, p, top, decisions in (("art20_5", "admin_license", 0.6, 400, True),
                                          ("art20_5", "other_external_services", 0.25, 60, True),
                                          ("art20_6", "admin_penalty", 0.55, 300, True),
                                          ("art20_6", "admin_coercion", 0.35, 40, True),
                                          ("art20_8", "admin_fees", 0.5, 30, False)):
        _items(rng, vals, txt, f"table2.{block}.{row}", p, top, decisions=decisions, allow_jian=allow_jian)
    n_items = maybe(rng, 0.4, lambda: rng.randint(1, 40))
    _put(vals, txt, "table2.art20_9.central_procurement.procurement_items", n_items)
    path = "table2.art20_9.central_procurement.procurement_amount"
    if n_items == 0:
        _put(vals, txt, path, 0)
    elif rng.random() < 0.5:
        amount = str(int(10 ** rng.uniform(4, 7.5)))
        if rng.random() < 0.3:
            amount += f".{rng.randint(1, 9)}"
        _put(vals, txt, path, float(amount), amount + "元")
    else:
        amount = _decimal_text(rng, 0.5, 3.5)
        _put(vals, txt, path, float(Decimal(amount) * 10000), amount + "万元")


def _items(rng: random.Random, vals: dict, txt: dict, prefix: str, p: float, top: int, *,
           decisions: bool, allow_jian: bool) -> None:
    """A 2019 row of items: last year's count, this year's change (maybe ``减N``), decisions."""
    prev = maybe(rng, p, lambda: rng.randint(1, top))
    delta = rng.randint(-min(prev, 10), 10) if prev and rng.random() < 0.6 else 0
    if delta < 0 and allow_jian and rng.random() < 0.3:
        _put(vals, txt, f"{prefix}.delta_items", delta, f"减{-delta}")
    else:
        _put(vals, txt, f"{prefix}.delta_items", delta)
    vals[f"{prefix}.prev_year_items"] = prev
    txt[f"{prefix}.prev_year_items"] = str(prev)
    if decisions:
        _put(vals, txt, f"{prefix}.decisions", maybe(rng, p if prev else 0.1, lambda: int(10 ** rng.uniform(0.3, 5))))


def amount_note(shape: Shape, txt: dict) -> str:
    """The note on the unit of the 2019 procurement amount ('' in the 2021 layout)."""
    if shape.t2_style != "2019":
        return ""
    printed = txt["table2.art20_9.central_procurement.procurement_amount"]
    if printed.endswith("万元"):
        return (f"procurement_amount printed '{printed}' is given in 元 in the truth "
                "(converted from 万元, as report-json.md asks for 2019).")
    if printed.endswith("元"):
        return f"procurement_amount printed '{printed}' (unit 元 in the cell)."
    return ""


def apply_blanks(rng: random.Random, shape: Shape, vals: dict, txt: dict) -> str:
    """Blank some zero cells (never a total, so every identity still holds); returns the note."""
    marker = rng.choice(["", "", "", "/", "-", "—"])
    paths = [p for p in shape.t3_paths() if not p.endswith(".total")]
    paths += [p for p in shape.t4_paths() if not p.endswith(".total")]
    paths += [p for p in shape.t2_paths() if shape.t2_type(p) in ("int", "signed_int")]
    count = 0
    for p in paths:
        share = 0.4 if p.startswith("table2") else 0.65
        if vals[p] == 0 and rng.random() < share:
            vals[p] = None
            txt[p] = marker
            count += 1
    shown = f"'{marker}'" if marker else "empty"
    return f"{count} zero cell(s) are printed blank ({shown}) and are null in the truth; totals are never blank."
