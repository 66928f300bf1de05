"""Narrative mismatches: numbers of the text that state a table cell, changed to disagree with it."""

from __future__ import annotations

import random
import re

from ogi.synth.model import Doc, Para
from ogi.synth.shape import num

__all__ = ["MISMATCH_TARGETS", "inject_mismatches"]

#: Narrative phrases whose number states a table cell, with that cell.
MISMATCH_TARGETS: tuple[tuple[str, str], ...] = (
    (r"(?:共收到|共接收|新收)政府信息公开申请(\d+)件", "table3.new_received.total"),
    (r"自然人申请(\d+)件", "table3.new_received.natural_person"),
    (r"上年结转的?(\d+)件", "table3.carried_over.total"),
    (r"办结(\d+)件", "table3.result_total.total"),
    (r"结转下年度继续办理(\d+)件", "table3.carried_forward.total"),
    (r"予以公开(\d+)件", "table3.granted.total"),
    (r"部分公开(\d+)件", "table3.partial.total"),
    (r"被申请行政复议(\d+)件", "table4.review.total"),
)


def inject_mismatches(rng: random.Random, doc: Doc, vals: dict, n: int) -> list[dict]:
    """Change ``n`` narrative numbers that state table cells; return the gold claims."""
    cands = []
    for bi, block in enumerate(doc.blocks):
        if not isinstance(block, Para) or block.role != "body" or block.section not in ("overview", "appeals"):
            continue
        for pattern, target in MISMATCH_TARGETS:
            for m in re.finditer(pattern, block.text):
                if int(m.group(1)) == num(vals, target):
                    cands.append((bi, m.start(), m.end(), m.start(1), m.end(1), target))
    chosen: list[tuple] = []
    for c in rng.sample(cands, len(cands)):
        if len(chosen) < n and all(c[0] != o[0] or c[2] <= o[1] or o[2] <= c[1] for o in chosen):
            chosen.append(c)
    claims = []
    for bi, start, end, n0, n1, target in sorted(chosen, key=lambda c: (c[0], -c[1])):
        block = doc.blocks[bi]
        old = int(block.text[n0:n1])
        delta = rng.randint(1, max(2, old // 4))
        new = old - delta if old - delta >= 0 and rng.random() < 0.5 else old + delta
        block.text = block.text[:n0] + str(new) + block.text[n1:]
        quote = block.text[start:end - (n1 - n0) + len(str(new))]
        claims.append({"quote": quote, "value": new, "approx": False, "target": target,
                       "table_value": old, "verdict": "mismatch"})
    return sorted(claims, key=lambda c: [t for _p, t in MISMATCH_TARGETS].index(c["target"]))

