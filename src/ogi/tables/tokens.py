"""Tokenizer of a table region: labels of template rows, numbers, blank cells, other text.

The region is the normalised text of ``Document.text`` (real table cells joined by ``|``), so
pipe, tab, markdown, space-separated and flattened tables all come out as one token stream.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ogi.normalize import Normalized

__all__ = ["Token", "tokenize_region", "NUM_TOKEN_RE", "whole_cell"]

#: a printed number: digits (maybe with thousands separators), a decimal part, a unit
NUM_TOKEN_RE = re.compile(r"[-减]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:万元|元)?")

# Each number is maximal ((?!\d) after it): without that, a run of n digits could be cut
# into numbers in 2^(n-1) ways and a cell of 30 digits followed by a letter backtracked
# for hours.  The only cells this no longer takes as numeric are malformed thousands such
# as "1,2345" (robustness fix, issue 7).
_NUMERIC_CELL_RE = re.compile(
    r"(?:\s*[-减]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)(?:万元|元)?)+\s*")


@dataclass(slots=True)
class Token:
    kind: str  # "label" | "num" | "blank" | "text" | "nl"
    start: int  # normalised offsets
    end: int
    key: str | None = None
    text: str = ""
    hard_before: bool = False  # a '|' boundary precedes this token


def tokenize_region(n: Normalized, label_re: re.Pattern[str], keys: list[str],
                    numbering: dict[str, str] | None = None) -> list[Token]:
    """Labels, numbers, blank cells and other text of a normalised region, in order.

    Args:
        n: the normalised region.
        label_re: the template's label patterns, one named group ``gN`` per entry of ``keys``.
        keys: the row key of each label pattern.
        numbering: row key -> printed item numeral ("5"), taken into the label when printed.
    """
    tz = _Tokenizer(n.text)
    pos = 0
    for st, en, key in _find_labels(n.text, label_re, keys, numbering or {}):
        if st < pos:
            continue  # overlapping match
        tz.plain(pos, st)
        tz.label(st, en, key)
        pos = en
    tz.plain(pos, len(n.text))
    return tz.tokens


def _find_labels(s: str, label_re: re.Pattern[str], keys: list[str],
                 numbering: dict[str, str]) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of every label match, with its printed item numeral."""
    labels: list[tuple[int, int, str]] = []
    for m in label_re.finditer(s):
        group = m.lastgroup
        if group is None:  # the spec's patterns are all named groups
            continue
        key = keys[int(group[1:])]
        st = m.start()
        num = numbering.get(key)
        if num:
            # take the item numeral printed before the label ("5.属于三类…") with it
            for pat in (num + ".", num + "、"):
                if s.startswith(pat, st - len(pat)):
                    st -= len(pat)
                    break
        labels.append((st, m.end(), key))
    return labels


class _Tokenizer:
    """Token stream of one region; ``hard`` is whether a cell boundary precedes the next token."""

    def __init__(self, s: str) -> None:
        self.s = s
        self.tokens: list[Token] = []
        self.hard = False
        self.lines = _Lines(s)

    def label(self, st: int, en: int, key: str) -> None:
        self._soft("label", st, en, key=key)

    def plain(self, a: int, b: int) -> None:
        """Tokens of ``s[a:b]`` (no labels inside): numbers, blanks, text, boundaries."""
        s = self.s
        i = cell_start = a
        while i < b:
            c = s[i]
            if c in "|\n":
                self._boundary(c, i, a, cell_start)
                i += 1
                cell_start = i
            elif c == " ":
                i += 1
            else:
                # a number starts with a digit or a minus sign (isdigit() is wider than \d)
                j, new_cell = self._number(i, b) if c.isdigit() or c in "-减" else (-1, False)
                if j < 0:
                    j = self._blank_or_text(i, b)
                elif new_cell:
                    cell_start = j
                i = j

    def _soft(self, kind: str, a: int, b: int, key: str | None = None) -> None:
        """A token that takes the pending boundary (label, number, text)."""
        self.tokens.append(Token(kind, a, b, key=key, text=self.s[a:b], hard_before=self.hard))
        self.hard = False

    def _blank(self, a: int, b: int) -> None:
        self.tokens.append(Token("blank", a, b, hard_before=True))

    def _boundary(self, c: str, i: int, a: int, cell_start: int) -> None:
        s = self.s
        if c == "|":
            if s[cell_start:i].strip(" ") == "" and _cell_is_empty(s, cell_start, i):
                self._blank(cell_start, i)
        else:
            if i > 0 and s[i - 1] == "|" and i - 1 >= a:
                self._blank(i, i)  # empty last cell
            self.tokens.append(Token("nl", i, i + 1))
        self.hard = True

    def _number(self, i: int, b: int) -> tuple[int, bool]:
        """A number at ``i``: ``(end, whether a new cell starts there)``, ``(-1, False)`` if none."""
        s = self.s
        m = NUM_TOKEN_RE.match(s, i, b)
        if m is None:
            return -1, False
        tok = m.group()
        if tok[0] in "-减" and not _at_cell_start(s, i) and not s[i + 1:i + 2].isdigit():
            return -1, False
        if self.lines.piped(i) and not _numeric_cell(s, i, self.lines):
            # digits inside a text cell of a table row ("数据1"): the rest of the cell is text
            j = _text_end(s, i, b)
            while j < b and s[j] not in "|\n":
                j += 1
            self._soft("text", i, j)
            return j, False
        j = m.end()
        if j < b and s[j] in ".、" and (j + 1 >= len(s) or not s[j + 1].isdigit()) and tok.isdigit():
            # a numeral that starts the next label: "…00000005.属于…" -> "0000000", "5."
            if len(tok) > 1:
                self._soft("num", i, j - 1)
            # the last digit and its dot begin an (unrecognised) enumerated label
            tend = _text_end(s, j, b)
            self._soft("text", j - 1, tend)
            return tend, True
        self._soft("num", i, j)
        return j, False

    def _blank_or_text(self, i: int, b: int) -> int:
        """A blank marker cell (/ - — 无, a mask) or a run of text at ``i``; returns its end."""
        s = self.s
        c = s[i]
        if c in "/-—–－无" and whole_cell(s, i, i + 1):
            self._blank(i, i + 1)
            return i + 1
        if c == "*" and _is_mask_cell(s, i):
            j = i
            while j < b and s[j] == "*":
                j += 1
            self._blank(i, j)
            return j
        j = _text_end(s, i, b)
        self._soft("text", i, j)
        return j


def _text_end(s: str, i: int, b: int) -> int:
    j = i + 1
    while j < b and s[j] not in "|\n " and not s[j].isdigit():
        j += 1
    return j


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


def whole_cell(s: str, a: int, b: int) -> bool:
    """Whether ``s[a:b]`` is a whole cell (a boundary or a space on both sides)."""
    return (a == 0 or s[a - 1] in "|\n ") and (b >= len(s) or s[b] in "|\n ")


def _cell_is_empty(s: str, a: int, b: int) -> bool:
    # an empty cell between two '|' (not the start of a line)
    return a > 0 and s[a - 1] == "|"


def _is_mask_cell(s: str, i: int) -> bool:
    j = i
    while j < len(s) and s[j] == "*":
        j += 1
    return whole_cell(s, i, j)
