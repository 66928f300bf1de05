"""Fault injection for corpus runs: hostile corpora finish, order does not matter, kills are safe.

tests/test_process.py covers the tables, workers/engines agreeing, one kill and a rerun, and
the per-file time limit.  This module adds what a crawled corpus throws at a run: every
hostile input kind in one folder (each one ``errors`` row, the good reports parsed), file
listing and batch order, the size limit in worker processes, and kill -9 at several points
with every visible Parquet file readable at every instant.
"""

from __future__ import annotations

import importlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import assert_same_tables
from ogi.corpus import process
from ogi.synth import generate

pytestmark = pytest.mark.slow




def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document>" + " " * 3_000_000 + "</w:document>")
    return buf.getvalue()


#: (relative path, bytes) of inputs that must each give one errors row
HOSTILE_FILES: list[tuple[str, bytes]] = [
    ("bad/empty.txt", b""),
    ("bad/binary.txt", bytes(range(256)) * 16),
    ("bad/image.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
    ("bad/photo.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(300)),
    ("bad/corrupt.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"),
    ("bad/scan.docx", b"PK\x03\x04" + bytes(100)),
    ("bad/bomb.docx", _zip_bomb()),
    ("bad/deep.html", ("<div>" * 50_000 + "政府信息公开" + "</div>" * 50_000).encode()),
    ("bad/404.html", (b"<html><head><title>404 Not Found</title></head><body>"
                      b"<h1>Not Found</h1></body></html>")),
    ("bad/not-a-report.txt", ("欢迎访问本网站。" * 100).encode("gbk")),
    ("bad/controls.txt", bytes(range(1, 9)) * 100),
    ("bad/too-big.txt", ("政府信息公开" * 200_000).encode("utf-8")),  # over OGI_MAX_BYTES below
    ("bad/xxe.html", (b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM '
                      b'"file:///etc/passwd">]><html><body><p>&x;</p></body></html>')),
]


def _good_files(root: Path) -> list[str]:
    """Good reports in awkward encodings and layouts, and one report under three names."""
    rels = []
    variants = [
        ("utf16.txt", lambda t: t.encode("utf-16")),
        ("gb18030.txt", lambda t: t.encode("gb18030")),
        ("crlf-bom.md", lambda t: t.replace("\n", "\r\n").encode("utf-8-sig")),
        ("cut-mid-char.txt", lambda t: t.encode("utf-8")[:-1] if t.encode("utf-8")[-1] >= 0x80
         else (t + "。").encode("utf-8")[:-1]),
    ]
    text = generate(400, layout="pipe").content.decode("utf-8")
    for name, encode in variants:
        (root / "good" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "good" / name).write_bytes(encode(text))
        rels.append(f"good/{name}")
    html = generate(410, layout="html", template="2019").content
    for name in ("dup/a.html", "dup/copy of a.html", "dup/deeper/a.htm"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(html)
        rels.append(name)
    return rels


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("hostile")
    for rel, data in HOSTILE_FILES:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root, _good_files(root)


@pytest.fixture(scope="module")
def hostile_run(hostile_corpus, tmp_path_factory):
    """One run over the hostile corpus, with a 1 MB size limit passed to the workers."""
    root, _ = hostile_corpus
    out = tmp_path_factory.mktemp("hostile-out")
    mp = pytest.MonkeyPatch()
    mp.setenv("OGI_MAX_BYTES", "1M")
    try:
        ds = process(root, out, workers=2, batch_size=3, statements=False)
    finally:
        mp.undo()
    return ds


def test_robust_batch_every_hostile_file_is_one_error_row(hostile_corpus, hostile_run) -> None:
    _, good = hostile_corpus
    errors = hostile_run.table("errors")
    assert sorted(errors["path"]) == sorted(rel for rel, _ in HOSTILE_FILES)
    assert errors["reason"].map(bool).all()  # every row says why
    by_path = dict(zip(errors["path"], errors["reason"], strict=True))
    assert "too large" in by_path["bad/too-big.txt"]
    assert "too large" in by_path["bad/bomb.docx"]
    assert "PNG" in by_path["bad/image.pdf"] and "JPEG" in by_path["bad/photo.pdf"]
    assert "nested" in by_path["bad/deep.html"]
    paths = set(hostile_run.table("reports")["path"])
    assert {rel for rel in good if not rel.startswith("dup/")} <= paths
    # one report under three names is one report (ogi.corpus keys rows by content); the two
    # later names are rows of their own with status duplicate (issue 12: every file is a row)
    dups = {rel for rel in good if rel.startswith("dup/")}
    reps = hostile_run.table("reports").set_index("path")
    assert dups <= paths
    assert sorted(reps.loc[sorted(dups), "status"]) == ["duplicate", "duplicate", "report"]
    assert hostile_run.exit_code == 2


def test_robust_batch_encodings_of_one_report_agree(hostile_run) -> None:
    reports = hostile_run.table("reports").set_index("path")
    cells = hostile_run.table("cells")
    seen = []
    for rel in ("good/utf16.txt", "good/gb18030.txt", "good/crlf-bom.md", "good/cut-mid-char.txt"):
        mine = cells[cells["report_id"] == reports.loc[rel, "report_id"]]
        seen.append(mine.drop(columns=["report_id"]).reset_index(drop=True))
    assert len(seen[0]) > 100
    for other in seen[1:]:
        pd.testing.assert_frame_equal(seen[0], other)


def test_robust_batch_listing_and_batch_order_do_not_matter(hostile_corpus, hostile_run,
                                                            tmp_path, monkeypatch) -> None:
    # ogi.corpus re-exports walk(), which hides the submodule of the same name
    walk_module = importlib.import_module("ogi.corpus.walk")
    real_walk = os.walk

    def reversed_walk(top, *args, **kwargs):
        for dirpath, dirnames, filenames in real_walk(top, *args, **kwargs):
            dirnames.reverse()
            yield dirpath, dirnames, filenames[::-1]

    monkeypatch.setattr(walk_module.os, "walk", reversed_walk)
    monkeypatch.setenv("OGI_MAX_BYTES", "1M")
    root, _ = hostile_corpus
    ds = process(root, tmp_path / "reversed", workers=1, batch_size=1, statements=False)
    assert ds.counts == hostile_run.counts
    assert_same_tables(hostile_run.out_dir, tmp_path / "reversed")


def _readable(out: Path) -> list[str]:
    """Visible Parquet files (the tables and the store's shards) that cannot be read."""
    bad = []
    for p in [*out.glob("*.parquet"), *out.glob(".parts/*/*.parquet")]:
        try:
            pq.read_table(p)
        except FileNotFoundError:
            continue  # replaced or cleaned up between listing and reading
        except Exception as exc:  # noqa: BLE001 - any failure to read is the finding
            bad.append(f"{p}: {type(exc).__name__}: {exc}")
    return bad


@pytest.mark.parametrize("kill_after", ["first-shard", "third-shard", "tables"])
def test_robust_batch_kill_at_any_point_then_rerun_matches(tmp_path, kill_after: str) -> None:
    root = tmp_path / "c"
    for i in range(14):
        generate(500 + i, template=("2021", "2019")[i % 2], layout=("pipe", "flat")[i % 2]).write(root)
    (root / "bad.txt").write_bytes(b"\x00\x01" * 50)
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "ogi.cli", "process", str(root), "--out", str(out), "--workers",
           "1", "--batch-size", "2", "--quiet", "--no-statements"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifests = out / ".parts" / "manifests"
    unreadable: list[str] = []

    def reached() -> bool:
        if kill_after == "tables":
            return any(out.glob("*.parquet"))
        n = len(list(manifests.glob("*.json"))) if manifests.is_dir() else 0
        return n >= (1 if kill_after == "first-shard" else 3)

    try:
        while proc.poll() is None and not reached():
            if out.is_dir():
                unreadable += _readable(out)
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    unreadable += _readable(out)
    assert unreadable == []  # no partial or corrupt Parquet was ever visible
    rerun = subprocess.run(cmd, capture_output=True, check=False)
    assert rerun.returncode == 1  # bad.txt is an error row (ogi process exits 1 when files failed)
    whole = process(root, tmp_path / "whole", workers=1, statements=False)
    assert whole.failed == 1
    assert_same_tables(out, tmp_path / "whole")
    assert not [p for p in out.rglob("*.tmp")]  # no temporary file left behind


def test_robust_batch_hostile_names_stay_inside_out(tmp_path) -> None:
    root = tmp_path / "c"
    names = ["-rf.txt", "a b/c .txt", "x..y.txt", "x" * 240 + ".txt", "报告" * 40 + ".txt"]
    for i, rel in enumerate(names):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(generate(600 + i, layout="pipe").content)
    out = tmp_path / "out"
    before = set(tmp_path.rglob("*"))
    ds = process(root, out, workers=1, statements=False)
    assert ds.failed == 0 and sorted(ds.table("reports")["path"]) == sorted(names)
    created = set(tmp_path.rglob("*")) - before
    assert all(p == out or out in p.parents for p in created)


def test_robust_batch_rerun_parses_nothing_and_leaves_no_stray_files(hostile_corpus, hostile_run,
                                                                     monkeypatch) -> None:
    root, _ = hostile_corpus
    monkeypatch.setenv("OGI_MAX_BYTES", "1M")
    again = process(root, hostile_run.out_dir, workers=2, batch_size=3, statements=False)
    # only the two files over the size limit are looked at again (a limit can change between
    # runs); they are refused before any parsing, and the tables are the same
    assert again.processed == 2 and again.counts == hostile_run.counts
    assert not list(hostile_run.out_dir.rglob("*.tmp"))


def test_robust_batch_workers_die_with_a_killed_coordinator(tmp_path) -> None:
    import psutil

    root = tmp_path / "c"
    for i in range(40):
        generate(700 + i, layout="flat").write(root)
    cmd = [sys.executable, "-m", "ogi.cli", "process", str(root), "--out", str(tmp_path / "out"),
           "--workers", "2", "--batch-size", "1", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(proc.pid)
    workers: list = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and proc.poll() is None and time.monotonic() < deadline:
        workers = [w for w in parent.children(recursive=True) if "ogi.cli" in " ".join(w.cmdline())]
        time.sleep(0.05)
    assert len(workers) == 2, "the pool's workers never started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    for w in alive:  # do not leave them behind whatever the outcome
        w.kill()
    assert alive == []
