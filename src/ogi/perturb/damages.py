"""The damages by name: apply one (or all at once) to a document and its gold, seeded.

Each damage, what it does, and what of the gold it could invalidate and how it stays valid:

- ``mask_headings``: every section heading masked (``****``/``＊＊``/``××``), the mark on the
  numeral's neighbour, in the middle, over the numeral or at the end.  Gold: unchanged; a masked
  heading still heads its section (the seed's gold counts ``二、****政府信息情况``).
- ``mask_some_headings``: two headings masked so.  Gold: unchanged.
- ``mask_row_labels``: 30 % of the labels of tables 二/三/四 masked in part (cells, or tables
  flattened into text).  Gold: unchanged; no digit is touched, nor a label's first or last character.
- ``mask_narrative``: the agency, its places and one 2–4 character span per 120 narrative
  characters masked.  Gold: no quote (nor its sentence), heading, table or count character is
  touched, so claims stay findable and keep their meaning; ``problems_text``, statement texts and
  quotes get the same masks.
- ``lose_problems_heading``: the heading of 五 removed.  Gold: ``sections`` loses ``problems`` (it
  lists headed sections, as for shanghai-stcsm-2024); the body and its statements stay.
- ``problems_one_paragraph``: 五 re-rendered as one paragraph, in one of four variants.  Gold:
  ``problems_text`` becomes the paragraph; each statement text becomes its exact text in it.
- ``pdf_wraps``: hard line breaks in sentences and labels, page footers and form feeds, also inside
  tables.  Gold: unchanged; white space is ignored, the gold leaves footers out, no number is broken.
- ``fullwidth_digits``: ASCII digits and punctuation to full width.  Gold: text fields mapped
  alike; cell and claim values are numbers.
- ``combined``: all of them but the lost heading, in the order of ``COMBINED``; each step's rule.

Example:
    >>> from ogi.read import read_text
    >>> doc = read_text("一、总体情况\\n2024年，共收到申请4件。")
    >>> damage_document(doc, "fullwidth_digits").document.text.splitlines()[1]
    '２０２４年，共收到申请４件。'
"""

from __future__ import annotations

import copy
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from ogi.document import Document
from ogi.errors import UsageError
from ogi.perturb._doc import clone
from ogi.perturb._layout import fullwidth_digits, lose_problems_heading, pdf_wraps, problems_one_paragraph
from ogi.perturb._masks import mask_headings, mask_narrative, mask_row_labels, mask_some_headings

__all__ = ["DamageName", "DAMAGES", "COMBINED", "Damaged", "damage_document", "perturb_text"]

DamageName = Literal["mask_headings", "mask_some_headings", "mask_row_labels", "mask_narrative",
                     "lose_problems_heading", "problems_one_paragraph", "pdf_wraps", "fullwidth_digits",
                     "combined"]
_Fn = Callable[[Document, "dict | None", random.Random], "tuple[Document, dict | None]"]
_FUNCS: dict[str, _Fn] = {
    "mask_headings": mask_headings,
    "mask_some_headings": mask_some_headings,
    "mask_row_labels": mask_row_labels,
    "mask_narrative": mask_narrative,
    "lose_problems_heading": lose_problems_heading,
    "problems_one_paragraph": problems_one_paragraph,
    "pdf_wraps": pdf_wraps,
    "fullwidth_digits": fullwidth_digits,
}
#: Every damage, in the order the evaluation reports them.
DAMAGES: tuple[str, ...] = get_args(DamageName)
#: The steps of ``combined``, in order: 五 is rendered before it is masked, and the lines are wrapped
#: before the headings are masked (a wrap never breaks a heading the instrument can still find).
COMBINED = ("problems_one_paragraph", "mask_narrative", "mask_row_labels", "pdf_wraps", "mask_headings",
            "fullwidth_digits")


@dataclass(frozen=True)
class Damaged:
    """A damaged copy: the document, the gold that holds for it, and whether anything changed."""

    damage: str
    document: Document
    gold: dict | None
    changed: bool


def _rng(seed: int, name: str, digest: str) -> random.Random:
    return random.Random(f"ogi.perturb/{seed}/{name}/{digest}")


def damage_document(doc: Document, damage: DamageName, *, gold: dict | None = None,
                    seed: int = 0) -> Damaged:
    """Apply one damage to a document (and to its gold).

    Args:
        doc: a document from :func:`ogi.read`; it is not changed.
        damage: one of ``DAMAGES``.
        gold: the report's gold (shared/spec/gold.md); the damaged copy's gold is returned.
            Without it, damages that need the gold's sections look for all six headings, and
            ``problems_one_paragraph`` takes the body's lines as its statements.
        seed: the same seed, document and damage give the same bytes.

    Raises:
        UsageError: an unknown damage name (the message lists the valid ones).
    """
    if damage not in DAMAGES:
        raise UsageError(f"unknown damage {damage!r}; valid: {', '.join(DAMAGES)}")
    digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:16]
    out = clone(doc)
    g = copy.deepcopy(gold)
    for step in (COMBINED if damage == "combined" else (damage,)):
        name = f"combined/{step}" if damage == "combined" else step
        out, g = _FUNCS[step](out, g, _rng(seed, name, digest))
    out.meta["perturb"] = {"damage": damage, "seed": seed}
    return Damaged(damage, out, g, out.text != doc.text or g != gold)


def perturb_text(text: str, damage: DamageName, *, seed: int = 0, fmt: Literal["txt", "md"] = "txt",
                 gold: dict | None = None) -> str:
    """The text of a report after one damage (for tests and notebooks).

    Example:
        >>> "总体情况" in perturb_text("一、总体情况\\n正文。", "mask_headings")
        False
    """
    from ogi.read import read_text

    return damage_document(read_text(text, fmt=fmt), damage, gold=gold, seed=seed).document.text
