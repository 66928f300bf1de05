"""Render one report record as a self-contained HTML audit page.

The page shows the report text with its six sections (statements of section 五 highlighted by
kind, with their topics), every claim with its verdict badge linked to the table cell it states,
every finding, and tables 二, 三 and 四 in the layout of the national template, each cell marked
by its findings and carrying the source text it was read from (hover for a tooltip, click for an
inspector with a link to the line of the report it came from).

All text of the record is escaped (reports are untrusted input), the page loads nothing from
outside (its Content-Security-Policy allows only its own inline style and the one script whose
hash it names), and the same record always gives the same bytes.

Example:
    >>> import ogi
    >>> from ogi.view import render_report
    >>> rep = ogi.parse("一、总体情况\\n2024年，本机关共收到政府信息公开申请4件。")
    >>> page = render_report(rep.to_dict(), text=rep.document.text)
    >>> page.startswith("<!DOCTYPE html>")
    True
"""

from __future__ import annotations

import base64
import hashlib
import html
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ogi.paths import RESOURCES_DIR
from ogi.record import flatten_cells, get_cell
from ogi.spec import T3_COLUMNS, T4_BLOCKS, T4_COLUMNS, VERSIONS, raw_spec
from ogi.view.fonts import font_face_css
from ogi.view.palette import css_variables

__all__ = ["render_report", "cell_classes", "expected_text", "page_shell", "SECTION_TITLES", "TOPIC_LABELS"]

#: The six sections in template order, with the heading a template report gives them.
SECTION_TITLES: dict[str, str] = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}

#: Short Chinese names of the statement topics (shared/spec/statements.md).
TOPIC_LABELS: dict[str, str] = {
    "interpretation": "政策解读", "applications": "依申请办理", "capacity": "队伍能力",
    "participation": "公众参与", "content": "公开内容", "standardization": "标准化规范化",
    "platform": "平台渠道", "timeliness": "及时性", "mechanism": "制度机制",
    "supervision": "监督考核", "digital": "数字化", "other": "其他",
}

_KIND_LABELS = {"problem": "问题", "improvement": "改进", "other": "其他"}
_VERDICTS = ("match", "approx", "mismatch", "unverifiable")
_SEVERITY_ORDER = {"error": 0, "uncertain": 1, "warning": 2, "info": 3}
# how far a source mark in the text may reach past its offset when the row has no line end
_SRC_SPAN_MAX = 200


def _e(value: Any) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    base = RESOURCES_DIR / "view"
    return ((base / "view.css").read_text(encoding="utf-8"),
            (base / "view.js").read_text(encoding="utf-8"))


def page_shell(*, title: str, body: str, script: str | None = None, embed_font: bool = True) -> str:
    """A complete HTML page with the view's inline CSS and, optionally, one inline script.

    The Content-Security-Policy forbids every external load and every script but ``script``
    (named by its SHA-256), so an injected ``<script>`` could not run even if escaping failed.
    The colours come from :mod:`ogi.view.palette`; with ``embed_font``, a subset of Noto Sans SC
    cut to the characters of the page is inlined (:func:`ogi.view.fonts.font_face_css`), so the
    page shows Chinese on a machine without a CJK font.

    Args:
        title: the page title (escaped here).
        body: the HTML of the body (already escaped by the caller).
        script: JavaScript to inline at the end of the body.
        embed_font: inline the font subset (some 100 KB for a report page).
    """
    css, _ = _assets()
    policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
    tail = ""
    if script is not None:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        policy += f"; script-src 'sha256-{digest}'"
        tail = f"<script>{script}</script>\n"
    style = css_variables() + css
    if embed_font:
        style = font_face_css(title + body + style + (script or "")) + style
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"ogi view\">\n"
            f"<title>{_e(title)}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
            f"{body}\n{tail}</body>\n</html>\n")


# --------------------------------------------------------------------------- numbers and cells


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def expected_text(f: dict) -> str:
    """`` (expected 5, printed 4)`` of a finding; a blank cell is said so, never printed as nothing."""
    exp, act = f.get("expected"), f.get("actual")
    if exp is None and act is None:
        return ""
    printed = "the cell is blank" if act is None else f"printed {_fmt(act)}"
    return f" (expected {_fmt(exp) if exp is not None else '-'}, {printed})"


def cell_classes(path: str, value: Any, findings: list[dict], *, unreadable: bool = False) -> list[str]:
    """The CSS classes of a table cell from its value and the findings that name it.

    Args:
        path: the cell path (``table3.granted.total``).
        value: the cell's value in the record (``None`` when blank or unreadable).
        findings: the findings whose ``cells`` include ``path``.
        unreadable: the cell is listed in the record's ``unreadable_cells``.

    Returns:
        ``["cell", …]`` with ``error``, ``uncertain``, ``ambiguous``, ``unreadable``, ``blank``,
        ``warning`` or ``info`` as they apply, in that order.

    Example:
        >>> cell_classes("table3.granted.total", None, [{"rule": "AMBIGUOUS-CELL", "severity": "warning"}])
        ['cell', 'ambiguous']
    """
    rules = {f.get("rule") for f in findings}
    sev = {f.get("severity") for f in findings}
    out = ["cell"]
    if "error" in sev:
        out.append("error")
    if "uncertain" in sev:
        out.append("uncertain")
    ambiguous = "AMBIGUOUS-CELL" in rules
    if ambiguous:
        out.append("ambiguous")
    elif unreadable:
        out.append("unreadable")
    elif value is None:
        out.append("blank")
    other = {f.get("severity") for f in findings if f.get("rule") not in ("AMBIGUOUS-CELL", "EMPTY-CELLS")}
    if "warning" in other:
        out.append("warning")
    if "info" in other:
        out.append("info")
    return out


# --------------------------------------------------------------------------- text marks


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    rank: int  # 0 is the outermost
    cls: str
    ident: str | None = None
    attrs: str = ""


def _markup(text: str, marks: list[_Mark], inserts: dict[int, list[str]]) -> str:
    """Escaped ``text`` with ``marks`` as spans (split where they cross) and HTML ``inserts``."""
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    bounds = sorted({0, n} | {m.start for m in marks} | {m.end for m in marks}
                    | {p for p in inserts if 0 <= p <= n})
    seen: set[int] = set()
    out: list[str] = list(inserts.get(0, [])) if n == 0 else []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == 0:
            out.extend(inserts.get(0, []))
        piece = _e(text[a:b])
        active = sorted((i for i, m in enumerate(marks) if m.start <= a and b <= m.end),
                        key=lambda i: (marks[i].rank, i), reverse=True)
        for i in active:
            m = marks[i]
            ident = ""
            if m.ident:  # every piece of a split mark names it; the first also carries the id
                ident = (f' id="{_e(m.ident)}"' if i not in seen else "") + f' data-m="{_e(m.ident)}"'
            seen.add(i)
            piece = f'<span class="{m.cls}"{ident}{m.attrs}>{piece}</span>'
        out.append(piece)
        out.extend(inserts.get(b, []))
    return "".join(out)


def _claim_span(claim: dict, sec_text: str) -> tuple[int, int] | None:
    quote = claim.get("quote") or ""
    start, end = claim.get("start"), claim.get("end")
    if (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(sec_text)
            and (not quote or sec_text[start:end] == quote)):
        return start, end
    if quote:
        at = sec_text.find(quote)
        if at >= 0:
            return at, at + len(quote)
    return None


def _section_marks(key: str, sec_text: str, doc_off: int | None, rec: dict, text: str | None,
                   claim_home: dict[int, str]) -> tuple[list[_Mark], dict[int, list[str]]]:
    marks: list[_Mark] = []
    inserts: dict[int, list[str]] = {}
    if key == "problems":
        for i, st in enumerate(rec.get("statements") or []):
            s, e = st.get("start"), st.get("end")
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(sec_text)):
                at = sec_text.find(st.get("text") or "\0")
                if at < 0:
                    continue
                s, e = at, at + len(st["text"])
            kind = st.get("kind") or "other"
            topics = [t for t in (st.get("topics") or []) if t]
            tip = f"#{i + 1} {kind}"
            if st.get("score") is not None:
                tip += f" ({float(st['score']):.2f})"
            if topics:
                tip += " · " + ", ".join(topics)
            if st.get("pair") is not None:
                tip += f" · pairs with #{int(st['pair']) + 1}"
            marks.append(_Mark(s, e, 0, f"stmt k-{_e(kind)}", f"st-{i}",
                               f' data-kind="{_e(kind)}" title="{_e(tip)}"'))
            inserts.setdefault(s, []).append(
                f'<span class="stmt-no" aria-hidden="true">{_e(_KIND_LABELS.get(kind, kind))}{i + 1}</span>')
            labels = "".join(f'<span class="topic" data-topic="{_e(t)}" title="{_e(t)}">'
                             f'{_e(TOPIC_LABELS.get(t, t))}</span>' for t in topics)
            if labels:
                inserts.setdefault(e, []).append(f'<span class="topics">{labels}</span>')
    for i, cl in enumerate(rec.get("claims") or []):
        if claim_home.get(i) != key:
            continue
        span = _claim_span(cl, sec_text)
        if span is None:
            continue
        verdict = cl.get("verdict") if cl.get("verdict") in _VERDICTS else "unverifiable"
        marks.append(_Mark(span[0], span[1], 1, f"claimq v-{verdict}", f"q-{i}",
                           f' title="{_e(verdict)}: {_e(cl.get("target") or "no table quantity")}"'))
    if doc_off is not None and text is not None:
        for pkey in sorted(rec.get("provenance") or {}):
            p = rec["provenance"][pkey]
            off = p.get("offset") if isinstance(p, dict) else None
            if not isinstance(off, int) or not doc_off <= off < doc_off + len(sec_text):
                continue
            local = off - doc_off
            nl = sec_text.find("\n", local)
            end = min(nl if nl >= 0 else len(sec_text), local + _SRC_SPAN_MAX)
            if end > local:
                marks.append(_Mark(local, end, 2, "src", f"src-{pkey}",
                                   f' data-row="{_e(pkey)}" title="{_e(pkey)}"'))
    return marks, inserts


def _sections_html(rec: dict, text: str | None) -> str:
    secs = [s for s in rec.get("sections") or [] if isinstance(s, dict)]
    out = ['<h2>报告正文 <span class="count">report text</span></h2>',
           '<div class="legend"><span class="sw stmt k-problem">问题 problem</span>'
           '<span class="sw stmt k-improvement">改进 improvement</span>'
           '<span class="sw src">table row read from here</span></div>']
    first = min((int(s["start"]) for s in secs if isinstance(s.get("start"), int)), default=None)
    if text and first:
        out.append(f'<section class="preamble"><div class="text">{_e(text[:first].strip())}</div></section>')
    by_key: dict[str, dict] = {str(s.get("key")): s for s in secs}
    # the section a claim's quote sits in: its own ``section``, else the first that contains it
    claim_home: dict[int, str] = {}
    for i, cl in enumerate(rec.get("claims") or []):
        if cl.get("section"):
            claim_home[i] = cl["section"]
        elif cl.get("quote"):
            home = next((s.get("key") for s in secs if cl["quote"] in (s.get("text") or "")), None)
            if home is not None:
                claim_home[i] = home
    keys = list(SECTION_TITLES) + [k for k in by_key if k not in SECTION_TITLES]
    for key in keys:
        sec = by_key.get(key)
        if sec is None:
            out.append(f'<section class="sec" id="sec-{_e(key)}"><h3>{_e(SECTION_TITLES.get(key, key))} '
                       f'<small>{_e(key)}</small></h3><p class="missing">section not found in this report'
                       '</p></section>')
            continue
        sec_text = sec.get("text") or ""
        doc_off = None
        if text is not None and sec_text:
            at = text.find(sec_text, sec.get("start") if isinstance(sec.get("start"), int) else 0)
            doc_off = at if at >= 0 else None
        marks, inserts = _section_marks(key, sec_text, doc_off, rec, text, claim_home)
        heading = sec.get("heading") or SECTION_TITLES.get(key, key)
        note = ' <small>(no heading in the source: body found by its content)</small>' if sec.get("inferred") else ""
        out.append(f'<section class="sec" id="sec-{_e(key)}"><h3>{_e(heading)} <small>{_e(key)}</small>{note}</h3>'
                   f'<div class="text">{_markup(sec_text, marks, inserts)}</div></section>')
    return "\n".join(out)


# --------------------------------------------------------------------------- tables


class _Cells:
    """Renders ``<td>`` elements of a record's cells, remembering which paths it drew."""

    def __init__(self, rec: dict) -> None:
        self.tables = rec.get("tables") or {}
        self.prov = rec.get("provenance") or {}
        self.unreadable = set(rec.get("unreadable_cells") or [])
        self.by_cell: dict[str, list[dict]] = {}
        for f in rec.get("findings") or []:
            for c in f.get("cells") or []:
                self.by_cell.setdefault(c, []).append(f)
        self.drawn: set[str] = set()

    def td(self, path: str, *, row_label: str, col_label: str) -> str:
        self.drawn.add(path)
        value = get_cell(self.tables, path)
        fs = self.by_cell.get(path, [])
        classes = cell_classes(path, value, fs, unreadable=path in self.unreadable)
        table, _, rest = path.partition(".")
        row = rest.rpartition(".")[0]
        pkey = f"{table}.{row}" if f"{table}.{row}" in self.prov else table
        p = self.prov.get(pkey) if isinstance(self.prov.get(pkey), dict) else None
        lines = [f"{path} = {_fmt(value) if value is not None else '(empty)'}", f"{row_label} · {col_label}"]
        if p:
            label = f"“{p['label']}” " if p.get("label") else ""
            lines.append(f"read from: {label}{(p.get('source') or '').strip() or '(nothing)'}")
        else:
            lines.append("read from: (no source recorded)")
        cands: list[Any] = []
        for f in sorted(fs, key=lambda f: (_SEVERITY_ORDER.get(str(f.get("severity")), 9), f.get("rule") or "")):
            line = f"[{f.get('severity')}] {f.get('rule')}: {f.get('message') or ''}"
            line += expected_text(f)
            if f.get("candidates"):
                cands = list(f["candidates"])
                line += " candidates: " + ", ".join(_fmt(c) for c in cands)
            lines.append(line)
        content = _e(_fmt(value))
        if value is None and cands:
            content = f'?<span class="cand">{_e(" / ".join(_fmt(c) for c in cands))}</span>'
        elif value is None and "unreadable" in classes:
            content = "?"
        src = f' data-src="src-{_e(pkey)}"' if p else ""
        return (f'<td id="c-{_e(path)}" class="{" ".join(classes)}" data-path="{_e(path)}"{src} tabindex="0" '
                f'title="{_e(chr(10).join(lines))}">{content}</td>')


def _table3_html(cells: _Cells, version: str) -> str:
    spec = raw_spec()["versions"][version]["table3"]
    cols = {c["key"]: c["label"] for c in spec["columns"]}
    org = [c for c in spec["columns"] if c.get("group")]
    head = (f'<tr><th class="corner" rowspan="3">{_e(spec.get("corner_note", ""))}</th>'
            f'<th colspan="{len(spec["columns"])}">{_e(spec.get("column_super_header", "申请人情况"))}</th></tr>'
            f'<tr><th rowspan="2">{_e(cols["natural_person"])}</th>'
            f'<th colspan="{len(org)}">{_e(org[0]["group"] if org else "")}</th>'
            f'<th rowspan="2">{_e(cols["total"])}</th></tr>'
            "<tr>" + "".join(f"<th>{_e(c['label'])}</th>" for c in org) + "</tr>")
    rows = []
    for r in spec["rows"]:
        lvl = int(r.get("level") or 0)
        if r.get("kind") != "data":
            rows.append(f'<tr class="group"><th class="row l{lvl}" colspan="{len(T3_COLUMNS) + 1}">'
                        f'{_e(r["label"])}</th></tr>')
            continue
        tds = "".join(cells.td(f"table3.{r['key']}.{c}", row_label=r["label"], col_label=cols.get(c, c))
                      for c in T3_COLUMNS)
        rows.append(f'<tr data-row="{_e(r["key"])}"><th class="row l{lvl}" title="{_e(r["key"])}">'
                    f'{_e(r["label"])}</th>{tds}</tr>')
    return (f'<h3>{_e(spec.get("title_section", "三"))} <small>table3</small></h3>'
            f'<table class="t t3"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')


def _table4_html(cells: _Cells, version: str) -> str:
    spec = raw_spec()["versions"][version]["table4"]
    labels = {c["key"]: c for c in spec["columns"]}
    block_label = {b: labels[f"{b}.upheld"]["block"] for b in T4_BLOCKS}
    super_label = labels[f"{T4_BLOCKS[1]}.upheld"].get("super_group") or "行政诉讼"
    n = len(T4_COLUMNS)
    head = (f'<tr><th colspan="{n}" rowspan="2">{_e(block_label[T4_BLOCKS[0]])}</th>'
            f'<th colspan="{2 * n}">{_e(super_label)}</th></tr>'
            f'<tr><th colspan="{n}">{_e(block_label[T4_BLOCKS[1]])}</th>'
            f'<th colspan="{n}">{_e(block_label[T4_BLOCKS[2]])}</th></tr>'
            "<tr>" + "".join(f"<th>{_e(labels[f'{b}.{c}']['label'])}</th>" for b in T4_BLOCKS for c in T4_COLUMNS)
            + "</tr>")
    tds = "".join(cells.td(f"table4.{b}.{c}", row_label=block_label[b], col_label=labels[f"{b}.{c}"]["label"])
                  for b in T4_BLOCKS for c in T4_COLUMNS)
    return (f'<h3>{_e(spec.get("title_section", "四"))} <small>table4</small></h3>'
            f'<table class="t t4"><thead>{head}</thead><tbody><tr>{tds}</tr></tbody></table>')


def _table2_html(cells: _Cells, version: str) -> str:
    spec = raw_spec()["versions"][version]["table2"]
    width = max(len(b["columns"]) for b in spec["blocks"]) + 1
    rows = []
    for b in spec["blocks"]:
        rows.append(f'<tr><th class="caption" colspan="{width}">{_e(b["caption"])} '
                    f'<span class="key">{_e(b["block"])}</span></th></tr>')
        pad = width - 1 - len(b["columns"])
        filler = f'<th colspan="{pad}"></th>' if pad else ""
        rows.append("<tr><th>信息内容</th>" + "".join(f"<th>{_e(c['label'])}</th>" for c in b["columns"])
                    + filler + "</tr>")
        for r in b["rows"]:
            tds = "".join(cells.td(f"table2.{b['block']}.{r['key']}.{c['key']}", row_label=r["label"],
                                   col_label=c["label"]) for c in b["columns"])
            fill = f'<td colspan="{pad}" class="pad"></td>' if pad else ""
            rows.append(f'<tr data-row="{_e(b["block"] + "." + r["key"])}"><th class="row">{_e(r["label"])}</th>'
                        f"{tds}{fill}</tr>")
    return (f'<h3>{_e(spec.get("title_section", "二"))} <small>table2</small></h3>'
            f'<table class="t t2"><tbody>{"".join(rows)}</tbody></table>')


def _tables_html(rec: dict) -> str:
    version = (rec.get("meta") or {}).get("template")
    out = ['<h2>表格 <span class="count">tables in the national template; hover a cell for its source, '
           'click it for details</span></h2>',
           '<div class="legend"><span class="sw" style="background:#fde7e7">error: identity fails</span>'
           '<span class="sw" style="background:#fff1d6">uncertain</span>'
           '<span class="sw" style="background:#f1e4fb">ambiguous / unreadable</span>'
           '<span class="sw" style="background:#f1f3f5">blank</span></div>']
    tables = rec.get("tables") or {}
    if version not in VERSIONS:
        out.append(f'<p class="note">template {_e(version)}: this report\'s statistics are not in the '
                   "national tables, which are left empty.</p>")
        version = "2021" if any(tables.get(t) for t in ("table2", "table3", "table4")) else None
        if version is None:
            return "\n".join(out)
    cells = _Cells(rec)
    out += [_table2_html(cells, version), _table3_html(cells, version), _table4_html(cells, version)]
    extra = [p for t in ("table2", "table3", "table4") if isinstance(tables.get(t), dict)
             for p in flatten_cells(tables[t], prefix=t) if p not in cells.drawn]
    if extra:
        items = "".join(f'<li><span class="key">{_e(p)}</span> = {_e(_fmt(get_cell(tables, p)))}</li>' for p in extra)
        out.append(f'<h3>cells outside the {_e(version)} template</h3><ul class="outside">{items}</ul>')
    return "\n".join(out)


# --------------------------------------------------------------------------- claims and findings


def _claims_html(rec: dict) -> str:
    claims = rec.get("claims") or []
    out = [f'<h2>数字核对 <span class="count">claims: {len(claims)}; click one to see its table cell</span></h2>']
    if not claims:
        out.append('<p class="note">no claims linked for this report</p>')
        return "\n".join(out)
    out.append('<ol class="claims">')
    for i, cl in enumerate(claims):
        verdict = cl.get("verdict") if cl.get("verdict") in _VERDICTS else "unverifiable"
        target = cl.get("target") or ""
        paths = [p for p in str(target).split("+") if p] if target else []
        approx = "≈" if cl.get("approx") else ""
        nums = f"narrative {approx}{_fmt(cl.get('value'))}{cl.get('unit') or ''}"
        if cl.get("table_value") is not None:
            nums += f" · table {_fmt(cl.get('table_value'))}"
        nums += f" · {target}" if target else " · no table quantity"
        inner = (f'<span class="badge v-{verdict}">{_e(verdict)}</span>“{_e(cl.get("quote"))}” '
                 f'<span class="nums">{_e(nums)}</span>')
        tip = [f"{verdict}: {target or 'no table quantity'}"]
        if cl.get("confidence") is not None:
            tip.append(f"confidence {_fmt(cl['confidence'])}")
        alts = [a for a in cl.get("alt_targets") or [] if isinstance(a, str)]
        if alts:
            tip.append("other readings: " + ", ".join(alts))
        title = f' title="{_e(" · ".join(tip))}"'
        if paths:
            out.append(f'<li><a class="claim v-{verdict}" id="claim-{i}" href="#c-{_e(paths[0])}" '
                       f'data-target="{_e("+".join(paths))}" data-quote="q-{i}"{title}>{inner}</a></li>')
        else:
            out.append(f'<li><span class="claim v-{verdict}" id="claim-{i}"{title}>{inner}</span></li>')
    out.append("</ol>")
    return "\n".join(out)


def _findings_html(rec: dict) -> str:
    fs = rec.get("findings") or []
    out = [f'<h2>检查结果 <span class="count">findings: {len(fs)}</span></h2>']
    if not fs:
        out.append('<p class="note">no findings: every identity holds</p>')
        return "\n".join(out)
    out.append('<ol class="findings">')
    order = sorted(range(len(fs)), key=lambda i: (_SEVERITY_ORDER.get(fs[i].get("severity"), 9), i))
    for i in order:
        f = fs[i]
        sev = f.get("severity") if f.get("severity") in _SEVERITY_ORDER else "info"
        msg = f.get("message") or ""
        msg += expected_text(f)
        cands = ", ".join(_fmt(c) for c in f.get("candidates") or [])
        if cands and cands not in msg:
            msg += f" candidates: {cands}"
        cells = [c for c in f.get("cells") or [] if isinstance(c, str)]
        shown = ", ".join(cells[:4]) + (f" … ({len(cells)} cells)" if len(cells) > 4 else "")
        inner = (f'<span class="badge sev-{sev}">{_e(sev)}</span><b>{_e(f.get("rule"))}</b> {_e(msg)}'
                 + (f' <span class="cells">{_e(shown)}</span>' if cells else ""))
        if cells:
            out.append(f'<li><a class="finding sev-{sev}" id="finding-{i}" href="#c-{_e(cells[0])}" '
                       f'data-target="{_e("+".join(cells))}">{inner}</a></li>')
        else:
            out.append(f'<li><span class="finding sev-{sev}" id="finding-{i}">{inner}</span></li>')
    out.append("</ol>")
    return "\n".join(out)


# --------------------------------------------------------------------------- the page


def _header(rec: dict, *, title: str | None, index_href: str | None) -> tuple[str, str]:
    src = rec.get("source") or {}
    meta = rec.get("meta") or {}
    name = title or meta.get("title") or src.get("path") or "report"
    bits = [f"template {meta.get('template')}"]
    bits += [f"{k} {meta[k]}" for k in ("year", "agency") if meta.get(k)]
    if src.get("format"):
        bits.append(f"format {src['format']}")
    if meta.get("masked_chars"):
        bits.append(f"{meta['masked_chars']} masked characters")
    if src.get("path"):
        bits.append(str(src["path"]))
    if src.get("sha256"):
        bits.append(f"sha256 {str(src['sha256'])[:12]}")
    back = f'<a class="back" href="{_e(index_href)}">← all reports</a>' if index_href else ""
    return name, (f'<header class="top">{back}<h1>{_e(name)}</h1><div class="meta">'
                  + "".join(f"<span>{_e(b)}</span>" for b in bits) + "</div></header>")


def render_report(rec: dict, *, text: str | None = None, title: str | None = None,
                  index_href: str | None = None, embed_font: bool = True, notes: str = "") -> str:
    """The audit page of one record, as one self-contained HTML string.

    Args:
        rec: a record (``Report.to_dict()``, a JSON record, or one rebuilt from a dataset).
        text: the rendered document text (``Report.document.text``); with it, the page also shows
            the text before section 一 and marks the line each table row was read from.
        title: the page title; the report's title or path by default.
        index_href: a link back to the dataset index, shown in the header.
        embed_font: inline a subset of Noto Sans SC (see :func:`page_shell`).
        notes: HTML shown above the findings (the dataset's overrides of this report's cells).

    Returns:
        The HTML page; the same arguments always give the same string.

    Example:
        >>> rec = {"meta": {"template": "2021"}, "sections": [], "tables": {"table3": {"granted": {"total": 3}}},
        ...        "findings": [], "claims": [{"quote": "予以公开3件", "value": 3, "target": "table3.granted.total",
        ...        "table_value": 3, "verdict": "match"}]}
        >>> 'data-target="table3.granted.total"' in render_report(rec)
        True
    """
    if not isinstance(rec, dict):
        raise TypeError(f"render_report needs a record dict, not {type(rec).__name__}")
    name, header = _header(rec, title=title, index_href=index_href)
    left = "\n".join([notes, _claims_html(rec), _findings_html(rec), _sections_html(rec, text)])
    right = _tables_html(rec)
    inspector = ('<aside id="inspector" hidden aria-live="polite"><div class="bar">'
                 '<button type="button" class="jump" data-jump="">show in text</button>'
                 '<button type="button" class="close">close</button></div><pre></pre></aside>')
    body = (f'{header}\n<main class="report"><div class="pane left" id="pane-text">\n{left}\n</div>\n'
            f'<div class="pane right" id="pane-tables">\n{right}\n</div></main>\n{inspector}')
    _, js = _assets()
    return page_shell(title=f"ogi view · {name}", body=body, script=js, embed_font=embed_font)
