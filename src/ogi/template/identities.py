"""The accounting identities of the national tables as data: ``sum(lhs) == sum(rhs)`` over cell paths.

A rule of ``template-spec.json`` (``T3-ID``, ``T3-ROWSUM``, ``T3-RESULTS``, ``T4-BLOCK``) names
its operands; the loader expands it into one :class:`Identity` per column, row or block.
``lhs`` is the side computed from parts and ``rhs`` the printed total side: a finding reports
``sum(lhs)`` as ``expected`` and ``sum(rhs)`` as ``actual`` and lists the cells ``lhs + rhs``.

Semantics, the same everywhere (checks, the table 三 solver, the generator):

- a blank cell (``None``) counts as 0 in sums; an absent path is unknown;
- a finding through a blank cell has severity ``uncertain`` instead of the rule's;
- a rule with ``blank_rhs`` (T3-ROWSUM: the 总计 column is often left blank) does not fail on
  a blank total; :meth:`Identity.violation` then reports an ``uncertain`` finding when the parts
  do not add up to 0;
- an identity through an unreadable cell (ambiguous digits, a row not found) is not checked.

Example:
    >>> ident = Identity("T4-BLOCK", ("review.upheld", "review.pending"), ("review.total",))
    >>> ident.broken({"review.upheld": 1, "review.pending": None, "review.total": 2})
    True
    >>> ident.implied({"review.upheld": 1, "review.pending": None}, "review.total")
    1
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Rule", "Identity", "violations", "Number"]

Number = int | float


@dataclass(frozen=True)
class Rule:
    """One rule of the spec (identities and the rules that are not about one report's cells).

    Attributes:
        id: ``T3-ID`` …
        severity: of a failure through no blank cell.
        desc: the spec's description.
        table: ``table3`` / ``table4`` for identities, ``None`` otherwise.
        per: ``column``, ``row`` or ``block``: what one instance is about.
        lhs, rhs: row keys (per column), column keys (per row) or block parts (per block).
        message: finding message, with ``{column}``/``{row}``/``{block}``, ``{expected}``, ``{actual}``.
        blank_rhs_severity, blank_rhs_message: when set, a blank total is not a failure but
            this finding (if the parts are not 0).
        solver_anchors: the table 三 solver weighs the rule for a set of rows only when one of
            these rows was read (other rows missing count as 0).
    """

    id: str
    severity: str
    desc: str = ""
    table: str | None = None
    per: str | None = None
    lhs: tuple[str, ...] = ()
    rhs: tuple[str, ...] = ()
    message: str = ""
    blank_rhs_severity: str | None = None
    blank_rhs_message: str = ""
    solver_anchors: tuple[str, ...] = ()


def _num(v: Any) -> Number:
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def _tidy(x: Number) -> Number:
    return int(x) if float(x).is_integer() else round(x, 6)


def _side(cells: Mapping[str, Any], paths: tuple[str, ...]) -> Number:
    """A side's value: one cell as printed (blank = 0), several cells summed and tidied."""
    if len(paths) == 1:
        return _num(cells.get(paths[0]))
    return _tidy(sum(_num(cells.get(p)) for p in paths))


def _total(values: list[Any]) -> Number:
    """:func:`_side` over values already looked up."""
    if len(values) == 1:
        return _num(values[0])
    return _tidy(sum(_num(v) for v in values))


@dataclass(frozen=True)
class Identity:
    """One instance of an accounting rule: ``sum(lhs) == sum(rhs)`` over cell paths.

    Attributes:
        id: the rule id (``T3-ID``).
        lhs: paths of the computed side.
        rhs: paths of the printed total side.
        where: the column, row or block key this instance is about.
        rule: the :class:`Rule` it instantiates (severity, message); ``None`` for a bare identity.
    """

    id: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    where: str = ""
    rule: Rule | None = field(default=None, compare=False, repr=False)

    @property
    def paths(self) -> tuple[str, ...]:
        """Every cell of the identity, ``lhs`` then ``rhs``."""
        return self.lhs + self.rhs

    def sums(self, cells: Mapping[str, Any]) -> tuple[Number, Number]:
        """``(sum(lhs), sum(rhs))``, blank and absent cells counting as 0."""
        return _side(cells, self.lhs), _side(cells, self.rhs)

    def broken(self, cells: Mapping[str, Any], *, blank_rhs_holds: bool | None = None) -> bool:
        """True when the two sides differ (blank and absent cells count as 0).

        Args:
            cells: path -> value.
            blank_rhs_holds: a blank (``None``) total never breaks the identity; by default
                as the rule says (T3-ROWSUM), ``True`` when reading digits (a blank total
                cannot be checked).
        """
        holds = (self.rule is not None and self.rule.blank_rhs_severity is not None
                 if blank_rhs_holds is None else blank_rhs_holds)
        if holds and any(cells.get(p) is None for p in self.rhs):
            return False
        lhs, rhs = self.sums(cells)
        return lhs != rhs

    def implied(self, cells: Mapping[str, Any], path: str) -> Number | None:
        """The value the identity gives ``path`` when every other cell is known.

        Args:
            cells: the known cells (path -> value; ``None`` is a blank cell, counted as 0).
            path: one of the identity's cells.

        Returns:
            The value, or ``None`` when ``path`` is not a term or another term is unknown.
        """
        if path not in self.lhs and path not in self.rhs:
            return None
        if any(p not in cells for p in self.paths if p != path):
            return None
        lhs = sum(_num(cells[p]) for p in self.lhs if p != path)
        rhs = sum(_num(cells[p]) for p in self.rhs if p != path)
        return rhs - lhs if path in self.lhs else lhs - rhs

    def violation(self, cells: Mapping[str, Any], *,
                  unreadable: Collection[str] = frozenset()) -> dict | None:
        """The finding this identity gives on ``cells`` (path -> value), or ``None``.

        Not checked when a cell is unreadable or every cell is blank (see the module docstring).
        """
        terms = self.lhs + self.rhs
        if unreadable and any(p in unreadable for p in terms):
            return None
        get = cells.get
        values = [get(p) for p in terms]
        if all(v is None for v in values):
            return None
        n = len(self.lhs)
        expected, actual = _total(values[:n]), _total(values[n:])
        rule = self.rule
        if rule is not None and rule.blank_rhs_severity is not None and len(self.rhs) == 1 \
                and values[n] is None:
            if not expected:
                return None
            return {"rule": self.id, "severity": rule.blank_rhs_severity, "cells": list(terms),
                    "expected": expected, "actual": None, "blank_cells": [self.rhs[0]],
                    "message": self._message(rule.blank_rhs_message, expected, None)}
        if expected == actual:
            return None
        blanks = [p for p, v in zip(terms, values) if v is None]
        severity = rule.severity if rule is not None else "error"
        return {"rule": self.id, "severity": "uncertain" if blanks else severity, "cells": list(terms),
                "expected": expected, "actual": actual,
                "message": self._message(rule.message if rule is not None else "", expected, actual),
                **({"blank_cells": blanks} if blanks else {})}

    def _message(self, template: str, expected: Number, actual: Number | None) -> str:
        if not template:
            return f"{self.where or self.id}: {' + '.join(self.lhs)} = {expected}, {' + '.join(self.rhs)} = {actual}"
        per = self.rule.per if self.rule is not None and self.rule.per else "where"
        return template.format(**{per: self.where}, expected=expected, actual=actual)


def violations(identities: Iterable[Identity], cells: Mapping[str, Any], *,
               unreadable: Collection[str] = frozenset()) -> list[dict]:
    """The findings of every failing identity, in the order of ``identities``.

    Example:
        >>> rows = Identity("T3-ROWSUM", ("granted.natural_person",), ("granted.total",))
        >>> [f["expected"] for f in violations([rows], {"granted.natural_person": 3, "granted.total": 4})]
        [3]
    """
    out = []
    for ident in identities:
        f = ident.violation(cells, unreadable=unreadable)
        if f is not None:
            out.append(f)
    return out
