"""The `ogi` command line: thin Typer wrappers over library functions.

Each command lives in a module of :mod:`ogi.commands` that defines ``register(app)``;
this module only builds the app and registers them all, so commands can be added
without touching one shared file.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

from ogi import commands as _commands

app = typer.Typer(
    name="ogi",
    help="Text-mining toolkit for annual reports on open government information (政府信息公开工作年度报告).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
