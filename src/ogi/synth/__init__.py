"""Synthetic annual reports (政府信息公开工作年度报告) with known truth.

The generator writes reports in a national format (2019 trial, 2021 version, or any version of
the active template spec, :func:`ogi.template.use_spec`) with invented agencies, narrative
sections in the usual register and tables 二/三/四 whose numbers satisfy the template's
accounting identities (unless violations are asked for).  Each report comes with its truth in
the gold format of ``spec/gold.md``, so it can serve as a test fixture, a scale benchmark or a
shipped sample.

The same report model is rendered in eight layouts that mimic how reports really
arrive: ``pipe`` (cells joined by ``' | '`` like the redacted seed report), ``flat``
(a crawler copy: the body on one line, table cells run together), ``tab``,
``markdown``, ``space`` (text extracted from a PDF), ``html`` (a web page with chrome
around real ``<table>`` elements), ``docx`` and ``pdf``.

Modules: :mod:`~ogi.synth.generate` (the entry points), :mod:`~ogi.synth.options` (versions,
layouts, styles), :mod:`~ogi.synth.shape` (the template as the generator sees it, and the
identities that fail), :mod:`~ogi.synth.values` (table values, blank cells),
:mod:`~ogi.synth.violations`, :mod:`~ogi.synth.agencies`, :mod:`~ogi.synth.model` (the report
model, maskable spans), :mod:`~ogi.synth.narrative` (sections 一 and 六, headings; section 五 is
:func:`ogi.nlp.synthetic.report_section`),
:mod:`~ogi.synth.grids` (the tables as cells),
:mod:`~ogi.synth.document` (one report model), :mod:`~ogi.synth.mismatches` (narrative numbers
off the table), :mod:`~ogi.synth.digits` and :mod:`~ogi.synth.oracle` (the flat layout's
ambiguous cells), :mod:`~ogi.synth.render` (the eight layouts), :mod:`~ogi.synth.report`.

Example:
    >>> from ogi.synth import generate
    >>> report = generate(7, template="2021", layout="pipe")
    >>> report.name, report.suffix
    ('synth-2021-pipe-7', '.txt')
    >>> sorted(report.truth["tables"])
    ['table2', 'table3', 'table4']
"""

from __future__ import annotations

from ogi.synth.generate import generate, write_corpus
from ogi.synth.mismatches import MISMATCH_TARGETS
from ogi.synth.options import BLANK_LAYOUTS, LAYOUTS, STYLES, TEMPLATES, resolve_styles, resolve_templates
from ogi.synth.report import SynthReport

__all__ = ["SynthReport", "generate", "write_corpus", "resolve_styles", "resolve_templates", "TEMPLATES",
           "LAYOUTS", "STYLES", "BLANK_LAYOUTS", "MISMATCH_TARGETS"]
