"""One error handler for every ``ogi`` command: exit codes, message shape, no traceback.

Every command raises; none catches.  :class:`OgiGroup` (the app's group class) runs the
command and turns what it raises into a message on stderr and an exit code:

- exit 2, ``ogi COMMAND: reason`` and ``Try 'ogi COMMAND --help' for help.``: a
  :class:`ogi.errors.UsageError` or a bad option or argument (click's usage errors);
- exit 1, ``ogi COMMAND: path: reason``: any other :class:`ogi.errors.OgiError`
  (``ReadError``, ``ParseError`` …) or an :class:`OSError` (a file that cannot be written);
- exit 1, ``ogi COMMAND: internal error (a bug in ogi, please report it): Type: message``:
  any other exception.

Set ``OGI_DEBUG=1`` to see the traceback of an internal error.  A command adopts the
handler by raising (``raise UsageError("…")``) instead of printing and exiting itself;
``typer.Exit`` still ends a command with the code it names.

Example:
    >>> from ogi.errors import ReadError
    >>> error_line("parse", ReadError("file not found", path="a.txt"))
    'ogi parse: a.txt: file not found'
    >>> exit_code(ReadError("x")), exit_code(UsageError("x"))
    (1, 2)
"""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from ogi.errors import OgiError, RunInterrupted, UsageError

try:  # Typer >= 0.20 vendors its own click
    from typer._click import exceptions as _click_exc
except ImportError:  # pragma: no cover - older Typer uses click itself
    from click import exceptions as _click_exc  # type: ignore[no-redef]

__all__ = ["OgiGroup", "bug_message", "error_line", "exit_code"]

#: Exit codes of the ``ogi`` commands.
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

# typer.Exit and typer.Abort end a command on purpose; NoArgsIsHelpError prints the help
_PASS_THROUGH = (typer.Exit, typer.Abort, _click_exc.NoArgsIsHelpError)


def bug_message(exc: BaseException) -> str:
    """The text of an unexpected exception: it is a bug, and which one."""
    detail = str(exc).strip().replace("\n", " ")
    return f"internal error (a bug in ogi, please report it): {type(exc).__name__}" + (f": {detail}" if detail else "")


def _os_message(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def exit_code(exc: BaseException) -> int:
    """2 for usage errors (ogi's and click's), 130/143 for an interrupted run, 1 for every other failure."""
    if isinstance(exc, RunInterrupted):
        return exc.exit_code
    return EXIT_USAGE if isinstance(exc, (UsageError, _click_exc.UsageError)) else EXIT_FAILURE


def error_line(command: str | None, exc: BaseException) -> str:
    """``ogi COMMAND: message`` for an exception raised by ``command``."""
    prefix = f"ogi {command}" if command else "ogi"
    if isinstance(exc, OgiError):
        text = str(exc)
    elif isinstance(exc, _click_exc.ClickException):
        text = exc.format_message()
    elif isinstance(exc, OSError):
        text = _os_message(exc)
    else:
        text = bug_message(exc)
    return f"{prefix}: {text}"


def _report(command: str | None, exc: BaseException) -> None:
    typer.echo(error_line(command, exc), err=True)
    if exit_code(exc) == EXIT_USAGE:
        typer.echo(f"Try '{'ogi ' + command if command else 'ogi'} --help' for help.", err=True)
    raise typer.Exit(exit_code(exc))


class OgiGroup(TyperGroup):
    """The ``ogi`` group: every command's errors go through one handler (see the module doc)."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _PASS_THROUGH:
            raise
        except _click_exc.UsageError as e:  # a bad option of ogi itself (ogi --bogus)
            _report(None, e)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _PASS_THROUGH:
            raise
        except (OgiError, OSError, _click_exc.ClickException) as e:
            _report(ctx.invoked_subcommand, e)
        except Exception as e:
            if os.environ.get("OGI_DEBUG") == "1":
                raise
            _report(ctx.invoked_subcommand, e)
