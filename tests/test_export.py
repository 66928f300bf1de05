"""ogi export: wide and long tables, Stata with labels, native Parquet lists, codebook (issue 12)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ogi.corpus import process
from ogi.export import column_name, export
from ogi.export.codebook import reference_codebook

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpora" / "dev"
SEED = ROOT / "corpora" / "sample" / "seed-2024-masked.txt"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("exp")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    shutil.copy(SEED, corpus / "seed-copy.txt")
    ov = None
    if (DEV / "pingtan-2019.txt").is_file():
        shutil.copy(DEV / "pingtan-2019.txt", corpus / "pingtan-2019.txt")
        ov = root / "ov.csv"
        ov.write_text("file,cell,value,reason,who\npingtan-2019.txt,table2.art20_1.normative_docs.new_made,89,"
                      "HTML copy prints 89,test\n", encoding="utf-8")
    process(corpus, root / "out", workers=1, overrides=ov)
    return root / "out"


def _codebook(dest: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with (dest / "codebook.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["file"], set()).add(r["column"])
    return out


def test_column_names_are_short_distinct_and_stable():
    from ogi.spec import template

    paths = sorted({p for v in ("2019", "2021") for p in template(v).all_paths()})
    names = [column_name(p) for p in paths]
    assert max(map(len, names)) <= 32 and len(set(names)) == len(names)
    assert column_name("table3.granted.total") == "t3_granted_total"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "dta", "xlsx"])
def test_export_every_column_in_the_codebook(dataset, tmp_path, fmt):
    dest = tmp_path / fmt
    files = export(dataset, dest, fmt=fmt)
    book = _codebook(dest)
    seen = set()
    for f in files:
        if f.suffix in (".md", ".csv") and f.name.startswith("codebook"):
            continue
        if fmt == "xlsx":
            sheets = pd.read_excel(f, sheet_name=None)
            assert list(sheets)[-1] == "codebook"
            for name, df in list(sheets.items())[:-1]:
                assert set(df.columns) == book[f"export.xlsx[{name}]"], name
                seen.add(name)
            continue
        cols = (pd.read_stata(f) if fmt == "dta" else pd.read_parquet(f) if fmt == "parquet"
                else pd.read_csv(f)).columns
        assert set(cols) == book[f.name], f.name
        seen.add(f.stem)
    assert seen == {"reports", "sections", "cells", "findings", "statements", "claims"}
    wide = pd.read_parquet(dest / "reports.parquet") if fmt == "parquet" else None
    if wide is not None:
        assert {"status", "t3_granted_total", "m_new_received", "m_basis", "f_error", "s_problem",
                "c_match"} <= set(wide.columns)
        assert len(wide) == 3 if (DEV / "pingtan-2019.txt").is_file() else 2
        st = pd.read_parquet(dest / "statements.parquet")
        assert isinstance(st["topics"].iloc[0].tolist(), list)  # native list, not JSON text


def test_stata_118_opens_with_labels(dataset, tmp_path):
    export(dataset, tmp_path, fmt="dta")
    assert (tmp_path / "reports.dta").read_bytes()[:60].startswith(b"<stata_dta><header><release>118</release>")
    with pd.io.stata.StataReader(tmp_path / "reports.dta") as r:
        labels = r.variable_labels()
    assert labels["t3_granted_total"] == "表三 （一）予以公开 / 总计"
    assert "status" in labels and labels["status"]


@pytest.mark.skipif(not (DEV / "pingtan-2019.txt").is_file(), reason="dev corpus not available")
def test_export_shows_the_override(dataset, tmp_path):
    export(dataset, tmp_path, fmt="parquet")
    cells = pd.read_parquet(tmp_path / "cells.parquet")
    ov = cells[cells["status"] == "override"]
    assert len(ov) == 1 and ov["value"].item() == 89 and ov["printed_status"].item() == "ambiguous"
    wide = pd.read_parquet(tmp_path / "reports.parquet").set_index("path")
    assert wide.loc["pingtan-2019.txt", column_name("table2.art20_1.normative_docs.new_made")] == 89


def test_docs_codebook_matches_the_code():
    assert (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8") == reference_codebook(), (
        "docs/codebook.md drifted: regenerate it with ogi.export.codebook.reference_codebook()")


def test_cli_export(dataset, tmp_path):
    from typer.testing import CliRunner

    from ogi.cli import app

    r = CliRunner().invoke(app, ["export", str(dataset), "--format", "csv", "--out", str(tmp_path / "e")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "e" / "codebook.md").is_file()
    r = CliRunner().invoke(app, ["export", str(dataset), "--format", "xls"])
    assert r.exit_code == 2 and "valid values" in r.output  # a usage error


def test_export_sections_long_table(dataset, tmp_path):
    export(dataset, tmp_path, fmt="parquet")
    sec = pd.read_parquet(tmp_path / "sections.parquet")
    seed = pd.read_parquet(tmp_path / "reports.parquet").query("path == 'seed-2024-masked.txt'")
    mine = sec[sec["report_id"] == seed["report_id"].item()]
    assert len(mine) == seed["n_sections"].item() >= 6
    assert {"overview", "requests", "problems"} <= set(mine["key"])


def test_xlsx_splits_long_tables_and_keeps_excel_limits(tmp_path):
    from ogi.export.xlsx import MAX_CHARS, write_workbook

    df = pd.DataFrame({"idx": [1, 2, 3, 4, 5], "text": ["a\x0cb", "x" * (MAX_CHARS + 10), None, "d", "e"],
                       "value": [1.5, None, 3.0, 4.0, 5.0]})
    book = {c: {"type": "string", "meaning": c, "template": "", "values": ""} for c in df.columns}
    path = write_workbook({"cells": df}, {"cells": book}, tmp_path / "w.xlsx", max_rows=2)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["cells", "cells_2", "cells_3", "codebook"]
    back = pd.concat([sheets[n] for n in ("cells", "cells_2", "cells_3")], ignore_index=True)
    assert back["idx"].tolist() == [1, 2, 3, 4, 5]
    assert back["value"].isna().tolist() == [False, True, False, False, False]
    assert back.loc[0, "text"] == "a\ufffdb"
    long = back.loc[1, "text"]
    assert len(long) == MAX_CHARS and long.endswith(f"…[cut, {MAX_CHARS + 10} chars]")
    assert sheets["codebook"]["sheet"].iloc[0] == "cells, cells_2, cells_3"


def test_codebook_names_every_rule_topic_and_severity():
    import re

    from ogi.export.reference import RULES, SEVERITIES, SPEC_ONLY, topic_examples
    from ogi.nlp.taxonomy import TOPICS
    from ogi.record import Severity
    from ogi.spec import raw_spec

    emitted = set()
    for f in (ROOT / "src" / "ogi").rglob("*.py"):
        if f.name in ("synth.py", "perturb.py") or "export" in f.parts:
            continue
        text = f.read_text(encoding="utf-8")
        emitted |= set(re.findall(r'Finding\(\s*"([A-Z0-9-]+)"', text))
        emitted |= set(re.findall(r'"rule": "([A-Z0-9-]+)"', text))
        emitted |= set(re.findall(r'_finding\("([A-Z0-9-]+)"', text))
        emitted |= set(re.findall(r'bad\.append\(\("([A-Z0-9-]+)"', text))
    # the accounting identities are data (ogi.template): the checks emit their ids
    from ogi.template import VERSIONS, template

    emitted |= {i.rule.id for v in VERSIONS for i in template(v).identities if i.rule is not None}
    assert {"T3-ID", "T3-RESULTS", "EMPTY-CELLS", "XYEAR-CARRY", "T2-INFORCE", "TEXT-LINK"} <= emitted
    assert emitted <= set(RULES), emitted - set(RULES)
    spec = {r["id"] for v in raw_spec()["versions"].values() for r in v["rules"]}
    assert spec <= set(RULES) | set(SPEC_ONLY) and not set(SPEC_ONLY) & emitted
    assert set(SEVERITIES) == set(Severity.__args__)
    ex = topic_examples()
    doc = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    for t in TOPICS:
        assert len(ex[t]) == 2 and all(len(e) > 8 and e in doc for e in ex[t]), t
    for r in RULES:
        assert f"| {r} |" in doc


def test_duckdb_columns_need_no_quoting(dataset):
    import duckdb

    from ogi.dataset import COLUMNS

    con = duckdb.connect(str(dataset / "ogi.duckdb"), read_only=True)
    reserved = {k for k, cat in con.sql("SELECT keyword_name, keyword_category FROM duckdb_keywords()").fetchall()
                if cat == "reserved"}
    for t, cols in COLUMNS.items():
        assert not set(cols) & reserved, (t, set(cols) & reserved)
        have = [r[0] for r in con.sql(f"DESCRIBE {t}").fetchall()]
        assert have == cols, t
        listed = ", ".join(cols)
        where = " AND ".join(f"({c} IS NULL OR {c} IS NOT NULL)" for c in cols)
        n = con.sql(f"SELECT {listed} FROM {t} WHERE {where} ORDER BY {listed}").fetchall()
        assert len(n) == con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0]
    got = con.sql("SELECT c.tbl, c.row, c.col, s.idx FROM cells c JOIN sections s USING (report_id) "
                  "WHERE c.tbl = 'table3' AND c.col = 'total' AND s.idx = 0 LIMIT 1").fetchall()
    assert got and got[0][0] == "table3"
