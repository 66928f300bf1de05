"""Chinese word segmentation with jieba and ogi's open-government dictionary, loaded once per process.

The module keeps one private :class:`jieba.Tokenizer` (not jieba's global one, so other
libraries' jieba state is left alone) with the user dictionary ``userdict-v1`` from
``ogi/resources/nlp``.  It is built lazily on the first call, under a lock, and reused by
every later call in the process; worker processes build their own copy on first use.
:func:`use_vocabulary` adds a researcher's own dictionary and stop words (``ogi process
--userdict FILE --stopwords FILE``) to the shipped ones for the rest of the process.

Example:
    >>> from ogi.nlp.tokenize import tokenize
    >>> tokenize("依申请公开答复质量有待提升")
    ['依申请公开答复', '质量', '有待', '提升']
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Literal

from ogi.errors import UsageError
from ogi.paths import RESOURCES_DIR

__all__ = [
    "DICTIONARY_NAME",
    "STOPWORDS_NAME",
    "NLP_RESOURCES_DIR",
    "tokenize",
    "pos_tag",
    "get_tokenizer",
    "get_pos_tokenizer",
    "user_terms",
    "stopwords",
    "is_punct",
    "use_vocabulary",
]

#: Folder of the NLP resources (dictionary, stop words, labels, models).
NLP_RESOURCES_DIR: Path = RESOURCES_DIR / "nlp"
#: Name (with version) of the user dictionary; a new version is a new file.
DICTIONARY_NAME = "userdict-v1"
#: Name (with version) of the stop-word list.
STOPWORDS_NAME = "stopwords-v1"

_MODES = ("precise", "search")
_lock = threading.RLock()
_tokenizer = None
_pos_tokenizer = None
# punctuation, symbols and white space (a token made only of these is dropped with stopwords=True)
_PUNCT_RE = re.compile(r"^[\s\W_]+$", re.UNICODE)
# the researcher's own entries (use_vocabulary): (term, freq, pos) and stop words
_user_terms: tuple[tuple[str, int | None, str | None], ...] = ()
_user_stop: frozenset[str] = frozenset()
_vocabulary: tuple[str, str] = ("", "")


def _read_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@functools.cache
def user_terms(name: str = DICTIONARY_NAME) -> tuple[tuple[str, int | None, str | None], ...]:
    """The entries of a user dictionary as ``(term, freq, pos)``; ``freq`` is None when unset.

    Args:
        name: dictionary name with its version suffix (a file ``NAME.txt`` in the resources).

    Returns:
        The entries in file order.

    Example:
        >>> ("依申请公开", None, "vn") in user_terms()
        True
    """
    path = NLP_RESOURCES_DIR / f"{name}.txt"
    if not path.is_file():
        raise UsageError(f"unknown dictionary {name!r}: no file {path.name} in {NLP_RESOURCES_DIR}")
    return _entries_of(_read_lines(path))


def _entries_of(lines: list[str]) -> tuple[tuple[str, int | None, str | None], ...]:
    entries = []
    for line in lines:
        parts = line.split()
        term, freq, pos = parts[0], None, None
        for extra in parts[1:]:
            if extra.isdigit():
                freq = int(extra)
            else:
                pos = extra
        entries.append((term, freq, pos))
    return tuple(entries)


@functools.cache
def stopwords(name: str = STOPWORDS_NAME) -> frozenset[str]:
    """The stop-word list (function words and report boilerplate), with the user's (:func:`use_vocabulary`).

    Example:
        >>> "的" in stopwords()
        True
    """
    path = NLP_RESOURCES_DIR / f"{name}.txt"
    if not path.is_file():
        raise UsageError(f"unknown stop-word list {name!r}: no file {path.name} in {NLP_RESOURCES_DIR}")
    return frozenset(_read_lines(path)) | _user_stop


_stopwords = stopwords  # for use_vocabulary, whose parameter has the same name


def _read_user_file(path: str | os.PathLike, what: str) -> tuple[list[str], str]:
    p = Path(path)
    try:
        data = p.read_bytes()
        lines = _read_lines(p)
    except (OSError, UnicodeDecodeError) as exc:
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else (exc.strerror or str(exc))
        raise UsageError(f"cannot read the {what}: {reason}", path=str(p)) from exc
    if not lines:
        raise UsageError(f"the {what} has no entries (one a line; # starts a comment)", path=str(p))
    return lines, hashlib.sha256(data).hexdigest()


def use_vocabulary(*, userdict: str | os.PathLike | None = None,
                   stopwords: str | os.PathLike | None = None) -> str:
    """Add a user dictionary and stop words to the shipped ones, for the rest of the process.

    The dictionary has jieba's format (``term [freq] [pos]`` a line); the stop words one a
    line; ``#`` starts a comment.  A call replaces the previous user files (None: none).

    Args:
        userdict: the user dictionary file, or None.
        stopwords: the stop-word file, or None.

    Returns:
        A fingerprint of the two files (``userdict=<sha256>;stopwords=<sha256>``, empty parts
        for no file) to put in a store's fingerprint and in provenance.

    Raises:
        UsageError: a file cannot be read or has no entries.
    """
    global _user_terms, _user_stop, _vocabulary, _tokenizer, _pos_tokenizer
    terms, dsha = _read_user_file(userdict, "user dictionary") if userdict is not None else ([], "")
    stop, ssha = _read_user_file(stopwords, "stop-word list") if stopwords is not None else ([], "")
    with _lock:
        if (dsha, ssha) != _vocabulary:
            _user_terms = _entries_of(terms)
            _user_stop = frozenset(stop)
            _vocabulary = (dsha, ssha)
            _tokenizer = _pos_tokenizer = None  # rebuilt with the new entries on next use
            _stopwords.cache_clear()
    return f"userdict={dsha};stopwords={ssha}"


def get_tokenizer():
    """The process-wide jieba ``Tokenizer`` with ogi's user dictionary (built on first call).

    Returns:
        An initialised :class:`jieba.Tokenizer`; safe to call ``cut`` on from several threads.
    """
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(60)  # no "Building prefix dict" chatter on stderr
                tok = jieba.Tokenizer()
                if not _load_cached_dictionary(tok):
                    tok.initialize()  # builds the prefix dictionary and jieba's cache file
                for term, freq, pos in (*user_terms(), *_user_terms):
                    tok.add_word(term, freq, pos)
                _tokenizer = tok
    return _tokenizer


def _load_cached_dictionary(tok) -> bool:
    """Fill ``tok`` from jieba's cache of its default dictionary, if there is one.

    What ``Tokenizer.initialize`` does, reading the file in one piece: jieba unmarshals it
    from the open file, which reads it piecemeal and takes about four times as long (0.55 s
    instead of 0.15 s on every process start).  False when the cache is missing or not what
    jieba would have read: ``initialize`` then does it (and writes the cache).
    """
    import marshal
    import tempfile

    import jieba

    try:
        if tok.initialized or tok.cache_file or tok.dictionary != jieba.DEFAULT_DICT:
            return False
        cache = Path(tok.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
        freq, total = marshal.loads(cache.read_bytes())
    except (AttributeError, OSError, ValueError, EOFError, TypeError):
        return False
    if not isinstance(freq, dict) or not freq or not isinstance(total, (int, float)):
        return False
    with tok.lock:
        tok.FREQ, tok.total = freq, total
        tok.initialized = True
    return True


def get_pos_tokenizer():
    """The process-wide ``jieba.posseg.POSTokenizer`` sharing :func:`get_tokenizer`'s dictionary."""
    global _pos_tokenizer
    if _pos_tokenizer is None:
        with _lock:
            if _pos_tokenizer is None:
                import jieba.posseg

                _pos_tokenizer = jieba.posseg.POSTokenizer(get_tokenizer())
    return _pos_tokenizer


def is_punct(token: str) -> bool:
    """True for a token made only of punctuation, symbols or white space.

    Example:
        >>> is_punct("，"), is_punct("公开")
        (True, False)
    """
    return bool(_PUNCT_RE.match(token))


def tokenize(
    text: str,
    *,
    mode: Literal["precise", "search"] = "precise",
    stopwords: bool = False,
) -> list[str]:
    """Cut Chinese text into words with jieba and the open-government dictionary.

    Args:
        text: the text to cut.
        mode: ``"precise"`` (jieba's default mode: the tokens concatenate back to the text,
            minus white space) or ``"search"`` (long words are also emitted as their shorter
            parts, for indexing).
        stopwords: when True, drop stop words, punctuation and symbols.

    Returns:
        The tokens in text order; white-space-only tokens are never returned.

    Raises:
        UsageError: for an unknown ``mode``.

    Example:
        >>> tokenize("政务新媒体互动性不足")
        ['政务新媒体', '互动性', '不足']
        >>> tokenize("加强政策解读工作", stopwords=True)
        ['加强', '政策解读', '工作']
    """
    if mode not in _MODES:
        raise UsageError(f"mode must be one of {', '.join(_MODES)}, not {mode!r}")
    if not isinstance(text, str):
        raise UsageError(f"text must be str, not {type(text).__name__}")
    tok = get_tokenizer()
    words = tok.cut_for_search(text) if mode == "search" else tok.cut(text)
    if stopwords:
        stop = _stopword_set()
        return [w for w in words if w.strip() and w not in stop and not is_punct(w)]
    return [w for w in words if w.strip()]


def _stopword_set() -> frozenset[str]:
    return stopwords()


def pos_tag(text: str) -> list[tuple[str, str]]:
    """Words with their part of speech (jieba's ICTCLAS-style tags; user terms keep their tag).

    Args:
        text: the text to tag.

    Returns:
        ``(word, tag)`` pairs in text order, white-space-only tokens left out.

    Example:
        >>> pos_tag("完善保密审查机制")
        [('完善', 'v'), ('保密审查机制', 'n')]
    """
    if not isinstance(text, str):
        raise UsageError(f"text must be str, not {type(text).__name__}")
    return [(p.word, p.flag) for p in get_pos_tokenizer().cut(text) if p.word.strip()]
