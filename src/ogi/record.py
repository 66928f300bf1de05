"""The typed report record (shared/spec/report-json.md) and the helpers for its cell paths.

:class:`Report` holds one parsed report as :class:`Source`, :class:`Meta`, :class:`Section`,
:class:`Finding`, :class:`Statement` and :class:`Claim` objects; ``to_dict()`` gives the JSON
record of the contract byte for byte (key order, optional keys, number types) and
``from_dict()`` reads it back: ``Report.from_dict(rec).to_dict() == rec``.

Tables stay nested dicts (``tables["table3"]["granted"]["total"]``); a cell is named by its
path ``tableN.`` + key (``table3.granted.total``) and a claim on a sum of cells by paths
joined with ``+``.  :func:`flatten_cells`, :func:`nest_cells`, :func:`get_cell`,
:func:`set_cell`, :func:`target_paths`, :func:`join_paths` and :func:`is_cell_path` are the
one implementation of these conventions.

Example:
    >>> f = Finding("T3-ID", "error", ["table3.new_received.total"], "一+二 = 10, 总计 = 9",
    ...             expected=10, actual=9)
    >>> f.to_dict()["expected"], Finding.from_dict(f.to_dict()) == f
    (10, True)
    >>> flatten_cells({"table3": {"granted": {"total": 3}}})
    {'table3.granted.total': 3}
    >>> target_paths("table3.granted.total+table3.partial.total")
    ['table3.granted.total', 'table3.partial.total']
"""

from __future__ import annotations

import dataclasses
import difflib
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, get_args

from ogi.errors import OgiError, UsageError

if TYPE_CHECKING:
    from ogi.document import Document

__all__ = ["SCHEMA", "Report", "Source", "Meta", "Section", "Finding", "Statement", "Claim",
           "RecordError", "Severity", "TemplateName", "SectionKey", "Kind", "Verdict",
           "flatten_cells", "nest_cells", "get_cell", "set_cell", "target_paths", "join_paths",
           "cell_paths", "is_cell_path", "check_cell_path"]

SCHEMA = "ogi.report/1"

Severity = Literal["error", "uncertain", "warning", "info"]
TemplateName = Literal["2021", "2019", "pre2019", "unknown"]


def _template_versions() -> tuple[str, ...]:
    from ogi.template import active_spec

    return active_spec().versions
#: the six sections of the national format; ``extra`` for the other top-level sections of a
#: report in a pre-2019 format (收费及减免, 统计表 …)
SectionKey = Literal["overview", "proactive", "requests", "appeals", "problems", "other", "extra"]
Kind = Literal["problem", "improvement", "other"]
Verdict = Literal["match", "approx", "mismatch", "unverifiable"]

_P = TypeVar("_P", bound="_Part")


class RecordError(OgiError):
    """A dict that is not a record of this schema (a key missing, a value outside its set)."""


@cache
def _allowed(allowed: Any) -> frozenset:
    return frozenset(get_args(allowed))


def _check(part: str, name: str, value: Any, allowed: Any, *, none: bool = False) -> None:
    try:
        if value in _allowed(allowed) or (none and value is None):
            return
    except TypeError:  # an unhashable value is in no set
        pass
    values = get_args(allowed)
    raise RecordError(f"{part}: {name} {value!r} is not one of {', '.join(values)}")


class _Part:
    """What the record parts share: JSON key order, optional keys, the deprecated dict access.

    ``_KEYS`` are written in this order, always; ``_OPTIONAL`` (key -> absent value) are
    written only when set, or when the dict read by :meth:`from_dict` had them; ``extra``
    holds keys the record does not define, written last.  A part read by :meth:`from_dict`
    writes its keys back in the order they were read.
    """

    _KEYS: ClassVar[tuple[str, ...]] = ()
    _OPTIONAL: ClassVar[dict[str, Any]] = {}
    _order: ClassVar[tuple[str, ...]] = ()  # per instance, set by from_dict
    extra: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this part (its containers are shared, not copied)."""
        d = {k: getattr(self, k) for k in self._KEYS}
        for k, absent in self._OPTIONAL.items():
            v = getattr(self, k)
            if v is not absent and v != absent or k in self._order:
                d[k] = v
        d.update(self.extra)
        if self._order and tuple(d) != self._order:
            known = [k for k in self._order if k in d]
            d = {**{k: d[k] for k in known}, **d}
        return d

    @classmethod
    def from_dict(cls: type[_P], d: Mapping[str, Any]) -> _P:
        """The part of a JSON object; unknown keys go to ``extra``.

        Raises:
            RecordError: ``d`` is not a dict, lacks a required key or has a value outside
                its set (a severity, kind, verdict, template or section key).
        """
        name = cls.__name__.lower()
        if not isinstance(d, Mapping):
            raise RecordError(f"{name}: expected an object, got {type(d).__name__}")
        names, required = _field_names(cls)  # type: ignore[arg-type]  # a class is hashable
        missing = [k for k in required if k not in d]
        if missing:
            raise RecordError(f"{name} without {', '.join(missing)}")
        obj = cls(**{k: v for k, v in d.items() if k in names},  # type: ignore[call-arg]
                  extra={k: v for k, v in d.items() if k not in names})
        object.__setattr__(obj, "_order", tuple(d))
        return obj

    # the record was a dict of dicts before 0.2: keep old scripts running, with a warning
    def __getitem__(self, key: str) -> Any:
        _deprecated(self, key)
        return self.to_dict()[key]

    def get(self, key: str, default: Any = None) -> Any:
        """Deprecated: ``part.get("key")`` of the old dict record; use the attribute."""
        _deprecated(self, key)
        return self.to_dict().get(key, default)

    def __contains__(self, key: object) -> bool:
        _deprecated(self, str(key))
        return key in self.to_dict()


@cache
def _field_names(cls: type) -> tuple[frozenset[str], tuple[str, ...]]:
    """A part's field names (without ``extra``) and its required ones, in declaration order."""
    fields = [f for f in dataclasses.fields(cls) if f.name != "extra"]
    required = tuple(f.name for f in fields if f.default is dataclasses.MISSING
                     and f.default_factory is dataclasses.MISSING)
    return frozenset(f.name for f in fields), required


def _deprecated(part: _Part, key: str) -> None:
    name = type(part).__name__
    warnings.warn(f"{name}[{key!r}] reads the record as a dict, which is deprecated and will be "
                  f"removed: use the attribute ({name.lower()}.{key}) or .to_dict()",
                  DeprecationWarning, stacklevel=3)


@dataclass
class Source(_Part):
    """Where the record comes from: ``path``, ``format``, ``sha256`` of the bytes, ``chars``."""

    path: str | None = None
    format: str | None = None
    sha256: str | None = None
    chars: int | None = None
    encoding: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _KEYS = ("path", "format", "sha256", "chars", "encoding")


@dataclass
class Meta(_Part):
    """Title, agency, year, template version and the count of redacted characters."""

    template: TemplateName
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    masked_chars: int | None = None
    template_evidence: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _KEYS = ("title", "agency", "year", "template", "masked_chars", "template_evidence")

    def __post_init__(self) -> None:
        if self.template not in _template_versions():  # a version of a spec in use (ogi.template)
            _check("meta", "template", self.template, TemplateName)


@dataclass
class Section(_Part):
    """One of the six sections: ``heading`` as printed (None when found without one)."""

    key: SectionKey
    heading: str | None
    text: str
    start: int
    end: int
    inferred: bool = False
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _KEYS = ("key", "heading", "text", "start", "end")
    _OPTIONAL = {"inferred": False}

    def __post_init__(self) -> None:
        _check("section", "key", self.key, SectionKey)


@dataclass
class Finding(_Part):
    """Something the parser or a check found: the rule, its cells, expected and printed values.

    Build every finding with this constructor (``Finding(rule, severity, cells, message,
    expected=…, actual=…)``), or :meth:`identity` for an accounting identity.
    ``blank_cells`` and ``candidates`` are written only when set.
    """

    rule: str
    severity: Severity
    cells: list[str]
    message: str
    expected: Any = None
    actual: Any = None
    blank_cells: list[str] | None = field(default=None, kw_only=True)
    candidates: list[Any] | None = field(default=None, kw_only=True)
    extra: dict[str, Any] = field(default_factory=dict, repr=False, kw_only=True)

    _KEYS = ("rule", "severity", "cells", "expected", "actual", "message")
    _OPTIONAL = {"blank_cells": None, "candidates": None}

    def __post_init__(self) -> None:
        _check("finding", "severity", self.severity, Severity)

    @classmethod
    def identity(cls, rule: str, cells: list[str], message: str, *, expected: Any, actual: Any,
                 blank_cells: Iterable[str] = ()) -> Finding:
        """A failing accounting identity: ``error``, or ``uncertain`` when it fails through
        blank cells (listed in ``blank_cells``).

        Example:
            >>> Finding.identity("T4-BLOCK", ["table4.review.total"], "review: 1, 总计 = 2",
            ...                  expected=1, actual=2, blank_cells=["table4.review.other"]).severity
            'uncertain'
        """
        blanks = list(blank_cells)
        return cls(rule, "uncertain" if blanks else "error", cells, message, expected, actual,
                   blank_cells=blanks or None)


@dataclass
class Statement(_Part):
    """A statement of section 五: its ``kind``, ``topics`` (main first) and calibrated ``score``."""

    text: str
    kind: Kind
    topics: list[str] = field(default_factory=list)
    score: float | None = None
    start: int | None = None
    end: int | None = None
    context: str | None = None
    pair: int | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _KEYS = ("text", "kind", "topics", "score", "start", "end", "context", "pair")

    def __post_init__(self) -> None:
        _check("statement", "kind", self.kind, Kind)


@dataclass
class Claim(_Part):
    """A number the narrative states, the cells it counts (``target``) and the verdict.

    ``negated``, ``cells_note`` and ``ratio`` are written only when set.
    """

    quote: str
    value: int | float
    approx: bool = False
    unit: str = ""
    target: str | None = None
    alt_targets: list[str] = field(default_factory=list)
    matched_target: str | None = None
    table_value: int | float | None = None
    verdict: Verdict = "unverifiable"
    section: SectionKey | None = None
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    link: str | None = None
    negated: bool | None = None
    cells_note: str | None = None
    ratio: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _KEYS = ("quote", "value", "approx", "unit", "target", "alt_targets", "matched_target",
             "table_value", "verdict", "section", "start", "end", "confidence", "link")
    _OPTIONAL = {"negated": None, "cells_note": None, "ratio": None}

    def __post_init__(self) -> None:
        _check("claim", "verdict", self.verdict, Verdict)
        _check("claim", "section", self.section, SectionKey, none=True)

    @property
    def paths(self) -> list[str]:
        """The cell paths of ``target`` (``[]`` when the claim has none)."""
        return target_paths(self.target)


@dataclass
class Report:
    """The record of one report; :meth:`to_dict` gives the JSON of report-json.md.

    Example:
        >>> import ogi
        >>> rep = ogi.parse("一、总体情况\\n2024年，本机关共收到政府信息公开申请4件。", statements=False)
        >>> rep.meta.template, [s.key for s in rep.sections]
        ('pre2019', ['overview'])
        >>> Report.from_dict(rep.to_dict()).to_dict() == rep.to_dict()
        True
    """

    source: Source
    meta: Meta
    sections: list[Section]
    tables: dict[str, Any]
    findings: list[Finding]
    statements: list[Statement] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)
    unreadable_cells: list[str] = field(default_factory=list)
    document: Document | None = field(default=None, repr=False, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record (shared/spec/report-json.md)."""
        return {"schema": SCHEMA, "source": self.source.to_dict(), "meta": self.meta.to_dict(),
                "sections": [s.to_dict() for s in self.sections], "tables": self.tables,
                "findings": [f.to_dict() for f in self.findings],
                "statements": [s.to_dict() for s in self.statements],
                "claims": [c.to_dict() for c in self.claims],
                "provenance": self.provenance, "unreadable_cells": self.unreadable_cells,
                **self.extra}

    @classmethod
    def from_dict(cls, rec: Mapping[str, Any]) -> Report:
        """The report of a JSON record (without its document).

        Raises:
            RecordError: not a record of schema ``ogi.report/1``, or a part of it is malformed.
        """
        if not isinstance(rec, Mapping):
            raise RecordError(f"report: expected an object, got {type(rec).__name__}")
        if rec.get("schema") != SCHEMA:
            raise RecordError(f"report: schema {rec.get('schema')!r} is not {SCHEMA}")
        known = ("schema", "source", "meta", "sections", "tables", "findings", "statements",
                 "claims", "provenance", "unreadable_cells")
        return cls(source=Source.from_dict(rec.get("source") or {}),
                   meta=Meta.from_dict(rec.get("meta") or {}),
                   sections=[Section.from_dict(s) for s in rec.get("sections") or ()],
                   tables=rec.get("tables") or {},
                   findings=[Finding.from_dict(f) for f in rec.get("findings") or ()],
                   statements=[Statement.from_dict(s) for s in rec.get("statements") or ()],
                   claims=[Claim.from_dict(c) for c in rec.get("claims") or ()],
                   provenance=rec.get("provenance") or {},
                   unreadable_cells=list(rec.get("unreadable_cells") or ()),
                   extra={k: v for k, v in rec.items() if k not in known})

    def section(self, key: str) -> Section | None:
        """The section ``key`` (``"problems"`` …), or None when the report has none."""
        return next((s for s in self.sections if s.key == key), None)

    def cell(self, path: str) -> Any:
        """The value at a cell path, e.g. ``"table3.new_received.total"`` (None when blank or
        not in the tables; a row path gives its dict).

        Raises:
            UsageError: the path names no cell of the template (a typo would otherwise read
                as a blank cell).
        """
        value = get_cell(self.tables, path, default=_MISSING)
        if value is _MISSING:
            check_cell_path(path, template=self.meta.template, nodes=True)
            return None
        return value


# ----------------------------------------------------------------------------- cell paths

_MISSING: Any = object()


def flatten_cells(tables: Mapping[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    """Nested tables (or one table, or one row) to ``path -> value``, in table order.

    Example:
        >>> flatten_cells({"granted": {"total": 3, "natural_person": 3}}, prefix="table3")
        {'table3.granted.total': 3, 'table3.granted.natural_person': 3}
    """
    out: dict[str, Any] = {}
    for k, v in (tables or {}).items():
        p = f"{prefix}.{k}" if prefix else k
        if isinstance(v, Mapping):
            out.update(flatten_cells(v, p))
        else:
            out[p] = v
    return out


def set_cell(tables: dict[str, Any], path: str, value: Any) -> None:
    """Put ``value`` at ``path`` in nested tables, making the rows on the way."""
    *parents, leaf = path.split(".")
    node = tables
    for p in parents:
        node = node.setdefault(p, {})
    node[leaf] = value


def nest_cells(cells: Mapping[str, Any]) -> dict[str, Any]:
    """``path -> value`` to nested tables (the inverse of :func:`flatten_cells`).

    Example:
        >>> nest_cells({"granted.total": 3, "granted.natural_person": 3})
        {'granted': {'total': 3, 'natural_person': 3}}
    """
    out: dict[str, Any] = {}
    for path, value in cells.items():
        set_cell(out, path, value)
    return out


def get_cell(tables: Mapping[str, Any] | None, path: str, default: Any = None) -> Any:
    """The value at ``path`` in nested tables; ``default`` when the path is not there.

    Example:
        >>> get_cell({"table3": {"granted": {"total": None}}}, "table3.granted.total", default=0) is None
        True
    """
    node: Any = tables
    for p in path.split("."):
        if not isinstance(node, Mapping) or p not in node:
            return default
        node = node[p]
    return node


def target_paths(target: str | None) -> list[str]:
    """The cell paths of a claim target (``a+b``); ``[]`` for None or ``""``."""
    return [p.strip() for p in (target or "").split("+") if p.strip()]


def join_paths(paths: Iterable[str]) -> str:
    """Cell paths joined into one target (``a+b``)."""
    return "+".join(paths)


@lru_cache(maxsize=8)
def cell_paths(template: str) -> frozenset[str]:
    """Every cell path of a template version ("2021" or "2019"), from ``ogi.spec``.

    Raises:
        UsageError: an unknown version.
    """
    from ogi.spec import template as spec_template

    return frozenset(spec_template(template).all_paths())


@lru_cache(maxsize=8)
def _nodes(template: str) -> frozenset[str]:
    return frozenset(p.rsplit(".", i)[0] for p in cell_paths(template) for i in range(1, p.count(".") + 1))


def _versions(template: str) -> tuple[str, ...]:
    # a report without national tables: a path of either version is a path
    return (template,) if template in ("2021", "2019") else ("2021", "2019")


def is_cell_path(path: str, *, template: str, nodes: bool = False) -> bool:
    """Whether ``path`` names a cell of the template (or, with ``nodes``, a table or row).

    Example:
        >>> is_cell_path("table3.granted.total", template="2021")
        True
        >>> is_cell_path("table3.granted", template="2021"), is_cell_path("table3.grantd.total", template="2021")
        (False, False)
    """
    return any(path in cell_paths(v) or (nodes and path in _nodes(v)) for v in _versions(template))


def check_cell_path(path: str, *, template: str, nodes: bool = False) -> str:
    """``path`` when :func:`is_cell_path`, else a :class:`~ogi.errors.UsageError` that names the
    closest paths."""
    if is_cell_path(path, template=template, nodes=nodes):
        return path
    known = sorted(set().union(*(cell_paths(v) for v in _versions(template))))
    close = difflib.get_close_matches(path, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f"{path!r} is not a cell path of template {template}{hint}")
