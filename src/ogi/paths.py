"""Project paths from one place: corpora, results, trained models and the packaged resources.

Where defaults point depends on how ogi runs:

- **from a checkout** (an editable install, or ``src/`` on the path: the package sits in
  ``ROOT/src/ogi`` beside ``ROOT/pyproject.toml``): everything is relative to ``ROOT``;
- **otherwise** (``pip install ogi`` into a virtual environment): relative to the folder ogi
  was started in, so that results never land inside the installed package or the venv.

``OGI_HOME`` set to a folder overrides both.  Under the home folder: ``corpora/`` (inputs,
read only), ``results/`` (everything generated) and ``results/models/`` (what ``ogi train``
writes by default).  The resources shipped in the package (dictionaries, template spec, the
statement model) are read from the package and never written by ogi, except when a
developer replaces the shipped model from a checkout (``ogi train --replace-shipped``).

Example:
    >>> from ogi.paths import RESULTS_DIR, TRAINED_MODELS_DIR
    >>> TRAINED_MODELS_DIR == RESULTS_DIR / "models"
    True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE_DIR", "RESOURCES_DIR", "SHIPPED_MODELS_DIR", "CHECKOUT_DIR", "PROJECT_DIR", "CORPORA_DIR",
           "SAMPLE_DIR", "RESULTS_DIR", "TRAINED_MODELS_DIR", "DEV_CORPUS_DIR", "checkout_dir", "home_dir",
           "in_package"]

#: The installed package (read only).
PACKAGE_DIR = Path(__file__).resolve().parent
#: Resources shipped in the package: dictionaries, stop words, template spec, labels, models.
RESOURCES_DIR = PACKAGE_DIR / "resources"
#: The shipped statement models (``statements-v1``), part of the package.
SHIPPED_MODELS_DIR = RESOURCES_DIR / "nlp" / "models"


def checkout_dir(package_dir: Path = PACKAGE_DIR) -> Path | None:
    """The root of the source checkout the package runs from, or None for an installed package.

    A checkout is recognised by its layout: ``ROOT/pyproject.toml`` and the package at
    ``ROOT/src/ogi``.
    """
    root = package_dir.parent.parent
    if package_dir.parent.name == "src" and package_dir.name == "ogi" and (root / "pyproject.toml").is_file():
        return root
    return None


def home_dir(package_dir: Path = PACKAGE_DIR) -> Path:
    """The folder defaults are relative to: ``OGI_HOME``, else the checkout, else the current folder."""
    home = os.environ.get("OGI_HOME") or os.environ.get("OGI_PROJECT_DIR")  # the second: its old name
    if home:
        return Path(home).expanduser().resolve()
    return checkout_dir(package_dir) or Path.cwd()


def in_package(path: str | os.PathLike[str], package_dir: Path = PACKAGE_DIR) -> bool:
    """True when ``path`` is inside the installed package (never inside a checkout's ``src/ogi``).

    A checkout's package folder is the developer's source tree, not an installation.
    """
    if checkout_dir(package_dir) is not None:
        return False
    p = Path(path).expanduser().resolve()
    pkg = package_dir.resolve()
    return p == pkg or pkg in p.parents


#: The checkout ogi runs from (None for an installed package).
CHECKOUT_DIR = checkout_dir()
#: The home folder (``OGI_HOME``, the checkout, or the folder ogi was started in).
PROJECT_DIR = home_dir()
#: Inputs: corpora (read only).
CORPORA_DIR = PROJECT_DIR / "corpora"
#: The sample corpus of a checkout.
SAMPLE_DIR = CORPORA_DIR / "sample"
#: Everything generated.
RESULTS_DIR = PROJECT_DIR / "results"
#: Where ``ogi train`` writes a model by default.
TRAINED_MODELS_DIR = RESULTS_DIR / "models"
#: The development corpus with gold annotations, beside the project (never copied into it).
DEV_CORPUS_DIR = Path(os.environ.get("OGI_DEV_CORPUS", PROJECT_DIR.parent / "shared" / "corpora" / "dev"))
