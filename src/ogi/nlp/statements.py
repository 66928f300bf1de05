"""Section 五 cut into statements (spec: shared/spec/statements.md), then classified and paired.

A statement is one enumerated item (``一是…``, ``（一）…``, ``1.…``, ``1、…``, ``首先…``), one
clause of a list introduced by ``如``/``主要有``/``表现在``, or otherwise one sentence.
Sub-headings (``（一）主要问题``) and framing sentences (``…但仍存在一些不足：``,
``针对上述问题，…``) are not statements: they become the *context* of the statements
below them and give a kind hint (``problem``/``improvement``) the classifier uses.

:func:`segment` only cuts; :func:`extract_statements` cuts, classifies (kind, topics, score)
with the shipped models and pairs problems with improvements.

Example:
    >>> from ogi.nlp.statements import segment
    >>> [s.text for s in segment("存在以下问题：一是培训不足；二是更新不及时。")]
    ['一是培训不足；', '二是更新不及时。']
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Literal

from ogi.errors import UsageError
from ogi.nlp import models
from ogi.nlp.cues import (
    AFTER_REF,
    FRAME_CUES,
    IMPROVE_CUES,
    INTRO_PROBLEM,
    LIST_INTRO,
    MIX_START,
    PROBLEM_CUES,
    STRONG_FRAME,
    clause_breaks,
    is_turn,
    split_turn_prefix,
)
from ogi.nlp.models import DEFAULT_MODEL
from ogi.nlp.pieces import (
    _is_heading,
    _Marker,
    _Piece,
    _split_pieces,
    _style_family,
    piece_starts,
)

if TYPE_CHECKING:
    from ogi.nlp.models import StatementPredictor

__all__ = ["Segment", "segment", "extract_statements", "piece_starts"]

Hint = Literal["problem", "improvement"] | None
ContextType = Literal["heading", "framing", "none"]
Style = Literal["enum", "clause", "sentence"]


@dataclass(slots=True)
class Segment:
    """One statement found in section 五, before classification.

    Attributes:
        text: the statement, an exact substring ``problems_text[start:end]``.
        start: offset of the first character in the section text.
        end: offset after the last character.
        context: the sub-heading or framing sentence governing the statement ('' if none).
        hint: the kind the context announces (``"problem"``, ``"improvement"`` or None).
        context_type: whether the context is a sub-heading (``"heading"``), a framing sentence
            (``"framing"``) or absent (``"none"``).
        style: ``"enum"`` (enumerated item), ``"clause"`` (clause of a 如…；… list) or
            ``"sentence"``.
        marker: the enumeration marker as printed (``"一是"``, ``"（一）"``, ``"1."``) or ''.
        number: the marker's number (1 for 一是/（一）/1./首先), 0 when there is none.
        position: ``start / len(problems_text)``, in [0, 1).
        index: ordinal of the statement in the section.
        group: ordinal of the list (or block between headings/framing sentences) it belongs to.
    """

    text: str
    start: int
    end: int
    context: str = ""
    hint: Hint = None
    context_type: ContextType = "none"
    style: Style = "sentence"
    marker: str = ""
    number: int = 0
    position: float = 0.0
    index: int = 0
    group: int = 0

    def to_dict(self) -> dict:
        """The segment as a plain dict."""
        return asdict(self)


_WS = re.compile(r"\s+")
_CLOSING_DENG = re.compile(r"等(?:等|方面|问题|情况)?[ \t\u3000]*[。；;！!]*[ \t\u3000]*$")
_LIST_TAIL = re.compile(r"[ \t\u3000]*(?:等(?:等|方面|问题|情况)?)?[ \t\u3000]*[。；;！!，,]*[ \t\u3000]*$")


def _framing(piece: _Piece, next_piece: _Piece | None, *, in_item: bool) -> bool:
    t = _WS.sub("", piece.text)  # cues read through PDF hard wraps
    if STRONG_FRAME.search(t):
        return True
    next_is_item = next_piece is not None and next_piece.marker is not None
    if AFTER_REF.match(t) and (next_is_item or piece.ends in ("soft", "colon")):
        return True
    if in_item:
        return False
    if piece.ends == "colon":
        return True
    # a sentence admitting shortcomings in general, before an enumeration or a 如/主要是 list
    opens_list = next_piece is not None and (LIST_INTRO.match(next_piece.text) is not None or (
        next_piece.ends == "colon" and len(next_piece.text) <= 16))
    if INTRO_PROBLEM.search(t) and (next_is_item or opens_list or len(t) <= 40):
        return True
    return False


#: a sentence reporting progress (``目前，…已成功开设…正在有序进行中``), not a measure's elaboration
_PROGRESS = re.compile(r"^[ \t\u3000]*(?:目前|截至目前|截至[^，,。]{2,10}|至此|现已)[，,]?(?=[^。；;]*(?:已|正在))")
_PLAN_WORDS = re.compile(r"措施|下一步|整改|计划|打算|举措")


def _hint_of(context: str) -> Hint:
    context = _WS.sub("", context)
    if is_turn(context):
        return "improvement"
    if INTRO_PROBLEM.search(context) and not _PLAN_WORDS.search(context):
        return "problem"  # …还有一些需要加强和改进的地方
    if IMPROVE_CUES.search(context):
        return "improvement"
    if PROBLEM_CUES.search(context):
        return "problem"
    return None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A list clause without its trailing ；/。 and a final 等."""
    start, end = _strip_span(text, start, end)
    m = _LIST_TAIL.search(text, start, end)
    if m is not None and m.start() > start:
        end = m.start()
    return _strip_span(text, start, end)


def _split_enum_comma(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a 、-separated list of clauses when every part is clause-sized (≥ 5 characters).

    Not when the span has commas: 、 then separates words inside its clauses."""
    if any(c in "，," for c in text[start:end]):
        return [(start, end)]
    parts = []
    s = start
    for k in range(start, end + 1):
        if k == end or text[k] == "、":
            parts.append(_strip_span(text, s, k))
            s = k + 1
    if len(parts) >= 2 and all(e - b >= 5 for b, e in parts):
        return parts
    return [(start, end)]


# --------------------------------------------------------------------------------------------
# segmentation


@dataclass
class _Item:
    start: int
    end: int
    marker: _Marker | None
    style: str
    pieces: list[_Piece] = field(default_factory=list)
    sub_family: str | None = None
    sub_last: int = 0
    context: str = ""
    hint: Hint = None
    context_type: ContextType = "none"


def segment(problems_text: str) -> list[Segment]:
    """Cut the body of section 五 into statements, without classifying them.

    Args:
        problems_text: the body of section 五 (heading excluded), as it reads.

    Returns:
        The statements in text order; each ``text`` is ``problems_text[start:end]``.

    Raises:
        UsageError: when ``problems_text`` is not a string.

    Example:
        >>> segs = segment("（一）主要问题\\n一是培训不够。\\n（二）改进情况\\n一是加强培训。")
        >>> [(s.text, s.hint) for s in segs]
        [('一是培训不够。', 'problem'), ('一是加强培训。', 'improvement')]
    """
    if not isinstance(problems_text, str):
        raise UsageError(f"problems_text must be str, not {type(problems_text).__name__}")
    return _Segmenter(problems_text).run()


class _Segmenter:
    """One pass over the pieces of a section: headings and framing sentences set the context,
    enumerated items gather into lists (with their sub-lists and elaboration), 如…；… lists
    become clauses, anything else a sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces = _split_pieces(text)
        self.out: list[Segment] = []
        self.context = ""
        self.hint: Hint = None
        self.context_type: ContextType = "none"
        self.group = 0
        self.items: list[_Item] = []  # items of the current list
        self.list_family: str | None = None

    def run(self) -> list[Segment]:
        k = 0
        while k < len(self.pieces):
            k = self._step(k)
        self._close_list()
        self.out.sort(key=lambda s: s.start)
        for idx, s in enumerate(self.out):
            s.index = idx
        return self.out

    def _step(self, k: int) -> int:
        """Handle piece ``k``; returns the index of the next piece to handle."""
        p = self.pieces[k]
        is_head, head_hint = _is_heading(p.text, p.marker, p.start)
        if is_head:
            self._close_list()
            self._set_context(p.text.strip(), head_hint, "heading")
            return k + 1
        if p.marker is not None:
            self._item(k, p, p.marker)
            return k + 1
        in_item = bool(self.items)
        if not in_item:
            after = self._clause_list(k, p)
            if after is not None:
                return after
        if _framing(p, self.pieces[k + 1] if k + 1 < len(self.pieces) else None, in_item=in_item):
            self._close_list()
            context = p.text.strip()
            self._set_context(context, _hint_of(context) or self.hint, "framing")
            return k + 1
        if self.hint != "improvement" and (not in_item or p.para_before) and is_turn(p.text):
            return self._turn(k, p)
        if in_item:
            self._continue_item(p)
        else:
            self._emit(p.start, p.end, "sentence")
        return k + 1

    def _turn(self, k: int, p: _Piece) -> int:
        """A sentence opening the measures (``针对存在问题，下一步，我市将…``): its leading turn
        clauses become the context, which announces improvements from here on.  When the
        measures of its paragraph are joined by ``；`` (``将A。A2；B；C。``), each ``；``-closed
        run of sentences is one statement; otherwise each sentence is.  Returns the next index."""
        self._close_list()
        cut = split_turn_prefix(p.text)
        context = p.text[:cut].strip(" \t\u3000，,") if cut else self.context
        self._set_context(context, "improvement", "framing")
        run = [p]
        for j in range(k + 1, len(self.pieces)):
            q = self.pieces[j]
            if (q.marker is not None or _is_heading(q.text, q.marker, q.start)[0]
                    or (run[-1].ends == "terminal" and _PROGRESS.match(q.text))):
                break
            # a paragraph break inside ；-joined measures (a PDF line that ends on 。) does not
            # end them when the next paragraph goes on joining measures by ；
            if q.para_before and not (any(r.ends == "soft" for r in run) and self._soft_paragraph(j)):
                break
            run.append(q)
        if not any(q.ends == "soft" for q in run[:-1]) or any(q.ends == "colon" for q in run):
            self._emit(p.start + cut, p.end, "sentence")
            return k + 1
        start = p.start + cut
        for i, q in enumerate(run):
            if q.ends == "soft" or i == len(run) - 1:
                self._emit(start, q.end, "sentence")
                if i + 1 < len(run):
                    start = run[i + 1].start
        return k + len(run)

    def _soft_paragraph(self, j: int) -> bool:
        """Whether the paragraph starting at piece ``j`` joins sentences by ``；`` (before its last)."""
        for q in self.pieces[j:]:
            if q is not self.pieces[j] and (q.para_before or q.marker is not None):
                return False
            if q.ends == "soft":
                return True
        return False

    def _set_context(self, context: str, hint: Hint, context_type: ContextType) -> None:
        self.context, self.hint, self.context_type = context, hint, context_type
        self.group += 1

    def _emit(self, start: int, end: int, style: Style, marker: _Marker | None = None,
              ctx: tuple[str, Hint, ContextType] | None = None) -> None:
        start, end = _strip_span(self.text, start, end)
        if end <= start:
            return
        c, h, ct = ctx if ctx is not None else (self.context, self.hint, self.context_type)
        self.out.append(Segment(text=self.text[start:end], start=start, end=end, context=c, hint=h,
                                context_type=ct, style=style, marker=marker.text.strip() if marker else "",
                                number=marker.number if marker else 0,
                                position=start / max(len(self.text), 1), group=self.group))

    def _close_list(self) -> None:
        if not self.items:
            return
        last = self.items[-1]
        # the last item of a list ends at the first paragraph break: what follows is prose
        # or at a sentence reporting the progress of the whole list (``目前，…已…``)
        cut = next((k for k, p in enumerate(last.pieces[1:], start=1)
                    if p.para_before or (last.pieces[k - 1].ends == "terminal" and _PROGRESS.match(p.text))), None)
        tail: list[_Piece] = []
        if cut is not None:
            tail = last.pieces[cut:]
            last.pieces = last.pieces[:cut]
        for it in self.items:
            self._emit(it.pieces[0].start, it.pieces[-1].end, "enum" if it.marker else "sentence", it.marker,
                       (it.context, it.hint, it.context_type))
        self.items = []
        self.list_family = None
        for p in tail:
            self._emit(p.start, p.end, "sentence")

    def _item(self, k: int, p: _Piece, marker: _Marker) -> None:
        """An enumerated piece: a sub-item of the current item, or an item of a (new) list."""
        fam = _style_family(marker.style)
        items = self.items
        if items and items[-1].marker is None:
            self._close_list()  # after a measure written into a problem's paragraph
            items = self.items
        if items and fam != self.list_family:
            cur = items[-1]
            prev = self.pieces[k - 1] if k else None
            sub_ok = (cur.sub_family == fam and marker.number == cur.sub_last + 1) or (
                cur.sub_family is None and marker.number == 1
                and (not p.para_before or (prev is not None and prev.ends == "colon")))
            if sub_ok:  # a sub-list inside the current item: continuation
                cur.sub_family, cur.sub_last = fam, marker.number
                cur.pieces.append(p)
                return
        last_marker = items[-1].marker if items else None
        if fam == self.list_family and marker.number == 1 and last_marker is not None and last_marker.number > 1:
            self._close_list()  # numbering restarts: a new list
            self.group += 1
        if not self.items:
            self.list_family = fam
            self.group += 1 if self.out else 0
        self.items.append(_Item(p.start, p.end, marker, fam, [p], context=self.context, hint=self.hint,
                                context_type=self.context_type))

    def _continue_item(self, p: _Piece) -> None:
        """A piece without a marker inside a list item: its elaboration, or a measure of its own."""
        if self.hint != "improvement" and self.items[-1].marker is not None and MIX_START.match(p.text):
            # a measure written into the paragraph of a problem: its own statement, which
            # runs to the end of the paragraph
            self._close_list()
            self.items = [_Item(p.start, p.end, None, "mix", [p], context=self.context, hint="improvement",
                                context_type=self.context_type)]
            self.list_family = "mix"
            return
        self.items[-1].pieces.append(p)

    def _list_closing(self, kk: int) -> int | None:
        """The piece (within 3, same paragraph) that closes a list with ``等``, or None."""
        for j in range(kk, min(kk + 3, len(self.pieces))):
            q = self.pieces[j]
            if q.para_before or q.marker is not None or is_turn(q.text) or q.ends == "colon":
                return None
            if _CLOSING_DENG.search(q.text):
                return j
        return None

    def _clause_list(self, k: int, p: _Piece) -> int | None:
        """A 如…；…；… list starting at piece ``k``: emits its clauses and returns the next index."""
        m = LIST_INTRO.search(p.text)
        if m is None:
            return None
        prefix = p.text[: m.start()]
        if prefix.strip() and not FRAME_CUES.search(prefix) and not INTRO_PROBLEM.search(prefix):
            return None
        spans: list[tuple[int, int]] = []
        if p.start + m.end() < p.end:
            spans.append((p.start + m.end(), p.end))
        last_ends = p.ends
        kk = k + 1
        while last_ends == "soft" or (last_ends == "colon" and not spans):
            if kk >= len(self.pieces) or self.pieces[kk].marker is not None:
                break
            spans.append((self.pieces[kk].start, self.pieces[kk].end))
            last_ends = self.pieces[kk].ends
            kk += 1
        closing = self._list_closing(kk) if spans and last_ends == "terminal" else None
        if closing is not None:  # the list runs on through sentences to its closing 等
            spans[-1] = (spans[-1][0], self.pieces[closing].end)
            kk = closing + 1
        if len(spans) == 1:
            spans = _split_enum_comma(self.text, *_clause_span(self.text, *spans[0]))
        if len(spans) == 1:  # 主要是：A有待提升，B尚需完善，C还不够丰富等
            b0, e0 = spans[0]
            cuts = [b0 + c for c in clause_breaks(self.text[b0:e0])]
            spans = list(zip([b0] + [c + 1 for c in cuts], cuts + [e0]))
        # a list of one (…仍存在一些短板，如X等。) is still a statement, not a framing sentence
        single = (len(spans) == 1 and bool(prefix.strip()) and INTRO_PROBLEM.search(_WS.sub("", prefix)) is not None
                  and _CLOSING_DENG.search(p.text) is not None and spans[0][1] - spans[0][0] >= 5)
        if len(spans) < 2 and not single:
            return None
        self._close_list()
        if prefix.strip():
            context = prefix.strip(" \t\u3000，,：:")
            self.context, self.hint, self.context_type = context, _hint_of(context) or self.hint, "framing"
        self.group += 1
        for b, e in spans:
            b, e = _clause_span(self.text, b, e)
            if e > b:
                self._emit(b, e, "clause")
        return kk


def extract_statements(problems_text: str, *, pair: bool = True,
                       model: str | os.PathLike[str] | StatementPredictor = DEFAULT_MODEL) -> list[dict]:
    """Statements of section 五 with kind, topics, calibrated score and pairing.

    Args:
        problems_text: the body of section 五 (heading excluded).
        pair: when False, ``pair`` is None everywhere (skips the pairing step).
        model: the statement model: a name registered in :mod:`ogi.nlp.models` (default: the
            shipped model), a model folder, or a loaded predictor (anything with
            ``predict_records``, such as a fitted :class:`ogi.training.StatementClassifier`).
            Named models are loaded on first use, once per process.

    Returns:
        One record per statement: ``{"text", "kind", "topics", "score", "start", "end",
        "context", "pair"}``; ``text == problems_text[start:end]``, ``topics`` has the main
        topic first, ``score`` is the calibrated probability of ``kind`` and ``pair`` the
        index of the paired statement (problem ↔ improvement) or None.

    Raises:
        UsageError: ``problems_text`` is not a string, or ``model`` names no model.
        OgiError: the model's files are missing or fail their checks.

    Example:
        >>> recs = extract_statements("存在以下问题：一是政策解读形式单一。下一步改进措施：一是丰富政策解读形式。")
        >>> [(r["kind"], r["topics"][0], r["pair"]) for r in recs]
        [('problem', 'interpretation', 1), ('improvement', 'interpretation', 0)]
    """
    segs = segment(problems_text)
    if not segs:
        return []
    from ogi.nlp.pairing import pair_statements
    from ogi.nlp.records import segment_record

    predictor = models.get(model) if isinstance(model, (str, os.PathLike)) else model
    records = [segment_record(s) for s in segs]
    preds = predictor.predict_records(records)
    out = []
    for s, pr in zip(segs, preds):
        out.append({"text": s.text, "kind": pr["kind"], "topics": pr["topics"], "score": pr["score"],
                    "start": s.start, "end": s.end, "context": s.context, "pair": None})
    if pair:
        with_tokens = [dict(o, tokens=r["tokens"]) for o, r in zip(out, records)]
        for i, j in pair_statements(with_tokens).items():
            out[i]["pair"] = j
    return out
