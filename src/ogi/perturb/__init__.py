"""ogi's own damage suite: the copies real corpora give, made from clean reports, gold kept valid.

Damages (:mod:`ogi.perturb.damages`) turn a report's :class:`~ogi.document.Document` into the
copy a real corpus gives — masked headings, row labels and narrative, a lost 五 heading, 五
as one paragraph, PDF wraps with footers and form feeds, full-width digits, all at once —
and its gold into the gold that still holds for that copy; :func:`evaluate_perturbed` scores
the parser on every damage next to the clean score.

Example:
    >>> from ogi.perturb import perturb_text
    >>> perturb_text("一、总体情况\\n2024年，共收到申请4件。", "fullwidth_digits").splitlines()[1]
    '２０２４年，共收到申请４件。'
"""

from __future__ import annotations

from ogi.perturb._layout import VARIANTS, render_one_paragraph
from ogi.perturb.damages import COMBINED, DAMAGES, Damaged, DamageName, damage_document, perturb_text
from ogi.perturb.scoring import METRICS, TOLERANCE, evaluate_perturbed

__all__ = ["COMBINED", "DAMAGES", "METRICS", "TOLERANCE", "VARIANTS", "DamageName", "Damaged", "damage_document",
           "evaluate_perturbed", "perturb_text", "render_one_paragraph"]
