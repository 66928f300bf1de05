"""One writer per output folder: an advisory lock file ``OUT/.ogi.lock``.

``ogi process``, ``ogi figures`` and ``ogi export`` take the lock of the folder they write
before writing anything and release it when they end.  The lock file says who holds it
(pid, host, command, start time, as JSON), so a second run can name the holder.  The lock
itself is an ``flock`` on that file where the system has one: the kernel drops it when the
holder dies, however it dies (``kill -9`` included), so a lock left by a dead process is
never in the way; its file is taken over and the taker says so.  Where ``flock`` is missing
the holder's line is the lock and a holder whose pid is gone on this host is stale.  A
released lock leaves an empty file.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d, output_lock(d, command=["ogi", "process"]) as lk:
    ...     holder(d)["command"]
    ['ogi', 'process']
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from ogi.errors import OgiError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_NAME", "OutputBusyError", "OutputLock", "holder", "output_lock"]

#: The lock file's name inside the output folder.
LOCK_NAME = ".ogi.lock"


class OutputBusyError(OgiError):
    """Another run is writing the output folder (the message names it)."""


def holder(out_dir: str | os.PathLike) -> dict[str, Any] | None:
    """What the lock file of ``out_dir`` says of its holder (None: no lock file or unreadable)."""
    try:
        data = json.loads((Path(out_dir) / LOCK_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _describe(info: dict[str, Any] | None) -> str:
    if not info:
        return "another ogi run"
    cmd = " ".join(str(c) for c in info.get("command") or []) or "?"
    return (f"pid {info.get('pid')} on {info.get('host')} (`{cmd}`, "
            f"started {info.get('started')})")


def _pid_alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutputLock:
    """The lock of one output folder (use :func:`output_lock` in a ``with``).

    Attributes:
        path: The lock file.
        took_over: What the lock file said of a previous holder that had died (None when the
            folder was free), for the caller to report.
    """

    def __init__(self, out_dir: str | os.PathLike, *, command: list[str] | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / LOCK_NAME
        self.command = [str(c) for c in (command or [])]
        self.took_over: dict[str, Any] | None = None
        self._fh: IO[str] | None = None

    def _info(self) -> dict[str, Any]:
        return {"pid": os.getpid(), "host": socket.gethostname(), "command": self.command,
                "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}

    def try_acquire(self) -> bool:
        """Take the lock if it is free (or stale); False when another live run holds it."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        previous = holder(self.out_dir)
        if fcntl is not None:
            fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                fh.close()
                return False
        else:  # pragma: no cover - no flock: the file's existence is the lock
            if previous and (previous.get("host") != socket.gethostname() or _pid_alive(previous.get("pid"))):
                return False
            fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115
        if previous and previous.get("pid") != os.getpid():
            self.took_over = previous
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(self._info(), ensure_ascii=False))
        fh.flush()
        self._fh = fh
        return True

    def acquire(self, *, wait: float | None = None, poll: float = 0.5) -> OutputLock:
        """Take the lock; wait up to ``wait`` seconds for it (None or 0: do not wait).

        Raises:
            OutputBusyError: another live run holds the lock (after ``wait``), named.
        """
        deadline = time.monotonic() + (wait or 0)
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                how = f"waited {wait:g} s; " if wait else ""
                raise OutputBusyError(
                    f"another run is writing this folder: {_describe(holder(self.out_dir))}; "
                    f"{how}wait for it to end, or rerun with --wait SECONDS, or choose another --out",
                    path=str(self.out_dir))
            time.sleep(poll)
        return self

    def release(self) -> None:
        """Give the lock back: the holder's line is emptied, the file stays.

        The file is not removed: a run waiting on it would hold a lock on a removed file while
        a third run locked a new one.
        """
        if self._fh is None:
            return
        with contextlib.suppress(OSError):
            self._fh.seek(0)
            self._fh.truncate()
            self._fh.flush()
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        self._fh.close()
        self._fh = None


@contextlib.contextmanager
def output_lock(out_dir: str | os.PathLike, *, command: list[str] | None = None,
                wait: float | None = None) -> Iterator[OutputLock]:
    """Hold the lock of ``out_dir`` for the ``with`` block (see :class:`OutputLock`).

    Raises:
        OutputBusyError: another live run writes ``out_dir``.
    """
    lock = OutputLock(out_dir, command=command).acquire(wait=wait)
    try:
        yield lock
    finally:
        lock.release()
