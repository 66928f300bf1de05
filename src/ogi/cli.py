"""The `ogi` command line: thin Typer wrappers over library functions.

Each command lives in a module of :mod:`ogi.commands` that defines ``register(app)``;
this module only builds the app and registers them all, so commands can be added
without touching one shared file.  Commands raise :class:`ogi.errors.OgiError` and never
catch it: :class:`ogi.commands._errors.OgiGroup` turns every error of every command into
``ogi COMMAND: path: reason`` on stderr and exit code 2 (usage) or 1 (failure).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Annotated

import typer

from ogi import commands as _commands
from ogi.commands._errors import OgiGroup

app = typer.Typer(
    name="ogi",
    cls=OgiGroup,
    help="Text-mining toolkit for annual reports on open government information (政府信息公开工作年度报告).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version() -> str:
    """The installed version of ogi (the package metadata, else ``ogi.__version__``)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _dist_version

    try:
        return _dist_version("ogi")
    except PackageNotFoundError:  # running from a source tree that is not installed
        from ogi import __version__

        return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"ogi {version()}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[bool, typer.Option(
        "--version", help="print the version of ogi and exit", callback=_print_version, is_eager=True)] = False,
) -> None:
    """Text-mining toolkit for annual reports on open government information (政府信息公开工作年度报告)."""


def _register_all() -> None:
    for info in sorted(pkgutil.iter_modules(_commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_all()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
