"""Pairing of problems with the improvements that answer them (shared/spec/statements.md).

A problem and an improvement are paired when the improvement answers the problem: same main
topic, or the improvement names the problem (shared topics or shared content words).  Reports
usually list the measures in the order of the problems, so among candidates of equal strength
the one at the same rank wins.  Each statement is paired at most once; problems with no
answering measure, and measures that answer no stated problem, stay unpaired (None).

Example:
    >>> recs = [{"text": "一是解读形式单一。", "kind": "problem", "topics": ["interpretation"]},
    ...         {"text": "一是丰富解读形式。", "kind": "improvement", "topics": ["interpretation"]}]
    >>> pair_statements(recs)
    {0: 1, 1: 0}
"""

from __future__ import annotations

__all__ = ["pair_statements", "pair_score"]

_MIN_SCORE = 1.0


def _content_words(text: str, tokens: list[str] | None = None) -> set[str]:
    """Content words of a statement: its tokens (cut here unless given) less stop words."""
    from ogi.nlp.tokenize import is_punct, stopwords, tokenize

    if tokens is None:
        return {t for t in tokenize(text, stopwords=True) if len(t) >= 2}
    stop = stopwords()
    return {t for t in tokens if len(t) >= 2 and t not in stop and not is_punct(t)}


def pair_score(problem: dict, improvement: dict, *, rank_gap: int = 0,
               words: tuple[set[str], set[str]] | None = None) -> float:
    """How strongly an improvement answers a problem (0 = not at all).

    Same main topic counts 2, each further shared topic 0.5, each shared content word 0.25
    (at most 1), and being at the same rank in their lists adds 0.3.
    """
    pt, it = problem.get("topics") or [], improvement.get("topics") or []
    score = 0.0
    if pt and it and pt[0] == it[0]:
        score += 2.0
    elif pt and it and pt[0] in it[1:]:
        score += 1.0
    elif pt and it and it[0] in pt[1:]:
        score += 1.0
    score += 0.5 * len(set(pt[1:]) & set(it[1:]))
    pw, iw = words if words is not None else (_content_words(problem["text"]), _content_words(improvement["text"]))
    score += min(0.25 * len(pw & iw), 1.0)
    if score > 0 and rank_gap == 0:
        score += 0.3
    return score


def pair_statements(records: list[dict]) -> dict[int, int]:
    """Pair problems with improvements, best pairs first, one to one.

    Args:
        records: statements with ``text``, ``kind`` and ``topics`` (main first), in text order;
            ``tokens``, when present, saves cutting the text again.

    Returns:
        A symmetric mapping ``{problem_index: improvement_index, improvement_index: problem_index}``.
    """
    probs = [i for i, r in enumerate(records) if r.get("kind") == "problem"]
    imps = [i for i, r in enumerate(records) if r.get("kind") == "improvement"]
    if not probs or not imps:
        return {}
    words = {i: _content_words(records[i]["text"], records[i].get("tokens")) for i in probs + imps}
    cands = []
    for a, p in enumerate(probs):
        for b, m in enumerate(imps):
            s = pair_score(records[p], records[m], rank_gap=abs(a - b), words=(words[p], words[m]))
            if s >= _MIN_SCORE:
                cands.append((-s, abs(a - b), p, m))
    cands.sort()
    out: dict[int, int] = {}
    for _, _, p, m in cands:
        if p in out or m in out:
            continue
        out[p] = m
        out[m] = p
    return dict(sorted(out.items()))
