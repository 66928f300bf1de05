"""Digit splitting: every way to cut a run of digits (a flat-layout table row) into typed cells.

A crawler copy runs a row's cells together (``12302`` for 12 | 3 | 0 | 2 …).  These generators
list the readings of a run under the cell types and the in-row rules (a row that ends with its
sum, table 四's blocks of five), for the ambiguity oracle (:mod:`ogi.synth.oracle`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

__all__ = ["PATTERNS", "MAX_SOLUTIONS", "splits", "rowsum_splits", "block_splits", "limited"]

_INT = r"(?:0|[1-9]\d*)"
PATTERNS = {
    "int": re.compile(_INT),
    "signed_int": re.compile(r"(?:0|-?[1-9]\d*|减[1-9]\d*)"),
    "decimal": re.compile(rf"{_INT}(?:\.\d+)?"),
    "money_unit_in_cell": re.compile(rf"{_INT}(?:\.\d+)?(?:元|万元)?"),
}
_MAX_PART = 9  # longest printed cell considered when splitting a run
MAX_SOLUTIONS = 20000


def splits(run: str, pats: Sequence[re.Pattern[str]], start: int = 0) -> Iterator[tuple[str, ...]]:
    """All ways to cut ``run[start:]`` into parts matching ``pats`` in order."""
    if not pats:
        if start == len(run):
            yield ()
        return
    last = len(run) - (len(pats) - 1)
    for end in range(start + 1, min(last, start + _MAX_PART + 2) + 1):
        part = run[start:end]
        if pats[0].fullmatch(part):
            for tail in splits(run, pats[1:], end):
                yield (part,) + tail


def _sum_splits(run: str, n: int, total: int, start: int = 0) -> Iterator[tuple[str, ...]]:
    """Cut ``run[start:]`` into ``n`` integers (no leading zeros) that sum to ``total``."""
    if n == 0:
        if start == len(run) and total == 0:
            yield ()
        return
    last = len(run) - (n - 1)
    for end in range(start + 1, min(last, start + _MAX_PART) + 1):
        part = run[start:end]
        if not PATTERNS["int"].fullmatch(part):
            break  # a leading zero: longer parts cannot match either
        value = int(part)
        if value > total:
            break
        for tail in _sum_splits(run, n - 1, total - value, end):
            yield (part,) + tail


def rowsum_splits(run: str, n_parts: int) -> Iterator[tuple[str, ...]]:
    """Splits of a table-三 row run whose last part is the sum of the others."""
    for length in range(1, min(_MAX_PART, len(run) - (n_parts - 1)) + 1):
        total_text = run[-length:]
        if not PATTERNS["int"].fullmatch(total_text):
            continue
        for head in _sum_splits(run[:-length], n_parts - 1, int(total_text)):
            yield head + (total_text,)


def block_splits(run: str, enforce: Sequence[bool], size: int, start: int = 0) -> Iterator[tuple[str, ...]]:
    """Splits of the table-四 run into ``len(enforce)`` blocks of ``size``; enforced blocks end with their sum."""
    if not enforce:
        if start == len(run):
            yield ()
        return
    need_after = size * (len(enforce) - 1)
    for four in _prefix_splits(run, size - 1, start, len(run) - need_after - 1):
        pos = start + sum(len(p) for p in four)
        if enforce[0]:
            total = str(sum(int(p) for p in four))
            if run.startswith(total, pos):
                for tail in block_splits(run, enforce[1:], size, pos + len(total)):
                    yield four + (total,) + tail
        else:
            for end in range(pos + 1, min(len(run) - need_after, pos + _MAX_PART) + 1):
                part = run[pos:end]
                if PATTERNS["int"].fullmatch(part):
                    for tail in block_splits(run, enforce[1:], size, end):
                        yield four + (part,) + tail


def _prefix_splits(run: str, n: int, start: int, limit: int) -> Iterator[tuple[str, ...]]:
    """Ways to take ``n`` integers from ``run[start:]`` without passing ``limit``."""
    if n == 0:
        yield ()
        return
    for end in range(start + 1, min(limit - (n - 1), start + _MAX_PART) + 1):
        part = run[start:end]
        if not PATTERNS["int"].fullmatch(part):
            break
        for tail in _prefix_splits(run, n - 1, end, limit):
            yield (part,) + tail


def limited(it: Iterator[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    """The readings of ``it``, or None when there are more than :data:`MAX_SOLUTIONS`."""
    out = []
    for x in it:
        out.append(x)
        if len(out) > MAX_SOLUTIONS:
            return None
    return out


