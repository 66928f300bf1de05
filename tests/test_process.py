"""ogi.corpus / `ogi process`: tables, errors, resume after kill, engines and workers agree."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import assert_same_tables
from ogi.cli import app
from ogi.corpus import process, process_file
from ogi.dataset import COLUMNS, TABLES
from ogi.synth import generate

_AGENCY = "青川县财政局"


def _write_corpus(root: Path, n: int = 10) -> dict:
    """Synthetic reports (fast layouts, both templates), an agency followed over 3 years,
    a duplicate, bad files, a gold folder and a README that must be skipped."""
    truths = {}
    layouts = ("pipe", "flat", "markdown", "html")
    for i in range(n):
        rep = generate(100 + i, template=("2021", "2019")[i % 2], layout=layouts[i % 4],
                       mask=0.35 if i % 5 == 0 else 0.0, violations=1 if i % 4 == 3 else 0)
        sub = root / ("sub" if i % 3 == 0 else "")
        truths[rep.write(sub).relative_to(root).as_posix()] = rep.truth
    for k, year in enumerate((2022, 2023, 2024)):
        rep = generate(200 + k, template="2021", layout="pipe", agency=_AGENCY, year=year)
        truths[rep.write(root / "agency").relative_to(root).as_posix()] = rep.truth
    shutil.copy(root / "agency" / "synth-2021-pipe-200.txt", root / "zz-duplicate.txt")
    (root / "bad-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    (root / "bad-empty.md").write_bytes(b"")
    (root / "bad-not-a-report.txt").write_text("今天天气很好。\n", encoding="utf-8")
    (root / "README.md").write_text("# not a report\n", encoding="utf-8")
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return truths




@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("corpus")
    return root, _write_corpus(root)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref")
    return process(corpus[0], out, workers=1, batch_size=3)


def test_process_writes_every_table_with_its_columns(reference):
    for t in TABLES:
        df = pd.read_parquet(reference.out_dir / f"{t}.parquet")
        assert list(df.columns) == COLUMNS[t], t
    assert (reference.out_dir / "ogi.duckdb").is_file()
    assert not list(reference.out_dir.glob("*.tmp")) and not list(reference.out_dir.glob(".*.tmp"))


def test_process_one_report_per_content_sorted_by_path(corpus, reference):
    reps = reference.table("reports")
    ok = sorted(p for p in corpus[1])  # the duplicate is one report, under its first path
    assert reps[reps["status"] == "report"]["path"].tolist() == ok
    # ... and its copy a row of its own, duplicate of it (issue 12: every file is a row)
    assert reps["path"].tolist() == sorted([*ok, "zz-duplicate.txt"])
    dup = reps.set_index("path").loc["zz-duplicate.txt"]
    assert dup["status"] == "duplicate"
    assert dup["duplicate_of"] == reps.set_index("path").loc["agency/synth-2021-pipe-200.txt", "report_id"]
    assert reps["report_id"].is_unique
    assert "README.md" not in reps["path"].tolist() and not any("gold/" in p for p in reps["path"])
    assert reference.files == len(corpus[1]) + 1 + 3


def test_process_cells_match_the_truth(corpus, reference):
    reps = reference.table("reports").set_index("report_id")
    cells = reference.table("cells")
    cells = cells[cells["tbl"] == "table3"].merge(reps[["path"]], left_on="report_id", right_index=True)
    rel = "agency/synth-2021-pipe-200.txt"
    mine = cells[cells["path"] == rel].set_index("key")["value"]
    truth = corpus[1][rel]["tables"]["table3"]
    assert mine["new_received.total"] == truth["new_received"]["total"]
    assert mine["carried_forward.natural_person"] == truth["carried_forward"]["natural_person"]


def test_process_errors_table_lists_bad_files(reference):
    err = reference.table("errors")
    assert err["path"].tolist() == ["bad-binary.txt", "bad-empty.md", "bad-not-a-report.txt"]
    assert err["stage"].tolist() == ["read", "read", "parse"]
    assert "empty" in err["reason"].iloc[1]
    assert reference.failed == 3 and reference.exit_code == 2


def test_process_statements_and_findings_are_rows(reference):
    st = reference.table("statements")
    assert len(st) > 0 and set(st["kind"]) <= {"problem", "improvement", "other"}
    f = reference.table("findings")
    assert "T3-ID" in set(f["rule"]) or "T3-ROWSUM" in set(f["rule"]) or "T3-RESULTS" in set(f["rule"])
    assert not f.duplicated(["report_id", "idx"]).any()


def test_process_cross_year_findings(corpus, reference):
    reps = reference.table("reports").set_index("path")
    f = reference.table("findings")
    xf = f[f["rule"] == "XYEAR-CARRY"]
    expected = set()
    for y in (2023, 2024):
        cur = corpus[1][f"agency/synth-2021-pipe-{200 + y - 2022}.txt"]["tables"]["table3"]
        prev = corpus[1][f"agency/synth-2021-pipe-{199 + y - 2022}.txt"]["tables"]["table3"]
        for col, v in cur["carried_over"].items():
            pv = prev["carried_forward"][col]
            if v is not None and pv is not None and v != pv:
                expected.add((reps.loc[f"agency/synth-2021-pipe-{200 + y - 2022}.txt", "report_id"],
                              f"table3.carried_over.{col}", str(pv), str(v)))
    got = {(r.report_id, json.loads(r.cells)[0], r.expected, r.actual) for r in xf.itertuples()}
    assert got == expected and expected
    assert set(xf["severity"]) == {"warning"}
    # cross-year findings continue the report's own numbering
    own = reps.set_index("report_id")["n_findings"]
    assert all(r.idx >= own[r.report_id] for r in xf.itertuples())
    inforce = f[f["rule"] == "T2-INFORCE"]
    expected = set()
    for y in (2023, 2024):
        rel = f"agency/synth-2021-pipe-{200 + y - 2022}.txt"
        cur = corpus[1][rel]["tables"]["table2"]["art20_1"]
        prev = corpus[1][f"agency/synth-2021-pipe-{199 + y - 2022}.txt"]["tables"]["table2"]["art20_1"]
        for row in ("rules", "normative_docs"):
            c, p = cur[row], prev[row]
            if p["in_force"] + c["issued"] - c["repealed"] != c["in_force"]:
                expected.add((reps.loc[rel, "report_id"], f"table2.art20_1.{row}.in_force",
                              str(p["in_force"] + c["issued"] - c["repealed"]), str(c["in_force"])))
    got = {(r.report_id, json.loads(r.cells)[0], r.expected, r.actual) for r in inforce.itertuples()}
    assert got == expected


def test_process_duckdb_views_are_queryable(reference):
    con = reference.connect()
    try:
        for t in TABLES:
            assert con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == reference.counts[t]
        rows = con.execute("SELECT r.path, count(*) FROM cells c JOIN reports r USING (report_id) "
                       "GROUP BY r.path ORDER BY r.path").fetchall()
        # a byte-identical copy is a row of reports only (its cells are its original's)
        copies = con.execute("SELECT count(*) FROM reports WHERE status_reason LIKE 'same bytes as %'").fetchone()[0]
        assert copies == 1
        assert len(rows) == reference.counts["reports"] - copies
    finally:
        con.close()


def test_process_provenance_has_no_clock(corpus, reference):
    prov = json.loads((reference.out_dir / "provenance.json").read_text(encoding="utf-8"))
    assert prov["corpus"]["files"] == reference.files and len(prov["corpus"]["sha256"]) == 64
    assert prov["packages"]["ogi"] and prov["command"]
    text = json.dumps(prov)
    assert "seconds" not in text and "time" not in text.replace("timeout", "")


def test_process_two_workers_equal_one(corpus, reference, tmp_path):
    ds = process(corpus[0], tmp_path, workers=2, batch_size=2)
    assert ds.counts == reference.counts
    assert_same_tables(reference.out_dir, tmp_path)


def test_process_dask_local_cluster_equals_local(corpus, reference, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        ds = process(corpus[0], tmp_path, engine="dask", scheduler=cluster.scheduler_address,
                     workers=1, batch_size=4)
    assert ds.exit_code == 2
    assert_same_tables(reference.out_dir, tmp_path)


def test_process_rerun_does_no_parsing_and_follows_changes(corpus, tmp_path, monkeypatch):
    # the store is tied to ogi's code; keep it fixed while other work edits the package
    monkeypatch.setattr("ogi.corpus.runner.code_fingerprint", lambda: "fixed")
    root = tmp_path / "c"
    shutil.copytree(corpus[0], root)
    out = tmp_path / "out"
    first = process(root, out, workers=1, batch_size=4)
    again = process(root, out, workers=1, batch_size=4)
    assert again.processed == 0 and again.reused == first.processed
    assert_same_tables(out, out)  # readable after the rebuild
    # change one file, add one, remove one
    generate(999, layout="markdown").write(root)
    (root / "agency" / "synth-2021-pipe-200.txt").unlink()
    changed = root / "sub" / "synth-2021-pipe-100.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("一、总体情况", "一、总体情况\n本年度"),
                       encoding="utf-8")
    third = process(root, out, workers=1, batch_size=4)
    assert third.processed == 2
    paths = third.table("reports")["path"].tolist()
    assert "synth-2021-markdown-999.md" in paths
    assert "zz-duplicate.txt" in paths  # the same bytes as the removed file, now its only path
    assert "agency/synth-2021-pipe-200.txt" not in paths
    process(root, tmp_path / "fresh", workers=1)
    assert_same_tables(out, tmp_path / "fresh")


def test_process_resume_after_kill(tmp_path):
    root = tmp_path / "c"
    for i in range(36):
        generate(300 + i, template=("2021", "2019")[i % 2], layout=("pipe", "markdown")[i % 2]).write(root)
    (root / "bad.txt").write_bytes(b"")
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "ogi.cli", "process", str(root), "--out", str(out), "--workers", "1",
           "--batch-size", "2", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifests = out / ".parts" / "manifests"
    try:
        while proc.poll() is None and not (manifests.is_dir() and any(manifests.glob("*.json"))):
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not (out / "reports.parquet").exists()  # killed before the tables were written
    rerun = subprocess.run(cmd, capture_output=True, check=False)
    assert rerun.returncode == 1  # the empty file is an error row (ogi process exits 1 when files failed)
    process(root, tmp_path / "whole", workers=1)
    assert_same_tables(out, tmp_path / "whole")


def test_process_file_time_limit_is_an_error_row(corpus):
    root, truths = corpus
    rel = next(iter(truths))
    res = process_file(root / rel, rel, timeout=1e-6)
    assert res.status == "timeout" and res.error["stage"] == "timeout"
    ok = process_file(root / rel, rel)
    assert ok.status == "ok" and ok.rows["reports"][0]["path"] == rel


# the CLI's one convention (ogi.commands._errors): 2 for usage errors, 1 when files failed
@pytest.mark.parametrize("args, code", [
    (["process"], 2),
    (["process", "/nonexistent/corpus"], 2),
    (["process", "{corpus}", "--engine", "spark"], 2),
    (["process", "{corpus}", "--workers", "0"], 2),
    (["process", "{corpus}", "--max-memory", "lots"], 2),
    (["process", "{clean}", "--workers", "1", "--max-memory", "0", "-q"], 0),
    (["process", "{clean}", "--workers", "1", "-q"], 0),
    (["process", "{corpus}", "--workers", "1", "-q"], 1),
])
def test_process_cli_exit_codes(args, code, corpus, tmp_path):
    clean = tmp_path / "clean"
    generate(1, layout="pipe").write(clean)
    args = [a.format(corpus=corpus[0], clean=clean) for a in args] + ["--out", str(tmp_path / "out")]
    if args[:2] == ["process", "--out"]:
        args = ["process"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == code, res.output


def test_process_fifo_is_an_error_row_not_a_hang(tmp_path):
    import os

    from ogi.corpus import process

    corpus = tmp_path / "c"
    corpus.mkdir()
    from ogi.paths import SAMPLE_DIR

    (corpus / "seed.txt").write_bytes((SAMPLE_DIR / "seed-2024-masked.txt").read_bytes())
    os.mkfifo(corpus / "pipe.txt")
    ds = process(corpus, tmp_path / "out", workers=1)
    errors = ds.table("errors")
    assert list(errors["path"]) == ["pipe.txt"] and "not a regular file" in errors["reason"][0]
    assert ds.exit_code == 2


def test_process_tables_built_in_small_chunks_equal_one_chunk(corpus, reference, tmp_path, monkeypatch):
    import ogi.corpus.build as build

    # three reports per chunk: every table is assembled from many chunks, each sorted alone
    monkeypatch.setattr(build, "CHUNK_REPORTS", 3)
    monkeypatch.setattr(build, "ROW_GROUP_ROWS", 50)
    out = tmp_path / "chunked"
    shutil.copytree(reference.out_dir, out)
    for t in TABLES:
        (out / f"{t}.parquet").unlink()
    ds = process(corpus[0], out, workers=1, batch_size=3)
    assert ds.processed == 0  # everything from the store: only the build ran
    assert_same_tables(reference.out_dir, out)
    cells = ds.table("cells").merge(ds.table("reports")[["report_id", "path"]], on="report_id")
    assert cells["path"].is_monotonic_increasing


def test_process_cross_year_writer_equals_the_list(reference, tmp_path):
    import duckdb
    import pyarrow.parquet as pq

    from ogi.corpus.crossyear import cross_year_findings, write_cross_year_findings

    out = reference.out_dir
    con = duckdb.connect()
    rows = cross_year_findings(con, out / "reports.parquet", out / "cells.parquet")
    n = write_cross_year_findings(con, out / "reports.parquet", out / "cells.parquet", tmp_path / "x.parquet")
    assert n == len(rows) > 0
    assert pq.read_table(tmp_path / "x.parquet").to_pylist() == rows
    assert [(r["path"], r["idx"]) for r in rows] == sorted((r["path"], r["idx"]) for r in rows)


def test_process_file_out_of_memory_is_an_error_row_not_kept(corpus, monkeypatch):
    import importlib

    import ogi.corpus.worker as worker

    parse_module = importlib.import_module("ogi.parse")  # the module (ogi.parse is also a function)
    root, truths = corpus
    rel = next(iter(truths))

    def greedy(*a, **k):
        raise MemoryError()

    monkeypatch.setattr(parse_module, "parse_document", greedy)
    monkeypatch.setattr(worker, "_memory_limit", 2**30)
    res = process_file(root / rel, rel)
    assert res.status == "memory" and res.error["stage"] == "memory"
    assert "limit of 1 GiB" in res.error["reason"] and not res.cacheable


def test_process_memory_limit_makes_a_huge_file_an_error_row(tmp_path):
    from ogi.paths import SAMPLE_DIR

    corpus = tmp_path / "c"
    corpus.mkdir()
    seed = (SAMPLE_DIR / "seed-2024-masked.txt").read_text(encoding="utf-8")
    (corpus / "seed.txt").write_text(seed, encoding="utf-8")
    # the same report with 41 MB more narrative: its bytes alone are one allocation of more
    # than 32 MB (which glibc always maps afresh), far past 8 MB
    (corpus / "huge.txt").write_text(seed + "\n" + "本机关坚持以公开为常态、不公开为例外。" * 720_000, encoding="utf-8")
    out = tmp_path / "o"
    ds = process(corpus, out, workers=1, max_memory="8M")
    err = ds.table("errors")
    assert err["path"].tolist() == ["huge.txt"] and err["stage"].tolist() == ["memory"]
    assert "limit of 0.00781 GiB" in err["reason"][0]
    assert ds.table("reports")["path"].tolist() == ["seed.txt"] and ds.exit_code == 2
    assert json.loads((out / "provenance.json").read_text())["options"]["max_memory"] == 8 * 2**20
    # the limit, not the file, decided: the next run, with room, tries it again (and gives
    # up on time here, to keep the test short)
    again = process(corpus, out, workers=2, max_memory="4G", timeout=0.2)
    assert again.processed == 1 and again.reused == 1
    assert again.table("errors")["stage"].tolist() == ["timeout"]


def test_limit_memory_turns_a_huge_allocation_into_memory_error():
    code = ("from ogi.corpus.worker import limit_memory\n"
            "assert limit_memory(64 * 2**20)\n"
            "try:\n    bytearray(512 * 2**20)\nexcept MemoryError:\n    print('refused')\n"
            "print(len(bytearray(8 * 2**20)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["refused", str(8 * 2**20)]


def test_process_failed_build_publishes_no_partial_table(corpus, reference, tmp_path, monkeypatch):
    import ogi.corpus.build as build

    out = tmp_path / "o"
    shutil.copytree(reference.out_dir, out)
    before = (out / "cells.parquet").read_bytes()
    monkeypatch.setattr(build, "CHUNK_REPORTS", 3)
    n_chunks = -(-reference.counts["reports"] // 3)  # per table; reports, sections, then cells
    calls = {"n": 0}
    real = build._arrow

    def failing(rel):
        calls["n"] += 1
        if calls["n"] == 2 * n_chunks + 2:  # inside the cells table, after one of its chunks
            raise RuntimeError("disk full")
        return real(rel)

    monkeypatch.setattr(build, "_arrow", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        process(corpus[0], out, workers=1, batch_size=3)
    assert (out / "cells.parquet").read_bytes() == before
    assert not list(out.glob(".*.tmp"))


def test_process_too_large_file_is_tried_again_under_a_higher_limit(tmp_path, monkeypatch):
    from ogi.paths import SAMPLE_DIR

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes((SAMPLE_DIR / "seed-2024-masked.txt").read_bytes())
    monkeypatch.setenv("OGI_MAX_BYTES", "4k")
    ds = process(corpus, tmp_path / "o", workers=1)
    err = ds.table("errors")
    assert err["stage"].tolist() == ["read"] and "too large" in err["reason"][0] and ds.counts["reports"] == 0
    monkeypatch.setenv("OGI_MAX_BYTES", "1M")
    again = process(corpus, tmp_path / "o", workers=1)
    assert again.processed == 1 and again.counts["reports"] == 1 and again.counts["errors"] == 0


def test_process_part_schemas_follow_the_frames_dtypes_without_pandas():
    import pyarrow as pa

    from ogi.corpus.schema import _arrow, schema
    from ogi.dataset import frames

    for t, df in frames([]).items():
        assert schema(t).equals(pa.schema([(c, _arrow(str(dt))) for c, dt in df.dtypes.items()])), t
    code = "import sys; from ogi.corpus.schema import part_schema; part_schema('cells'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
