"""Limits that keep one hostile input from exhausting a run: input size and output file names.

A corpus crawled from thousands of websites holds files that are not reports at all: a
100 MB log, a video renamed ``.html``, a DOCX whose XML expands a thousandfold.  ogi
refuses any input larger than a size limit with a :class:`~ogi.errors.ReadError` that
names the file, its size and the limit, before reading it into memory.  The limit is
50 MB unless the environment variable ``OGI_MAX_BYTES`` or a ``max_bytes`` keyword says
otherwise.

Output files named after inputs go through :func:`output_path`, which keeps them inside
the output folder whatever the input name holds (``..``, slashes, 1,000 characters).

Example:
    >>> max_bytes(1000)
    1000
    >>> check_size(2048, "报告.txt", limit=1000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ogi.errors.SizeLimitError: 报告.txt: file too large: 2,048 bytes, over the limit of 1,000 bytes ...)
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ogi.errors import SizeLimitError, UsageError

__all__ = ["DEFAULT_MAX_BYTES", "MAX_BYTES_ENV", "MAX_NAME_BYTES", "check_size", "max_bytes", "parse_size",
           "read_limited",
           "output_path"]

#: Size limit of one input file when neither ``OGI_MAX_BYTES`` nor ``max_bytes=`` is set.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Environment variable holding the size limit in bytes (suffixes k, M, G allowed).
MAX_BYTES_ENV = "OGI_MAX_BYTES"
#: Longest output file name :func:`output_path` writes, in UTF-8 bytes (most file
#: systems allow 255).
MAX_NAME_BYTES = 200

_SIZE_RE = re.compile(r"\s*(\d{1,15})\s*([kmg]i?b?|b)?\s*", re.I)
_UNIT = {"": 1, "b": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
# characters never allowed in an output name: separators, NUL, controls, and the
# characters Windows file systems refuse
_UNSAFE_RE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def parse_size(value: str | int, *, name: str) -> int:
    """A size in bytes from ``4096``, ``"50M"``, ``"4G"``, ``"2 GiB"`` (k, M, G are powers of 1024).

    Raises:
        UsageError: not a number of bytes (the message names ``name``).

    Example:
        >>> parse_size("4G", name="--max-memory")
        4294967296
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise UsageError(f"{name} must be a number of bytes >= 0, got {value}")
        return value
    m = _SIZE_RE.fullmatch(value) if isinstance(value, str) else None
    if not m:
        raise UsageError(f"invalid {name}={value!r}; give a number of bytes, "
                         "optionally with k, M or G (e.g. 50M)")
    return int(m.group(1)) * _UNIT[(m.group(2) or "")[:1].lower()]


def _parse_size(value: str) -> int:
    return parse_size(value, name=MAX_BYTES_ENV)


def max_bytes(value: int | None = None) -> int:
    """The size limit in force: ``value`` when given, else ``OGI_MAX_BYTES``, else 50 MB.

    Args:
        value: an explicit limit in bytes (a ``max_bytes=`` keyword passed down).

    Returns:
        The limit in bytes (at least 1).

    Raises:
        UsageError: ``value`` or ``OGI_MAX_BYTES`` is not a positive number of bytes.

    Example:
        >>> max_bytes(4096)
        4096
    """
    if value is None:
        env = os.environ.get(MAX_BYTES_ENV)
        if env is None or not env.strip():
            return DEFAULT_MAX_BYTES
        limit = _parse_size(env)
    else:
        if isinstance(value, bool) or not isinstance(value, int):
            raise UsageError(f"max_bytes must be a positive integer, got {value!r}")
        limit = value
    if limit < 1:
        raise UsageError(f"the size limit must be a positive number of bytes, got {limit}")
    return limit


def check_size(size: int, path: str | None, *, limit: int | None = None, what: str = "file"
               ) -> None:
    """Raise SizeLimitError (a ReadError) when ``size`` bytes exceed the limit.

    Args:
        size: the size in bytes.
        path: the file named in the error.
        limit: the limit; :func:`max_bytes` when None.
        what: what is too large (``"file"``, ``"DOCX part word/document.xml"`` …).

    Raises:
        SizeLimitError: ``size`` is over the limit; the message names the file, the size and
            the limit.
    """
    limit = max_bytes(limit)
    if size > limit:
        raise SizeLimitError(f"{what} too large: {size:,} bytes, over the limit of {limit:,} bytes "
                        f"(set {MAX_BYTES_ENV} or max_bytes= to raise it)", path=path)


def read_limited(fh, size: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of an open binary file whose size was ``size`` when opened.

    Asks for ``size + 1`` bytes first (``read(limit + 1)`` would allocate the whole limit,
    50 MB by default, for every file); only a file that grew meanwhile is read on, still no
    further than one byte past the limit, so that the caller can tell it is too large.
    """
    data = fh.read(min(size, limit) + 1)
    if len(data) > size and len(data) <= limit:
        data += fh.read(limit + 1 - len(data))
    return data


def _clip_utf8(text: str, n_bytes: int) -> str:
    return text.encode("utf-8")[:n_bytes].decode("utf-8", errors="ignore")


def output_path(out_dir: str | os.PathLike, source: str | os.PathLike, suffix: str) -> Path:
    """Where to write the output of ``source`` inside ``out_dir``; never outside it.

    The name is the source's stem with path separators, NUL and control characters
    replaced by ``_``; a stem that is empty or only dots becomes underscores; a stem too long
    for the file system is cut and given a short hash of the full name, so two long names
    stay two files.

    Args:
        out_dir: the output folder.
        source: the input file (only its last component is used).
        suffix: the output suffix with its dot, e.g. ``".json"``.

    Returns:
        ``out_dir / <safe stem><suffix>``, a direct child of ``out_dir``.

    Raises:
        UsageError: ``suffix`` holds a path separator.

    Example:
        >>> output_path("out", "../../etc/passwd.txt", ".json").as_posix()
        'out/passwd.json'
    """
    if _UNSAFE_RE.search(suffix):
        raise UsageError(f"invalid output suffix {suffix!r}")
    name = os.path.basename(os.fsdecode(source).replace("\\", "/").rstrip("/"))
    # undecodable bytes of a file name (surrogate escapes) cannot be written back as UTF-8
    name = _SURROGATE_RE.sub("_", name)
    stem = _UNSAFE_RE.sub("_", os.path.splitext(name)[0]).strip()
    if not stem.strip("."):
        stem = "_" + stem.replace(".", "_")
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    if len(stem.encode("utf-8")) > room:
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
        stem = _clip_utf8(stem, room - 13) + "-" + digest
    return Path(out_dir) / (stem + suffix)
