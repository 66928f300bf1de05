"""Corrections with provenance: ogi process --overrides (issue 12)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ogi.corpus import process
from ogi.corpus.overrides import read_overrides
from ogi.errors import UsageError

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "dev"
CELL = "table2.art20_1.normative_docs.new_made"
pytestmark = pytest.mark.skipif(not (DEV / "pingtan-2019.txt").is_file(), reason="dev corpus not available")


@pytest.fixture(scope="module")
def settled(tmp_path_factory):
    root = tmp_path_factory.mktemp("ov")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("pingtan-2019.txt", "pingtan-2019-page.html"):
        shutil.copy(DEV / name, corpus / name)
    ov = root / "overrides.yaml"
    ov.write_text(f"- file: pingtan-2019.txt\n  cell: {CELL}\n  value: 89\n"
                  "  reason: the HTML copy of the report prints 89\n  who: test\n", encoding="utf-8")
    process(corpus, root / "out", workers=1, overrides=ov)
    return root


def test_override_settles_the_ambiguous_cell_and_keeps_what_was_printed(settled):
    cells = pd.read_parquet(settled / "out" / "cells.parquet")
    rep = pd.read_parquet(settled / "out" / "reports.parquet").set_index("path")
    txt = cells[(cells["report_id"] == rep.loc["pingtan-2019.txt", "report_id"]) & (cells["tbl"] == "table2")]
    row = txt.set_index("key").loc[CELL.partition(".")[2]]
    html = cells[cells["report_id"] == rep.loc["pingtan-2019-page.html", "report_id"]].set_index("key")
    assert row["status"] == "override" and row["value"] == html.loc[CELL.partition(".")[2], "value"] == 89
    assert row["printed_status"] == "ambiguous" and pd.isna(row["printed"])
    assert row["override"] == "the HTML copy of the report prints 89 (test)"
    assert (cells["status"] == "override").sum() == 1
    prov = json.loads((settled / "out" / "provenance.json").read_text(encoding="utf-8"))
    ov = settled / "overrides.yaml"
    assert prov["options"]["overrides"]["sha256"] == read_overrides(ov)[1]


def test_without_overrides_the_cell_stays_ambiguous(settled):
    process(settled / "corpus", settled / "plain", workers=1)
    cells = pd.read_parquet(settled / "plain" / "cells.parquet")
    assert not (cells["status"] == "override").any()
    assert cells["override"].isna().all()


def test_bad_overrides_are_clear_errors(tmp_path, settled):
    csv = tmp_path / "o.csv"
    csv.write_text("file,cell,value,reason,who\npingtan-2019.txt,table3.granted.total,x,because,me\n",
                   encoding="utf-8")
    with pytest.raises(UsageError, match="entry 1: value 'x' is not a number"):
        read_overrides(csv)
    csv.write_text("file,cell,value,reason,who\nmissing.txt,table3.granted.total,3,because,me\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no report with file 'missing.txt'"):
        process(settled / "corpus", tmp_path / "out", workers=1, overrides=csv)
    csv.write_text("file,cell,value,reason,who\npingtan-2019.txt,table3.nothing.total,3,because,me\n",
                   encoding="utf-8")
    with pytest.raises(UsageError, match="has no cell table3.nothing.total"):
        process(settled / "corpus", tmp_path / "out2", workers=1, overrides=csv)


def test_audit_page_shows_the_override_beside_the_printed_cell(settled, tmp_path):
    from ogi.view.dataset import write_report_view

    page = write_report_view(settled / "out", "pingtan-2019.txt", out=tmp_path / "p.html", embed_font=False)
    html = page.read_text(encoding="utf-8")
    assert "overrides: 1" in html and CELL in html
    assert "source printed: blank (ambiguous)" in html and "the HTML copy of the report prints 89 (test)" in html
    page = write_report_view(settled / "out", "pingtan-2019-page.html", out=tmp_path / "q.html", embed_font=False)
    assert "overrides:" not in page.read_text(encoding="utf-8")
