"""The national template as data: the single source of truth of tables 二/三/四, sections and rules.

Everything ogi knows about the 2019 and 2021 formats (row and column keys, labels and the
patterns that find them, section headings and their variants, the signals that tell the
versions apart, the accounting identities) is read from ``resources/template-spec.json`` by
this package; the parser, the checks and the generator read it from here.  A new version is a
new entry of the JSON (see :func:`use_spec` and ``OGI_TEMPLATE_SPEC`` to try one).

Modules: :mod:`~ogi.template.model` (typed rows, columns, blocks, sections, one version),
:mod:`~ogi.template.identities` (``Identity(id, lhs, rhs)``, violations, implied values),
:mod:`~ogi.template.labels` (compiled label patterns), :mod:`~ogi.template.build` (JSON to a
version), :mod:`~ogi.template.load` (files, the active spec).

Example:
    >>> from ogi.template import template
    >>> tpl = template("2021")
    >>> len(tpl.table3_rows), tpl.table3_column_keys[-1]
    (25, 'total')
    >>> ident = tpl.identity("T4-BLOCK", "review")
    >>> ident.violation({"table4.review.upheld": 1, "table4.review.corrected": 0, "table4.review.other": 0,
    ...                  "table4.review.pending": 0, "table4.review.total": 2})["message"]
    'review: 维持+纠正+其他+尚未审结 = 1, 总计 = 2'
"""

from __future__ import annotations

from ogi.template.identities import Identity, Number, Rule, violations
from ogi.template.labels import GROUP_PREFIX, LabelSet
from ogi.template.load import (
    DEFAULT_SPEC_PATH,
    SPEC_ENV,
    SpecError,
    TemplateSpec,
    active_spec,
    load_spec,
    raw_spec,
    template,
    use_spec,
)
from ogi.template.model import (
    SectionSpec,
    Table2Block,
    Table2Column,
    Table2Row,
    Table3Column,
    Table3Row,
    Table4Column,
    Template,
)

__all__ = [
    "Template", "TemplateSpec", "Table2Block", "Table2Column", "Table2Row", "Table3Column", "Table3Row",
    "Table4Column", "SectionSpec", "Identity", "Rule", "Number", "violations", "LabelSet", "GROUP_PREFIX",
    "SpecError", "SPEC_ENV", "DEFAULT_SPEC_PATH", "load_spec", "active_spec", "use_spec", "template", "raw_spec",
    "VERSIONS", "T3_COLUMNS", "T3_APPLICANT_COLUMNS", "T4_BLOCKS", "T4_COLUMNS",
]


def _shipped() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    spec = load_spec()
    newest = spec.templates[0]
    return spec.versions, newest.table3_column_keys, newest.table4_blocks, newest.table4_parts


#: Constants of the packaged spec (code that must follow a spec given with :func:`use_spec`
#: reads them from :func:`template` instead): the versions, newest first; the seven columns
#: of table 三; its six applicant columns; the blocks of table 四 and the columns of a block.
VERSIONS, T3_COLUMNS, T4_BLOCKS, T4_COLUMNS = _shipped()
T3_APPLICANT_COLUMNS: tuple[str, ...] = T3_COLUMNS[:-1]
