"""Load ``template-spec.json`` into typed templates, and choose which spec is in use.

The packaged spec (``resources/template-spec.json``, ogi's copy of shared/spec/template-spec.json
with the fields ogi reads: label patterns, section patterns and variants, detection signals,
rule operands and messages) is the default.  Another spec file, for instance with a new
template version, is used

- for a block of code: ``with use_spec("my-spec.json"): ...`` (a context variable: nothing
  leaks out of the block, threads and other contexts keep their own);
- for a whole process and its workers: the environment variable ``OGI_TEMPLATE_SPEC``.

A spec that cannot be used raises :class:`SpecError` naming the file and the field.

Example:
    >>> spec = load_spec()
    >>> spec.versions
    ('2021', '2019')
    >>> with use_spec(spec):
    ...     active_spec() is spec
    True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ogi.errors import UsageError
from ogi.paths import RESOURCES_DIR
from ogi.template.build import build_version
from ogi.template.labels import GROUP_PREFIX, LabelSet
from ogi.template.model import Template

__all__ = ["SpecError", "TemplateSpec", "SPEC_ENV", "DEFAULT_SPEC_PATH", "load_spec", "active_spec",
           "use_spec", "template", "raw_spec"]

#: environment variable naming the spec file to use instead of the packaged one
SPEC_ENV = "OGI_TEMPLATE_SPEC"
#: the packaged spec
DEFAULT_SPEC_PATH = RESOURCES_DIR / "template-spec.json"


class SpecError(UsageError):
    """A template spec file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True, eq=False)
class TemplateSpec:
    """A loaded spec: every template version it defines (compared and hashed by identity).

    Attributes:
        path: the file it was read from.
        raw: the parsed JSON (read only by convention).
        templates: the versions, newest first (by ``first_report_year``).
        file_order: the version names in the order of the file.
        national_signals: patterns of the national format (any version).
        pre2019_signals: patterns of the reports written before 2019.
    """

    path: str
    raw: dict
    templates: tuple[Template, ...]
    file_order: tuple[str, ...]
    national_signals: tuple[str, ...]
    pre2019_signals: tuple[str, ...]

    @property
    def versions(self) -> tuple[str, ...]:
        """Version names, newest first."""
        return tuple(t.version for t in self.templates)

    def version(self, version: str) -> Template:
        """The :class:`~ogi.template.model.Template` of ``version``.

        Raises:
            UsageError: an unknown version (the message lists the valid ones).
        """
        tpl = self._by_version.get(version)
        if tpl is None:
            raise UsageError(f"unknown template version {version!r}; valid: {', '.join(self.versions)}")
        return tpl

    @cached_property
    def _by_version(self) -> dict[str, Template]:
        return {t.version: t for t in self.templates}

    def _in_file_order(self) -> list[Template]:
        return [self._by_version[v] for v in self.file_order]

    @cached_property
    def table3_labels(self) -> LabelSet:
        """Label patterns of table 三's rows, over every version (see :mod:`ogi.template.labels`)."""
        data = {k for t in self.templates for k in t.table3_rows}
        patterns: dict[str, list[str]] = {}
        numbering: dict[str, str | None] = {}
        for tpl in self.templates:
            # newest version first; a version's data rows, then its group rows (the order the
            # alternatives are tried in when two could match at one place)
            ordered = sorted(tpl.table3_row_specs, key=lambda r: r.kind != "data")
            for row in ordered:
                key = row.key if row.key in data else GROUP_PREFIX + row.key
                pats = patterns.setdefault(key, [])
                pats.extend(p for p in row.label_patterns if p not in pats)
                if row.take_numbering:
                    numbering.setdefault(key, row.numbering)
        return LabelSet(tuple((k, "|".join(p), numbering.get(k)) for k, p in patterns.items() if p))

    @cached_property
    def table2_labels(self) -> LabelSet:
        """Label patterns of table 二's rows, over every version."""
        patterns: dict[str, list[str]] = {}
        for tpl in self._in_file_order():
            for block in tpl.table2:
                for row in block.row_specs:
                    pats = patterns.setdefault(row.key, [])
                    pats.extend(p for p in row.label_patterns if p not in pats)
        return LabelSet(tuple((k, "|".join(p), None) for k, p in patterns.items() if p))

    @cached_property
    def section_patterns(self) -> dict[str, str]:
        """Section key -> the wording pattern of its heading, over every version."""
        out: dict[str, list[str]] = {}
        for tpl in self._in_file_order():
            for sec in tpl.sections:
                pats = out.setdefault(sec.key, [])
                if sec.pattern not in pats:
                    pats.append(sec.pattern)
        return {k: p[0] if len(p) == 1 else "(?:" + "|".join(p) + ")" for k, p in out.items()}

    @cached_property
    def section_standards(self) -> dict[str, tuple[str, ...]]:
        """Section key -> its standard wordings without numeral and 、 (``总体情况``), over every version."""
        out: dict[str, list[str]] = {}
        for tpl in self._in_file_order():
            for sec in tpl.sections:
                std = re.sub(r"^[一二三四五六七八九十]+[、．.]", "", sec.heading).replace("、", "")
                words = out.setdefault(sec.key, [])
                if std not in words:
                    words.append(std)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def table3_version_rows(self) -> tuple[tuple[str, frozenset[str], bool], ...]:
        """What table 三 alone says about the version, newest version first.

        Each entry is ``(version, rows, needs_values)``: a report has ``version`` when one of
        ``rows`` (data rows of no other version) is present; with ``needs_values`` (their
        label is a group label in another version) only when that row holds numbers.
        """
        out = []
        for tpl in self.templates:
            others = [t for t in self.templates if t is not tpl]
            unique = {k for k in tpl.table3_rows if not any(k in t.table3_rows for t in others)}
            if not unique:
                continue
            labelled_elsewhere = {r.key for t in others for r in t.table3_row_specs}
            out.append((tpl.version, frozenset(unique), bool(unique & labelled_elsewhere)))
        return tuple(out)


def _fail(path: str, reason: str) -> SpecError:
    return SpecError(f"template spec: {reason}", path=path)


def _build_spec(raw: Any, path: str) -> TemplateSpec:
    if not isinstance(raw, dict) or not isinstance(raw.get("versions"), dict) or not raw["versions"]:
        raise _fail(path, "no 'versions' object")
    templates = []
    for name, body in raw["versions"].items():
        try:
            templates.append(build_version(name, body))
        except KeyError as e:
            raise _fail(path, f"version {name}: missing field {e}") from None
        except (TypeError, ValueError, AttributeError) as e:
            raise _fail(path, f"version {name}: {e}") from None
    detection = raw.get("detection") or {}
    templates.sort(key=lambda t: -t.first_report_year)
    spec = TemplateSpec(path=path, raw=raw, templates=tuple(templates), file_order=tuple(raw["versions"]),
                        national_signals=tuple(detection.get("national", ())),
                        pre2019_signals=tuple(detection.get("pre2019", ())))
    try:
        for p in (*spec.national_signals, *spec.pre2019_signals):
            re.compile(p)
        spec.table3_labels.regex  # noqa: B018 - compile now: a bad pattern fails here, naming the file
        spec.table2_labels.regex  # noqa: B018
    except re.error as e:
        raise _fail(path, f"bad pattern: {e}") from None
    return spec


@lru_cache(maxsize=8)
def _load(path: str, _mtime_ns: int, _size: int) -> TemplateSpec:
    try:
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
    except (OSError, UnicodeDecodeError) as e:
        raise _fail(path, f"cannot read ({e.__class__.__name__}: {e})") from None
    except json.JSONDecodeError as e:
        raise _fail(path, f"not valid JSON ({e})") from None
    return _build_spec(raw, path)


def load_spec(path: str | os.PathLike[str] | None = None) -> TemplateSpec:
    """Read a spec file (the packaged one when ``path`` is None); cached while the file is unchanged.

    Raises:
        SpecError: the file is missing, not JSON, or not a usable spec.
    """
    p = str(DEFAULT_SPEC_PATH if path is None else Path(path))
    try:
        st = os.stat(p)
    except OSError as e:
        raise _fail(p, f"cannot read ({e.__class__.__name__}: {e.strerror})") from None
    return _load(p, st.st_mtime_ns, st.st_size)


_ACTIVE: ContextVar[TemplateSpec | None] = ContextVar("ogi_template_spec", default=None)


@lru_cache(maxsize=1)
def _packaged() -> TemplateSpec:
    return load_spec()


def active_spec() -> TemplateSpec:
    """The spec in use: the innermost :func:`use_spec`, else ``$OGI_TEMPLATE_SPEC``, else the packaged one."""
    spec = _ACTIVE.get()
    if spec is not None:
        return spec
    env = os.environ.get(SPEC_ENV)
    return load_spec(env) if env else _packaged()


@contextmanager
def use_spec(spec: TemplateSpec | str | os.PathLike[str]) -> Iterator[TemplateSpec]:
    """Use ``spec`` (a loaded spec or a file) inside a ``with`` block; the previous one after it.

    Example:
        >>> with use_spec(DEFAULT_SPEC_PATH) as spec:
        ...     template("2019").version
        '2019'
    """
    loaded = spec if isinstance(spec, TemplateSpec) else load_spec(spec)
    token = _ACTIVE.set(loaded)
    try:
        yield loaded
    finally:
        _ACTIVE.reset(token)


def template(version: str) -> Template:
    """The :class:`~ogi.template.model.Template` of ``version`` in the active spec.

    Raises:
        UsageError: an unknown version.

    Example:
        >>> template("2021").table3_rows[:2]
        ('new_received', 'carried_over')
    """
    return active_spec().version(version)


def raw_spec() -> dict:
    """The parsed JSON of the active spec."""
    return active_spec().raw
