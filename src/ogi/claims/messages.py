"""``TEXT-LINK`` findings: a narrative number that contradicts the table cell it states.

Example:
    >>> from ogi.record import Claim
    >>> c = Claim("收到申请5件", 5, unit="件", verdict="mismatch", target="table3.new_received.total",
    ...           table_value=4)
    >>> text_link_findings([c])[0].message
    'the narrative says 「收到申请5件」 (5件); the table gives 4'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ogi.record import Claim, Finding, target_paths

__all__ = ["text_link_findings"]


def text_link_findings(claims: Sequence[Claim]) -> list[Finding]:
    """A ``TEXT-LINK`` finding for every claim whose verdict is ``mismatch``.

    Args:
        claims: claims from :func:`extract_claims`.

    Returns:
        Findings shaped like the table checks' (rule, severity, cells, expected, actual,
        message): ``expected`` is the table value, ``actual`` the narrative number.

    Example:
        >>> c = Claim("予以公开及部分公开258件", 258, unit="件", verdict="mismatch",
        ...           target="table3.granted.total+table3.partial.total", table_value=275)
        >>> f = text_link_findings([c])[0]
        >>> f.cells, f.expected
        (['table3.granted.total', 'table3.partial.total'], 275)
    """
    out: list[Finding] = []
    for c in claims:
        if c.verdict != "mismatch":
            continue
        if c.target:
            cells_ = target_paths(c.target)
        elif c.ratio:
            cells_ = target_paths(c.ratio["numerator"]) + target_paths(c.ratio["denominator"])
        else:
            continue
        out.append(Finding("TEXT-LINK", "warning", cells_, _text_link_message(c), expected=c.table_value,
                           actual=c.value))
    return out


# a line break inside a quote is the layout of the source (a PDF line), not text: dropped
# between two Chinese characters, one space elsewhere
_BREAK_CJK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s*[\r\n]+\s*(?=[\u3000-\u9fff\uff00-\uffef])")
_BREAK = re.compile(r"\s*[\r\n]+\s*")


def _one_line(quote: str) -> str:
    return _BREAK.sub(" ", _BREAK_CJK.sub("", quote)).strip()


def _text_link_message(c: Claim) -> str:
    """What a TEXT-LINK finding says, in words only (no Python value: ``None``, quotes, breaks)."""
    msg = f"the narrative says 「{_one_line(c.quote)}」 ({c.value}{c.unit or ''}); "
    if c.table_value is not None:
        msg += f"the table gives {c.table_value}"
    else:  # judged against the readings of an ambiguous cell, and fits none of them
        msg += f"the table cell could not be read with certainty and none of its possible readings is {c.value}"
    if c.matched_target:
        msg += f"; the number fits {c.matched_target} instead"
    return msg
