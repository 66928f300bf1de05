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
# Elements whose boundaries separate words inside a table cell.
_BREAK_TAGS = tuple(sorted(_BLOCK_TAGS))
_SECTION_TAGS = frozenset(("thead", "tbody", "tfoot"))
_MAX_COLSPAN = 1000  # HTML clamps colspan to 1000 and rowspan to 65534
_MAX_ROWSPAN = 65534
_MAX_GRID_COLS = 1000  # spans do not reach beyond this grid column

# class/id names of article containers, and names that mark chrome inside/around them
_CONTENT_RE = re.compile(
    r"trs_editor|article|content|zoom|main|detail|zhengwen|neirong|wenzhang|"
    r"(?:^|[^a-z])(?:zw|con|text|txt|body|post|entry|view|info)(?:[^a-z]|$)",
    re.I)
# names that almost always mean "the article text itself"
_STRONG_RE = re.compile(r"trs_editor|content|zoom|zhengwen|neirong|wenzhang|detail|"
                        r"article_?body|(?:^|[^a-z])zw(?:[^a-z]|$)", re.I)
_CHROME_RE = re.compile(
    r"title|comment|footer|header|\bnav|menu|sidebar|share|crumb|relat|recommend|"
    r"qrcode|ewm|btn|button|attach|download|print|icon|extend|source|date|search|login|"
    r"banner|copyright|foot|head|tool|page_?bar|pager|fenxiang|dayin",
    re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# A DOCTYPE with an internal subset (entity declarations, as in an XXE attack): libxml2's
# HTML parser neither resolves nor fetches them, but shows the end of the subset as text.
# Anchored at the start and bounded, so it costs linear time on any input.
_DOCTYPE_SUBSET_RE = re.compile(r"^\s*<!doctype[^\[>]{0,1000}\[[^\]]{0,100000}\]\s*>", re.I)
_TITLE_LIKE_RE = re.compile(r"报告|年报")
_SPAN_RE = re.compile(r"\s*(\d+)")


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _tag(el) -> str | None:
    # libxml2's HTML parser lower-cases tag names; comments/PIs have non-str tags
    tag = el.tag
    return tag if isinstance(tag, str) else None


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    m = _SPAN_RE.match(value)
    if not m:
        return 1
    return min(int(m.group(1)[:7]), limit)


def _text_len(el) -> int:
    return int(el.xpath("string-length(normalize-space())"))


def _measure(el) -> tuple[int, int, int]:
    """(characters of text, number of tables, characters of text inside outer tables)."""
    outer = el.xpath(".//table[not(ancestor::table)]") if el.tag != "table" else [el]
    n_tables = int(el.xpath("count(.//table)")) + (el.tag == "table")
    return _text_len(el), n_tables, sum(_text_len(t) for t in outer)


def _describe(el) -> str:
    tag = _tag(el) or "?"
    cls = (el.get("class") or "").split()
    ident = el.get("id")
    return tag + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in cls[:2])


def _names(el) -> str:
    return " ".join(filter(None, (el.get("class"), el.get("id"))))


def _find_content(body):
    """The element holding the article: content-like class/id with most of the text."""
    body_len, body_tables, _ = _measure(body)
    cands = []
    for el in body.xpath(".//*[@class or @id]"):
        names = _names(el)
        if not _CONTENT_RE.search(names):
            continue
        # chrome names veto only when no strong content word is part of them
        # ("article_title" is chrome, "article_content" is not)
        if _CHROME_RE.search(names) and not _STRONG_RE.search(names):
            continue
        cands.append(el)
    if not cands or body_len == 0:
        return body
    measured = {el: _measure(el) for el in cands}
    strong = {el for el in cands if _STRONG_RE.search(_names(el))}

    def score(el) -> float:
        n, t, _ = measured[el]
        return (n + 200 * t) * (1.0 if el in strong else 0.6)

    best = max(cands, key=score)
    b_len, b_tab, _ = measured[best]
    if b_len < min(0.2 * body_len, 500) and not (b_tab and b_tab == body_tables):
        return body
    # prefer the innermost candidate that keeps (nearly) all of it, or most of it under
    # a strong name (candidates are in document order: descendants follow ancestors)
    top_len = b_len
    for el in cands:
        n, t, _ = measured[el]
        if el is best or t != b_tab:
            continue
        if (n >= 0.9 * top_len or (el in strong and n >= 0.6 * top_len)) and \
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
    for el in root.xpath("//h1 | //h2 | //*[@class]"):
        if el.tag not in ("h1", "h2") and "title" not in el.get("class", "").lower():
            continue
        t = _collapse("".join(el.itertext()))
        if 2 <= len(t) <= 200:
            return t
    for b in content_blocks[:3]:
        if isinstance(b, Paragraph) and len(b.text) <= 80 and _TITLE_LIKE_RE.search(b.text):
            return b.text
    return None


def _mark_breaks(table) -> None:
    """Put spaces around breaks and block elements inside a table, so that joining its
    text gives words separated where the browser would break lines."""
    for el in table.iterdescendants(*_BREAK_TAGS):
        el.tail = " " + el.tail if el.tail else " "
        if el.tag != "br":
            el.text = " " + el.text if el.text else " "


def _cell_text(cell) -> str:
    """A cell's text: breaks, block boundaries and whitespace collapse to single spaces."""
    return " ".join("".join(cell.itertext()).split())


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
    """The table as logical cells, columns placed by the HTML table model.

    A cell goes to the first grid column of its row not covered by a rowspan from the
    rows above; spans are clamped (colspan to 1000 columns of grid, rowspan to the rows
    left), so a hostile table costs at most linear work per cell.
    """
    trs = _rows(table)
    n_rows = len(trs)
    rows: list[list[Cell]] = []
    # grid column -> (first grid row no longer covered, first column after the span)
    covered: dict[int, tuple[int, int]] = {}
    r = 0
    for i, tr in enumerate(trs):
        tds = [c for c in tr if c.tag in _CELL_TAGS]
        if not tds and not any(end > r for end, _ in covered.values()):
            continue  # an empty row that nothing spans into
        row: list[Cell] = []
        col = 0
        for td in tds:
            span = covered.get(col)
            while span is not None and span[0] > r:
                col = span[1]
                span = covered.get(col)
            colspan = max(1, min(_span(td.get("colspan"), _MAX_COLSPAN),
                                 _MAX_GRID_COLS - col))
            rs = _span(td.get("rowspan"), _MAX_ROWSPAN)
            rowspan = n_rows - i if rs == 0 else max(1, min(rs, n_rows - i))
            row.append(Cell(_cell_text(td), r, col, rowspan, colspan))
            if rowspan > 1:
                span = (r + rowspan, col + colspan)
                for k in range(col, col + colspan):
                    covered[k] = span
            col += colspan
        rows.append(row)
        r += 1
    if not any(rows):
        return None
    height = len(rows)
    for row in rows:  # skipped empty rows may leave spans reaching past the end
        for cell in row:
            if cell.row + cell.rowspan > height:
                cell.rowspan = height - cell.row
    return Table(rows=rows)


def _is_layout_table(table) -> bool:
    """A table used for page layout, to walk into instead of reading as a data table.

    Either a single cell (1x1), or a table holding nested tables *and* at least 200
    characters of its own text around them (a page grid with the article in a cell).
    A data table with a small table nested in a cell stays a data table.
    """
    trs = _rows(table)
    if len(trs) == 1 and sum(1 for c in trs[0] if c.tag in _CELL_TAGS) == 1:
        return True
    nested = [t for t in table.iterdescendants("table")
              if next(t.iterancestors("table"), None) is table]
    if not nested:
        return False
    return _text_len(table) - sum(_text_len(t) for t in nested) >= 200


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
        tag = el.tag
        if event == "start":
            if tag == "table" and not _is_layout_table(el):
                flush()
                _mark_breaks(el)
                for cap in el:
                    if _tag(cap) == "caption":
                        t = _cell_text(cap)
                        if t:
                            blocks.append(Paragraph(t))
                tbl = _table(el)
                if tbl is not None:
                    blocks.append(tbl)
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if el.text and isinstance(tag, str):
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
    from lxml import etree

    text = _XML_DECL_RE.sub("", text, count=1)
    text = _DOCTYPE_SUBSET_RE.sub("", text, count=1)
    if not text.strip():
        raise ValueError("document is empty")
    # no_network and the HTML parser's ignorance of DTDs: no entity is ever resolved and
    # nothing is fetched; huge_tree=False caps nesting at 256 levels (see too_deep below)
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                              huge_tree=False, recover=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError) as exc:
        raise ValueError(str(exc)) from None
    if root is None:
        raise ValueError("document is empty")
    too_deep = any("depth" in e.message for e in parser.error_log)
    # one text run or attribute over libxml2's 10 MB buffer: the parser stops there
    too_big = any("limit exceeded" in e.message.lower() and "depth" not in e.message for e in parser.error_log)
    title_text = None
    for el in root.iter("title"):
        title_text = _collapse("".join(el.itertext())) or None
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
    if too_deep:
        if not blocks:
            raise ValueError("markup nested more than 256 levels deep and no text before it")
        meta["truncated"] = "markup nested more than 256 levels deep; the rest was not read"
    if too_big:
        if not blocks:
            raise ValueError("a text run or attribute over the HTML parser's 10 MB limit, and no text before it")
        meta["truncated"] = "a text run or attribute over the HTML parser's 10 MB limit; the rest was not read"
    return blocks, meta
