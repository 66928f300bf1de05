"""Statement classifier: shipped model smoke tests, estimator contract, determinism, training."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from sklearn.base import clone

from ogi.errors import OgiError, UsageError
from ogi.nlp import models
from ogi.nlp.records import make_record
from ogi.nlp.statements import extract_statements
from ogi.nlp.taxonomy import KINDS, TOPICS
from ogi.training import StatementClassifier, labelled_records, load_classifier, load_synthetic, model_path


@pytest.fixture(scope="module")
def small_data():
    X, k, t, _ = labelled_records(load_synthetic()[:60])
    return X, k, t


def test_nlp_classify_shipped_model_is_skops_and_versioned():
    p = model_path()
    assert p.name == "statements-v1.skops" and p.is_file()
    assert (p.parent / "MODEL_CARD.md").is_file()
    assert (p.parent / "statements-v1.json").is_file()


def test_nlp_classify_shipped_model_loads_once():
    assert load_classifier() is load_classifier()


@pytest.mark.parametrize("text, hint, kind, topic", [
    ("一是政策解读形式较为单一，群众理解有难度。", "problem", "problem", "interpretation"),
    ("二是依申请公开答复文书不够规范。", "problem", "problem", "applications"),
    ("一是加强业务培训，提升工作人员业务水平。", "improvement", "improvement", "capacity"),
    ("三是加快数字化转型，上线智能问答服务。", "improvement", "improvement", "digital"),
    ("个别栏目更新不及时，存在长期未更新的情况。", None, "problem", "timeliness"),
])
def test_nlp_classify_kind_and_main_topic(text, hint, kind, topic):
    for model in (models.get(), load_classifier()):  # the run-time predictor and its estimator
        pred = model.predict_records([make_record(text, hint=hint)])[0]
        assert pred["kind"] == kind
        assert pred["topics"][0] == topic
        assert 0.5 <= pred["score"] <= 1.0


def test_nlp_classify_extract_statements_records():
    text = "（一）主要问题\n一是政策解读形式单一。\n二是信息更新不及时。\n（二）改进措施\n一是丰富解读形式。\n二是建立更新台账，确保及时更新。"
    recs = extract_statements(text)
    assert [r["kind"] for r in recs] == ["problem", "problem", "improvement", "improvement"]
    for r in recs:
        assert text[r["start"]:r["end"]] == r["text"]
        assert set(r) == {"text", "kind", "topics", "score", "start", "end", "context", "pair"}
        assert r["kind"] in KINDS and all(t in TOPICS for t in r["topics"])
    assert recs[0]["pair"] == 2 and recs[2]["pair"] == 0
    assert recs[1]["pair"] == 3


def test_nlp_classify_estimator_contract(small_data):
    X, k, t = small_data
    clf = StatementClassifier(C_kind=0.3, random_state=1)
    assert clf.get_params()["C_kind"] == 0.3
    assert not hasattr(clf, "kind_model_")
    assert clone(clf).get_params() == clf.get_params()
    assert clf.fit(X, k, t) is clf
    assert list(clf.classes_) == sorted(set(k))
    proba = clf.predict_proba(X[:5])
    assert np.allclose(proba.sum(axis=1), 1.0)


def test_nlp_classify_prediction_keeps_no_state(small_data):
    # one way to predict (scikit-learn's own): nothing cached on the estimator by predicting
    X, k, t = small_data
    clf = StatementClassifier().fit(X, k, t)
    before = copy.copy(vars(clf))
    clf.predict_records(X[:5])
    clf.predict_proba(X[:5])
    assert vars(clf).keys() == before.keys()


def test_nlp_classify_predict_records_is_predict_proba(small_data):
    X, k, t = small_data
    clf = StatementClassifier().fit(X, k, t)
    recs = clf.predict_records(X[:10])
    proba = clf.predict_proba(X[:10])
    assert [r["kind"] for r in recs] == clf.predict(X[:10]).tolist()
    assert [r["score"] for r in recs] == pytest.approx(proba.max(axis=1).tolist(), abs=0)


def test_nlp_classify_estimator_is_for_training_only():
    import ogi.training.estimator

    assert StatementClassifier.__module__ == "ogi.training.estimator"
    assert not any(name.startswith("_fast") or name == "_calibrated_proba"
                   for name in vars(ogi.training.estimator.StatementClassifier))


def test_nlp_classify_unfitted_and_bad_labels(small_data):
    X, k, t = small_data
    with pytest.raises(OgiError):
        StatementClassifier().predict(X[:1])
    with pytest.raises(UsageError, match="problem, improvement, other"):
        StatementClassifier().fit(X[:2], ["bad", "problem"])


def test_nlp_classify_fit_is_deterministic(small_data):
    X, k, t = small_data
    a = StatementClassifier(random_state=0).fit(X, k, t)
    b = StatementClassifier(random_state=0).fit(X, k, t)
    assert np.array_equal(a.predict_proba(X), b.predict_proba(X))
    assert a.predict_topics(X) == b.predict_topics(X)


def test_nlp_classify_weak_labels_train_kind_only(small_data):
    X, k, t = small_data
    topics = [tt if i % 2 else None for i, tt in enumerate(t)]
    clf = StatementClassifier().fit(X, k, topics)
    assert clf.predict_records(X[:3])[0]["topics"]


def test_nlp_classify_skops_roundtrip(tmp_path, small_data):
    from ogi.training import save_classifier

    X, k, t = small_data
    clf = StatementClassifier().fit(X, k, t)
    p = save_classifier(clf, tmp_path / "m-v0.skops")
    back = load_classifier(path=p)
    assert np.array_equal(back.predict_proba(X), clf.predict_proba(X))


def test_nlp_classify_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(OgiError, match="ogi train"):
        load_classifier(path=tmp_path / "nope.skops")


@pytest.mark.slow
def test_nlp_classify_train_is_reproducible(tmp_path):
    from ogi.training import train

    a = train(out_dir=tmp_path / "a", evaluate=False, use_dev=False)
    b = train(out_dir=tmp_path / "b", evaluate=False, use_dev=False)
    ja = json.loads((tmp_path / "a" / "statements-v1.json").read_bytes())
    jb = json.loads((tmp_path / "b" / "statements-v1.json").read_bytes())
    # the .skops bytes hold object ids, so their SHA-256 (recorded for the load check) differs
    # between runs; everything learned and measured is identical
    ja.pop("sha256"), jb.pop("sha256")
    a.pop("sha256"), b.pop("sha256")
    assert ja == jb and a == b
    ma = load_classifier(path=tmp_path / "a" / "statements-v1.skops")
    mb = load_classifier(path=tmp_path / "b" / "statements-v1.skops")
    X, _, _, _ = labelled_records(load_synthetic()[:20])
    assert np.array_equal(ma.predict_proba(X), mb.predict_proba(X))
    card = (tmp_path / "a" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "NOT included" in card
    assert ja["includes_dev_labels"] is False


@pytest.mark.slow
def test_nlp_classify_train_with_weak_corpus(tmp_path):
    from ogi.training import train

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "r.txt").write_text(
        "五、政府信息公开工作存在的主要问题及改进情况\n（一）主要问题\n一是网站栏目更新不及时。\n（二）改进情况\n一是建立更新台账。\n"
        "六、其他需要报告的事项\n无。", encoding="utf-8")
    m = train(corpus=corpus, out_dir=tmp_path / "m", evaluate=False, use_dev=False)
    assert m["data"]["weak_statements"] == 2
    assert (tmp_path / "m" / "statements-v1.skops").is_file()
