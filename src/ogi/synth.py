"""Synthetic annual reports (政府信息公开工作年度报告) with known truth.

The generator writes reports in the national format (2019 trial or 2021 version) with
invented agencies, narrative sections in the usual register and tables 二/三/四 whose
numbers satisfy the accounting identities of ``template-spec.json`` (unless violations
are asked for).  Each report comes with its truth in the gold format of
``spec/gold.md``, so it can serve as a test fixture, a scale benchmark or a shipped
sample.

The same report model is rendered in eight layouts that mimic how reports really
arrive: ``pipe`` (cells joined by ``' | '`` like the redacted seed report), ``flat``
(a crawler copy: the body on one line, table cells run together), ``tab``,
``markdown``, ``space`` (text extracted from a PDF), ``html`` (a web page with chrome
around real ``<table>`` elements), ``docx`` and ``pdf``.

Example:
    >>> from ogi.synth import generate
    >>> report = generate(7, template="2021", layout="pipe")
    >>> report.name, report.suffix
    ('synth-2021-pipe-7', '.txt')
    >>> sorted(report.truth["tables"])
    ['table2', 'table3', 'table4']
"""

from __future__ import annotations

import datetime as _dt
import functools
import html as _html
import io
import json
import random
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal, get_args

from ogi.errors import UsageError
from ogi.template import T4_BLOCKS, T4_COLUMNS, TemplateSpec, active_spec

__all__ = ["SynthReport", "generate", "write_corpus", "resolve_styles", "resolve_templates", "TEMPLATES",
           "LAYOUTS", "STYLES", "BLANK_LAYOUTS", "MISMATCH_TARGETS"]

Template = Literal["2021", "2019"]
Layout = Literal["pipe", "flat", "tab", "markdown", "space", "html", "docx", "pdf"]

#: The template versions the generator knows.
TEMPLATES: tuple[str, ...] = get_args(Template)
#: The layouts the generator can render.
LAYOUTS: tuple[str, ...] = get_args(Layout)
#: Style names of ``ogi synth --style``: the layouts, two aliases and ``mixed`` (cycle through all).
STYLES: dict[str, tuple[str, ...]] = {
    **{lay: (lay,) for lay in LAYOUTS}, "md": ("markdown",), "joined": ("flat",), "mixed": LAYOUTS}
#: Layouts that can carry blank table cells (in the others blank cells vanish).
BLANK_LAYOUTS: frozenset[str] = frozenset({"pipe", "tab", "markdown", "html", "docx"})

_SUFFIX = {"pipe": ".txt", "flat": ".txt", "tab": ".txt", "space": ".txt", "markdown": ".md",
           "html": ".html", "docx": ".docx", "pdf": ".pdf"}
_SECTION_KEYS = ("overview", "proactive", "requests", "appeals", "problems", "other")
_ORD = "一二三四五六七八九十"
_T4_BLOCKS = T4_BLOCKS
_T4_PARTS = T4_COLUMNS
_FIXED_TIME = _dt.datetime(2000, 1, 1, 0, 0, 0)

# Mask markers: \ue000 key \ue002 text \ue001 (private-use characters never in real text).
_M_OPEN, _M_SEP, _M_CLOSE = "\ue000", "\ue002", "\ue001"
_MARK_RE = re.compile(f"{_M_OPEN}([^{_M_SEP}]*){_M_SEP}([^{_M_CLOSE}]*){_M_CLOSE}")
_MASKABLE_RE = re.compile(r"⟦([^⟧]*)⟧")
_MASK = "****"


# --------------------------------------------------------------------------- public API


@dataclass
class SynthReport:
    """One generated report and its truth.

    Attributes:
        name: File stem, e.g. ``synth-2021-pipe-7``.
        suffix: File suffix: ``.txt``, ``.md``, ``.html``, ``.docx`` or ``.pdf``.
        content: The report file's bytes (UTF-8 text for the text layouts).
        truth: The gold record (format of ``spec/gold.md``) plus ``expected_findings``,
            ``changed_cells`` and ``synth`` (the generation options).
    """

    name: str
    suffix: str
    content: bytes
    truth: dict

    @property
    def filename(self) -> str:
        """The report's file name (``name`` + ``suffix``)."""
        return self.name + self.suffix

    def write(self, directory: str | Path) -> Path:
        """Write the report and its gold file.

        Args:
            directory: Target directory; created when missing.  The gold file goes to
                ``<directory>/gold/<name>.json``.

        Returns:
            The path of the written report file.
        """
        out = Path(directory)
        (out / "gold").mkdir(parents=True, exist_ok=True)
        path = out / self.filename
        path.write_bytes(self.content)
        gold = json.dumps(self.truth, ensure_ascii=False, indent=1) + "\n"
        (out / "gold" / f"{self.name}.json").write_text(gold, encoding="utf-8")
        return path


def generate(
    seed: int,
    *,
    template: Template = "2021",
    layout: Layout = "pipe",
    agency: str | None = None,
    year: int | None = None,
    mask: float = 0.0,
    blanks: bool = False,
    violations: int = 0,
    mismatches: int = 0,
) -> SynthReport:
    """Generate one synthetic annual report with its truth.

    The result depends only on the arguments: the same seed and options give the same
    bytes (PDFs are written with reportlab's invariant mode, DOCX with fixed
    timestamps).

    Args:
        seed: Seed of the report's own ``random.Random``.
        template: National format version, ``"2021"`` or ``"2019"``.
        layout: How the report is rendered (see :data:`LAYOUTS`).
        agency: Agency name; an invented one when ``None``.
        year: Report year; drawn from the years the template applies to when ``None``.
        mask: Fraction (0–1) of the maskable spans (agency name, contact details, parts
            of headings, table-row labels, some narrative phrases) replaced by ``****``.
            When the agency is masked the truth's ``agency`` is ``None``.
        blanks: Leave some zero cells blank (``null`` in the truth).  Only applied in
            layouts that can carry blank cells (:data:`BLANK_LAYOUTS`); ignored, with a
            note, elsewhere.
        violations: Number of printed cells changed so that an accounting identity
            fails; the failing rules are listed in ``truth["expected_findings"]``.
        mismatches: Number of numbers in the narrative (applications received, carried
            over, concluded, granted, reviews …) changed so that they disagree with the
            table; each is a claim with verdict ``mismatch`` in ``truth["claims"]`` (fewer
            when the narrative states fewer such numbers).  The tables are unchanged.

    Returns:
        The generated :class:`SynthReport`.

    Raises:
        UsageError: An option has a value outside its valid range.
    """
    _check_choice("template", template, TEMPLATES)
    _check_choice("layout", layout, LAYOUTS)
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise UsageError(f"seed must be an integer, got {seed!r}")
    if not isinstance(mask, (int, float)) or isinstance(mask, bool) or not 0.0 <= mask <= 1.0:
        raise UsageError(f"mask must be a number from 0 to 1, got {mask!r}")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool) or not 2019 <= year <= 2100):
        raise UsageError(f"year must be an integer from 2019 to 2100, got {year!r}")
    if agency is not None and (not isinstance(agency, str) or not agency.strip()):
        raise UsageError(f"agency must be a non-empty string, got {agency!r}")
    spec = _Spec.load(template)
    max_violations = len(spec.t3_data_rows) + len(_T4_BLOCKS)
    if not isinstance(violations, int) or isinstance(violations, bool) or not 0 <= violations <= max_violations:
        raise UsageError(f"violations must be an integer from 0 to {max_violations}, got {violations!r}")
    if (not isinstance(mismatches, int) or isinstance(mismatches, bool)
            or not 0 <= mismatches <= len(MISMATCH_TARGETS)):
        raise UsageError(f"mismatches must be an integer from 0 to {len(MISMATCH_TARGETS)}, got {mismatches!r}")

    rng = random.Random(seed)
    if year is None:
        year = rng.choice([2021, 2022, 2023, 2024, 2025] if template == "2021" else [2019, 2020])
    ag = _make_agency(rng, agency)
    use_blanks = blanks and layout in BLANK_LAYOUTS
    vals, txt, scale = _gen_values(rng, spec, allow_jian=layout != "flat")
    notes: list[str] = [
        f"Synthetic report generated by ogi.synth (seed={seed}, template={template}, layout={layout}, "
        f"mask={mask}, blanks={blanks}, violations={violations}); scale profile '{scale}'. "
        "Texts in the truth are given without the layout's line wrapping; compare them ignoring white space."
    ]
    if use_blanks:
        notes.append(_apply_blanks(rng, spec, vals, txt))
    elif blanks:
        notes.append(f"blanks=True was not applied: the {layout} layout cannot carry blank cells.")
    changed, expected = _apply_violations(rng, spec, vals, txt, violations)
    for ch in changed:
        notes.append(f"Deliberate violation: {ch['cell']} printed {ch['printed']} instead of {ch['original']}.")
    if expected:
        notes.append("Expected failing rules: " + "; ".join(
            f"{f['rule']} ({', '.join(f['cells'][:2])}{', …' if len(f['cells']) > 2 else ''})" for f in expected) + ".")
    amount_note = _amount_note(spec, txt)
    if amount_note:
        notes.append(amount_note)

    doc = _build_doc(rng, spec, ag, year, vals, txt, layout)
    claims: list[dict] = []
    if mismatches:
        claims = _inject_mismatches(random.Random(f"{seed}:mismatches"), doc, vals, mismatches)
        notes.append("Narrative mismatches: " + "; ".join(
            f"{c['target']} stated as {c['value']} (table {c['table_value']})" for c in claims) + "."
            if claims else "mismatches were asked for, but the narrative states no table number.")
    masked_keys = _resolve_marks(rng, doc, mask)
    agency_out = None if "agency" in masked_keys else ag.name
    if masked_keys:
        notes.append(f"Masked {len(masked_keys)} span(s) with ****"
                     + (", including the agency name" if agency_out is None else "") + ".")
    if layout == "pipe" and rng.random() < 0.5:
        _map_doc(doc, lambda s: unicodedata.normalize("NFKC", s))
        notes.append("Text is NFKC-normalised (half-width punctuation), as in the users' own copies.")

    uncertain = _flat_uncertain(spec, doc, vals) if layout == "flat" else []
    if uncertain:
        notes.append("Table cells run together in the flat layout; "
                     f"{len(uncertain)} cell(s) admit several digit splits under the rules and are listed as uncertain.")

    name = f"synth-{template}-{layout}-{seed}"
    suffix = _SUFFIX[layout]
    truth = {
        "file": name + suffix,
        "template": template,
        "year": year,
        "agency": agency_out,
        "sections": list(_SECTION_KEYS),
        "problems_text": "\n".join(p.text for p in doc.blocks
                                   if isinstance(p, _P) and p.section == "problems" and p.role != "heading"),
        "tables": _nest(spec, vals),
        "uncertain_cells": uncertain,
        "statements": doc.statements,
        "claims": claims,
        "notes": " ".join(notes),
        "expected_findings": expected,
        "changed_cells": changed,
        "synth": {"seed": seed, "layout": layout, "mask": mask, "blanks": use_blanks, "violations": violations},
    }
    if mismatches:
        truth["synth"]["mismatches"] = mismatches
    content = _RENDERERS[layout](doc, random.Random(f"{seed}:{layout}:render"))
    return SynthReport(name=name, suffix=suffix, content=content, truth=truth)


def write_corpus(
    out_dir: str | Path,
    *,
    n: int,
    seed: int = 0,
    layouts: Sequence[str] = LAYOUTS,
    templates: Sequence[str] = TEMPLATES,
    vary: bool = True,
    mask_rate: float | None = None,
    mismatch_rate: float = 0.0,
) -> list[Path]:
    """Write ``n`` synthetic reports with their gold files.

    Report ``i`` gets seed ``seed + i``, layout ``layouts[i % len(layouts)]`` and a
    template that alternates so that every layout/template pair appears within
    ``2 * len(layouts)`` reports.  With ``vary`` the reports cycle through eight
    variants: masked (``mask=0.35``), plain, blank cells, one identity violation, plain,
    blank cells, plain, plain (blank cells only where the layout can carry them).

    Args:
        out_dir: Target directory (gold files go to ``out_dir/gold``).
        n: Number of reports.
        seed: Seed of the first report.
        layouts: Layouts to cycle through.
        templates: Template versions to cycle through.
        vary: Mix masked, blank-cell and violating reports in (see above).
        mask_rate: When given, every report masks this fraction (0–1) of its maskable
            spans, instead of the masked variant of the cycle.
        mismatch_rate: Fraction (0–1) of the reports, drawn with a seeded generator of
            their own, whose narrative states one table number wrongly (see ``mismatches``
            of :func:`generate`).  0 leaves the reports exactly as without it.

    Returns:
        The paths of the written report files, in order.

    Raises:
        UsageError: ``n`` is negative, or a layout or template is unknown.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise UsageError(f"n must be a non-negative integer, got {n!r}")
    layouts = list(layouts) or list(LAYOUTS)
    templates = list(templates) or list(TEMPLATES)
    for lay in layouts:
        _check_choice("layout", lay, LAYOUTS)
    for tpl in templates:
        _check_choice("template", tpl, TEMPLATES)
    for name, rate in (("mask_rate", mask_rate), ("mismatch_rate", mismatch_rate)):
        if rate is not None and (not isinstance(rate, (int, float)) or isinstance(rate, bool) or not 0 <= rate <= 1):
            raise UsageError(f"{name} must be a number from 0 to 1, got {rate!r}")
    variants: list[dict] = [{"mask": 0.35}, {}, {"blanks": True}, {"violations": 1}, {}, {"blanks": True}, {}, {}]
    paths = []
    for i in range(n):
        layout = layouts[i % len(layouts)]
        template = templates[(i + i // len(layouts)) % len(templates)]
        opts = dict(variants[i % len(variants)]) if vary else {}
        if opts.get("blanks") and layout not in BLANK_LAYOUTS:
            opts = {}
        if mask_rate is not None:
            opts["mask"] = float(mask_rate)
        if mismatch_rate and random.Random(f"{seed + i}:mismatch-rate").random() < mismatch_rate:
            opts["mismatches"] = 1
        report = generate(seed + i, template=template, layout=layout, **opts)  # type: ignore[arg-type]
        paths.append(report.write(out_dir))
    return paths


def resolve_styles(styles: Sequence[str]) -> list[str]:
    """Layouts for style names (:data:`STYLES`): ``md`` is markdown, ``joined`` flat, ``mixed`` all.

    Raises:
        UsageError: An unknown style.

    Example:
        >>> resolve_styles(["md", "joined"])
        ['markdown', 'flat']
    """
    out: list[str] = []
    for st in styles:
        _check_choice("style", st, tuple(STYLES))
        out.extend(lay for lay in STYLES[st] if lay not in out)
    return out


def resolve_templates(templates: Sequence[str]) -> list[str]:
    """Template versions for names: ``2019``, ``2021`` or ``mixed`` (both, alternating).

    Raises:
        UsageError: An unknown template.
    """
    out: list[str] = []
    for tpl in templates:
        _check_choice("template", tpl, (*TEMPLATES, "mixed"))
        out.extend(t for t in (TEMPLATES if tpl == "mixed" else (tpl,)) if t not in out)
    return out


def _check_choice(name: str, value: object, choices: Sequence[str]) -> None:
    if value not in choices:
        raise UsageError(f"invalid {name} {value!r}; valid values: {', '.join(choices)}")


# --------------------------------------------------------------------------- the template spec


@dataclass(frozen=True)
class _Spec:
    """The parts of ``template-spec.json`` the generator needs, for one version."""

    template: str
    headings: tuple[str, ...]
    t2_blocks: tuple[dict, ...]
    t3_columns: tuple[str, ...]
    t3_column_labels: tuple[str, ...]
    t3_rows: tuple[dict, ...]
    t3_data_rows: tuple[str, ...]
    leaf_rows: tuple[str, ...]
    corner_note: str
    t4_columns: tuple[dict, ...]

    @staticmethod
    def load(template: str) -> _Spec:
        """The generator's view of ``template`` in the active spec (:func:`ogi.template.active_spec`)."""
        return _Spec._of(active_spec(), template)

    @staticmethod
    @functools.cache
    def _of(spec: TemplateSpec, template: str) -> _Spec:
        v = spec.raw["versions"][template]
        t3 = v["table3"]
        return _Spec(
            template=template,
            headings=tuple(v["section_headings"]),
            t2_blocks=tuple(v["table2"]["blocks"]),
            t3_columns=tuple(c["key"] for c in t3["columns"]),
            t3_column_labels=tuple(c["label"] for c in t3["columns"]),
            t3_rows=tuple(t3["rows"]),
            t3_data_rows=tuple(r["key"] for r in t3["rows"] if r["kind"] == "data"),
            leaf_rows=tuple(t3["leaf_result_rows"]),
            corner_note=t3["corner_note"],
            t4_columns=tuple(v["table4"]["columns"]),
        )

    def t2_paths(self) -> list[str]:
        return [f"table2.{b['block']}.{r['key']}.{c['key']}"
                for b in self.t2_blocks for r in b["rows"] for c in b["columns"]]

    def t2_type(self, path: str) -> str:
        _, block, _row, col = path.split(".")
        for b in self.t2_blocks:
            if b["block"] == block:
                for c in b["columns"]:
                    if c["key"] == col:
                        return c["type"]
        raise KeyError(path)

    def t3_paths(self) -> list[str]:
        return [f"table3.{r}.{c}" for r in self.t3_data_rows for c in self.t3_columns]

    def t4_paths(self) -> list[str]:
        return [f"table4.{c['key']}" for c in self.t4_columns]


def _nest(spec: _Spec, vals: dict) -> dict:
    """Turn flat cell paths into the nested truth tables."""
    out: dict = {"table2": {}, "table3": {}, "table4": {}}
    for path in spec.t2_paths() + spec.t3_paths() + spec.t4_paths():
        parts = path.split(".")
        node = out[parts[0]]
        for p in parts[1:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = vals[path]
    return out


def _failing_rules(spec: _Spec, vals: dict) -> list[dict]:
    """Rule instances (T3-ID, T3-ROWSUM, T3-RESULTS, T4-BLOCK) that fail on ``vals``."""
    def v(path: str) -> float:
        x = vals[path]
        return 0 if x is None else x

    out = []
    cols = spec.t3_columns
    for c in cols:
        cells = [f"table3.{r}.{c}" for r in ("new_received", "carried_over", "result_total", "carried_forward")]
        if v(cells[0]) + v(cells[1]) != v(cells[2]) + v(cells[3]):
            out.append({"rule": "T3-ID", "cells": cells})
    for r in spec.t3_data_rows:
        cells = [f"table3.{r}.{c}" for c in cols]
        if vals[cells[-1]] is not None and sum(v(p) for p in cells[:-1]) != v(cells[-1]):
            out.append({"rule": "T3-ROWSUM", "cells": cells})
    for c in cols:
        cells = [f"table3.result_total.{c}"] + [f"table3.{r}.{c}" for r in spec.leaf_rows]
        if v(cells[0]) != sum(v(p) for p in cells[1:]):
            out.append({"rule": "T3-RESULTS", "cells": cells})
    for b in _T4_BLOCKS:
        cells = [f"table4.{b}.{p}" for p in _T4_PARTS]
        if sum(v(p) for p in cells[:4]) != v(cells[4]):
            out.append({"rule": "T4-BLOCK", "cells": cells})
    return out


# --------------------------------------------------------------------------- agencies


@dataclass(frozen=True)
class _Agency:
    name: str
    self_ref: str  # 我局 / 我县 …
    portal: str  # the website that publishes the report
    place: str  # 青川县 (for addresses)
    host: str  # owner of the portal (footer of the html page)


_PLACE_A = "青云宁沅岑栖澄临秀汀嘉桐柏榆枫棠蓉芷蔚澜"
_PLACE_B = "川阳源浦陵溪泽原岭塘安平湾屿峰林"
_DEPTS = (("自然资源和规划局", "我局"), ("市场监督管理局", "我局"), ("生态环境局", "我局"),
          ("住房和城乡建设局", "我局"), ("交通运输局", "我局"), ("财政局", "我局"), ("教育局", "我局"),
          ("卫生健康委员会", "我委"), ("人力资源和社会保障局", "我局"), ("民政局", "我局"),
          ("水利局", "我局"), ("农业农村局", "我局"), ("司法局", "我局"), ("应急管理局", "我局"),
          ("发展和改革委员会", "我委"), ("医疗保障局", "我局"), ("统计局", "我局"))
_ROADS = ("人民", "建设", "文昌", "新华", "解放", "中山", "滨江", "青年", "府前", "朝阳")


def _place_name(rng: random.Random, avoid: str = "") -> str:
    while True:
        name = rng.choice(_PLACE_A) + rng.choice(_PLACE_B)
        if name != avoid:
            return name


def _self_ref(name: str) -> str:
    for end, ref in (("分局", "我分局"), ("局", "我局"), ("委员会", "我委"), ("办公室", "我办"),
                     ("街道办事处", "我街道"), ("镇人民政府", "我镇"), ("乡人民政府", "我乡"),
                     ("县人民政府", "我县"), ("区人民政府", "我区"), ("市人民政府", "我市")):
        if name.endswith(end):
            return ref
    return "本机关"


def _make_agency(rng: random.Random, given: str | None) -> _Agency:
    p = _place_name(rng)
    level = rng.choice("市县区")
    portal = f"{p}{level}人民政府门户网站"
    gov = f"{p}{level}人民政府"
    if given:
        return _Agency(given, _self_ref(given), portal, p + level, gov)
    kind = rng.choices(["gov", "dept", "office", "town", "police"], [25, 40, 10, 15, 10])[0]
    if kind == "gov":
        return _Agency(gov, f"我{level}", portal, p + level, gov)
    if kind == "dept":
        dept, ref = rng.choice(_DEPTS)
        return _Agency(f"{p}{level}{dept}", ref, portal, p + level, gov)
    if kind == "office":
        return _Agency(f"{p}{level}人民政府办公室", "我办", portal, p + level, gov)
    q = _place_name(rng, avoid=p)
    if kind == "town":
        unit = rng.choice(["镇人民政府", "乡人民政府", "街道办事处"])
        name = f"{p}县{q}{unit}"
        return _Agency(name, _self_ref(name), f"{p}县人民政府门户网站", f"{p}县", f"{p}县人民政府")
    return _Agency(f"{p}市公安局{q}分局", "我分局", f"{p}市公安局网站", f"{p}市", f"{p}市公安局")


# --------------------------------------------------------------------------- table values


def _alloc(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into non-negative integers roughly proportional to ``weights``."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    out = [int(total * w / s) for w in weights]
    idx = [i for i, w in enumerate(weights) if w > 0]
    wts = [weights[i] for i in idx]
    for _ in range(total - sum(out)):
        out[rng.choices(idx, wts)[0]] += 1
    return out


def _maybe(rng: random.Random, p: float, make) -> int:
    return make() if rng.random() < p else 0


def _decimal_text(rng: random.Random, lo: float, hi: float) -> str:
    """A positive decimal with 1–4 decimals and no trailing zero, e.g. ``18651.06``."""
    whole = int(10 ** rng.uniform(lo, hi))
    ndec = rng.choice([1, 2, 2, 3, 4])
    digits = "".join(str(rng.randint(0, 9)) for _ in range(ndec - 1)) + str(rng.randint(1, 9))
    return f"{whole}.{digits}"


def _gen_values(rng: random.Random, spec: _Spec, *, allow_jian: bool) -> tuple[dict, dict, str]:
    """Draw all table values; returns (values by path, printed text by path, scale name).

    ``allow_jian`` lets a negative 2019 本年增/减 be printed as ``减N`` (never in the flat
    layout, where the sign must stay a digit-run boundary).
    """
    vals: dict = {}
    txt: dict = {}
    scale = rng.choices(["tiny", "small", "medium", "large"], [30, 30, 28, 12])[0]
    lo, hi = {"tiny": (0, 8), "small": (9, 80), "medium": (81, 1500), "large": (1501, 25000)}[scale]

    # ---- table 三
    cols = spec.t3_columns[:-1]
    n_new = rng.randint(lo, hi)
    weights = [1.0,
               rng.uniform(0.02, 0.3) if rng.random() < 0.6 else 0.0,
               rng.uniform(0.005, 0.03) if rng.random() < 0.15 else 0.0,
               rng.uniform(0.005, 0.03) if rng.random() < 0.15 else 0.0,
               rng.uniform(0.01, 0.08) if rng.random() < 0.4 else 0.0,
               rng.uniform(0.01, 0.1) if rng.random() < 0.35 else 0.0]
    new = _alloc(rng, n_new, weights)
    carried = [_maybe(rng, 0.5 if i == 0 else 0.2, lambda x=x: rng.randint(0, x // 12)) for i, x in enumerate(new)]
    forward = [_maybe(rng, 0.5, lambda a=a + b: rng.randint(0, a // 10)) for a, b in zip(new, carried)]
    result = [a + b - f for a, b, f in zip(new, carried, forward)]
    base = {"granted": 0.35, "partial": 0.12, "denied_state_secret": 0.01, "denied_law_forbidden": 0.02,
            "denied_three_safety_one_stability": 0.005, "denied_third_party": 0.02,
            "denied_internal_affairs": 0.02, "denied_process_info": 0.03, "denied_enforcement_file": 0.01,
            "denied_admin_query": 0.03, "unable_not_held": 0.2, "unable_need_creation": 0.04,
            "unable_still_unclear": 0.02, "np_petition": 0.04, "np_repeat": 0.03, "np_publication": 0.01,
            "np_massive_repeat": 0.01, "np_confirm_reissue": 0.01, "other_handling": 0.03,
            "other_no_correction": 0.02, "other_no_fee": 0.003, "other_other": 0.02}
    leaf_w = []
    for leaf in spec.leaf_rows:
        always = leaf == "granted"
        active = always or rng.random() < (0.8 if leaf in ("partial", "unable_not_held") else 0.3)
        leaf_w.append(base[leaf] * rng.uniform(0.5, 1.5) if active else 0.0)
    leaves = {leaf: [0] * len(cols) for leaf in spec.leaf_rows}
    for ci in range(len(cols)):
        for leaf, x in zip(spec.leaf_rows, _alloc(rng, result[ci], leaf_w)):
            leaves[leaf][ci] = x
    rows = {"new_received": new, "carried_over": carried, "result_total": result, "carried_forward": forward}
    rows.update(leaves)
    for r in spec.t3_data_rows:
        row = rows[r] + [sum(rows[r])]
        for c, x in zip(spec.t3_columns, row):
            vals[f"table3.{r}.{c}"] = x

    # ---- table 四
    k = {"tiny": 2, "small": 4, "medium": 15, "large": 60}[scale]
    for b, p in zip(_T4_BLOCKS, (0.4, 0.25, 0.2)):
        parts = [0, 0, 0, 0]
        if rng.random() < p:
            parts = [rng.randint(0, k), rng.randint(0, max(1, k // 3)), rng.randint(0, max(1, k // 2)),
                     rng.randint(0, max(1, k // 3))]
        for key, x in zip(_T4_PARTS, parts + [sum(parts)]):
            vals[f"table4.{b}.{key}"] = x

    # ---- table 二
    def put(path: str, value, text: str | None = None) -> None:
        vals[path] = value
        txt[path] = str(value) if text is None else text

    if spec.template == "2021":
        for row, p, top in (("rules", 0.12, 4), ("normative_docs", 0.6, 60)):
            issued = _maybe(rng, p, lambda top=top: rng.randint(0, top))
            repealed = _maybe(rng, p, lambda top=top: rng.randint(0, top // 2))
            in_force = issued + _maybe(rng, p, lambda top=top: rng.randint(0, top * 8))
            repealed = repealed if in_force else 0
            put(f"table2.art20_1.{row}.issued", issued)
            put(f"table2.art20_1.{row}.repealed", repealed)
            put(f"table2.art20_1.{row}.in_force", in_force)
        put("table2.art20_5.admin_license.decisions", _maybe(rng, 0.7, lambda: int(10 ** rng.uniform(0.5, 5.7))))
        put("table2.art20_6.admin_penalty.decisions", _maybe(rng, 0.6, lambda: int(10 ** rng.uniform(0.3, 4.8))))
        put("table2.art20_6.admin_coercion.decisions", _maybe(rng, 0.35, lambda: int(10 ** rng.uniform(0, 3.5))))
        if rng.random() < 0.35:
            fee = _decimal_text(rng, 0, 4.5)
            put("table2.art20_8.admin_fees.fee_amount", float(fee), fee)
        else:
            put("table2.art20_8.admin_fees.fee_amount", 0)
    else:
        for row, p, top in (("rules", 0.12, 4), ("normative_docs", 0.6, 60)):
            made = _maybe(rng, p, lambda top=top: rng.randint(0, top))
            published = made if rng.random() < 0.7 else rng.randint(0, made)
            put(f"table2.art20_1.{row}.new_made", made)
            put(f"table2.art20_1.{row}.new_published", published)
            put(f"table2.art20_1.{row}.total_published", published + _maybe(rng, p, lambda top=top: rng.randint(0, top * 8)))

        def items(block: str, row: str, p: float, top: int, decisions: bool) -> None:
            prev = _maybe(rng, p, lambda: rng.randint(1, top))
            delta = rng.randint(-min(prev, 10), 10) if prev and rng.random() < 0.6 else 0
            if delta < 0 and allow_jian and rng.random() < 0.3:
                put(f"table2.{block}.{row}.delta_items", delta, f"减{-delta}")
            else:
                put(f"table2.{block}.{row}.delta_items", delta)
            vals[f"table2.{block}.{row}.prev_year_items"] = prev
            txt[f"table2.{block}.{row}.prev_year_items"] = str(prev)
            if decisions:
                put(f"table2.{block}.{row}.decisions",
                    _maybe(rng, p if prev else 0.1, lambda: int(10 ** rng.uniform(0.3, 5))))

        items("art20_5", "admin_license", 0.6, 400, True)
        items("art20_5", "other_external_services", 0.25, 60, True)
        items("art20_6", "admin_penalty", 0.55, 300, True)
        items("art20_6", "admin_coercion", 0.35, 40, True)
        items("art20_8", "admin_fees", 0.5, 30, False)
        n_items = _maybe(rng, 0.4, lambda: rng.randint(1, 40))
        put("table2.art20_9.central_procurement.procurement_items", n_items)
        if n_items == 0:
            put("table2.art20_9.central_procurement.procurement_amount", 0)
        elif rng.random() < 0.5:
            amount = str(int(10 ** rng.uniform(4, 7.5)))
            if rng.random() < 0.3:
                amount += f".{rng.randint(1, 9)}"
            put("table2.art20_9.central_procurement.procurement_amount", float(amount), amount + "元")
        else:
            amount = _decimal_text(rng, 0.5, 3.5)
            put("table2.art20_9.central_procurement.procurement_amount",
                float(Decimal(amount) * 10000), amount + "万元")

    for path, x in vals.items():
        txt.setdefault(path, str(x))
    return vals, txt, scale


def _amount_note(spec: _Spec, txt: dict) -> str:
    if spec.template != "2019":
        return ""
    printed = txt["table2.art20_9.central_procurement.procurement_amount"]
    if printed.endswith("万元"):
        return (f"procurement_amount printed '{printed}' is given in 元 in the truth "
                "(converted from 万元, as report-json.md asks for 2019).")
    if printed.endswith("元"):
        return f"procurement_amount printed '{printed}' (unit 元 in the cell)."
    return ""


def _apply_blanks(rng: random.Random, spec: _Spec, vals: dict, txt: dict) -> str:
    """Blank some zero cells (never a total, so every identity still holds)."""
    marker = rng.choice(["", "", "", "/", "-", "—"])
    paths = [p for p in spec.t3_paths() if not p.endswith(".total")]
    paths += [p for p in spec.t4_paths() if not p.endswith(".total")]
    paths += [p for p in spec.t2_paths() if spec.t2_type(p) in ("int", "signed_int")]
    count = 0
    for p in paths:
        share = 0.4 if p.startswith("table2") else 0.65
        if vals[p] == 0 and rng.random() < share:
            vals[p] = None
            txt[p] = marker
            count += 1
    shown = f"'{marker}'" if marker else "empty"
    return f"{count} zero cell(s) are printed blank ({shown}) and are null in the truth; totals are never blank."


def _apply_violations(rng: random.Random, spec: _Spec, vals: dict, txt: dict, n: int) -> tuple[list, list]:
    """Change ``n`` printed cells (one per table-三 row or table-四 block) so identities fail."""
    if n == 0:
        return [], []
    units = [("table3", r) for r in spec.t3_data_rows] + [("table4", b) for b in _T4_BLOCKS]
    changed = []
    for table, unit in rng.sample(units, n):
        if table == "table3":
            cells = [f"table3.{unit}.{c}" for c in spec.t3_columns]
        else:
            cells = [f"table4.{unit}.{p}" for p in _T4_PARTS]
        cells = [c for c in cells if vals[c] is not None]
        cell = rng.choice(cells)
        old = vals[cell]
        delta = rng.choice([1, 1, 2, 3, 5, 10])
        new = old - delta if old >= delta and rng.random() < 0.5 else old + delta
        vals[cell] = new
        txt[cell] = str(new)
        changed.append({"cell": cell, "original": old, "printed": new})
    return changed, _failing_rules(spec, vals)


# --------------------------------------------------------------------------- the document model


@dataclass
class _P:
    """A paragraph: role is title, meta, heading, sub (a sub-heading), body or note."""

    text: str
    role: str
    section: str | None = None


@dataclass
class _C:
    """A logical table cell; ``path`` is set on value cells."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "value"  # caption | header | label | group | value
    path: str | None = None


@dataclass
class _T:
    """A table as rows of logical cells (a merged cell appears once, in its first row)."""

    name: str
    width: int
    rows: list[list[_C]]
    section: str


@dataclass
class _Doc:
    title: str
    date_line: str
    blocks: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    chrome: dict = field(default_factory=dict)
    heading_sep: str = ""  # flat layout: what follows a heading


class _Marks:
    """Creates maskable spans; spans sharing a key are masked together."""

    def __init__(self) -> None:
        self.count = 0

    def span(self, text: str, key: str | None = None) -> str:
        if key is None:
            self.count += 1
            key = f"s{self.count}"
        return f"{_M_OPEN}{key}{_M_SEP}{text}{_M_CLOSE}"

    def fill(self, text: str) -> str:
        """Turn ``⟦phrase⟧`` in a template sentence into maskable spans."""
        return _MASKABLE_RE.sub(lambda m: self.span(m.group(1)), text)


def _doc_strings(doc: _Doc) -> Iterator[tuple[object, str]]:
    yield doc, "title"
    yield doc, "date_line"
    for b in doc.blocks:
        if isinstance(b, _P):
            yield b, "text"
        else:
            for row in b.rows:
                for c in row:
                    yield c, "text"
    for s in doc.statements:
        yield s, "text"
    for k in list(doc.chrome):
        yield doc.chrome, k


def _map_doc(doc: _Doc, fn) -> None:
    for obj, attr in _doc_strings(doc):
        if isinstance(obj, dict):
            obj[attr] = fn(obj[attr])
        else:
            setattr(obj, attr, fn(getattr(obj, attr)))


def _resolve_marks(rng: random.Random, doc: _Doc, mask: float) -> set[str]:
    """Replace the chosen share of maskable spans by ``****``; returns the masked keys."""
    keys: list[str] = []
    seen = set()
    for obj, attr in _doc_strings(doc):
        value = obj[attr] if isinstance(obj, dict) else getattr(obj, attr)
        for m in _MARK_RE.finditer(value):
            if m.group(1) not in seen:
                seen.add(m.group(1))
                keys.append(m.group(1))
    chosen: set[str] = set()
    if mask > 0 and keys:
        chosen = set(rng.sample(keys, max(1, min(len(keys), round(mask * len(keys))))))
    _map_doc(doc, lambda s: _MARK_RE.sub(lambda m: _MASK if m.group(1) in chosen else m.group(2), s))
    return chosen


# --------------------------------------------------------------------------- narrative


_INTRO = (
    "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真落实党中央、国务院关于全面推进政务公开工作的决策部署，"
    "严格执行《条例》各项规定，围绕中心工作⟦扎实推进⟧政府信息公开，不断提升政府工作透明度，切实保障人民群众的知情权、参与权和监督权。",
    "{year}年，在上级政务公开主管部门的指导下，{agency}把政府信息公开作为建设⟦法治政府⟧的重要抓手，健全工作机制，"
    "规范公开流程，较好地完成了年度各项工作任务。",
    "{year}年，{self}聚焦群众关切和⟦年度重点任务⟧，持续深化政务公开，以公开促落实、促规范、促服务，政府信息公开工作取得新的进展。",
)
_PROACTIVE = (
    "全年通过{portal}主动公开政府信息{posts}条，发布政策解读{interp}篇。{docs}围绕⟦优化营商环境⟧、民生保障、财政资金等重点领域，"
    "及时公开预决算、重大项目和公共服务信息。",
    "坚持“以公开为常态、不公开为例外”，全年主动公开各类信息{posts}条，通过政务微信公众号推送信息{wx}条，召开新闻发布会{press}场。"
    "{docs}持续做好⟦权责清单⟧、行政执法信息的动态更新。",
    "全年在{portal}发布工作动态、通知公告等信息{posts}条，编发政策解读{interp}篇。{docs}对涉及群众切身利益的事项做到⟦应公开尽公开⟧。",
)
_MANAGEMENT = (
    "严格落实信息发布⟦审核制度⟧，坚持“先审查、后公开”和“一事一审”，做好公文公开属性源头认定，全年未发生泄密和不当公开事件。"
    "对已公开的政策文件开展清理，及时标注失效、废止文件，清理过期信息{cleanup}条。",
    "健全政府信息公开保密审查机制，明确专人负责信息的收集、审核和发布，对拟公开信息实行分级审核，确保发布的信息⟦准确规范⟧。"
    "动态调整主动公开目录，规范文件归档管理。",
    "规范政府信息的制作、获取、保存和发布，按年度梳理本机关制发的文件，对{cleanup}条已不适应工作需要的信息作了⟦下线处理⟧。",
)
_PLATFORM = (
    "持续发挥政府门户网站第一平台作用，优化“政府信息公开”专栏栏目设置，推进⟦政务新媒体⟧规范运维，"
    "全年开展网站和新媒体自查{checks}次，整改问题{fixes}个。",
    "加强信息公开专栏和政务公开专区建设，完善智能检索和咨询服务功能，推动线上线下渠道融合，方便群众⟦查询获取⟧政府信息。",
    "用好政府网站、政务微信公众号和政务公开专区等载体，设置查阅点{points}个，为群众提供⟦就近查阅⟧和咨询服务。",
)
_SUPERVISION = (
    "调整充实政务公开工作领导小组，明确分管领导和具体经办人员，将政务公开纳入年度⟦绩效考核⟧。全年组织业务培训{trainings}次，"
    "本年度未发生因政府信息公开工作被责任追究的情况。",
    "健全政务公开监督考核机制，定期开展内部检查，自觉接受社会评议和群众监督，对发现的问题⟦立行立改⟧。"
    "全年未收到有关政府信息公开工作的投诉举报。",
    "把政务公开工作列入年度工作要点，主要负责同志专题研究{meetings}次，组织开展业务培训{trainings}次，"
    "对照考核指标⟦逐项自查⟧，推动各项要求落实到位。",
)

# (short clause for 如… lists, long form for enumerations, topics)
_PROBLEMS = (
    ("工作人员业务能力有待进一步提升",
     "工作人员业务能力有待进一步提升，部分兼职人员对《条例》的理解还不够深入，对公开与不公开界限的把握不够精准",
     ["capacity"]),
    ("部分信息更新不够及时",
     "信息公开的时效性还需加强，个别栏目更新不够及时，部分动态类信息存在发布滞后的现象",
     ["timeliness"]),
    ("政策解读形式较为单一",
     "政策解读形式较为单一，仍以文字解读为主，图表、视频等通俗易懂的解读产品偏少",
     ["interpretation"]),
    ("政民互动的深度和广度仍显不足",
     "政民互动的深度和广度仍显不足，对网民留言的回复还不够及时，意见征集的公众参与度不高",
     ["participation"]),
    ("重点领域信息公开的深度还不够",
     "重点领域信息公开的深度还不够，部分领域只公开结果性信息，对执行和管理过程的公开偏少",
     ["content"]),
    ("政务新媒体运维水平不高",
     "政务新媒体运维水平不高，原创内容偏少，栏目设置与群众的实际需求还有差距",
     ["platform"]),
    ("信息发布审核机制还需进一步完善",
     "信息发布审核机制还需进一步完善，保密审查程序执行不够严格，存在重发布轻审核的情况",
     ["mechanism"]),
    ("依申请公开答复质量有待提高",
     "依申请公开答复质量有待提高，答复文书的说理还不够充分，与申请人的沟通不够到位",
     ["applications"]),
    ("基层政务公开标准化规范化水平有待提升",
     "基层政务公开标准化规范化水平有待提升，公开事项标准目录的动态调整还不够及时",
     ["standardization", "content"]),
    ("监督考核的约束作用发挥不够",
     "监督考核的约束作用发挥不够，日常检查多而跟踪问效少，发现问题的整改还不够彻底",
     ["supervision"]),
    ("数字化手段运用还不够充分",
     "数字化手段运用还不够充分，智能检索和智能问答等服务功能仍较薄弱",
     ["digital", "platform"]),
    ("个别科室对政务公开工作重视不够",
     "个别科室对政务公开工作重视不够，主动提供公开信息的意识不强，存在等靠思想",
     ["capacity"]),
)
# improvements aligned with _PROBLEMS (same main topic at the same index)
_IMPROVEMENTS = (
    ("加强业务培训，提升队伍能力。定期组织政务公开业务学习，围绕《条例》重点条款开展专题辅导，提高工作人员依法公开的能力和水平。",
     ["capacity"]),
    ("强化时效意识，做到应公开尽快公开。建立信息更新台账，明确各栏目的更新频次和责任人，确保信息发布及时准确。",
     ["timeliness"]),
    ("丰富解读形式，增强解读效果。综合运用图解、短视频、问答等方式开展政策解读，做到解读材料与政策文件同步起草、同步审签、同步发布。",
     ["interpretation"]),
    ("拓宽互动渠道，提高回应实效。用好留言咨询、意见征集、在线访谈等平台，及时回应群众关切，认真做好意见采纳情况的反馈。",
     ["participation"]),
    ("深化重点领域公开，提升公开质量。围绕财政资金、重大项目、公共服务等领域，推进决策、执行、管理、服务、结果全过程公开。",
     ["content"]),
    ("规范平台管理，提升服务能力。加强政府网站和政务新媒体的日常监测，优化栏目设置，及时整改内容空白和长期不更新的栏目。",
     ["platform"]),
    ("健全工作机制，严格审核把关。完善信息发布三级审核和保密审查制度，规范发布流程，压实各环节的工作责任。",
     ["mechanism"]),
    ("规范依申请公开办理，提高答复质量。严格按照法定程序和时限办理，完善答复文书模板，加强与申请人的沟通，依法保障申请人的合法权益。",
     ["applications"]),
    ("推进标准化规范化建设。对照基层政务公开标准目录，动态调整公开事项，统一公开内容和公开方式。",
     ["standardization"]),
    ("强化监督考核，推动责任落实。将政务公开工作纳入年度考核，定期开展督查通报，对发现的问题跟踪整改到位。",
     ["supervision"]),
    ("加快数字化转型，提升智能服务水平。探索运用大数据和智能问答等技术，提高信息检索和政策推送的精准度。",
     ["digital"]),
    ("提高思想认识，压实工作责任。把政务公开作为日常工作的重要内容，做到与业务工作同部署、同推进、同落实。",
     ["capacity", "mechanism"]),
)


def _heading(spec: _Spec, index: int, rng_variant: str, numbering: str, marks: _Marks) -> str:
    """Section heading ``index`` (0-based), with variants and maskable parts."""
    text = spec.headings[index]
    if index == 3 and rng_variant == "v":
        text = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    if index == 4 and rng_variant == "v":
        text = "五、政府信息公开工作存在的主要问题及改进情况"
    if index == 4 and rng_variant == "w":
        text = "五、存在问题及改进情况"
    if index == 1:
        text = text.replace("主动公开", marks.span("主动公开"), 1)
    if index == 2:
        text = text.replace("收到和处理", marks.span("收到和处理"), 1)
    return text.replace("、", numbering, 1)


def _sub_heading(rng: random.Random, i: int, suffix: str, marks: _Marks) -> str:
    names = ["主动公开", "依申请公开", "政府信息管理", rng.choice(["政府信息公开平台建设", "平台建设"]), "监督保障"]
    num = f"（{_ORD[i]}）"
    if rng.random() < 0.5:
        return marks.span(num) + names[i] + suffix
    return num + marks.span(names[i][:2]) + names[i][2:] + suffix


def _num(vals: dict, path: str) -> int:
    x = vals[path]
    return 0 if x is None else x


def _docs_sentence(spec: _Spec, vals: dict) -> str:
    if spec.template == "2021":
        r, n = _num(vals, "table2.art20_1.rules.issued"), _num(vals, "table2.art20_1.normative_docs.issued")
        parts = []
        if r:
            parts.append(f"制发规章{r}件")
        if n:
            parts.append(f"制发行政规范性文件{n}件")
        rep = _num(vals, "table2.art20_1.normative_docs.repealed")
        if n and rep:
            parts.append(f"废止行政规范性文件{rep}件")
        if not parts:
            return "本年度未制发规章和行政规范性文件。"
        force = _num(vals, "table2.art20_1.normative_docs.in_force")
        tail = f"，现行有效行政规范性文件{force}件。" if force else "。"
        return "本年度" + "、".join(parts) + tail
    made = _num(vals, "table2.art20_1.normative_docs.new_made")
    if not made:
        return ""
    pub = _num(vals, "table2.art20_1.normative_docs.new_published")
    total = _num(vals, "table2.art20_1.normative_docs.total_published")
    return f"本年度新制作规范性文件{made}件，新公开{pub}件，对外公开规范性文件总数{total}件。"


def _requests_paragraph(rng: random.Random, year: int, vals: dict, spec: _Spec) -> str:
    nr = _num(vals, "table3.new_received.total")
    co = _num(vals, "table3.carried_over.total")
    rt = _num(vals, "table3.result_total.total")
    cf = _num(vals, "table3.carried_forward.total")
    lead = "严格规范政府信息公开申请的受理、登记、办理、答复和归档，"
    if nr == 0 and co == 0:
        return lead + "本年度未收到政府信息公开申请，无上年结转申请。"
    np_ = _num(vals, "table3.new_received.natural_person")
    org = sum(_num(vals, f"table3.new_received.{c}") for c in spec.t3_columns[1:-1])
    brk = f"，其中自然人申请{np_}件，法人或其他组织申请{org}件" if org and rng.random() < 0.7 else ""
    cf_phrase = f"结转下年度继续办理{cf}件" if cf else "无结转下年度办理的申请"
    choice = rng.randrange(3)
    if choice == 2 and co == 0 and cf == 0 and rt == nr:
        text = f"全年共接收政府信息公开申请{nr}件，均在法定期限内予以答复。"
    elif choice == 1:
        text = lead + f"{year}年新收政府信息公开申请{nr}件{brk}，加上上年结转的{co}件，共办结{rt}件，{cf_phrase}。"
    else:
        text = f"全年共收到政府信息公开申请{nr}件{brk}，上年结转{co}件。全年办结{rt}件，{cf_phrase}。"
    g, p = _num(vals, "table3.granted.total"), _num(vals, "table3.partial.total")
    if rt and rng.random() < 0.5:
        text += f"从办理结果看，予以公开{g}件，部分公开{p}件。"
    return text


def _appeals_sentence(self_ref: str, vals: dict) -> str:
    rev = _num(vals, "table4.review.total")
    lit = _num(vals, "table4.lit_direct.total") + _num(vals, "table4.lit_after_review.total")
    if rev == 0 and lit == 0:
        return f"本年度{self_ref}未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    return f"本年度{self_ref}因政府信息公开工作被申请行政复议{rev}件，被提起行政诉讼{lit}件。"


def _problems_section(rng: random.Random, year: int, self_ref: str) -> tuple[list[str], list[dict]]:
    """Paragraphs of section 五 and the statements they contain."""
    k = rng.choice([2, 3, 3, 3, 4])
    picks = rng.sample(range(len(_PROBLEMS)), k)
    imps = list(picks)
    if k > 2 and rng.random() < 0.25:
        imps.pop(rng.randrange(len(imps)))
    if rng.random() < 0.25:
        extra = [i for i in range(len(_IMPROVEMENTS)) if i not in picks]
        imps.append(rng.choice(extra))
    paras: list[str] = []
    stmts: list[dict] = []

    def prob(i: int, text: str) -> str:
        stmts.append({"text": text, "kind": "problem", "topics": list(_PROBLEMS[i][2])})
        return text

    def imp(i: int, text: str) -> str:
        stmts.append({"text": text, "kind": "improvement", "topics": list(_IMPROVEMENTS[i][1])})
        return text

    style = rng.choice("ABCD")
    if style == "A":  # （一）主要问题 / （二）改进情况, 一是…二是…
        paras.append(rng.choice(["（一）主要问题", "（一）存在的主要问题", "（一）存在问题"]))
        items = [prob(i, f"{_ORD[n]}是{_PROBLEMS[i][1]}。") for n, i in enumerate(picks)]
        paras.extend(items if rng.random() < 0.7 else ["".join(items)])
        paras.append(rng.choice(["（二）改进情况", "（二）改进措施", "（二）整改措施"]))
        items = [imp(i, f"{_ORD[n]}是{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        paras.extend(items if rng.random() < 0.7 else ["".join(items)])
    elif style == "B":  # framing + 如…；…；…等。
        frame = rng.choice([f"{year}年，{self_ref}政府信息公开工作取得了一定成效，但对照新形势新要求，仍存在一些不足，如",
                            f"{year}年，{self_ref}政府信息公开工作虽然取得了一些进展，但还存在一些问题，如"])
        shorts = [prob(i, _PROBLEMS[i][0]) for i in picks]
        paras.append(frame + "；".join(shorts) + "等。")
        lead = rng.choice([f"{year + 1}年，{self_ref}将重点从以下方面加以改进：", "下一步，将采取以下措施加以改进："])
        items = [imp(i, f"{_ORD[n]}是{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        if rng.random() < 0.5:
            paras.append(lead + "".join(items))
        else:
            paras.append(lead)
            paras.extend(items)
    elif style == "C":  # 1. 2. numbering under short sub-headings
        sep = rng.choice([".", "、"])
        heads = rng.choice([("存在的主要问题：", "改进措施："), ("（一）存在的问题", "（二）改进措施")])
        paras.append(heads[0])
        paras.extend(prob(i, f"{n + 1}{sep}{_PROBLEMS[i][1]}。") for n, i in enumerate(picks))
        paras.append(heads[1])
        paras.extend(imp(i, f"{n + 1}{sep}{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps))
    else:  # one paragraph: 一是…；二是…；三是…。
        frame = f"{year}年，{self_ref}政府信息公开工作虽取得一定进展，但仍存在以下问题："
        items = [prob(i, f"{_ORD[n]}是{_PROBLEMS[i][1]}") for n, i in enumerate(picks)]
        paras.append(frame + "；".join(items) + "。")
        lead = f"针对上述问题，{self_ref}将采取以下措施："
        items = [imp(i, f"{_ORD[n]}是{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        paras.append(lead + "".join(items))
    return paras, stmts


def _other_section(rng: random.Random, spec: _Spec, year: int, self_ref: str) -> list[str]:
    if spec.template == "2019" or rng.random() < 0.25:
        return [rng.choice(["无。", "本年度无其他需要报告的事项。", "（无）"])]
    fee = rng.choice([f"本年度{self_ref}未收取信息处理费。",
                      f"{year}年，{self_ref}依照《政府信息公开信息处理费管理办法》规定，未收取信息处理费。"])
    if rng.random() < 0.4:
        fee += (f"全年办理人大代表建议{rng.randint(1, 30)}件、政协委员提案{rng.randint(1, 40)}件，"
                "均已按期办结，答复内容按规定予以公开。")
    return [fee]


# --------------------------------------------------------------------------- tables as cell grids


def _value_cell(txt: dict, path: str, colspan: int = 1) -> _C:
    return _C(txt[path], colspan=colspan, path=path)


def _table2(spec: _Spec, txt: dict) -> _T:
    rows: list[list[_C]] = []
    for b in spec.t2_blocks:
        rows.append([_C(b["caption"], colspan=4, kind="caption")])
        ncol = len(b["columns"])
        spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[ncol]
        rows.append([_C("信息内容", kind="header")]
                    + [_C(c["label"], colspan=s, kind="header") for c, s in zip(b["columns"], spans)])
        for r in b["rows"]:
            rows.append([_C(r["label"], kind="label")]
                        + [_value_cell(txt, f"table2.{b['block']}.{r['key']}.{c['key']}", s)
                           for c, s in zip(b["columns"], spans)])
    return _T("table2", 4, rows, "proactive")


def _table3(rng: random.Random, spec: _Spec, txt: dict, marks: _Marks) -> _T:
    org_labels = ["商业\n企业", "科研\n机构", rng.choice(["社会公益组织", "社会公益\n组织"]),
                  rng.choice(["法律服务机构", "法律服务\n机构"]), "其他"]
    rows: list[list[_C]] = [
        [_C(spec.corner_note, rowspan=3, colspan=3, kind="header"), _C("申请人情况", colspan=7, kind="header")],
        [_C("自然人", rowspan=2, kind="header"), _C("法人或其他组织", colspan=5, kind="header"),
         _C("总计", rowspan=2, kind="header")],
        [_C(t, kind="header") for t in org_labels],
    ]
    by_key = {r["key"]: r for r in spec.t3_rows}

    def ancestors(key: str) -> list[str]:
        out = []
        parent = by_key[key]["parent"]
        while parent:
            out.append(parent)
            parent = by_key[parent]["parent"]
        return out

    counts: dict[str, int] = {}
    for key in spec.t3_data_rows:
        for a in ancestors(key):
            counts[a] = counts.get(a, 0) + 1
    opened: set[str] = set()
    comma = rng.random() < 0.2
    for key in spec.t3_data_rows:
        row: list[_C] = []
        for a in reversed(ancestors(key)):
            if a not in opened:
                opened.add(a)
                row.append(_C(by_key[a]["label"], rowspan=counts[a], kind="group"))
        info = by_key[key]
        label = info["label"]
        if comma and key == "other_no_correction":
            label = label.replace("逾期不补正、", "逾期不补正，")
        row.append(_C(_mask_label(rng, label, marks), colspan=3 - info["level"], kind="label"))
        row.extend(_value_cell(txt, f"table3.{key}.{c}") for c in spec.t3_columns)
        rows.append(row)
    return _T("table3", 10, rows, "requests")


_LABEL_PREFIX = re.compile(r"^(?:[一二三四]、|（[一二三四五六七]）|\d\.)")


def _mask_label(rng: random.Random, label: str, marks: _Marks) -> str:
    """Mark a part of a row label (after its numbering) as maskable."""
    m = _LABEL_PREFIX.match(label)
    head = m.group(0) if m else ""
    body = label[len(head):]
    if len(body) < 3:
        return head + marks.span(body)
    start = rng.randint(0, len(body) // 2)
    length = rng.randint(2, max(2, min(len(body) - start, 8)))
    return head + body[:start] + marks.span(body[start:start + length]) + body[start + length:]


def _table4(txt: dict) -> _T:
    subs = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [
        [_C("行政复议", colspan=5, kind="header"), _C("行政诉讼", colspan=10, kind="header")],
        [_C(s, rowspan=2, kind="header") for s in subs]
        + [_C("未经复议直接起诉", colspan=5, kind="header"), _C("复议后起诉", colspan=5, kind="header")],
        [_C(s, kind="header") for s in subs * 2],
        [_value_cell(txt, f"table4.{b}.{p}") for b in _T4_BLOCKS for p in _T4_PARTS],
    ]
    return _T("table4", 15, rows, "appeals")


def _build_doc(rng: random.Random, spec: _Spec, ag: _Agency, year: int, vals: dict, txt: dict,
               layout: str) -> _Doc:
    """Build the report model (with maskable spans still marked)."""
    marks = _Marks()
    agency = marks.span(ag.name, "agency")
    self_ref = ag.self_ref
    if ag.portal.startswith(ag.name):  # the agency's own website names it: mask them together
        portal = agency + ag.portal[len(ag.name):]
    else:
        portal = marks.span(ag.portal, "portal")
    ctx = {"year": year, "agency": agency, "self": self_ref, "portal": portal}
    nian = rng.choice(["年", "年", "年度"])
    if rng.random() < 0.15:
        title = f"{year}年{agency}政府信息公开工作年度报告"
    else:
        title = f"{agency}{year}{nian}政府信息公开工作年度报告"
    pub = _dt.date(year + 1, 1, rng.randint(5, 28))
    doc = _Doc(title=title, date_line=f"（{pub.year}年{pub.month}月{pub.day}日）")
    doc.heading_sep = rng.choice(["", " "])
    b = doc.blocks

    # preamble
    road = f"{ag.place}{rng.choice(_ROADS)}路{rng.randint(1, 300)}号"
    phone = f"0{rng.randint(350, 939)}-{rng.randint(2, 8)}{marks.span(str(rng.randint(100, 999)))}{rng.randint(1000, 9999)}"
    circular = ("《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）" if spec.template == "2021"
                else "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）")
    pre = rng.choice([
        "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{circular}要求，由{agency}编制。"
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项六个部分。所列数据的统计期限为{year}年1月1日至{year}年12月31日。"
        "如对本报告有疑问，请与{agency}联系（地址：{addr}，电话：{phone}）。",
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定和{circular}要求，现公布{agency}{year}年政府信息公开工作年度报告。"
        "本报告统计数据的时间范围为{year}年1月1日至12月31日。本报告电子版可在{portal}“政府信息公开”专栏查阅下载，"
        "如有疑问请联系{agency}（联系电话：{phone}）。",
        "{agency}按照《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求，结合本单位工作实际，编制本年度报告。"
        "全文共六个部分，数据统计时间为{year}年1月1日至{year}年12月31日。对本报告如有疑问，"
        "请联系{agency}（地址：{addr}，邮编：{zip}，联系电话：{phone}）。",
    ])
    b.append(_P(marks.fill(pre.format(circular=circular, addr=marks.span(road), phone=phone,
                                      zip=rng.randint(100000, 899999), **ctx)), "body"))

    variant = rng.choices(["s", "v", "w"], [80, 15, 5])[0]
    numbering = "．" if rng.random() < 0.05 else "、"

    def heading(i: int) -> None:
        b.append(_P(_heading(spec, i, variant, numbering, marks), "heading", _SECTION_KEYS[i]))

    # 一、总体情况
    heading(0)
    b.append(_P(marks.fill(rng.choice(_INTRO).format(**ctx)), "body", "overview"))
    suffix = rng.choice(["", "情况", "方面", "工作"])
    inline = rng.random() < 0.4
    numbers = {"posts": rng.randint(20, 3000), "interp": rng.randint(1, 120), "wx": rng.randint(10, 900),
               "press": rng.randint(1, 12), "cleanup": rng.randint(5, 400), "checks": rng.randint(2, 12),
               "fixes": rng.randint(1, 60), "points": rng.randint(1, 20), "trainings": rng.randint(1, 8),
               "meetings": rng.randint(1, 4)}
    bodies = [
        rng.choice(_PROACTIVE).format(docs=_docs_sentence(spec, vals), **numbers, **ctx),
        _requests_paragraph(rng, year, vals, spec),
        rng.choice(_MANAGEMENT).format(**numbers),
        rng.choice(_PLATFORM).format(**numbers),
        rng.choice(_SUPERVISION).format(**numbers),
    ]
    for i, body in enumerate(bodies):
        sub = _sub_heading(rng, i, suffix, marks)
        body = marks.fill(body)
        if inline:
            b.append(_P(f"{sub}。{body}", "body", "overview"))
        else:
            b.append(_P(sub, "sub", "overview"))
            b.append(_P(body, "body", "overview"))

    # 二、三、四 — tables
    heading(1)
    if rng.random() < 0.2:
        b.append(_P("本年度主动公开政府信息情况如下：", "note", "proactive"))
    b.append(_table2(spec, txt))
    heading(2)
    b.append(_table3(rng, spec, txt, marks))
    heading(3)
    if rng.random() < 0.5:
        b.append(_P(_appeals_sentence(self_ref, vals), "body", "appeals"))
    b.append(_table4(txt))

    # 五、六
    heading(4)
    paras, stmts = _problems_section(rng, year, self_ref)
    b.extend(_P(p, "body", "problems") for p in paras)
    doc.statements = stmts
    heading(5)
    b.extend(_P(p, "body", "other") for p in _other_section(rng, spec, year, self_ref))

    host = agency if ag.host == ag.name else ag.host
    doc.chrome = {
        "site": portal,
        "source": agency,
        "host": host,
        "published": pub.isoformat(),
        "views": str(rng.randint(80, 9000)),
        "icp": f"ICP备{rng.randint(10000000, 99999999)}号",
        "code": str(rng.randint(1000000000, 9999999999)),
    }
    return doc


# --------------------------------------------------------------------------- narrative mismatches

#: Narrative phrases whose number states a table cell, with that cell.
MISMATCH_TARGETS: tuple[tuple[str, str], ...] = (
    (r"(?:共收到|共接收|新收)政府信息公开申请(\d+)件", "table3.new_received.total"),
    (r"自然人申请(\d+)件", "table3.new_received.natural_person"),
    (r"上年结转的?(\d+)件", "table3.carried_over.total"),
    (r"办结(\d+)件", "table3.result_total.total"),
    (r"结转下年度继续办理(\d+)件", "table3.carried_forward.total"),
    (r"予以公开(\d+)件", "table3.granted.total"),
    (r"部分公开(\d+)件", "table3.partial.total"),
    (r"被申请行政复议(\d+)件", "table4.review.total"),
)


def _inject_mismatches(rng: random.Random, doc: _Doc, vals: dict, n: int) -> list[dict]:
    """Change ``n`` narrative numbers that state table cells; return the gold claims."""
    cands = []
    for bi, block in enumerate(doc.blocks):
        if not isinstance(block, _P) or block.role != "body" or block.section not in ("overview", "appeals"):
            continue
        for pattern, target in MISMATCH_TARGETS:
            for m in re.finditer(pattern, block.text):
                if int(m.group(1)) == _num(vals, target):
                    cands.append((bi, m.start(), m.end(), m.start(1), m.end(1), target))
    chosen: list[tuple] = []
    for c in rng.sample(cands, len(cands)):
        if len(chosen) < n and all(c[0] != o[0] or c[2] <= o[1] or o[2] <= c[1] for o in chosen):
            chosen.append(c)
    claims = []
    for bi, start, end, n0, n1, target in sorted(chosen, key=lambda c: (c[0], -c[1])):
        block = doc.blocks[bi]
        old = int(block.text[n0:n1])
        delta = rng.randint(1, max(2, old // 4))
        new = old - delta if old - delta >= 0 and rng.random() < 0.5 else old + delta
        block.text = block.text[:n0] + str(new) + block.text[n1:]
        quote = block.text[start:end - (n1 - n0) + len(str(new))]
        claims.append({"quote": quote, "value": new, "approx": False, "target": target,
                       "table_value": old, "verdict": "mismatch"})
    return sorted(claims, key=lambda c: [t for _p, t in MISMATCH_TARGETS].index(c["target"]))


# --------------------------------------------------------------------------- flat-layout ambiguity


_INT = r"(?:0|[1-9]\d*)"
_PATTERNS = {
    "int": re.compile(_INT),
    "signed_int": re.compile(r"(?:0|-?[1-9]\d*|减[1-9]\d*)"),
    "decimal": re.compile(rf"{_INT}(?:\.\d+)?"),
    "money_unit_in_cell": re.compile(rf"{_INT}(?:\.\d+)?(?:元|万元)?"),
}
_MAX_PART = 9  # longest printed cell considered when splitting a run
_MAX_SOLUTIONS = 20000


def _splits(run: str, pats: Sequence[re.Pattern], start: int = 0) -> Iterator[tuple[str, ...]]:
    """All ways to cut ``run[start:]`` into parts matching ``pats`` in order."""
    if not pats:
        if start == len(run):
            yield ()
        return
    last = len(run) - (len(pats) - 1)
    for end in range(start + 1, min(last, start + _MAX_PART + 2) + 1):
        part = run[start:end]
        if pats[0].fullmatch(part):
            for tail in _splits(run, pats[1:], end):
                yield (part,) + tail


def _sum_splits(run: str, n: int, total: int, start: int = 0) -> Iterator[tuple[str, ...]]:
    """Cut ``run[start:]`` into ``n`` integers (no leading zeros) that sum to ``total``."""
    if n == 0:
        if start == len(run) and total == 0:
            yield ()
        return
    last = len(run) - (n - 1)
    for end in range(start + 1, min(last, start + _MAX_PART) + 1):
        part = run[start:end]
        if not _PATTERNS["int"].fullmatch(part):
            break  # a leading zero: longer parts cannot match either
        value = int(part)
        if value > total:
            break
        for tail in _sum_splits(run, n - 1, total - value, end):
            yield (part,) + tail


def _rowsum_splits(run: str, n_parts: int) -> Iterator[tuple[str, ...]]:
    """Splits of a table-三 row run whose last part is the sum of the others."""
    for length in range(1, min(_MAX_PART, len(run) - (n_parts - 1)) + 1):
        total_text = run[-length:]
        if not _PATTERNS["int"].fullmatch(total_text):
            continue
        for head in _sum_splits(run[:-length], n_parts - 1, int(total_text)):
            yield head + (total_text,)


def _block_splits(run: str, enforce: Sequence[bool], start: int = 0) -> Iterator[tuple[str, ...]]:
    """Splits of the table-四 run into 3 blocks of 5; enforced blocks end with their sum."""
    if not enforce:
        if start == len(run):
            yield ()
        return
    need_after = 5 * (len(enforce) - 1)
    for four in _prefix_splits(run, 4, start, len(run) - need_after - 1):
        pos = start + sum(len(p) for p in four)
        if enforce[0]:
            total = str(sum(int(p) for p in four))
            if run.startswith(total, pos):
                for tail in _block_splits(run, enforce[1:], pos + len(total)):
                    yield four + (total,) + tail
        else:
            for end in range(pos + 1, min(len(run) - need_after, pos + _MAX_PART) + 1):
                part = run[pos:end]
                if _PATTERNS["int"].fullmatch(part):
                    for tail in _block_splits(run, enforce[1:], end):
                        yield four + (part,) + tail


def _prefix_splits(run: str, n: int, start: int, limit: int) -> Iterator[tuple[str, ...]]:
    """Ways to take ``n`` integers from ``run[start:]`` without passing ``limit``."""
    if n == 0:
        yield ()
        return
    for end in range(start + 1, min(limit - (n - 1), start + _MAX_PART) + 1):
        part = run[start:end]
        if not _PATTERNS["int"].fullmatch(part):
            break
        for tail in _prefix_splits(run, n - 1, end, limit):
            yield (part,) + tail


def _limited(it: Iterator[tuple[str, ...]]) -> list[tuple[str, ...]] | None:
    out = []
    for x in it:
        out.append(x)
        if len(out) > _MAX_SOLUTIONS:
            return None
    return out


def _flat_uncertain(spec: _Spec, doc: _Doc, vals: dict) -> list[str]:
    """Cells of the flat layout whose digit run admits more than one reading.

    Each table row's value cells are printed run together.  A row's candidate readings
    are the splits of its run into cells of the right type that satisfy the in-row
    rules (T3-ROWSUM, T4-BLOCK); the table-三 readings are then filtered jointly by the
    column rules (T3-ID, T3-RESULTS).  Only the rule instances that hold in the printed
    table are used, so the printed reading always survives.  A cell is uncertain when
    the surviving readings disagree on it; when the readings are too many to enumerate,
    all cells of the row are listed (a conservative answer).
    """
    failing = {(f["rule"], tuple(f["cells"])) for f in _failing_rules(spec, vals)}

    def ok(rule: str, cells: list[str]) -> bool:
        return (rule, tuple(cells)) not in failing

    uncertain: set[str] = set()
    t3 = _T3Runs()
    for table in (b for b in doc.blocks if isinstance(b, _T)):
        for row in table.rows:
            cells = [c for c in row if c.path]
            if not cells:
                continue
            paths = [c.path for c in cells]
            truth = tuple(c.text for c in cells)
            run = "".join(truth)
            if table.name == "table3":
                key = paths[0].split(".")[1]
                t3.paths[key], t3.runs[key], t3.truth[key] = paths, run, truth
                t3.rowsum[key] = ok("T3-ROWSUM", paths)
                cands = _limited(_rowsum_splits(run, len(paths))) if t3.rowsum[key] else None
                if cands is not None and truth in cands:
                    t3.readings[key] = cands
                continue
            if table.name == "table2":
                cands = _limited(_splits(run, [_PATTERNS[spec.t2_type(p)] for p in paths]))
            else:
                enforce = [ok("T4-BLOCK", [f"table4.{b}.{p}" for p in _T4_PARTS]) for b in _T4_BLOCKS]
                cands = _limited(_block_splits(run, enforce))
            uncertain.update(_disagreeing(paths, cands, truth))
    rules = []
    for ci, c in enumerate(spec.t3_columns):
        if ok("T3-ID", [f"table3.{r}.{c}" for r in ("new_received", "carried_over", "result_total", "carried_forward")]):
            rules.append((ci, ("new_received", "carried_over"), ("result_total", "carried_forward")))
        if ok("T3-RESULTS", [f"table3.result_total.{c}"] + [f"table3.{r}.{c}" for r in spec.leaf_rows]):
            rules.append((ci, ("result_total",), tuple(spec.leaf_rows)))
    uncertain.update(t3.unsettled(rules))
    return sorted(uncertain)


def _disagreeing(paths: list[str], cands: list[tuple[str, ...]] | None, truth: tuple[str, ...]) -> set[str]:
    """Paths whose readings disagree (all of them when the readings could not be listed)."""
    if cands is None or truth not in cands:
        return set(paths)
    return {p for i, p in enumerate(paths) if len({c[i] for c in cands}) > 1}


@dataclass
class _T3Runs:
    """The table-三 row runs of a flat report and their readings, for the joint filter."""

    paths: dict = field(default_factory=dict)
    runs: dict = field(default_factory=dict)
    truth: dict = field(default_factory=dict)
    rowsum: dict = field(default_factory=dict)
    readings: dict = field(default_factory=dict)  # rows whose row-sum readings could be listed

    def unsettled(self, rules: list[tuple[int, tuple, tuple]]) -> set[str]:
        """Cells left unsettled by the joint filter of the column ``rules``.

        Rows with listed readings are combined (up to a limit); the other rows ("free"
        rows: row sum fails or too many readings) are read with the cells the column
        rules fix given the rows already assigned.
        """
        ambiguous = [r for r in self.readings if len(self.readings[r]) > 1]
        free = [r for r in self.runs if r not in self.readings]
        fixed = {r: self.readings[r][0] for r in self.readings if len(self.readings[r]) == 1}
        product = 1
        for r in ambiguous:
            product *= len(self.readings[r])
        keep: dict[str, set] = {r: set() for r in self.runs}
        budget = [_MAX_SOLUTIONS]
        # too many combinations: fall back to the per-row readings (conservative)
        fallback = {p for r in free for p in self.paths[r]}
        for r in ambiguous:
            fallback |= _disagreeing(self.paths[r], self.readings[r], self.truth[r])
        if product > _MAX_SOLUTIONS:
            return fallback
        for combo in _product([self.readings[r] for r in ambiguous]):
            assign = dict(fixed)
            assign.update(zip(ambiguous, combo))
            if not self._resolve(free, 0, assign, rules, keep, budget):
                return fallback
        out: set[str] = set()
        for r in self.runs:
            out |= _disagreeing(self.paths[r], sorted(keep[r]), self.truth[r])
        return out

    def _resolve(self, free: list[str], i: int, assign: dict, rules, keep: dict, budget: list[int]) -> bool:
        """Assign free rows ``free[i:]``; record full assignments that satisfy ``rules``.

        Returns False when the enumeration budget ran out.
        """
        if i == len(free):
            if all(_rule_holds(assign, rule) for rule in rules):
                for r, reading in assign.items():
                    keep[r].add(reading)
            return True
        row = free[i]
        known: dict[int, int] = {}
        for ci, lhs, rhs in rules:
            if row not in lhs + rhs or not all(r in assign for r in lhs + rhs if r != row):
                continue
            if row in lhs:
                value = sum(int(assign[r][ci]) for r in rhs) - sum(int(assign[r][ci]) for r in lhs if r != row)
            else:
                value = sum(int(assign[r][ci]) for r in lhs) - sum(int(assign[r][ci]) for r in rhs if r != row)
            if value < 0 or known.get(ci, value) != value:
                return True  # no reading of this row can satisfy the rules
            known[ci] = value
        n = len(self.paths[row])
        pats = [re.compile(re.escape(str(known[k]))) if k in known else _PATTERNS["int"] for k in range(n)]
        for reading in _splits(self.runs[row], pats):
            if self.rowsum[row] and sum(int(x) for x in reading[:-1]) != int(reading[-1]):
                continue
            budget[0] -= 1
            if budget[0] < 0:
                return False
            assign[row] = reading
            if not self._resolve(free, i + 1, assign, rules, keep, budget):
                return False
            del assign[row]
        return True


def _rule_holds(assign: dict, rule: tuple[int, tuple, tuple]) -> bool:
    ci, lhs, rhs = rule
    return sum(int(assign[r][ci]) for r in lhs) == sum(int(assign[r][ci]) for r in rhs)


def _product(lists: list[list]) -> Iterator[tuple]:
    if not lists:
        yield ()
        return
    for head in lists[0]:
        for tail in _product(lists[1:]):
            yield (head,) + tail


# --------------------------------------------------------------------------- renderers


def _grid_positions(table: _T) -> list[tuple[int, int, _C]]:
    """(row, column, cell) of every logical cell, expanding row and column spans."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


def _one_line(text: str) -> str:
    return text.replace("\n", " ")


def _text_blocks(doc: _Doc, table_lines, heading_prefix: str = "", sub_prefix: str = "") -> list[str]:
    lines = [doc.title]
    for blk in doc.blocks:
        if isinstance(blk, _T):
            lines.extend(table_lines(blk))
        elif blk.role == "heading":
            lines.append(heading_prefix + blk.text)
        elif blk.role == "sub":
            lines.append(sub_prefix + blk.text)
        else:
            lines.append(blk.text)
    return lines


def _render_pipe(doc: _Doc, rng: random.Random) -> bytes:
    def table_lines(t: _T) -> list[str]:
        out = []
        for i, row in enumerate(t.rows):
            texts = [_one_line(c.text) for c in row]
            if i == len(t.rows) - 1:
                out.append(" | ".join(texts) + " |")
            else:
                out.append((" | ".join(texts) + " | " + "|" * (t.width - len(row))).rstrip())
        return out

    return ("\n".join(_text_blocks(doc, table_lines)) + "\n").encode("utf-8")


def _render_tab(doc: _Doc, rng: random.Random) -> bytes:
    def table_lines(t: _T) -> list[str]:
        return ["\t".join(_one_line(c.text) for c in row) for row in t.rows]

    return ("\n".join(_text_blocks(doc, table_lines)) + "\n").encode("utf-8")


def _render_markdown(doc: _Doc, rng: random.Random) -> bytes:
    def table_lines(t: _T) -> list[str]:
        grid = [[""] * t.width for _ in t.rows]
        for r, c, cell in _grid_positions(t):
            grid[r][c] = _one_line(cell.text)
        lines = ["", "| " + " | ".join(grid[0]) + " |", "|" + "---|" * t.width]
        lines += ["| " + " | ".join(row) + " |" for row in grid[1:]]
        return lines + [""]

    lines = [f"# {doc.title}", "", doc.date_line, ""]
    sub_prefix = rng.choice(["### ", ""])
    for blk in doc.blocks:
        if isinstance(blk, _T):
            lines.extend(table_lines(blk))
        elif blk.role == "heading":
            lines += [f"## {blk.text}", ""]
        elif blk.role == "sub":
            lines += [sub_prefix + blk.text, ""]
        else:
            lines += [blk.text, ""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def _render_flat(doc: _Doc, rng: random.Random) -> bytes:
    parts: list[str] = []
    for blk in doc.blocks:
        if isinstance(blk, _T):
            for row in blk.rows:
                for c in row:
                    text = c.text.replace("\n", " ")
                    if c.kind == "header" and "\n" in c.text:
                        text = " " + text + " "
                    elif c.kind == "group" and c.rowspan > 10:
                        text = text + " "
                    parts.append(text)
        elif blk.role == "heading":
            parts.append(blk.text + doc.heading_sep)
        else:
            parts.append(blk.text)
    return (doc.title + "\n" + "".join(parts) + "\n").encode("utf-8")


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def _render_space(doc: _Doc, rng: random.Random) -> bytes:
    page = [rng.randint(1, 2)]

    def page_mark() -> str:
        page[0] += 1
        return f"- {page[0]} -"

    def t2_lines(t: _T) -> list[str]:
        out = []
        for row in t.rows:
            if row[0].kind == "caption":
                out.append(row[0].text.replace("第二十条第", rng.choice(["第二十条第", "第二十条 第"])))
            else:
                out.append(" ".join(_one_line(c.text) for c in row))
        return out

    def t3_lines(t: _T) -> list[str]:
        note = t.rows[0][0].text
        cut = len(note) // 2 + rng.randint(-4, 4)
        out = [note[:cut], note[cut:], "申请人情况", "自然人 法人或其他组织 总计"]
        heads = [c.text.replace("\n", "") for c in t.rows[2]]
        top = [h[: (len(h) + 1) // 2] for h in heads]
        bottom = [h[(len(h) + 1) // 2:] for h in heads]
        out += [" ".join(top), " ".join(x for x in bottom if x)]
        mark_at = rng.randint(8, len(t.rows) - 4) if rng.random() < 0.5 else -1
        for i, row in enumerate(t.rows[3:], start=3):
            if i == mark_at:
                out.append(page_mark())
            values = " ".join(c.text for c in row if c.path)
            labels = [c for c in row if not c.path]
            line_label = ""
            for c in labels:
                if c.kind == "group" and c.rowspan > 10:
                    out.extend(ch for ch in c.text)  # vertical text: one character per line
                elif c.kind == "group":
                    half = rng.randint(3, len(c.text) - 1)
                    if rng.random() < 0.5:
                        out += [c.text[:half], c.text[half:]]
                    else:
                        line_label = c.text[:half] + " "
                        labels.append(_C(c.text[half:], kind="tail"))
                elif c.kind == "label":
                    text = c.text
                    if len(text) > 24:
                        cut = rng.randint(16, 22)
                        out.append(line_label + text[:cut])
                        line_label, text = "", text[cut:]
                    out.append(f"{line_label}{text} {values}")
                    line_label = ""
                elif c.kind == "tail":
                    out.append(c.text)
        return out

    def t4_lines(t: _T) -> list[str]:
        subs = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
        cols = [" ".join(s[i] for s in subs) for i in range(4)]
        return ["行政复议 行政诉讼",
                cols[0] + " 总 未经复议直接起诉 复议后起诉",
                cols[1] + " 计 " + " ".join([cols[0] + " 总"] * 2),
                cols[2] + "   " + " ".join([cols[1] + " 计"] * 2),
                cols[3] + "   " + " ".join([cols[2]] * 2),
                "      " + " ".join([cols[3]] * 2),
                " ".join(c.text for c in t.rows[3])]

    lines = [doc.title]
    for blk in doc.blocks:
        if isinstance(blk, _T):
            lines += {"table2": t2_lines, "table3": t3_lines, "table4": t4_lines}[blk.name](blk)
        elif blk.role in ("heading", "sub", "note"):
            lines.append(blk.text)
        else:
            lines += _wrap(blk.text, 38)
            if blk.section == "overview" and rng.random() < 0.25:
                lines.append(page_mark())
    return ("\n".join(lines) + "\n").encode("utf-8")


def _render_html(doc: _Doc, rng: random.Random) -> bytes:
    esc = functools.partial(_html.escape, quote=False)
    ch = doc.chrome
    use_h = rng.random() < 0.5
    body: list[str] = []
    for blk in doc.blocks:
        if isinstance(blk, _T):
            body.append('<table border="1" cellspacing="0" cellpadding="2" class="report-table"><tbody>')
            for row in blk.rows:
                tds = []
                for c in row:
                    attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + \
                            (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
                    text = "<br/>".join(esc(x) for x in c.text.split("\n")) if c.text else "&nbsp;"
                    tds.append(f"<td{attrs}>{text}</td>")
                body.append("<tr>" + "".join(tds) + "</tr>")
            body.append("</tbody></table>")
        elif blk.role == "heading":
            body.append(f"<h2>{esc(blk.text)}</h2>" if use_h else f"<p><strong>{esc(blk.text)}</strong></p>")
        elif blk.role == "sub":
            body.append(f"<p><strong>{esc(blk.text)}</strong></p>")
        else:
            body.append(f'<p style="text-indent:2em">{esc(blk.text)}</p>')
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(doc.title)}_{esc(ch['site'])}</title>
<style>body{{font-family:SimSun,serif;margin:0}}.report-table{{border-collapse:collapse;margin:0 auto}}.report-table td{{padding:2px 4px;text-align:center}}</style>
</head>
<body>
<div class="top-bar"><a href="/">{esc(ch['site'])}</a><span class="search"><input type="text" placeholder="请输入关键词"/><button>搜索</button></span></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="article">
<h1 class="article-title">{esc(doc.title)}</h1>
<div class="article-info">发布时间：{ch['published']}　来源：{esc(ch['source'])}　浏览次数：{ch['views']}</div>
<div class="article-content">
{chr(10).join(body)}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{esc(ch['host'])}</p><p>网站标识码：{ch['code']}　{ch['icp']}</p></div>
</body>
</html>
"""
    return page.encode("utf-8")


def _render_docx(doc: _Doc, rng: random.Random) -> bytes:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = "", "", ""
    cp.created = cp.modified = cp.last_printed = _FIXED_TIME
    cp.revision = 1

    def para(text: str, *, bold: bool = False, center: bool = False, size: int | None = None) -> None:
        p = d.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para(doc.title, bold=True, center=True, size=18)
    para(doc.date_line, center=True)
    for blk in doc.blocks:
        if isinstance(blk, _T):
            table = d.add_table(rows=len(blk.rows), cols=blk.width)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, c, cell in _grid_positions(blk):
                target = table.cell(r, c)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                lines = cell.text.split("\n")
                target.text = lines[0]
                for extra in lines[1:]:
                    target.add_paragraph(extra)
                for p in target.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
            d.add_paragraph()
        elif blk.role in ("heading", "sub"):
            para(blk.text, bold=True)
        else:
            p = d.add_paragraph(blk.text)
            p.paragraph_format.first_line_indent = Pt(24)
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed timestamps so the bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _render_pdf(doc: _Doc, rng: random.Random) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0, fontSize=11.5, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=TA_CENTER, firstLineIndent=0)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK", alignment=TA_CENTER)
    esc = functools.partial(_html.escape, quote=False)

    widths = {
        "table2": [5.0 * cm, 4.2 * cm, 4.2 * cm, 4.2 * cm],
        "table3": [1.0 * cm, 2.0 * cm, 5.0 * cm] + [1.4 * cm] * 7,
        "table4": [1.18 * cm] * 15,
    }
    story: list = [Paragraph(esc(doc.title), title), Paragraph(esc(doc.date_line), center), Spacer(1, 6)]
    for blk in doc.blocks:
        if isinstance(blk, _T):
            data = [[""] * blk.width for _ in blk.rows]
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     ("FONT", (0, 0), (-1, -1), font, 7.5), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                     ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
            for r, c, cell in _grid_positions(blk):
                data[r][c] = Paragraph("<br/>".join(esc(x) for x in cell.text.split("\n")), cell_style)
                if cell.rowspan > 1 or cell.colspan > 1:
                    style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            story += [Table(data, colWidths=widths[blk.name], style=TableStyle(style), repeatRows=0), Spacer(1, 8)]
        elif blk.role in ("heading", "sub"):
            story.append(Paragraph(f"<b>{esc(blk.text)}</b>" if blk.role == "heading" else esc(blk.text), head))
        else:
            story.append(Paragraph(esc(blk.text), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, leftMargin=1.6 * cm, rightMargin=1.6 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm, title=doc.title,
                      author="").build(story)
    return buf.getvalue()


_RENDERERS = {
    "pipe": _render_pipe,
    "flat": _render_flat,
    "tab": _render_tab,
    "markdown": _render_markdown,
    "space": _render_space,
    "html": _render_html,
    "docx": _render_docx,
    "pdf": _render_pdf,
}
