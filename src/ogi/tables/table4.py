"""Table 四 (administrative review and litigation): one row of 15 cells in three blocks.

Each block of 5 cells (维持, 纠正, 其他, 尚未审结, 总计) sums to its 总计; the digits of a
flattened row are split so that as many block sums as possible hold (a source may break one).
"""

from __future__ import annotations

import itertools
import re

from ogi.normalize import MASK_RE, Normalized, fits_masked, normalize_stream
from ogi.record import Finding
from ogi.splitting import Piece, SplitLimit, Value, splits
from ogi.tables.solver import Reading
from ogi.tables.tokens import NUM_TOKEN_RE, whole_cell
from ogi.template import T4_BLOCKS, T4_COLUMNS

__all__ = ["parse_table4"]

# characters of the table 四 header (PDF text splits it into single characters)
_T4_HEADER_CHARS = set("行政复议诉讼结果维持纠正其他尚未审结总计经直接起后法")
_T4_START_RE = re.compile(r"结果维持|尚未审结|未经复议|复议后起诉|维持\|?纠正|结\|?结\|?其")
#: the column labels a masked header keeps part of (``结＊＊持 | 结果纠正 | 其****果``)
_T4_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结")


def _header_start(s: str) -> int | None:
    """Where the header of table 四 starts in ``s``: its first label, read through masks."""
    m = _T4_START_RE.search(s)
    end = m.start() if m else len(s)
    for mm in MASK_RE.finditer(s, 0, end):
        a, b = mm.start(), mm.end()
        while a > max(mm.start() - 3, 0) and s[a - 1] not in "| \n":
            a -= 1
        while b < min(mm.end() + 3, len(s)) and s[b] not in "| \n":
            b += 1
        if any(fits_masked(s[a:b], label) for label in _T4_LABELS):
            return a
    return m.start() if m else None


def parse_table4(text: str, region: tuple[int, int], findings: list[Finding],
                 prov: dict[str, dict], unread: set[str]) -> dict[str, Value]:
    """The cells of table 四 (``block.column -> value``) in ``region`` of ``text``.

    Findings go to ``findings``, provenance of the row to ``prov``, cells that could not be
    read to ``unread``.
    """
    n = normalize_stream(text, region[0], region[1])
    out: dict[str, Value] = {f"{b}.{c}": None for b in T4_BLOCKS for c in T4_COLUMNS}
    start = _header_start(n.text)
    if start is None:
        findings.append(Finding("STRUCT-T4", "warning", [], "table 四 header not found"))
        unread.update(f"table4.{k}" for k in out)
        return out
    pieces, first_off = _data_pieces(n, start)
    if not pieces:
        findings.append(Finding("STRUCT-T4", "warning", [], "table 四: no numbers after the header"))
        unread.update(f"table4.{k}" for k in out)
        return out
    source = " ".join(p.raw for p in pieces)
    cands, broken = _t4_candidates(pieces)
    if not cands:
        findings.append(Finding("STRUCT-T4", "warning", ["table4"],
                                f"could not read 15 cells from '{source[:80]}'"))
        unread.update(f"table4.{k}" for k in out)
        return out
    prov["table4"] = {"offset": first_off, "source": source[:80]}
    why = "satisfy every rule" if not broken else f"break the fewest block sums ({broken})"
    keys = list(out)
    for b, blk in enumerate(T4_BLOCKS):
        idx = range(5 * b, 5 * b + 5)
        ambiguous = any(len({c[j] for c in cands}) > 1 for j in idx)
        if ambiguous and all(c[5 * b + 4] is not None and c[5 * b + 4] != sum(c[j] or 0 for j in idx[:-1])
                             for c in cands):
            findings.append(Finding("T4-BLOCK", "error", [f"table4.{keys[j]}" for j in idx],
                                    f"{blk}: every reading of the run-together digits breaks the block sum"))
    for j, key in enumerate(keys):
        vals = sorted({c[j] for c in cands}, key=lambda x: (x is None, x or 0))
        if len(vals) == 1:
            out[key] = vals[0]
        else:
            findings.append(Finding("AMBIGUOUS-CELL", "warning", [f"table4.{key}"],
                                    f"digits run together; {len(vals)} readings {why}: "
                                    + ", ".join(str(x) for x in vals), candidates=vals))
    return out


def _data_pieces(n: Normalized, i: int) -> tuple[list[Piece], int | None]:
    """The numbers and blank cells of the data row after the header at ``i``, and its offset."""
    s = n.text
    pieces: list[Piece] = []
    started = False
    first_off = None
    while i < len(s):
        c = s[i]
        if c in "|\n":
            if i > 0 and s[i - 1] == "|" and started:  # an empty cell (also the row's last)
                pieces.append(Piece("", blank=True, start=n.orig(i), end=n.orig(i), raw=""))
            i += 1
            continue
        if c == " ":
            i += 1
            continue
        mm = NUM_TOKEN_RE.match(s, i)
        number = mm is not None and mm.group()[0].isdigit()
        is_marker = c in "/-—–无" and whole_cell(s, i, i + 1)
        if not started and (number or is_marker):
            # the data row starts here: empty cells before it on its line are blank cells
            ls = s.rfind("\n", 0, i) + 1
            prefix = s[ls:i]
            if prefix and set(prefix) <= {"|", " "}:
                pieces.extend(Piece("", blank=True, start=n.orig(ls), end=n.orig(ls), raw="")
                              for _ in range(prefix.count("|")))
            first_off = n.orig(i)
            started = True
        if mm is not None and number:
            pieces.append(Piece(mm.group(), start=n.orig(i), end=n.orig(mm.end()), raw=mm.group()))
            i = mm.end()
        elif is_marker:
            pieces.append(Piece("", blank=True, start=n.orig(i), end=n.orig(i + 1), raw=c))
            i += 1
        elif c in _T4_HEADER_CHARS or c in "()、,:*＊×✕":
            i += 1
        elif started:
            break
        else:
            # narrative text before the header: keep looking for the header
            m2 = _T4_START_RE.search(s, i + 1)
            if not m2:
                break
            i = m2.start()
    while pieces and pieces[-1].blank and len(pieces) > 15:
        pieces.pop()
    return pieces, first_off


def _t4_candidates(pieces: list[Piece]) -> tuple[list[Reading], int]:
    """Splits of the table 四 row that break the fewest block sums (a source may break one).

    Returns the candidates and how many block sums they break.
    """
    for n_kept in (3, 2, 1, 0):
        out: list[Reading] = []
        for kept in itertools.combinations(range(3), n_kept):
            mask = [b in kept for b in range(3)]
            try:
                out += splits(pieces, groups=[5, 5, 5], sum_rule=True, enforce=mask, limit=20000)
            except SplitLimit:
                return [], 0
        if out:
            return sorted(set(out), key=lambda t: tuple((x is None, x or 0) for x in t)), 3 - n_kept
    return [], 0
