"""The kinds and topics as data (ogi.nlp.taxonomy), checked against the spec's tables.

The oracle is shared/spec/statements.md itself, read here table by table (skipped when the
spec is not beside the project).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from ogi.errors import UsageError
from ogi.nlp import taxonomy
from ogi.nlp.taxonomy import KIND_LABELS, KINDS, TOPIC_LABELS, TOPICS, kind, topic
from ogi.paths import PROJECT_DIR

SPEC = PROJECT_DIR.parent / "shared" / "spec" / "statements.md"


def _table(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading`` in the spec (header dropped)."""
    text = SPEC.read_text(encoding="utf-8")
    after = text[text.index(heading):]
    rows = []
    for line in after.splitlines()[1:]:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif rows:
            break
    return [r for r in rows[1:] if not set("".join(r)) <= set("-: ")]


def _cues(cell: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in cell.split(",") if c.strip())


spec = pytest.mark.skipif(not SPEC.is_file(), reason=f"spec not found at {SPEC}")


@spec
def test_nlp_taxonomy_kinds_are_the_spec_table():
    rows = _table("## Kind")
    assert [r[0].strip("`") for r in rows] == list(KINDS)
    for row, label in zip(rows, KIND_LABELS):
        assert label.meaning == row[1]
        assert label.cues == _cues(row[2])


@spec
def test_nlp_taxonomy_topics_are_the_spec_table():
    rows = _table("## Topics")
    assert [r[0].strip("`") for r in rows] == list(TOPICS)
    for row, label in zip(rows, TOPIC_LABELS):
        assert (label.name, label.meaning, label.cues) == (row[1], row[2], _cues(row[3]))


def test_nlp_taxonomy_labels_are_frozen_data():
    for label in KIND_LABELS + TOPIC_LABELS:
        assert dataclasses.is_dataclass(label) and re.fullmatch(r"[a-z]+", label.key)
        assert label.name and label.short and label.meaning
        with pytest.raises(dataclasses.FrozenInstanceError):
            label.key = "x"  # type: ignore[misc]
    assert len(set(KINDS)) == len(KINDS) and len(set(TOPICS)) == len(TOPICS)


@pytest.mark.parametrize("lookup, key, name", [(kind, "problem", "问题"), (topic, "applications", "依申请公开办理")])
def test_nlp_taxonomy_lookup(lookup, key, name):
    assert lookup(key).name == name


@pytest.mark.parametrize("lookup, valid", [(kind, "problem, improvement, other"),
                                           (topic, "interpretation, applications")])
def test_nlp_taxonomy_unknown_key_lists_the_valid_ones(lookup, valid):
    with pytest.raises(UsageError, match=valid):
        lookup("nope")


def test_nlp_taxonomy_is_the_one_source():
    # every module that names the kinds or topics uses these tuples, none keeps its own copy
    import ogi.training.estimator
    import ogi.training.trainer

    assert ogi.training.estimator.KINDS is taxonomy.KINDS and ogi.training.trainer.TOPICS is taxonomy.TOPICS
    src = Path(taxonomy.__file__).parents[1]
    copies = [p for p in src.rglob("*.py") if p.name != "taxonomy.py"
              and re.search(r"^(KINDS|TOPICS)\s*(:[^=]*)?=", p.read_text(encoding="utf-8"), re.M)]
    assert copies == []
