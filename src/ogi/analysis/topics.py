"""Topics beyond the fixed list: an unsupervised topic model over the statements' tokens.

The supervised classifier puts every statement into the twelve topics of the spec
(statements.md).  An unsupervised model (non-negative matrix factorisation of TF-IDF
weights, or latent Dirichlet allocation of counts, both from scikit-learn) finds the
themes the statements themselves carry; setting its topics against the supervised ones
shows which fixed topics split, merge, or miss a theme.

Tokens come from :func:`ogi.nlp.tokenize.tokenize` (jieba with the open-government
dictionary, stop words dropped); enumeration markers and numbers are dropped too.

Example:
    >>> from ogi.analysis.topics import fit_topics
    >>> model = fit_topics(data, n_topics=6)  # doctest: +SKIP
    >>> model.terms.query("rank < 3")[["topic", "term"]].head(3)  # doctest: +SKIP
       topic  term
    0     0   培训
    1     0   业务能力
    2     0   队伍
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from ogi.errors import UsageError

__all__ = ["TopicModel", "fit_topics", "statement_tokens"]

_DROP_RE = re.compile(r"^(?:[零〇一二三四五六七八九十]+是|[\d.%％]+|[零〇一二三四五六七八九十百千万]+|.)$")


def statement_tokens(text: str) -> list[str]:
    """Content tokens of a statement (stop words, markers, numbers and single characters dropped).

    Example:
        >>> statement_tokens("一是政务新媒体互动性不足")
        ['政务新媒体', '互动性', '不足']
    """
    from ogi.nlp.keywords import keyword_tokens

    # keyword_tokens already drops stop words, numbers and single characters
    return [t for t in keyword_tokens(text or "") if not _DROP_RE.match(t)]


@dataclass
class TopicModel:
    """A fitted topic model and its tables.

    Attributes:
        method: ``"nmf"`` or ``"lda"``.
        terms: top terms per topic: ``topic``, ``rank``, ``term``, ``weight``.
        assignments: one row per statement: ``report_id``, ``idx``, ``kind``,
            ``main_topic`` (supervised), ``topic`` (unsupervised, the largest weight),
            ``weight`` (its share of the statement's topic weights).
        crosstab: statements by supervised main topic (rows) and unsupervised topic
            (columns).
        labels: a short name per unsupervised topic (its three top terms).
    """

    method: str
    terms: pd.DataFrame
    assignments: pd.DataFrame
    crosstab: pd.DataFrame
    labels: dict[int, str]


def fit_topics(
    data: Mapping[str, pd.DataFrame],
    *,
    n_topics: int = 8,
    method: Literal["nmf", "lda"] = "nmf",
    top_n: int = 10,
    kinds: tuple[str, ...] = ("problem", "improvement"),
    min_df: int = 2,
    random_state: int = 0,
) -> TopicModel:
    """Fit an unsupervised topic model to the statements and set it against the supervised topics.

    Args:
        data: the corpus tables (``statements`` is used).
        n_topics: number of topics.
        method: ``"nmf"`` (TF-IDF weights, deterministic ``nndsvd`` start) or ``"lda"``
            (term counts, batch learning).
        top_n: terms listed per topic.
        kinds: statement kinds to model.
        min_df: drop terms used by fewer statements.
        random_state: seed of the model.

    Returns:
        The :class:`TopicModel`.

    Raises:
        UsageError: a bad option, or too few statements or terms for ``n_topics``.
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    if method not in ("nmf", "lda"):
        raise UsageError(f"invalid method {method!r}; valid values: nmf, lda")
    if not isinstance(n_topics, int) or n_topics < 2:
        raise UsageError(f"n_topics must be an integer of at least 2, got {n_topics!r}")
    st = data["statements"]
    st = st[st["kind"].isin(list(kinds)) & st["text"].notna()].reset_index(drop=True)
    docs = [statement_tokens(t) for t in st["text"]]
    if len(st) < n_topics:
        raise UsageError(f"{len(st)} statements are too few for {n_topics} topics")
    vec_cls = TfidfVectorizer if method == "nmf" else CountVectorizer
    vec = vec_cls(analyzer=lambda toks: toks, min_df=min(min_df, max(1, len(st) // 2)))
    X = vec.fit_transform(docs)
    vocab = vec.get_feature_names_out()
    if X.shape[1] < n_topics:
        raise UsageError(f"{X.shape[1]} terms are too few for {n_topics} topics")
    if method == "nmf":
        model = NMF(n_components=n_topics, init="nndsvd", random_state=random_state, max_iter=500)
    else:
        model = LatentDirichletAllocation(n_components=n_topics, learning_method="batch",
                                          random_state=random_state, max_iter=50)
    W = model.fit_transform(X)
    H = model.components_
    rows = []
    for k in range(n_topics):
        order = sorted(range(len(vocab)), key=lambda j: (-H[k, j], vocab[j]))[:top_n]
        rows += [{"topic": k, "rank": r, "term": str(vocab[j]), "weight": float(H[k, j])}
                 for r, j in enumerate(order)]
    terms = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight"])
    labels = {k: "·".join(terms[(terms["topic"] == k) & (terms["rank"] < 3)]["term"]) for k in range(n_topics)}
    tot = W.sum(axis=1)
    best = W.argmax(axis=1)
    assign = st[["report_id", "idx", "kind", "main_topic"]].copy()
    assign["topic"] = best
    assign["weight"] = [float(W[i, b] / tot[i]) if tot[i] > 0 else 0.0 for i, b in enumerate(best)]
    assign.loc[tot == 0, "topic"] = -1
    ct = pd.crosstab(assign["main_topic"].fillna("other"), assign["topic"])
    ct = ct.reindex(columns=[c for c in range(-1, n_topics) if c in ct.columns or c >= 0], fill_value=0)
    ct.index.name = "main_topic"
    ct.columns.name = "topic"
    return TopicModel(method=method, terms=terms, assignments=assign, crosstab=ct, labels=labels)
