"""The generator's choices: template versions, layouts, styles, and the checks of option values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

from ogi.errors import UsageError
from ogi.template import VERSIONS

__all__ = ["Template", "Layout", "TEMPLATES", "LAYOUTS", "STYLES", "BLANK_LAYOUTS", "SUFFIX", "SECTION_KEYS",
           "check_choice", "resolve_styles", "resolve_templates"]

Template = Literal["2021", "2019"]
Layout = Literal["pipe", "flat", "tab", "markdown", "space", "html", "docx", "pdf"]

#: The template versions of the packaged spec, newest first (``generate`` takes any version of
#: the active spec, :func:`ogi.template.use_spec`).
TEMPLATES: tuple[str, ...] = VERSIONS
#: The layouts the generator can render.
LAYOUTS: tuple[str, ...] = get_args(Layout)
#: Style names of ``ogi synth --style``: the layouts, two aliases and ``mixed`` (cycle through all).
STYLES: dict[str, tuple[str, ...]] = {
    **{lay: (lay,) for lay in LAYOUTS}, "md": ("markdown",), "joined": ("flat",), "mixed": LAYOUTS}
#: Layouts that can carry blank table cells (in the others blank cells vanish).
BLANK_LAYOUTS: frozenset[str] = frozenset({"pipe", "tab", "markdown", "html", "docx"})

#: File suffix of each layout.
SUFFIX = {"pipe": ".txt", "flat": ".txt", "tab": ".txt", "space": ".txt", "markdown": ".md",
          "html": ".html", "docx": ".docx", "pdf": ".pdf"}
#: The six sections, in order.
SECTION_KEYS = ("overview", "proactive", "requests", "appeals", "problems", "other")


def check_choice(name: str, value: object, choices: Sequence[str]) -> None:
    """Raise :class:`UsageError` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise UsageError(f"invalid {name} {value!r}; valid values: {', '.join(choices)}")


def resolve_styles(styles: Sequence[str]) -> list[str]:
    """Layouts for style names (:data:`STYLES`): ``md`` is markdown, ``joined`` flat, ``mixed`` all.

    Raises:
        UsageError: An unknown style.

    Example:
        >>> resolve_styles(["md", "joined"])
        ['markdown', 'flat']
    """
    out: list[str] = []
    for st in styles:
        check_choice("style", st, tuple(STYLES))
        out.extend(lay for lay in STYLES[st] if lay not in out)
    return out


def resolve_templates(templates: Sequence[str]) -> list[str]:
    """Template versions for names: ``2019``, ``2021`` or ``mixed`` (both, alternating).

    Raises:
        UsageError: An unknown template.
    """
    out: list[str] = []
    for tpl in templates:
        check_choice("template", tpl, (*TEMPLATES, "mixed"))
        out.extend(t for t in (TEMPLATES if tpl == "mixed" else (tpl,)) if t not in out)
    return out
