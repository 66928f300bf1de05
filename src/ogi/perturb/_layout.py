"""Layout damages: a lost 五 heading, 五 as one paragraph, PDF hard wraps and footers, full-width digits.

Each function takes a document, its gold (or None) and a seeded random generator, and
returns the damaged document and the gold that still holds for it.

Example:
    >>> import random
    >>> from ogi.read import read_text
    >>> doc = read_text("四、政府信息公开行政复议、行政诉讼情况\\n五、存在的主要问题及改进情况\\n"
    ...                 "（一）主要问题\\n培训不足。")
    >>> out, _ = lose_problems_heading(doc, None, random.Random(0))
    >>> out.text.splitlines()[1]
    '（一）主要问题'
"""

from __future__ import annotations

import copy
import random
import re

from ogi.document import Block, Cell, Document, Paragraph, Table
from ogi.perturb._doc import Edit, apply_edits, flat, rebuild, splice, units
from ogi.perturb._locate import find_headings, label_cells, problems_region
from ogi.perturb._masks import gold_keys

__all__ = ["lose_problems_heading", "problems_one_paragraph", "pdf_wraps", "fullwidth_digits",
           "render_one_paragraph", "VARIANTS", "FULLWIDTH"]

#: The renderings of section 五 as one paragraph.
VARIANTS = ("numbered_next", "numbered_measures", "comma_list", "ru_list")
#: ASCII digits and punctuation to their full-width forms (``|``, ``*``, ``#`` and spaces kept).
FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789,.:;()%!?-/"})
_ORDINALS = "一二三四五六七八九十"
_ENUM_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.、．]"
                      r"|[一二三四五六七八九十]+、|首先|其次|再次|最后)\s*[，,：:]?")
_HAS_WILL = re.compile(r"^[^，,。；]{0,4}将")  # a measure that says its own 将 (我市将…)
_SUBHEAD_RE = re.compile(r"^\s*[（(][一二三四五六七八九十][）)][^。；]{0,18}$")
_DIGIT = frozenset("0123456789０１２３４５６７８９.．")
# a line of Chinese type never begins with closing punctuation (it hangs at the end of the line before)
_NO_LINE_START = frozenset("，。；：、,.;:!?！？）)》」』”’")


def lose_problems_heading(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """Remove the heading of section 五; its body stays between table 四 and 六.

    As markdown converted from PDF does.  A heading alone on its line goes with its line (a
    table row of its own goes with the row).  Gold: ``problems`` leaves ``sections``, which
    lists the *headed* sections (the dev gold's rule for the copies that lost this heading,
    shanghai-stcsm-2024); ``problems_text`` and the statements stay, since the body does.
    """
    heads = {h.key: h for h in find_headings(doc, gold_keys(gold))}
    h = heads.get("problems")
    if h is None:
        return doc, gold
    if h.whole:
        u = units(doc)[h.unit]
        out = splice(doc, u.start, u.end, None)
    else:  # inside a flattened line: a space stays where digits would otherwise run together
        gap = " " if doc.text[h.start - 1:h.start] in _DIGIT or doc.text[h.end:h.end + 1] in _DIGIT else ""
        out = apply_edits(doc, [Edit(h.start, h.end, gap)])
    if gold is None:
        return out, None
    g = dict(gold)
    g["sections"] = [k for k in gold.get("sections") or [] if k != "problems"]
    return out, g


def _core(text: str) -> str:
    """A statement without its enumerator, its line breaks and its closing punctuation."""
    t = re.sub(r"[\r\n\f]+", "", text)
    t = _ENUM_RE.sub("", t, count=1)
    return t.strip().rstrip("。；;，,.．！!")


def _items_from_body(body: str) -> list[dict]:
    """Statements of a body without gold: its lines, kinds from the sub-heading above them."""
    kind = "problem"
    out = []
    for line in body.splitlines():
        if not line.strip():
            continue
        if _SUBHEAD_RE.match(line):
            kind = "improvement" if re.search(r"改进|措施|整改|下一步", line) else "problem"
            continue
        out.append({"text": line, "kind": kind, "topics": []})
    return out


def render_one_paragraph(stmts: list[dict], variant: str) -> tuple[str, list[str]]:
    """Section 五 as one paragraph in layout ``variant`` (one of :data:`VARIANTS`), and each
    statement's text as it reads in it (statements are ``{"text", "kind", ...}`` dicts)."""
    groups: dict[str, list[int]] = {"problem": [], "improvement": [], "other": []}
    for i, s in enumerate(stmts):
        groups["problem" if s.get("kind") == "problem" else
               "improvement" if s.get("kind") == "improvement" else "other"].append(i)
    texts = [""] * len(stmts)
    numbered_p = variant in ("numbered_next", "numbered_measures")
    numbered_m = variant != "comma_list"
    for kind, numbered in (("problem", numbered_p), ("improvement", numbered_m), ("other", False)):
        for n, i in enumerate(groups[kind]):
            core = _core(stmts[i]["text"])
            texts[i] = f"{_ORDINALS[n % 10]}是{core}" if numbered else core
    p = [texts[i] for i in groups["problem"]]
    m = [texts[i] for i in groups["improvement"]]
    if variant == "numbered_next":
        parts = [f"本年度政府信息公开工作还存在一些问题：{'；'.join(p)}。" if p else "",
                 f"下一步，将重点做好以下工作：{''.join(x + '。' for x in m)}" if m else ""]
    elif variant == "numbered_measures":
        parts = [f"存在的主要问题：{'；'.join(p)}。" if p else "",
                 f"改进措施：针对上述问题，{'；'.join(m)}。" if m else ""]
    elif variant == "comma_list":
        # commas join one-clause problems; problems of several clauses are joined by ；, as
        # writers do: a comma between them would leave no boundary a reader could recover
        sep = "；" if any(re.search(r"[，,]", x) for x in p) else "，"
        parts = [f"政府信息公开工作虽取得一定成绩，但仍存在一些不足，主要是：{sep.join(p)}等。" if p else "",
                 f"下一步，{'' if _HAS_WILL.match(m[0]) else '将'}{'；'.join(m)}。" if m else ""]
    else:
        parts = [f"对照上级要求和群众期盼，工作中仍存在一些短板，如{'；'.join(p)}等。" if p else "",
                 f"下一步，将重点做好以下工作：{'；'.join(m)}。" if m else ""]
    parts += [texts[i] + "。" for i in groups["other"]]
    return "".join(parts), texts


def problems_one_paragraph(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """Render section 五 as one paragraph: problems, then the turn to the measures.

    Sub-headings go; the items are joined in one of ``VARIANTS`` (seeded): numbered problems
    then ``下一步，将重点做好以下工作：一是…二是…``; numbered problems and ``改进措施：`` (no
    下一步); problems separated by commas after ``主要是：`` and measures by ``；``; a ``如…；…等``
    list then numbered measures.  The statements are the gold's (without gold, the body's
    lines).  Gold: ``problems_text`` is the new paragraph; each statement's text is the
    text it has in it (its enumerator and closing punctuation may change), an exact
    substring, so the 60 %-overlap rule matches it; kinds and topics stay.
    """
    fl = flat(doc)
    heads = find_headings(doc, gold_keys(gold))
    region = problems_region(doc, heads, fl, (gold or {}).get("problems_text"))
    if region is None:
        return doc, gold
    stmts = (gold or {}).get("statements") or ([] if gold else _items_from_body(doc.text[region[0]:region[1]]))
    if not stmts:
        return doc, gold
    text, texts = render_one_paragraph(stmts, rng.choice(VARIANTS))
    out = splice(doc, region[0], region[1], text)
    if gold is None:
        return out, None
    g = dict(gold)
    g["problems_text"] = text
    g["statements"] = [{**s, "text": t} for s, t in zip(stmts, texts)]
    return out, g


def _breakable(text: str, p: int, shut: set[int]) -> bool:
    """A line may break before ``text[p]``: never inside a number, a mark or a heading, nor before ``，``."""
    if p <= 0 or p >= len(text) or p in shut:
        return False
    a, b = text[p - 1], text[p]
    return (a not in _DIGIT and b not in _DIGIT and not (a in "*＊×" and b in "*＊×") and not b.isspace()
            and b not in _NO_LINE_START)


def _wrap(text: str, width: int, shut: set[int]) -> list[str]:
    lines = []
    s = 0
    while len(text) - s > width:
        p = s + width
        while p > s + width // 2 and not _breakable(text, p, shut):
            p -= 1
        if p <= s + width // 2:
            p = next((q for q in range(s + width + 1, len(text)) if _breakable(text, q, shut)), len(text))
        lines.append(text[s:p])
        s = p
    lines.append(text[s:])
    return [x for x in lines if x]


def _wrapped_blocks(doc: Document, gold: dict | None, width: int, label_width: int) -> list[Block]:
    """The blocks with paragraphs cut into lines and long table labels broken in two."""
    shut: dict[int, set[int]] = {}
    for h in find_headings(doc, gold_keys(gold)):
        shut.setdefault(h.unit, set()).update(range(h.start + 1, h.end))
    us = units(doc)
    unit_no = {(u.block, u.row, u.cell): n for n, u in enumerate(us)}
    labels = {(u.block, u.row, u.cell) for u in label_cells(doc)}
    out: list[Block] = []
    for i, b in enumerate(copy.deepcopy(doc.blocks)):
        if isinstance(b, Paragraph):
            n = unit_no[(i, None, None)]
            local = {p - us[n].start for p in shut.get(n, set())}
            out.extend(Paragraph(x) for x in _wrap(b.text, width, local))
            continue
        for r, row in enumerate(b.rows):
            for k, c in enumerate(row):
                if (i, r, k) in labels and len(c.text) > label_width:
                    lines = _wrap(c.text, max(4, len(c.text) // 2 + 1), set())
                    c.text = "\n".join(lines)
        out.append(b)
    return out


def _footer(style: str, page: int, pages: int) -> str:
    return f"- {page} -" if style == "dash" else f"第 {page} 页 共 {pages} 页"


def _height(row: list[Cell]) -> int:
    return 1 + max((c.text.count("\n") for c in row), default=0)


def _crossed(t: Table, r: int) -> bool:
    """Whether a cell spans from row ``r`` or before into row ``r + 1``."""
    return any(c.row + c.rowspan > r + 1 for row in t.rows[:r + 1] for c in row)


def _paginate(blocks: list[Block], per_page: int, style: str) -> list[Block]:
    """Insert a page footer every ``per_page`` lines and a form feed before the next page."""
    lines = sum(len(b.rows) if isinstance(b, Table) else 1 for b in blocks)
    pages = max(1, -(-lines // per_page))
    out: list[Block] = []
    page, used, feed = 1, 0, False
    for b in blocks:
        if isinstance(b, Paragraph):
            if feed:
                b.text, feed = "\f" + b.text, False
            out.append(b)
            used += 1
            if used >= per_page and page < pages:
                out.append(Paragraph(_footer(style, page, pages)))
                page, used, feed = page + 1, 0, True
            continue
        rows: list[list[Cell]] = []
        for r, row in enumerate(b.rows):
            if feed and row:
                row[0].text, feed = "\f" + row[0].text, False
            rows.append(row)
            used += _height(row)
            if used >= per_page and page < pages and not _crossed(b, r):
                rows.append([Cell(_footer(style, page, pages), 0, 0, 1, max(b.n_cols, 1))])
                page, used, feed = page + 1, 0, True
        out.append(_renumber(rows))
    out.append(Paragraph(_footer(style, page, pages)))
    return out


def _renumber(rows: list[list[Cell]]) -> Table:
    for i, row in enumerate(rows):
        for c in row:
            c.row = i
    return Table(rows=rows)


def pdf_wraps(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """PDF text: hard line breaks inside sentences and labels, page footers and form feeds.

    Paragraphs are cut into lines of a seeded width (28–36 characters), never inside a
    number, a redaction mark or a heading; table labels longer than 8–12 characters get a
    line break inside; every 24–32 lines a footer (``- 3 -`` or ``第 3 页 共 6 页``) is
    inserted — as a row of its own inside a table — and the next page begins with a form
    feed.  Gold: unchanged; white space is ignored where the gold compares texts, and the
    dev gold leaves page footers out of ``problems_text`` and statements (huaian notes).
    """
    blocks = _wrapped_blocks(doc, gold, rng.randint(28, 36), rng.randint(8, 12))
    blocks = _paginate(blocks, rng.randint(24, 32), rng.choice(("dash", "page_of")))
    return rebuild(doc, blocks), gold


def fullwidth_digits(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """ASCII digits and punctuation to full width (``2024`` → ``２０２４``, ``(`` → ``（``).

    In every paragraph and cell.  Gold: cell values and claim values are numbers and stay;
    ``problems_text``, statement texts and quotes, which quote the report as it reads, get
    the same mapping.
    """
    edits = [Edit(u.start, u.end, u.text.translate(FULLWIDTH)) for u in units(doc)
             if u.text.translate(FULLWIDTH) != u.text]
    out = apply_edits(doc, edits)
    if gold is None:
        return out, None
    g = dict(gold)
    g["problems_text"] = (gold.get("problems_text") or "").translate(FULLWIDTH)
    g["statements"] = [{**s, "text": s["text"].translate(FULLWIDTH)} for s in gold.get("statements") or []]
    if gold.get("claims") is not None:
        g["claims"] = [{**c, "quote": (c.get("quote") or "").translate(FULLWIDTH)} for c in gold["claims"]]
    return out, g

