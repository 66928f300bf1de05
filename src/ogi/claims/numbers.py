"""Numbers stated in narrative text: numerals, hedges, units, negations, and what is not a count.

A narrative number is a count or an amount the report states (``收到申请4件``, ``一百零三篇``,
``两千余条``, ``180万次``, ``33.9%``) or a negation that states zero (``未发生…行政复议``,
``零败诉``).  Dates, years, document and article numbers, ordinals, phone numbers, postcodes and
numbers inside names (``“三个一”``, ``《…》``) are not counts and are left out: a number is kept
only with a counting unit after it (件 条 篇 次 场 人次 个 项 元 万元 …), as a percentage, or
after ``…数`` (``粉丝数54373``).

Matching runs on a normalised copy of the text (full-width ASCII made half-width, white space
dropped except between two digits) and every offset is mapped back to the input, so
``text[n.start:n.end]`` is the number as printed, line breaks included.

Example:
    >>> [(n.value, n.unit, n.approx) for n in extract_numbers("发布原创作品一百零三篇，资讯280余条。")]
    [(103, '篇', False), (280, '条', True)]
    >>> [(n.value, n.negated) for n in extract_numbers("未发生因政府信息公开引起的行政复议。")]
    [(0, True)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ogi.normalize import footer_pattern

__all__ = ["Number", "chinese_to_number", "extract_numbers", "normalize_narrative"]


@dataclass(frozen=True, slots=True)
class Number:
    """One stated number.

    Attributes:
        value: the number as printed (``180`` for ``180万次``; the unit keeps the ``万``), ``0``
            for a negation.
        approx: hedged with 余/多/近/约/超过/以上/左右/突破 ….
        unit: the counting unit after it (``件``, ``万次``, ``%``), ``""`` when there is none.
        start: offset of the first character in the input text.
        end: offset after the last character (unit and hedge included).
        raw: the input text between ``start`` and ``end``.
        negated: a negation that states zero (``未发生…复议``, ``无收取…情况``, ``零败诉``).
        hedge: the hedge word (``余``, ``超过`` …) or ``""``.
    """

    value: float | int
    approx: bool
    unit: str
    start: int
    end: int
    raw: str
    negated: bool = False
    hedge: str = ""

    @property
    def magnitude(self) -> float | int:
        """The value with a leading 万/亿 of the unit applied (``180万次`` -> 1800000)."""
        if self.unit.startswith("万"):
            return self.value * 10_000
        if self.unit.startswith("亿"):
            return self.value * 100_000_000
        return self.value


# ----------------------------------------------------------------------------- normalisation

# NFKC for the characters that matter here (full-width ASCII, ideographic space), one to one so
# that offsets survive; everything else is kept as printed
_FW = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FW.update({0x3000: 0x20, 0xFF5F: 0x2985, 0xFF60: 0x2986})
_WS = r"[ \t\r\n\f\v\u3000\u00a0\u2002\u2003\u2009\u200b\u200c\u200d\u2060\ufeff#]"
# a page footer of PDF text on a line of its own (``- 3 -``, ``— 3 —``, ``第 3 页``, ``第3页 共8页``):
# dropped with the white space around it, so a count split by a page break reads as one line
# (spaces inside it bounded: the footer sits inside the repetition of _DROP_RE, beside _WS)
_FOOTER = r"(?<=[\n\f])[ \t]*(?:" + footer_pattern(r"[ \t]{0,2}") + r")[ \t]*(?=[\r\n\f]|$)"
_DROP_RE = re.compile(f"(?:{_WS}|{_FOOTER})+")


def normalize_narrative(text: str) -> tuple[str, list[int]]:
    """Text with full-width ASCII made half-width and white space dropped, and its offset map.

    White space includes line breaks, form feeds and page footers on a line of their own
    (``- 3 -``, ``— 3 —``, ``第 3 页 共 8 页``), so a count that a PDF page break splits
    (``复议351\n- 1 -\n\f件``) reads as if the line were whole.  One space is kept where
    white space separates two digits.

    Returns:
        ``(norm, offsets)`` where ``offsets[i]`` is the input offset of ``norm[i]``; one more
        entry at the end gives the input length, so end offsets map too.

    Example:
        >>> normalize_narrative("申请 ２\\n件")[0]
        '申请2件'
    """
    t = text.translate(_FW)
    parts: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _DROP_RE.finditer(t):
        a, b = m.span()
        parts.append(t[pos:a])
        offs.extend(range(pos, a))
        if a > 0 and b < len(t) and t[a - 1].isdigit() and t[b].isdigit():
            parts.append(" ")
            offs.append(a)
        pos = b
    parts.append(t[pos:])
    offs.extend(range(pos, len(t)))
    offs.append(len(text))
    return "".join(parts), offs


# ----------------------------------------------------------------------------- Chinese numerals

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def chinese_to_number(s: str) -> int | None:
    """The value of a Chinese numeral (``一百零三`` -> 103, ``两千`` -> 2000, ``十一`` -> 11).

    Digit strings (``二〇二四``) read digit by digit.  Returns ``None`` for anything else.

    Example:
        >>> chinese_to_number("一万二千三百")
        12300
    """
    if not s:
        return None
    if all(c in _CN_DIGIT for c in s):
        if len(s) == 1:
            return _CN_DIGIT[s]
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total = section = digit = 0
    seen_digit = False
    for c in s:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
            seen_digit = True
        elif c in _CN_SMALL:
            section += (digit if seen_digit else 1) * _CN_SMALL[c]
            digit = 0
            seen_digit = False
        elif c in _CN_BIG:
            total = (total + section + digit) * _CN_BIG[c]
            section = digit = 0
            seen_digit = False
        else:
            return None
    return total + section + digit


# ----------------------------------------------------------------------------- patterns

# counting units, longest first; a leading 万/亿 belongs to the unit (``180万次``)
_UNITS = ("个百分点", "人次", "场次", "批次", "项次", "大类", "大项", "小项", "大领域", "大主题",
          "大板块", "件", "条", "篇", "次", "场", "个", "项", "元", "期", "家", "批", "轮", "通",
          "起", "名", "人", "份", "处", "户", "所", "册", "张", "首", "类", "组", "支", "座", "台",
          "套", "位", "封", "例", "宗", "笔", "幅", "部", "本", "天次")
_UNIT_RE = "(?:" + "|".join(map(re.escape, _UNITS)) + ")"
_CN_NUM = "[零〇一二两三四五六七八九十百千万亿]"
_PRE_HEDGE = r"(?P<pre>超过|多达|近|约|超|逾|突破|大约|将近|接近|不足|不到|上万)?"
_NUM_RE = re.compile(
    _PRE_HEDGE
    # a Chinese numeral starts at the start of its run (linear time on long runs of numerals)
    + r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|(?<![零〇一二两三四五六七八九十百千万亿])[零〇一二两三四五六七八九十百千]"
    + _CN_NUM + r"*(?=(?:余|多)?[万亿]?" + _UNIT_RE + r"))"
    + r"(?P<mid>余|多)?"
    + r"(?:(?P<pct>%)|(?P<big>[万亿])?(?P<unit>" + _UNIT_RE + r")?)"
    + r"(?P<post>以上|左右|有余|之多)?")
# what may not follow 个/部/本 … (3个月, 5个工作日: durations; 3部门, 3本年度)
_BAD_AFTER = re.compile(r"(?:月|工作日|小时|星期|年|季度|周|天|门|楼|层)")
_UNITLESS_BEFORE = re.compile(r"(?:数|数为|数达|总数|数量|数量为|量为|量达|人数达|粉丝数)$")
# numerals that are names, slogans or template wording, not counts
_SET_PHRASES = re.compile(
    r"(?:三类内部事务|四类过程性|三安全一稳定|两个确立|两个维护|四个意识|四个自信|三个代表|四个全面|"
    r"五位一体|三个务必|两个务必|两个毫不动摇|三会一课|两学一做|三审三校|一网通办|一网统管|一件事|"
    r"两不愁三保障|两微一端|十四五|十五五|十三五|二十大|十九大|二中全会|三中全会|四中全会)")
_NEG_RE = re.compile(
    r"(?P<cue>未发生|未出现|未收到|未收取|未产生|未有|未被|没有发生|没有收到|没有出现|没有被|均未|无(?=收取|发生|出现|收到|受理|新收|因|涉及|政府信息公开|依申请|行政复议|行政诉讼|败诉|被纠错|被纠正|上一?年度?结转|结转)|零(?=败诉|被?纠错|被?纠正|行政复议|行政诉讼|复议|诉讼|投诉|差错|案件))")
_NEG_SCOPE_END = re.compile(r"[,;。!?:]")
_NEG_NOUN = re.compile(
    r"(?:行政复议|行政诉讼|复议|诉讼|申请|纠错|纠正|败诉|收费事项|收费|信息处理费|费用|情况|事项|案件|问题|投诉|差错|"
    r"上一?年度?结转|结转下一?年度?|结转)")


_QUOTED_RE = re.compile(r"“[^“”。]{0,16}”|「[^「」。]{0,16}」|《[^《》。]{0,60}》")


def _quoted_spans(ntext: str) -> list[tuple[int, int]]:
    """Short “…” spans and 《…》 titles: names, slogans and titles, whose numerals count nothing."""
    return [m.span() for m in _QUOTED_RE.finditer(ntext)]


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect_right(spans, (i, 1 << 62)) - 1
    return k >= 0 and spans[k][0] < i < spans[k][1]


def _hedge_kind(h: str) -> str:
    if h in ("近", "将近", "接近", "不足", "不到"):
        return "below"
    if h in ("约", "大约", "左右"):
        return "about"
    return "above" if h else ""


def _scan_negations(ntext: str, masked: set[int]) -> list[tuple[int, int, float | int, bool, str, bool, str]]:
    """Negations that state zero (``未发生…复议``, ``零败诉``), as :func:`_scan` tuples."""
    found: list[tuple[int, int, float | int, bool, str, bool, str]] = []
    for m in _NEG_RE.finditer(ntext):
        st = m.start()
        if st in masked:
            continue
        cue = m.group("cue")
        if cue == "零":
            nm = _NEG_NOUN.match(ntext, m.end())
            end = nm.end() if nm else m.end() + 2
            found.append((st, end, 0, False, "", True, ""))
            continue
        stop = _NEG_SCOPE_END.search(ntext, m.end())
        lim = stop.start() if stop else len(ntext)
        lim = min(lim, m.end() + 40)
        last = None
        for nm in _NEG_NOUN.finditer(ntext, m.end(), lim):
            last = nm
        if last is None:
            continue
        scope = ntext[m.end():last.end()]
        if re.search(r"\d", scope) or scope.startswith("其他需要报告"):
            continue
        found.append((st, last.end(), 0, False, "", True, ""))
    return found


def _scan(ntext: str) -> list[tuple[int, int, float | int, bool, str, bool, str]]:
    """Numbers in normalised text: (start, end, value, approx, unit, negated, hedge)."""
    found: list[tuple[int, int, float | int, bool, str, bool, str]] = []
    quoted = _quoted_spans(ntext)
    masked: set[int] = set()
    for m in _SET_PHRASES.finditer(ntext):
        masked.update(range(m.start(), m.end()))
    for m in _NUM_RE.finditer(ntext):
        num = m.group("num")
        ns = m.start("num")
        if ns in masked:
            continue
        before = ntext[ns - 1] if ns else ""
        is_cn = not num[0].isdigit()
        if before == "第" or (before and before.isascii() and (before.isalnum() or before in ".-/_~")):
            continue
        if before and before in "周星礼" and is_cn:  # 周一, 星期三
            continue
        pct = m.group("pct")
        unit = (m.group("big") or "") + (m.group("unit") or "")
        after = ntext[m.end():m.end() + 3]
        if is_cn:
            if num in ("一", "两", "二") and not unit:
                continue
            if num == "一" or num.startswith("零") or num.endswith("零"):
                continue  # 一 as an article (一批, 一次性); 零 only as a negation below
            if not m.group("unit") or after[:1] == "是":
                continue  # 一是, 三审, 八大工程: a Chinese numeral needs a counting unit
            value: float | int | None = chinese_to_number(num + (m.group("big") or ""))
            unit = m.group("unit") or ""
            if value is None:
                continue
        else:
            if not pct and not unit:
                if m.group("big"):
                    unit = m.group("big")
                elif not _UNITLESS_BEFORE.search(ntext, max(0, ns - 6), ns):
                    continue
            if not pct and unit in ("部", "本") and after[:1] in "门年":
                continue
            v = float(num.replace(",", ""))
            value = int(v) if "." not in num else v
        if unit in ("个", "部", "本", "所", "台", "首", "通") and _BAD_AFTER.match(ntext, m.end()):
            continue  # 3个月, 5个小时: durations
        if _inside(quoted, ns):
            continue
        hedge = m.group("pre") or m.group("mid") or m.group("post") or ""
        if hedge == "上万":
            continue
        start = m.start("pre") if m.group("pre") else ns
        found.append((start, m.end(), value, bool(hedge), "%" if pct else unit, False, hedge))
    found += _scan_negations(ntext, masked)
    found.sort()
    out = []
    last_end = -1
    for f in found:
        if f[0] >= last_end or f[5]:
            out.append(f)
            last_end = max(last_end, f[1])
    return out


def extract_numbers(text: str) -> list[Number]:
    """The stated numbers of ``text``, in order.

    Args:
        text: any narrative text (a sentence, a section); line breaks and full-width
            characters are allowed anywhere, also inside a number's context.

    Returns:
        One :class:`Number` per count, amount, percentage or negation; dates, years,
        document numbers (``〔2021〕30号``), article numbers (``第二十条``), ordinals
        (``一是``, ``第三``), phone numbers and postcodes are not returned.

    Example:
        >>> [(n.value, n.unit) for n in extract_numbers("2024年1月1日起，共收到申请 2\\n件，占 5.5%。")]
        [(2, '件'), (5.5, '%')]
    """
    ntext, offs = normalize_narrative(text)
    res = []
    for s, e, value, approx, unit, neg, hedge in _scan(ntext):
        os_, oe = offs[s], offs[e - 1] + 1
        res.append(Number(value=value, approx=approx, unit=unit, start=os_, end=oe,
                          raw=text[os_:oe], negated=neg, hedge=hedge))
    return res
