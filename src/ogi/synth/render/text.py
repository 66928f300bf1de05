"""The plain-text layouts: ``pipe`` (cells joined by `` | ``), ``tab``, ``markdown`` and ``flat`` (a crawler copy)."""

from __future__ import annotations

import random

from ogi.synth.model import Doc, Table, grid_positions

__all__ = ["render_pipe", "render_tab", "render_markdown", "render_flat", "one_line"]


def one_line(text: str) -> str:
    return text.replace("\n", " ")


def _text_blocks(doc: Doc, table_lines, heading_prefix: str = "", sub_prefix: str = "") -> list[str]:
    lines = [doc.title]
    for blk in doc.blocks:
        if isinstance(blk, Table):
            lines.extend(table_lines(blk))
        elif blk.role == "heading":
            lines.append(heading_prefix + blk.text)
        elif blk.role == "sub":
            lines.append(sub_prefix + blk.text)
        else:
            lines.append(blk.text)
    return lines


def render_pipe(doc: Doc, rng: random.Random) -> bytes:
    def table_lines(t: Table) -> list[str]:
        out = []
        for i, row in enumerate(t.rows):
            texts = [one_line(c.text) for c in row]
            if i == len(t.rows) - 1:
                out.append(" | ".join(texts) + " |")
            else:
                out.append((" | ".join(texts) + " | " + "|" * (t.width - len(row))).rstrip())
        return out

    return ("\n".join(_text_blocks(doc, table_lines)) + "\n").encode("utf-8")


def render_tab(doc: Doc, rng: random.Random) -> bytes:
    def table_lines(t: Table) -> list[str]:
        return ["\t".join(one_line(c.text) for c in row) for row in t.rows]

    return ("\n".join(_text_blocks(doc, table_lines)) + "\n").encode("utf-8")


def render_markdown(doc: Doc, rng: random.Random) -> bytes:
    def table_lines(t: Table) -> list[str]:
        grid = [[""] * t.width for _ in t.rows]
        for r, c, cell in grid_positions(t):
            grid[r][c] = one_line(cell.text)
        lines = ["", "| " + " | ".join(grid[0]) + " |", "|" + "---|" * t.width]
        lines += ["| " + " | ".join(row) + " |" for row in grid[1:]]
        return lines + [""]

    lines = [f"# {doc.title}", "", doc.date_line, ""]
    sub_prefix = rng.choice(["### ", ""])
    for blk in doc.blocks:
        if isinstance(blk, Table):
            lines.extend(table_lines(blk))
        elif blk.role == "heading":
            lines += [f"## {blk.text}", ""]
        elif blk.role == "sub":
            lines += [sub_prefix + blk.text, ""]
        else:
            lines += [blk.text, ""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def render_flat(doc: Doc, rng: random.Random) -> bytes:
    parts: list[str] = []
    for blk in doc.blocks:
        if isinstance(blk, Table):
            for row in blk.rows:
                for c in row:
                    text = c.text.replace("\n", " ")
                    if c.kind == "header" and "\n" in c.text:
                        text = " " + text + " "
                    elif c.kind == "group" and c.rowspan > 10:
                        text = text + " "
                    parts.append(text)
        elif blk.role == "heading":
            parts.append(blk.text + doc.heading_sep)
        else:
            parts.append(blk.text)
    return (doc.title + "\n" + "".join(parts) + "\n").encode("utf-8")


