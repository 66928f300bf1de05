"""Faults a long corpus run meets (issue 16): a second writer, Ctrl-C and SIGTERM, a full disk, a
damaged cache, links and unreadable formats in the corpus. Each test fails on the code before
the fault was handled (no lock; KeyboardInterrupt unhandled; ENOSPC a bare OSError; a
truncated part read by DuckDB; links followed; ``.doc`` files silently skipped)."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import assert_same_tables
from ogi.corpus import process
from ogi.corpus.lock import LOCK_NAME, OutputBusyError, holder, output_lock
from ogi.errors import DiskFullError, RunInterrupted
from ogi.synth import generate

_OPTS = {"workers": 1, "statements": False, "batch_size": 2}


def _corpus(root: Path, n: int = 6, start: int = 700) -> Path:
    for i in range(n):
        generate(start + i, template=("2021", "2019")[i % 2], layout=("pipe", "flat")[i % 2]).write(root)
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def whole(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("whole")
    process(corpus, out, **_OPTS)
    return out


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.parquet"))}


# ----------------------------------------------------------------------------- 1. two writers

_HOLD = ("import sys, time\nfrom ogi.corpus.lock import output_lock\n"
         "with output_lock(sys.argv[1], command=['ogi', 'process', 'held-by-test']):\n"
         "    print('held', flush=True)\n    time.sleep(float(sys.argv[2]))\n")


def _holder_process(out: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(out), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_is_refused_with_the_holder_named(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    proc = _holder_process(out, 30)
    try:
        with pytest.raises(OutputBusyError) as err:
            process(corpus, out, **_OPTS)
        msg = str(err.value)
        assert f"pid {proc.pid}" in msg and "held-by-test" in msg and str(out) in msg
        assert not (out / "reports.parquet").exists() and not (out / ".parts").exists()  # nothing written
        cli = subprocess.run([sys.executable, "-m", "ogi.cli", "process", str(corpus), "--out", str(out), "-q"],
                             capture_output=True, text=True, check=False)
        assert cli.returncode == 1 and "another run is writing this folder" in cli.stderr
        assert "Traceback" not in cli.stderr
    finally:
        proc.kill()
        proc.wait()


def test_wait_takes_the_lock_when_the_holder_ends(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    proc = _holder_process(out, 1.5)
    try:
        ds = process(corpus, out, wait=60, **_OPTS)
    finally:
        proc.wait()
    assert ds.counts["reports"] == 6
    assert holder(out) is None  # released: the file stays, empty


def test_lock_of_a_dead_process_is_taken_over(corpus, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    proc = _holder_process(out, 30)
    proc.kill()  # dies holding it: the kernel drops the flock, the holder's line stays
    proc.wait()
    assert holder(out)["pid"] == proc.pid
    ds = process(corpus, out, **_OPTS)
    assert ds.counts["reports"] == 6
    assert f"took over the lock of a run that ended without releasing it (pid {proc.pid}" in capsys.readouterr().err


def test_the_lock_is_one_writer_at_a_time_in_one_process_too(tmp_path) -> None:
    with output_lock(tmp_path, command=["a"]):
        with pytest.raises(OutputBusyError, match="another run is writing"):
            with output_lock(tmp_path, command=["b"]):
                pass
    with output_lock(tmp_path, command=["c"]):
        assert holder(tmp_path)["command"] == ["c"]
    assert (tmp_path / LOCK_NAME).is_file()


# ----------------------------------------------------------------------------- 2. Ctrl-C, SIGTERM

@pytest.mark.slow
@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_during_parsing_keeps_parts_and_tables_and_says_how_to_resume(tmp_path, sig, code) -> None:
    root = _corpus(tmp_path / "c", n=4, start=800)
    cmd = [sys.executable, "-m", "ogi.cli", "process", str(root), "--out", str(tmp_path / "out"), "--workers",
           "2", "--batch-size", "1", "--quiet", "--no-statements"]
    first = subprocess.run(cmd, capture_output=True, check=False)
    assert first.returncode == 0
    before = _snapshot(tmp_path / "out")
    _corpus(root, n=40, start=900)  # more files: the second run has something to parse
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    manifests = tmp_path / "out" / ".parts" / "manifests"
    deadline = time.monotonic() + 120
    while proc.poll() is None and len(list(manifests.glob("*.json"))) < 7 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert "Resume with:" in err and "kept in" in err and "Traceback" not in err, err
    assert _snapshot(tmp_path / "out") == before  # the last complete tables, untouched
    kept = len(list(manifests.glob("*.json")))
    assert kept >= 7
    rerun = subprocess.run(cmd, capture_output=True, check=False)
    assert rerun.returncode == 0
    whole = process(root, tmp_path / "whole", workers=1, statements=False)
    assert_same_tables(tmp_path / "out", whole.out_dir)
    assert not list((tmp_path / "out").rglob("*.tmp"))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_during_the_table_build_leaves_every_previous_table(corpus, whole, tmp_path, monkeypatch, sig) -> None:
    out = tmp_path / "out"
    process(corpus, out, **_OPTS)
    before = _snapshot(out)
    more = _corpus(tmp_path / "c", n=2, start=960)
    for p in corpus.iterdir():
        if p.is_file():
            (more / p.name).write_bytes(p.read_bytes())
    import ogi.corpus.build as build

    real = build.write_cross_year_findings

    def interrupted(*a, **kw):  # a real signal, half-way through the build (reports, cells written)
        os.kill(os.getpid(), sig)
        time.sleep(1)
        return real(*a, **kw)

    monkeypatch.setattr(build, "write_cross_year_findings", interrupted)
    with pytest.raises(RunInterrupted) as err:
        process(more, out, **_OPTS)
    assert err.value.exit_code == 128 + sig
    assert "while building the tables" in str(err.value)
    assert _snapshot(out) == before
    assert not list(out.rglob("*.tmp"))
    monkeypatch.setattr(build, "write_cross_year_findings", real)
    process(more, out, **_OPTS)
    process(more, tmp_path / "fresh", **_OPTS)
    assert_same_tables(out, tmp_path / "fresh")


# ----------------------------------------------------------------------------- 3. a full disk

def _enospc_after(n: int, real):
    calls = {"n": 0}

    def write(*a, **kw):
        calls["n"] += 1
        if calls["n"] > n:
            raise OSError(errno.ENOSPC, "No space left on device", str(a[0]) if a else None)
        return real(*a, **kw)

    return write


@pytest.mark.parametrize("where", ["parts", "tables"])
def test_full_disk_is_one_clear_error_and_the_rerun_completes(corpus, whole, tmp_path, monkeypatch, where) -> None:
    out = tmp_path / "out"
    small = _corpus(tmp_path / "c", n=2, start=980)
    process(small, out, **_OPTS)
    before = _snapshot(out)
    if where == "parts":
        import ogi.corpus.store as store

        monkeypatch.setattr(store, "atomic_write", _enospc_after(len(before) + 3, store.atomic_write))
    else:
        import ogi.corpus.build as build

        monkeypatch.setattr(build._TableWriter, "write", _enospc_after(2, build._TableWriter.write))
    with pytest.raises(DiskFullError) as err:
        process(corpus, out, **_OPTS)
    msg = str(err.value)
    assert str(out) in msg and "no space left" in msg and " MB more are needed" in msg
    assert _snapshot(out) == before  # the previous tables stay, readable
    assert all(len(pd.read_parquet(out / n)) >= 0 for n in before)
    assert not list(out.rglob("*.tmp"))
    monkeypatch.undo()
    process(corpus, out, **_OPTS)
    assert_same_tables(out, whole)


# ----------------------------------------------------------------------------- 4. a damaged cache

@pytest.mark.parametrize("damage", ["truncate", "alter", "manifest", "delete"])
def test_damaged_part_is_detected_reported_and_parsed_again(corpus, whole, tmp_path, damage) -> None:
    out = tmp_path / "out"
    process(corpus, out, **_OPTS)
    parts = sorted((out / ".parts" / "cells").glob("*.parquet"))
    victim = parts[0]
    if damage == "truncate":
        victim.write_bytes(victim.read_bytes()[:200])
    elif damage == "alter":
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0xFF
        victim.write_bytes(bytes(data))
    elif damage == "manifest":
        (out / ".parts" / "manifests" / f"{victim.stem}.json").write_text("{not json", encoding="utf-8")
    else:
        victim.unlink()
    ds = process(corpus, out, **_OPTS)
    assert [s for s, _ in ds.damaged] == [victim.stem]
    assert ds.processed >= 1  # its files were parsed again
    assert_same_tables(out, whole)
    cli = subprocess.run([sys.executable, "-m", "ogi.cli", "process", str(corpus), "--out", str(out),
                          "--workers", "1", "--batch-size", "2", "--no-statements", "-q"],
                         capture_output=True, text=True, check=False)
    assert cli.returncode == 0 and "damaged" not in cli.stderr  # repaired: nothing to report now


def test_damaged_part_is_named_by_the_cli(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    process(corpus, out, **_OPTS)
    victim = sorted((out / ".parts" / "reports").glob("*.parquet"))[0]
    victim.write_bytes(victim.read_bytes()[:200])
    cli = subprocess.run([sys.executable, "-m", "ogi.cli", "process", str(corpus), "--out", str(out),
                          "--workers", "1", "--batch-size", "2", "--no-statements", "-q"],
                         capture_output=True, text=True, check=False)
    assert cli.returncode == 0, cli.stderr
    assert f"stored part {victim.stem} was damaged (reports part is 200 bytes" in cli.stderr


# ----------------------------------------------------------------------------- 5. links, names

def test_links_outside_the_corpus_or_looping_are_not_followed(tmp_path) -> None:
    root = _corpus(tmp_path / "c", n=2, start=990)
    outside = tmp_path / "elsewhere"
    _corpus(outside, n=1, start=995)
    target = next(p for p in outside.iterdir() if p.is_file())
    (root / "link-out.txt").symlink_to(target)
    (root / "dir-out").symlink_to(outside, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    ds = process(root, tmp_path / "out", **_OPTS)
    errors = ds.table("errors").set_index("path")["reason"]
    assert "outside the corpus: not followed" in errors["link-out.txt"]
    assert "outside the corpus: not followed" in errors["dir-out"]
    assert "loops back" in errors["loop"]
    assert "does not exist" in errors["dangling.txt"]
    assert ds.counts["reports"] == 2
    followed = process(root, tmp_path / "out2", follow_symlinks=True, **_OPTS)
    reps = followed.table("reports").set_index("path")
    # followed: the link's content is read; the link and the folder link hold the same bytes,
    # so one of them is the report and the other its duplicate
    assert {f"dir-out/{target.name}", "link-out.txt"} <= set(reps.index)
    assert sorted(reps.loc[[f"dir-out/{target.name}", "link-out.txt"], "status"]) == ["duplicate", "report"]
    assert "link-out.txt" not in set(followed.table("errors")["path"])
    assert "loops back" in followed.table("errors").set_index("path")["reason"]["loop"]


def test_file_deleted_after_the_walk_is_an_errors_row(tmp_path, monkeypatch) -> None:
    root = _corpus(tmp_path / "c", n=3, start=1000)
    victim = sorted(p for p in root.iterdir() if p.is_file())[1]
    import ogi.corpus.runner as runner

    real = runner.hash_file

    def hash_then_delete(f):
        out = real(f)
        if f.path == str(victim):
            victim.unlink()
        return out

    monkeypatch.setattr(runner, "hash_file", hash_then_delete)
    ds = process(root, tmp_path / "out", **_OPTS)
    assert ds.counts["reports"] == 2 and ds.failed == 1
    assert ds.table("errors")["path"].tolist() == [victim.name]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_strange_names_round_trip_into_the_tables_and_the_view(tmp_path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    content = generate(1010, layout="pipe").content
    names = ["new\nline.txt", "up..and..dots...txt", "x" * 251 + ".txt"]
    for n in names:
        (root / n).write_bytes(content + n.encode())
    raw = os.fsencode(str(root)) + b"/gbk-\xb1\xa8\xb8\xe6.txt"  # 报告 in GBK: not UTF-8
    with open(raw, "wb") as fh:
        fh.write(content + b"gbk")
    ds = process(root, tmp_path / "out", **_OPTS)
    paths = ds.table("reports")["path"].tolist()
    assert ds.failed == 0 and len(paths) == 4
    assert set(names) <= set(paths)
    assert "gbk-\\xb1\\xa8\\xb8\\xe6.txt" in paths  # the bytes kept, as escapes
    from ogi.view import write_dataset_views

    pages = tmp_path / "pages"
    written = write_dataset_views(tmp_path / "out", pages / "index.html", top=10, embed_font=False)
    assert len(written) == 5  # the index and a page per report
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert "up..and..dots...txt" in index and ("x" * 200) in index and "gbk-\\xb1" in index


# ----------------------------------------------------------------------------- 6. unreadable formats

def test_unreadable_formats_are_errors_rows_counted_in_the_summary(tmp_path) -> None:
    root = _corpus(tmp_path / "c", n=2, start=1020)
    for name in ("old.doc", "sheet.xls", "wps-file.wps", "et-file.et", "scan.png", "photo.JPG", "all.zip"):
        (root / name).write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64)
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")  # not a report format: not in the corpus
    ds = process(root, tmp_path / "out", **_OPTS)
    errors = ds.table("errors").set_index("path")["reason"]
    assert ds.failed == 7 and ds.files == 9
    assert "legacy Word binary format: convert to .docx or PDF" in errors["old.doc"]
    assert "spreadsheet" in errors["sheet.xls"] and "spreadsheet" in errors["et-file.et"]
    assert "OCR" in errors["photo.JPG"] and "archive" in errors["all.zip"]
    assert "notes.csv" not in errors.index
    cli = subprocess.run([sys.executable, "-m", "ogi.cli", "process", str(root), "--out", str(tmp_path / "o2"),
                          "--workers", "1", "--no-statements"], capture_output=True, text=True, check=False)
    assert cli.returncode == 1 and "9 files: 2 parsed, 7 failed" in cli.stderr


def test_lock_file_says_who_holds_it(tmp_path) -> None:
    with output_lock(tmp_path, command=["ogi", "export", "x"]):
        info = json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid() and info["command"] == ["ogi", "export", "x"]
        assert {"host", "started"} <= set(info)


# ----------------------------------------------------------------------------- 7. bounded inputs

def _bomb_pdf() -> bytes:
    import zlib

    z = zlib.compressobj(9)
    bomb = b"".join(z.compress(b"\0" * (1 << 20)) for _ in range(300)) + z.flush()  # 300 MB inflated
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]/Contents 4 0 R>>endobj\n"
            + b"4 0 obj<</Length " + str(len(bomb)).encode() + b"/Filter/FlateDecode>>stream\n" + bomb
            + b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _many_pages_pdf(path: Path, n: int) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(n):
        c.drawString(100, 100, f"page {i}")
        c.showPage()
    c.save()


@pytest.mark.slow
def test_hostile_inputs_are_bounded_errors_rows_and_the_batch_goes_on(tmp_path) -> None:
    from ogi.read._pdf import MAX_PDF_PAGES

    root = _corpus(tmp_path / "c", n=2, start=1030)
    (root / "bomb.pdf").write_bytes(_bomb_pdf())
    _many_pages_pdf(root / "pages.pdf", MAX_PDF_PAGES + 1)
    (root / "attr.html").write_bytes(b"<html><body><div title=\"" + b"a" * (20 << 20) + b"\">x</div></body></html>")
    (root / "line.html").write_bytes(b"<html><body>" + "政府信息公开".encode() * ((10 << 20) // 18) + b"</body></html>")
    (root / "noline.txt").write_bytes("一二三四五六七八九十".encode() * ((40 << 20) // 30))
    ds = process(root, tmp_path / "out", workers=1, statements=False, max_memory="2G", timeout=120)
    errors = ds.table("errors").set_index("path")["reason"]
    assert ds.counts["reports"] == 2  # the batch went on
    assert "decompression bomb" in errors["bomb.pdf"]
    assert f"over the limit of {MAX_PDF_PAGES:,}" in errors["pages.pdf"]
    assert "10 MB limit" in errors["attr.html"] and "10 MB limit" in errors["line.html"]
    assert "not an annual report" in errors["noline.txt"]


def test_inflated_size_stops_past_the_limit() -> None:
    from ogi.read._pdf import inflated_size

    assert inflated_size(_bomb_pdf(), limit=10 << 20) <= (10 << 20) + (1 << 20)
    assert inflated_size(b"stream\nnot flate at all endstream") == 0


def test_file_rewritten_after_the_walk_gives_the_new_content(tmp_path, monkeypatch) -> None:
    root = _corpus(tmp_path / "c", n=2, start=1040)
    victim = sorted(p for p in root.iterdir() if p.is_file())[0]
    new = generate(1050, template="2021", layout="pipe", year=2017 + 7)
    import ogi.corpus.runner as runner

    real = runner.hash_file

    def hash_then_rewrite(f):
        out = real(f)
        if f.path == str(victim):
            victim.write_bytes(new.content)  # the run hashed the old bytes; the worker reads these
        return out

    monkeypatch.setattr(runner, "hash_file", hash_then_rewrite)
    ds = process(root, tmp_path / "out", **_OPTS)
    reps = ds.table("reports").set_index("path")
    assert ds.failed == 0 and int(reps.loc[victim.name, "year"]) == new.truth["year"]
    again = process(root, tmp_path / "out", **_OPTS)  # the new bytes are stored under their own hash
    assert again.processed == 0


def test_export_waits_for_no_one_and_refuses_a_dataset_being_written(corpus, whole, tmp_path) -> None:
    proc = _holder_process(whole, 30)
    try:
        cli = subprocess.run([sys.executable, "-m", "ogi.cli", "export", str(whole), "--format", "csv",
                              "--out", str(tmp_path / "e")], capture_output=True, text=True, check=False)
    finally:
        proc.kill()
        proc.wait()
    assert cli.returncode == 1 and "another run is writing this folder" in cli.stderr
    assert not (tmp_path / "e" / "codebook.md").exists()
    ok = subprocess.run([sys.executable, "-m", "ogi.cli", "export", str(whole), "--format", "csv",
                         "--out", str(tmp_path / "e")], capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
