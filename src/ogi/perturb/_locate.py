"""Where the damage goes: section headings, the body of 五, table labels, narrative, claim quotes.

The instrument finds these on its own, from the template's wording and the gold, never with
the parser it measures: a damaged copy must stay the same bytes while the parser changes, so
that figures taken before and after a change of the parser are comparable.

Example:
    >>> from ogi.read import read_text
    >>> doc = read_text("一、总体情况\\n正文。\\n五、存在的主要问题及改进情况\\n一是培训不足。")
    >>> [h.key for h in find_headings(doc)]
    ['overview', 'problems']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ogi.document import Document, Table
from ogi.perturb._doc import Flat, Unit, units
from ogi.spec import VERSIONS, raw_spec, template

__all__ = ["Heading", "find_headings", "problems_region", "label_cells", "flat_label_spans",
           "table_region", "is_number", "KEYS", "MASK_RUN", "COUNT_CHARS"]

#: The six sections in template order.
KEYS = ("overview", "proactive", "requests", "appeals", "problems", "other")
#: A redaction mark as real copies print it.
MASK_RUN = re.compile(r"[*＊]{2,}|×{2,}")
#: Characters that may belong to a count (digits of both widths, Chinese numerals, 余/多).
COUNT_CHARS = frozenset("0123456789０１２３４５６７８９.．〇零一二三四五六七八九十百千万亿两余多")

_NUMERALS = "一二三四五六七八九十"
# wordings printed after the numeral, beyond the template's own (seen in real copies)
_EXTRA = {
    "overview": ("概述", "基本情况", "总体概况"),
    "proactive": ("主动公开政府信息的情况",),
    "requests": ("收到和处理政府信息公开申请的情况",),
    "appeals": ("政府信息公开行政法复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "政府信息公开行政复议和行政诉讼情况", "行政复议、行政诉讼情况", "行政复议行政诉讼"),
    "problems": ("政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在的主要问题和改进措施",
                 "存在的主要问题及改进措施", "存在的主要问题和改进情况"),
    "other": (),
}
_NUM_RE = re.compile(rf"[{_NUMERALS}]{{1,2}}\s*[、.．，,]\s*")
_NUMBER_RE = re.compile(r"\s*[-+]?[\d０-９][\d０-９.,．，]*\s*")
_MAX_HEADING = 45


def _wordings() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {k: [] for k in KEYS}
    for v in VERSIONS:
        for k, h in zip(KEYS, template(v).section_headings):
            w = _NUM_RE.sub("", h, count=1)
            if w not in out[k]:
                out[k].append(w)
    for k, extra in _EXTRA.items():
        out[k].extend(w for w in extra if w not in out[k])
    return {k: tuple(sorted(ws, key=len, reverse=True)) for k, ws in out.items()}


_WORDINGS = _wordings()
_INLINE_RE = re.compile(
    rf"(?P<num>[{_NUMERALS}]{{1,2}})\s*[、.．]\s*(?:"
    + "|".join(f"(?P<{k}>{'|'.join(re.escape(w) for w in ws)})" for k, ws in _WORDINGS.items()) + ")")


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading found in a document."""

    key: str
    start: int  # offsets in Document.text: numeral (or first character) …
    end: int  # … to the end of the wording
    wording_start: int  # where the wording begins (== start when there is no numeral)
    unit: int  # index in units(doc)
    whole: bool  # the unit holds nothing but the heading (white space, '#', '。' aside)

    def text(self, doc: Document) -> str:
        return doc.text[self.start:self.end]


def _masked_fits(core: str, candidates: list[str]) -> bool:
    """Whether a text with redaction marks can be one of the candidates (a mark hides 1–16 characters)."""
    parts = []
    pos = 0
    for m in MASK_RUN.finditer(core):
        parts.append(re.escape(core[pos:m.start()]))
        parts.append(".{1,16}?")
        pos = m.end()
    parts.append(re.escape(core[pos:]))
    pat = re.compile("".join(parts))
    return any(pat.fullmatch(c) for c in candidates)


def _whole_unit(u: Unit, ui: int) -> Heading | None:
    lead = len(u.text) - len(u.text.lstrip("# \t\u3000"))
    core = u.text[lead:].rstrip(" \t\u3000。.:：")
    if not core or len(core) > _MAX_HEADING:
        return None
    m = _NUM_RE.match(core)
    wording = core[m.end():] if m else core
    for key, ws in _WORDINGS.items():
        if wording in ws:
            return Heading(key, u.start + lead, u.start + lead + len(core),
                           u.start + lead + (m.end() if m else 0), ui, True)
    if not MASK_RUN.search(core):
        return None
    for key, ws in _WORDINGS.items():
        cands = list(ws) + [f"{n}、{w}" for n in _NUMERALS for w in ws]
        if _masked_fits(core, cands):
            wpos = m.end() if m and not MASK_RUN.match(core) else 0
            return Heading(key, u.start + lead, u.start + lead + len(core), u.start + lead + wpos, ui, True)
    return None


def _candidates(doc: Document) -> list[Heading]:
    out = []
    for ui, u in enumerate(units(doc)):
        h = _whole_unit(u, ui)
        if h is not None:
            out.append(h)
            continue
        for m in _INLINE_RE.finditer(u.text):
            key = m.lastgroup or ""
            out.append(Heading(key, u.start + m.start(), u.start + m.end(), u.start + m.start(key), ui, False))
    return sorted(out, key=lambda h: h.start)


def find_headings(doc: Document, keys: list[str] | tuple[str, ...] | None = None) -> list[Heading]:
    """The section headings of ``doc``, one per key, in document order.

    Args:
        doc: the document.
        keys: the sections to look for, in order (the gold's ``sections``); all six when None.
            Each is the first candidate after the previous heading; a key with none is left out.
    """
    cands = _candidates(doc)
    out: list[Heading] = []
    pos = 0
    for key in KEYS if keys is None else keys:
        h = next((c for c in cands if c.key == key and c.start >= pos), None)
        if h is not None:
            out.append(h)
            pos = h.end
    return out


def problems_region(doc: Document, heads: list[Heading], fl: Flat,
                    problems_text: str | None) -> tuple[int, int] | None:
    """Document offsets of the body of section 五 (heading excluded).

    From the end of the 五 heading to the 六 heading; when the heading of 五 is missing (a
    copy that lost it), where the gold's ``problems_text`` lies (white space ignored).
    """
    by = {h.key: h for h in heads}
    if "problems" in by:
        end = by["other"].start if "other" in by else len(doc.text)
        start = by["problems"].end
        while start < end and doc.text[start] in " \t\n\u3000。.:：":
            start += 1
        while end > start and doc.text[end - 1] in " \t\n\u3000#":
            end -= 1
        return (start, end) if end > start else None
    if problems_text:
        after = fl.at(by["appeals"].end) if "appeals" in by else 0
        hit = fl.find(problems_text, after)
        if hit:
            return fl.doc_span(*hit)
    return None


def table_region(doc: Document, heads: list[Heading], body: tuple[int, int] | None) -> tuple[int, int]:
    """Offsets from the heading of 二 to the body of 五 (where tables 二–四 are), or the whole text."""
    by = {h.key: h for h in heads}
    start = by["proactive"].start if "proactive" in by else 0
    end = body[0] if body else (by["problems"].start if "problems" in by else len(doc.text))
    return start, max(start, end)


def is_number(text: str) -> bool:
    """A cell that prints a number (or is blank, or a dash)."""
    t = text.strip()
    return not t or t in ("-", "—", "/", "－") or bool(_NUMBER_RE.fullmatch(t))


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _label_words() -> frozenset[str]:
    words: set[str] = set()
    for v in VERSIONS:
        spec = raw_spec()["versions"][v]
        for c in spec["table4"]["columns"]:
            words.update(w for w in (c.get("block"), c.get("super_group"), c.get("label")) if w)
    return frozenset(words)


_T4_WORDS = _label_words()


def label_cells(doc: Document) -> list[Unit]:
    """Label cells of the statistical tables: a row label beside numbers, or a header of table 四.

    Tables of one column (PDF readers put narrative lines in them) have no labels.
    """
    out = []
    for u in units(doc):
        if not u.in_table:
            continue
        t = doc.blocks[u.block]
        assert isinstance(t, Table) and u.row is not None
        if t.n_cols < 2 or is_number(u.text) or len(u.text.strip()) > 40:
            continue
        if sum(_cjk(ch) for ch in u.text) < 2:
            continue
        row = t.rows[u.row]
        beside_numbers = any(is_number(c.text) and c.text.strip() for c in row)
        if beside_numbers or re.sub(r"\s", "", u.text) in _T4_WORDS:
            out.append(u)
    return out


def _row_labels() -> tuple[str, ...]:
    labels: set[str] = set()
    for v in VERSIONS:
        spec = raw_spec()["versions"][v]
        for r in spec["table3"]["rows"]:
            labels.add(re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", r["label"]))
        for b in template(v).table2:
            labels.update(b.row_labels)
    return tuple(sorted(labels, key=len, reverse=True))


_ROW_LABEL_RE = re.compile("|".join(re.escape(w) for w in _row_labels() if len(w) >= 4))


def flat_label_spans(doc: Document, region: tuple[int, int]) -> list[tuple[int, int]]:
    """Row labels printed inside long paragraphs (tables flattened into text) within ``region``."""
    out = []
    for u in units(doc):
        if u.in_table or u.end <= region[0] or u.start >= region[1]:
            continue
        for m in _ROW_LABEL_RE.finditer(u.text):
            a, b = u.start + m.start(), u.start + m.end()
            if region[0] <= a and b <= region[1]:
                out.append((a, b))
    return out
