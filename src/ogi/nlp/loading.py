"""Everything the pipeline loads once per process, loaded at once: :func:`initialize`.

Build, load, run: each resource is also loaded lazily by its first user (jieba's dictionary
by the first tokenisation, the statement model by the first classification); ``initialize``
loads them all up front, so that no report pays for them — what worker processes do first.
It is :func:`ogi.initialize`.

Example:
    >>> initialize()
    >>> initialize()  # a flag check
"""

from __future__ import annotations

import threading

from ogi.nlp import models
from ogi.nlp.tokenize import get_tokenizer, stopwords

__all__ = ["initialize"]

_lock = threading.Lock()
_done = False


def initialize() -> None:
    """Load jieba with ogi's domain dictionary, the stop words and the shipped statement model.

    jieba's dictionary with the open-government user dictionary (0.2–0.6 s), the stop-word
    list and the statement model (its export, checked against its card): once per process.
    Idempotent and thread-safe; a repeated call costs a flag check.

    Raises:
        OgiError: the statement model's files are missing or fail their checks.
    """
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        get_tokenizer()
        stopwords()
        models.get(models.DEFAULT_MODEL)
        _done = True
