"""Tables 二/三/四 from any rendering: labels matched against the template, cells solved.

The parser works on the text of a table region (``Document.text``, where real table cells
are joined by ``|``), so HTML, DOCX, PDF tables, pipe/tab/markdown text, space-separated PDF
text and flattened crawls with no separators at all go through one code path:

1. :func:`tokenize_region` turns the normalised region into labels (rows of the template,
   found by keywords), numeric pieces, blank cells and other text;
2. :func:`assemble_rows` groups pieces into rows, each with its template key when its label
   survived or ``None`` when it did not (masked, OCR-damaged, or split off in conversion);
3. :func:`align_rows` places the unlabelled rows by template order between labelled ones;
4. :func:`solve_table3` enumerates the splits of each row (:mod:`ogi.splitting`) and keeps
   the combinations that break the fewest column identities; a cell whose value differs
   between the surviving combinations is null with an ``AMBIGUOUS-CELL`` finding.

A number the source printed is never changed: the rules only choose among the ways to
read the printed digits.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ogi.normalize import MASK_RE, Normalized, normalize_stream
from ogi.splitting import Piece, SplitLimit, guided_splits, parse_number, splits
from ogi.template import T3_COLUMNS, T4_BLOCKS, T4_COLUMNS, Template, active_spec, load_spec, template

__all__ = ["TablesResult", "parse_tables", "find_table_regions", "T3_LABELS"]

Value = int | float | None

# --------------------------------------------------------------------------- labels

#: keyword patterns of the table rows come from the template spec (``label_patterns`` of
#: template-spec.json, compiled once per spec): ``active_spec().table3_labels`` /
#: ``.table2_labels``.  ``T3_LABELS`` is the list of the packaged spec, kept for importers.
T3_LABELS: list[tuple[str, str, str | None]] = load_spec().table3_labels.as_list()

_NUM_TOKEN_RE = re.compile(r"[-减]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:万元|元)?")
_BLANK_CELL_RE = re.compile(r"^(?:/|-|—|–|－|无|\*+)?$")
_ENUM_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、](?!\d))")
# characters of the table 四 header (PDF text splits it into single characters)
_T4_HEADER_CHARS = set("行政复议诉讼结果维持纠正其他尚未审结总计经直接起后法")
_T4_START_RE = re.compile(r"结果维持|尚未审结|未经复议|复议后起诉|维持\|?纠正|结\|?结\|?其")

# --------------------------------------------------------------------------- tokens


@dataclass(slots=True)
class Token:
    kind: str  # "label" | "num" | "blank" | "text" | "nl"
    start: int  # normalised offsets
    end: int
    key: str | None = None
    text: str = ""
    hard_before: bool = False  # a '|' boundary precedes this token


@dataclass(slots=True)
class Row:
    key: str | None
    pieces: list[Piece] = field(default_factory=list)
    label_text: str = ""
    start: int = -1  # original offset of the row's first token

    @property
    def has_values(self) -> bool:
        """Numbers, or a full row of explicit blank cells (an all-blank row of a real table)."""
        return any(not p.blank for p in self.pieces) or len(self.pieces) >= 7


def tokenize_region(n: Normalized, label_re: re.Pattern, keys: list[str],
                    numbering: dict[str, str] | None = None) -> list[Token]:
    """Labels, numbers, blank cells and other text of a normalised region, in order."""
    s = n.text
    numbering = numbering or {}
    labels: list[tuple[int, int, str]] = []
    for m in label_re.finditer(s):
        idx = int(m.lastgroup[1:])
        key = keys[idx]
        st = m.start()
        num = numbering.get(key)
        if num:
            # take the item numeral printed before the label ("5.属于三类…") with it
            for pat in (num + ".", num + "、"):
                if s.startswith(pat, st - len(pat)):
                    st -= len(pat)
                    break
        labels.append((st, m.end(), key))
    tokens: list[Token] = []
    pos = 0
    hard = False
    lines = _Lines(s)

    def emit_plain(a: int, b: int) -> None:
        nonlocal hard
        # split s[a:b] (no labels inside) into numbers, blanks, text, boundaries
        i = a
        cell_start = a
        while i < b:
            c = s[i]
            if c == "|":
                cell = s[cell_start:i]
                if cell.strip(" ") == "" and _cell_is_empty(s, cell_start, i):
                    tokens.append(Token("blank", cell_start, i, hard_before=True))
                hard = True
                i += 1
                cell_start = i
                continue
            if c == "\n":
                if i > 0 and s[i - 1] == "|" and i - 1 >= a:
                    tokens.append(Token("blank", i, i, hard_before=True))  # empty last cell
                tokens.append(Token("nl", i, i + 1))
                hard = True
                i += 1
                cell_start = i
                continue
            if c == " ":
                i += 1
                continue
            m = _NUM_TOKEN_RE.match(s, i, b)
            if m and (m.group()[0] in "-减" and not _at_cell_start(s, i)):
                m = None if not s[i + 1:i + 2].isdigit() else m
            if m and lines.piped(i) and not _numeric_cell(s, i, lines):
                m = None
                j = _text_end(s, i, b)
                while j < b and s[j] not in "|\n":
                    j += 1
                tokens.append(Token("text", i, j, text=s[i:j], hard_before=hard))
                hard = False
                i = j
                continue
            if m:
                j = m.end()
                tok = m.group()
                # a numeral that starts the next label: "…00000005.属于…" -> "0000000", "5."
                if j < b and s[j] in ".、" and (j + 1 >= len(s) or not s[j + 1].isdigit()) \
                        and tok.isdigit():
                    if len(tok) > 1:
                        tokens.append(Token("num", i, j - 1, text=tok[:-1], hard_before=hard))
                        hard = False
                    # the last digit and its dot begin an (unrecognised) enumerated label
                    tstart = j - 1
                    tend = _text_end(s, j, b)
                    tokens.append(Token("text", tstart, tend, text=s[tstart:tend], hard_before=hard))
                    hard = False
                    i = tend
                    cell_start = i
                    continue
                tokens.append(Token("num", i, j, text=tok, hard_before=hard))
                hard = False
                i = j
                continue
            # blank markers as whole cells
            if c in "/-—–－无" and _whole_cell(s, i, i + 1):
                tokens.append(Token("blank", i, i + 1, hard_before=True))
                i += 1
                continue
            if c == "*" and _is_mask_cell(s, i):
                j = i
                while j < b and s[j] == "*":
                    j += 1
                tokens.append(Token("blank", i, j, hard_before=True))
                i = j
                continue
            j = _text_end(s, i, b)
            tokens.append(Token("text", i, j, text=s[i:j], hard_before=hard))
            hard = False
            i = j

    for st, en, key in labels:
        if st < pos:
            continue  # overlapping match
        emit_plain(pos, st)
        tokens.append(Token("label", st, en, key=key, text=s[st:en], hard_before=hard))
        hard = False
        pos = en
    emit_plain(pos, len(s))
    return tokens


def _text_end(s: str, i: int, b: int) -> int:
    j = i + 1
    while j < b and s[j] not in "|\n " and not s[j].isdigit():
        j += 1
    return j


# Each number is maximal ((?!\d) after it): without that, a run of n digits could be cut
# into numbers in 2^(n-1) ways and a cell of 30 digits followed by a letter backtracked
# for hours.  The only cells this no longer takes as numeric are malformed thousands such
# as "1,2345" (robustness fix, issue 7).
_NUMERIC_CELL_RE = re.compile(
    r"(?:\s*[-减]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)(?:万元|元)?)+\s*")


class _Lines:
    """Line bounds of a text and whether each line is a table row (has a ``|``)."""

    def __init__(self, s: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", s)]
        ends = self.starts[1:] + [len(s) + 1]
        self.bounds = [(a, e - 1) for a, e in zip(self.starts, ends)]
        self.has_pipe = [s.find("|", a, e) >= 0 for a, e in self.bounds]

    def line(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1

    def piped(self, i: int) -> bool:
        return self.has_pipe[self.line(i)]


def _numeric_cell(s: str, i: int, lines: _Lines) -> bool:
    """In a table row, False for digits inside a text cell ("数据1")."""
    ls, le = lines.bounds[lines.line(i)]
    left = max(s.rfind("|", ls, i), ls - 1) + 1
    right = s.find("|", i, le)
    right = le if right < 0 else right
    if _NUMERIC_CELL_RE.fullmatch(s, left, right):
        return True
    # a label cell ending in its numbers after a space ("行政许可 4529") still counts
    return s[i - 1] == " " and not any(c.isalpha() for c in s[i:right])


def _at_cell_start(s: str, i: int) -> bool:
    return i == 0 or s[i - 1] in "| \n"


def _whole_cell(s: str, a: int, b: int) -> bool:
    return (a == 0 or s[a - 1] in "|\n ") and (b >= len(s) or s[b] in "|\n ")


def _cell_is_empty(s: str, a: int, b: int) -> bool:
    # an empty cell between two '|' (not the start of a line)
    return a > 0 and s[a - 1] == "|"


def _is_mask_cell(s: str, i: int) -> bool:
    j = i
    while j < len(s) and s[j] == "*":
        j += 1
    return _whole_cell(s, i, j)


def assemble_rows(tokens: list[Token], n: Normalized, *, masked_labels: bool = False) -> list[Row]:
    """Group pieces into rows (see module docstring).

    Args:
        masked_labels: a masked text no pattern found ("行**可") opens a row (table 二, whose
            labels have no numbering to open one).
    """
    rows: list[Row] = []
    cur: Row | None = None

    def close() -> None:
        nonlocal cur
        if cur is not None:
            rows.append(cur)
        cur = None

    for t in tokens:
        if t.kind == "label":
            if cur is not None and cur.key is None and not cur.has_values:
                cur.key = t.key  # "5.****机关确认…": the numeral opened it, the keyword names it
                cur.label_text += t.text
                continue
            close()
            cur = Row(key=t.key, label_text=t.text, start=n.orig(t.start))
        elif t.kind == "text":
            if cur is not None and cur.has_values:
                close()
            if _ENUM_RE.match(t.text) or (masked_labels and cur is None and MASK_RE.search(t.text)):
                # a numbered label, or a masked one ("行政**可") that no pattern found
                close()
                cur = Row(key=None, label_text=t.text, start=n.orig(t.start))
            elif cur is not None:
                cur.label_text += t.text
        elif t.kind in ("num", "blank"):
            if cur is None:
                if t.kind == "blank":
                    continue
                cur = Row(key=None, start=n.orig(t.start))
            if t.kind == "blank" and not cur.pieces and cur.key is None and not cur.label_text:
                continue
            cur.pieces.append(_piece(t, n))
        elif t.kind == "nl":
            if cur is not None and cur.has_values:
                close()
            elif cur is not None:
                # a label line followed by a table row: the label is displaced, not that row's
                nl_end = n.text.find("\n", t.end)
                next_line = n.text[t.end: nl_end if nl_end >= 0 else len(n.text)]
                if "|" in next_line:
                    close()
    close()
    return rows


def _piece(t: Token, n: Normalized) -> Piece:
    if t.kind == "blank":
        return Piece("", blank=True, start=n.orig(t.start), end=n.orig(t.end), raw=n.text[t.start:t.end])
    text = t.text
    unit = None
    for u in ("万元", "元"):
        if text.endswith(u):
            unit = u
            text = text[: -len(u)]
            break
    if text.startswith("减"):
        text = "-" + text[1:]
    text = text.replace(",", "")  # thousands separators: 1,234
    return Piece(text, unit=unit, start=n.orig(t.start), end=n.orig(t.end), raw=t.text)


# --------------------------------------------------------------------------- results


@dataclass
class Finding:
    rule: str
    severity: str
    cells: list[str]
    message: str
    expected: Any = None
    actual: Any = None
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = {"rule": self.rule, "severity": self.severity, "cells": self.cells,
             "expected": self.expected, "actual": self.actual, "message": self.message}
        d.update(self.extra)
        return d


@dataclass
class TablesResult:
    """Canonical cells of tables 二/三/四 plus what parsing them found."""

    version: str | None
    table2: dict[str, Value] = field(default_factory=dict)  # "art20_1.rules.issued" -> value
    table3: dict[str, Value] = field(default_factory=dict)  # "new_received.total" -> value
    table4: dict[str, Value] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    provenance: dict[str, dict] = field(default_factory=dict)  # cell path -> {offset,…}
    #: cells that are null because they could not be read (ambiguous digits, a row or table
    #: not found) rather than printed blank: identities through them cannot be checked
    unreadable: set[str] = field(default_factory=set)

    def nested(self) -> dict:
        """Tables as nested dicts, as in the report record."""
        out: dict[str, dict] = {}
        for name, flat in (("table2", self.table2), ("table3", self.table3), ("table4", self.table4)):
            d: dict = {}
            for k, v in flat.items():
                parts = k.split(".")
                node = d
                for p in parts[:-1]:
                    node = node.setdefault(p, {})
                node[parts[-1]] = v
            out[name] = d
        return out


# --------------------------------------------------------------------------- regions


@dataclass
class Regions:
    t2: tuple[int, int] | None
    t3: tuple[int, int] | None
    t4: tuple[int, int] | None


_T3_START_RE = re.compile(r"勾\s*稽\s*关\s*系|申\s*请\s*人\s*情\s*况|本\s*年\s*新\s*收")
_T2_START_RE = re.compile(r"第\s*二\s*十\s*条|信\s*息\s*内\s*容[\s|]*(?:本\s*年|上\s*一\s*年|采\s*购)")
_PROBLEMS_RE = re.compile(r"存在的?主要问题|主要问题及改进|存在问题|(?:\(|（)一(?:\)|）)\s*(?:存在的)?主要问题")


def find_table_regions(text: str, *, appeals_at: int | None = None,
                       problems_at: int | None = None, proactive_at: int | None = None) -> Regions:
    """Where tables 二, 三 and 四 sit in ``text`` (original offsets)."""
    t3s = None
    t2s = None
    m2 = _T2_START_RE.search(text, proactive_at or 0)
    if m2 is None and proactive_at is not None:
        m2 = _T2_START_RE.search(text)
    if m2:
        t2s = m2.start()
    search_from = t2s if t2s is not None else (proactive_at or 0)
    m3 = _T3_START_RE.search(text, search_from)
    if m3:
        t3s = m3.start()
    # table 四: after table 三's last row, at its header
    t4s = None
    anchor = t3s if t3s is not None else search_from
    if appeals_at is not None and appeals_at > anchor:
        t4s = appeals_at
    else:
        m = re.search(r"结\s*转\s*下\s*一?\s*年\s*度", text[anchor:]) if anchor is not None else None
        if m:
            m4 = re.search(r"行\s*政\s*复\s*议", text[anchor + m.end():])
            if m4:
                t4s = anchor + m.end() + m4.start()
    end_all = problems_at if problems_at is not None and problems_at > (t4s or anchor or 0) else None
    if end_all is None:
        # the problems text may have lost its heading: stop at its first words
        mp = _PROBLEMS_RE.search(text, (t4s or anchor or 0))
        end_all = mp.start() if mp else len(text)
    t2 = (t2s, t3s if t3s is not None else (t4s or end_all)) if t2s is not None else None
    t3 = (t3s, t4s if t4s is not None else end_all) if t3s is not None else None
    t4 = (t4s, end_all) if t4s is not None else None
    return Regions(t2, t3, t4)


# --------------------------------------------------------------------------- table 三

def _t3_rows(text: str, region: tuple[int, int]) -> tuple[list[Row], Normalized]:
    n = normalize_stream(text, region[0], region[1])
    labels = active_spec().table3_labels
    tokens = tokenize_region(n, labels.regex, labels.keys, labels.numbering)
    rows = assemble_rows(tokens, n)
    return rows, n


def _row_candidates(row: Row, n_cells: int, *, sum_rule: bool = True) -> list[tuple] | None:
    """Readings of a row; ``None`` when there are too many to list (see :func:`_guided`)."""
    pieces = _trimmed(row, n_cells)
    if not pieces:
        return []
    try:
        cands = splits(pieces, groups=[n_cells], sum_rule=sum_rule, limit=5000)
        if not cands and sum_rule:
            cands = splits(pieces, groups=[n_cells], sum_rule=False, limit=5000)
    except SplitLimit:
        return None
    if not cands and all(not p.blank for p in pieces) and len(pieces) < n_cells \
            and all(p.atomic or len(p.text) == 1 or p.raw for p in pieces):
        # blank cells vanished in flattening: place the numbers, blanks elsewhere
        vals = [parse_number(p.text) for p in pieces]
        out = []
        for pos in itertools.combinations(range(n_cells), len(vals)):
            cand: list[Value] = [None] * n_cells
            for p_, v in zip(pos, vals):
                cand[p_] = v
            if not sum_rule or cand[-1] is None or \
                    sum(x for x in cand[:-1] if x is not None) == cand[-1]:
                out.append(tuple(cand))
        cands = out
    return cands


def _trimmed(row: Row, n_cells: int) -> list[Piece]:
    """The row's pieces without padding: empty cells of merged cells beyond what it needs."""
    pieces = list(row.pieces)
    while len(pieces) > n_cells and pieces and pieces[-1].blank:
        pieces.pop()
    while len(pieces) > n_cells and pieces and pieces[0].blank:
        pieces.pop(0)
    return pieces


def _expected(k: str, fixed: dict[str, tuple], tpl: Template) -> list[set]:
    """Values the column identities give for each cell of row ``k`` from the rows already read."""
    exp: list[set] = [set() for _ in T3_COLUMNS]
    ident = ("new_received", "carried_over", "result_total", "carried_forward")
    sign = {"new_received": 1, "carried_over": 1, "result_total": -1, "carried_forward": -1}
    leaf = list(tpl.table3_leaf_rows)
    for j in range(len(T3_COLUMNS)):
        def v(r: str, j: int = j) -> int:
            x = fixed[r][j]
            return x or 0
        if k in ident and all(r in fixed for r in ident if r != k):
            # 一 + 二 - （七） - 四 = 0
            rest = sum(sign[r] * v(r) for r in ident if r != k)
            exp[j].add(-rest * sign[k])
        if k == "result_total" and all(r in fixed for r in leaf):
            exp[j].add(sum(v(r) for r in leaf))
        if k in leaf and "result_total" in fixed and all(r in fixed for r in leaf if r != k):
            exp[j].add(v("result_total") - sum(v(r) for r in leaf if r != k))
    return exp


def align_rows(rows: list[Row], keys: list[str]) -> tuple[dict[str, Row], list[str]]:
    """Assign rows to template keys: labels anchor, unlabelled rows fill the gaps in order."""
    notes: list[str] = []
    order = {k: i for i, k in enumerate(keys)}
    # anchors: labelled rows with values, in increasing template order (first wins)
    assigned: dict[str, Row] = {}
    seq: list[tuple[int | None, Row]] = []
    last = -1
    for r in rows:
        if r.key is not None and r.key in order and r.has_values and not _plausible_row(r):
            notes.append(f"row '{r.label_text}': stray number(s) "
                         f"'{' '.join(p.raw for p in r.pieces)}' after a displaced label, ignored")
        elif r.key is not None and r.key in order and r.has_values:
            i = order[r.key]
            if i > last and r.key not in assigned:
                seq.append((i, r))
                assigned[r.key] = r
                last = i
            else:
                notes.append(f"row '{r.label_text}' out of template order, ignored")
        elif r.key is None and _plausible_row(r):
            seq.append((None, r))
    # fill gaps
    prev = -1
    gap: list[Row] = []
    for i, r in seq + [(len(keys), None)]:
        if i is None:
            gap.append(r)
            continue
        gap_keys = [k for k in keys[prev + 1:i] if k not in assigned]
        if gap:
            if len(gap) == len(gap_keys):
                for k, gr in zip(gap_keys, gap):
                    assigned[k] = gr
            elif len(gap) < len(gap_keys) and prev == -1 and i < len(keys):
                # rows missing at the top: align to the end of the gap
                for k, gr in zip(gap_keys[-len(gap):], gap):
                    assigned[k] = gr
            else:
                notes.append(f"{len(gap)} unlabelled rows for {len(gap_keys)} template rows "
                             f"({', '.join(gap_keys) or 'none'}); not assigned")
        gap = []
        prev = i if i is not None else prev
    return assigned, notes


def _plausible_row(r: Row) -> bool:
    """A table 三 row has 7 cells: one or two short numbers alone are page numbers or strays."""
    vals = [p for p in r.pieces if not p.blank]
    digits = sum(len(p.text) for p in vals)
    return digits >= 3 or len(r.pieces) >= 3


def _detect_t3_version(rows: list[Row]) -> str | None:
    """The version table 三's rows alone show (rows of no other version; see the spec), else None."""
    keys = {r.key for r in rows if r.key}
    for version, unique, needs_values in active_spec().table3_version_rows:
        if not needs_values and unique & keys:
            return version
        if needs_values and any(r.has_values for r in rows if r.key in unique):
            return version
    return None


def solve_table3(rows: list[Row], tpl: Template, findings: list[Finding],
                 prov: dict[str, dict], unread: set[str]) -> dict[str, Value]:
    keys = list(tpl.table3_rows)
    usable = []
    for r in rows:
        if r.key == "other_handling" and tpl.version == "2021":
            continue  # the （六） group label
        if r.key is not None and r.key.startswith("@"):
            continue
        if r.key is not None and r.key not in keys:
            continue
        usable.append(r)
    assigned, notes = align_rows(usable, keys)
    for note in notes:
        findings.append(Finding("STRUCT-T3-ROWS", "warning", [], note))
    cands: dict[str, list[tuple]] = {}
    too_many: list[str] = []
    for k in keys:
        r = assigned.get(k)
        if r is None:
            continue
        c = _row_candidates(r, 7)
        if c:
            cands[k] = c
        elif c is None:
            too_many.append(k)
        else:
            findings.append(Finding("STRUCT-T3-ROWS", "warning", [f"table3.{k}.total"],
                                    f"row {k}: could not read 7 cells from '{_raw(r)}'"))
    # a row that breaks its own sum has too many readings to list: let the rows already
    # read say what its cells should be, and keep the readings closest to that
    fixed = {k: c[0] for k, c in cands.items() if len(c) == 1}
    for k in too_many:
        r = assigned[k]
        got, miss = guided_splits(_trimmed(r, 7), _expected(k, fixed, tpl))
        if got:
            cands[k] = got
        else:
            findings.append(Finding("STRUCT-T3-ROWS", "warning", [f"table3.{k}.total"],
                                    f"row {k}: '{_raw(r)}' breaks its row sum and has too many "
                                    "readings to settle"))
    missing = [k for k in keys if k not in cands]
    unread.update(f"table3.{k}.{c}" for k in missing for c in T3_COLUMNS)
    if missing:
        findings.append(Finding(
            "STRUCT-T3-ROWS", "error", [f"table3.{k}" for k in missing],
            f"table 三 ({tpl.version} format, {len(keys)} data rows): {len(missing)} rows not found: "
            + ", ".join(missing), expected=len(keys), actual=len(keys) - len(missing)))
    chosen = _choose(cands, keys, tpl, findings)
    out: dict[str, Value] = {}
    for k in keys:
        vals = chosen.get(k)
        for j, c in enumerate(T3_COLUMNS):
            out[f"{k}.{c}"] = vals[j] if vals else None
        r = assigned.get(k)
        if r is not None:
            prov[f"table3.{k}"] = {"offset": r.start, "label": r.label_text[:40], "source": _raw(r)}
    return out


def _raw(r: Row) -> str:
    return " ".join(p.raw or "" for p in r.pieces)[:80]


def _t3_broken(assign: dict[str, tuple], tpl: Template) -> list[tuple[str, int]]:
    """The column identities an assignment of rows breaks: (rule id, column index).

    A rule is weighed only when one of its ``solver_anchors`` rows is assigned; other rows
    missing count as 0 (as blank cells do in the identities).
    """
    rules = [r for r in tpl.table3_column_rules if any(a in assign for a in r.solver_anchors)]
    if not rules:
        return []
    ncols = len(tpl.table3_columns)

    def column_sums(keys: tuple[str, ...]) -> list[int | float]:
        out: list[int | float] = [0] * ncols
        for k in keys:
            t = assign.get(k)
            if t:
                for j, x in enumerate(t):
                    if x:
                        out[j] += x
        return out

    sums = [(r.id, column_sums(r.lhs), column_sums(r.rhs)) for r in rules]
    return [(rid, j) for j in range(ncols) for rid, lhs, rhs in sums if lhs[j] != rhs[j]]


def _t3_violations(assign: dict[str, tuple], tpl: Template) -> int:
    return len(_t3_broken(assign, tpl))


def _certain_breaks(survivors: list[dict[str, tuple]], fixed: dict[str, tuple], multi: list[str],
                    tpl: Template, result: dict[str, tuple | None]) -> list[Finding]:
    """Identities that every surviving reading breaks, through a cell left ambiguous.

    The checks skip identities through unreadable cells; when the digits cannot be read but
    every way to read them breaks an identity, the source breaks it all the same.
    """
    out: list[Finding] = []
    common: set[tuple[str, int]] | None = None
    for sv in survivors:
        a = dict(fixed)
        a.update(sv)
        b = set(_t3_broken(a, tpl))
        common = b if common is None else common & b
    rows_of = {r.id: [*r.lhs, *r.rhs] for r in tpl.table3_column_rules}
    for rule, j in sorted(common or ()):
        col = T3_COLUMNS[j]
        rows = rows_of[rule]
        if any(result.get(r) is not None and result[r][j] is None and r in multi for r in rows):
            out.append(Finding(rule, "error", [f"table3.{r}.{col}" for r in rows],
                               f"{col}: every reading of the run-together digits breaks this identity"))
    for k in multi:
        opts = [sv[k] for sv in survivors]
        if all(o[-1] is not None and o[-1] != sum(x or 0 for x in o[:-1]) for o in opts) \
                and any(x is None for x in result[k]):
            out.append(Finding("T3-ROWSUM", "error", [f"table3.{k}.{c}" for c in T3_COLUMNS],
                               f"{k}: every reading of the run-together digits breaks the row sum"))
    return out


def _choose(cands: dict[str, list[tuple]], keys: list[str], tpl: Template,
            findings: list[Finding]) -> dict[str, tuple | None]:
    """One reading per row: the combinations that break the fewest column identities.

    A cell on which the surviving combinations disagree is null, with an ``AMBIGUOUS-CELL``
    finding listing its candidate values.
    """
    fixed = {k: c[0] for k, c in cands.items() if len(c) == 1}
    multi = [k for k in keys if k in cands and len(cands[k]) > 1]
    if not multi:
        return dict(fixed)
    # cheap first: readings that cannot fit under a fixed （七）总计 (cells are never negative)
    pruned = _prune_by_totals(cands, fixed, multi, tpl)
    survivors, best = _search(pruned, fixed, multi, tpl)
    if survivors is None or best != 0:
        survivors, best = _search(cands, fixed, multi, tpl)
    if survivors is None:
        why = "satisfy the row sums; too many combinations to settle by the column rules"
    elif best == 0:
        why = "satisfy every rule"
    else:
        why = f"break the fewest column rules ({best})"
    result: dict[str, tuple | None] = dict(fixed)
    for k in multi:
        options = [sv[k] for sv in survivors] if survivors else cands[k]
        cells: list[Value] = []
        for j, col in enumerate(T3_COLUMNS):
            vals = sorted({o[j] for o in options}, key=lambda x: (x is None, x or 0))
            if len(vals) == 1:
                cells.append(vals[0])
            else:
                cells.append(None)
                findings.append(Finding(
                    "AMBIGUOUS-CELL", "warning", [f"table3.{k}.{col}"],
                    f"digits run together; {len(vals)} readings {why}: "
                    + ", ".join(str(x) for x in vals),
                    extra={"candidates": vals}))
        result[k] = tuple(cells)
    if survivors:
        findings.extend(_certain_breaks(survivors, fixed, multi, tpl, result))
    return result


_MAX_COMBINATIONS = 50_000


def _search(cands: dict[str, list[tuple]], fixed: dict[str, tuple], multi: list[str],
            tpl: Template) -> tuple[list[dict[str, tuple]] | None, int]:
    """All combinations of the ambiguous rows' readings with the fewest violations."""
    total = 1
    for k in multi:
        total *= len(cands[k])
        if total > _MAX_COMBINATIONS:
            return None, -1
    survivors: list[dict[str, tuple]] = []
    best = -1
    a = dict(fixed)
    for combo in itertools.product(*(cands[k] for k in multi)):
        a.update(zip(multi, combo))
        bad = _t3_violations(a, tpl)
        if best < 0 or bad < best:
            best = bad
            survivors = [dict(zip(multi, combo))]
        elif bad == best:
            survivors.append(dict(zip(multi, combo)))
    return survivors, best


def _prune_by_totals(cands: dict[str, list[tuple]], fixed: dict[str, tuple], multi: list[str],
                     tpl: Template) -> dict[str, list[tuple]]:
    """Drop leaf readings with a cell above what the fixed （七）总计 leaves for it."""
    if "result_total" not in fixed:
        return cands
    leaf = set(tpl.table3_leaf_rows)
    room = []
    for j in range(len(T3_COLUMNS)):
        used = sum((fixed[k][j] or 0) for k in leaf if k in fixed)
        room.append((fixed["result_total"][j] or 0) - used)
    out = dict(cands)
    for k in multi:
        if k in leaf:
            kept = [c for c in cands[k] if all((x or 0) <= r for x, r in zip(c, room))]
            if kept:
                out[k] = kept
    return out


# --------------------------------------------------------------------------- table 二

def _masked_fits(text: str, label: str) -> bool:
    """Whether the end of ``text`` is ``label`` with part of it masked ("行**罚" for 行政处罚).

    A mask stands for one or more characters; at least two characters of the label survive.
    """
    for k in range(3, len(text) + 1):
        seg = text[-k:]
        if MASK_RE.match(seg):
            continue
        parts = MASK_RE.split(seg)
        if len(parts) < 2 or sum(len(p) for p in parts) < 2:
            continue
        if re.fullmatch(".+".join(re.escape(p) for p in parts), label):
            return True
    return False


def _name_masked_rows(rows: list[Row], labels: dict[str, str]) -> None:
    """Give a row whose label is masked the one key whose label its surviving characters fit.

    ``labels``: key -> printed label, in template order; keys already found are not candidates.
    """
    found = {r.key for r in rows if r.key}
    for r in rows:
        if r.key is not None or not r.has_values or not MASK_RE.search(r.label_text):
            continue
        text = r.label_text.rstrip(" |\t")
        fits = [k for k, lab in labels.items() if k not in found and _masked_fits(text, lab)]
        if len(fits) == 1:
            r.key = fits[0]
            found.add(fits[0])


def parse_table2(text: str, region: tuple[int, int], tpl: Template, findings: list[Finding],
                 prov: dict[str, dict], unread: set[str]) -> dict[str, Value]:
    n = normalize_stream(text, region[0], region[1])
    s = n.text
    labels = active_spec().table2_labels
    tokens = tokenize_region(n, labels.regex, labels.keys)
    rows = assemble_rows(tokens, n, masked_labels=True)
    by_item = {b.caption_item: b for b in tpl.table2}
    row_to_block = {r: b for b in tpl.table2 for r in b.rows}
    out: dict[str, Value] = {k: None for k in tpl.table2_keys()}
    fee_unit = "万元"
    if re.search(r"收费金额\(?单位:?元\)?", s):
        fee_unit = "元"
    _name_masked_rows(rows, {row.key: unicodedata.normalize("NFKC", row.label)
                             for b in tpl.table2 for row in b.row_specs})
    seen: set[str] = set()
    for r in rows:
        if r.key is None or not r.has_values:
            continue
        blk = row_to_block.get(r.key)
        if r.key == "normative_docs" or r.key == "rules":
            blk = by_item.get("一")
        if blk is None:
            continue
        if r.key in seen:
            continue
        seen.add(r.key)
        ncols = len(blk.columns)
        dec = [j for j, t in enumerate(blk.column_types) if t in ("decimal", "money_unit_in_cell")]
        signed = [j for j, t in enumerate(blk.column_types) if t == "signed_int"]
        pieces = list(r.pieces)
        while len(pieces) > ncols and pieces and pieces[-1].blank:
            pieces.pop()
        try:
            cands = splits(pieces, groups=[ncols], sum_rule=False, decimal_cols=dec,
                           signed_cols=signed, limit=5000)
        except SplitLimit:
            cands = []
        prov_key = f"table2.{blk.key}.{r.key}"
        prov[prov_key] = {"offset": r.start, "label": r.label_text[:40], "source": _raw(r)}
        if not cands:
            findings.append(Finding("STRUCT-T2", "warning", [prov_key],
                                    f"table 二 row {r.key}: could not read {ncols} cells from '{_raw(r)}'"))
            unread.update(f"{prov_key}.{c}" for c in blk.columns)
            continue
        for j, col in enumerate(blk.columns):
            vals = sorted({c[j] for c in cands}, key=lambda x: (x is None, x or 0))
            path = f"{blk.key}.{r.key}.{col}"
            if len(vals) == 1:
                v = vals[0]
                v = _money(v, blk.column_types[j], pieces, fee_unit, tpl, f"table2.{path}", findings)
                out[path] = v
            else:
                out[path] = None
                findings.append(Finding(
                    "AMBIGUOUS-CELL", "warning", [f"table2.{path}"],
                    f"digits run together and table 二 has no sum rule; {len(vals)} readings: "
                    + ", ".join(str(x) for x in vals[:20]), extra={"candidates": vals[:50]}))
    return out


def _money(v: Value, ctype: str, pieces: list[Piece], fee_unit: str, tpl: Template, path: str,
           findings: list[Finding]) -> Value:
    if v is None:
        return None
    unit = next((p.unit for p in reversed(pieces) if p.unit), None)
    if ctype == "decimal":  # 2021 fee_amount, in 万元
        unit = unit or fee_unit
        if unit == "元":
            findings.append(Finding("UNIT", "info", [path],
                                    f"amount printed in 元 ({v}); converted to 万元", expected="万元", actual="元"))
            return round(float(v) / 10000, 6)
        return float(v) if isinstance(v, float) else v
    if ctype == "money_unit_in_cell":  # 2019 procurement amount, kept in 元
        if unit == "万元":
            findings.append(Finding("UNIT", "info", [path],
                                    f"amount printed in 万元 ({v}); converted to 元", expected="元", actual="万元"))
            return round(float(v) * 10000, 2)
        if unit is None:
            findings.append(Finding("UNIT", "info", [path],
                                    "amount printed without a unit; kept as printed (元 assumed)"))
        return float(v)
    return v


# --------------------------------------------------------------------------- table 四


def parse_table4(text: str, region: tuple[int, int], findings: list[Finding],
                 prov: dict[str, dict], unread: set[str]) -> dict[str, Value]:
    n = normalize_stream(text, region[0], region[1])
    s = n.text
    out = {f"{b}.{c}": None for b in T4_BLOCKS for c in T4_COLUMNS}
    m = _T4_START_RE.search(s)
    if not m:
        findings.append(Finding("STRUCT-T4", "warning", [], "table 四 header not found"))
        unread.update(f"table4.{k}" for k in out)
        return out
    i = m.start()
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
        mm = _NUM_TOKEN_RE.match(s, i)
        is_marker = c in "/-—–无" and _whole_cell(s, i, i + 1)
        if not started and ((mm and mm.group()[0].isdigit()) or is_marker):
            # the data row starts here: empty cells before it on its line are blank cells
            ls = s.rfind("\n", 0, i) + 1
            prefix = s[ls:i]
            if prefix and set(prefix) <= {"|", " "}:
                pieces.extend(Piece("", blank=True, start=n.orig(ls), end=n.orig(ls), raw="")
                              for _ in range(prefix.count("|")))
            first_off = n.orig(i)
            started = True
        if mm and mm.group()[0].isdigit():
            pieces.append(Piece(mm.group(), start=n.orig(i), end=n.orig(mm.end()), raw=mm.group()))
            i = mm.end()
            continue
        if is_marker:
            pieces.append(Piece("", blank=True, start=n.orig(i), end=n.orig(i + 1), raw=c))
            i += 1
            continue
        if c in _T4_HEADER_CHARS or c in "()、,:*":
            i += 1
            continue
        if started:
            break
        # narrative text before the header: keep looking for the header
        m2 = _T4_START_RE.search(s, i + 1)
        if not m2:
            break
        i = m2.start()
    while pieces and pieces[-1].blank and len(pieces) > 15:
        pieces.pop()
    if not pieces:
        findings.append(Finding("STRUCT-T4", "warning", [], "table 四: no numbers after the header"))
        unread.update(f"table4.{k}" for k in out)
        return out
    cands, broken = _t4_candidates(pieces)
    why = "satisfy every rule" if not broken else f"break the fewest block sums ({broken})"
    if not cands:
        findings.append(Finding("STRUCT-T4", "warning", ["table4"],
                                f"could not read 15 cells from '{' '.join(p.raw for p in pieces)[:80]}'"))
        unread.update(f"table4.{k}" for k in out)
        return out
    prov["table4"] = {"offset": first_off, "source": " ".join(p.raw for p in pieces)[:80]}
    keys = list(out)
    for b, blk in enumerate(T4_BLOCKS):
        idx = range(5 * b, 5 * b + 5)
        ambiguous = any(len({c[j] for c in cands}) > 1 for j in idx)
        if ambiguous and all(c[5 * b + 4] is not None and c[5 * b + 4] != sum(c[j] or 0 for j in idx[:-1])
                             for c in cands):
            findings.append(Finding("T4-BLOCK", "error", [f"table4.{keys[j]}" for j in idx],
                                    f"{blk}: every reading of the run-together digits breaks the block sum"))
    for j, key in enumerate(out):
        vals = sorted({c[j] for c in cands}, key=lambda x: (x is None, x or 0))
        if len(vals) == 1:
            out[key] = vals[0]
        else:
            findings.append(Finding("AMBIGUOUS-CELL", "warning", [f"table4.{key}"],
                                    f"digits run together; {len(vals)} readings {why}: "
                                    + ", ".join(str(x) for x in vals), extra={"candidates": vals}))
    return out


def _t4_candidates(pieces: list[Piece]) -> tuple[list[tuple], int]:
    """Splits of the table 四 row that break the fewest block sums (a source may break one).

    Returns the candidates and how many block sums they break.
    """
    for n_kept in (3, 2, 1, 0):
        out: list[tuple] = []
        for kept in itertools.combinations(range(3), n_kept):
            mask = [b in kept for b in range(3)]
            try:
                out += splits(pieces, groups=[5, 5, 5], sum_rule=True, enforce=mask, limit=20000)
            except SplitLimit:
                return [], 0
        if out:
            return sorted(set(out), key=lambda t: tuple((x is None, x or 0) for x in t)), 3 - n_kept
    return [], 0


# --------------------------------------------------------------------------- driver


def parse_tables(text: str, *, version: str | None, regions: Regions) -> TablesResult:
    """Parse the three national tables of a report whose text is ``text``.

    Args:
        text: ``Document.text``.
        version: "2021" or "2019" when the structure already tells; ``None`` to decide here.
        regions: where the tables are (:func:`find_table_regions`).
    """
    findings: list[Finding] = []
    prov: dict[str, dict] = {}
    rows3: list[Row] = []
    if regions.t3:
        rows3, _ = _t3_rows(text, regions.t3)
        v3 = _detect_t3_version(rows3)
        if version is None:
            version = v3
        elif v3 and v3 != version:
            findings.append(Finding("STRUCT-T3-ROWS", "warning", [],
                                    f"table 三 rows look like the {v3} format, table 二 like {version}"))
    if version is None:
        version = "2021"
    tpl = template(version)
    res = TablesResult(version=version)
    if regions.t2:
        res.table2 = parse_table2(text, regions.t2, tpl, findings, prov, res.unreadable)
    else:
        res.table2 = {k: None for k in tpl.table2_keys()}
        res.unreadable.update(f"table2.{k}" for k in res.table2)
        findings.append(Finding("STRUCT-T2", "error", ["table2"], "table 二 not found (no 第二十条 caption)"))
    if regions.t3:
        res.table3 = solve_table3(rows3, tpl, findings, prov, res.unreadable)
    else:
        res.table3 = {k: None for k in tpl.table3_keys()}
        res.unreadable.update(f"table3.{k}" for k in res.table3)
        findings.append(Finding("STRUCT-T3-ROWS", "error", ["table3"],
                                "table 三 not found (no 申请人情况 / 本年新收 header)",
                                expected=len(tpl.table3_rows), actual=0))
    if regions.t4:
        res.table4 = parse_table4(text, regions.t4, findings, prov, res.unreadable)
    else:
        res.table4 = {k: None for k in tpl.table4_keys()}
        res.unreadable.update(f"table4.{k}" for k in res.table4)
        findings.append(Finding("STRUCT-T4", "error", ["table4"], "table 四 not found"))
    res.unreadable.update(f.cells[0] for f in findings if f.rule == "AMBIGUOUS-CELL")
    res.findings = findings
    res.provenance = prov
    return res
