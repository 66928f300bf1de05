"""The statement model exported to arrays (ogi.nlp.linear): same predictions, no scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from ogi.errors import OgiError
from ogi.nlp import models
from ogi.nlp.linear import LinearStatementModel
from ogi.nlp.records import make_record
from ogi.nlp.trust import file_sha256, linear_path
from ogi.paths import PROJECT_DIR
from ogi.training.estimator import StatementClassifier
from ogi.training.export import export_linear, probe_records
from ogi.training.labels import labelled_records, load_synthetic
from ogi.training.persist import load_classifier, model_path, save_classifier


def _same(a: list[dict], b: list[dict]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert (x["kind"], x["topics"]) == (y["kind"], y["topics"])
        assert x["score"] == pytest.approx(y["score"], abs=1e-9)
        assert x["topic_scores"] == pytest.approx(y["topic_scores"], abs=1e-9)


@pytest.fixture(scope="module")
def small_data():
    X, k, t, _ = labelled_records(load_synthetic()[:80])
    return X, k, t


def test_linear_shipped_export_is_current_and_used():
    skops = model_path()
    lin = linear_path(skops)
    assert lin.name == "statements-v1.linear.npz" and lin.is_file()
    model = LinearStatementModel.load(lin)
    assert model.source_sha256 == file_sha256(skops), "export made from another model file: rerun ogi train"
    assert isinstance(models.get(), LinearStatementModel)
    assert models.get() is models.get()


def test_linear_shipped_export_predicts_as_the_estimator():
    clf = load_classifier()
    model = models.get()
    X, _, _, _ = labelled_records(load_synthetic())
    probe = probe_records(clf, 500, seed=11)
    _same(model.predict_records(X + probe), clf.predict_records(X + probe))
    assert list(model.classes_) == list(clf.classes_)


def test_linear_real_statements_predict_as_the_estimator(dev_dir):
    from ogi.nlp.records import segment_record
    from ogi.nlp.statements import segment
    from ogi.parse import parse

    recs = []
    for path in sorted(dev_dir.glob("*.txt"))[:12]:
        sec = parse(path, statements=False).section("problems")
        body = sec.text if sec else ""
        recs += [segment_record(s) for s in segment(body)]
    assert recs
    _same(models.get().predict_records(recs), load_classifier().predict_records(recs))


def test_linear_odd_inputs():
    model = models.get()
    clf = load_classifier()
    odd = [make_record(""), make_record("ABC  def", tokens=["ABC", "def"]), make_record("＊＊＊＊", context="（二）改进措施"),
           make_record("二是" + "公开" * 400, hint="improvement")]
    _same(model.predict_records(odd), clf.predict_records(odd))
    assert model.predict_records([]) == []


def test_linear_save_classifier_writes_a_checked_export(tmp_path, small_data):
    X, k, t = small_data
    clf = StatementClassifier(calibration_cv=2).fit(X, k, t)
    p = save_classifier(clf, tmp_path / "m-v0.skops", check=X)
    lin = linear_path(p)
    assert lin.is_file()
    meta = json.loads(np.load(lin, allow_pickle=False)["meta"].item())
    assert meta["source_sha256"] == file_sha256(p) and meta["heads"]["kind"] == "sigmoid"
    model = models.get(p.parent)
    assert isinstance(model, LinearStatementModel)
    _same(model.predict_records(X), clf.predict_records(X))


def test_linear_stale_or_damaged_export_is_an_error_never_the_estimator(tmp_path, small_data):
    X, k, t = small_data
    clf = StatementClassifier(calibration_cv=2).fit(X, k, t)
    a = save_classifier(clf, tmp_path / "a" / "m-v0.skops")
    b = save_classifier(StatementClassifier(calibration_cv=2, C_kind=0.1).fit(X, k, t), tmp_path / "b" / "m-v0.skops")
    # a's export beside b's model: the card's hash differs
    linear_path(b).write_bytes(linear_path(a).read_bytes())
    with pytest.raises(OgiError, match="model card records") as exc:
        models.get(b.parent)
    assert str(b.parent) in str(exc.value) and "ogi train --reexport" in str(exc.value)
    # ... and with the card rewritten to match: made from another .skops file
    card = b.with_name("m-v0.json")
    data = json.loads(card.read_text(encoding="utf-8"))
    data["sha256"]["linear"] = file_sha256(linear_path(b))
    card.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(OgiError, match="exported from another m-v0.skops"):
        models.get(b.parent)
    # a damaged export
    c = save_classifier(clf, tmp_path / "c" / "m-v0.skops")
    linear_path(c).write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(OgiError, match="differs from the one its model card records"):
        models.get(c.parent)
    # no export at all: the folder, and how to rebuild it
    linear_path(c).unlink()
    with pytest.raises(OgiError, match=r"no export m-v0.linear.npz.*ogi train --reexport") as exc:
        models.get(c.parent)
    assert str(c.parent) in str(exc.value)


def test_linear_reexport_rebuilds_the_export_from_the_skops_file(tmp_path, small_data):
    from ogi.training.persist import reexport

    X, k, t = small_data
    clf = StatementClassifier(calibration_cv=2).fit(X, k, t)
    p = save_classifier(clf, tmp_path / "m-v0.skops")
    linear_path(p).unlink()
    assert reexport(tmp_path) == linear_path(p)
    _same(models.get(p.parent).predict_records(X), clf.predict_records(X))


@pytest.mark.filterwarnings("ignore:Label not 1 is present:UserWarning")
def test_linear_export_covers_logistic_and_constant_heads(tmp_path, small_data):
    X, k, t = small_data
    # calibration_cv=1: no calibration folds -> plain logistic regressions
    clf = StatementClassifier(calibration_cv=1).fit(X, k, t)
    arrays = export_linear(clf)
    meta = json.loads(arrays["meta"].item())
    assert meta["heads"]["kind"] == "softmax" and meta["heads"]["topic"] == "softmax"
    probe = probe_records(clf, 200)
    _same(LinearStatementModel(arrays).predict_records(X + probe), clf.predict_records(X + probe))
    # one topic only: a constant main-topic head
    one = StatementClassifier(calibration_cv=2).fit(X, k, [["capacity"]] * len(X))
    arrays = export_linear(one)
    assert json.loads(arrays["meta"].item())["heads"]["topic"] == "constant"
    _same(LinearStatementModel(arrays).predict_records(X[:20]), one.predict_records(X[:20]))


def test_linear_inexact_export_fails_the_save(tmp_path, small_data, monkeypatch):
    X, k, t = small_data
    clf = StatementClassifier(calibration_cv=2).fit(X, k, t)
    import ogi.nlp.linear as lin_mod

    monkeypatch.setattr(lin_mod, "sigmoid_calibrated_proba",
                        lambda df, a, b, n: np.full((df.shape[0], n), 1.0 / n))
    with pytest.raises(OgiError, match="do not predict as the estimator"):
        save_classifier(clf, tmp_path / "m-v0.skops")
    assert list(tmp_path.iterdir()) == [], "a model that cannot be used was left behind"


def test_linear_parsing_with_statements_imports_no_sklearn():
    code = ("import sys; import ogi; r = ogi.parse('corpora/sample/seed-2024-masked.txt'); "
            "assert r.statements, 'no statements'; "
            "print(sorted(m for m in ('sklearn', 'skops', 'scipy', 'spacy', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
