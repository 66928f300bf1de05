"""Labelled statements for training: synthetic sections, dev-corpus offsets and weak labels.

Three sources, all turned into the same feature records by cutting the section with
:func:`ogi.nlp.statements.segment` and aligning the cut statements with the labels (so the
context features are exactly those seen at prediction time):

- ``labels/synthetic.jsonl``: sections ogi wrote itself (:mod:`ogi.nlp.synthetic`);
- ``labels/dev_offsets.jsonl``: labels for the statements of the development corpus
  (``../shared/corpora/dev``), stored as report file name and character offsets only — the
  text is read from the report when the corpus is present and the labels are skipped when not;
- weak labels from any corpus: statements under a ``（一）主要问题`` / ``（二）改进情况``-style
  sub-heading take the kind the sub-heading names (topics unknown).

Example:
    >>> docs = load_synthetic()
    >>> sum(len(d.statements) for d in docs) >= 600
    True
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ogi.errors import OgiError, UsageError
from ogi.nlp.evaluate import match_statements
from ogi.nlp.records import make_record, segment_record
from ogi.nlp.statements import segment
from ogi.nlp.tokenize import NLP_RESOURCES_DIR

__all__ = ["LabelledDoc", "LABELS_DIR", "DEV_OFFSETS_PATH", "GOLD_OFFSETS_PATH", "load_synthetic",
           "load_dev_labels", "build_dev_offsets", "write_dev_offsets", "build_gold_offsets", "load_gold_labels",
           "labelled_records", "weak_records"]

LABELS_DIR: Path = NLP_RESOURCES_DIR / "labels"
DEV_OFFSETS_PATH: Path = LABELS_DIR / "dev_offsets.jsonl"
#: Labels of dev reports that cannot be read as text (PDF): offsets into their gold ``problems_text``.
GOLD_OFFSETS_PATH: Path = LABELS_DIR / "dev_offsets-gold.jsonl"
_HTML_SUFFIXES = {".html", ".htm"}


@dataclass
class LabelledDoc:
    """A section-五 text with labelled statements (offsets into ``text``)."""

    id: str
    text: str
    statements: list[dict] = field(default_factory=list)
    source: str = "synthetic"


def load_synthetic(path: str | os.PathLike[str] | None = None) -> list[LabelledDoc]:
    """The shipped synthetic sections (``labels/synthetic.jsonl``)."""
    path = Path(path or LABELS_DIR / "synthetic.jsonl")
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs.append(LabelledDoc(d["id"], d["text"], d["statements"], "synthetic"))
    return docs


# --------------------------------------------------------------------------------------------
# HTML spans of the dev labels as text


_BLOCK_TAGS = re.compile(r"</?(p|div|br|tr|li|h[1-6]|table|section|article)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


def _html_to_text(raw: str) -> str:
    """Text of a labelled HTML span (offsets are stored into the raw file)."""
    raw = _SCRIPTS.sub("", _COMMENTS.sub("", raw))
    raw = _BLOCK_TAGS.sub("\n", raw)
    raw = _TAGS.sub("", raw)
    text = html.unescape(raw).replace("\xa0", " ")
    return re.sub(r"\n[ \t\u3000]*(?=\n)", "", text)


# --------------------------------------------------------------------------------------------
# dev-corpus labels: offsets only


def _locate(raw: str, needle: str, start: int = 0) -> int:
    i = raw.find(needle, start)
    if i < 0:
        i = raw.find(needle)
    return i


def build_dev_offsets(gold_dir: str | os.PathLike[str], corpus_dir: str | os.PathLike[str]) -> list[dict]:
    """Label rows ``{file, start, end, kind, topics, section_start, section_end}`` for the dev corpus.

    Each gold statement is located in its report file (read as UTF-8 text); the section span
    is that of the gold ``problems_text`` (or, where the file's markup interrupts it, from its
    first to its last statement).  Copies of a report already labelled (the ``-page.html``
    twins of the crawler ``.txt`` files) are left out, so a statement is labelled once.
    """
    gold_dir, corpus_dir = Path(gold_dir), Path(corpus_dir)
    rows: list[dict] = []
    seen_texts: set[str] = set()
    for g in sorted(gold_dir.glob("*.json"), key=lambda p: (p.stem.endswith("-page"), p.name)):
        gold = json.loads(g.read_text(encoding="utf-8"))
        stmts = gold.get("statements") or []
        if not stmts:
            continue
        key = "\n".join(s["text"] for s in stmts)
        if key in seen_texts:
            continue
        report = corpus_dir / gold["file"]
        if not report.is_file():
            continue
        raw = report.read_text(encoding="utf-8")
        spans: list[tuple[int, int]] = []
        pos = 0
        for s in stmts:
            i = _locate(raw, s["text"], pos)
            if i < 0:
                spans = []
                break
            spans.append((i, i + len(s["text"])))
            pos = i + len(s["text"])
        if not spans:
            continue
        seen_texts.add(key)
        pt = gold.get("problems_text") or ""
        sec = raw.find(pt) if pt else -1
        sec_start, sec_end = (sec, sec + len(pt)) if sec >= 0 else (
            min(b for b, _ in spans), max(e for _, e in spans))
        if sec < 0 and pt:
            head = pt.strip().split("\n")[0][:12]
            hi = raw.rfind(head, max(0, sec_start - 2000), sec_start + 1)
            if hi >= 0:
                sec_start = hi
        for (b, e), s in zip(spans, stmts):
            rows.append({"file": gold["file"], "start": b, "end": e, "kind": s["kind"],
                         "topics": list(s["topics"]), "section_start": sec_start, "section_end": sec_end})
    return rows


def write_dev_offsets(rows: list[dict], path: str | os.PathLike[str] = DEV_OFFSETS_PATH) -> Path:
    """Write dev label rows as JSON lines (offsets and labels only, never report text)."""
    path = Path(path)
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _rows_by(path: Path, key: str) -> list[tuple[str, list[dict]]]:
    """The rows of a JSONL label file grouped by ``key`` (the report or gold file they label), sorted."""
    groups: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            groups.setdefault(row[key], []).append(row)
    return sorted(groups.items())


def load_dev_labels(corpus_dir: str | os.PathLike[str] | None = None, *,
                    path: str | os.PathLike[str] = DEV_OFFSETS_PATH) -> list[LabelledDoc]:
    """The dev-corpus statements as labelled sections, text read from the reports.

    Returns an empty list when the corpus folder is absent; rows whose report is missing or
    whose offsets no longer fit the file are skipped.
    """
    from ogi.paths import DEV_CORPUS_DIR

    corpus_dir = Path(corpus_dir) if corpus_dir is not None else DEV_CORPUS_DIR
    path = Path(path)
    if not corpus_dir.is_dir() or not path.is_file():
        return []
    docs = []
    for name, rows in _rows_by(path, "file"):
        report = corpus_dir / name
        if not report.is_file():
            continue
        raw = report.read_text(encoding="utf-8")
        s0, s1 = rows[0]["section_start"], rows[0]["section_end"]
        if s1 > len(raw):
            continue
        section_raw = raw[s0:s1]
        is_html = report.suffix.lower() in _HTML_SUFFIXES
        section = _html_to_text(section_raw) if is_html else section_raw
        stmts = []
        for r in rows:
            piece = raw[r["start"]:r["end"]]
            if is_html:
                piece = _html_to_text(piece)
            i = section.find(piece)
            if i < 0:
                continue
            stmts.append({"start": i, "end": i + len(piece), "text": piece, "kind": r["kind"],
                          "topics": r["topics"]})
        if stmts:
            docs.append(LabelledDoc(f"dev:{name}", section, stmts, "dev"))
    return docs


# --------------------------------------------------------------------------------------------
# dev reports read through their gold (PDF): offsets into the gold's problems_text


def _stem(name: str) -> str:
    return Path(name).stem.removesuffix("-page")


def build_gold_offsets(gold_dir: str | os.PathLike[str], *, skip: set[str] | None = None) -> list[dict]:
    """Label rows ``{file, gold, start, end, kind, topics}`` with offsets into each gold's ``problems_text``.

    For the dev reports :func:`build_dev_offsets` cannot locate in their file (a PDF is not
    text); reports named in ``skip`` (file names, or their ``-page`` twins) are left out, and
    so are statements not found in the gold's own ``problems_text``.
    """
    skip_stems = {_stem(f) for f in skip or set()}
    rows: list[dict] = []
    for g in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        pt, stmts = gold.get("problems_text") or "", gold.get("statements") or []
        if not stmts or _stem(gold["file"]) in skip_stems:
            continue
        skip_stems.add(_stem(gold["file"]))
        pos = 0
        for st in stmts:
            i = _locate(pt, st["text"], pos)
            if i < 0:
                continue
            pos = i + len(st["text"])
            rows.append({"file": gold["file"], "gold": g.name, "start": i, "end": pos, "kind": st["kind"],
                         "topics": list(st["topics"])})
    return rows


def load_gold_labels(gold_dir: str | os.PathLike[str] | None = None, *,
                     path: str | os.PathLike[str] = GOLD_OFFSETS_PATH) -> list[LabelledDoc]:
    """The labelled sections of ``GOLD_OFFSETS_PATH``, text read from the gold files.

    Returns an empty list when the gold folder is absent; rows whose gold is missing or whose
    offsets no longer fit its ``problems_text`` are skipped.
    """
    from ogi.paths import DEV_CORPUS_DIR

    gold_dir = Path(gold_dir) if gold_dir is not None else DEV_CORPUS_DIR / "gold"
    path = Path(path)
    if not gold_dir.is_dir() or not path.is_file():
        return []
    docs = []
    for name, rows in _rows_by(path, "gold"):
        g = gold_dir / name
        if not g.is_file():
            continue
        text = json.loads(g.read_text(encoding="utf-8")).get("problems_text") or ""
        stmts = [{"start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]], "kind": r["kind"],
                  "topics": r["topics"]} for r in rows if r["end"] <= len(text)]
        if stmts:
            docs.append(LabelledDoc(f"dev:{rows[0]['file']}", text, stmts, "dev"))
    return docs


# --------------------------------------------------------------------------------------------
# records


def labelled_records(docs: list[LabelledDoc]) -> tuple[list[dict], list[str], list[list[str]], list[str]]:
    """Feature records with kinds, topics and group ids (the document) for labelled sections.

    Each section is cut by the segmenter; a cut statement takes the label of the gold
    statement it matches (≥ 60 % overlap). A gold statement the segmenter misses is added
    with the context of the cut statement before it, so no label is lost.
    """
    X: list[dict] = []
    kinds: list[str] = []
    topics: list[list[str]] = []
    groups: list[str] = []
    for doc in docs:
        segs = segment(doc.text)
        pred = [{"text": s.text} for s in segs]
        gold = [{"text": doc.text[s["start"]:s["end"]]} for s in doc.statements]
        pairs = {j: i for i, j, _ in match_statements(pred, gold)}
        for j, st in enumerate(doc.statements):
            if j in pairs:
                rec = segment_record(segs[pairs[j]])
            else:
                before = [s for s in segs if s.start <= st["start"]]
                ref = before[-1] if before else None
                rec = make_record(doc.text[st["start"]:st["end"]], context=ref.context if ref else "",
                                  hint=ref.hint if ref else None,
                                  context_type=ref.context_type if ref else "none",
                                  position=st["start"] / max(len(doc.text), 1))
            X.append(rec)
            kinds.append(st["kind"])
            topics.append(list(st["topics"]))
            groups.append(doc.id)
    return X, kinds, topics, groups


def weak_records(corpus_dir: str | os.PathLike[str]) -> tuple[list[dict], list[str], list[str]]:
    """Weakly labelled records from a corpus: statements under problem/improvement sub-headings.

    Every report under ``corpus_dir`` (any format :func:`ogi.parse` reads) is parsed and its
    section 五 segmented; statements whose context is a sub-heading naming problems or
    improvements get that kind.  Files that are not reports are passed over.

    Returns:
        ``(records, kinds, groups)``.

    Raises:
        UsageError: when the folder does not exist.
    """
    from ogi.parse import parse
    from ogi.read import REPORT_SUFFIXES

    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise UsageError(f"corpus folder not found: {corpus_dir}")
    X: list[dict] = []
    kinds: list[str] = []
    groups: list[str] = []
    for f in sorted(corpus_dir.rglob("*")):
        if not f.is_file() or f.suffix.lower() not in REPORT_SUFFIXES or "gold" in f.parts:
            continue
        try:
            rep = parse(f, statements=False)
        except OgiError:
            continue  # not a report: nothing to learn from it
        sec = rep.section("problems")
        if sec is None or not sec.text:
            continue
        for seg in segment(sec.text):
            if seg.context_type == "heading" and seg.hint in ("problem", "improvement"):
                X.append(segment_record(seg))
                kinds.append(seg.hint)
                groups.append(f"weak:{f.relative_to(corpus_dir)}")
    return X, kinds, groups
