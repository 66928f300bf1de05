"""HTML to blocks: find the article body, paragraphs in order, tables as logical cell grids."""

from __future__ import annotations

import re

from ogi.document import Block, Cell, Paragraph, Table

__all__ = ["html_blocks"]

# Elements dropped with their content (their tails, the text after them, are kept).
_DROP_TAGS = ("script", "style", "noscript", "iframe", "head", "nav", "button", "select",
              "option", "input", "textarea", "template", "object", "embed", "svg", "canvas",
              "map", "audio", "video")
# Elements that end a paragraph (before and after them).
_BLOCK_TAGS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "header", "footer", "aside", "address",
    "center", "figure", "figcaption", "hr", "main", "form", "fieldset", "legend", "tr",
    "td", "th", "tbody", "thead", "tfoot", "caption", "body", "html", "details", "summary",
    "table", "br",
))
_CELL_TAGS = frozenset(("td", "th"))
_SECTION_TAGS = frozenset(("thead", "tbody", "tfoot"))
_MAX_COLSPAN = 1000  # HTML clamps colspan to 1000 and rowspan to 65534
_MAX_ROWSPAN = 65534

# class/id names of article containers, and names that mark chrome inside/around them
_CONTENT_RE = re.compile(
    r"trs_editor|article|content|zoom|main|detail|zhengwen|neirong|wenzhang|"
    r"(?:^|[^a-z])(?:zw|con|text|txt|body|post|entry|view|info)(?:[^a-z]|$)",
    re.I)
_CHROME_RE = re.compile(
    r"title|comment|footer|header|\bnav|menu|sidebar|share|crumb|relat|recommend|"
    r"qrcode|ewm|btn|button|attach|download|print|icon|extend|source|date|search|login|"
    r"banner|copyright|foot|head|tool|page_?bar|pager|fenxiang|dayin",
    re.I)
_WS_RE = re.compile(r"\s+")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TITLE_LIKE_RE = re.compile(r"报告|年报")


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _tag(el) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    m = re.match(r"\s*(\d+)", value)
    if not m:
        return 1
    n = int(m.group(1)[:7])
    return min(n, limit) if n >= 0 else 1


def _text_len(el) -> int:
    return len(_WS_RE.sub("", "".join(el.itertext())))


def _measure(el) -> tuple[int, int, int]:
    """(characters of text, number of tables, characters of text inside tables)."""
    tables = [t for t in el.iter("table")]
    outer = [t for t in tables if not any(a.tag == "table" for a in t.iterancestors())]
    return _text_len(el), len(tables), sum(_text_len(t) for t in outer)


def _describe(el) -> str:
    tag = _tag(el) or "?"
    cls = (el.get("class") or "").split()
    ident = el.get("id")
    return tag + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in cls[:2])


def _find_content(body):
    """The element holding the article: content-like class/id with most of the text."""
    body_len, body_tables, _ = _measure(body)
    cands = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        names = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if not names or not _CONTENT_RE.search(names):
            continue
        # chrome names veto only when no content word is part of them ("article_title")
        if _CHROME_RE.search(names) and not re.search(r"trs_editor|content|zoom|zhengwen",
                                                      names, re.I):
            continue
        cands.append(el)
    if not cands or body_len == 0:
        return body
    measured = {el: _measure(el) for el in cands}
    best = max(cands, key=lambda e: (measured[e][0] + 200 * measured[e][1]))
    b_len, b_tab, _ = measured[best]
    if b_len < 0.2 * body_len and not (b_tab and b_tab == body_tables):
        return body
    # prefer the innermost candidate that keeps (nearly) all of it (candidates are in
    # document order, so descendants come after their ancestors)
    top_len = b_len
    for el in cands:
        n, t, _ = measured[el]
        if el is not best and t == b_tab and n >= 0.9 * top_len and \
                any(a is best for a in el.iterancestors()):
            best, b_len = el, n
    # tables just outside the chosen element belong to the article when little else does
    if b_tab < body_tables:
        own_text = b_len - measured[best][2]
        for anc in best.iterancestors():
            n, t, tt = _measure(anc)
            if t > b_tab and (n - tt) <= 1.25 * own_text + 200:
                best, b_len, b_tab = anc, n, t
                if t == body_tables:
                    break
            elif (n - tt) > 1.25 * own_text + 200:
                break
            if anc is body:
                break
    return best


def _title(root, content_blocks: list[Block]) -> str | None:
    """The first h1/h2/element with a 'title' class, else a title-like first paragraph."""
    for el in root.xpath("//h1 | //h2 | //*[contains(translate(@class, 'TITLE', 'title'), "
                         "'title')]"):
        t = _collapse(el.text_content())
        if 2 <= len(t) <= 200:
            return t
    for b in content_blocks[:3]:
        if isinstance(b, Paragraph) and len(b.text) <= 80 and _TITLE_LIKE_RE.search(b.text):
            return b.text
    return None


def _cell_text(cell) -> str:
    """A cell's text: breaks, block boundaries and whitespace collapse to single spaces."""
    from lxml import etree
    parts: list[str] = []
    for event, el in etree.iterwalk(cell, events=("start", "end")):
        tag = _tag(el)
        if event == "start":
            if tag in _BLOCK_TAGS:
                parts.append(" ")
            if el.text and tag is not None:
                parts.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append(" ")
            if el.tail and el is not cell:
                parts.append(el.tail)
    return _collapse("".join(parts))


def _rows(table) -> list:
    out = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            out.append(child)
        elif tag in _SECTION_TAGS:
            out.extend(tr for tr in child if _tag(tr) == "tr")
    return out


def _table(table) -> Table | None:
    """The table as logical cells, columns placed by the HTML table model."""
    trs = _rows(table)
    n_rows = len(trs)
    rows: list[list[Cell]] = []
    pending: list[int] = []  # rows still covered by a cell above, per grid column
    r = 0
    for i, tr in enumerate(trs):
        tds = [c for c in tr if _tag(c) in _CELL_TAGS]
        if not tds and not any(pending):
            continue  # an empty row nothing spans into
        row: list[Cell] = []
        col = 0
        for td in tds:
            while col < len(pending) and pending[col] > 0:
                col += 1
            colspan = max(1, _span(td.get("colspan"), _MAX_COLSPAN))
            rs = _span(td.get("rowspan"), _MAX_ROWSPAN)
            rowspan = n_rows - i if rs == 0 else max(1, min(rs, n_rows - i))
            row.append(Cell(_cell_text(td), r, col, rowspan, colspan))
            if len(pending) < col + colspan:
                pending.extend([0] * (col + colspan - len(pending)))
            for k in range(col, col + colspan):
                pending[k] = rowspan
            col += colspan
        rows.append(row)
        pending = [p - 1 if p > 0 else 0 for p in pending]
        r += 1
    if not rows or not any(rows):
        return None
    return Table(rows=rows)


def _is_container_table(table) -> bool:
    """A 1x1 table used for layout: walk into it instead of making it a table."""
    trs = _rows(table)
    if len(trs) != 1:
        return False
    return len([c for c in trs[0] if _tag(c) in _CELL_TAGS]) == 1


def _blocks(content) -> list[Block]:
    from lxml import etree
    blocks: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            t = _collapse("".join(buf))
            buf.clear()
            if t:
                blocks.append(Paragraph(t))

    walker = etree.iterwalk(content, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if tag == "table" and not _is_container_table(el):
                flush()
                for cap in el:
                    if _tag(cap) == "caption":
                        t = _cell_text(cap)
                        if t:
                            blocks.append(Paragraph(t))
                t = _table(el)
                if t is not None:
                    blocks.append(t)
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if el.text and tag is not None:
                buf.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
            if el.tail and el is not content:
                buf.append(el.tail)
    flush()
    return blocks


def html_blocks(text: str) -> tuple[list[Block], dict]:
    """Parse HTML text into blocks of the article body.

    Args:
        text: decoded HTML.

    Returns:
        ``(blocks, meta)``; ``meta`` holds ``title`` (when found) and ``content`` (a short
        description of the element taken as the article body).

    Raises:
        ValueError: when lxml finds no document at all (the caller turns it into a
            ReadError).
    """
    from lxml import etree, html

    text = _XML_DECL_RE.sub("", text, count=1)
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                             huge_tree=False, recover=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except etree.ParserError as exc:
        raise ValueError(str(exc)) from None
    title_text = None
    for el in root.iter("title"):
        title_text = _collapse(el.text_content()) or None
        break
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    body = root.find("body")
    if body is None:
        body = root
    content = _find_content(body)
    blocks = _blocks(content)
    meta: dict = {}
    title = title_text or _title(root, blocks)
    if title:
        meta["title"] = title
    meta["content"] = _describe(content)
    return blocks, meta
