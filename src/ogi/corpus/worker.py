"""The per-document function and the batch function every engine runs.

:func:`process_file` reads one file's bytes once, hashes them, reads and parses the report
(statements included) and returns the rows of every corpus table, or one ``errors`` row
naming the stage (``read``, ``parse``, ``timeout`` or ``memory``) and the reason.  :func:`run_batch`
runs it over a list of files and returns the rows as Parquet bytes, one blob per table, so
that an engine only moves bytes and the coordinator only writes them.

Initialisation (jieba's dictionary, the statement classifier) happens once per process, in
:func:`initialize`: the local engine's pool runs it in each worker (:func:`init_worker`) and
every batch calls it (a no-op after the first time).

Example:
    >>> out = process_file("corpora/sample/seed-2024-masked.txt", "seed-2024-masked.txt")  # doctest: +SKIP
    >>> out.status, len(out.rows["reports"])  # doctest: +SKIP
    ('ok', 1)
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from ogi.dataset import TABLES
from ogi.errors import SizeLimitError
from ogi.limits import check_size, max_bytes, read_limited

__all__ = ["DEFAULT_TIMEOUT", "FileResult", "init_worker", "initialize", "limit_memory", "process_file",
           "run_batch"]

#: Seconds one file may take in a worker process before it is given up (stage ``timeout``).
DEFAULT_TIMEOUT = 120.0

_initialized = False
_memory_limit: int | None = None  # bytes a pool worker may grow by (init_worker's max_memory)



@dataclass
class FileResult:
    """What :func:`process_file` returns for one file.

    Attributes:
        path: The path as given (relative to the corpus).
        sha256: SHA-256 of the bytes read, or None when the file could not be read.
        status: ``ok``, ``read``, ``parse``, ``timeout``, ``memory`` or ``size`` (the stage
            that failed; the last three depend on the run's limits, so they are not kept in
            the store; ``size`` is reported with stage ``read``).
        rows: Rows of every table but ``errors`` (empty unless ``ok``).
        error: The ``errors`` row (path, stage, reason) unless ``ok``.
    """

    path: str
    sha256: str | None
    status: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    error: dict | None = None

    @property
    def cacheable(self) -> bool:
        """True when the outcome depends on the bytes only (ok, or a read/parse failure of them)."""
        return self.sha256 is not None and self.status in ("ok", "read", "parse")


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # pragma: no cover - called by the signal machinery
    raise _Timeout()


def initialize(*, single_thread: bool = False) -> None:
    """Prepare this process once: :func:`ogi.initialize` (jieba, dictionaries, statement model).

    Args:
        single_thread: Also limit BLAS/OpenMP pools to one thread — for worker processes of
            a pool, which parallelise by process (nested threads would only compete for the
            same cores); not for the caller's own process.
    """
    global _initialized
    if single_thread:
        try:
            from threadpoolctl import threadpool_limits

            threadpool_limits(1)
        except ImportError:  # pragma: no cover - installed with scikit-learn
            pass
    if _initialized:
        return
    from ogi.nlp.loading import initialize as load_once  # what ogi.initialize() is

    load_once()
    _initialized = True


def _die_with_parent(parent: int | None) -> None:
    """Have the kernel kill this worker when the process that started it dies (Linux).

    A coordinator killed with ``kill -9`` cannot stop its pool; without this its workers
    would wait for work forever.  Elsewhere (no ``prctl``) nothing changes.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def init_worker(max_memory: int | None = None, parent: int | None = None) -> None:
    """Initializer of a pool's worker process: :func:`initialize` with one BLAS thread.

    Then everything loaded so far (jieba's dictionary, the model, the modules, all kept for
    the life of the worker) is frozen out of the garbage collector's sight: its collections
    stay short.  With ``max_memory``, the worker may grow by at most that many bytes
    (:func:`limit_memory`).  Only in pool workers: a caller's own process keeps its
    collector and its limits as they are.  The worker dies with ``parent`` (the pid of the
    process that started the pool), however that one ends.
    """
    import gc
    import signal

    # Ctrl-C reaches the whole process group: the parent alone handles it and stops the
    # workers, so no worker dies half-way through writing a batch's result
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    initialize(single_thread=True)
    import pyarrow.parquet  # noqa: F401 - loaded before the limit, used for every batch

    from ogi.corpus.schema import part_schema

    for t in TABLES:
        part_schema(t)
    gc.collect()
    gc.freeze()
    if max_memory:
        limit_memory(max_memory)


def limit_memory(extra: int) -> int | None:
    """Let this process's address space grow by at most ``extra`` bytes from now (RLIMIT_AS).

    An allocation past it raises MemoryError, which :func:`process_file` turns into an
    ``errors`` row (stage ``memory``) instead of letting one pathological file (a PDF whose
    streams inflate without end, say) take the machine's memory.  Where the current size
    or the limit cannot be read or set (not Linux), nothing is limited.

    Returns:
        The limit in bytes, or None when none was set.
    """
    global _memory_limit
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = size + int(extra)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        return None
    _memory_limit = int(extra)
    return cap


def _reason(exc: BaseException) -> str:
    from ogi.errors import OgiError

    if isinstance(exc, OgiError):
        return exc.reason
    return f"internal error: {type(exc).__name__}: {exc}"


def process_file(path: str | os.PathLike, rel: str, *, timeout: float | None = DEFAULT_TIMEOUT,
                 statements: bool = True, model: str | None = None) -> FileResult:
    """Read, hash and parse one file into rows of the corpus tables.

    Never raises for a bad file: a failure is a :class:`FileResult` whose ``error`` is the
    ``errors`` row.  The time limit works where POSIX interval timers do (the main thread
    of a process: the local engine's workers, a one-worker run); elsewhere (Dask threads)
    there is none.

    Args:
        path: The file to read.
        rel: The path stored in the tables (relative to the corpus).
        timeout: Seconds allowed for reading and parsing; None or 0 for no limit.
        statements: Extract and classify the statements of section 五.
        model: The statement model folder (None: the shipped model).

    Returns:
        The :class:`FileResult`.
    """
    from ogi.corpus.docmeta import bytes_meta
    from ogi.dataset import record_rows
    from ogi.parse import parse_document
    from ogi.read import read_bytes

    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            limit = max_bytes()
            try:
                check_size(size, rel, limit=limit)  # before reading: a huge file is never held
            except SizeLimitError as exc:
                return FileResult(rel, None, "size", error={"path": rel, "stage": "read", "reason": exc.reason})
            data = read_limited(fh, size, limit)
    except OSError as exc:
        return FileResult(rel, None, "read", error={"path": rel, "stage": "read",
                                                     "reason": f"cannot read file: {exc.strerror or exc}"})
    sha = hashlib.sha256(data).hexdigest()
    armed = bool(timeout) and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    stage = "read"
    old = None
    try:
        if armed and timeout:  # armed only with a timeout (this also narrows its type)
            old = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, float(timeout))
        doc = read_bytes(data, name=rel)
        stage = "parse"
        rec = parse_document(doc, statements=statements, model=model).to_dict()
        rec.setdefault("source", {})["sha256"] = sha
        rows = record_rows(rec, path=rel)
        rows["reports"][0].update(bytes_meta(data, rel))  # 发布时间/原文链接 of the file's head
    except _Timeout:
        return FileResult(rel, sha, "timeout", error={"path": rel, "stage": "timeout",
                                                      "reason": f"gave up after {timeout:g} s ({stage} stage)"})
    except SizeLimitError as exc:  # the limit, not only the file, decides: not kept in the store
        return FileResult(rel, sha, "size", error={"path": rel, "stage": "read", "reason": exc.reason})
    except MemoryError:
        room = f"the worker's limit of {_memory_limit / 2**30:.3g} GiB" if _memory_limit else "the memory available"
        return FileResult(rel, sha, "memory", error={"path": rel, "stage": "memory",
                                                     "reason": f"needs more memory than {room} ({stage} stage)"})
    except Exception as exc:  # noqa: BLE001 - a bad file must never stop a run; the row names it
        return FileResult(rel, sha, stage, error={"path": rel, "stage": stage, "reason": _reason(exc)})
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old if old is not None else signal.SIG_DFL)
    return FileResult(rel, sha, "ok", rows=rows)


def _parquet(table: str, rows: list[dict], seq: list[int]) -> bytes:
    """The rows of a table as Parquet bytes, with ``_seq`` (each row's order in its report).

    Built column by column (``pa.array`` per column is about twice as fast as
    ``Table.from_pylist`` over the row dicts).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ogi.corpus.schema import part_schema

    sch = part_schema(table)
    cols = {name: pa.array(seq if name == "_seq" else [r.get(name) for r in rows], type=sch.field(name).type)
            for name in sch.names}
    buf = io.BytesIO()
    pq.write_table(pa.table(cols, schema=sch), buf, compression="zstd")
    return buf.getvalue()


def run_batch(items: list[tuple[str, str]], *, timeout: float | None = DEFAULT_TIMEOUT,
              statements: bool = True, vocabulary: Mapping[str, str | None] | None = None,
              model: str | None = None) -> dict:
    """Process a batch of files; the unit of work every engine schedules.

    Args:
        items: ``(absolute path, relative path)`` pairs.
        timeout: Per-file time limit in seconds (see :func:`process_file`).
        statements: Extract and classify statements.
        vocabulary: the user dictionary and stop words (``userdict``, ``stopwords`` paths) for
            :func:`ogi.nlp.tokenize.use_vocabulary`; None for the shipped ones only.
        model: The statement model folder (None: the shipped model).

    Returns:
        ``{"parts": {table: parquet bytes}, "files": [{"path", "sha256", "status"}],
        "transient": [errors rows]}``: ``parts`` hold the rows of the files whose outcome
        depends on their bytes only (kept in the store, keyed by hash); ``transient`` the
        errors that may not recur (unreadable file, time limit), reported for this run only.
    """
    from ogi.nlp.tokenize import use_vocabulary

    initialize()
    use_vocabulary(**(vocabulary or {}))
    tables: dict[str, list[dict]] = {t: [] for t in TABLES}
    seqs: dict[str, list[int]] = {t: [] for t in TABLES}
    files, transient = [], []
    seen: set[str] = set()
    for abspath, rel in items:
        res = process_file(abspath, rel, timeout=timeout, statements=statements, model=model)
        files.append({"path": rel, "sha256": res.sha256, "status": res.status})
        sha = res.sha256
        if sha is None or not res.cacheable:  # a cacheable result always has its hash
            transient.append(res.error)
            continue
        if sha in seen:
            continue
        seen.add(sha)
        if res.error is not None:
            tables["errors"].append({**res.error, "_sha": sha})
            seqs["errors"].append(0)
            continue
        for t, rows in res.rows.items():
            tables[t].extend(rows)
            seqs[t].extend(range(len(rows)))
    return {"parts": {t: _parquet(t, rows, seqs[t]) for t, rows in tables.items()}, "files": files,
            "transient": transient}
