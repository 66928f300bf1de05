"""Statement extraction scored on a folder of gold files (shared/spec/gold.md).

Each gold file's ``problems_text`` goes through an extractor (by default the full one:
segmentation and the shipped model) and is scored with :func:`ogi.nlp.evaluate.evaluate_statements`;
the scores add up over files (micro-average).  ``ogi train`` uses it for its dev evaluations.

Example:
    >>> evaluate_gold_dir("../shared/corpora/dev/gold")["files"] > 0  # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from ogi.nlp.evaluate import evaluate_statements, sum_scores
from ogi.nlp.statements import extract_statements

__all__ = ["evaluate_gold_dir", "gold_statements"]


def gold_statements(gold_dir: str | os.PathLike[str]) -> list[tuple[Path, dict]]:
    """The gold files of a folder that list statements, with their contents, by file name.

    Gold files without statements (reports before 2019) are left out.

    Raises:
        UsageError: when the folder does not exist or holds no gold files.
    """
    from ogi.evaluate import gold_files

    out = []
    for f in gold_files(gold_dir):
        gold = json.loads(f.read_text(encoding="utf-8"))
        if gold.get("statements"):
            out.append((f, gold))
    return out


def evaluate_gold_dir(gold_dir: str | os.PathLike[str], *,
                      extract: Callable[[str], list[dict]] | None = None) -> dict:
    """Run the statement extractor on every gold file's ``problems_text`` and score it (micro).

    Args:
        gold_dir: folder of gold JSON files (shared/spec/gold.md).
        extract: the extractor to score; defaults to :func:`ogi.nlp.statements.extract_statements`
            with the shipped model.

    Returns:
        The micro-averaged scores of :func:`ogi.nlp.evaluate.evaluate_statements` plus
        ``"files"`` (the number of files scored) and ``"per_file"`` (each file's own scores).

    Raises:
        UsageError: when the folder does not exist or holds no gold files.
    """
    run = extract if extract is not None else extract_statements
    per_file = {}
    for f, gold in gold_statements(gold_dir):
        per_file[f.name] = evaluate_statements(run(gold.get("problems_text") or ""), gold["statements"])
    out = sum_scores(per_file.values())
    out["files"] = len(per_file)
    out["per_file"] = per_file
    return out
