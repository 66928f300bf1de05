"""One corpus walker: ``ogi process`` and the analysis of a folder of reports find the same files."""

from __future__ import annotations

import shutil
from pathlib import Path

from ogi.analysis.data import parse_corpus_frames
from ogi.corpus.walk import walk

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample"


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "gold").mkdir()
    report = SAMPLE / "seed-2024-masked.txt"
    shutil.copy(report, root / "a.txt")
    shutil.copy(report, root / "sub" / "b.txt")
    shutil.copy(report, root / ".hidden.txt")  # an editor's or a sync tool's copy
    shutil.copy(report, root / "sub" / "._b.txt")  # macOS resource fork beside its file
    shutil.copy(report, root / ".cache" / "c.txt")
    shutil.copy(report, root / "gold" / "d.txt")
    (root / "README.md").write_text("# a corpus\n", encoding="utf-8")
    (root / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 not readable")
    return root


def test_walk_skips_dot_files_and_folders(tmp_path):
    files = walk(_corpus(tmp_path))
    assert [f.rel for f in files if not f.error] == ["a.txt", "sub/b.txt"]
    assert [f.rel for f in files if f.error] == ["old.doc"]


def test_parse_corpus_frames_uses_the_walker_rules(tmp_path):
    out = parse_corpus_frames(_corpus(tmp_path))
    assert sorted(out["reports"]["path"]) == ["a.txt", "sub/b.txt"]
    errors = out["errors"]
    assert list(errors["path"]) == ["old.doc"]
    assert list(errors["stage"]) == ["read"]
    assert "legacy Word" in errors["reason"].iloc[0]
