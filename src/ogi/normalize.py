"""Normalisation for matching, with a map back to the original offsets.

The recipe of template-spec §8.1: Unicode NFKC, quotes dropped, white space inside labels
deleted.  White space is *kept* (as one space) where it separates numbers, and cell and
line boundaries are kept as ``|`` and ``\\n``, because in flattened tables they are the only
evidence of where one cell ends and the next begins.  ``Normalized.offsets[i]`` is the
offset in the original text of normalised character ``i``, so every match can be quoted
from the original.

Example:
    >>> n = normalize_stream("商业 企业 | 科研\\n机构 3 0")
    >>> n.text
    '商业企业|科研\\n机构 3 0'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Normalized", "normalize_stream", "norm", "MASK_RE", "count_masked", "fits_masked", "drop_page_lines",
           "unwrap_lines", "display_width", "footer_pattern"]

_QUOTES = set("“”\"'‘’「」『』")
_SPACES = set(" \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff")
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff")
_DIGITISH = set("0123456789.")
# Characters NFKC leaves as they are and the loop of normalize_stream treats as plain text
# (tests check both for every character of the class).
_PLAIN_RUN = re.compile(r"[0-9A-Za-z\u4e00-\u9fff.,;:()%/+\-=_<>\[\]{}\u3001\u3002\u300a\u300b]+")


def footer_pattern(sp: str = r"[ \t]*") -> str:
    """The words of a page footer of PDF text, as a regex: ``- 3 -``, ``— 3 —``, ``第 3 页``,
    ``第3页 共8页``, ``第3页/共8页``, ``共8页 第3页`` (full-width marks too).

    One definition for every reader of footers (tables, section texts, claims); ``sp`` matches
    the space between the footer's parts (bounded where the pattern sits inside a repetition).

    Example:
        >>> bool(re.fullmatch(footer_pattern(), "第 3 页 共 8 页")), bool(re.fullmatch(footer_pattern(), "第三页"))
        (True, False)
    """
    n = r"\d{1,4}"
    # an optional separator takes the space before it, so that two runs of ``sp`` never touch
    # (adjacent runs split a line of n spaces in n^2 ways: see _RULE_LINE_RE)
    return (rf"[-—–－~]{{1,2}}{sp}{n}{sp}[-—–－~]{{1,2}}"
            rf"|第{sp}{n}{sp}页(?:(?:{sp}[,，/／])?{sp}共{sp}{n}{sp}页)?"
            rf"|共{sp}{n}{sp}页(?:{sp}[,，])?{sp}第{sp}{n}{sp}页")


_PAGE_LINE_RE = re.compile(rf"[ \t]*(?:{footer_pattern()})[ \t]*(?:\n|$)")
# The same lines as ``[ \t]*\|?(?:[ \t]*:?[-=]{3,}:?[ \t]*\|)*[ \t]*:?[-=]{3,}:?[ \t]*\|?[ \t]*``,
# written so that no two runs of [ \t]* touch: adjacent runs split a line of n spaces in
# n^2 ways and a line of 100,000 spaces took minutes (robustness fix, issue 7).
_RULE_LINE_RE = re.compile(
    r"[ \t]*(?:\|[ \t]*)?(?::?[-=]{3,}:?[ \t]*\|[ \t]*)*:?[-=]{3,}:?[ \t]*(?:\|[ \t]*)?(?:\n|$)")

# a page footer of PDF text on a line of its own, and the form feed of the page break beside it:
# ``- 3 -``, ``— 3 —``, ``第 3 页``, ``第3页 共8页``, ``第3页/共8页``, ``共8页 第3页`` (full-width too)
_FOOTER_LINE_RE = re.compile(rf"(?m)^[ \t\f\u3000]*(?:{footer_pattern()})[ \t\f\u3000]*(?:\n|$)")

#: redaction marks: runs of two or more asterisks (half or full width) or ×× (✕✕).  Written as
#: one mark followed by more of its kind (``[*＊]{2,}|[×✕]{2,}``), so that the engine scans for the
#: first mark's character class: five times faster on a redacted report.
MASK_RE = re.compile(r"[*＊×✕](?:(?<=[*＊])[*＊]+|(?<=[×✕])[×✕]+)")


def fits_masked(text: str, label: str) -> bool:
    """Whether ``text`` is ``label`` with part of it masked: each mask run stands for one or
    more characters, and at least two characters of the label survive.

    Example:
        >>> fits_masked("结＊＊持", "结果维持"), fits_masked("其****果", "其他结果"), fits_masked("结**", "结果维持")
        (True, True, False)
    """
    parts = MASK_RE.split(text)
    if len(parts) < 2 or sum(len(p) for p in parts) < 2:
        return False
    return re.fullmatch(".+".join(re.escape(p) for p in parts), label) is not None


def drop_page_lines(text: str) -> str:
    """``text`` without the page footers of PDF text (lines of their own) and form feeds.

    Example:
        >>> drop_page_lines("强化组\\n第 8 页 共 9 页\\n\\f织领导")
        '强化组\\n织领导'
    """
    if "页" not in text and "\f" not in text and not any(c in text for c in "-—–－"):
        return text
    return _FOOTER_LINE_RE.sub("", text).replace("\f", "")


#: a hard-wrapped text has lines of at most this width (CJK characters; ASCII counts half)
_MAX_WRAP_WIDTH = 60
#: a line this share of the wrap width or wider was cut by the wrap, not ended by the writer
_FULL_LINE = 0.85
_LINE_END = frozenset("。！？!?；;：:")


# code points whose East Asian width is W or F (CJK ideographs and radicals, CJK punctuation,
# full-width forms): counted without a per-character lookup
_SURE_WIDE_RE = re.compile("[\u2e80-\u2ffb\u3001-\u303e\u3400-\u4dbf\u4e00-\u9fff"
                           "\uff01-\uff60\uffe0-\uffe6]+")


def display_width(line: str) -> float:
    """Width of ``line`` in CJK characters (wide and full-width count 1, others half; spaces 0).

    Example:
        >>> display_width("第1条 规定"), display_width("")
        (4.5, 0.0)
    """
    s = "".join(line.split())  # str.split() drops exactly the characters str.isspace() names
    rest = _SURE_WIDE_RE.sub("", s)
    wide = float(len(s) - len(rest))
    if rest.isascii():
        return wide + 0.5 * len(rest)
    return wide + sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in rest)


def unwrap_lines(text: str, *, lead: float = 0.0) -> str:
    """``text`` with the hard line breaks of PDF text joined, other line breaks kept.

    A text is hard-wrapped when at least half of its lines (four or more) are about as wide
    as its widest lines, those are at most ``_MAX_WRAP_WIDTH`` wide, and hardly any line is
    wider.  Then a line break after
    a full line is the wrap's, unless the line ends a sentence or a clause; a short line (a
    sub-heading, a paragraph's last line) keeps its break.  So a sub-heading or an enumerator
    the wrap cut (``（二）改进措\\n施：``, ``三\\n是``) reads whole again.

    Args:
        text: a section body.
        lead: width of what precedes the first line on its line (the heading before a body).

    Example:
        >>> t = ("一是培训不够，能力有待提升，工作人\\n员流动较大；二是考核不严，整改\\n"
        ...      "不够彻底；三是平台建设滞后，检\\n索不便。\\n（二）改进措施\\n加强培训。")
        >>> out = unwrap_lines(t).splitlines()
        >>> len(out), out[1], "工作人员流动" in out[0] and "检索不便" in out[0]
        (3, '（二）改进措施', True)
    """
    lines = text.split("\n")
    if len(lines) < 4:
        return text
    widths = [display_width(x) for x in lines]
    widths[0] += lead
    top = sorted(widths, reverse=True)[2]
    # no line of a wrapped text is much wider than its wrap (a few may be: a table row, a URL)
    if not 8 <= top <= _MAX_WRAP_WIDTH or sum(w > 1.15 * top for w in widths) * 10 > len(lines):
        return text
    full = [w >= _FULL_LINE * top for w in widths]
    if sum(full) * 2 < len(lines):
        return text
    out = [lines[0]]
    for prev_full, prev, line in zip(full, lines, lines[1:]):
        if prev_full and prev.rstrip() and prev.rstrip()[-1] not in _LINE_END and line.strip():
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def count_masked(text: str) -> int:
    """Characters hidden behind redaction marks (``**``, ``****``, ``＊＊``, ``××``)."""
    return sum(len(m.group()) for m in MASK_RE.finditer(text))


@dataclass(slots=True)
class Normalized:
    text: str
    offsets: list[int]  # original offset of each character of text
    base: int = 0

    def orig(self, i: int) -> int:
        """Original offset of normalised position ``i`` (end positions allowed)."""
        if not self.offsets:
            return self.base
        if i >= len(self.offsets):
            return self.offsets[-1] + 1
        return self.offsets[i]


_nfkc_cache: dict[str, str] = {}


def _nfkc(ch: str) -> str:
    r = _nfkc_cache.get(ch)
    if r is None:
        r = unicodedata.normalize("NFKC", ch)
        if ch in "×✕":
            r = "*"
        elif ch == "＊":
            r = "*"
        _nfkc_cache[ch] = r
    return r


def normalize_stream(text: str, start: int = 0, end: int | None = None) -> Normalized:
    """Normalise ``text[start:end]`` for table parsing (see module docstring).

    Cell separators ``|`` and tabs become ``|``; a line break becomes ``\\n`` unless it
    falls between two characters of a wrapped label; other white space survives as one
    space only next to a digit.
    """
    end = len(text) if end is None else end
    out: list[str] = []
    offs: list[int] = []
    pending_space = -1  # original offset of a run of spaces not yet emitted
    pending_nl = -1
    line_piped = False
    table_break = False
    i = start
    while i < end:
        ch = text[i]
        if (i == start or text[i - 1] == "\n") and ch in "|-:=—–第 \t":
            # a markdown table rule (|---|:---:|) or a page number (- 4 -, 第4页) carries no cell
            m = _RULE_LINE_RE.match(text, i, end) or _PAGE_LINE_RE.match(text, i, end)
            if m:
                i = m.end()
                if pending_nl < 0 and i > start and text[i - 1] == "\n":
                    pending_nl = i - 1
                continue
        if ch in _SPACES and ch != "\t":
            if pending_space < 0:
                pending_space = i
            i += 1
            continue
        if ch == "\n" or ch == "\r":
            if pending_nl < 0:
                pending_nl = i
                # a line break next to a table row always separates rows
                nxt = text.find("\n", i + 1, end)
                nxt_line = text[i + 1: nxt if nxt >= 0 else end]
                table_break = line_piped or "|" in nxt_line or "\t" in nxt_line
            line_piped = False
            i += 1
            continue
        if ch in _ZERO_WIDTH or ch in _QUOTES or ch == "#":
            i += 1
            continue
        if ch == "\t" or ch == "|" or ch == "｜":
            # a hard cell boundary swallows the white space around it
            line_piped = True
            pending_space = -1
            if pending_nl >= 0 and (not out or out[-1] != "\n"):
                out.append("\n")
                offs.append(pending_nl)
            pending_nl = -1
            out.append("|")
            offs.append(i)
            i += 1
            continue
        n = _nfkc(ch)
        if not n:
            i += 1
            continue
        first = n[0]
        prev = out[-1] if out else ""
        if pending_nl >= 0:
            # keep the line break unless it wraps a label between two letters
            if prev and not table_break and prev not in "|\n" \
                    and not (prev in _DIGITISH or first in _DIGITISH) \
                    and _is_letter(prev) and _is_letter(first):
                pass
            elif prev and prev != "\n":
                out.append("\n")
                offs.append(pending_nl)
            pending_nl = -1
            pending_space = -1
            prev = out[-1] if out else ""
        if pending_space >= 0:
            if prev and prev not in "|\n " and (prev.isdigit() or first.isdigit()
                                                or prev == "-" or first in "-—/"):
                out.append(" ")
                offs.append(pending_space)
            pending_space = -1
        for c in n:
            if c in _SPACES:
                continue
            out.append(c)
            offs.append(i)
        i += 1
        # characters that need none of the above (no pending break or space is left after a
        # character) are copied in one run
        m = _PLAIN_RUN.match(text, i, end)
        if m is not None:
            j = m.end()
            out.extend(m.group())
            offs.extend(range(i, j))
            i = j
    if pending_nl >= 0 and out and out[-1] != "\n":
        out.append("\n")
        offs.append(pending_nl)
    return Normalized(text="".join(out), offsets=offs, base=start)


def _is_letter(ch: str) -> bool:
    return not (ch in _DIGITISH or ch in "|\n -")


_WS_RE = re.compile(r"\s+")
_DROP = {ord(c): None for c in _QUOTES | _ZERO_WIDTH}


def norm(s: str) -> str:
    """Normalise a short string for comparison: NFKC, no white space, no quotes."""
    s = unicodedata.normalize("NFKC", s)
    s = _WS_RE.sub("", s)
    return s.translate(_DROP)
