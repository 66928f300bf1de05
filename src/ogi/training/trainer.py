"""Training of the statement model: cross-validation, honest dev evaluation, model files, card.

``train()`` is what ``ogi train`` runs. With the same inputs it produces the same model and
byte-identical metrics (fixed seeds, no clock in the outputs).  It writes a model folder
(``NAME.skops``, ``NAME.linear.npz``, ``NAME.json``, ``MODEL_CARD.md``; default
``results/models``) and never into the installed package: the shipped model is replaced
only from a checkout, by naming its folder.

Data: the synthetic sections (always), the dev-corpus labels (when ``../shared/corpora/dev``
is present and ``use_dev``), and weak labels from ``corpus`` (kind only).

Evaluation, written to ``results/`` and to the model card:

- ``cv``: grouped 5-fold cross-validation (folds never split a section), per-class F1 and
  macro-F1 of kind and main topic;
- ``dev_heldout``: a model trained *without* the dev labels, scored on the dev gold with the
  full extractor (segmentation + classification) — the honest figure;
- ``dev_loro``: leave-one-report-out over the real dev reports (train on synthetic + the other
  dev reports), scored the same way — the headline; ``dev_loro_one_paragraph``: the same
  left-out models on one-paragraph renderings of each report (:mod:`ogi.training.realeval`);
- ``dev_in_sample``: the final model (which includes the dev labels when ``use_dev``) on the
  same gold — optimistic, shown only for comparison;
- ``second_writer``: the final model on the sections of a second, independent writer
  (:mod:`ogi.nlp.synthetic_b`, never trained on), in all and per layout
  (:mod:`ogi.training.second_writer`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from ogi.errors import UsageError
from ogi.nlp.models import DEFAULT_MODEL, check_name
from ogi.nlp.statements import extract_statements
from ogi.nlp.taxonomy import KINDS, SHIPPED_TAXONOMY, TOPICS, Taxonomy, load_taxonomy
from ogi.nlp.trust import file_sha256, model_hashes
from ogi.training.card import write_model_card
from ogi.training.custom import UserLabels, load_user_labels, split, taxonomy_file
from ogi.training.estimator import StatementClassifier
from ogi.training.evaluate import evaluate_gold_dir
from ogi.training.labels import (
    DEV_OFFSETS_PATH,
    GOLD_OFFSETS_PATH,
    LABELS_DIR,
    LabelledDoc,
    labelled_records,
    load_dev_labels,
    load_gold_labels,
    load_synthetic,
    weak_records,
)
from ogi.training.persist import model_path, save_classifier
from ogi.training.realeval import in_sample, loro, real_golds, report_stem

__all__ = ["train", "cross_validate"]

_Weak = tuple[list[dict], list[str], list[None]]


def _r(x: Any) -> float | None:
    if x is None:
        return None
    return round(float(x), 4)


def _per_class(y_true: Any, y_pred: Any, labels: Sequence[str]) -> dict:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(labels), zero_division=0)
    present = [i for i, n in enumerate(s) if n > 0]
    return {
        "per_class": {lab: {"precision": _r(p[i]), "recall": _r(r[i]), "f1": _r(f[i]), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
        "macro_f1": _r(np.mean([f[i] for i in present])) if present else None,
        "accuracy": _r(np.mean(np.asarray(y_true, dtype=object) == np.asarray(y_pred, dtype=object))),
    }


@dataclass
class _Labelled:
    """Feature records with their kinds and topics (None: kind only, a weak label)."""

    X: list[dict] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    topics: list[list[str] | None] = field(default_factory=list)

    def __add__(self, other: _Labelled) -> _Labelled:
        return _Labelled(self.X + other.X, self.kinds + other.kinds, self.topics + other.topics)

    def fit(self, seed: int, **params: Any) -> StatementClassifier:
        return StatementClassifier(random_state=seed, **params).fit(self.X, self.kinds, self.topics)


def _weak(weak: _Weak | None) -> _Labelled:
    return _Labelled(list(weak[0]), list(weak[1]), [None] * len(weak[0])) if weak else _Labelled()


def cross_validate(X: list[dict], kinds: list[str], topics: list[list[str]], groups: list[str], *,
                   n_splits: int = 5, seed: int = 0, weak: _Weak | None = None,
                   topic_names: Sequence[str] = TOPICS, **params: Any) -> dict:
    """Grouped k-fold CV of :class:`StatementClassifier`: per-class F1 of kind and main topic.

    Weak records (kind only) are added to every training fold, never scored; ``topic_names``
    are the topics the per-class table lists (a researcher's taxonomy's keys, or the shipped ones).
    """
    kinds_a = np.asarray(kinds, dtype=object)
    main = np.asarray([t[0] for t in topics], dtype=object)
    pred_k = np.empty(len(X), dtype=object)
    pred_t = np.empty(len(X), dtype=object)
    n_groups = len(set(groups))
    cv = GroupKFold(n_splits=min(n_splits, n_groups))
    for tr, te in cv.split(X, kinds_a, groups):
        fold = _Labelled([X[i] for i in tr], [kinds[i] for i in tr], [topics[i] for i in tr]) + _weak(weak)
        preds = fold.fit(seed, **params).predict_records([X[i] for i in te])
        for i, pr in zip(te, preds):
            pred_k[i] = pr["kind"]
            pred_t[i] = pr["topics"][0] if pr["topics"] else None
    return {"n_splits": int(min(n_splits, n_groups)), "n": len(X),
            "kind": _per_class(kinds_a, pred_k, KINDS),
            "main_topic": _per_class(main, pred_t, topic_names)}


def _eval_gold(clf: StatementClassifier, gold_dir: Path) -> dict:
    return _summary(evaluate_gold_dir(gold_dir, extract=lambda t: extract_statements(t, model=clf)))


def _summary(res: dict) -> dict:
    keys = ("files", "n_gold", "n_pred", "tp", "precision", "recall", "f1", "kind_accuracy",
            "main_topic_accuracy", "topic_jaccard")
    return {k: (_r(res[k]) if isinstance(res.get(k), float) else res.get(k)) for k in keys}


def _sha256(path: Path) -> str | None:
    return file_sha256(path) if path.is_file() else None


def _real(syn: list[LabelledDoc], dev_docs: list[LabelledDoc], gold_dir: Path, seed: int, weak: _Weak | None,
          **params: Any) -> dict:
    """Leave one real report out (its own layout and its one-paragraph renderings)."""
    def fit_without(stem: str) -> StatementClassifier:
        keep = [d for d in dev_docs if report_stem(d.id.split(":", 1)[1]) != stem]
        X, k, t, _ = labelled_records(syn + keep)
        return (_Labelled(X, k, list(t)) + _weak(weak)).fit(seed, **params)

    golds = real_golds(gold_dir)
    labelled = {report_stem(d.id.split(":", 1)[1]) for d in dev_docs}
    return loro({s: g for s, g in golds.items() if s in labelled}, fit_without)


def _data_counts(syn: list[LabelledDoc], dev_docs: list[LabelledDoc], labelled: _Labelled, n_syn: int,
                 n_weak: int) -> dict:
    return {
        "synthetic_statements": n_syn, "synthetic_sections": len(syn),
        "dev_statements": len(labelled.X) - n_syn, "dev_reports": len(dev_docs),
        "weak_statements": n_weak,
        "kinds": {k: int(sum(1 for x in labelled.kinds if x == k)) for k in KINDS},
        "main_topics": {t: int(sum(1 for x in labelled.topics if x and x[0] == t)) for t in TOPICS},
        "synthetic_sha256": _sha256(LABELS_DIR / "synthetic.jsonl"),
        "dev_offsets_sha256": _sha256(DEV_OFFSETS_PATH) if dev_docs else None,
        "gold_offsets_sha256": _sha256(GOLD_OFFSETS_PATH) if dev_docs else None,
    }


def _out_dir(out_dir: str | os.PathLike[str] | None) -> Path:
    """The model folder to write; never the installed package (a checkout's folder is allowed)."""
    from ogi import paths

    out = Path(out_dir) if out_dir is not None else paths.TRAINED_MODELS_DIR
    if paths.in_package(out):
        raise UsageError(f"{out} is inside the installed ogi package, which ogi train never writes to; "
                         f"train into a folder of your own (default {paths.TRAINED_MODELS_DIR}) and use it "
                         "with ogi.nlp.models.register(name, folder)")
    return out


def train(*, corpus: str | os.PathLike[str] | None = None, out_dir: str | os.PathLike[str] | None = None,
          seed: int = 0, use_dev: bool = True, dev_corpus: str | os.PathLike[str] | None = None,
          results_dir: str | os.PathLike[str] | None = None, name: str = DEFAULT_MODEL,
          evaluate: bool = True, write_results: bool = True, labels: str | os.PathLike[str] | None = None,
          taxonomy: str | os.PathLike[str] | None = None) -> dict:
    """Train, evaluate and save the statement model.

    Args:
        corpus: a folder of reports whose sub-headed statements give weak kind labels.
        out_dir: the model folder: ``NAME.skops``, ``NAME.linear.npz``, the card ``NAME.json``
            and ``MODEL_CARD.md`` go there (default ``ogi.paths.TRAINED_MODELS_DIR``,
            ``results/models``; never inside the installed package).
        seed: seed of every randomised step.
        use_dev: include the dev-corpus labels in the final model (when the corpus is present).
        dev_corpus: the dev corpus folder (default ``ogi.paths.DEV_CORPUS_DIR``); its ``gold/``
            is used for the dev evaluations.
        results_dir: where the cross-validation results go (default ``ogi.paths.RESULTS_DIR``).
        name: model name with version suffix.
        evaluate: run cross-validation and the dev evaluations (off: just fit and save).
        write_results: write ``statements_cv.json``/``.csv`` to ``results_dir``.
        labels: a researcher's labelled statements (JSON Lines, :mod:`ogi.training.custom`):
            added to ogi's own data, or the only data with ``taxonomy``.
        taxonomy: a researcher's topics (:func:`ogi.nlp.taxonomy.load_taxonomy`): the model
            gives these topics, is trained on ``labels`` (and ``corpus``'s weak kinds) only,
            and its folder gets ``NAME.taxonomy.json``.

    Returns:
        The metrics: data counts, ``cv``, ``dev_heldout``, ``dev_loro``, ``dev_in_sample``,
        ``second_writer`` (with ``taxonomy``: ``taxonomy``, the data counts and ``cv`` on the user's statements).

    Raises:
        UsageError: ``out_dir`` is inside the installed package, ``name`` cannot name files,
            ``corpus`` does not exist, ``taxonomy`` comes without ``labels``, or a labels or
            taxonomy file is not valid (the message names the file and line).
    """
    from ogi import paths

    check_name(name)
    out = _out_dir(out_dir)
    if taxonomy is not None and labels is None:
        raise UsageError("--taxonomy needs --labels: the statements labelled with its topics")
    tax = load_taxonomy(taxonomy) if taxonomy is not None else SHIPPED_TAXONOMY
    user = load_user_labels(labels, topics=tax.keys) if labels is not None else None
    if taxonomy is not None and user is not None:
        weak_own = _with_weak(weak_records(corpus) if corpus is not None else None, user)
        return _train_own(user, tax, out, name, seed=seed, evaluate=evaluate, weak=weak_own,
                          results_dir=Path(results_dir) if results_dir is not None else paths.RESULTS_DIR,
                          write_results=write_results)
    dev_corpus = Path(dev_corpus) if dev_corpus is not None else paths.DEV_CORPUS_DIR
    gold_dir = dev_corpus / "gold"
    syn = load_synthetic()
    dev_docs = load_dev_labels(dev_corpus) + load_gold_labels(gold_dir) if use_dev else []
    weak = _with_weak(weak_records(corpus) if corpus is not None else None, user)
    X_syn, k_syn, t_syn, g_syn = labelled_records(syn)
    X_dev, k_dev, t_dev, g_dev = labelled_records(dev_docs)
    if user is not None:  # the researcher's statements with topics join the labelled data
        (uX, uk, ut, ug), _ = split(user)
        X_dev, k_dev, t_dev, g_dev = X_dev + uX, k_dev + uk, list(t_dev) + ut, g_dev + ug
    syn_data = _Labelled(X_syn, k_syn, list(t_syn))
    labelled = syn_data + _Labelled(X_dev, k_dev, list(t_dev))
    metrics: dict = {
        "model": name,
        "seed": seed,
        "data": _data_counts(syn, dev_docs, labelled, len(X_syn), len(weak[0]) if weak else 0),
        "params": StatementClassifier(random_state=seed).get_params(),
    }
    metrics["params"]["char_ngram_range"] = list(metrics["params"]["char_ngram_range"])
    if user is not None:
        metrics["data"].update(user.counts())
        metrics["data"]["dev_statements"] -= len(split(user)[0][0])
    if evaluate:
        metrics["cv"] = cross_validate(X_syn + X_dev, k_syn + k_dev, t_syn + t_dev, g_syn + g_dev, seed=seed,
                                       weak=weak)
        if gold_dir.is_dir():
            metrics["dev_heldout"] = _eval_gold((syn_data + _weak(weak)).fit(seed), gold_dir)
            if dev_docs:
                real = _real(syn, dev_docs, gold_dir, seed, weak)
                metrics["dev_loro"] = real["loro"]
                metrics["dev_loro_one_paragraph"] = real["one_paragraph"]
                metrics["dev_loro_per_report"] = real["per_report"]
    everything = labelled + _weak(weak)
    final = everything.fit(seed)
    if evaluate and gold_dir.is_dir():
        metrics["dev_in_sample" if dev_docs else "dev_final"] = _eval_gold(final, gold_dir)
        paragraph = in_sample(real_golds(gold_dir), final)["one_paragraph"]
        metrics["dev_in_sample_one_paragraph" if dev_docs else "dev_final_one_paragraph"] = paragraph
    if evaluate:  # imported here: python -m ogi.training.second_writer must not find it imported
        from ogi.training.second_writer import second_writer

        metrics["second_writer"] = second_writer(final, seed=seed)
    metrics["includes_dev_labels"] = bool(dev_docs)
    _save(final, metrics, out, name, check=everything.X)
    if evaluate and write_results:
        _write_results(metrics, Path(results_dir) if results_dir is not None else paths.RESULTS_DIR)
    return metrics


def _with_weak(corpus_weak: tuple[list[dict], list[str], list[str]] | None, user: UserLabels | None) -> _Weak | None:
    """The kind-only records: weak labels of ``--corpus`` and the user's statements without topics."""
    X: list[dict] = []
    kinds: list[str] = []
    if corpus_weak is not None:
        X, kinds = list(corpus_weak[0]), list(corpus_weak[1])
    if user is not None:
        _, (uX, uk, _) = split(user)
        X, kinds = X + uX, kinds + uk
    return (X, kinds, [None] * len(X)) if corpus_weak is not None or X else None


def _train_own(user: UserLabels, tax: Taxonomy, out: Path, name: str, *, seed: int, evaluate: bool,
               weak: _Weak | None, results_dir: Path, write_results: bool) -> dict:
    """Train a model of a researcher's taxonomy on their statements (``ogi train --taxonomy``)."""
    (X, kinds, topics, groups), _ = split(user)
    if not X:
        raise UsageError("no statement of the labels file has topics: a model of a taxonomy needs "
                         "statements labelled with its topics", path=user.path)
    params: dict[str, Any] = {"topic_keys": tax.keys}
    labelled = _Labelled(X, kinds, list(topics))
    n_weak = len(weak[0]) if weak else 0
    metrics: dict = {
        "model": name, "seed": seed,
        "taxonomy": {"name": tax.name, "file": Path(tax.source).name, "sha256": tax.sha256, "topics": list(tax.keys)},
        "data": {"synthetic_statements": 0, "synthetic_sections": 0, "dev_statements": 0, "dev_reports": 0,
                 "weak_statements": n_weak, "synthetic_sha256": None, "dev_offsets_sha256": None,
                 "kinds": {k: sum(1 for x in kinds if x == k) for k in KINDS},
                 "main_topics": {t: sum(1 for x in topics if x[0] == t) for t in tax.keys}, **user.counts()},
        "params": StatementClassifier(random_state=seed, **params).get_params(),
        "includes_dev_labels": False,
    }
    metrics["params"]["char_ngram_range"] = list(metrics["params"]["char_ngram_range"])
    metrics["params"]["topic_keys"] = list(tax.keys)
    if evaluate and len(set(groups)) >= 2:
        metrics["cv"] = cross_validate(X, kinds, topics, groups, seed=seed, weak=weak, topic_names=tax.keys,
                                       **params)
    everything = labelled + _weak(weak)
    _save(everything.fit(seed, **params), metrics, out, name, check=everything.X)
    taxonomy_file(out, name, tax)
    if evaluate and write_results and "cv" in metrics:
        _write_results(metrics, results_dir)
    return metrics


def _save(final: StatementClassifier, metrics: dict, out: Path, name: str, *, check: list[dict]) -> None:
    """The model files, then the card ``NAME.json`` (metrics and hashes) and ``MODEL_CARD.md``."""
    out.mkdir(parents=True, exist_ok=True)
    saved = save_classifier(final, model_path(name, out), check=check)
    metrics["sha256"] = model_hashes(saved)  # the card below replaces the one save_classifier wrote
    (out / f"{name}.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")
    write_model_card(metrics, out / "MODEL_CARD.md")


def _write_results(metrics: dict, results_dir: Path) -> None:
    results_dir.mkdir(parents=True, exist_ok=True)
    cv = metrics["cv"]
    (results_dir / "statements_cv.json").write_text(
        json.dumps({"model": metrics["model"], "seed": metrics["seed"], "cv": cv,
                    "dev_heldout": metrics.get("dev_heldout"), "dev_loro": metrics.get("dev_loro"),
                    "dev_in_sample": metrics.get("dev_in_sample")},
                   ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["task", "class", "precision", "recall", "f1", "support"])
    for task in ("kind", "main_topic"):
        for cls, row in cv[task]["per_class"].items():
            w.writerow([task, cls, row["precision"], row["recall"], row["f1"], row["support"]])
        w.writerow([task, "macro", "", "", cv[task]["macro_f1"], ""])
    (results_dir / "statements_cv.csv").write_text(buf.getvalue(), encoding="utf-8")
    import platform

    import scipy
    import sklearn
    import skops

    prov = {"command": "ogi train", "argv": sys.argv[1:] if sys.argv and "ogi" in Path(sys.argv[0]).name else [],
            "python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": np.__version__,
            "scipy": scipy.__version__, "skops": skops.__version__, "inputs": metrics["data"]}
    try:
        import jieba

        prov["jieba"] = jieba.__version__
    except ImportError:  # pragma: no cover
        pass
    (results_dir / "statements_cv.provenance.json").write_text(
        json.dumps(prov, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
