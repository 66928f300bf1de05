"""Saving and loading the scikit-learn estimator with skops (no pickle), and re-exporting it.

A model folder written by ``ogi train`` holds ``NAME.skops`` (the estimator), ``NAME.linear.npz``
(its export, what ogi predicts with), ``NAME.json`` (the card: metrics and the SHA-256 of both
files) and ``MODEL_CARD.md``.  :func:`load_classifier` opens a ``.skops`` file only after
:func:`ogi.nlp.trust.check_model_file` has read its schema and found nothing but the exact
types a statement model holds, and after its SHA-256 matched the card: a model from
elsewhere never runs code.

Example:
    >>> clf = load_classifier()
    >>> type(clf).__module__
    'ogi.training.estimator'
"""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

from ogi.errors import OgiError
from ogi.nlp.models import DEFAULT_MODEL
from ogi.nlp.trust import card_path, check_model_file, record_hashes, verify_card
from ogi.paths import SHIPPED_MODELS_DIR
from ogi.training.estimator import StatementClassifier
from ogi.training.export import save_linear

__all__ = ["model_path", "save_classifier", "load_classifier", "reexport"]

_lock = threading.Lock()
_loaded: dict[Path, StatementClassifier] = {}


def model_path(name: str = DEFAULT_MODEL, models_dir: str | os.PathLike[str] | None = None) -> Path:
    """Path of a model file ``NAME.skops`` (in the shipped models folder unless ``models_dir``)."""
    return Path(models_dir or SHIPPED_MODELS_DIR) / f"{name}.skops"


def save_classifier(clf: StatementClassifier, path: str | os.PathLike[str], *,
                    check: list[dict] | None = None) -> Path:
    """Save a fitted classifier with skops (deflate-compressed), its export and their hashes.

    Beside ``NAME.skops`` goes ``NAME.linear.npz`` (:func:`ogi.training.export.save_linear`,
    checked on probe records and on ``check``); the SHA-256 of both files goes into the card
    ``NAME.json`` (:func:`ogi.nlp.trust.record_hashes`), which loading checks.

    Raises:
        OgiError: the export is not possible or not exact; then nothing is left behind.
    """
    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(clf, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    try:
        save_linear(clf, path, check=check)
    except OgiError:
        path.unlink(missing_ok=True)
        raise
    record_hashes(path)
    _forget(path)
    return path


def _forget(path: Path) -> None:
    """Drop what this process loaded from the model at ``path``: a reload reads the new files."""
    from ogi.nlp import models

    with _lock:
        _loaded.pop(path.resolve(), None)
    models.forget(path)


def load_classifier(name: str = DEFAULT_MODEL, *, path: str | os.PathLike[str] | None = None) -> StatementClassifier:
    """Load a statement estimator once per process (skops, with an exact type allow-list).

    Args:
        name: model name with its version suffix, looked up in the shipped models folder.
        path: an explicit ``.skops`` file instead (a model trained with ``ogi train --out``).

    Raises:
        OgiError: the file is missing, names an untrusted type, differs from its card, or is
            not a StatementClassifier.
    """
    p = (Path(path) if path is not None else model_path(name)).resolve()
    got = _loaded.get(p)
    if got is None:
        with _lock:
            got = _loaded.get(p)
            if got is None:
                got = _loaded[p] = _load_skops(p)
    return got


def _load_skops(p: Path) -> StatementClassifier:
    if not p.is_file():
        raise OgiError("statement model not found; run `ogi train` to build it", path=str(p))
    import skops.io as sio

    trusted = check_model_file(p)  # exact types, read from the schema before anything is built
    verify_card(p)
    try:
        clf = sio.load(p, trusted=trusted)
    except Exception as exc:  # noqa: BLE001 - damaged content past the type check
        raise OgiError(f"cannot load the skops model ({type(exc).__name__}: {exc})", path=str(p)) from None
    if not isinstance(clf, StatementClassifier):
        raise OgiError("not a StatementClassifier", path=str(p))
    return clf


def reexport(path: str | os.PathLike[str], *, check: list[dict] | None = None) -> Path:
    """Rebuild ``NAME.linear.npz`` from a trusted ``NAME.skops`` and record its hash in the card.

    For a model folder whose export is missing or damaged (``ogi train --reexport``).  The
    ``.skops`` file must pass the type allow-list and match its card.

    Args:
        path: the ``.skops`` file, or the model folder holding one.
        check: records the export must also predict exactly (besides the probe records).

    Returns:
        The export written.

    Raises:
        OgiError: no ``.skops`` file, an untrusted or changed one, or an inexact export.
    """
    p = Path(path)
    if p.is_dir():
        found = sorted(p.glob("*.skops"))
        if len(found) != 1:
            raise OgiError(f"expected one .skops model file in the folder, found {len(found)}", path=str(p))
        p = found[0]
    if not card_path(p).is_file():
        raise OgiError(f"no model card {card_path(p).name}: retrain with `ogi train --out {p.parent}`", path=str(p))
    clf = _load_skops(p.resolve())
    target = save_linear(clf, p, check=check)
    record_hashes(p)
    _forget(p)
    return target
