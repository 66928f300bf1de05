"""Ctrl-C and SIGTERM during a corpus run: raised where the run can stop cleanly, held where it cannot.

- :func:`interruptible`: while a run lasts, SIGTERM is raised in the main thread as
  :class:`Terminated` (a ``KeyboardInterrupt``, as Ctrl-C's SIGINT is), so the one ``except
  KeyboardInterrupt`` of the run stops the workers, keeps what is stored and says how to
  resume.
- :func:`signals_deferred`: a few renames that must happen together (the final tables moved
  into place) run with both signals held; one that arrived meanwhile is raised after.

Outside the main thread (a notebook's worker thread, a web server) signals cannot be
handled there: both context managers then do nothing.

Example:
    >>> with signals_deferred():
    ...     pass
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["Terminated", "exit_status", "interruptible", "signals_deferred"]


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C's KeyboardInterrupt."""


def exit_status(exc: BaseException) -> int:
    """The shell's status for a run stopped by ``exc``: 143 for SIGTERM, 130 for SIGINT."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated()


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM raised as :class:`Terminated` for the ``with`` block (main thread only)."""
    if not _main_thread():
        yield
        return
    old = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the ``with`` block; raise the first that came, after it."""
    if not _main_thread():
        yield
        return
    got: list[int] = []

    def hold(signum: int, frame: Any) -> None:
        got.append(signum)

    old = {s: signal.signal(s, hold) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
    if got:
        raise Terminated() if got[0] == signal.SIGTERM else KeyboardInterrupt()
