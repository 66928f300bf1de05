"""Colours by meaning, in one place: the audit pages and the figures both read them.

A verdict, a severity or a statement kind has one colour wherever ogi draws it: a mismatch
is red and a match green in the figures as on the page, ``info`` is never red.

Example:
    >>> VERDICT_COLORS["mismatch"], SEVERITY_COLORS["info"]
    ('#c62828', '#78909c')
    >>> css_variables().startswith(":root {")
    True
"""

from __future__ import annotations

__all__ = ["KIND_COLORS", "SEVERITY_COLORS", "VERDICT_COLORS", "css_variables"]

#: Claim verdicts: agreement green, approximate agreement blue, contradiction red, no table
#: quantity grey.
VERDICT_COLORS: dict[str, str] = {"match": "#2e7d32", "approx": "#0277bd", "mismatch": "#c62828",
                                  "unverifiable": "#9e9e9e"}

#: Finding severities, from a broken identity (red) to a note (grey).
SEVERITY_COLORS: dict[str, str] = {"error": "#c62828", "uncertain": "#b26a00", "warning": "#8d6e63",
                                   "info": "#78909c"}

#: Statement kinds of section 五.
KIND_COLORS: dict[str, str] = {"problem": "#e57373", "improvement": "#66bb6a", "other": "#90a4ae"}


def css_variables() -> str:
    """The colours as CSS custom properties (``--v-match``, ``--sev-error``, ``--k-problem`` …)."""
    pairs = ([(f"v-{k}", v) for k, v in VERDICT_COLORS.items()] + [(f"sev-{k}", v) for k, v in SEVERITY_COLORS.items()]
             + [(f"k-{k}", v) for k, v in KIND_COLORS.items()])
    return ":root { " + " ".join(f"--{name}: {value};" for name, value in pairs) + " }\n"
