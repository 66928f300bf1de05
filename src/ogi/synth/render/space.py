"""The ``space`` layout: text as extracted from a PDF (wrapped lines, broken headers, page marks)."""

from __future__ import annotations

import random

from ogi.synth.model import Cell, Doc, Table
from ogi.synth.render.text import one_line

__all__ = ["render_space"]


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def render_space(doc: Doc, rng: random.Random) -> bytes:
    page = [rng.randint(1, 2)]

    def page_mark() -> str:
        page[0] += 1
        return f"- {page[0]} -"

    def t2_lines(t: Table) -> list[str]:
        out = []
        for row in t.rows:
            if row[0].kind == "caption":
                out.append(row[0].text.replace("第二十条第", rng.choice(["第二十条第", "第二十条 第"])))
            else:
                out.append(" ".join(one_line(c.text) for c in row))
        return out

    def t3_lines(t: Table) -> list[str]:
        note = t.rows[0][0].text
        cut = len(note) // 2 + rng.randint(-4, 4)
        out = [note[:cut], note[cut:], "申请人情况", "自然人 法人或其他组织 总计"]
        heads = [c.text.replace("\n", "") for c in t.rows[2]]
        top = [h[: (len(h) + 1) // 2] for h in heads]
        bottom = [h[(len(h) + 1) // 2:] for h in heads]
        out += [" ".join(top), " ".join(x for x in bottom if x)]
        mark_at = rng.randint(8, len(t.rows) - 4) if rng.random() < 0.5 else -1
        for i, row in enumerate(t.rows[3:], start=3):
            if i == mark_at:
                out.append(page_mark())
            values = " ".join(c.text for c in row if c.path)
            labels = [c for c in row if not c.path]
            line_label = ""
            for c in labels:
                if c.kind == "group" and c.rowspan > 10:
                    out.extend(ch for ch in c.text)  # vertical text: one character per line
                elif c.kind == "group":
                    half = rng.randint(3, len(c.text) - 1)
                    if rng.random() < 0.5:
                        out += [c.text[:half], c.text[half:]]
                    else:
                        line_label = c.text[:half] + " "
                        labels.append(Cell(c.text[half:], kind="tail"))
                elif c.kind == "label":
                    text = c.text
                    if len(text) > 24:
                        cut = rng.randint(16, 22)
                        out.append(line_label + text[:cut])
                        line_label, text = "", text[cut:]
                    out.append(f"{line_label}{text} {values}")
                    line_label = ""
                elif c.kind == "tail":
                    out.append(c.text)
        return out

    def t4_lines(t: Table) -> list[str]:
        subs = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
        cols = [" ".join(s[i] for s in subs) for i in range(4)]
        return ["行政复议 行政诉讼",
                cols[0] + " 总 未经复议直接起诉 复议后起诉",
                cols[1] + " 计 " + " ".join([cols[0] + " 总"] * 2),
                cols[2] + "   " + " ".join([cols[1] + " 计"] * 2),
                cols[3] + "   " + " ".join([cols[2]] * 2),
                "      " + " ".join([cols[3]] * 2),
                " ".join(c.text for c in t.rows[3])]

    lines = [doc.title]
    for blk in doc.blocks:
        if isinstance(blk, Table):
            lines += {"table2": t2_lines, "table3": t3_lines, "table4": t4_lines}[blk.name](blk)
        elif blk.role in ("heading", "sub", "note"):
            lines.append(blk.text)
        else:
            lines += _wrap(blk.text, 38)
            if blk.section == "overview" and rng.random() < 0.25:
                lines.append(page_mark())
    return ("\n".join(lines) + "\n").encode("utf-8")


