"""Opening a statement model without running its code: exact types, checked before loading.

A ``.skops`` file is a zip with a ``schema.json`` that names, for every object, the type to
build and the loader that builds it. skops builds what the caller trusts, so a file whose
schema names ``builtins.exec`` with a string argument runs that string when it is trusted.
:func:`check_model_file` reads the schema itself, before skops builds anything, and refuses
every type and loader that is not on an exact allow-list (no module prefixes: ``builtins.``
would let ``builtins.exec`` and ``builtins.eval`` through). It also checks the file's SHA-256
against the model card ``NAME.json`` that ``ogi train`` writes beside it.

Run time reads only the export ``NAME.linear.npz`` (:mod:`ogi.nlp.models`: NumPy arrays,
no pickle), checked with :func:`verify_card`; the ``.skops`` file and its type check are for
training and re-export (:mod:`ogi.training.persist`).

Example:
    >>> from ogi.paths import SHIPPED_MODELS_DIR
    >>> types = check_model_file(SHIPPED_MODELS_DIR / "statements-v1.skops")
    >>> "ogi.training.estimator.StatementClassifier" in types
    True
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Literal

from ogi.errors import OgiError, UsageError

__all__ = ["ALLOWED_TYPES", "ALLOWED_LOADERS", "check_model_file", "schema_types", "card_path",
           "linear_path", "file_sha256", "model_hashes", "record_hashes", "verify_card"]

#: every type a statement model trained by ``ogi train`` holds (found by dumping fitted models
#: of every shape ``StatementClassifier.fit`` makes: topics, one topic, none, weak labels)
ALLOWED_TYPES = frozenset({
    # plain data
    "builtins.dict", "builtins.list", "builtins.tuple", "builtins.str", "builtins.int",
    "builtins.float", "builtins.bool", "builtins.NoneType",
    "numpy.ndarray", "numpy.dtype", "numpy.float64", "numpy.float32", "numpy.int64", "numpy.int32",
    "numpy.bool_", "numpy.str_",
    # ogi
    "ogi.training.estimator.StatementClassifier", "ogi.training.features.RecordField",
    "ogi.training.features.identity",
    # scikit-learn
    "sklearn.calibration.CalibratedClassifierCV", "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration", "sklearn.dummy.DummyClassifier",
    "sklearn.feature_extraction.text.CountVectorizer", "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer", "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.model_selection._split.StratifiedKFold", "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.multiclass._ConstantPredictor", "sklearn.pipeline.FeatureUnion", "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._label.LabelBinarizer", "sklearn.svm._classes.LinearSVC",
})
#: skops loaders that only build data or the objects above (no ``ReduceNode``, ``MethodNode``,
#: ``OperatorFuncNode``: those call what the schema names)
ALLOWED_LOADERS = frozenset({"DictNode", "ListNode", "TupleNode", "JsonNode", "TypeNode", "NdArrayNode",
                             "ObjectNode", "FunctionNode"})
_FUNCTIONS = frozenset({"ogi.training.features.identity"})  # the only types a FunctionNode may name
#: where ogi's own types lived before training moved to ``ogi.training`` (named in the refusal)
_MOVED = frozenset({"ogi.nlp.classify.StatementClassifier", "ogi.nlp.features.RecordField",
                    "ogi.nlp.features.identity"})
_MAX_SCHEMA_BYTES = 64 * 1024 * 1024


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def card_path(model: str | Path) -> Path:
    """The model card ``NAME.json`` beside ``NAME.skops`` (metrics and SHA-256 of the files)."""
    p = Path(model)
    return p.with_name(p.name.removesuffix(".skops") + ".json")


def linear_path(skops_path: str | Path) -> Path:
    """``NAME.linear.npz`` beside ``NAME.skops``."""
    p = Path(skops_path)
    return p.with_name(p.name.removesuffix(".skops") + ".linear.npz")


def model_hashes(skops_path: str | Path) -> dict:
    """The SHA-256 of a saved model and of its export (None when there is none)."""
    lin = linear_path(skops_path)
    return {"skops": file_sha256(skops_path), "linear": file_sha256(lin) if lin.is_file() else None}


def record_hashes(skops_path: str | Path) -> dict:
    """Write the SHA-256 of the model files into their card ``NAME.json`` (kept otherwise).

    Returns:
        The hashes recorded.
    """
    card = card_path(skops_path)
    try:
        data = json.loads(card.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data["sha256"] = hashes = model_hashes(skops_path)
    card.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return hashes


def schema_types(path: str | Path) -> tuple[set[str], set[str]]:
    """The types (``module.Class``) and loaders every node of a ``.skops`` schema names.

    Raises:
        OgiError: the file is not a zip with a readable ``schema.json``.
    """
    p = Path(path)
    try:
        with zipfile.ZipFile(p) as z:
            info = z.getinfo("schema.json")
            if info.file_size > _MAX_SCHEMA_BYTES:
                raise OgiError(f"model schema too large ({info.file_size} bytes)", path=str(p))
            with z.open(info) as fh:
                schema = json.loads(fh.read(_MAX_SCHEMA_BYTES + 1))
    except OgiError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile, KeyError or json
        raise OgiError(f"not a readable skops model file ({type(exc).__name__}: {exc})", path=str(p)) from None
    types: set[str] = set()
    loaders: set[str] = set()
    functions: set[str] = set()
    stack = [schema]
    while stack:  # iterative: a deeply nested schema cannot exhaust the Python stack
        node = stack.pop()
        if isinstance(node, dict):
            if "__module__" in node or "__class__" in node or "__loader__" in node:
                name = f"{node.get('__module__')}.{node.get('__class__')}"
                types.add(name)
                loader = node.get("__loader__")
                loaders.add(str(loader))
                if loader == "FunctionNode":
                    functions.add(name)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    bad_fn = sorted(functions - _FUNCTIONS)
    if bad_fn:  # a function node is called by what uses it: only ogi's own identity
        types |= {f"{t} (as a function)" for t in bad_fn}
    return types, loaders


def check_model_file(path: str | Path) -> list[str]:
    """Refuse a model file that names any type or loader outside the allow-lists.

    Returns:
        The types of the file (all allowed), sorted; pass them to ``skops.io.load(trusted=)``.

    Raises:
        OgiError: naming the file and the types (or loaders) that are not allowed.
    """
    types, loaders = schema_types(path)
    bad = sorted(t for t in types if t not in ALLOWED_TYPES)
    if bad:
        old = " (saved by an older ogi, before training moved to ogi.training: retrain it with `ogi train`)" \
            if _MOVED.intersection(bad) else ""
        raise OgiError(f"model holds types ogi does not trust: {', '.join(bad)}; refused before "
                       f"loading (a model file can run code){old}", path=str(path))
    bad_loaders = sorted(loaders - ALLOWED_LOADERS)
    if bad_loaders:
        raise OgiError(f"model uses skops loaders ogi does not trust: {', '.join(bad_loaders)}; refused "
                       "before loading", path=str(path))
    return sorted(types)


def verify_card(path: str | Path, *, part: Literal["skops", "linear"] = "skops") -> None:
    """Check ``path`` against the SHA-256 its model card records for ``part`` ("skops", "linear").

    Raises:
        OgiError: the card is missing, records no hash, or records another one.
    """
    p = Path(path)
    model = p.with_name(p.name.removesuffix(".linear.npz") + ".skops") if part == "linear" else p
    if part not in ("skops", "linear"):
        raise UsageError(f"part must be 'skops' or 'linear', not {part!r}")
    card = card_path(model)
    try:
        recorded = json.loads(card.read_text(encoding="utf-8")).get("sha256", {}).get(part)
    except FileNotFoundError:
        raise OgiError(f"no model card {card.name} beside the model: keep the files `ogi train` wrote "
                       "together", path=str(p)) from None
    except (OSError, ValueError, AttributeError) as exc:
        raise OgiError(f"model card {card.name} unreadable ({type(exc).__name__})", path=str(p)) from None
    if not recorded:
        raise OgiError(f"model card {card.name} records no SHA-256 of the {part} file", path=str(p))
    actual = file_sha256(p)
    if actual != recorded:
        raise OgiError(f"SHA-256 {actual[:12]}… differs from the one its model card records "
                       f"({recorded[:12]}…): the file was changed after training", path=str(p))
