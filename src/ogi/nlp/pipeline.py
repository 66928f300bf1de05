"""A spaCy ``zh`` pipeline with ogi's jieba segmenter, sentence boundaries and statements.

:func:`spacy_pipeline` builds ``spacy.blank("zh")`` with the jieba segmenter (no trained Chinese spaCy
model, no pkuseg), swaps in ogi's jieba tokenizer with the open-government dictionary, and
adds two components:

- ``ogi_sentences``: sentence starts after ``。！？；`` (and ``：``) and at every list item
  (``一是``, ``（一）``, ``1.`` …), so list clauses are sentences;
- ``ogi_statements``: treats the Doc as the body of section 五 and puts its statements in
  ``doc.spans["statements"]`` (also ``doc._.statements``), each with ``span._.kind``,
  ``span._.topics``, ``span._.score``, ``span._.context`` and ``span._.pair``.

Example:
    >>> from ogi.nlp import spacy_pipeline
    >>> doc = spacy_pipeline()("存在以下问题：一是政策解读形式单一。二是信息更新不及时。")
    >>> [(s.text, s._.kind) for s in doc._.statements]
    [('一是政策解读形式单一。', 'problem'), ('二是信息更新不及时。', 'problem')]
"""

from __future__ import annotations

import threading
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["spacy_pipeline", "sentence_starts"]

_lock = threading.Lock()


def _register_extensions() -> None:
    for name, default in (("kind", None), ("topics", None), ("score", None), ("context", None),
                          ("pair", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    if not Doc.has_extension("statements"):
        Doc.set_extension("statements", getter=lambda doc: list(doc.spans.get("statements", [])))


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences (and list items) start: where the segmenter cuts.

    Example:
        >>> sentence_starts("一是培训不足；二是更新不及时。")
        [0, 7]
    """
    from ogi.nlp.statements import piece_starts

    return piece_starts(text)


@Language.component("ogi_sentences")
def _ogi_sentences(doc: Doc) -> Doc:
    import bisect

    starts = sentence_starts(doc.text)
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        # a start inside a token (jieba may join a marker to the word before) marks that token
        k = bisect.bisect_left(starts, tok.idx)
        tok.is_sent_start = k < len(starts) and starts[k] < tok.idx + len(tok.text)
    return doc


class _StatementsComponent:
    def __init__(self, classify: bool) -> None:
        self.classify = classify

    def __call__(self, doc: Doc) -> Doc:
        from ogi.nlp.statements import extract_statements, segment

        if self.classify:
            recs = extract_statements(doc.text)
        else:
            recs = [{"text": s.text, "start": s.start, "end": s.end, "kind": s.hint, "topics": [],
                     "score": None, "context": s.context, "pair": None} for s in segment(doc.text)]
        spans = []
        for r in recs:
            span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
            if span is None:
                continue
            span._.kind = r["kind"]
            span._.topics = list(r["topics"])
            span._.score = r["score"]
            span._.context = r["context"]
            span._.pair = r["pair"]
            spans.append(span)
        doc.spans["statements"] = spans
        return doc


@Language.factory("ogi_statements", default_config={"classify": True})
def _make_statements(nlp: Language, name: str, classify: bool) -> _StatementsComponent:
    return _StatementsComponent(classify)


def spacy_pipeline(*, statements: bool = True, classify: bool = True) -> Language:
    """Build ogi's spaCy pipeline (``zh`` + jieba with ogi's dictionary).

    Args:
        statements: add the ``ogi_statements`` component.
        classify: classify statements (kind, topics, score); when False ``span._.kind`` is the
            kind the context announces and no model is loaded.

    Returns:
        A ``spacy.Language`` with components ``ogi_sentences`` (and ``ogi_statements``).
    """
    import spacy

    from ogi.nlp.tokenize import get_tokenizer

    _register_extensions()
    import jieba

    jieba.setLogLevel(60)  # spaCy initialises jieba's global dictionary; keep stderr quiet
    with _lock:
        lang = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # spaCy's ChineseTokenizer calls ``jieba_seg.cut(text, cut_all=False)``: ogi's Tokenizer
    # has that method, so the pipeline segments with the open-government dictionary without
    # touching jieba's global dictionary.
    tokenizer: Any = lang.tokenizer  # spacy.lang.zh.ChineseTokenizer
    tokenizer.jieba_seg = get_tokenizer()
    lang.add_pipe("ogi_sentences")
    if statements:
        lang.add_pipe("ogi_statements", config={"classify": classify})
    return lang
