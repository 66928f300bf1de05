"""Finding the reports of a corpus folder and hashing them.

Every file under the folder whose suffix is a report format (txt, md, html, htm, pdf, docx
…) is a report, except ``README.md`` files, hidden files and folders, and anything inside a
``gold`` folder (annotations, not reports).  Paths are kept relative to the corpus, with
``/`` separators, and sorted, so that every run sees the same order.

Example:
    >>> [f.rel for f in walk("corpora/sample")][:2]  # doctest: +SKIP
    ['seed-2024-masked.txt', 'synth-2019-flat-2027.txt']
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ogi.read import REPORT_SUFFIXES
from ogi.errors import UsageError

__all__ = ["CorpusFile", "corpus_hash", "hash_file", "walk"]


@dataclass
class CorpusFile:
    """One report file of a corpus.

    Attributes:
        path: Absolute path.
        rel: Path relative to the corpus folder (``/``-separated).
        sha256: Content hash, or None when the file could not be read.
        error: Why it could not be read (None when it could).
    """

    path: str
    rel: str
    sha256: str | None = None
    error: str | None = None


def walk(corpus: str | os.PathLike) -> list[CorpusFile]:
    """The report files under ``corpus``, sorted by relative path (not hashed yet).

    Raises:
        UsageError: ``corpus`` is not a folder.
    """
    root = Path(corpus).resolve()
    if not root.is_dir():
        raise UsageError(f"corpus folder not found: {corpus}")
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "gold"]
        for name in filenames:
            if name.startswith(".") or name.lower() == "readme.md":
                continue
            if os.path.splitext(name)[1].lower() not in REPORT_SUFFIXES:
                continue
            p = Path(dirpath) / name
            out.append(CorpusFile(str(p), p.relative_to(root).as_posix()))
    out.sort(key=lambda f: f.rel)
    return out


def hash_file(f: CorpusFile) -> CorpusFile:
    """Fill ``f.sha256`` (or ``f.error`` when the file cannot be read); returns ``f``."""
    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(f.path).st_mode):
            # a FIFO or a device would block the read: an error row, not a hang
            f.error = "not a regular file (FIFO, socket or device)"
            return f
        with open(f.path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        f.error = f"cannot read file: {exc.strerror or exc}"
        return f
    f.sha256 = h.hexdigest()
    return f


def corpus_hash(files: list[CorpusFile]) -> str:
    """SHA-256 over the sorted ``relative path, content hash`` lines: the corpus's identity."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.rel):
        h.update(f"{f.rel}\t{f.sha256 or '-'}\n".encode())
    return h.hexdigest()
