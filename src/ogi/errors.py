"""One family of errors for everything a user can cause (bad files, bad options)."""

from __future__ import annotations

__all__ = ["OgiError", "ReadError", "ParseError", "UsageError", "SizeLimitError", "DiskFullError",
           "RunInterrupted"]


class OgiError(Exception):
    """Base class of the errors ogi raises for bad input; the message names file and reason."""

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


class ReadError(OgiError):
    """A file could not be read as a report (empty, binary, unknown format, undecodable)."""


class SizeLimitError(ReadError):
    """Input over the size limit (``OGI_MAX_BYTES``, ``max_bytes=``): a fact about the limit as
    much as about the file, so ``ogi process`` tries it again on the next run."""


class ParseError(OgiError):
    """A file was read but is not an annual report ogi can parse."""


class UsageError(OgiError):
    """A bad option value; the message lists the valid values."""


class DiskFullError(OgiError):
    """The output folder's file system is full (``ENOSPC``); the message says how much is needed."""


class RunInterrupted(OgiError):
    """A run stopped by SIGINT (Ctrl-C) or SIGTERM; the message says what was kept and how to resume.

    Attributes:
        exit_code: 130 for SIGINT, 143 for SIGTERM (128 + the signal's number), as shells do.
    """

    def __init__(self, reason: str, *, path: str | None = None, exit_code: int = 130) -> None:
        super().__init__(reason, path=path)
        self.exit_code = exit_code
