"""Place the anchors of a report (six headings, three tables, sub-headings of 五) in one pass.

The pass gathers heading candidates (worded, unnumbered lines, and headings a redaction mark
fell on anywhere — over the numeral, beside it, in the middle or at the end, the mark matching
any characters of the template heading), keeps the best chain in the order 一…六, places the
three table regions from that chain, and then infers a section whose heading is missing from
what lies where it should be: a 五 body after table 四 and before 六 whose sub-headings speak
of 问题/改进/整改/不足.  An inferred section is marked ``inferred`` (it has no heading).

Example:
    >>> lay = place("一**情况\\n正文\\n**其他需要报告的事项\\n无。")
    >>> [(s.key, s.heading) for s in lay.sections]
    [('overview', '一**情况'), ('other', '**其他需要报告的事项')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from ogi.normalize import MASK_RE, display_width, unwrap_lines
from ogi.spec import template
from ogi.structure import SECTION_KEYS, Section, _best_chain, _Cand, _candidates, _clean_body
from ogi.tables import Regions, find_table_regions

__all__ = ["Layout", "Part", "PART_ORDER", "find_sections", "place", "place_sections", "masked_heading_key"]

_NUMERALS = "一二三四五六七八九十"
_EXPECTED_NUM = {k: _NUMERALS[i] for i, k in enumerate(SECTION_KEYS)}
# known variants of a heading's wording, beside the template's own (template-spec §3.2)
_VARIANTS = {
    "overview": ("概述", "概况", "基本情况"),
    "proactive": ("主动公开政府信息的情况",),
    "requests": ("收到和处理政府信息公开申请的情况",),
    "appeals": ("政府信息公开行政复议、行政诉讼情况", "政府信息公开行政法复议、行政诉讼情况",
                "因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "行政复议、行政诉讼情况"),
    "problems": ("存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况",
                 "存在的主要问题和改进措施", "存在的主要问题及改进措施", "存在的问题及改进措施"),
    "other": ("其他需要报告的事项",),
}
_MASK_MARK = "\x00"
_CJK_RE = re.compile("[\u4e00-\u9fff]")
# a line that holds a mark and is short enough to be a heading (numeral, wording, no sentence)
_MASKED_LINE_RE = re.compile(r"(?m)^(?:#|[^\S\n])*(?P<h>[^\n。；;|]{3,40}?)[。.]?[ \t]*$")
_HEAD_NUM_RE = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,2})(?:\s*[、.．，,]\s*)?")
# the first sub-heading of a 五 body (its heading lost): （一） and words of problems/measures
_SUB_CUES = r"(?:问题|改进|整改|不足|短板|差距|薄弱|弱项|措施)"
# (after white space, a full stop or a table's last digit: a crawler's copy runs them together)
_PROBLEMS_BODY_RE = re.compile(
    r"(?m)(?:^|(?<=[。\s#\d]))[（(]一[）)][^\n（(]{0,24}?" + _SUB_CUES
    + r"|^(?:#|[^\S\n])*(?:存在的?主要问题|上年度问题的?整改)")
# the first sub-heading of a 五 body with its words masked (``（一）****``): a 五 only when the
# words after it speak of problems (see ``_PROBLEM_CUE_RE``)
_MASKED_SUB_RE = re.compile(r"(?m)(?:^|(?<=[。\s#\d]))[（(]一[）)][^\n（(。]{0,12}?(?:[*＊]{2,}|[×✕]{2,})")


Role = Literal["rectification", "problems", "measures"]
#: The parts of 五 in the order reports write them (a report has some of them, in this order):
#: last year's problems and their rectification, this year's problems, the measures.
PART_ORDER: tuple[Role, ...] = ("rectification", "problems", "measures")
_ROLE_RES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("rectification", re.compile(r"整改|落实情况")),
    ("measures", re.compile(r"改进|措施|下一步|打算|方向|计划|举措")),
    ("problems", re.compile(r"问题|不足|短板|差距|薄弱|弱项")),
)


@dataclass(frozen=True)
class Part:
    """A sub-heading of 五 and the part it opens.

    ``role`` is read from the sub-heading's words; when a redaction mark hid them
    (``（二）**``), from its place among the others in ``PART_ORDER`` (``inferred``).
    """

    start: int
    heading: str
    role: Role | None
    inferred: bool = False


@dataclass
class Layout:
    """Where the anchors of a report lie (offsets in ``Document.text``)."""

    sections: list[Section] = field(default_factory=list)
    regions: Regions | None = None
    problem_subheadings: list[tuple[int, str]] = field(default_factory=list)
    problem_parts: list[Part] = field(default_factory=list)


@lru_cache(maxsize=1)
def _wordings() -> dict[str, tuple[str, ...]]:
    heads = template("2021").section_headings + template("2019").section_headings
    out: dict[str, tuple[str, ...]] = {}
    for key in SECTION_KEYS:
        own = [_HEAD_NUM_RE.sub("", h) for h in heads if h.startswith(_EXPECTED_NUM[key])]
        out[key] = tuple(dict.fromkeys([*own, *_VARIANTS[key]]))
    return out


@lru_cache(maxsize=1)
def _wording_chars() -> frozenset[str]:
    """Every character of every known wording: a surviving character outside it rules a match out."""
    return frozenset("".join(w for ws in _wordings().values() for w in ws))


@lru_cache(maxsize=1)
def _wording_lines() -> tuple[str, list[int], list[str]]:
    """The known wordings one per line (matched in one pass), where each line starts, its key."""
    lines = [(k, w) for k, ws in _wordings().items() for w in ws]
    starts, at = [], 0
    for _, w in lines:
        starts.append(at)
        at += len(w) + 1
    return "\n".join(w for _, w in lines), starts, [k for k, _ in lines]


_SPACE_HASH_RE = re.compile(r"[\s#]")


def masked_heading_key(heading: str) -> tuple[str, str | None] | None:
    """Which section a heading with a redaction mark can be, and its numeral if it survives.

    The surviving characters must read, in order, as one of the known wordings of exactly
    one section (a mark matches any run of characters, the 、 after the numeral included);
    a surviving numeral picks among several such sections.  At least two Chinese characters
    of the wording must survive.
    """
    h = _SPACE_HASH_RE.sub("", heading)
    h = MASK_RE.sub(_MASK_MARK, h)
    if _MASK_MARK not in h:
        return None
    num = None
    m = _HEAD_NUM_RE.match(h)
    if m:
        num = m.group("num")
        h = h[m.end():]
    parts = h.split(_MASK_MARK)
    survived = "".join(parts)
    if not _wording_chars().issuperset(survived) or len(_CJK_RE.findall(survived)) < 2:
        return None
    lines, starts, keys = _wording_lines()
    # every wording that reads as the surviving parts in order (``.`` stays within a line)
    pat = re.compile("(?m)^" + ".{0,24}?".join(re.escape(p) for p in parts) + "$")
    hits = list(dict.fromkeys(keys[bisect_right(starts, w.start()) - 1] for w in pat.finditer(lines)))
    if num is not None and len(hits) > 1:
        hits = [k for k in hits if _EXPECTED_NUM[k] == num]
    return (hits[0], num) if len(hits) == 1 else None


def _score(key: str, num: str | None, *, line: bool) -> float:
    """A numeral in its place weighs most; a masked or shifted one less; inline less than a line."""
    s = 2.2 if num == _EXPECTED_NUM[key] else (2.0 if num is None else 1.6)
    return s if line else s - 0.4


def _masked_candidates(text: str) -> list[_Cand]:
    cands = []
    for m in _MASKED_LINE_RE.finditer(text):
        h = m.group("h").rstrip()
        if not MASK_RE.search(h):
            continue
        hit = masked_heading_key(h)
        if hit is None:
            continue
        cands.append(_Cand(hit[0], m.start("h"), m.start("h") + len(h), h, _score(*hit, line=True)))
    return cands


_BOUNDARY = frozenset("。；;：:！？!?）)|")


def _at_boundary(text: str, i: int) -> bool:
    """Whether a heading may begin at ``i``: the text's start, or after white space (a form
    feed too), a digit of a table cell (full-width too) or a closing mark."""
    if i <= 0:
        return True
    ch = text[i - 1]
    return ch.isspace() or ch.isdigit() or ch in _BOUNDARY


_ENDS = frozenset(w[-1] for ws in _VARIANTS.values() for w in ws) | frozenset("况项施述")
_DELIM = "。，,；;|\n"
# before a mark, the numerals that may start a heading (within 17 characters, after the last
# delimiter); after it, the characters that may end a wording (within 24, before a delimiter)
_NUMERAL_RE = re.compile(f"[{_NUMERALS}]")
_AFTER_RE = re.compile(f"[^{_DELIM}]{{0,24}}")
_END_RE = re.compile(f"[{''.join(sorted(_ENDS))}]")


@lru_cache(maxsize=1)
def _surviving_run() -> re.Pattern[str]:
    """A run of characters that can stand in a masked heading: those of the wordings, marks,
    white space and ``#`` (a heading ends before any other character)."""
    return re.compile("[" + re.escape("".join(sorted(_wording_chars() | set("*＊×✕#")))) + "\\s]*")


def _inline_candidates(text: str) -> list[_Cand]:
    """Masked headings run into the text around them (crawler copies): bounded by the wording."""
    cands = []
    run = _surviving_run()
    for m in MASK_RE.finditer(text):
        ms, me = m.start(), m.end()
        hi = _AFTER_RE.match(text, me).end()  # type: ignore[union-attr]  # {0,24} always matches
        # a character outside a wording ends the heading before it
        stop = run.match(text, me, hi).end()  # type: ignore[union-attr]  # * always matches
        starts = [ms]
        for j in reversed([n.start() for n in _NUMERAL_RE.finditer(text, max(0, ms - 17), ms)]):
            if any(text[k] in _DELIM for k in range(j + 1, ms)):
                break
            if _at_boundary(text, j) or j == ms - 1 or text[j + 1] in "、．.":
                starts.append(j)
        ends = [me] + [e.end() for e in _END_RE.finditer(text, me, stop)]
        for st in starts:
            # at least two Chinese characters must survive (see masked_heading_key)
            hit = next(((en, h) for en in reversed(ends)
                        if len(_CJK_RE.findall(text, st, en)) >= 2 and (h := masked_heading_key(text[st:en]))),
                       None)
            # a mark run into the word before it stands for a heading's numeral only when the
            # whole wording survives after it (``…432.52元××收到和处理政府信息公开申请情况``)
            if hit is not None and st == ms and not _at_boundary(text, st) \
                    and text[me:hit[0]] not in _wordings()[hit[1][0]]:
                hit = None
            if hit is not None:
                en, (key, num) = hit
                cands.append(_Cand(key, st, en, text[st:en], _score(key, num, line=False)))
                break
    return cands


def _chain(text: str) -> list[Section]:
    cands = _candidates(text)
    if MASK_RE.search(text):
        have = {(c.start, c.key) for c in cands}
        for c in _masked_candidates(text) + _inline_candidates(text):
            if (c.start, c.key) not in have:
                have.add((c.start, c.key))
                cands.append(c)
        cands.sort(key=lambda c: (c.start, -c.score))
    chain = _best_chain(cands)
    return [Section(c.key, c.heading, c.start, c.end,
                    chain[i + 1].start if i + 1 < len(chain) else len(text))
            for i, c in enumerate(chain)]


def _infer_problems(text: str, secs: list[Section], after: int, *, table4: bool = False) -> int | None:
    """Insert a 五 found without its heading between 四 (or table 四) and 六; its start.

    The body is a sub-heading ``（一）…问题/改进/整改/不足`` (or ``（一）****`` with its words
    masked, followed by words of problems) or, when ``table4`` says that
    ``after`` is where table 四 begins, the first prose after the table's numbers whose
    opening speaks of problems (``仍存在…不足``, ``有待``, ``差距`` …).
    """
    keys = [s.key for s in secs]
    if "problems" in keys or "appeals" not in keys:
        return None
    ap = secs[keys.index("appeals")]
    lo = max(ap.body_start, after)
    m = _PROBLEMS_BODY_RE.search(text, lo, ap.end)
    if m is None and (masked := _MASKED_SUB_RE.search(text, lo, ap.end)) is not None \
            and _PROBLEM_CUE_RE.search(text, masked.end(), min(ap.end, masked.end() + 300)):
        m = masked
    if m is not None:
        start = m.start() + (len(m.group()) - len(m.group().lstrip("#\n\t 。")))
    elif table4 and (p := _prose_after_table(text, max(ap.body_start, after), ap.end)) is not None:
        start = p
    else:
        return None
    secs.insert(keys.index("appeals") + 1, Section("problems", None, start, start, ap.end, inferred=True))
    ap.end = start
    return start


# prose: a run of words (a year may lead it, a redaction mark may stand for its first words)
# reaching a clause mark, no cell bar, no digit
_PROSE_RE = re.compile(r"(?:(?:19|20)\d{2}\s*年度?\s*[，,]?\s*)?(?:[\u4e00-\u9fff“]|[*＊×]{2,})[^|\d]{3,60}?[，。：；]")
_DIGIT_RE = re.compile(r"\d")
_PROBLEM_CUE_RE = re.compile(r"问题|不足|差距|薄弱|短板|有待|仍需|尚需|不够|欠缺|需要加强|改进|整改")
#: table 四 prints 15 cells, each of at least one digit; a few may be blank.  Digits, not runs
#: of digits, are counted: a crawler's copy runs the cells together (``000000000000000``).
_T4_MIN_DIGITS = 10


def _prose_after_table(text: str, start: int, end: int) -> int | None:
    """Where the first prose after table 四's numbers begins, when it speaks of problems."""
    for m in _PROSE_RE.finditer(text, start, end):
        if len(_DIGIT_RE.findall(text, start, m.start())) < _T4_MIN_DIGITS:
            continue
        return m.start() if _PROBLEM_CUE_RE.search(text, m.start(), min(end, m.start() + 300)) else None
    return None


def _body(text: str, s: Section) -> str:
    """The text of a section; that of 五, which statements are read from, unwrapped where PDF
    text broke its lines (:func:`ogi.normalize.unwrap_lines`)."""
    body = _clean_body(text[s.body_start:s.end])
    if s.key != "problems" or "\n" not in body:
        return body
    # the body's first line shares its line with the heading unless a line break comes first
    first = text.find(body[:1], s.body_start)
    if "\n" in text[s.body_start:first]:
        return unwrap_lines(body)
    line_start = text.rfind("\n", 0, s.body_start) + 1
    return unwrap_lines(body, lead=display_width(text[line_start:s.body_start]))


_SUBHEAD_RE = re.compile(r"(?m)(?:^|(?<=[。\s#]))[（(][一二三四五六][）)][^\n。；;]{0,30}")


def place_sections(text: str, *, after: int = 0) -> list[Section]:
    """The sections of ``text`` alone (no tables); a lost 五 is looked for after ``after``."""
    secs = _chain(text)
    _infer_problems(text, secs, after)
    for s in secs:
        s.text = _body(text, s)
    return secs


def find_sections(text: str, *, tables_end: int | None = None) -> list[Section]:
    """The six sections of a report, in order; missing ones are absent (no tables placed).

    Args:
        text: ``Document.text``.
        tables_end: end of table 四, if known: a section 五 body whose heading was lost
            in conversion is looked for after it.
    """
    return place_sections(text, after=tables_end or 0)


def place(text: str, *, tables: bool = True) -> Layout:
    """All anchors of ``text`` in one pass.

    Args:
        text: ``Document.text``.
        tables: place the regions of tables 二/三/四 (national formats only).
    """
    secs = _chain(text)
    regions = None
    if tables:
        pos = {s.key: s.start for s in secs}
        regions = find_table_regions(text, proactive_at=pos.get("proactive"),
                                     appeals_at=pos.get("appeals"), problems_at=pos.get("problems"))
    t4 = regions.t4 if regions is not None else None
    inferred = _infer_problems(text, secs, t4[0] if t4 else 0, table4=t4 is not None)
    if regions is not None and t4 is not None and inferred is not None and inferred < t4[1]:
        regions = replace(regions, t4=(t4[0], inferred))  # table 四 ends where 五 begins
    for s in secs:
        s.text = _body(text, s)
    prob = next((s for s in secs if s.key == "problems"), None)
    subs = ([(m.start(), m.group().strip())
             for m in _SUBHEAD_RE.finditer(text, prob.body_start, prob.end)] if prob else [])
    return Layout(secs, regions, subs, _parts(subs))


def _parts(subs: list[tuple[int, str]]) -> list[Part]:
    """The parts of 五 its sub-headings open; a masked one takes the role its place leaves."""
    heads = [re.split(r"[：:]", h, maxsplit=1)[0] for _, h in subs]
    roles: list[Role | None] = [next((r for r, rx in _ROLE_RES if rx.search(MASK_RE.sub("", h))), None)
                                for h in heads]
    guessed = [False] * len(heads)
    rank = {r: i for i, r in enumerate(PART_ORDER)}
    for i, h in enumerate(heads):
        if roles[i] is not None or not MASK_RE.search(h):
            continue
        before = max((rank[r] for r in roles[:i] if r is not None), default=-1)
        after = min((rank[r] for r in roles[i + 1:] if r is not None), default=len(PART_ORDER))
        if after - before < 2:
            continue  # no part is left between its neighbours
        # the part just before the next known one, else the one after the last known one
        k = after - 1 if after < len(PART_ORDER) else (before + 1 if before >= 0 else None)
        if k is not None:
            roles[i], guessed[i] = PART_ORDER[k], True
    return [Part(st, h, r, g) for (st, _), h, r, g in zip(subs, heads, roles, guessed)]
