"""A researcher's own labelled statements and topics: ``ogi train --labels FILE.jsonl [--taxonomy FILE]``.

The labels file is JSON Lines, UTF-8, one object per line, in either form:

- one statement: ``{"text": "政策解读形式较为单一", "kind": "problem", "topics": ["interpretation"],
  "context": "（二）存在的主要问题", "report": "某县-2023"}`` (``topics``, ``context`` and
  ``report`` optional; ``report`` groups the statements of one report in cross-validation);
- one section 五 with its statements as offsets (the form of ``labels/synthetic.jsonl``):
  ``{"id": …, "text": …, "statements": [{"start", "end", "kind", "topics"}]}``.

Kinds are always ``problem``/``improvement``/``other``.  Without ``--taxonomy`` the topics are
the shipped ones and the user's statements are trained on together with ogi's own data; with
``--taxonomy`` the topics are the taxonomy's (:func:`ogi.nlp.taxonomy.load_taxonomy`) and the
model is trained on the user's statements only (ogi's statements carry other topics).  The
model folder then holds ``NAME.taxonomy.json`` beside the model, and the card names the
taxonomy and the labels file by SHA-256.  Bad lines are errors naming the file and the line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ogi.errors import UsageError
from ogi.nlp.records import make_record
from ogi.nlp.taxonomy import KINDS, Taxonomy

__all__ = ["UserLabels", "load_user_labels", "split", "taxonomy_file"]


@dataclass
class UserLabels:
    """The feature records of a labels file, with kinds, topics (None: kind only), groups and the file's hash."""

    X: list[dict]
    kinds: list[str]
    topics: list[list[str] | None]
    groups: list[str]
    path: str
    sha256: str

    def counts(self) -> dict[str, Any]:
        """The ``data`` entries of the model card for these labels."""
        return {"user_statements": len(self.X), "user_reports": len(set(self.groups)),
                "user_labels": Path(self.path).name, "user_labels_sha256": self.sha256}


def _hint(context: str) -> str | None:
    from ogi.nlp.statements import _hint_of

    return _hint_of(context) if context else None


def _check_labels(d: dict, where: str, topics: Sequence[str]) -> tuple[str, list[str]]:
    kind = d.get("kind")
    if kind not in KINDS:
        raise UsageError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    ts = d.get("topics", [])
    if not isinstance(ts, list) or not all(isinstance(t, str) for t in ts):
        raise UsageError(f"{where}: topics must be a list of topic keys")
    bad = [t for t in ts if t not in topics]
    if bad:
        raise UsageError(f"{where}: unknown topic {bad[0]!r}; the taxonomy has {', '.join(topics)}")
    return str(kind), list(ts)


def _statement(d: dict, where: str, topics: Sequence[str]) -> tuple[dict, str, list[str]]:
    text = d.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UsageError(f"{where}: no statement text")
    kind, ts = _check_labels(d, where, topics)
    context = d.get("context") or ""
    if not isinstance(context, str):
        raise UsageError(f"{where}: context must be a string")
    rec = make_record(text, context=context, hint=_hint(context), context_type="heading" if context else "none")
    return rec, kind, ts


def _section(d: dict, where: str, topics: Sequence[str], lineno: int) -> UserLabels:
    from ogi.training.labels import LabelledDoc, labelled_records

    text, stmts = d.get("text"), d.get("statements")
    if not isinstance(text, str) or not isinstance(stmts, list):
        raise UsageError(f"{where}: a section needs text and a list of statements")
    for j, st in enumerate(stmts):
        if not isinstance(st, dict) or not all(isinstance(st.get(k), int) for k in ("start", "end")) \
                or not 0 <= st["start"] < st["end"] <= len(text):
            raise UsageError(f"{where}, statement {j + 1}: start/end must be offsets into the text")
        _check_labels(st, f"{where}, statement {j + 1}", topics)
    doc = LabelledDoc(str(d.get("id") or f"line-{lineno}"), text, stmts, "user")
    X, kinds, tps, groups = labelled_records([doc])
    return UserLabels(X, kinds, [list(t) or None for t in tps], groups, "", "")


def load_user_labels(path: str | os.PathLike[str], *, topics: Sequence[str]) -> UserLabels:
    """Read a labels file (see the module docstring) against the topic keys ``topics``.

    Raises:
        UsageError: the file cannot be read, a line is not JSON, a label is outside the kinds
            or ``topics``, or the file has no statement (the message names the file and line).
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as e:
        raise UsageError(f"cannot read the labels: {e.strerror or e}", path=str(p)) from None
    except UnicodeDecodeError:
        raise UsageError("the labels file is not UTF-8 text", path=str(p)) from None
    out = UserLabels([], [], [], [], str(p), hashlib.sha256(raw).hexdigest())
    try:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            where = f"line {n}"
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise UsageError(f"{where}: not JSON ({e.msg})") from None
            if not isinstance(d, dict):
                raise UsageError(f"{where}: expected a JSON object")
            if "statements" in d:
                part = _section(d, where, topics, n)
                out.X += part.X
                out.kinds += part.kinds
                out.topics += part.topics
                out.groups += part.groups
                continue
            rec, kind, ts = _statement(d, where, topics)
            out.X.append(rec)
            out.kinds.append(kind)
            out.topics.append(ts or None)  # no topics: a kind-only label
            out.groups.append(str(d.get("report") or f"line-{n}"))
    except UsageError as e:
        raise UsageError(e.reason, path=str(p)) from None
    if not out.X:
        raise UsageError("the labels file has no statement", path=str(p))
    return out


def taxonomy_file(out: Path, name: str, taxonomy: Taxonomy) -> Path:
    """Write ``NAME.taxonomy.json`` (the topics a model gives) into its folder."""
    path = out / f"{name}.taxonomy.json"
    path.write_text(json.dumps(taxonomy.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def split(labels: UserLabels) -> tuple[tuple[list[dict], list[str], list[list[str]], list[str]],
                                       tuple[list[dict], list[str], list[None]]]:
    """``(X, kinds, topics, groups)`` of the statements with topics, and the kind-only ones as weak labels."""
    full = [i for i, t in enumerate(labels.topics) if t]
    rest = [i for i, t in enumerate(labels.topics) if not t]
    topics = [list(labels.topics[i] or ()) for i in full]
    return (([labels.X[i] for i in full], [labels.kinds[i] for i in full], topics, [labels.groups[i] for i in full]),
            ([labels.X[i] for i in rest], [labels.kinds[i] for i in rest], [None] * len(rest)))
