"""Where tables 二, 三 and 四 sit in the text of a report (original offsets)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Regions", "find_table_regions"]


@dataclass
class Regions:
    """``(start, end)`` of each table in ``Document.text``, ``None`` when it was not found."""

    t2: tuple[int, int] | None
    t3: tuple[int, int] | None
    t4: tuple[int, int] | None


_T3_START_RE = re.compile(r"勾\s*稽\s*关\s*系|申\s*请\s*人\s*情\s*况|本\s*年\s*新\s*收")
_T2_START_RE = re.compile(r"第\s*二\s*十\s*条|信\s*息\s*内\s*容[\s|]*(?:本\s*年|上\s*一\s*年|采\s*购)")
_PROBLEMS_RE = re.compile(r"存在的?主要问题|主要问题及改进|存在问题|(?:\(|（)一(?:\)|）)\s*(?:存在的)?主要问题")
_CARRIED_FORWARD_RE = re.compile(r"结\s*转\s*下\s*一?\s*年\s*度")
_REVIEW_RE = re.compile(r"行\s*政\s*复\s*议")


def find_table_regions(text: str, *, appeals_at: int | None = None,
                       problems_at: int | None = None, proactive_at: int | None = None) -> Regions:
    """Where tables 二, 三 and 四 sit in ``text`` (original offsets).

    Args:
        text: ``Document.text``.
        appeals_at, problems_at, proactive_at: where the sections 四 (appeals), 五 (problems)
            and 二 (proactive disclosure) start, when the layout found them.
    """
    t2s = None
    m2 = _T2_START_RE.search(text, proactive_at or 0)
    if m2 is None and proactive_at is not None:
        m2 = _T2_START_RE.search(text)
    if m2:
        t2s = m2.start()
    search_from = t2s if t2s is not None else (proactive_at or 0)
    m3 = _T3_START_RE.search(text, search_from)
    t3s = m3.start() if m3 else None
    anchor = t3s if t3s is not None else search_from
    t4s = _table4_start(text, anchor, appeals_at)
    end_all = problems_at if problems_at is not None and problems_at > (t4s or anchor or 0) else None
    if end_all is None:
        # the problems text may have lost its heading: stop at its first words
        mp = _PROBLEMS_RE.search(text, (t4s or anchor or 0))
        end_all = mp.start() if mp else len(text)
    t2 = (t2s, t3s if t3s is not None else (t4s or end_all)) if t2s is not None else None
    t3 = (t3s, t4s if t4s is not None else end_all) if t3s is not None else None
    t4 = (t4s, end_all) if t4s is not None else None
    return Regions(t2, t3, t4)


def _table4_start(text: str, anchor: int, appeals_at: int | None) -> int | None:
    """Table 四: the appeals section, or after table 三's last row, at its header."""
    if appeals_at is not None and appeals_at > anchor:
        return appeals_at
    m = _CARRIED_FORWARD_RE.search(text[anchor:])
    if m:
        m4 = _REVIEW_RE.search(text[anchor + m.end():])
        if m4:
            return anchor + m.end() + m4.start()
    return None
