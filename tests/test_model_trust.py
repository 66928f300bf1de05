"""A statement model from elsewhere never runs code when loaded (issue 16, item 6).

The tampered files are built here from the shipped model: one extra attribute of the
``StatementClassifier`` whose schema node calls ``builtins.exec`` / ``builtins.eval`` /
``os.system`` with a string argument that would create a marker file.  The ``.skops`` file is
opened only by training (:func:`ogi.training.persist.load_classifier`); run time reads the
``.linear.npz`` export (:func:`ogi.nlp.models.get`), checked against the card, and never
falls back to the ``.skops`` file.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from ogi.errors import OgiError
from ogi.nlp import models
from ogi.nlp.linear import LinearStatementModel
from ogi.nlp.trust import ALLOWED_TYPES, check_model_file, file_sha256, linear_path
from ogi.paths import SHIPPED_MODELS_DIR
from ogi.training import persist
from ogi.training.persist import load_classifier

SHIPPED = SHIPPED_MODELS_DIR / "statements-v1.skops"


def _copy_model(dst: Path) -> Path:
    """The shipped model, its export and its card, copied into ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    for p in (SHIPPED, linear_path(SHIPPED), SHIPPED.with_name("statements-v1.json")):
        shutil.copy(p, dst / p.name)
    return dst / SHIPPED.name


def _str_node(s: str) -> dict:
    return {"__class__": "str", "__module__": "builtins", "__loader__": "JsonNode",
            "content": json.dumps(s), "is_json": True, "__id__": 1}


def _call_node(module: str, func: str, arg: str) -> dict:
    """A node skops builds as ``module.func(arg)``."""
    return {"__class__": func, "__module__": module, "__loader__": "ConstructorFromReduceNode",
            "content": {"__class__": "tuple", "__module__": "builtins", "__loader__": "TupleNode",
                        "content": [_str_node(arg)], "__id__": 2},
            "__id__": 3}


def _tamper(model: Path, node: dict, *, fix_card: bool = True) -> Path:
    """Add ``node`` as an attribute of the classifier in ``model``'s schema (in place)."""
    with zipfile.ZipFile(model) as z:
        members = {n: z.read(n) for n in z.namelist()}
    schema = json.loads(members["schema.json"])
    schema["content"]["content"]["payload_"] = node
    members["schema.json"] = json.dumps(schema).encode()
    with zipfile.ZipFile(model, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in members.items():
            z.writestr(n, b)
    if fix_card:  # an attacker can rewrite the card too: the type check must hold on its own
        card = model.with_name("statements-v1.json")
        data = json.loads(card.read_text(encoding="utf-8"))
        data.setdefault("sha256", {})["skops"] = file_sha256(model)
        card.write_text(json.dumps(data), encoding="utf-8")
    linear_path(model).unlink(missing_ok=True)  # what a re-export would read
    return model


@pytest.fixture(autouse=True)
def _fresh_caches():
    yield
    persist._loaded.clear()
    models.forget()


@pytest.mark.parametrize("module,func,arg", [
    ("builtins", "exec", "open({marker!r}, 'w').write('ran')"),
    ("builtins", "eval", "open({marker!r}, 'w').write('ran')"),
    ("os", "system", "touch {marker}"),
    ("subprocess", "getoutput", "touch {marker}"),
])
def test_model_trust_tampered_model_refused_before_anything_runs(tmp_path, module, func, arg):
    marker = tmp_path / "ran.txt"
    model = _tamper(_copy_model(tmp_path / "m"), _call_node(module, func, arg.format(marker=str(marker))))
    with pytest.raises(OgiError) as exc:
        load_classifier(path=model)
    assert f"{module}.{func}" in str(exc.value), "the refusal names the type"
    assert str(model) in str(exc.value), "and the file"
    with pytest.raises(OgiError, match="no export"):  # run time never opens the .skops file
        models.get(model.parent)
    with pytest.raises(OgiError, match=f"{module}.{func}"):  # nor does a re-export of it
        persist.reexport(model)
    assert not marker.exists(), "the model's payload ran"


def test_model_trust_check_reads_the_schema_not_skops_defaults(tmp_path):
    # a type skops itself trusts by default is still refused when ogi's list lacks it
    model = _tamper(_copy_model(tmp_path / "m"),
                    {"__class__": "Counter", "__module__": "collections", "__loader__": "ObjectNode",
                     "content": {"__class__": "dict", "__module__": "builtins", "__loader__": "DictNode",
                                 "content": {}, "__id__": 5}, "__id__": 6})
    with pytest.raises(OgiError, match="collections.Counter"):
        check_model_file(model)


def test_model_trust_unknown_loader_refused(tmp_path):
    node = {"__class__": "str", "__module__": "builtins", "__loader__": "OperatorFuncNode",
            "attrs": {}, "__id__": 7}
    model = _tamper(_copy_model(tmp_path / "m"), node)
    with pytest.raises(OgiError, match="OperatorFuncNode"):
        check_model_file(model)


def test_model_trust_allow_list_is_exact():
    assert not any(t.endswith(".") or t.endswith("*") for t in ALLOWED_TYPES)
    assert {"builtins.exec", "builtins.eval", "os.system", "builtins.getattr",
            "builtins.__import__"}.isdisjoint(ALLOWED_TYPES)


def test_model_trust_changed_file_fails_its_card(tmp_path):
    # a change the type check cannot see (an array's values) is caught by the card's SHA-256
    model = _copy_model(tmp_path / "m")
    with zipfile.ZipFile(model) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["extra.txt"] = b"x"
    with zipfile.ZipFile(model, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in members.items():
            z.writestr(n, b)
    linear_path(model).unlink()
    with pytest.raises(OgiError, match="SHA-256"):
        load_classifier(path=model)


def test_model_trust_changed_export_is_refused_not_replaced(tmp_path):
    model = _copy_model(tmp_path / "m")
    lin = linear_path(model)
    with np.load(lin, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["kind_intercept"] = arrays["kind_intercept"] + 5.0
    with open(lin, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    with pytest.raises(OgiError, match="SHA-256") as exc:
        models.get(model.parent)
    assert str(model.parent) in str(exc.value) and "ogi train --reexport" in str(exc.value)


def test_model_trust_pickled_export_is_refused(tmp_path):
    # an object array in the export needs pickle to load: refused, nothing built
    model = _copy_model(tmp_path / "m")
    lin = linear_path(model)
    with np.load(lin, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["meta"] = np.asarray([{"format": 1}], dtype=object)
    with open(lin, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    card = model.with_name("statements-v1.json")
    data = json.loads(card.read_text(encoding="utf-8"))
    data["sha256"]["linear"] = file_sha256(lin)  # the attacker fixes the card too
    card.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OgiError, match="not a readable linear statement model.*pickle"):
        models.get(model.parent)


def test_model_trust_missing_card_refused(tmp_path):
    model = _copy_model(tmp_path / "m")
    model.with_name("statements-v1.json").unlink()
    with pytest.raises(OgiError, match="no card statements-v1.json"):
        models.get(model.parent)
    linear_path(model).unlink()
    with pytest.raises(OgiError, match="model card"):
        load_classifier(path=model)


def test_model_trust_shipped_model_loads_and_matches_card():
    types = check_model_file(SHIPPED)
    assert set(types) <= ALLOWED_TYPES
    assert "ogi.training.estimator.StatementClassifier" in types
    card = json.loads(SHIPPED.with_name("statements-v1.json").read_text(encoding="utf-8"))
    assert card["sha256"]["skops"] == file_sha256(SHIPPED)
    assert card["sha256"]["linear"] == file_sha256(linear_path(SHIPPED))
    assert isinstance(models.get(), LinearStatementModel)


def test_model_trust_model_saved_by_an_older_ogi_is_refused_with_the_reason(tmp_path):
    model = _copy_model(tmp_path / "m")
    with zipfile.ZipFile(model) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["schema.json"] = members["schema.json"].replace(b'"ogi.training.estimator"', b'"ogi.nlp.classify"')
    with zipfile.ZipFile(model, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in members.items():
            z.writestr(n, b)
    with pytest.raises(OgiError, match="ogi.nlp.classify.StatementClassifier.*older ogi.*ogi train"):
        check_model_file(model)
