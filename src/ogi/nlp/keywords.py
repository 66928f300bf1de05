"""Keywords of narrative text: TF-IDF over a corpus and jieba TextRank, returned as DataFrames.

Both use ogi's tokenizer (jieba with the open-government dictionary), so terms such as
``依申请公开`` or ``政务新媒体`` come out whole.

Example:
    >>> df = tfidf_keywords(["加强政策解读，丰富解读形式。", "依申请公开答复质量有待提升。"], top_k=2)
    >>> list(df.columns)
    ['doc', 'rank', 'keyword', 'score']
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import pandas as pd

from ogi.errors import UsageError
from ogi.nlp.tokenize import get_pos_tokenizer, stopwords, tokenize

__all__ = ["tfidf_keywords", "textrank_keywords", "keyword_tokens"]

_NUMERIC = re.compile(r"^[\d.%％]+$")


def keyword_tokens(text: str) -> list[str]:
    """Candidate keywords of a text: tokens of two or more characters, no stop words, no numbers.

    Example:
        >>> keyword_tokens("2024年加强政务新媒体管理")
        ['加强', '政务新媒体', '管理']
    """
    return [t for t in tokenize(text, stopwords=True) if len(t) >= 2 and not _NUMERIC.match(t)
            and not t.endswith("年")]


def tfidf_keywords(texts: Sequence[str], *, top_k: int = 10, min_df: int = 1,
                   max_df: float = 1.0, sublinear_tf: bool = True) -> pd.DataFrame:
    """The top TF-IDF keywords of each text, IDF computed over ``texts``.

    Args:
        texts: the corpus (one string per document).
        top_k: keywords kept per document.
        min_df: ignore terms in fewer documents than this.
        max_df: ignore terms in more than this share of documents.
        sublinear_tf: use ``1 + log(tf)``.

    Returns:
        One row per (document, keyword): ``doc`` (index in ``texts``), ``rank`` (1 = best),
        ``keyword``, ``score``; ties broken by the keyword, so output is deterministic.

    Raises:
        UsageError: for an empty corpus or ``top_k < 1``.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = list(texts)
    if not texts:
        raise UsageError("texts is empty")
    if top_k < 1:
        raise UsageError(f"top_k must be at least 1, not {top_k}")
    vec = TfidfVectorizer(analyzer=keyword_tokens, min_df=min_df, max_df=max_df, sublinear_tf=sublinear_tf)
    try:
        M = vec.fit_transform(texts).tocsr()
    except ValueError:  # no term at all
        return pd.DataFrame({"doc": pd.Series(dtype=int), "rank": pd.Series(dtype=int),
                             "keyword": pd.Series(dtype=str), "score": pd.Series(dtype=float)})
    vocab = vec.get_feature_names_out()
    rows = []
    for d in range(M.shape[0]):
        row = M.getrow(d)
        pairs = sorted(zip(row.data.tolist(), row.indices.tolist()), key=lambda p: (-p[0], vocab[p[1]]))
        for rank, (score, j) in enumerate(pairs[:top_k], start=1):
            rows.append({"doc": d, "rank": rank, "keyword": str(vocab[j]), "score": float(score)})
    return pd.DataFrame(rows, columns=["doc", "rank", "keyword", "score"])


def textrank_keywords(text: str, *, top_k: int = 10,
                      allow_pos: Sequence[str] = ("n", "nz", "vn", "v", "l", "ns", "nt")) -> pd.DataFrame:
    """Keywords of one text by jieba's TextRank over ogi's POS tokenizer.

    Args:
        text: the text.
        top_k: keywords kept.
        allow_pos: parts of speech a keyword may have (user-dictionary terms carry ``n``,
            ``vn``, ``nz`` or ``l``).

    Returns:
        ``rank``, ``keyword``, ``weight`` (TextRank weight, the best scaled to 1), best first.

    Example:
        >>> textrank_keywords("加强政务新媒体管理，提升政务新媒体互动性。", top_k=1)["keyword"].tolist()
        ['政务新媒体']
    """
    if top_k < 1:
        raise UsageError(f"top_k must be at least 1, not {top_k}")
    import jieba.analyse  # noqa: F401  (registers jieba.analyse.textrank)

    TextRank = sys.modules["jieba.analyse.textrank"].TextRank
    tr = TextRank()  # one per call: TextRank keeps per-call state
    tr.tokenizer = tr.postokenizer = get_pos_tokenizer()
    tr.stop_words = set(tr.stop_words) | set(stopwords())
    ranked = tr.textrank(text, topK=None, withWeight=True, allowPOS=tuple(allow_pos))
    ranked = sorted(ranked, key=lambda p: (-round(p[1], 12), p[0]))[:top_k]
    return pd.DataFrame([{"rank": i, "keyword": w, "weight": float(s)} for i, (w, s) in enumerate(ranked, 1)],
                        columns=["rank", "keyword", "weight"])
