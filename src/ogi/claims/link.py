"""Link narrative numbers to the table cells they state, and judge each claim.

The link table ``resources/claims/links-v1.json`` says, per template version, which cell or sum
of cells a narrative quantity counts (template-spec §9): ``收到…申请 N 件`` is
``table3.new_received.total``, ``不予公开 N 件`` the sum of the eight 不予公开 rows, ``行政诉讼
N 件`` ``lit_direct.total + lit_after_review.total`` …  A number whose wording counts nothing in
the tables (posts, press conferences, 信息处理费) keeps ``target = None`` and is
``unverifiable``.  Readings that admit two targets keep both: the first is the target unless the
link says the wording is open (``受理``, ``办理``), and ``matched_target`` says which reading
the number fits.

Example:
    >>> from ogi.record import Section
    >>> text = "全年共收到政府信息公开申请4件。"
    >>> tables = {"table3": {"new_received": {"total": 4}}}
    >>> sections = [Section("overview", None, text, 0, len(text))]
    >>> [(c.target, c.verdict) for c in claims_from_parts(text, sections, tables, template="2021")]
    [('table3.new_received.total', 'match')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ogi.claims.cells import _Cells, _decimals, _fits, _money
from ogi.claims.grammar import UNSURE_MARK, case_phrase, count_phrase, rewrite_years, skip_parenthetical
from ogi.claims.linktable import LINKS_NAME, _expand, _Links, _readings, link_table
from ogi.claims.messages import text_link_findings
from ogi.claims.numbers import _scan, normalize_narrative
from ogi.normalize import MASK_RE
from ogi.record import Claim, Finding, Section, join_paths, target_paths

__all__ = ["LINKS_NAME", "claims_from_parts", "extract_claims", "link_table", "text_link_findings"]

_SHORT = frozenset(",;。:!?、()[]【】“”")
_CLAUSE = frozenset(",;。:!?()")
_SENT = frozenset("。;!?")
_INHERIT = frozenset("。!?")
_FILL = re.compile(r"(?:共计|合计|总计|累计|共有|一共|总共|计有|共|计|为|达到|达|有|是|的|分别|总数|数量|件数|数|均|各)"
                   r"+$")
_PCT_PRE = re.compile(r"(?:占|占比|占比为|比例为|比重为|占总数的?|占全部申请的?|占办结总数的?)$")
_NARRATIVE_KEYS = ("overview", "other")
# sections that hold the tables: only their prose is read (numbers with a unit, not in a cell)
_TABLE_KEYS = ("proactive", "requests", "appeals")
# a sentence of prose: up to 240 characters before a full stop, within one cell (line breaks
# allowed: converted PDFs break lines inside sentences)
_SENTENCE_RE = re.compile(r"[^。|\t]{1,240}。")
_TABLE_WORDS = re.compile(r"信息内容|第二十条|总计|结果维持|结果纠正|尚未审结|申请人情况|勾稽|本年新制作|本年新公开|"
                          r"对外公开总数量|采购项目数量|采购总金额|本年收费金额|处理决定数量|本年制发件数")
_RESULT_TOTAL = "table3.result_total.total"
_OGI_NOUN = re.compile(r"信息公开|依申请|公开申请|申请公开")
# 废止 / 现行有效 right after a 规章 or 规范性文件 claim count the same row of table 二 （一）
_T2_COL_BY_VERSION = {
    "repealed": {"2021": "repealed"},
    "in_force": {"2021": "in_force", "2019": "total_published"},
    "new_published": {"2019": "new_published"},
    "new_made": {"2021": "issued", "2019": "new_made"},
    "total_published": {"2021": "in_force", "2019": "total_published"},
}
_T2_COLUMNS = {
    (row, col): {v: [f"table2.art20_1.{row}.{c}"] for v, c in by.items()}
    for row in ("rules", "normative_docs") for col, by in _T2_COL_BY_VERSION.items()}


# ----------------------------------------------------------------------------- context

class _Bounds:
    """The clause / sentence around a number: one C-level regex search each way (backwards on the
    reversed text)."""

    def __init__(self, ntext: str) -> None:
        self.t = ntext
        self.r = ntext[::-1]
        self.n = len(ntext)

    def back(self, name: str, i: int, floor: int = 0) -> int:
        """Start of the span that ends at ``i`` (just after the last delimiter before ``i``)."""
        m = _DELIM_RES[name].search(self.r, self.n - i)
        return max(self.n - m.start() if m else 0, floor)

    def fwd(self, name: str, i: int) -> int:
        m = _DELIM_RES[name].search(self.t, i)
        return m.start() if m else self.n


_DELIM_RES = {name: re.compile("[" + re.escape("".join(sorted(chars))) + "]")
              for name, chars in (("short", _SHORT), ("clause", _CLAUSE), ("sent", _SENT), ("inherit", _INHERIT))}
# a table-section sentence worth scanning: a digit, a negation cue, or a Chinese count
# a Chinese numeral is matched from the start of its run only: starting anywhere in a long
# run of numerals with no unit after it would rescan the run from every position
_MAYBE_NUMBER = re.compile(r"[0-9０-９未无零没]"
                           r"|(?<![一二两三四五六七八九十百千])[一二两三四五六七八九十百千]+(?:余|多)?(?:件|次|个|项|起|条)")


class _State:
    """What earlier claims of a sentence say about later ones (the row of 其中自然人…, the block of 维持…)."""

    def __init__(self) -> None:
        self.t3_parent: dict | None = None
        self.t4_block: dict | None = None
        self.t2_row: dict | None = None
        self.prev: dict | None = None


def _col_of(lt: _Links, pre: str) -> str:
    for col, rx in lt.columns:
        if rx.search(pre):
            return col
    return "total"


# ----------------------------------------------------------------------------- claims

def claims_from_parts(text: str, sections: Sequence[Section], tables: dict, *, template: str,
                      unreadable: list[str] | set[str] | tuple[str, ...] = (),
                      findings: Sequence[Finding] | None = None,
                      keys: tuple[str, ...] | None = None, year: int | None = None) -> list[Claim]:
    """Claims of a report given as its parts (what :func:`ogi.parse.parse_document` has at hand).

    Args:
        text: the document text that the sections' ``start``/``end`` offsets index.
        sections: the report's sections (their ``key``, ``start`` and ``end`` are used).
        tables: the nested tables of the record (``{"table3": {"new_received": {...}}}``).
        template: "2021" | "2019" | "pre2019" | "unknown"; only the first two have cells,
            so for the others every claim keeps ``target = None`` and is unverifiable.
        unreadable: cell paths the parser could not read (their claims are unverifiable).
        findings: the table findings; an ``AMBIGUOUS-CELL`` finding's candidate readings let a
            claim on that one cell be judged against every reading (a number that fits one is
            a match with lower confidence, one that fits none a mismatch).
        keys: which sections to read; default 一 and 六, and the prose of 二, 三 and 四 around
            their tables (all sections before 2019).
        year: the report year; it places a carry-over stated with a year (``结转至2025年办理``
            is 结转下年度 in a 2024 report).  Unknown, such a claim stays unverifiable with a
            ``reason``.

    Returns:
        The claims (see :func:`extract_claims`).
    """
    lt = link_table()
    cells = _Cells(tables, set(unreadable or ()), _candidates(findings))
    if keys is None:
        keys = _NARRATIVE_KEYS + _TABLE_KEYS if template in ("2021", "2019") else None
    spans: list[tuple[str | None, int, int]] = [
        (s.key, s.start or 0, s.end or len(text)) for s in sections if keys is None or s.key in keys]
    if not spans and not sections:
        spans = [(None, 0, len(text))]
    out: list[Claim] = []
    for key, st, en in spans:
        if key in _TABLE_KEYS:  # only the sentences around the tables, not the cells
            for m in _SENTENCE_RE.finditer(text, st, en):
                if _MAYBE_NUMBER.search(m.group()):
                    out += _section_claims(lt, cells, m.group(), m.start(), key, template, year)
        else:
            out += _section_claims(lt, cells, text[st:en], st, key, template, year)
    return out


def extract_claims(report: Any) -> list[Claim]:
    """The claims of a parsed report: each narrative number, its table target and verdict.

    Args:
        report: an :class:`ogi.Report` (its document text, sections, tables and template).

    Returns:
        One :class:`~ogi.record.Claim` per stated number, in document order: ``quote`` (as printed),
        ``value``, ``approx``, ``unit``, ``target`` (cell paths joined by ``+`` or ``None``),
        ``alt_targets``, ``matched_target`` (the reading the number fits, if any),
        ``table_value``, ``verdict`` (match | approx | mismatch | unverifiable), ``section``,
        ``start``/``end`` (offsets in the document text), ``confidence`` and ``link`` (the
        link-table entry used).  A report without its document (a record rebuilt from JSON)
        is read from its sections' texts; offsets then count from each section's start.

    Example:
        >>> import ogi
        >>> rep = ogi.parse("一、总体情况\\n2024年，本机关共收到政府信息公开申请4件。", statements=False)
        >>> [(c.value, c.verdict) for c in extract_claims(rep)]
        [(4, 'unverifiable')]
    """
    doc = getattr(report, "document", None)
    template = report.meta.template
    unreadable = report.unreadable_cells
    if doc is not None:
        return claims_from_parts(doc.text, report.sections, report.tables, template=template,
                                 unreadable=unreadable, findings=report.findings, year=report.meta.year)
    out: list[Claim] = []
    keys = _NARRATIVE_KEYS + _TABLE_KEYS if template in ("2021", "2019") else None
    lt = link_table()
    cells = _Cells(report.tables, set(unreadable), _candidates(report.findings))
    for sec in report.sections:
        if keys is None or sec.key in keys:
            out += _section_claims(lt, cells, sec.text or "", sec.start or 0, sec.key, template,
                                   report.meta.year)
    return out


def _candidates(findings: Sequence[Finding] | None) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in findings or ():
        if f.rule == "AMBIGUOUS-CELL" and f.candidates and len(f.cells) == 1:
            out[f.cells[0]] = list(f.candidates)
    return out


def _section_claims(lt: _Links, cells: _Cells, seg: str, base: int, key: str | None,
                    version: str, year: int | None) -> list[Claim]:
    ntext, offs = normalize_narrative(seg)
    ntext, offs = rewrite_years(ntext, offs, year=year)
    nums = _scan(ntext)
    if key in _TABLE_KEYS:
        nums = [n for n in nums if _prose(ntext, n)]
    bd = _Bounds(ntext)
    state = _State()
    out: list[Claim] = []
    prev_end = 0
    for ns, ne, value, approx, unit, negated, hedge in nums:
        if negated:
            recs = _negation_claims(lt, cells, ntext, bd, ns, ne, version, state)
        else:
            recs = [_number_claim(lt, cells, ntext, bd, ns, ne, value, approx, unit, hedge, version,
                                  state, prev_end)]
        prev_end = ne
        for r in recs:
            qs, qe = r.pop("_q")
            os_, oe = offs[qs], offs[max(qs, qe - 1)] + 1
            r["quote"] = seg[os_:oe]
            r["start"], r["end"] = base + os_, base + oe
            r["section"] = key
            out.append(Claim(**r))
    return out


def _prose(ntext: str, n: tuple) -> bool:
    """A number of running text, not a table cell: it has a unit and no cell separator next to it."""
    ns, ne, unit, negated = n[0], n[1], n[4], n[5]
    if negated:
        return True
    if not unit:
        return False
    if ntext[ns - 1:ns] == "|" or ntext[ne:ne + 1] == "|":
        return False
    a = max(ntext.rfind(c, 0, ns) for c in "。;,")
    b = min((i for i in (ntext.find(c, ne) for c in "。;,") if i >= 0), default=len(ntext))
    return not _TABLE_WORDS.search(ntext, a + 1, b)


def _base(value: float, approx: bool, unit: str, q: tuple[int, int]) -> dict:
    return {"value": value, "approx": approx, "unit": unit, "target": None, "alt_targets": [],
            "matched_target": None, "table_value": None, "verdict": "unverifiable",
            "confidence": 0.6, "link": None, "_q": q}


@dataclass
class _Ctx:
    """The words around one number (normalised text): what the link table's fields are searched in."""

    pstart: int
    pre_raw: str
    pre: str
    pend: int
    post: str
    clause: str
    sentence: str
    isent: int
    qs: int
    qs_wide: int

    @property
    def ctx(self) -> str:
        return self.pre + "#" + self.post


def _context(ntext: str, bd: _Bounds, ns: int, ne: int, prev_end: int) -> _Ctx:
    # 信息公开申请(含网上申请)12件: the words before the parenthetical are the count's
    ws = skip_parenthetical(ntext, ns, prev_end)
    pstart = bd.back("short", ws, prev_end)
    pre_raw = ntext[pstart:ws]
    pend = bd.fwd("short", ne)
    # the quote starts after the parenthetical unless a link reads the words before it
    return _Ctx(pstart, pre_raw, _FILL.sub("", pre_raw), pend, ntext[ne:pend],
                ntext[bd.back("clause", ws):bd.fwd("clause", ne)], ntext[bd.back("sent", ns):ns],
                bd.back("inherit", ns), max(bd.back("short", ns, prev_end), ns - 30), max(pstart, ws - 30))


def _match_link(lt: _Links, unit: str, cx: _Ctx) -> tuple[dict | None, re.Match | None]:
    """The first link of the table that fits the number's context (and the context match)."""
    m = None
    for lk in lt.by_unit.get(unit, ()):
        if "clause" in lk and not lk["clause"].search(cx.clause):
            continue
        if "context" in lk:
            m = lk["context"].search(cx.ctx)
            if not m:
                continue
        elif "context_raw" in lk and not lk["context_raw"].search(cx.pre_raw + "#" + cx.post):
            continue  # wording whose fillers matter (对外公开…总数)
        if "clause_not" in lk and lk["clause_not"].search(cx.clause):
            continue
        if "sentence" in lk and not lk["sentence"].search(cx.sentence):
            continue
        if lk["kind"] != "none" and unit not in lk.get("units", ()):
            continue
        if lk["kind"] in ("t3_count", "t3_result") and not _OGI_NOUN.search(cx.clause) \
                and lt.off_topic.search(cx.sentence):
            return None, None  # 行政服务中心…受理申请121510件: applications, but not for information
        return lk, m
    return None, None


def _grammar_link(lt: _Links, unit: str, ntext: str, bd: _Bounds, cx: _Ctx, ns: int, prev_end: int,
                  link: dict | None, m: re.Match | None) -> tuple[dict | None, re.Match | None]:
    """The link by the grammar of the count when the wording alone found none, or found it on a
    verb inside the modifier (``办结上年结转和本年新收的申请N件`` is 办结, not 新收)."""
    if unit not in lt.units["count"] or (link is not None and link["kind"] != "t3_count"):
        return link, m
    floor = max(bd.back("clause", cx.pstart), prev_end)
    words = ntext[floor:skip_parenthetical(ntext, ns, prev_end)]
    if link is None and _OGI_NOUN.search(cx.clause):
        case = case_phrase(words)
        if case is not None:
            glink, _ = _match_link(lt, unit, _Ctx(cx.pstart, case, case, cx.pend, cx.post, cx.clause,
                                                  cx.sentence, cx.isent, cx.qs, cx.qs_wide))
            if glink is not None and glink["kind"] == "t4_block":
                cx.pre = cx.pre_raw = case
                return glink, None
    phrase = count_phrase(words)
    if phrase is None:
        return link, m
    head, canon = phrase
    if link is not None and (m is None or m.start() >= len(cx.pre) or cx.pstart + m.start() <= floor + head):
        return link, m  # the wording was read from the head verb on, or after the count: it stands
    g = _Ctx(cx.pstart, canon, canon, cx.pend, cx.post, cx.clause, cx.sentence, cx.isent, cx.qs, cx.qs_wide)
    glink, _ = _match_link(lt, unit, g)
    if glink is None or glink["kind"] != "t3_count":
        return link, m
    cx.pre = cx.pre_raw = canon
    return glink, None


def _number_claim(lt: _Links, cells: _Cells, ntext: str, bd: _Bounds, ns: int, ne: int, value: float,
                  approx: bool, unit: str, hedge: str, version: str, state: _State,
                  prev_end: int) -> dict:
    cx = _context(ntext, bd, ns, ne, prev_end)
    rec = _base(value, approx, unit, (cx.qs, ne))
    if unit == "%":
        _percent(rec, cells, ntext, cx.pre, state, ns, version)
        state.prev = None
        return rec
    state.prev = None
    if version not in ("2021", "2019"):
        return rec  # no national tables: nothing to link to
    link, m = _match_link(lt, unit, cx)
    link, m = _grammar_link(lt, unit, ntext, bd, cx, ns, prev_end, link, m)
    if m is not None and link is not None and "context" in link and m.end() > len(cx.pre) + 1:
        rec["_q"] = (cx.qs, cx.pend)
    if UNSURE_MARK in cx.clause and (link is None or link["kind"].startswith("t3")):
        rec["link"] = "t3.carry_year"  # 结转至2026年 in a 2024 report: which row is not certain
        rec["confidence"] = 0.3
        rec["extra"] = {"reason": _UNSURE_REASON}
        return rec
    if link is None:
        return rec
    rec["link"] = link["id"]
    if link["kind"] == "none":
        return rec
    if cx.qs_wide < cx.qs:
        rec["_q"] = (cx.qs_wide, rec["_q"][1])
    got = _link_readings(lt, link, cx, ntext, ne, state, version)
    if got is None:
        return rec
    readings, select, col = got
    if not readings:
        rec["confidence"] = 0.5
        return rec
    targets = [_expand(lt, r, version, col) for r in readings]
    cell_unit = link.get("money")
    nval = _money(value, unit, cell_unit) if cell_unit else value
    chosen = _judge(rec, cells, targets, nval, hedge, select)
    rec["confidence"] = _confidence(link, bool(MASK_RE.search(cx.clause)), rec)
    _remember(state, link, rec, readings, chosen, col, cx.pre, ns, ne)
    return rec


_UNSURE_REASON = ("carry-over stated with a year that is neither the report year nor the next one, "
                  "or the report year is unknown: which row it counts is not certain")


def _link_readings(lt: _Links, link: dict, cx: _Ctx, ntext: str, ne: int, state: _State,
                   version: str) -> tuple[list[str], str, str] | None:
    """The readings of a link for this number, how to select among them, and the applicant column;
    ``None`` when the link needs a claim before it that is not there."""
    kind = link["kind"]
    select = link.get("select", "first")
    col = "total"
    if kind == "t3_applicant":
        col = _col_of(lt, cx.pre)
        par = state.t3_parent if state.t3_parent and state.t3_parent["pos"] >= cx.isent else None
        if not par:
            return _readings(lt, next(x for x in lt.links if x["id"] == "t3.received")["readings"],
                             version), select, col
        readings = par["readings"]
        order = [par["chosen"]] + [i for i in range(len(readings)) if i != par["chosen"]]
        return [readings[i] for i in order], "first", col
    if kind == "t2_column":
        row = state.t2_row if state.t2_row and state.t2_row["pos"] >= cx.isent else None
        if not row:
            return None
        return _readings(lt, _T2_COLUMNS.get((row["row"], link["column"])), version), select, col
    if kind == "t4_outcome":
        blk = _outcome_block(state, cx.clause, cx.isent)
        readings = [_t4_outcome_reading(lt, blk, link["outcome"])]
        if blk == "all" and link["outcome"] == "corrected":
            readings.append(_t4_outcome_reading(lt, "lit", "corrected"))
        return readings, select, col
    readings = _readings(lt, link.get("readings"), version)
    if kind == "t3_result":
        col = _col_of(lt, cx.pre)
    alt = link.get("alt_if")
    if alt and alt["clause"].search(cx.clause):
        readings = readings + _readings(lt, alt["readings"], version)
    pref = link.get("prefer_if")
    if pref and pref["reading"] < len(readings) and pref["after"].search(ntext, ne, ne + 24):
        # 受理…120件（含上年结转5件）: the count includes the carried-over applications
        readings = [readings[pref["reading"]]] + [r for i, r in enumerate(readings) if i != pref["reading"]]
    return readings, select, col


def _remember(state: _State, link: dict, rec: dict, readings: list[str], chosen: int, col: str,
              pre: str, ns: int, ne: int) -> None:
    """What this claim tells the claims after it in the sentence (row, block, parent count)."""
    kind = link["kind"]
    if kind == "t3_count":
        state.t3_parent = {"readings": readings, "chosen": chosen, "pos": ns}
    elif kind == "t4_block" or (kind == "t4_outcome" and _clause_block(pre) != "all"):
        # 行政复议维持1件，尚未审结1件: the block named once holds for the outcomes after it
        state.t4_block = {"block": link.get("block") or _clause_block(pre), "pos": ns}
    elif kind == "t2" and rec["target"].startswith("table2.art20_1."):
        state.t2_row = {"row": rec["target"].split(".")[2], "pos": ns}
    state.prev = {"rec": rec, "kind": kind, "end": ne, "col": col,
                  "parent": state.t3_parent if kind == "t3_applicant" else None,
                  "row_reading": readings[chosen] if readings else None}


def _judge(rec: dict, cells: _Cells, targets: list[str], value: float, hedge: str,
           select: str) -> int:
    """Fill target / alt_targets / matched_target / table_value / verdict; the chosen reading."""
    vals = [cells.value(t) for t in targets]
    for i, (t, (_, flag)) in enumerate(zip(targets, vals)):
        cands = cells.candidates.get(t) if flag == "unreadable" else None
        if cands:  # one cell whose digits run together: judge against every reading the parser kept
            # an ambiguous cell's candidates may include a blank reading (None)
            fit = next((c for c in cands if c is not None and _fits(value, c, hedge)), None)
            vals[i] = (fit, "candidates") if fit is not None else (None, "no-candidate")
    fits = [(_fits(value, v, hedge) if v is not None else None) for v, _ in vals]
    chosen = 0
    if select == "matching":
        chosen = next((i for i, f in enumerate(fits) if f), 0)
    matched = next((i for i, f in enumerate(fits) if f), None)
    rec["target"] = targets[chosen]
    rec["alt_targets"] = [t for i, t in enumerate(targets) if i != chosen]
    rec["matched_target"] = targets[matched] if matched is not None else None
    tv, flag = vals[chosen]
    rec["table_value"] = tv
    if tv is None:
        rec["verdict"] = "mismatch" if flag == "no-candidate" else "unverifiable"
    else:
        rec["verdict"] = fits[chosen] or "mismatch"
    if flag:
        rec["cells_note"] = {"blank": "blank cells counted as 0",
                             "derived": "总计 blank: row totals derived from the applicant columns",
                             "unreadable": "a cell of the target could not be read",
                             "missing": "the target cells are not in the parsed tables",
                             "candidates": "ambiguous cell: the number is one of the readings the parser kept",
                             "no-candidate": "ambiguous cell: the number fits none of the readings the parser "
                                             "kept"}[flag]
    return chosen


def _confidence(link: dict, masked: bool, rec: dict) -> float:
    c = 0.9 if link.get("select", "first") == "first" else 0.8
    if rec.get("cells_note", "").startswith("ambiguous"):
        c *= 0.5
    elif rec.get("cells_note"):
        c *= 0.7
    if masked:
        c *= 0.5
    if rec["verdict"] == "unverifiable":
        c *= 0.6
    return round(c, 2)


def _outcome_block(state: _State, clause: str, isent: int) -> str:
    if state.t4_block and state.t4_block["pos"] >= isent:
        return state.t4_block["block"]
    return _clause_block(clause)


def _clause_block(clause: str) -> str:
    rev, lit = "复议" in clause, ("诉讼" in clause or "起诉" in clause)
    if rev and not lit:
        return "review"
    if lit and not rev:
        return "lit"
    return "all"


def _t4_outcome_reading(lt: _Links, block: str, outcome: str) -> str:
    blocks = lt.blocks.get(block) or [block]
    return join_paths(f"table4.{b}.{outcome}" for b in blocks)


def _percent(rec: dict, cells: _Cells, ntext: str, pre: str, state: _State, ns: int,
             version: str) -> None:
    """A share (``占33.9%``) after a count: recompute it from the cells."""
    prev = state.prev
    if not prev or not _PCT_PRE.search(pre) or ns - prev["end"] > 8 or version not in ("2021", "2019"):
        return
    pr = prev["rec"]
    num_t = pr.get("target")
    if not num_t or prev["kind"] not in ("t3_result", "t3_applicant", "t3_count"):
        return
    if prev["kind"] == "t3_result":
        den_t = _RESULT_TOTAL
    elif prev["kind"] == "t3_applicant" and prev.get("row_reading"):
        den_t = join_paths(p.replace("{col}", "total") for p in target_paths(prev["row_reading"]))
    else:
        return
    nv, _ = cells.value(num_t)
    dv, _ = cells.value(den_t)
    rec["ratio"] = {"numerator": num_t, "denominator": den_t}
    rec["link"] = "share"
    if nv is None or not dv:
        return
    share = 100.0 * nv / dv
    d = _decimals(rec["value"])
    tol = 10 ** -d if d else 1.0
    rec["ratio"]["value"] = round(share, 4)
    rec["table_value"] = round(share, max(d, 1) + 1)
    rec["verdict"] = "match" if abs(share - rec["value"]) <= tol + 1e-9 else "mismatch"
    rec["confidence"] = 0.7


def _negation_claims(lt: _Links, cells: _Cells, ntext: str, bd: _Bounds, ns: int, ne: int,
                     version: str, state: _State) -> list[dict]:
    """Zero claims of a negation (``未发生…行政复议和行政诉讼`` gives two)."""
    scope = ntext[ns:ne]
    clause = ntext[bd.back("clause", ns):bd.fwd("clause", ne)]
    masked = bool(MASK_RE.search(clause))
    state.prev = None
    out: list[dict] = []
    for lk in lt.negations:
        if not lk["scope"].search(scope):
            continue
        rec = _base(0, False, "", (ns, ne))
        rec["negated"] = True
        rec["link"] = lk["id"]
        if lk["kind"] == "none":
            return [rec]
        if lk["kind"] == "t4_outcome":
            blk = _clause_block(clause)
            readings = [_t4_outcome_reading(lt, blk, lk["outcome"])]
            if blk == "all":
                readings.append(_t4_outcome_reading(lt, "lit", lk["outcome"]))
        else:
            readings = _readings(lt, lk.get("readings"), version)
        if version in ("2021", "2019") and readings:
            _judge(rec, cells, [_expand(lt, r, version, "total") for r in readings], 0, "", "first")
            rec["confidence"] = _confidence(lk, masked, rec)
        out.append(rec)
        if not lk.get("also"):
            return out
    if not out:
        rec = _base(0, False, "", (ns, ne))
        rec["negated"] = True
        out.append(rec)
    return out
