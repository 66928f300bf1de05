"""``process``: a corpus folder into the corpus tables (Parquet + DuckDB), in parallel, resumably.

Steps: walk the corpus and hash every file; parse, in batches on an engine, only the
contents the store does not hold yet (a content seen twice is parsed once); write each
batch to the store as it finishes; rebuild the final tables from the store, sorted, with the
cross-year findings; write ``ogi.duckdb`` (views) and ``provenance.json``.

Example:
    >>> ds = process("corpora/sample", "results/corpus", workers=2)  # doctest: +SKIP
    >>> ds.files, ds.failed, ds.exit_code  # doctest: +SKIP
    (9, 0, 0)
    >>> ds.table("reports")[["path", "template"]].head(2)  # doctest: +SKIP
"""

from __future__ import annotations

import errno
import json
import os
import platform
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ogi.corpus.build import DUCKDB_NAME, build_tables, write_duckdb
from ogi.corpus.engines import ENGINES, Engine, run_engine
from ogi.corpus.lock import output_lock
from ogi.corpus.signals import Terminated, exit_status, interruptible
from ogi.corpus.store import PartStore, atomic_write, code_fingerprint
from ogi.corpus.walk import CorpusFile, corpus_hash, hash_file, walk
from ogi.corpus.worker import DEFAULT_TIMEOUT
from ogi.dataset import TABLES
from ogi.errors import DiskFullError, RunInterrupted, UsageError
from ogi.limits import parse_size

__all__ = ["DEFAULT_BATCH_SIZE", "Dataset", "process"]

#: Most files per batch (the unit of scheduling and of the store); smaller batches are used
#: when there are few files per worker, so that the workers finish together.
DEFAULT_BATCH_SIZE = 64
_BATCHES_PER_WORKER = 16

_PACKAGES = ("ogi", "jieba", "scikit-learn", "skops", "spacy", "lxml", "pdfplumber", "python-docx",
             "charset-normalizer", "pandas", "pyarrow", "duckdb", "dask", "distributed")


@dataclass
class Dataset:
    """The result of :func:`process`: where the tables are and what happened.

    Attributes:
        out_dir: The output folder (``<table>.parquet``, ``ogi.duckdb``, ``provenance.json``).
        files: Report files found in the corpus.
        failed: Files that could not be parsed (rows of ``errors``).
        processed: Distinct contents read and parsed in this run (failures included).
        reused: Distinct contents taken from the store (parsed by an earlier run).
        counts: Rows of each table.
        damaged: ``(shard, reason)`` of stored parts found damaged (truncated, altered) and
            parsed again in this run.
    """

    out_dir: Path
    files: int
    failed: int
    processed: int
    reused: int
    counts: dict[str, int] = field(default_factory=dict)
    damaged: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every file was parsed, 2 when some were not (the CLI's exit code)."""
        return 0 if self.failed == 0 else 2

    def table(self, name: str):
        """One table as a pandas DataFrame with the dtypes of :func:`ogi.dataset.frames`.

        Raises:
            UsageError: ``name`` is not a corpus table.
        """
        import pandas as pd

        from ogi.dataset import frames

        if name not in TABLES:
            raise UsageError(f"invalid table {name!r}; valid values: {', '.join(TABLES)}")
        df = pd.read_parquet(self.out_dir / f"{name}.parquet")
        typed = {c: dt for c, dt in frames([])[name].dtypes.items() if str(dt) != "object"}
        return df.astype(typed)

    def connect(self):
        """A read-only DuckDB connection to ``ogi.duckdb`` (one view per table)."""
        import duckdb

        return duckdb.connect(str(self.out_dir / DUCKDB_NAME), read_only=True)


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for pkg in _PACKAGES:
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


def _batches(todo: list[CorpusFile], size: int) -> Iterator[list[tuple[str, str]]]:
    for i in range(0, len(todo), size):
        yield [(f.path, f.rel) for f in todo[i:i + size]]


class _Progress:
    """A rich progress bar on stderr (files, rate, ETA), or nothing."""

    def __init__(self, enabled: bool, total: int, description: str) -> None:
        self.bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TaskProgressColumn(),
                                TextColumn("{task.fields[rate]} files/s"), TimeElapsedColumn(),
                                TextColumn("ETA"), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=False)
            self.bar.start()
            self.task = self.bar.add_task(description, total=total, rate="-")

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)
            speed = self.bar.tasks[0].speed
            self.bar.update(self.task, rate=f"{speed:.1f}" if speed else "-")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _check(workers: int, engine: str, batch_size: int, timeout: float | None) -> None:
    if engine not in ENGINES:
        raise UsageError(f"invalid engine {engine!r}; valid values: {', '.join(ENGINES)}")
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise UsageError(f"workers must be an integer >= 1, got {workers!r}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise UsageError(f"batch_size must be an integer >= 1, got {batch_size!r}")
    if timeout is not None and (not isinstance(timeout, (int, float)) or timeout < 0):
        raise UsageError(f"timeout must be a number of seconds >= 0 (0: no limit), got {timeout!r}")


def _aliases(path: str | os.PathLike | None) -> tuple[dict[str, str] | None, dict | None]:
    """The alias table and its provenance (path, SHA-256), or (None, None)."""
    if path is None:
        return None, None
    import hashlib

    from ogi.corpus.agency import read_aliases

    table = read_aliases(path)
    return table, {"path": Path(path).name, "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(),
                   "names": len(table)}


def _overrides(path: str | os.PathLike | None) -> tuple[tuple[list, str] | None, dict | None]:
    """The overrides and the file's name, and their provenance (name, SHA-256), or (None, None)."""
    if path is None:
        return None, None
    from ogi.corpus.overrides import read_overrides

    rows, sha = read_overrides(path)
    return (rows, str(path)), {"path": Path(path).name, "sha256": sha, "cells": len(rows)}


def _model(model: str | os.PathLike | None) -> dict | None:
    """The statement model to use: loaded (trust-checked) once here; folder, name and SHA-256, or None."""
    if model is None:
        return None
    import hashlib

    from ogi.nlp.models import get, locate

    folder, stem = locate(model)
    get(model)  # a missing, damaged or changed export is an error now, not in every worker
    h = hashlib.sha256()
    for suffix in (".linear.npz", ".json"):
        h.update(hashlib.sha256((folder / f"{stem}{suffix}").read_bytes()).digest())
    return {"path": str((folder / f"{stem}.linear.npz").resolve()), "name": stem, "sha256": h.hexdigest()}


def _vocab_info(vocab: dict[str, str], fp: str) -> dict | None:
    """Provenance of the user dictionary / stop words: name and SHA-256 of each, or None."""
    shas = dict(part.split("=", 1) for part in fp.split(";"))
    return {k: {"name": Path(v).name, "sha256": shas[k]} for k, v in vocab.items()} or None


def process(corpus: str | os.PathLike, out_dir: str | os.PathLike, *, workers: int | None = None,
            engine: Engine = "local", scheduler: str | None = None,
            batch_size: int = DEFAULT_BATCH_SIZE, timeout: float | None = DEFAULT_TIMEOUT,
            statements: bool = True, progress: bool = False, max_memory: int | str | None = None,
            command: list[str] | None = None, aliases: str | os.PathLike | None = None,
            overrides: str | os.PathLike | None = None, userdict: str | os.PathLike | None = None,
            stopwords: str | os.PathLike | None = None, model: str | os.PathLike | None = None,
            wait: float | None = None, follow_symlinks: bool = False) -> Dataset:
    """Parse every report under ``corpus`` into the corpus tables under ``out_dir``.

    Writes ``<table>.parquet`` for the tables of :mod:`ogi.dataset` (reports, sections,
    cells, findings, statements, claims, errors), ``ogi.duckdb`` (a view per table) and
    ``provenance.json`` (package versions, code fingerprint, corpus hash, command line, no
    clock); keeps parsed rows under ``out_dir/.parts`` so that a rerun parses only new or
    changed files and a killed run resumes.  Bad files become rows of ``errors``.

    Args:
        corpus: The corpus folder (walked recursively; ``gold`` folders and README.md skipped).
        out_dir: The output folder; created when missing.
        workers: Worker processes; the number of CPUs when None.
        engine: ``local`` (process pool) or ``dask`` (``dask.distributed``).
        scheduler: Dask scheduler address (``tcp://host:8786``); a local cluster when None.
        batch_size: Most files per batch (fewer when a corpus has fewer than
            ``16 × batch_size`` files per worker, down to 4, to balance the workers).
        timeout: Seconds one file may take (local engine); None or 0 for no limit.
        statements: Extract and classify the statements of section 五.
        progress: Show a rich progress bar on stderr.
        max_memory: Bytes (or ``"4G"``, ``"500M"``) each worker process may grow by after
            start-up; a file needing more is an ``errors`` row (stage ``memory``), retried by
            the next run.  Local engine only; with it, one worker also runs in a worker
            process.  None or 0: no limit.
        command: The command line to record in the provenance (``sys.argv`` when None).
        aliases: A CSV alias table (columns ``name``, ``agency_id``) overriding the agency-id
            rules (:mod:`ogi.corpus.agency`); its SHA-256 goes into the provenance.
        overrides: A CSV or YAML overrides file (:mod:`ogi.corpus.overrides`) settling cells
            when the tables are built; its SHA-256 goes into the provenance.
        userdict: A jieba user dictionary (``term [freq] [pos]`` a line) added to ogi's for
            the statements' words (:func:`ogi.nlp.tokenize.use_vocabulary`); its SHA-256 enters
            the store's fingerprint (a change re-parses) and the provenance.
        stopwords: A stop-word file (one a line) added to ogi's, likewise.
        model: A statement model folder (``ogi train --out DIR``) used instead of the shipped
            model; checked against its card before any work; the SHA-256 of its export and card
            enters the fingerprint (another model re-parses) and the provenance.
        wait: Seconds to wait for another run writing ``out_dir`` to end (None: refuse at once).
        follow_symlinks: Follow symbolic links that lead outside the corpus (links that loop
            are refused either way); by default each one is an ``errors`` row.

    Returns:
        The :class:`Dataset`.

    Raises:
        UsageError: ``corpus`` is not a folder, or an option is out of range.
        OutputBusyError: another run is writing ``out_dir`` (see :mod:`ogi.corpus.lock`).
        RunInterrupted: Ctrl-C or SIGTERM; every batch parsed so far is kept in the store,
            the previous tables are left as they were, and the message says how to resume.
        DiskFullError: the output folder's disk filled up; the previous tables stay readable.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    _check(workers, engine, batch_size, timeout)
    alias_map, alias_info = _aliases(aliases)
    ov, ov_info = _overrides(overrides)
    if max_memory is not None:
        max_memory = parse_size(max_memory, name="max_memory") or None  # 0: no limit
    if engine != "local":
        max_memory = None  # Dask workers have their own memory limit
    from ogi.nlp.tokenize import use_vocabulary

    vocab = {k: str(Path(v).resolve()) for k, v in (("userdict", userdict), ("stopwords", stopwords)) if v is not None}
    vocab_fp = use_vocabulary(**vocab)  # checks the files (a bad one is a usage error) before any work
    model_info = _model(model)
    files = walk(corpus, follow_symlinks=follow_symlinks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cmd = list(command) if command is not None else list(sys.argv)
    run = _Run(out=out, total=0)
    with output_lock(out, command=cmd, wait=wait) as lock, interruptible():
        if lock.took_over:
            print(f"ogi: {out}: took over the lock of a run that ended without releasing it "
                  f"(pid {lock.took_over.get('pid')}, `{' '.join(map(str, lock.took_over.get('command') or []))}`)",
                  file=sys.stderr)
        try:
            return _process(corpus, files, out, run, workers=workers, engine=engine, scheduler=scheduler,
                            batch_size=batch_size, timeout=timeout, statements=statements, progress=progress,
                            max_memory=max_memory, command=cmd,
                            tables_options={"aliases": alias_map, "overrides": ov},
                            fingerprint_extra=((f":{vocab_fp}" if vocab else "")
                                               + (f":model={model_info['sha256']}" if model_info else "")),
                            engine_options={"vocabulary": vocab or None,
                                            "model": model_info["path"] if model_info else None},
                            provenance={"aliases": alias_info, "overrides": ov_info,
                                        "vocabulary": _vocab_info(vocab, vocab_fp),
                                        "model": ({k: v for k, v in model_info.items() if k != "path"}
                                                  if model_info else None)})
        except KeyboardInterrupt as exc:
            raise RunInterrupted(run.interrupted(exc, cmd), path=str(out), exit_code=exit_status(exc)) from None
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                raise
            raise DiskFullError(run.disk_full(exc), path=str(out)) from None


@dataclass
class _Run:
    """What a run has done so far, for the messages of an interrupted or failed run."""

    out: Path
    total: int
    stored: int = 0
    phase: str = "while walking the corpus"
    store: PartStore | None = None
    todo_bytes: int = 0

    def interrupted(self, exc: BaseException, cmd: list[str]) -> str:
        name = "SIGTERM" if isinstance(exc, Terminated) else "Ctrl-C (SIGINT)"
        return (f"interrupted by {name} {self.phase}: {self.stored} of {self.total} contents to parse "
                f"were parsed and are kept in {self.out / '.parts'}; the tables of the last complete run "
                f"(if any) are unchanged. Resume with: {shlex.join(cmd)}")

    def disk_full(self, exc: OSError) -> str:
        parts = self.store.size() if self.store is not None else 0
        per = parts / self.stored if self.stored else 0
        # what is left to store (the parts of the rest, or their input's size when nothing is
        # stored yet) and the final tables (about the size of all parts)
        left = per * (self.total - self.stored) if per else self.todo_bytes
        need = int(left + parts + per * (self.total - self.stored))
        where = f" ({exc.filename})" if exc.filename else ""
        return (f"no space left on the device {self.phase}{where}: about {need / 1e6:,.0f} MB more are "
                f"needed; the tables of the last complete run are unchanged and the {self.stored} contents "
                "parsed so far are kept. Free space (or choose another --out) and rerun the same command")


def _process(corpus: str | os.PathLike, files: list[CorpusFile], out: Path, run: _Run, *, workers: int,
             engine: Engine, scheduler: str | None, batch_size: int, timeout: float | None, statements: bool,
             progress: bool, max_memory: int | None, command: list[str], tables_options: dict,
             fingerprint_extra: str, engine_options: dict, provenance: dict) -> Dataset:
    for stale in [*out.glob(".*.tmp"), *out.glob(".*.tmp.wal")]:  # left by a killed run
        stale.unlink(missing_ok=True)
    fingerprint = code_fingerprint() + f":statements={statements}" + fingerprint_extra
    store = PartStore(out, fingerprint=fingerprint).open()
    run.store = store

    for f in files:
        if not f.error:  # an unreadable format or a link not followed: an errors row as it is
            hash_file(f)
    transient = [{"path": f.rel, "stage": "read", "reason": f.error} for f in files if f.error]
    done = store.done()
    by_rel = {f.rel: f for f in files}
    todo, seen = [], set()
    for f in files:
        if f.sha256 and f.sha256 not in done and f.sha256 not in seen:
            seen.add(f.sha256)
            todo.append(f)
    reused = len({f.sha256 for f in files if f.sha256 and f.sha256 in done})
    run.total, run.phase = len(todo), "while parsing"
    run.todo_bytes = sum(_size(f.path) for f in todo)

    size = max(1, min(batch_size, max(4, -(-len(todo) // (workers * _BATCHES_PER_WORKER)))))
    bar = _Progress(progress, len(todo), f"ogi process ({engine}, {workers} worker{'s' * (workers > 1)})")
    results = None
    try:
        results = run_engine(_batches(todo, size), engine=engine, workers=workers,
                             scheduler=scheduler, timeout=timeout, statements=statements,
                             max_memory=max_memory, **engine_options)
        for res in results:
            if "lost" in res:
                transient.extend({"path": rel, "stage": "worker", "reason": res["reason"]}
                                 for _abs, rel in res["lost"])
                bar.advance(len(res["lost"]))
                continue
            keep = []
            for info in res["files"]:
                f = by_rel[info["path"]]
                if info["sha256"] and info["sha256"] != f.sha256:  # changed since it was hashed
                    f.sha256 = info["sha256"]
                if info["status"] in ("ok", "read", "parse") and info["sha256"]:
                    keep.append(info["sha256"])
            store.write(res["parts"], keep)
            run.stored += len(keep)
            transient.extend(res["transient"])
            bar.advance(len(res["files"]))
    finally:
        if results is not None and hasattr(results, "close"):
            results.close()  # an interrupt: stop the workers now
        bar.close()
    run.phase = "while building the tables (parsing had finished)"
    # a file with the same bytes as a representative that failed transiently shares its fate
    failed_rep = {by_rel[e["path"]].sha256: e for e in transient
                  if e["path"] in by_rel and by_rel[e["path"]].sha256}
    reps = {f.rel for f in todo}
    for f in files:
        if f.sha256 in failed_rep and f.rel not in reps and not f.error:
            transient.append({**failed_rep[f.sha256], "path": f.rel})
    counts = build_tables(store, files, transient=transient, out_dir=out, **tables_options)
    write_duckdb(out)
    prov = {
        "python": platform.python_version(), "packages": _versions(), "code_fingerprint": fingerprint,
        "command": command,
        "corpus": {"path": str(corpus), "files": len(files), "sha256": corpus_hash(files)},
        "options": {"engine": engine, "workers": workers, "batch_size": batch_size,
                    "timeout": timeout, "statements": statements, "max_memory": max_memory,
                    **provenance},
        "tables": {t: {"file": f"{t}.parquet", "rows": counts[t]} for t in TABLES},
        "duckdb": DUCKDB_NAME,
    }
    atomic_write(out / "provenance.json",
                 (json.dumps(prov, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return Dataset(out_dir=out, files=len(files), failed=counts["errors"], processed=len(todo),
                   reused=reused, counts=counts, damaged=store.damaged)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
