"""DOCX to blocks with python-docx: body paragraphs and tables in order, merged cells kept."""

from __future__ import annotations

import io

from ogi.document import Block, Cell, Paragraph, Table

__all__ = ["docx_blocks"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_T, _TAB, _BR, _CR = _W + "t", _W + "tab", _W + "br", _W + "cr"
_NBHYPHEN = _W + "noBreakHyphen"
_VAL = _W + "val"
# Wrappers whose children belong to the enclosing flow.
_WRAPPERS = frozenset((_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag",
                       _W + "ins"))
_MAX_SPAN = 1000


def _para_text(p) -> str:
    """A paragraph's visible text (runs, hyperlinks, fields' results; no deleted text)."""
    from lxml import etree
    parts: list[str] = []
    walker = etree.iterwalk(p, events=("start",))
    for _, el in walker:
        tag = el.tag
        if tag == _T:
            if el.text:
                parts.append(el.text)
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR or tag == _CR:
            parts.append(" ")
        elif tag == _NBHYPHEN:
            parts.append("-")
        elif tag == _MC_FALLBACK:
            walker.skip_subtree()
    return "".join(parts).strip()


def _children(el, wanted: str):
    """Children of ``el`` with tag ``wanted``, looking through sdt/customXml wrappers."""
    stack = [iter(el)]
    while stack:
        for child in stack[-1]:
            if child.tag == wanted:
                yield child
            elif child.tag in _WRAPPERS:
                stack.append(iter(child))
                break
        else:
            stack.pop()


def _int(el, path: str, default: int) -> int:
    found = el.find(path)
    if found is None:
        return default
    try:
        return max(0, min(int(found.get(_VAL, default)), _MAX_SPAN))
    except ValueError:
        return default


def _cell_text(tc) -> str:
    texts = (_para_text(p) for p in tc.iter(_P))
    return " ".join(" ".join(t for t in texts if t).split())


def _table(tbl) -> Table | None:
    rows: list[list[Cell]] = []
    above: dict[int, Cell] = {}  # grid column -> the cell occupying it in the row above
    for r, tr in enumerate(_children(tbl, _TR)):
        row: list[Cell] = []
        col = _int(tr, f"{_W}trPr/{_W}gridBefore", 0)
        for tc in _children(tr, _TC):
            span = max(1, _int(tc, f"{_W}tcPr/{_W}gridSpan", 1))
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            hmerge = tc.find(f"{_W}tcPr/{_W}hMerge")
            if vmerge is not None and vmerge.get(_VAL, "continue") == "continue":
                top = above.get(col)
                if top is not None:
                    top.rowspan = max(top.rowspan, r - top.row + 1)
                    col += span
                    continue
            if hmerge is not None and hmerge.get(_VAL, "continue") == "continue" and row:
                row[-1].colspan += span
                for k in range(col, col + span):
                    above[k] = row[-1]
                col += span
                continue
            cell = Cell(_cell_text(tc), r, col, 1, span)
            row.append(cell)
            for k in range(col, col + span):
                above[k] = cell
            col += span
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return Table(rows=rows) if rows else None


def docx_blocks(data: bytes) -> tuple[list[Block], dict]:
    """Read a DOCX body into blocks: ``w:p`` -> Paragraph, ``w:tbl`` -> Table, in order.

    Merged cells: ``gridSpan`` gives the colspan, a ``vMerge`` continuation extends the
    rowspan of the cell above.  A cell's text is its paragraphs joined with a space.

    Args:
        data: the DOCX bytes.

    Returns:
        ``(blocks, meta)``; ``meta`` holds ``title`` from the core properties when set.

    Raises:
        Exception: whatever python-docx/zipfile/lxml raise for a corrupt package; the
            caller turns it into a ReadError.
    """
    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    blocks: list[Block] = []
    stack = [iter(body)]
    while stack:
        for child in stack[-1]:
            tag = child.tag
            if tag == _P:
                text = _para_text(child)
                if text:
                    blocks.append(Paragraph(text))
            elif tag == _TBL:
                table = _table(child)
                if table is not None:
                    blocks.append(table)
            elif tag in _WRAPPERS:
                stack.append(iter(child))
                break
        else:
            stack.pop()
    meta: dict = {}
    try:
        title = document.core_properties.title
    except Exception:  # noqa: BLE001 - a broken docProps part is not worth failing on
        title = None
    if title:
        meta["title"] = title
    return blocks, meta
