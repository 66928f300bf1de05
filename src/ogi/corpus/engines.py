"""Engines: where :func:`ogi.corpus.worker.run_batch` runs.

- ``local``: a process pool (``fork`` where it exists), each worker initialised once (jieba, the statement
  model) by :func:`ogi.corpus.worker.init_worker`; one worker runs in the calling process.
- ``dask``: the same function on a ``dask.distributed`` cluster — a scheduler address
  (``tcp://host:8786``) or, without one, a ``LocalCluster`` on loopback.  The workers must
  see the corpus at the same absolute path (a shared file system, as on HPC clusters).

Both keep at most ``2 × workers`` batches in flight, so memory does not grow with the
corpus, and yield each batch's result as it finishes (order does not matter: the final
tables are sorted).  A batch whose worker died yields ``{"lost": items, "reason": …}``.

Example:
    >>> results = run_engine(iter([[("/c/a.txt", "a.txt")]]), engine="local", workers=1)  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Literal

from ogi.corpus.worker import init_worker, run_batch
from ogi.errors import UsageError

__all__ = ["ENGINES", "Engine", "run_engine"]

Engine = Literal["local", "dask"]
#: The engines ``ogi process`` knows.
ENGINES: tuple[str, ...] = ("local", "dask")


def _lost(items: list, exc: BaseException) -> dict:
    return {"lost": items, "reason": f"worker failed: {type(exc).__name__}: {exc}"}


def _local(batches: Iterable[list], *, workers: int, kw: dict, max_memory: int | None = None) -> Iterator[dict]:
    if workers == 1 and not max_memory:  # in this process (a memory limit needs a worker process)
        for items in batches:
            yield run_batch(items, **kw)
        return
    import multiprocessing

    # fork: workers start at once, need no ``if __name__ == "__main__"`` guard in the caller's
    # script and share what the parent already loaded; spawn where fork does not exist.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")

    def pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=init_worker,
                                   initargs=(max_memory, os.getpid()))

    ex = pool()
    pending: dict = {}
    try:
        it: Iterator[Any] = iter(batches)
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * workers:
                try:
                    items = next(it)
                except StopIteration:
                    exhausted = True
                    break
                pending[ex.submit(run_batch, items, **kw)] = items
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for fut in finished:
                items = pending.pop(fut)
                try:
                    res = fut.result()
                except BrokenProcessPool as exc:  # a worker died (killed, out of memory)
                    broken = True
                    res = _lost(items, exc)
                except Exception as exc:  # noqa: BLE001 - the batch failed outside any file (MemoryError)
                    res = _lost(items, exc)
                yield res
            if broken:  # every batch still pending is lost with the pool; start a new one
                for items in pending.values():
                    yield _lost(items, BrokenProcessPool("the process pool broke"))
                pending.clear()
                ex.shutdown(wait=False, cancel_futures=True)
                ex = pool()
    except BaseException:  # Ctrl-C, SIGTERM, a full disk in the caller: stop the workers now
        _stop(ex)
        raise
    finally:
        ex.shutdown(wait=True, cancel_futures=True)


def _stop(ex: ProcessPoolExecutor) -> None:
    """Terminate a pool's workers at once (``shutdown`` alone waits for the running batches)."""
    procs = list((getattr(ex, "_processes", None) or {}).values())  # no public API for this
    ex.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(5)


def _dask(batches: Iterable[list], *, workers: int, scheduler: str | None, kw: dict) -> Iterator[dict]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("the dask engine needs dask.distributed: pip install 'ogi[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        slots = 2 * max(1, sum(client.nthreads().values()) or workers)
        it = iter(batches)
        ac = as_completed()
        items_of: dict = {}

        def submit() -> bool:
            items = next(it, None)
            if items is None:
                return False
            fut = client.submit(run_batch, items, pure=False, **kw)
            items_of[fut.key] = items
            ac.add(fut)
            return True

        for _ in range(slots):
            if not submit():
                break
        for fut in ac:
            items = items_of.pop(fut.key)
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker must not stop the run
                res = _lost(items, exc)
            fut.release()
            yield res
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_engine(batches: Iterable[list], *, engine: Engine = "local", workers: int = 1,
               scheduler: str | None = None, timeout: float | None = None,
               statements: bool = True, max_memory: int | None = None,
               vocabulary: Mapping[str, str | None] | None = None, model: str | None = None) -> Iterator[dict]:
    """Run :func:`~ogi.corpus.worker.run_batch` over ``batches``; yield results as they finish.

    Args:
        batches: Lists of ``(absolute path, relative path)`` pairs.
        engine: ``local`` or ``dask``.
        workers: Worker processes (local; dask without a scheduler).
        scheduler: A Dask scheduler address; a local cluster on loopback when None.
        timeout: Per-file time limit in seconds (local engine).
        statements: Extract and classify statements.
        max_memory: Bytes each worker process may grow by after start-up (local engine; a
            worker process is used even for one worker).  Dask workers have their own
            ``--memory-limit``.
        vocabulary: ``{"userdict": path, "stopwords": path}`` for
            :func:`ogi.nlp.tokenize.use_vocabulary` in every worker (paths the workers can read).
        model: The statement model folder (None: the shipped model).

    Raises:
        UsageError: An unknown engine, or dask not installed.
    """
    kw = {"timeout": timeout, "statements": statements, "vocabulary": vocabulary, "model": model}
    if engine == "local":
        return _local(batches, workers=workers, kw=kw, max_memory=max_memory)
    if engine == "dask":
        return _dask(batches, workers=workers, scheduler=scheduler, kw=kw)
    raise UsageError(f"invalid engine {engine!r}; valid values: {', '.join(ENGINES)}")
