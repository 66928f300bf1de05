"""Tables 二/三/四 from any rendering: labels matched against the template, cells solved.

The parser works on the text of a table region (``Document.text``, where real table cells
are joined by ``|``), so HTML, DOCX, PDF tables, pipe/tab/markdown text, space-separated PDF
text and flattened crawls with no separators at all go through one code path:

1. :func:`~ogi.tables.tokens.tokenize_region` turns the normalised region into labels (rows
   of the template, found by keywords), numeric pieces, blank cells and other text;
2. :func:`~ogi.tables.rows.assemble_rows` groups pieces into rows, each with its template
   key when its label survived or ``None`` when it did not (masked, OCR-damaged, or split
   off in conversion);
3. :func:`~ogi.tables.rows.align_rows` places the unlabelled rows by template order between
   labelled ones;
4. :func:`~ogi.tables.table3.solve_table3` enumerates the splits of each row
   (:mod:`ogi.splitting`) and :mod:`ogi.tables.solver` keeps the combinations that break the
   fewest column identities; a cell whose value differs between the surviving combinations
   is null with an ``AMBIGUOUS-CELL`` finding.

A number the source printed is never changed: the rules only choose among the ways to
read the printed digits.

Modules: ``regions`` (where each table is), ``tokens``, ``rows``, ``table2``, ``table3``,
``solver``, ``table4``, ``result`` (:class:`TablesResult`), ``driver``
(:func:`parse_tables`).  Findings are :class:`ogi.record.Finding`; label patterns, row keys,
identities and columns come from :mod:`ogi.template`.
"""

from __future__ import annotations

from ogi.tables.driver import parse_tables
from ogi.tables.regions import Regions, find_table_regions
from ogi.tables.result import TablesResult
from ogi.tables.rows import Row, align_rows, assemble_rows
from ogi.tables.table2 import parse_table2
from ogi.tables.table3 import solve_table3
from ogi.tables.table4 import parse_table4
from ogi.tables.tokens import Token, tokenize_region
from ogi.template import load_spec

__all__ = ["TablesResult", "Regions", "parse_tables", "find_table_regions", "T3_LABELS",
           "Token", "Row", "tokenize_region", "assemble_rows", "align_rows",
           "parse_table2", "solve_table3", "parse_table4"]

#: keyword patterns of the table rows come from the template spec (``label_patterns`` of
#: template-spec.json, compiled once per spec): ``active_spec().table3_labels`` /
#: ``.table2_labels``.  ``T3_LABELS`` is the list of the packaged spec, kept for importers.
T3_LABELS: list[tuple[str, str, str | None]] = load_spec().table3_labels.as_list()
