"""Redaction damages: masked headings, masked table labels, masked narrative (the seed's format).

Each function takes a document, its gold (or None) and a seeded random generator, and
returns the damaged document and the gold that still holds for it.

Example:
    >>> import random
    >>> from ogi.read import read_text
    >>> doc = read_text("一、总体情况\\n正文。\\n六、其他需要报告的事项\\n无。")
    >>> out, _ = mask_headings(doc, None, random.Random(0))
    >>> "总体情况" in out.text
    False
"""

from __future__ import annotations

import math
import random
import re
from difflib import SequenceMatcher

from ogi.document import Document, Table
from ogi.perturb._doc import Edit, Flat, apply_edits, flat, flat_edits, squash, units
from ogi.perturb._locate import (
    COUNT_CHARS,
    MASK_RUN,
    Heading,
    find_headings,
    flat_label_spans,
    label_cells,
    problems_region,
    table_region,
)

__all__ = ["mask_headings", "mask_some_headings", "mask_row_labels", "mask_narrative", "project",
           "gold_keys", "MASKS"]

#: Redaction marks the damages print (all three kinds real copies show).
MASKS = ("****", "**", "＊＊", "××")
_MARK_CHARS = ("*", "＊", "×")
_STYLES = ("neighbour", "middle", "numeral", "end")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_PLACE_RE = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:省|市|区|县|镇|乡)")
#: One narrative window masked per this many narrative characters.
NARRATIVE_EVERY = 120
#: How far before a claim's quote its sentence is kept from masks (characters).
_CONTEXT = 80
#: Share of the table labels masked by ``mask_row_labels``.
LABEL_SHARE = 0.3


def gold_keys(gold: dict | None) -> list[str] | None:
    """The sections the gold says are headed (None without gold: look for all six)."""
    return None if gold is None else list(gold.get("sections") or [])


def _aligned(text: str, fl: Flat) -> list[int | None] | None:
    """Flat index of each non-space character of a gold text the document holds nearly verbatim.

    A gold text read off a PDF may differ from the extracted text by a character here and there
    (a 、 the extraction moved): the text is aligned with the stretch of the document it quotes,
    found by its opening.  None when less than 80 % of it aligns (it is not a quote of the text).
    """
    sq = squash(text)
    anchor = next((h for n in (24, 12, 6) if (h := fl.find(sq[:n])) is not None), None)
    lo = anchor[0] if anchor is not None else 0
    hi = min(len(fl.text), lo + len(sq) + len(sq) // 5 + 40) if anchor is not None else len(fl.text)
    out: list[int | None] = [None] * len(sq)
    for a, b, n in SequenceMatcher(None, sq, fl.text[lo:hi], autojunk=False).get_matching_blocks():
        for t in range(n):
            out[a + t] = lo + b + t
    return out if sum(k is not None for k in out) >= 0.8 * len(sq) else None


def project(text: str, fl: Flat, edits: list[tuple[int, int, str]]) -> str:
    """Apply flat-range edits of the document to a gold text that quotes it.

    The gold text is found in the document with white space ignored (or aligned with it, when
    it differs by a few characters); each edit inside it is applied at its place (its own white
    space kept).  A text the document does not hold gets each edited string replaced where it
    occurs.
    """
    if not text or not edits:
        return text
    hit = fl.find(text)
    idx = list(range(*hit)) if hit is not None else _aligned(text, fl)
    if idx is None:
        for i, j, new in edits:
            text = text.replace(fl.text[i:j], new)
        return text
    known = [k for k in idx if k is not None]
    lo, hi = (min(known), max(known) + 1) if known else (0, 0)
    inside = [(i, j, new) for i, j, new in edits if i < hi and j > lo]
    out: list[str] = []
    marked: set[int] = set()
    n = 0
    for ch in text:
        if ch.isspace():
            out.append(ch)
            continue
        k = idx[n]
        n += 1
        e = None if k is None else next((e for e in inside if e[0] <= k < e[1]), None)
        if e is None:
            out.append(ch)
        elif e[0] not in marked:
            marked.add(e[0])
            out.append(e[2])  # the mark stands where the edit (or the text's part of it) begins
    return "".join(out)


def _project_gold(gold: dict | None, fl: Flat, edits: list[tuple[int, int, str]]) -> dict | None:
    if gold is None or not edits:
        return gold
    g = dict(gold)
    g["problems_text"] = project(gold.get("problems_text") or "", fl, edits)
    g["statements"] = [{**s, "text": project(s["text"], fl, edits)} for s in gold.get("statements") or []]
    g["claims"] = ([{**c, "quote": project(c.get("quote") or "", fl, edits)} for c in gold["claims"]]
                   if gold.get("claims") is not None else None)
    return g


def _heading_edit(doc: Document, h: Heading, style: str, mark: str) -> Edit:
    w0, w1 = h.wording_start, h.end
    n_w = w1 - w0
    numbered = w0 > h.start
    if style == "numeral" or (style == "neighbour" and not numbered):
        if numbered:
            return Edit(h.start, w0, mark)
        return Edit(w0, w0 + min(2, n_w - 2), mark)
    if style == "neighbour":
        punct = h.start + 1 + (doc.text[h.start + 1] in "一二三四五六七八九十")
        return Edit(punct, w0 + max(1, min(n_w - 2, math.ceil(n_w / 3))), mark)
    if style == "middle":
        a = max(1, n_w // 3)
        b = min(n_w - 2, a + max(2, n_w // 3))
        return Edit(w0 + a, w0 + max(b, a + 1), mark)
    n = 2 if n_w <= 8 else max(2, n_w // 5)
    return Edit(w1 - n, w1, mark)


def _mask_heads(doc: Document, heads: list[Heading], rng: random.Random) -> Document:
    offset = rng.randrange(len(_STYLES))
    edits = []
    for i, h in enumerate(heads):
        if MASK_RUN.search(h.text(doc)) or h.end - h.wording_start < 4:
            continue  # already redacted, or too short to keep anything readable
        edits.append(_heading_edit(doc, h, _STYLES[(i + offset) % len(_STYLES)], rng.choice(MASKS)))
    return apply_edits(doc, edits)


def mask_headings(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """Mask every section heading, the mark at a varying place.

    The four places cycle over the headings (from a seeded start): on the numeral's
    neighbour (``一**情况``), in the middle (``三、收到****政府信息公开申请情况``), over the
    numeral (``**其他需要报告的事项``), at the end (``五、存在的主要问题及改进**``).  At least
    two characters of the wording stay.  Gold: unchanged (a masked heading still heads its
    section, as the seed's gold has it).
    """
    return _mask_heads(doc, find_headings(doc, gold_keys(gold)), rng), gold


def mask_some_headings(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """Mask two headings chosen at random (seeded), as :func:`mask_headings` does.  Gold: unchanged."""
    heads = find_headings(doc, gold_keys(gold))
    chosen = sorted(rng.sample(heads, min(2, len(heads))), key=lambda h: h.start)
    return _mask_heads(doc, chosen, rng), gold


def _inner_span(text: str, rng: random.Random, *, max_len: int) -> tuple[int, int] | None:
    """2–``max_len`` Chinese characters inside a run of them in ``text``, never the run's first or last."""
    runs = []
    for m in _CJK_RUN.finditer(text):
        a, b = m.start() + 1, m.end() - 1
        if b - a >= 2:
            runs.append((a, b))
    if not runs:
        return None
    a, b = rng.choice(runs)
    n_cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    size = rng.randint(2, max(2, min(max_len, b - a, n_cjk // 2)))
    start = rng.randint(a, b - size)
    return start, start + size


def mask_row_labels(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """Mask part of a share (``LABEL_SHARE``) of the labels of tables 二/三/四.

    Row labels beside numbers and the header cells of table 四, in table cells or in tables
    flattened into text; the mark covers 2–6 Chinese characters inside the label, never its
    first or last character (so never touches a digit next to it) and at most half of it.
    Gold: unchanged (cells are numbers, untouched; the label's numbering and its surviving
    characters still name the row).
    """
    spans = [(u.start, u.end) for u in label_cells(doc)]
    heads = find_headings(doc, gold_keys(gold))
    body = problems_region(doc, heads, flat(doc), (gold or {}).get("problems_text"))
    if any(h.key == "proactive" for h in heads):  # tables flattened into text: labels between 二 and 五
        spans += flat_label_spans(doc, table_region(doc, heads, body))
    if not spans:
        return doc, gold
    chosen = sorted(rng.sample(spans, max(1, round(LABEL_SHARE * len(spans)))))
    edits = []
    for a, b in chosen:
        inner = _inner_span(doc.text[a:b], rng, max_len=6)
        if inner is not None:
            edits.append(Edit(a + inner[0], a + inner[1], rng.choice(MASKS[:3])))
    return apply_edits(doc, edits), gold


def _sentence_of(text: str, a: int, b: int) -> tuple[int, int]:
    """A quote with the start of its sentence (the words that say what the count counts)."""
    lo = a
    while lo > 0 and a - lo < _CONTEXT and text[lo - 1] not in "。；;！!？?\n":
        lo -= 1
    return lo, b


def _narrative_mask(doc: Document, gold: dict | None, fl: Flat) -> list[bool]:
    """Which flat characters are narrative a redaction may hide."""
    heads = find_headings(doc, gold_keys(gold))
    body = problems_region(doc, heads, fl, (gold or {}).get("problems_text"))
    t0, t1 = table_region(doc, heads, body) if heads else (0, 0)
    protected = [(h.start, h.end) for h in heads] + [(t0, t1)]
    for c in (gold or {}).get("claims") or []:
        hit = fl.find(c.get("quote") or "")
        while hit is not None:
            protected.append(_sentence_of(doc.text, *fl.doc_span(*hit)))
            hit = fl.find(c.get("quote") or "", hit[1])
    for u in units(doc):
        t = doc.blocks[u.block]
        if isinstance(t, Table) and u.row is not None and (len(t.rows[u.row]) > 1 or not heads):
            protected.append((u.start, u.end))
    shut = bytearray(len(doc.text) + 1)
    for a, b in protected:
        shut[a:b] = b"\x01" * (b - a)
    return [not shut[p] for p in fl.pos]


def _name_edits(fl: Flat, ok: list[bool], agency: str | None) -> list[tuple[int, int, str]]:
    names: list[tuple[str, str]] = []
    if agency:
        names.append((agency, "****"))
        names += [(p[:-1], "**") for p in _PLACE_RE.findall(agency) if len(p) >= 3]
    edits: list[tuple[int, int, str]] = []
    taken = [False] * len(fl.text)
    for name, mark in names:
        hit = fl.find(name)
        while hit is not None:
            i, j = hit
            if all(ok[i:j]) and not any(taken[i:j]):
                edits.append((i, j, mark))
                taken[i:j] = [True] * (j - i)
            hit = fl.find(name, j)
    return edits


def mask_narrative(doc: Document, gold: dict | None, rng: random.Random) -> tuple[Document, dict | None]:
    """Mask the agency's name, its places, and short spans of the narrative, as the seed shows.

    The gold's agency (``****``) and the stems of the places in it (``**市**区``) everywhere
    in the narrative; then one window of 2–4 Chinese characters per ``NARRATIVE_EVERY``
    narrative characters (``****`` or ``**``).  Never a heading, a table, a character of a
    count (digits, Chinese numerals, 余/多), nor a gold claim's quote or the words of its sentence
    before it (up to 80 characters), so every claim stays findable and keeps its meaning.  Gold:
    the same masks are applied to ``problems_text``, the statement texts and the quotes, which
    quote the report as it reads.
    """
    fl = flat(doc)
    ok = _narrative_mask(doc, gold, fl)
    edits = _name_edits(fl, ok, (gold or {}).get("agency"))
    taken = [False] * len(fl.text)
    for i, j, _ in edits:
        taken[i:j] = [True] * (j - i)
    want = sum(ok) // NARRATIVE_EVERY
    for _ in range(want * 30):
        if want <= 0 or not fl.text:
            break
        size = rng.choice((2, 3, 4))
        i = rng.randrange(len(fl.text))
        j = i + size
        win = fl.text[i:j]
        if (j > len(fl.text) or not all(ok[i:j]) or any(taken[max(i - 1, 0):j + 1])
                or fl.text[i - 1:i] in _MARK_CHARS or fl.text[j:j + 1] in _MARK_CHARS
                or not all("\u4e00" <= ch <= "\u9fff" and ch not in COUNT_CHARS for ch in win)):
            continue
        edits.append((i, j, rng.choice(("****", "****", "**"))))
        taken[i:j] = [True] * size
        want -= 1
    edits.sort()
    doc_edits = [e for i, j, new in edits for e in flat_edits(fl, doc, i, j, new)]
    return apply_edits(doc, doc_edits), _project_gold(gold, fl, edits)
