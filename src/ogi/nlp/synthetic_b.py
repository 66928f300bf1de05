"""A second, independent writer of section 五: labelled sections for evaluation, never for training.

The phrase bank (:mod:`ogi.nlp.synthetic`) writes every synthetic section the model is trained
on, so a score on its output says how well the model learnt that one writer.  This module is a
second writer: its wording (:mod:`ogi.nlp.synthetic_b_phrases`) and its sentence frames were
written without reading the phrase bank's pools or the dev gold, in the registers of county
offices, bureaus and ministries.  Its sections are gold-like dicts, scored with the gold's own
overlap rule (:func:`ogi.training.realeval.second_writer`).

Layouts (:data:`LAYOUTS`, used in turn so every layout gets the same number of sections):

- ``subheaded``: ``（一）存在的主要问题`` / ``（二）改进措施`` with ``一是``, ``1.``, ``（1）``, ``首先`` … items;
- ``numbered``: a framing sentence, ``1.``/``1、``/``第一，`` items, a turn (``下一步``, ``2025年``,
  ``今后``, ``针对上述问题``) and numbered measures, no sub-headings;
- ``paragraph``: one paragraph of problems (``主要是：A，B，C等`` or ``如A；B；C等``) and one of
  measures (``将A；B；C`` or ``一是…二是…``);
- ``rectification_first``: last year's problems and how they were fixed (整改情况, kind
  ``improvement``: measures taken in response) first, then this year's problems and measures;
- ``mixed``: each item a problem followed by its measure in the same paragraph (two
  statements), or one ``针对…的问题，…`` sentence (one improvement: it names its problem);
- ``terse``: ``存在问题：A；B。`` / ``改进措施：C；D。`` lines of a small office.

Statements: an enumerated item with its marker and closing ``。`` (or ``；``), a list clause
without its separator, or a sentence; framing sentences, sub-headings and turns are not
statements.  Kinds: ``problem``, ``improvement`` (planned or taken, 整改 included) and, rarely,
``other`` (a status line such as ``上述问题均已整改到位。``).  Topics: main first; a second one when
the statement adds another topic's clause.

Example:
    >>> secs = generate_second_writer(n_sections=6, seed=1)
    >>> [s["layout"] for s in secs] == list(LAYOUTS)
    True
    >>> all(st["text"] == s["problems_text"][st["start"]:st["end"]] for s in secs for st in s["statements"])
    True
"""

from __future__ import annotations

import random

from ogi.nlp.synthetic import ORDINALS, marker
from ogi.nlp.synthetic_b_phrases import POOLS, PRED_MEASURE, PRED_PROBLEM, SUBJECTS, measure_cores, problem_cores

__all__ = ["generate_second_writer", "LAYOUTS", "TOPIC_WEIGHTS"]

#: The layouts, in the order sections use them.
LAYOUTS = ("subheaded", "numbered", "paragraph", "rectification_first", "mixed", "terse")

#: How often each topic is drawn (``other`` is rare in real reports).
TOPIC_WEIGHTS = {t: (0.3 if t == "other" else 1.0) for t in POOLS}

_AGENCIES = ("我局", "我委", "本机关", "我县", "区政府办公室", "我中心", "本部门", "我厅", "市政府办公室", "我镇")
_CONCESSIONS = ("虽然做了大量工作，但", "尽管较往年有所改进，但", "从实际运行情况看，", "对照上级要求，",
                "在日常工作中发现，", "客观地看，")
_WRAPS = ("仍存在{c}的问题", "{c}的问题比较突出", "不同程度存在{c}的情况")
#: topics whose problems may name who falls short (有的村（社区）…)
_WITH_SUBJECT = ("capacity", "content", "platform", "timeliness", "standardization", "applications")
_RESULTS = ("目前已整改到位", "问题得到有效解决", "整改取得明显成效", "已完成整改", "相关情况明显改善")
_CONNECT = ("同时", "并", "此外还要", "与此同时")


class _Doc:
    """Text written so far and the statements in it, with their offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.statements: list[dict] = []
        self.len = 0

    def add(self, text: str, kind: str | None = None, topics: list[str] | None = None) -> None:
        if kind is not None:
            self.statements.append({"text": text, "kind": kind, "topics": list(topics or []),
                                    "start": self.len, "end": self.len + len(text)})
        self.parts.append(text)
        self.len += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _will(who: str, act: str) -> str:
    """``我局将`` + the act (an act that opens with 将 keeps one)."""
    return who + act if act.startswith("将") else f"{who}将{act}"


def _mark(style: str, n: int) -> str:
    """Marker of item ``n`` (from 1): the phrase bank's :func:`~ogi.nlp.synthetic.marker`
    (一是 / （一） / 1. / 1、 / （1）), plus 第一， and 首先/其次/再次 (最后 only by ``_ordinal_fix``)."""
    if style == "di":
        return f"第{ORDINALS[n - 1]}，"
    if style == "ordinal":
        return ("首先，", "其次，", "再次，")[min(n - 1, 2)]
    return marker(style, n)


def _ordinal_fix(style: str, n: int, total: int) -> str:
    """首先… ends with 最后 for the last item of three or more."""
    if style == "ordinal" and n == total and total >= 3:
        return "最后，"
    return _mark(style, n)


class _Writer:
    """The phrases of one section: cores, whole problems, whole measures, fixes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.agency = rng.choice(_AGENCIES)
        self.year = rng.choice(range(2020, 2025))

    def topics(self, k: int) -> list[str]:
        names = list(TOPIC_WEIGHTS)
        out: list[str] = []
        while len(out) < k:
            t = self.rng.choices(names, [TOPIC_WEIGHTS[n] for n in names])[0]
            if t not in out:
                out.append(t)
        return out

    def _other_topic(self, t: str) -> str:
        return self.rng.choice([x for x in POOLS if x not in (t, "other")])

    def short_problem(self, t: str) -> str:
        """A problem core without a comma (nor a closing 问题), for comma lists and 针对…的问题."""
        return self.rng.choice([c for c in problem_cores(t) if "，" not in c and not c.endswith("问题")])

    def problem(self, t: str, *, plain: bool = False) -> tuple[str, list[str]]:
        """One problem of topic ``t`` (no closing punctuation) and its topics."""
        rng, pool = self.rng, POOLS[t]
        if rng.random() < 0.5:
            o, c = rng.choice(pool["objs"])
            core = o + rng.choice(PRED_PROBLEM[c])
            if t in _WITH_SUBJECT and rng.random() < 0.3:
                core = rng.choice(SUBJECTS) + core
        else:
            core = rng.choice(pool["probs"])
        if plain:
            return core, [t]
        r = rng.random()
        if r < 0.25:
            return f"{core}，{rng.choice(pool['pel'])}", [t]
        if r < 0.4:
            o = self._other_topic(t)
            return f"{core}，{self.short_problem(o)}", [t, o]
        if r < 0.5 and "，" not in core:
            return rng.choice(_WRAPS).format(c=core), [t]
        if r < 0.6:
            return rng.choice(_CONCESSIONS) + core, [t]
        return core, [t]

    def measure(self, t: str, *, plain: bool = False) -> tuple[str, list[str]]:
        """One measure of topic ``t`` (closing ``。`` included unless ``plain``) and its topics."""
        rng, pool = self.rng, POOLS[t]
        act = rng.choice(pool["acts"])
        o, c = rng.choice(pool["objs"])
        title = rng.choice(PRED_MEASURE[c]).format(o=o)
        if plain:
            return rng.choice([act, title]), [t]
        r = rng.random()
        if r < 0.2:
            return f"{act}，{rng.choice(pool['mel'])}。", [t]
        if r < 0.45:
            return f"{title}。{act}，{rng.choice(pool['mel'])}。", [t]
        if r < 0.6:
            o2 = self._other_topic(t)
            return f"{act}，{rng.choice(_CONNECT)}{rng.choice(measure_cores(o2))}。", [t, o2]
        if r < 0.7:
            return f"{title}，{act}。", [t]
        if r < 0.8:
            return f"以{o}为重点，{act}。", [t]
        return f"{act}。", [t]

    def fix(self, t: str, *, numbered: bool) -> str:
        """How last year's problem of topic ``t`` was fixed (``。`` included; two sentences only when ``numbered``)."""
        rng = self.rng
        prob = self.short_problem(t)
        done = rng.choice(POOLS[t]["fix"])
        result = rng.choice(_RESULTS)
        form = rng.randrange(3)
        if form == 0:
            return f"针对上年度报告中指出的“{prob}”问题，{self.agency}{done}，{result}。"
        if form == 1:
            return f"关于{prob}的问题{'。' if numbered else '，'}{done}，{result}。"
        return f"{prob}的问题已得到整改：{done}。"

    def frame_problems(self) -> str:
        y, a = self.year, self.agency
        return self.rng.choice((
            f"{y}年，{a}政府信息公开工作取得了一定成效，但对照新要求，仍存在一些不足：",
            f"回顾{y}年的工作，{a}在政务公开方面还存在以下问题：",
            f"在肯定成绩的同时，我们也清醒地看到，{a}政务公开工作中还存在一些薄弱环节：",
            "当前，政务公开工作中存在的主要问题有：",
            f"{y}年度，{a}政府信息公开工作虽然平稳推进，但仍有一些短板需要补齐：",
        ))

    def intro(self) -> str:
        """The opening of a one-paragraph list (``主要是：`` or ``如`` follows)."""
        y, a = self.year, self.agency
        return self.rng.choice((
            f"{y}年，{a}政务公开工作虽取得一定进展，但与群众的期待相比仍有差距，",
            f"{a}政府信息公开工作还存在一些不容忽视的问题，",
            "对照上级考核要求，仍存在一些薄弱环节，",
            f"{y}年，{a}在政府信息公开方面仍存在一定短板，",
        ))

    def turn(self) -> str:
        y, a = self.year, self.agency
        return self.rng.choice((
            f"下一步，{a}将重点抓好以下工作：",
            f"{y + 1}年，{a}将从以下几个方面加以改进：",
            "针对上述问题，拟采取如下改进措施：",
            f"今后，{a}将着力做好以下几方面工作：",
            "针对存在的问题，下一步将重点做好以下工作：",
        ))


def _items(doc: _Doc, w: _Writer, topics: list[str], kind: str, style: str, nl: str) -> None:
    """Numbered problems or measures, one item each (``一是…。``)."""
    sep = "；" if kind == "problem" and nl == "" and w.rng.random() < 0.4 else "。"
    for n, t in enumerate(topics, 1):
        mk = _ordinal_fix(style, n, len(topics))
        if kind == "problem":
            txt, tops = w.problem(t)
            doc.add(mk + txt + ("。" if n == len(topics) else sep), "problem", tops)
        else:
            txt, tops = w.measure(t)
            doc.add(mk + txt, "improvement", tops)
        doc.add(nl)


def _plan(w: _Writer) -> tuple[list[str], list[str]]:
    """Topics of the problems and of the measures (mostly the same, sometimes reordered, one dropped or added)."""
    rng = w.rng
    probs = w.topics(rng.choice((2, 3, 3, 4, 4, 5)))
    meas = list(probs)
    if rng.random() < 0.25:
        rng.shuffle(meas)
    if len(meas) > 2 and rng.random() < 0.2:
        meas.pop()
    if rng.random() < 0.25:
        extra = w.topics(1)[0]
        if extra not in meas:
            meas.append(extra)
    return probs, meas


_HEADS = (("（一）存在的主要问题", "（二）改进措施"), ("（一）存在的问题和不足", "（二）下一步工作打算"),
          ("（一）主要问题", "（二）改进情况"), ("（一）存在问题", "（二）整改措施"),
          ("（一）工作中存在的不足", "（二）下一步改进计划"))


def _subheaded(doc: _Doc, w: _Writer) -> None:
    rng = w.rng
    probs, meas = _plan(w)
    heads = rng.choice(_HEADS)
    pstyle, mstyle = rng.choice(("shi", "dot", "pdigit", "ordinal", "dun")), rng.choice(("shi", "dot", "pdigit", "dun"))
    nl = "\n" if rng.random() < 0.7 else ""
    doc.add(heads[0] + "\n")
    if rng.random() < 0.3:
        doc.add(w.frame_problems() + nl)
    _items(doc, w, probs, "problem", pstyle, nl)
    doc.add(("" if nl else "\n") + heads[1] + "\n")
    _items(doc, w, meas, "improvement", mstyle, nl)


def _numbered(doc: _Doc, w: _Writer) -> None:
    rng = w.rng
    probs, meas = _plan(w)
    style = rng.choice(("dot", "dun", "di", "shi", "paren"))
    doc.add(w.frame_problems() + "\n")
    _items(doc, w, probs, "problem", style, "\n")
    doc.add(w.turn() + "\n")
    _items(doc, w, meas, "improvement", style, "\n")


def _paragraph(doc: _Doc, w: _Writer) -> None:
    rng = w.rng
    probs, meas = _plan(w)
    if rng.random() < 0.5:  # 主要是：A，B，C等。
        doc.add(w.intro() + "主要是：")
        for n, t in enumerate(probs, 1):
            doc.add(w.short_problem(t), "problem", [t])
            doc.add("等。" if n == len(probs) else "，")
    else:  # 如A；B；C等。
        doc.add(w.intro() + "如")
        for n, t in enumerate(probs, 1):
            txt, tops = w.problem(t, plain=rng.random() < 0.5)
            doc.add(txt, "problem", tops)
            doc.add("等。" if n == len(probs) else "；")
    doc.add("\n" if rng.random() < 0.6 else "")
    if rng.random() < 0.5:  # 下一步，我局将A；B；C。
        doc.add(rng.choice(("下一步，", f"{w.year + 1}年，", "今后，", "针对上述问题，")))
        for n, t in enumerate(meas, 1):
            txt, tops = w.measure(t, plain=True)
            doc.add(_will(w.agency, txt) if n == 1 else txt, "improvement", tops)
            doc.add("。" if n == len(meas) else "；")
    else:  # 针对上述问题，…：一是…二是…
        doc.add(w.turn())
        for n, t in enumerate(meas, 1):
            txt, tops = w.measure(t, plain=rng.random() < 0.5)
            txt = txt if txt.endswith("。") else txt + ("。" if n == len(meas) else "；")
            doc.add(_mark("shi", n) + txt, "improvement", tops)


_RECT_HEADS = ("（一）上年度问题整改情况", "（一）{y}年度存在问题的整改情况", "（一）上一年度报告所列问题整改情况")


def _rectification_first(doc: _Doc, w: _Writer) -> None:
    rng = w.rng
    old = w.topics(rng.choice((1, 2, 3)))
    doc.add(rng.choice(_RECT_HEADS).format(y=w.year - 1) + "\n")
    numbered = rng.random() < 0.6
    for n, t in enumerate(old, 1):
        doc.add((_mark("shi", n) if numbered else "") + w.fix(t, numbered=numbered), "improvement", [t])
        doc.add("\n")
    if rng.random() < 0.35:
        doc.add(rng.choice(("截至目前，上述问题均已整改到位。", f"上年度报告中提出的{len(old)}个问题已全部完成整改。")),
                "other", ["other"])
        doc.add("\n")
    probs, meas = _plan(w)
    doc.add(rng.choice(("（二）本年度存在的主要问题", "（二）存在的问题", "（二）当前存在的不足")) + "\n")
    _items(doc, w, probs, "problem", rng.choice(("shi", "dot", "pdigit")), "\n")
    doc.add(rng.choice(("（三）下一步改进措施", "（三）改进措施", "（三）下一步工作计划")) + "\n")
    _items(doc, w, meas, "improvement", rng.choice(("shi", "dot", "pdigit")), "\n")


def _mixed(doc: _Doc, w: _Writer) -> None:
    rng = w.rng
    probs, _ = _plan(w)
    style = rng.choice(("shi", "paren", "dot"))
    if rng.random() < 0.5:
        doc.add(w.frame_problems() + "\n")
    for n, t in enumerate(probs, 1):
        mk = _mark(style, n)
        if rng.random() < 0.35:  # one sentence: the measure names its problem
            mtxt, mtops = w.measure(t, plain=True)
            doc.add(f"{mk}针对{w.short_problem(t)}的问题，{_will(w.agency, mtxt)}。", "improvement", mtops)
        else:
            ptxt, ptops = w.problem(t)
            doc.add(mk + ptxt + "。", "problem", ptops)
            doc.add(rng.choice(("下一步，", "对此，", f"{w.year + 1}年，", "今后，")))
            mtxt, mtops = w.measure(t, plain=True)
            doc.add(_will(rng.choice((w.agency, "", "我们")), mtxt) + "。", "improvement", mtops)
        doc.add("\n")


def _terse(doc: _Doc, w: _Writer) -> None:
    rng = w.rng
    probs, meas = _plan(w)
    doc.add(rng.choice(("存在问题：", "主要问题：", "不足之处：")))
    for n, t in enumerate(probs, 1):
        txt, tops = w.problem(t, plain=True)
        doc.add(txt, "problem", tops)
        doc.add("。" if n == len(probs) else "；")
    doc.add("\n" + rng.choice(("改进措施：", "整改方向：", "下步打算：")))
    for n, t in enumerate(meas, 1):
        txt, tops = w.measure(t, plain=True)
        doc.add(txt, "improvement", tops)
        doc.add("。" if n == len(meas) else "；")


_BUILDERS = {"subheaded": _subheaded, "numbered": _numbered, "paragraph": _paragraph,
             "rectification_first": _rectification_first, "mixed": _mixed, "terse": _terse}


def generate_second_writer(*, n_sections: int = 120, seed: int = 0) -> list[dict]:
    """Section-五 bodies of the second writer with their labelled statements (for evaluation only).

    Args:
        n_sections: how many sections; layouts are used in turn (:data:`LAYOUTS`).
        seed: seed of the generator (same seed, same output).

    Returns:
        ``[{"id", "layout", "problems_text", "statements": [{"text", "kind", "topics", "start",
        "end"}]}]``, gold-like: ``text == problems_text[start:end]``, statements in text order.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n_sections):
        layout = LAYOUTS[i % len(LAYOUTS)]
        doc = _Doc()
        _BUILDERS[layout](doc, _Writer(rng))
        text = doc.text.rstrip("\n")
        out.append({"id": f"sw2-{i + 1:04d}", "layout": layout, "problems_text": text,
                    "statements": [dict(s) for s in doc.statements]})
    return out
