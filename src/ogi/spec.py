"""Former home of the template spec; a thin re-export of :mod:`ogi.template` kept for other branches.

Example:
    >>> from ogi.spec import template
    >>> template("2021").table3_rows[:2]
    ('new_received', 'carried_over')
"""

from __future__ import annotations

from ogi.template import T3_COLUMNS, T4_BLOCKS, T4_COLUMNS, VERSIONS, Table2Block, Template, raw_spec, template

__all__ = ["Template", "Table2Block", "template", "VERSIONS", "T3_COLUMNS", "T4_BLOCKS", "T4_COLUMNS", "raw_spec"]
