"""Finding the reports of a corpus folder and hashing them.

Every file under the folder whose suffix is a report format (txt, md, html, htm, pdf, docx
…) is a report, except ``README.md`` files, hidden files and folders, and anything inside a
``gold`` folder (annotations, not reports).  Files of formats ogi cannot read (``.doc``,
``.xls``, ``.wps``, ``.et``, images, archives …) and symbolic links that lead outside the
corpus are listed with the reason, so that they become ``errors`` rows instead of vanishing.
Paths are kept relative to the corpus, with ``/`` separators, and sorted, so that every run
sees the same order.

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

from ogi.errors import UsageError
from ogi.read import REPORT_SUFFIXES

__all__ = ["UNREADABLE_SUFFIXES", "CorpusFile", "corpus_hash", "hash_file", "walk"]


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


#: File endings found in crawled corpora that ogi cannot read: each such file is an ``errors``
#: row saying why (never silently left out), so the summary counts it.
UNREADABLE_SUFFIXES: dict[str, str] = {
    **dict.fromkeys((".doc", ".wps", ".dot"), "legacy Word binary format: convert to .docx or PDF"),
    **dict.fromkeys((".xls", ".et", ".xlsx"), "a spreadsheet, not a report: ogi reads reports "
                                              "(txt, md, html, pdf, docx)"),
    **dict.fromkeys((".ppt", ".pptx", ".dps"), "a presentation, not a report"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"),
                    "an image: ogi does not run OCR; convert to a PDF with a text layer"),
    **dict.fromkeys((".zip", ".rar", ".7z", ".gz", ".tar"), "an archive: unpack it into the corpus folder"),
    ".ofd": "OFD format: convert to PDF",
    ".rtf": "RTF format: convert to .docx or PDF",
}


def _rel(p: Path, root: Path) -> str:
    """The path relative to the corpus as text that any table can hold.

    A name that is not UTF-8 (bytes the file system returns as surrogates) keeps its bytes
    as ``\\xNN`` escapes: readable, unique and storable; the file is still read by its real path.
    """
    rel = p.relative_to(root).as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def walk(corpus: str | os.PathLike, *, follow_symlinks: bool = False) -> list[CorpusFile]:
    """The files under ``corpus``, sorted by relative path (not hashed yet).

    Report files (:data:`ogi.read.REPORT_SUFFIXES`) are read; files of the formats of
    :data:`UNREADABLE_SUFFIXES` come with ``error`` set (an ``errors`` row); other files are
    not part of a corpus.  A symbolic link that leads outside the corpus is not followed
    (``error`` says so) unless ``follow_symlinks``; a folder link that loops back into a
    folder being walked is never followed.

    Raises:
        UsageError: ``corpus`` is not a folder.
    """
    root = Path(corpus).resolve()
    if not root.is_dir():
        raise UsageError(f"corpus folder not found: {corpus}")
    sroot = str(root)
    out: list[CorpusFile] = []

    def skipped(p: Path, reason: str) -> None:
        out.append(CorpusFile(str(p), _rel(p, root), error=reason))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
        here = Path(dirpath)
        keep = []
        for d in dirnames:
            if d.startswith(".") or d == "gold":
                continue
            p = here / d
            if p.is_symlink():
                target = os.path.realpath(p)
                if _inside(sroot, target) or _inside(os.path.realpath(here), target):
                    skipped(p, "symbolic link that loops back to a folder above it: not followed")
                    continue
                if not _inside(target, sroot) and not follow_symlinks:
                    skipped(p, "symbolic link to a folder outside the corpus: not followed "
                               "(--follow-symlinks to follow it)")
                    continue
                if not follow_symlinks:
                    continue  # a link to a folder inside the corpus: walked there already
            keep.append(d)
        dirnames[:] = keep
        for name in filenames:
            if name.startswith(".") or name.lower() == "readme.md":
                continue
            suffix = os.path.splitext(name)[1].lower()
            p = here / name
            if suffix not in REPORT_SUFFIXES:
                if suffix in UNREADABLE_SUFFIXES:
                    skipped(p, f"cannot read {suffix} files: {UNREADABLE_SUFFIXES[suffix]}")
                continue
            if p.is_symlink() and not follow_symlinks:
                target = os.path.realpath(p)
                if not os.path.exists(target):
                    skipped(p, "symbolic link to a file that does not exist (or a link loop)")
                    continue
                if not _inside(target, sroot):
                    skipped(p, "symbolic link to a file outside the corpus: not followed "
                               "(--follow-symlinks to follow it)")
                    continue
            out.append(CorpusFile(str(p), _rel(p, root)))
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
