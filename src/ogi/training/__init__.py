"""Training of the statement model, below the pipeline: labels, estimator, export, evaluation.

Everything here is for building and judging models; nothing here runs when reports are parsed.
The pipeline (:mod:`ogi.nlp`) never imports this package; this package uses the pipeline's
segmenter, feature records and parser (for weak labels from a corpus).

- :mod:`~ogi.training.labels`: the labelled statements (synthetic, dev-corpus offsets, weak);
- :mod:`~ogi.training.features`, :mod:`~ogi.training.estimator`: the scikit-learn estimator;
- :mod:`~ogi.training.export`: the estimator as the arrays ogi predicts with, checked;
- :mod:`~ogi.training.persist`: skops files (type allow-list), re-export;
- :mod:`~ogi.training.evaluate`, :mod:`~ogi.training.trainer`, :mod:`~ogi.training.card`:
  scoring on gold, ``ogi train``, the model card.

Example:
    >>> from ogi.training import StatementClassifier, labelled_records, load_synthetic
    >>> X, kinds, topics, _ = labelled_records(load_synthetic()[:20])
    >>> clf = StatementClassifier(calibration_cv=2).fit(X, kinds, topics)
    >>> clf.predict(X[:1]).tolist() == kinds[:1]
    True
"""

from __future__ import annotations

from ogi.training.card import write_model_card
from ogi.training.estimator import StatementClassifier
from ogi.training.evaluate import evaluate_gold_dir
from ogi.training.export import export_linear, probe_records, same_predictions, save_linear
from ogi.training.labels import LabelledDoc, labelled_records, load_dev_labels, load_synthetic, weak_records
from ogi.training.persist import load_classifier, model_path, reexport, save_classifier
from ogi.training.trainer import cross_validate, train

__all__ = ["StatementClassifier", "train", "cross_validate", "evaluate_gold_dir", "write_model_card",
           "export_linear", "save_linear", "probe_records", "same_predictions",
           "load_classifier", "save_classifier", "model_path", "reexport",
           "LabelledDoc", "labelled_records", "load_synthetic", "load_dev_labels", "weak_records"]
