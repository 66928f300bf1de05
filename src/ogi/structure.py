"""Sections, metadata and template version of a report.

Headings are found by their wording (template-spec §3.1–3.2), inline as well as on their own
line, with redaction marks allowed inside them (``二、****政府信息情况``).  Table-row labels
that also start with 一/二/三/四、 (``四、结转下年度继续办理``) never match, because every
heading pattern needs its own words.  The six keys are chosen as the longest chain of
candidates in document order.

Example:
    >>> from ogi.layout import find_sections
    >>> secs = find_sections("一、总体情况\\n正文\\n五、存在的主要问题及改进情况\\n一是…")
    >>> [s.key for s in secs]
    ['overview', 'problems']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ogi.normalize import MASK_RE, drop_page_lines
from ogi.template import active_spec

__all__ = ["Section", "detect_template", "find_metadata", "SECTION_KEYS"]

SECTION_KEYS = ("overview", "proactive", "requests", "appeals", "problems", "other")
_NUMERALS = "一二三四五六七八九十"

_NUM_RE = re.compile(r"(?P<num>[一二三四五六七八九十]{1,2})\s*[、.．，,]\s*")
# wording of each heading (after the numeral), tolerant of the variants in §3.2
_PHRASES = {
    "overview": r"(?:总体情况|概述|概况|基本情况)",
    "proactive": r"主动公开(?:政府信息|政府信息公开)(?:的)?(?:情况|工作情况)?",
    "requests": r"收到和处理政府信息公开申请(?:的)?(?:情况)?",
    "appeals": (r"(?:因)?(?:政府信息公开)?(?:工作)?(?:被申请)?(?:的)?行政法?复议[、,，和及与]?\s*"
                r"(?:提起)?行政诉讼(?:的)?(?:情况)?"),
    "problems": r"(?:政府信息公开工作)?存在(?:的)?(?:主要)?问题(?:及|和|与|以及)改进(?:情况|措施)",
    "other": r"其他需要报告的事项",
}
_PHRASE_RE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _PHRASES.items()))
# a heading on its own line without a numeral (converted PDFs lose numbering).
# The leading run is "#" or white space other than a newline: a class that crossed
# newlines would rescan every following "#"/blank line from each line start, quadratic
# time on a file of 20,000 "#" lines (robustness fix, issue 7).
_LINE_RE = re.compile(r"(?m)^(?:#|[^\S\n])*(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _PHRASES.items())
                      + r")[。.]?[ \t]*$")
_STANDARD = {
    "overview": "总体情况",
    "proactive": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "appeals": "政府信息公开行政复议行政诉讼情况",
    "problems": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
}
_MASKED_HEAD_RE = re.compile(
    r"(?P<num>[一二三四五六七八九十]{1,2})\s*[、.．，,]\s*(?P<h>[^\n。，,；;|]{0,14}?(?:\*{2,}|＊{2,})[^\n。，,；;|]{0,16}?(?:情况|事项|措施))")
_PUNCT_RE = re.compile(r"[\s\W_]+")
_EXPECTED_NUM = {k: _NUMERALS[i] for i, k in enumerate(SECTION_KEYS)}


@dataclass
class Section:
    key: str
    heading: str | None  # as printed; None when the section was inferred without a heading
    start: int  # offset of the heading (or of the body when inferred)
    body_start: int
    end: int
    text: str = ""
    inferred: bool = False

    def to_dict(self) -> dict:
        d = {"key": self.key, "heading": self.heading, "text": self.text,
             "start": self.start, "end": self.end}
        if self.inferred:
            d["inferred"] = True
        return d


@dataclass
class _Cand:
    key: str
    start: int
    end: int
    heading: str
    score: float


def _masked_match(text: str) -> str | None:
    """Which standard heading a heading with redaction marks can be."""
    body = re.sub(r"[\s#]", "", text)
    pat = "^" + "".join(".{0,12}?" if part == "*" else re.escape(part)
                         for part in _split_mask(body)) + "$"
    hits = [k for k, std in _STANDARD.items() if re.match(pat, std)]
    return hits[0] if len(hits) == 1 else None


def _split_mask(s: str) -> list[str]:
    out: list[str] = []
    pos = 0
    for m in MASK_RE.finditer(s):
        if m.start() > pos:
            out.append(s[pos:m.start()])
        out.append("*")
        pos = m.end()
    if pos < len(s):
        out.append(s[pos:])
    return out


def _candidates(text: str) -> list[_Cand]:
    cands: list[_Cand] = []
    for m in _NUM_RE.finditer(text):
        p = _PHRASE_RE.match(text, m.end())
        if p is None:
            continue
        key = p.lastgroup
        if key is None:  # every alternative of the pattern is a named group
            continue
        num = m.group("num")
        score = 2.0 + (0.5 if num == _EXPECTED_NUM[key] else 0.0)
        j = m.start() - 1
        while j >= 0 and text[j] in " \t#":
            j -= 1
        score += 0.5 if j < 0 or text[j] == "\n" else 0.0
        cands.append(_Cand(key, m.start(), p.end(), text[m.start():p.end()], score))
    for m in _LINE_RE.finditer(text):
        key = m.lastgroup
        if key is None:
            continue
        cands.append(_Cand(key, m.start(key), m.end(key), m.group(key), 1.5))
    if "*" in text or "＊" in text:
        for m in _MASKED_HEAD_RE.finditer(text):
            key = _masked_match(m.group("h"))
            if key and m.group("num") == _EXPECTED_NUM[key]:
                cands.append(_Cand(key, m.start("num"), m.end("h"), text[m.start("num"):m.end("h")], 2.2))
    cands.sort(key=lambda c: (c.start, -c.score))
    # a heading followed at once by another is a list of the parts ("本报告包括：一、总体情况；
    # 二、主动公开…"), not the part itself: keep it only as a last resort
    starts = sorted({c.start for c in cands})
    for c in cands:
        nxt = next((st for st in starts if st >= c.end), None)
        if nxt is not None and len(_PUNCT_RE.sub("", text[c.end:nxt])) < 4:
            c.score = 0.3
    return cands


def _best_chain(cands: list[_Cand]) -> list[_Cand]:
    """Highest-scoring chain with keys in template order and positions increasing."""
    order = {k: i for i, k in enumerate(SECTION_KEYS)}
    n = len(cands)
    best: list[tuple[float, int]] = [(c.score, -1) for c in cands]
    for i in range(n):
        for j in range(i):
            if cands[j].end <= cands[i].start and order[cands[j].key] < order[cands[i].key]:
                s = best[j][0] + cands[i].score
                if s > best[i][0]:
                    best[i] = (s, j)
    if not n:
        return []
    i = max(range(n), key=lambda k: (best[k][0], -cands[k].start))
    chain = []
    while i >= 0:
        chain.append(cands[i])
        i = best[i][1]
    return chain[::-1]


def _clean_body(s: str) -> str:
    """A section's body as it reads: no leading marks, no page footers of PDF text."""
    s = drop_page_lines(s).lstrip(" \t\u3000:：。.")
    return s.strip()


# --------------------------------------------------------------------------- template version

# the signals of each version, of the national format and of the reports before 2019 are data
# of the template spec (``detection_signals``, ``detection``): see :mod:`ogi.template`
_RE_CACHE: dict[str, re.Pattern] = {}


def _count(patterns: list[str], s: str) -> int:
    n = 0
    for p in patterns:
        rx = _RE_CACHE.get(p)
        if rx is None:
            rx = _RE_CACHE[p] = re.compile(p)
        if rx.search(s):
            n += 1
    return n


def detect_template(norm_text: str, *, year: int | None = None) -> tuple[str, dict]:
    """The template version from the structure: a version of the spec, "pre2019" or "unknown".

    Args:
        norm_text: the report text normalised (NFKC, no white space).
        year: the statistics year, used only to break a tie.

    Returns:
        The version and the evidence (signal counts).
    """
    spec = active_spec()
    counts = {t.version: _count(list(t.detection_signals), norm_text) for t in spec.templates}
    nat = _count(list(spec.national_signals), norm_text)
    old = _count(list(spec.pre2019_signals), norm_text)
    ev = {**{f"signals_{v}": n for v, n in counts.items()}, "national": nat, "old_format": old}
    if nat >= 2 or sum(counts.values()) >= 3:
        best = max(counts.values())
        tied = [t for t in spec.templates if counts[t.version] == best]  # newest first
        if len(tied) == 1:
            return tied[0].version, ev
        dated = [t for t in tied if t.first_report_year <= (year or tied[0].first_report_year)]
        return (dated[0] if dated else tied[-1]).version, ev
    if old >= 1 or re.search(r"政府信息公开|信息公开", norm_text):
        return "pre2019", ev
    return "unknown", ev


# --------------------------------------------------------------------------- metadata

_TITLE_END_RE = re.compile(r"(?:政府)?信息公开(?:工作)?\s*(?:年度)?\s*(?:报告|年报)")
_PERIOD_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?至\s*"
                        r"(?:(?P=year)\s*年\s*)?12\s*月\s*31\s*日")
_HEADER_TITLE_RE = re.compile(r"(?m)^\s*(?:标题|题目|title)\s*[:：]\s*(.+)$")


def find_metadata(text: str, *, html_title: str | None = None) -> dict:
    """Title, agency and statistics year of a report."""
    title = None
    m = _HEADER_TITLE_RE.search(text[:2000])
    if m:
        title = m.group(1).strip()
    if not title and html_title and re.search(r"报告|年报", html_title):
        title = html_title.strip()
    head = text[:1500]
    if not title:
        # the title may wrap over two lines in converted PDFs
        joined = re.sub(r"(?<=[^\n。])\n(?=[^\n])", "", head)
        for m in _TITLE_END_RE.finditer(joined):
            ls = joined.rfind("\n", 0, m.start()) + 1
            cand = joined[ls:m.end()].strip()
            if len(cand) <= 80 and not re.search(r"[。，,；;|]", cand):
                title = cand
                break
    title = re.sub(r"\s+", "", title) if title else None
    if title:  # page titles carry the site name: "…年度报告_某某市人民政府"
        title = re.sub(r"(报告|年报)[_|｜\-–—].*$", r"\1", title)
    if title:
        title = re.sub(r"^(?:正文|标题)[:：]?", "", title)
    year = None
    if title:
        y = re.search(r"((?:19|20)\d{2})\s*年", title)
        if y:
            year = int(y.group(1))
    if year is None:
        p = _PERIOD_RE.search(unicodedata.normalize("NFKC", text[:4000]))
        if p:
            year = int(p.group("year"))
    if year is None:
        y = re.search(r"((?:19|20)\d{2})\s*年", text[:3000])
        if y:
            year = int(y.group(1))
    agency = _agency_from_title(title) if title else None
    return {"title": title, "agency": agency, "year": year}


def _agency_from_title(title: str) -> str | None:
    t = unicodedata.normalize("NFKC", title)
    t = re.sub(r"关于印发|的通知$", "", t)
    t = re.sub(r"(?:19|20)\d{2}\s*年(?:度)?", "", t)
    t = re.sub(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)$", "", t)
    t = t.strip(" 《》()（）:：-—#")
    if not t or MASK_RE.search(t) or len(t) > 40:
        return None
    return t


@dataclass
class StructureResult:
    sections: list[Section] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- older reports

_OLD_HEAD_RE = re.compile(
    r"(?P<num>[一二三四五六七八九十]{1,2})\s*、\s*(?P<h>(?:概述|概况|总体情况|基本情况)"
    r"|[^。，,；;\n|]{2,40}?(?:情况|事项|措施|统计表|概况))")
_OLD_KEYS = [
    ("overview", r"概述|概况|总体情况|基本情况"),
    ("problems", r"问题|改进"),
    ("appeals", r"复议|诉讼"),
    ("requests", r"依申请|申请公开"),
    ("proactive", r"主动公开"),
    ("other", r"其他需要报告"),
]


def find_old_sections(text: str) -> list[Section]:
    """Top-level sections of a report in a pre-2019 format, as found.

    Headings are the numbered ones in sequence (一、二、…, the longest such run); each gets
    one of the six keys when its wording says so (概述 -> overview, 依申请公开 -> requests, …)
    and ``extra`` otherwise (收费及减免, 统计表, 重点领域 …).
    """
    found = []
    for m in _OLD_HEAD_RE.finditer(text):
        num = m.group("num")
        k = _NUMERALS.find(num[-1]) + 1 + (10 if len(num) == 2 else 0)
        found.append((k, m.start(), m.end(), text[m.start():m.end()]))
    # the longest run of consecutive numerals in document order (一、二、三 …)
    best: list[tuple[int, int]] = []  # (length, previous index)
    for i, (k, st, _, _) in enumerate(found):
        prev = [(best[j][0], j) for j in range(i) if found[j][0] == k - 1 and found[j][2] <= st]
        best.append((max(prev)[0] + 1, max(prev)[1]) if prev else (1, -1))
    heads: list[tuple[int, int, str]] = []
    if best:
        i = max(range(len(best)), key=lambda j: (best[j][0], -j))
        while i >= 0:
            heads.append(found[i][1:])
            i = best[i][1]
        heads.reverse()
    secs: list[Section] = []
    used: set[str] = set()
    for i, (st, en, head) in enumerate(heads):
        key = "extra"
        for cand_key, pat in _OLD_KEYS:
            if cand_key not in used and re.search(pat, head):
                key = cand_key
                break
        if key != "extra":
            used.add(key)
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        secs.append(Section(key, head, st, en, end, text=_clean_body(text[en:end])))
    return secs
