"""The model card ``MODEL_CARD.md``: data, method, metrics and limits of a trained statement model.

Written by ``ogi train`` beside the model from the metrics it also stores in ``NAME.json``;
same metrics, same card (no clock, no paths of the machine).

Example:
    >>> import json
    >>> from ogi.paths import SHIPPED_MODELS_DIR
    >>> metrics = json.loads((SHIPPED_MODELS_DIR / "statements-v1.json").read_text(encoding="utf-8"))
    >>> card_text(metrics).splitlines()[0]
    '# Model card: `statements-v1` (statement kind and topics)'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ogi.nlp.synthetic_b import LAYOUTS
from ogi.nlp.taxonomy import KINDS, TOPICS

__all__ = ["card_text", "write_model_card"]

_LAYOUT_ORDER = {name: i for i, name in enumerate(LAYOUTS)}
_ORDER = {"kind": KINDS, "kinds": KINDS, "main_topic": TOPICS, "main_topics": TOPICS}


def _in_order(task: str, counts: dict, topics: Sequence[str] | None = None) -> list:
    """``counts.items()`` in the taxonomy's order (a card read back from JSON has its keys sorted)."""
    order = tuple(topics) if topics and "topic" in task else _ORDER[task]
    return sorted(counts.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def write_model_card(metrics: dict, path: Path) -> Path:
    """Write the model card (data, method, metrics, limits) for a trained model."""
    path.write_text(card_text(metrics), encoding="utf-8")
    return path


def card_text(metrics: dict) -> str:
    """The model card of a trained model, as Markdown."""
    return "\n".join(_intro(metrics) + _real(metrics) + _second(metrics) + _files(metrics) + _method_and_data(metrics)
                     + _dev(metrics) + _cv(metrics) + _LIMITS)


def _real(metrics: dict) -> list[str]:
    """The headline: left-out real reports, in their own layout and as one paragraph."""
    a, b = metrics.get("dev_loro"), metrics.get("dev_loro_one_paragraph")
    if not a or not b:
        return []
    lines = [
        "## Headline: real statements, leave one report out",
        "",
        "Each real dev report is extracted (segmentation + classification) by a model trained without",
        "it (its web-page twin left out too); then its gold statements are rendered as one paragraph in",
        "the four layouts of the damage suite (`ogi.training.realeval`) and extracted by the same model.",
        "",
        "| evaluation | files | statements | F1 | kind acc. | main-topic acc. |",
        "|---|---|---|---|---|---|",
        f"| own layout | {a['files']} | {a['n_gold']} | {_fmt(a['f1'])} | {_fmt(a['kind_accuracy'])} | "
        f"{_fmt(a['main_topic_accuracy'])} |",
        f"| one paragraph | {b['files']} | {b['n_gold']} | {_fmt(b['f1'])} | {_fmt(b['kind_accuracy'])} | "
        f"{_fmt(b['main_topic_accuracy'])} |",
        "",
    ]
    per = metrics.get("dev_loro_per_report") or {}
    if per:
        lines += ["| left-out report | files | F1 | kind | main topic | one-paragraph F1 | one-paragraph kind |",
                  "|---|---|---|---|---|---|---|"]
        lines += [f"| {stem} | {r['files']} | {_fmt(r['f1'])} | {_fmt(r['kind'])} | {_fmt(r['topic'])} | "
                  f"{_fmt(r['one_paragraph_f1'])} | {_fmt(r['one_paragraph_kind'])} |"
                  for stem, r in sorted(per.items())]
        lines.append("")
    return lines + ["The segmenter's rules were written while reading these reports (segmentation F1 is in-sample",
                    "for the rules); the kind and topic figures are held out for the model.", ""]


def _second(metrics: dict) -> list[str]:
    """The second writer's sections (``ogi.nlp.synthetic_b``): wording the model was never trained on."""
    sw = metrics.get("second_writer")
    if not sw:
        return []
    lines = [
        "## Second writer (ogi.nlp.synthetic_b, never trained on)",
        "",
        f"{sw['n_sections']} sections (seed {sw['seed']}) of a second synthetic writer whose wording was written",
        "independently of the phrase bank the model is trained on, extracted (segmentation + classification)",
        "and scored with the gold's overlap rule; `python -m ogi.training.second_writer` prints it for any model.",
        "",
        "| layout | sections | statements | F1 | kind acc. | main-topic acc. |",
        "|---|---|---|---|---|---|",
    ]
    rows = [*sorted(sw["per_layout"].items(), key=lambda kv: _LAYOUT_ORDER.get(kv[0], 99)), ("**all**", sw["all"])]
    lines += [f"| {name} | {m['files']} | {m['n_gold']} | {_fmt(m['f1'])} | {_fmt(m['kind_accuracy'])} | "
              f"{_fmt(m['main_topic_accuracy'])} |" for name, m in rows]
    return lines + [""]


def _intro(metrics: dict) -> list[str]:
    name = metrics["model"]
    return [
        f"# Model card: `{name}` (statement kind and topics)",
        "",
        "Classifies the statements of section 五 (存在的主要问题及改进情况) of annual reports on open",
        "government information: kind (`problem`/`improvement`/`other`, calibrated probability in",
        "`score`) and topics (main first; shared/spec/statements.md). Built by `ogi train` "
        f"(seed {metrics['seed']}).",
        f"Statements are classified with `{name}.linear.npz` only: the model as NumPy arrays",
        "(vocabularies, IDF, coefficients, calibration; read without pickle, no scikit-learn),",
        "written only after it gave the estimator's predictions on every training statement and 300",
        f"probe records (`ogi.training.export`). `{name}.skops` is the scikit-learn estimator it was",
        "exported from, for training and re-export (`ogi train --reexport`); it is never used to predict.",
        "",
    ]


def _files(metrics: dict) -> list[str]:
    if not metrics.get("sha256"):
        return []
    h, name = metrics["sha256"], metrics["model"]
    return [
        "## Files",
        "",
        f"Loading refuses a file whose SHA-256 differs from the one recorded in `{name}.json`, an export",
        "made from another `.skops` file, and a `.skops` file naming any type outside the exact allow-list",
        "of `ogi.nlp.trust` (checked before any object is built).",
        "",
        f"- `{name}.skops`: `{h['skops']}`",
        f"- `{name}.linear.npz`: `{h['linear'] or 'not written'}`",
        "",
    ]


def _method_and_data(metrics: dict) -> list[str]:
    d = metrics["data"]
    included = "included" if metrics.get("includes_dev_labels") else "NOT included"
    return [
        "## Method",
        "",
        "`ogi.training.estimator.StatementClassifier`: TF-IDF of jieba tokens (+ bigrams, ogi user",
        "dictionary `userdict-v1`) and character 1–3-grams; context features (sub-heading or framing",
        "sentence above the statement, the kind it announces, position, list style) and wording cues that",
        "hold across writers (deficiency predicates 不足/有待/尚需…, action openings 加强/推进/完善…,",
        "`ogi.nlp.cues`) for the kind.",
        "Kind and main topic: linear SVMs with sigmoid calibration; further topics: one-vs-rest",
        "logistic regressions above a probability threshold.",
        "",
        "## Data",
        "",
        f"- synthetic statements written for ogi: {d['synthetic_statements']} in {d['synthetic_sections']} sections"
        " (`labels/synthetic.jsonl`, generated by `ogi.nlp.synthetic`)",
        f"- real dev-corpus statements (labels by file and offset, text read from ../shared; the PDFs"
        f" through their gold): {d['dev_statements']}"
        f" in {d['dev_reports']} reports — {included} in this model",
        f"- weak labels (statements under problem/improvement sub-headings of `--corpus`): {d['weak_statements']}",
        *_own(metrics),
        f"- kinds: {', '.join(f'{k} {v}' for k, v in _in_order('kinds', d['kinds']))}",
        "- main topics: " + ", ".join(f"{k} {v}" for k, v in _in_order("main_topics", d["main_topics"],
                                                                        _topics(metrics))),
        "",
    ]


def _topics(metrics: dict) -> list[str] | None:
    tax = metrics.get("taxonomy")
    return list(tax["topics"]) if tax else None


def _own(metrics: dict) -> list[str]:
    """The lines on a researcher's labels and taxonomy (``ogi train --labels/--taxonomy``)."""
    d, tax = metrics["data"], metrics.get("taxonomy")
    lines = []
    if d.get("user_statements"):
        lines.append(f"- your labelled statements: {d['user_statements']} in {d['user_reports']} reports "
                     f"(`{d['user_labels']}`, SHA-256 `{d['user_labels_sha256']}`)")
    if tax:
        lines.append(f"- topics: your taxonomy `{tax['name']}` (`{tax['file']}`, SHA-256 `{tax['sha256']}`): "
                     f"{', '.join(tax['topics'])}; ogi's own statements are not used (their topics differ)")
    return lines


def _cv(metrics: dict) -> list[str]:
    if "cv" not in metrics:
        return []
    cv = metrics["cv"]
    lines = [
        f"## Cross-validation ({cv['n_splits']}-fold, grouped by section, n = {cv['n']})",
        "",
        "Secondary and optimistic: the synthetic statements share phrase pools across sections, so this",
        "measures how well the model learnt ogi's own phrase bank, not other writers (see the headline).",
        "",
        "| task | class | F1 | support |",
        "|---|---|---|---|",
    ]
    for task in ("kind", "main_topic"):
        for cls, row in _in_order(task, cv[task]["per_class"], _topics(metrics)):
            lines.append(f"| {task} | {cls} | {_fmt(row['f1'])} | {row['support']} |")
        lines.append(f"| {task} | **macro** | **{_fmt(cv[task]['macro_f1'])}** | |")
    lines.append("")
    return lines


_DEV_ROWS = (("dev_heldout", "trained without dev labels (honest)"),
             ("dev_loro", "leave one dev report out (honest)"),
             ("dev_loro_one_paragraph", "leave one dev report out, one-paragraph renderings (honest)"),
             ("dev_in_sample", "this model, dev labels included (optimistic)"),
             ("dev_in_sample_one_paragraph", "this model, one-paragraph renderings (optimistic)"),
             ("dev_final", "this model"),
             ("dev_final_one_paragraph", "this model, one-paragraph renderings"))


def _dev(metrics: dict) -> list[str]:
    present = [(k, label) for k, label in _DEV_ROWS if metrics.get(k)]
    if not present:
        return []
    lines = ["## Evaluation on ../shared/corpora/dev/gold (segmentation + classification)", "",
             "| model | files | statement P | R | F1 | kind acc. | main-topic acc. |",
             "|---|---|---|---|---|---|---|"]
    for k, label in present:
        m = metrics[k]
        lines.append(f"| {label} | {m['files']} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | "
                     f"{_fmt(m['f1'])} | {_fmt(m['kind_accuracy'])} | {_fmt(m['main_topic_accuracy'])} |")
    return lines + ["", "The segmenter's rules were developed while reading the dev reports, so its",
                    "statement F1 there is not a held-out figure; the classification figures of the two",
                    "honest rows are.", ""]


_LIMITS = ["## Limits", "",
           "- Few real labelled statements; the synthetic register is narrower than real reports.",
           "- Topics are a judgement call: gold often lists two or three; only the main one is scored.",
           "- Pre-2019 reports and non-standard sections are out of the training distribution.", ""]
