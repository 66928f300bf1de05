"""Build the report model of one synthetic report: title, preamble, the six sections, web chrome.

The text keeps its maskable spans (:class:`ogi.synth.model.Marks`); :func:`build_doc` draws from
the report's ``random.Random`` in a fixed order, so a seed gives the same report.
"""

from __future__ import annotations

import datetime as _dt
import random
from dataclasses import dataclass

from ogi.nlp.synthetic import report_section
from ogi.synth import narrative
from ogi.synth.agencies import ROADS, Agency
from ogi.synth.grids import table2, table3, table4
from ogi.synth.model import Doc, Marks, Para, Table
from ogi.synth.options import SECTION_KEYS
from ogi.synth.shape import Shape

__all__ = ["build_doc"]

_PREAMBLES = (
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
)


@dataclass
class _Context:
    """What the parts of one report share while it is built."""

    rng: random.Random
    shape: Shape
    ag: Agency
    year: int
    vals: dict
    marks: Marks
    doc: Doc
    ctx: dict
    variant: str = "s"
    numbering: str = "、"

    def add(self, block: Para | Table) -> None:
        self.doc.blocks.append(block)

    def heading(self, i: int) -> None:
        text = narrative.heading(self.shape, i, self.variant, self.numbering, self.marks)
        self.add(Para(text, "heading", SECTION_KEYS[i]))


def build_doc(rng: random.Random, shape: Shape, ag: Agency, year: int, vals: dict, txt: dict) -> Doc:
    """Build the report model (with maskable spans still marked)."""
    marks = Marks()
    agency = marks.span(ag.name, "agency")
    if ag.portal.startswith(ag.name):  # the agency's own website names it: mask them together
        portal = agency + ag.portal[len(ag.name):]
    else:
        portal = marks.span(ag.portal, "portal")
    nian = rng.choice(["年", "年", "年度"])
    if rng.random() < 0.15:
        title = f"{year}年{agency}政府信息公开工作年度报告"
    else:
        title = f"{agency}{year}{nian}政府信息公开工作年度报告"
    pub = _dt.date(year + 1, 1, rng.randint(5, 28))
    doc = Doc(title=title, date_line=f"（{pub.year}年{pub.month}月{pub.day}日）")
    doc.heading_sep = rng.choice(["", " "])
    c = _Context(rng, shape, ag, year, vals, marks, doc,
                 {"year": year, "agency": agency, "self": ag.self_ref, "portal": portal})
    _preamble(c)
    c.variant = rng.choices(["s", "v", "w"], [80, 15, 5])[0]
    c.numbering = "．" if rng.random() < 0.05 else "、"
    _overview(c)
    _tables(c, txt)
    c.heading(4)
    paras, stmts = report_section(rng, year, ag.self_ref)
    doc.blocks.extend(Para(p, "body", "problems") for p in paras)
    doc.statements = stmts
    c.heading(5)
    doc.blocks.extend(Para(p, "body", "other") for p in narrative.other_section(rng, shape, year, ag.self_ref))
    doc.chrome = {
        "site": portal,
        "source": agency,
        "host": agency if ag.host == ag.name else ag.host,
        "published": pub.isoformat(),
        "views": str(rng.randint(80, 9000)),
        "icp": f"ICP备{rng.randint(10000000, 99999999)}号",
        "code": str(rng.randint(1000000000, 9999999999)),
    }
    return doc


def _preamble(c: _Context) -> None:
    rng, marks = c.rng, c.marks
    road = f"{c.ag.place}{rng.choice(ROADS)}路{rng.randint(1, 300)}号"
    phone = f"0{rng.randint(350, 939)}-{rng.randint(2, 8)}{marks.span(str(rng.randint(100, 999)))}{rng.randint(1000, 9999)}"
    pre = rng.choice(_PREAMBLES)
    c.add(Para(marks.fill(pre.format(circular=c.shape.tpl.circular_citation, addr=marks.span(road), phone=phone,
                                     zip=rng.randint(100000, 899999), **c.ctx)), "body"))


def _overview(c: _Context) -> None:
    """Section 一: an introduction and five sub-sections (inline or under their sub-headings)."""
    rng, marks = c.rng, c.marks
    c.heading(0)
    c.add(Para(marks.fill(rng.choice(narrative.INTRO).format(**c.ctx)), "body", "overview"))
    suffix = rng.choice(["", "情况", "方面", "工作"])
    inline = rng.random() < 0.4
    numbers = {"posts": rng.randint(20, 3000), "interp": rng.randint(1, 120), "wx": rng.randint(10, 900),
               "press": rng.randint(1, 12), "cleanup": rng.randint(5, 400), "checks": rng.randint(2, 12),
               "fixes": rng.randint(1, 60), "points": rng.randint(1, 20), "trainings": rng.randint(1, 8),
               "meetings": rng.randint(1, 4)}
    bodies = [
        rng.choice(narrative.PROACTIVE).format(docs=narrative.docs_sentence(c.shape, c.vals), **numbers, **c.ctx),
        narrative.requests_paragraph(rng, c.year, c.vals, c.shape),
        rng.choice(narrative.MANAGEMENT).format(**numbers),
        rng.choice(narrative.PLATFORM).format(**numbers),
        rng.choice(narrative.SUPERVISION).format(**numbers),
    ]
    for i, body in enumerate(bodies):
        sub = narrative.sub_heading(rng, i, suffix, marks)
        body = marks.fill(body)
        if inline:
            c.add(Para(f"{sub}。{body}", "body", "overview"))
        else:
            c.add(Para(sub, "sub", "overview"))
            c.add(Para(body, "body", "overview"))


def _tables(c: _Context, txt: dict) -> None:
    """Sections 二, 三 and 四: the three tables (with a note or a sentence now and then)."""
    rng = c.rng
    c.heading(1)
    if rng.random() < 0.2:
        c.add(Para("本年度主动公开政府信息情况如下：", "note", "proactive"))
    c.add(table2(c.shape, txt))
    c.heading(2)
    c.add(table3(rng, c.shape, txt, c.marks))
    c.heading(3)
    if rng.random() < 0.5:
        c.add(Para(narrative.appeals_sentence(c.ag.self_ref, c.vals), "body", "appeals"))
    c.add(table4(c.shape, txt))
