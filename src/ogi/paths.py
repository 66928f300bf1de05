"""Project paths from one place: corpora, results and the packaged resources."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["PACKAGE_DIR", "RESOURCES_DIR", "PROJECT_DIR", "CORPORA_DIR", "SAMPLE_DIR",
           "RESULTS_DIR", "DEV_CORPUS_DIR"]

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
# src/ogi -> src -> project root (for an editable install / a checkout)
PROJECT_DIR = Path(os.environ.get("OGI_PROJECT_DIR", PACKAGE_DIR.parent.parent)).resolve()
CORPORA_DIR = PROJECT_DIR / "corpora"
SAMPLE_DIR = CORPORA_DIR / "sample"
RESULTS_DIR = PROJECT_DIR / "results"
# the development corpus with gold annotations, beside the project (never copied into it)
DEV_CORPUS_DIR = Path(os.environ.get("OGI_DEV_CORPUS", PROJECT_DIR.parent / "shared" / "corpora" / "dev"))
