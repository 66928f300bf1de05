"""Claims: the numbers the narrative states, linked to the table cells and judged.

Reports state their numbers twice, in prose (``全年共收到政府信息公开申请4件``) and in the
tables; whether the two agree measures reporting quality.  :func:`extract_numbers` finds the
stated numbers (numerals of every form, hedges, units, negations as zero), :func:`extract_claims`
links each to the cell or sum of cells it counts (``resources/claims/links-v1.json``, per
template version) and gives a verdict — ``match``, ``approx``, ``mismatch`` or
``unverifiable`` — and :func:`text_link_findings` turns mismatches into ``TEXT-LINK``
findings.  :func:`evaluate_claims` scores claims against gold annotations.

Example:
    >>> from ogi.claims import extract_numbers
    >>> [(n.value, n.unit, n.approx) for n in extract_numbers("发布资讯两千余条，收到申请4件。")]
    [(2000, '条', True), (4, '件', False)]
"""

from __future__ import annotations

from ogi.claims.link import (
           LINKS_NAME,
           claims_from_parts,
           extract_claims,
           link_table,
           text_link_findings,
)
from ogi.claims.numbers import (
           Number,
           chinese_to_number,
           extract_numbers,
           normalize_narrative,
)
from ogi.claims.score import evaluate_claims

__all__ = [
           "LINKS_NAME",
           "Number",
           "chinese_to_number",
           "claims_from_parts",
           "evaluate_claims",
           "extract_claims",
           "extract_numbers",
           "link_table",
           "normalize_narrative",
           "text_link_findings",
]
