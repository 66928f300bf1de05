"""Section 五 cut into pieces: sentences, clauses and enumerated items, with their markers.

The first pass of :mod:`ogi.nlp.statements`: a piece ends at a sentence end, a ``；``, a colon, a
line that is a sub-heading or empty, or the next enumeration marker (``一是``, ``（一）``, ``1.``,
``①``, ``首先，`` …, where the character before allows one).  Sub-headings (``（一）主要问题``)
are recognised here too, with the kind they announce.

Example:
    >>> piece_starts("一是培训不足；二是更新不及时。")
    [0, 7]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ogi.nlp.cues import HEAD_BOTH, HEAD_IMPROVE, HEAD_PROBLEM

__all__ = ["piece_starts"]

Hint = Literal["problem", "improvement"] | None



_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "然后": 3, "最后": 9}
_MARKER_RE = re.compile(
    r"(?P<shi>[一二三四五六七八九十]{1,3}是)"
    r"|(?P<mshi>[二三四五六七八九十]{1,2}(?=[*＊×]{2}))"  # 三是 with its 是 masked (三****新媒体…)
    r"|(?P<paren>[（(][ \t\u3000]*[一二三四五六七八九十]{1,3}[ \t\u3000]*[)）])"
    r"|(?P<pdigit>[（(][ \t\u3000]*\d{1,2}[ \t\u3000]*[)）])"
    r"|(?P<digit>\d{1,2}[ \t\u3000]*[.．、](?!\d))"
    r"|(?P<digit2>\d{1,2}[)）])"
    r"|(?P<circ>[①②③④⑤⑥⑦⑧⑨⑩])"
    r"|(?P<ordinal>首先|其次|再次|然后|最后)(?=[，,：:])"
    r"|(?P<di>第[一二三四五六七八九十]{1,3})(?=[，,、：:])"
    r"|(?P<cn>[一二三四五六七八九十]{1,3}、)"
)
_BOUNDARY = set("\n。；;：:！？!?")
_SKIP_BACK = set(" \t\u3000#>")
_TERMINAL = set("。！？!?")
_SOFT = set("；;")
_COLON = set("：:")
_CLOSERS = set("”’」』）)】\"'")



def _marker_number(style: str, marker: str) -> int:
    if style in ("shi", "paren", "cn", "di"):
        digits = [c for c in marker if c in _CN_DIGITS]
        if not digits:
            return 0
        if len(digits) == 1:
            return _CN_DIGITS[digits[0]]
        if digits[0] == "十":  # 十一, 十二
            return 10 + _CN_DIGITS.get(digits[1], 0)
        if len(digits) >= 2 and digits[1] == "十":  # 二十, 二十一
            return _CN_DIGITS[digits[0]] * 10 + (_CN_DIGITS.get(digits[2], 0) if len(digits) > 2 else 0)
        return _CN_DIGITS[digits[0]]
    if style in ("pdigit", "digit", "digit2"):
        return int(re.sub(r"\D", "", marker) or 0)
    if style == "circ":
        return _CIRCLED.index(marker) + 1
    if style == "ordinal":
        return _ORDINALS[marker]
    return 0


def _style_family(style: str) -> str:
    # 1. / 1、 / 1） are one family (careless reports mix them); so are （1） and 1）
    return {"digit2": "digit", "pdigit": "pdigit"}.get(style, style)


@dataclass(slots=True)
class _Marker:
    style: str
    text: str
    number: int
    end: int  # offset after the marker


def _marker_at(text: str, i: int) -> _Marker | None:
    m = _MARKER_RE.match(text, i)
    if m is None:
        return None
    style = m.lastgroup or ""
    j = i - 1
    while j >= 0 and text[j] in _SKIP_BACK:
        j -= 1
    if j >= 0:
        prev = text[j]
        ok = prev in _BOUNDARY or (style == "shi" and prev in "，,")
        if not ok or (style == "mshi" and prev in _COLON):
            return None
    elif style == "mshi":
        return None
    style = "shi" if style == "mshi" else style
    marker = m.group(0)
    return _Marker(style=style, text=marker, number=_marker_number(style, marker.strip()), end=m.end())


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    text: str
    marker: _Marker | None
    para_before: bool
    ends: str  # "terminal", "soft", "colon", "newline" or "marker"/"eot"


def _heading_hint(body: str) -> tuple[bool, Hint]:
    body = re.sub(r"[\s：:。.；;、]+$", "", body.strip())
    body = re.sub(r"^[、.．\s]+", "", body)
    if not body or len(body) > 24:
        return False, None
    if HEAD_BOTH.match(body):
        return True, None
    if HEAD_PROBLEM.match(body):
        return True, "problem"
    if HEAD_IMPROVE.match(body):
        return True, "improvement"
    return False, None


def _is_heading(text: str, marker: _Marker | None, start: int) -> tuple[bool, Hint]:
    body = text[marker.end - start:] if marker is not None else text
    return _heading_hint(body)


def _split_pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    n = len(text)
    i = 0
    gap_has_newline = False
    while i < n:
        # skip white space and markdown heading marks between pieces
        while i < n and (text[i].isspace() or text[i] in "#>"):
            if text[i] == "\n":
                gap_has_newline = True
            i += 1
        if i >= n:
            break
        start = i
        marker = _marker_at(text, i)
        j = marker.end if marker else i
        ends = "eot"
        end = n
        while j < n:
            c = text[j]
            if c in _TERMINAL or c in _SOFT or (c in _COLON and not (
                    c == ":" and 0 < j < n - 1 and text[j - 1].isdigit() and text[j + 1].isdigit())):
                k = j + 1
                while k < n and (text[k] in _CLOSERS or text[k] in _TERMINAL):
                    k += 1
                end = k
                ends = "terminal" if c in _TERMINAL else ("soft" if c in _SOFT else "colon")
                break
            if c == "\n":
                line = text[start:j]
                if _is_heading(line, marker, start)[0] or not line.strip():
                    end = j
                    ends = "newline"
                    break
            if j > start and _marker_at(text, j) is not None:
                end = j
                ends = "marker"
                break
            j += 1
        # trim trailing white space of the piece
        e = end
        while e > start and text[e - 1].isspace():
            e -= 1
        if e > start:
            pieces.append(_Piece(start, e, text[start:e], marker, gap_has_newline and bool(pieces), ends))
        gap_has_newline = False
        i = end
    return pieces


def piece_starts(text: str) -> list[int]:
    """Offsets where the segmenter's pieces start: sentences, clauses and list items.

    Example:
        >>> piece_starts("一是培训不足；二是更新不及时。")
        [0, 7]
    """
    return [p.start for p in _split_pieces(text)]
