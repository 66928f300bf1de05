"""Statement models by name: a small registry and the one run-time predictor.

A statement model is a folder holding ``NAME.linear.npz`` (the model as NumPy arrays,
:class:`ogi.nlp.linear.LinearStatementModel`) and its card ``NAME.json`` (metrics and the
SHA-256 of the model files), as ``ogi train`` writes them, usually with ``NAME.skops`` (the
scikit-learn estimator, for training and re-export only) and ``MODEL_CARD.md``.

Models are chosen by name (spaCy-style): ``"statements-v1"`` is the shipped one, and
:func:`register` adds others (a name that changes behaviour gets a new version suffix); a path
to a model folder (or to one of its files) works too.  :func:`get` loads a model once per
process and folder, after checking the export against its card.  There is one way to predict:
the arrays, read with ``allow_pickle=False``, without scikit-learn or skops.  A folder without
a valid export is an :class:`~ogi.errors.OgiError` naming the folder and how to rebuild it,
never a silent switch to another model.

Example:
    >>> from ogi.nlp import models
    >>> models.get("statements-v1") is models.get()
    True
    >>> "statements-v1" in models.registered()
    True
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ogi.errors import OgiError, UsageError
from ogi.nlp.trust import card_path, file_sha256, verify_card
from ogi.paths import SHIPPED_MODELS_DIR

if TYPE_CHECKING:  # NumPy is imported when a model is loaded, not with this registry
    from ogi.nlp.linear import LinearStatementModel

__all__ = ["DEFAULT_MODEL", "ModelEntry", "StatementPredictor", "check_name", "register", "registered", "locate",
           "get", "forget"]

#: Name (with version) of the shipped statement model, used when none is named.
DEFAULT_MODEL = "statements-v1"
_SUFFIXES = (".linear.npz", ".skops", ".json")


class StatementPredictor(Protocol):
    """Anything that classifies feature records (:func:`ogi.nlp.records.make_record`)."""

    def predict_records(self, records: list[dict]) -> list[dict]:
        """``[{"kind", "score", "topics", "topic_scores"}]``, one per record."""
        ...


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """A registered model: its name, the folder of its files and what it is.

    Attributes:
        name: the name with its version suffix; also the stem of the files (``NAME.linear.npz``).
        folder: the folder holding the files.
        description: one line for listings.
    """

    name: str
    folder: Path
    description: str = ""


_registry: dict[str, ModelEntry] = {}
_lock = threading.Lock()
_loaded: dict[tuple[Path, str], LinearStatementModel] = {}


def check_name(name: str) -> str:
    """``name`` when it can name a model and its files (``NAME.linear.npz`` …).

    Raises:
        UsageError: an empty name, one with a path separator, or one ending like a model file.
    """
    if not name or "/" in name or os.sep in name or name.endswith(_SUFFIXES) or name in (".", ".."):
        raise UsageError(f"model name must be a plain name with a version suffix (statements-v2), not {name!r}")
    return name


def register(name: str, folder: str | os.PathLike[str], *, description: str = "",
             replace: bool = False) -> ModelEntry:
    """Make the model ``NAME.*`` in ``folder`` available as ``name``.

    Args:
        name: the model's name with a version suffix (``"statements-v2"``); its files in
            ``folder`` are named after it.
        folder: the folder ``ogi train --out`` wrote.
        description: one line for listings.
        replace: allow re-registering a name (an error otherwise, so that a name never
            silently changes meaning).

    Returns:
        The entry.

    Raises:
        UsageError: the name is empty, has a path separator, or is taken (without ``replace``).
    """
    entry = ModelEntry(check_name(name), Path(folder), description)
    with _lock:
        old = _registry.get(name)
        if old is not None and old != entry and not replace:
            raise UsageError(f"model name {name!r} is taken (folder {old.folder}); pick a new version suffix "
                             "or pass replace=True")
        _registry[name] = entry
    return entry


def registered() -> dict[str, ModelEntry]:
    """The registered models by name."""
    with _lock:
        return dict(_registry)


def locate(model: str | os.PathLike[str] = DEFAULT_MODEL) -> tuple[Path, str]:
    """The folder and file stem of a model given by name, folder or file.

    Args:
        model: a registered name; or a model folder (holding one model); or one of its files
            (``NAME.linear.npz``, ``NAME.skops``, ``NAME.json``).

    Raises:
        OgiError: an unknown name, a path that does not exist, or a folder without a model
            (or with several).
    """
    if isinstance(model, str):
        entry = registered().get(model)
        if entry is not None:
            return entry.folder, entry.name
        if not any(sep in model for sep in ("/", os.sep)) and not Path(model).exists():
            names = ", ".join(sorted(registered())) or "none"
            raise UsageError(f"unknown statement model {model!r}; registered: {names} (or give a model folder)")
    p = Path(model)
    if p.is_file():
        for suffix in _SUFFIXES:
            if p.name.endswith(suffix):
                return p.parent, p.name.removesuffix(suffix)
        raise OgiError("not a statement model file (NAME.linear.npz, NAME.skops or NAME.json)", path=str(p))
    if not p.is_dir():
        raise OgiError("statement model folder not found", path=str(p))
    stems = sorted({f.name.removesuffix(s) for s in (".linear.npz", ".skops") for f in p.glob(f"*{s}")})
    if len(stems) == 1:
        return p, stems[0]
    if not stems:
        raise OgiError(f"no statement model in this folder (no NAME.linear.npz): train one with "
                       f"`ogi train --out {p}`", path=str(p))
    raise OgiError(f"several statement models in this folder ({', '.join(stems)}): name the file, "
                   "e.g. NAME.linear.npz", path=str(p))


def get(model: str | os.PathLike[str] = DEFAULT_MODEL) -> LinearStatementModel:
    """The run-time predictor of a model, loaded once per process (thread-safe).

    Args:
        model: a registered name (default: the shipped model), a model folder or one of its files.

    Returns:
        The :class:`~ogi.nlp.linear.LinearStatementModel` read from ``NAME.linear.npz``.

    Raises:
        OgiError: the model cannot be found, or its export is missing, damaged, changed since
            training (SHA-256 against the card) or made from another ``.skops`` file; the
            message names the folder and how to rebuild the export.
    """
    folder, stem = locate(model)
    key = (folder.resolve(), stem)
    got = _loaded.get(key)
    if got is not None:
        return got
    with _lock:
        got = _loaded.get(key)
        if got is None:
            got = _loaded[key] = _load(*key)
    return got


def forget(model: str | os.PathLike[str] | None = None) -> None:
    """Drop loaded models, so that the next :func:`get` reads their files again.

    Args:
        model: a name, a model file, or a folder (every model loaded from it); None for all.
    """
    if model is None:
        with _lock:
            _loaded.clear()
        return
    p = Path(model)
    if not isinstance(model, str) or model not in registered():
        if p.is_dir() or not p.exists():
            folder = p.resolve()
            with _lock:
                for key in [k for k in _loaded if k[0] == folder]:
                    del _loaded[key]
            return
    folder, stem = locate(model)
    with _lock:
        _loaded.pop((folder.resolve(), stem), None)


def _rebuild_hint(folder: Path, stem: str) -> str:
    skops = folder / f"{stem}.skops"
    if skops.is_file():
        return (f"rebuild it with `ogi train --reexport {skops}` (from the trusted .skops estimator) "
                f"or retrain with `ogi train --out {folder}`")
    return f"retrain with `ogi train --out {folder}`"


def _load(folder: Path, stem: str) -> LinearStatementModel:
    from ogi.nlp.linear import LinearStatementModel

    lin = folder / f"{stem}.linear.npz"
    where = str(folder)
    if not lin.is_file():
        raise OgiError(f"model {stem!r} has no export {lin.name} (statements are classified with it only): "
                       f"{_rebuild_hint(folder, stem)}", path=where)
    if not card_path(folder / f"{stem}.skops").is_file():
        raise OgiError(f"model {stem!r} has no card {stem}.json recording the SHA-256 of its files: "
                       f"{_rebuild_hint(folder, stem)}", path=where)
    try:
        verify_card(lin, part="linear")
        model = LinearStatementModel.load(lin)
    except OgiError as exc:
        raise OgiError(f"{lin.name}: {exc.reason}; {_rebuild_hint(folder, stem)}", path=where) from None
    skops = folder / f"{stem}.skops"
    if skops.is_file() and model.source_sha256 != file_sha256(skops):
        raise OgiError(f"{lin.name} was exported from another {skops.name} than the one beside it; "
                       f"{_rebuild_hint(folder, stem)}", path=where)
    return model


register(DEFAULT_MODEL, SHIPPED_MODELS_DIR, description="shipped: kind and topics of section-五 statements")
