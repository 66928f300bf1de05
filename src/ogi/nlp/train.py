"""Training of the statement model: cross-validation, honest dev evaluation, skops file, model card.

``train()`` is what ``ogi train`` runs. With the same inputs it produces the same model and
byte-identical metrics (fixed seeds, no clock in the outputs).

Data: the synthetic sections (always), the dev-corpus labels (when ``../shared/corpora/dev``
is present and ``use_dev``), and weak labels from ``corpus`` (kind only).

Evaluation, written to ``results/`` and to the model card:

- ``cv``: grouped 5-fold cross-validation (folds never split a section), per-class F1 and
  macro-F1 of kind and main topic;
- ``dev_heldout``: a model trained *without* the dev labels, scored on the dev gold with the
  full extractor (segmentation + classification) — the honest figure;
- ``dev_loro``: leave-one-report-out over the dev reports (train on synthetic + the other dev
  reports), scored the same way;
- ``dev_in_sample``: the final model (which includes the dev labels when ``use_dev``) on the
  same gold — optimistic, shown only for comparison.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from ogi.nlp.classify import MODEL_NAME, MODELS_DIR, StatementClassifier, model_path, save_classifier
from ogi.nlp.trust import model_hashes
from ogi.nlp.labels import DEV_OFFSETS_PATH, LABELS_DIR, labelled_records, load_dev_labels, load_synthetic, \
    weak_records
from ogi.nlp.statements import KINDS, TOPICS

__all__ = ["train", "cross_validate", "write_model_card"]


def _r(x):
    if x is None:
        return None
    return round(float(x), 4)


def _per_class(y_true, y_pred, labels) -> dict:
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(labels), zero_division=0)
    present = [i for i, n in enumerate(s) if n > 0]
    return {
        "per_class": {lab: {"precision": _r(p[i]), "recall": _r(r[i]), "f1": _r(f[i]), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
        "macro_f1": _r(np.mean([f[i] for i in present])) if present else None,
        "accuracy": _r(np.mean(np.asarray(y_true, dtype=object) == np.asarray(y_pred, dtype=object))),
    }


def cross_validate(X, kinds, topics, groups, *, n_splits: int = 5, seed: int = 0,
                   weak: tuple[list, list, list] | None = None, **params) -> dict:
    """Grouped k-fold CV of :class:`StatementClassifier`: per-class F1 of kind and main topic.

    Weak records (kind only) are added to every training fold, never scored.
    """
    kinds_a = np.asarray(kinds, dtype=object)
    main = np.asarray([t[0] for t in topics], dtype=object)
    pred_k = np.empty(len(X), dtype=object)
    pred_t = np.empty(len(X), dtype=object)
    n_groups = len(set(groups))
    cv = GroupKFold(n_splits=min(n_splits, n_groups))
    for tr, te in cv.split(X, kinds_a, groups):
        Xtr = [X[i] for i in tr]
        ktr = [kinds[i] for i in tr]
        ttr = [topics[i] for i in tr]
        if weak is not None:
            Xtr += weak[0]
            ktr += weak[1]
            ttr += [None] * len(weak[0])
        clf = StatementClassifier(random_state=seed, **params).fit(Xtr, ktr, ttr)
        preds = clf.predict_records([X[i] for i in te])
        for i, pr in zip(te, preds):
            pred_k[i] = pr["kind"]
            pred_t[i] = pr["topics"][0] if pr["topics"] else None
    return {"n_splits": int(min(n_splits, n_groups)), "n": len(X),
            "kind": _per_class(kinds_a, pred_k, KINDS),
            "main_topic": _per_class(main, pred_t, TOPICS)}


def _eval_gold(clf: StatementClassifier, gold_dir: Path, only: set[str] | None = None) -> dict:
    from ogi.nlp.evaluate import evaluate_gold_dir
    from ogi.nlp.statements import extract_statements

    res = evaluate_gold_dir(gold_dir, extract=lambda t: extract_statements(t, classifier=clf))
    return _summary(res)


def _summary(res: dict) -> dict:
    keys = ("files", "n_gold", "n_pred", "tp", "precision", "recall", "f1", "kind_accuracy",
            "main_topic_accuracy", "topic_jaccard")
    return {k: (_r(res[k]) if isinstance(res.get(k), float) else res.get(k)) for k in keys}


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _loro(syn, dev_docs, gold_dir: Path, seed: int, weak, **params) -> dict:
    """Leave one dev report out: train on synthetic + other dev reports, score the left-out gold."""
    from ogi.nlp.evaluate import _finish, evaluate_statements
    from ogi.nlp.statements import extract_statements

    golds = {}
    for g in sorted(gold_dir.glob("*.json")):
        d = json.loads(g.read_text(encoding="utf-8"))
        if d.get("statements"):
            golds.setdefault(d["file"], []).append(d)
    totals = {"n_pred": 0, "n_gold": 0, "tp": 0, "kind_correct": 0, "main_topic_correct": 0,
              "topic_jaccard_sum": 0.0}
    files = 0
    for doc in dev_docs:
        name = doc.id.split(":", 1)[1]
        stem = Path(name).stem
        train_docs = syn + [d for d in dev_docs if d is not doc]
        X, k, t, _ = labelled_records(train_docs)
        if weak is not None:
            X, k, t = X + weak[0], k + weak[1], t + [None] * len(weak[0])
        clf = StatementClassifier(random_state=seed, **params).fit(X, k, t)
        # score on every gold copy of this report (the .txt and its -page.html twin)
        for f, ds in golds.items():
            if Path(f).stem.removesuffix("-page") != stem.removesuffix("-page"):
                continue
            for d in ds:
                res = evaluate_statements(extract_statements(d["problems_text"], classifier=clf), d["statements"])
                files += 1
                for key in ("n_pred", "n_gold", "tp", "kind_correct", "main_topic_correct"):
                    totals[key] += res[key]
                totals["topic_jaccard_sum"] += (res["topic_jaccard"] or 0.0) * res["tp"]
    out = _finish(totals)
    out["files"] = files
    return _summary(out)


def train(*, corpus: Path | None = None, out_dir: Path = MODELS_DIR, seed: int = 0, use_dev: bool = True,
          dev_corpus: Path | None = None, results_dir: Path | None = None, name: str = MODEL_NAME,
          evaluate: bool = True, write_results: bool = True) -> dict:
    """Train, evaluate and save the statement model.

    Args:
        corpus: a folder of reports whose sub-headed statements give weak kind labels.
        out_dir: where the model (``NAME.skops``), its metrics (``NAME.json``) and
            ``MODEL_CARD.md`` go.
        seed: seed of every randomised step.
        use_dev: include the dev-corpus labels in the final model (when the corpus is present).
        dev_corpus: the dev corpus folder (default ``ogi.paths.DEV_CORPUS_DIR``); its ``gold/``
            is used for the dev evaluations.
        results_dir: where the cross-validation results go (default ``ogi.paths.RESULTS_DIR``).
        name: model name with version suffix.
        evaluate: run cross-validation and the dev evaluations (off: just fit and save).
        write_results: write ``statements_cv.json``/``.csv`` to ``results_dir``.

    Returns:
        The metrics: data counts, ``cv``, ``dev_heldout``, ``dev_loro``, ``dev_in_sample``.
    """
    from ogi import paths

    dev_corpus = Path(dev_corpus) if dev_corpus is not None else paths.DEV_CORPUS_DIR
    results_dir = Path(results_dir) if results_dir is not None else paths.RESULTS_DIR
    out_dir = Path(out_dir)
    gold_dir = dev_corpus / "gold"
    syn = load_synthetic()
    dev_docs = load_dev_labels(dev_corpus) if use_dev else []
    weak = None
    if corpus is not None:
        wX, wk, _ = weak_records(corpus)
        weak = (wX, wk, [None] * len(wX))
    X_syn, k_syn, t_syn, g_syn = labelled_records(syn)
    X_dev, k_dev, t_dev, g_dev = labelled_records(dev_docs)
    X, kinds, topics, groups = X_syn + X_dev, k_syn + k_dev, t_syn + t_dev, g_syn + g_dev
    metrics: dict = {
        "model": name,
        "seed": seed,
        "data": {
            "synthetic_statements": len(X_syn), "synthetic_sections": len(syn),
            "dev_statements": len(X_dev), "dev_reports": len(dev_docs),
            "weak_statements": len(weak[0]) if weak else 0,
            "kinds": {k: int(sum(1 for x in kinds if x == k)) for k in KINDS},
            "main_topics": {t: int(sum(1 for x in topics if x[0] == t)) for t in TOPICS},
            "synthetic_sha256": _sha256(LABELS_DIR / "synthetic.jsonl"),
            "dev_offsets_sha256": _sha256(DEV_OFFSETS_PATH) if dev_docs else None,
        },
        "params": StatementClassifier(random_state=seed).get_params(),
    }
    metrics["params"]["char_ngram_range"] = list(metrics["params"]["char_ngram_range"])
    if evaluate:
        metrics["cv"] = cross_validate(X, kinds, topics, groups, seed=seed, weak=weak)
        if gold_dir.is_dir():
            wXk = (weak[0], weak[1]) if weak else ([], [])
            base = StatementClassifier(random_state=seed).fit(
                X_syn + wXk[0], k_syn + wXk[1], t_syn + [None] * len(wXk[0]))
            metrics["dev_heldout"] = _eval_gold(base, gold_dir)
            if dev_docs:
                metrics["dev_loro"] = _loro(syn, dev_docs, gold_dir, seed, weak)
    fX, fk, ft = list(X), list(kinds), list(topics)
    if weak:
        fX, fk, ft = fX + weak[0], fk + weak[1], ft + [None] * len(weak[0])
    final = StatementClassifier(random_state=seed).fit(fX, fk, ft)
    if evaluate and gold_dir.is_dir():
        metrics["dev_in_sample" if dev_docs else "dev_final"] = _eval_gold(final, gold_dir)
    metrics["includes_dev_labels"] = bool(dev_docs)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = save_classifier(final, model_path(name, out_dir), check=fX)
    metrics["sha256"] = model_hashes(saved)  # the card below replaces the one save_classifier wrote
    (out_dir / f"{name}.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                          encoding="utf-8")
    write_model_card(metrics, out_dir / "MODEL_CARD.md")
    from ogi.nlp import linear
    from ogi.nlp.classify import _loaded

    _loaded.pop(model_path(name, out_dir).resolve(), None)  # a reload picks up the new file
    linear._loaded.pop(model_path(name, out_dir).resolve(), None)
    if evaluate and write_results:
        _write_results(metrics, results_dir)
    return metrics


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


def _fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


def write_model_card(metrics: dict, path: Path) -> Path:
    """Write the model card (data, method, metrics, limits) for a trained model."""
    d = metrics["data"]
    lines = [
        f"# Model card: `{metrics['model']}` (statement kind and topics)",
        "",
        "Classifies the statements of section 五 (存在的主要问题及改进情况) of annual reports on open",
        "government information: kind (`problem`/`improvement`/`other`, calibrated probability in",
        "`score`) and topics (main first; shared/spec/statements.md). Built by `ogi train` "
        f"(seed {metrics['seed']}); saved with skops, loaded with a type allow-list.",
        f"Prediction uses `{metrics['model']}.linear.npz`: the same model as NumPy arrays (vocabularies,",
        "IDF, coefficients, calibration; no pickle), written only after it gave the estimator's",
        "predictions on every training statement and 300 probe records, and used only while the",
        "SHA-256 of the `.skops` file it records matches (`ogi.nlp.linear`).",
        "",
    ]
    if metrics.get("sha256"):
        h = metrics["sha256"]
        lines += [
            "## Files",
            "",
            "Loading refuses a file whose SHA-256 differs from the one recorded in "
            f"`{metrics['model']}.json`, and a `.skops` file naming any type outside the exact allow-list of",
            "`ogi.nlp.trust` (checked before any object is built).",
            "",
            f"- `{metrics['model']}.skops`: `{h['skops']}`",
            f"- `{metrics['model']}.linear.npz`: `{h['linear'] or 'not written'}`",
            "",
        ]
    lines += [
        "## Method",
        "",
        "`ogi.nlp.classify.StatementClassifier`: TF-IDF of jieba tokens (+ bigrams, ogi user",
        "dictionary `userdict-v1`) and character 1–3-grams; context features (sub-heading or framing",
        "sentence above the statement, the kind it announces, position, list style) for the kind.",
        "Kind and main topic: linear SVMs with sigmoid calibration; further topics: one-vs-rest",
        "logistic regressions above a probability threshold.",
        "",
        "## Data",
        "",
        f"- synthetic statements written for ogi: {d['synthetic_statements']} in {d['synthetic_sections']} sections"
        " (`labels/synthetic.jsonl`, generated by `ogi.nlp.synthetic`)",
        f"- dev-corpus statements (labels by file and offset, text read from ../shared): {d['dev_statements']}"
        f" in {d['dev_reports']} reports — {'included' if metrics.get('includes_dev_labels') else 'NOT included'}"
        " in this model",
        f"- weak labels (statements under problem/improvement sub-headings of `--corpus`): {d['weak_statements']}",
        f"- kinds: {', '.join(f'{k} {v}' for k, v in d['kinds'].items())}",
        f"- main topics: {', '.join(f'{k} {v}' for k, v in d['main_topics'].items())}",
        "",
    ]
    if "cv" in metrics:
        cv = metrics["cv"]
        lines += [
            f"## Cross-validation ({cv['n_splits']}-fold, grouped by section, n = {cv['n']})",
            "",
            "Optimistic: synthetic statements share phrase pools across sections.",
            "",
            "| task | class | F1 | support |",
            "|---|---|---|---|",
        ]
        for task in ("kind", "main_topic"):
            for cls, row in cv[task]["per_class"].items():
                lines.append(f"| {task} | {cls} | {_fmt(row['f1'])} | {row['support']} |")
            lines.append(f"| {task} | **macro** | **{_fmt(cv[task]['macro_f1'])}** | |")
        lines.append("")
    dev_rows = [("dev_heldout", "trained without dev labels (honest)"),
                ("dev_loro", "leave one dev report out (honest)"),
                ("dev_in_sample", "this model, dev labels included (optimistic)"),
                ("dev_final", "this model")]
    present = [(k, label) for k, label in dev_rows if metrics.get(k)]
    if present:
        lines += ["## Evaluation on ../shared/corpora/dev/gold (segmentation + classification)", "",
                  "| model | files | statement P | R | F1 | kind acc. | main-topic acc. |",
                  "|---|---|---|---|---|---|---|"]
        for k, label in present:
            m = metrics[k]
            lines.append(f"| {label} | {m['files']} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | "
                         f"{_fmt(m['f1'])} | {_fmt(m['kind_accuracy'])} | {_fmt(m['main_topic_accuracy'])} |")
        lines += ["", "The segmenter's rules were developed while reading the dev reports, so its",
                  "statement F1 there is not a held-out figure; the classification figures of the two",
                  "honest rows are.", ""]
    lines += ["## Limits", "",
              "- Few real labelled statements; the synthetic register is narrower than real reports.",
              "- Topics are a judgement call: gold often lists two or three; only the main one is scored.",
              "- Pre-2019 reports and non-standard sections are out of the training distribution.", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
