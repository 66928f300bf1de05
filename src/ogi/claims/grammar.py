"""The grammar of a count: head verb, quantity noun and count of a claim, whatever lies between.

A count of table 三 is written ``VERB … NOUN … N 件``: the head verb says what was done
(收到, 受理, 办结 …), the quantity noun what was counted (申请 in its many names), and words of
any kind may stand between them (``共收到通过网络、信函等渠道提交的申请 N 件``, ``全年共办结上年结转
和本年新收的申请 N 件``).  :func:`count_phrase` reduces such a phrase to its head verb and a
canonical noun (``办结政府信息公开申请``), so that the link table matches what the phrase
*means*, not the words in its middle: the first verb of the clause is the head, a verb inside
the modifier (``新收的``) is not.

:func:`rewrite_years` turns a carry-over stated with a year (``结转至2025年办理``, ``2023年结转的
申请``) into the template's wording (``结转下年度``, ``上年结转``) when the report year makes it
certain, and marks the phrase as unsure otherwise: a claim on it stays unverifiable with a
reason, never a guessed target.

Example:
    >>> count_phrase("全年共办结上年结转和本年新收的申请")
    (3, '办结政府信息公开申请')
    >>> rewrite_years("2件申请结转至2025年继续办理", list(range(18)), year=2024)[0]
    '2件申请结转下年度继续办理'
"""

from __future__ import annotations

import re

__all__ = ["UNSURE_MARK", "case_phrase", "count_phrase", "rewrite_years", "skip_parenthetical"]

#: what :func:`rewrite_years` writes for a carry-over whose year it cannot place
UNSURE_MARK = "结转某年"

# the quantity noun of table 三: the applications, by every name reports give them
_NOUN = re.compile(r"(?:(?:依申请|申请)公开(?:政府)?信息(?:的)?(?:申请|请求)?"
                   r"|依申请公开(?:申请|事项|件)?"
                   r"|(?:政府)?信息公开(?:的)?(?:申请|请求)(?:件)?"
                   r"|申请(?:件)?)$")
# fillers between the noun and the count (共, 合计, 总数为 …)
_FILL = re.compile(r"(?:共计|合计|总计|累计|共有|一共|总共|计有|共|计|为|达到|达|有|是|的|总数|数量|件数|数|均|各)+$")
# head verbs of a count of applications, by class; a verb joined to a second (受理并答复) is one
_VERB = re.compile(r"(?:收到|接收|接到|收悉|新收|登记|新增|受理|办结|答复|办理完成|完成办理|办理完毕|处理完毕|办理)"
                   r"(?:(?:并|和|及|与|且)(?:办理完成|办理|办结|答复))?")
_CARRY = re.compile(r"结转|顺延|转入")
_YEAR = r"(?P<y>20\d\d)年度?"
# 上年结转至本年度办理的申请: carried into the report year, said without a year
_INTO_THIS = re.compile(r"(?<=结转)(?:至|到)(?:本年度?|今年)(?:继续)?(?:办理|处理|答复)?(?:的)?")
_FORWARD = re.compile(r"(?:结转|顺延|延期|转入|转)(?:到|至|入)" + _YEAR)
_OVER = re.compile(_YEAR + r"(?:度)?(?:结转|转入)(?:至|到)?(?:本年度?|今年|(?P<y2>20\d\d)年度?)?(?:办理|处理|答复)?")


def skip_parenthetical(ntext: str, ns: int, floor: int) -> int:
    """Where the words before ``ns`` end once a parenthetical right before it is set aside.

    ``信息公开申请(含网上申请)12件``: the count belongs to the words before ``(``.
    """
    if ns > floor and ntext[ns - 1] == ")":
        op = ntext.rfind("(", floor, ns - 1)
        if op > floor and ")" not in ntext[op + 1:ns - 1]:
            return op
    return ns


def count_phrase(pre: str) -> tuple[int, str] | None:
    """The head verb's offset and the canonical ``VERB + 政府信息公开申请`` of a count's words.

    Args:
        pre: the clause before the count, from its start or the previous count (normalised
            text, delimiters excluded).

    Returns:
        ``None`` when the words before the count do not end with the quantity noun or no head
        verb precedes the noun; otherwise the offset in ``pre`` of the head verb (the first of
        the clause) and the canonical phrase.
    """
    body = _FILL.sub("", pre)
    m = _NOUN.search(body)
    if not m:
        return None
    head = _VERB.search(body, 0, m.start())
    if head is None or _CARRY.search(body, 0, head.start()):
        return None  # 上年结转至本年办理的申请: a carry-over heads the phrase, not 办理
    return head.start(), head.group() + "政府信息公开申请"


_CASE = re.compile(r"(?:案件|案)$")
_LIT = re.compile(r"诉讼|起诉")
_NOT_ADMIN = re.compile(r"民事|刑事|复议后|经复议|应诉")


def case_phrase(pre: str) -> str | None:
    """The canonical ``行政复议案件`` / ``行政诉讼案件`` of a count of cases of table 四, or ``None``.

    ``因政府信息公开申请被申请行政复议的案件共N件``: the noun is 案件, the kind is named before it,
    whatever words stand between.  ``None`` when the kind is not one of the two (both, neither,
    民事/刑事, or the 复议后 litigation that the link table reads itself).

    Example:
        >>> case_phrase("因政府信息公开工作被提起行政诉讼的案件")
        '行政诉讼案件'
    """
    body = _FILL.sub("", pre)
    m = _CASE.search(body)
    if not m:
        return None
    before = body[:m.start()]
    rev, lit = "复议" in before, bool(_LIT.search(before))
    if rev == lit or _NOT_ADMIN.search(before):
        return None
    return "行政复议案件" if rev else "行政诉讼案件"


def rewrite_years(ntext: str, offs: list[int], *, year: int | None) -> tuple[str, list[int]]:
    """A carry-over stated with a year, in the template's words; the offset map follows.

    ``结转至{year+1}年`` becomes ``结转下年度``; ``{year-1}年结转`` and ``结转至{year}年`` (into the
    report year) become ``上年结转``; any other year, or an unknown report year, becomes
    :data:`UNSURE_MARK`, which no link reads.

    Args:
        ntext: normalised text (:func:`ogi.claims.numbers.normalize_narrative`).
        offs: its offset map (one entry more than characters).
        year: the report year, ``None`` when unknown.

    Returns:
        The rewritten text and its offset map into the original input.
    """
    edits: list[tuple[int, int, str]] = []
    for m in _OVER.finditer(ntext):
        a, b = int(m.group("y")), m.group("y2")
        into = int(b) if b else None
        if year is not None and a == year - 1 and into in (None, year):
            edits.append((m.start(), m.end(), "上年结转"))
        elif year is not None and a == year and into in (None, year + 1):
            edits.append((m.start(), m.end(), "结转下年度"))
        else:
            edits.append((m.start(), m.end(), UNSURE_MARK))
    edits += [(m.start(), m.end(), "的") for m in _INTO_THIS.finditer(ntext)]
    taken = [(s, e) for s, e, _ in edits]
    for m in _FORWARD.finditer(ntext):
        if any(s <= m.start() < e for s, e in taken):
            continue
        y = int(m.group("y"))
        if year is not None and y == year + 1:
            edits.append((m.start(), m.end(), "结转下年度"))
        elif year is not None and y == year:
            edits.append((m.start(), m.end(), "上年结转"))
        else:
            edits.append((m.start(), m.end(), UNSURE_MARK))
    if not edits:
        return ntext, offs
    edits.sort()
    parts: list[str] = []
    new_offs: list[int] = []
    pos = 0
    for s, e, rep in edits:
        parts.append(ntext[pos:s])
        new_offs.extend(offs[pos:s])
        parts.append(rep)
        # every replacement character stands for the first character of the phrase it replaces,
        # the last one for its last character (so a quote that ends on it ends where it did)
        new_offs.extend([offs[s]] * (len(rep) - 1) + [offs[e - 1]])
        pos = e
    parts.append(ntext[pos:])
    new_offs.extend(offs[pos:])
    return "".join(parts), new_offs
