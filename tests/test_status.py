"""Report status, duplicates and agency ids (issue 12: status, agency-year panel)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import ogi
from ogi.analysis import measures
from ogi.corpus.agency import agency_id, agency_level, agency_region, read_aliases
from ogi.corpus.status import copy_id
from ogi.dataset import frames
from ogi.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpora" / "dev"
SEED = ROOT / "corpora" / "sample" / "seed-2024-masked.txt"
GUIDE = ("上海市人民政府信息公开指南\n\n为了更好地提供政府信息公开服务，"
         "根据《中华人民共和国政府信息公开条例》，编制本指南。\n"
         "一、主动公开\n公开的范围：机构职能、规范性文件。\n二、依申请公开\n申请人可以通过网络、信函提出申请。\n")


def _rec(path: Path) -> dict:
    rec = ogi.parse(path).to_dict()
    rec["source"]["path"] = path.name
    return rec


def test_agency_normalisation():
    assert agency_id("上海市人民政府办公厅") == "上海市人民政府"
    assert agency_id("平潭综合实验区管委会") == agency_id("平潭综合实验区")
    assert agency_id("ＸＸ县人民政府2024年政府信息公开工作年度报告") == "XX县人民政府"
    assert agency_id("****分局") == "*分局"
    assert agency_id(None) is None
    assert agency_id("洪泽区人民政府", aliases={"洪泽区人民政府": "淮安市洪泽区人民政府"}) == "淮安市洪泽区人民政府"
    names = ("江苏省人民政府", "淮安市人民政府", "沭阳县人民政府", "某镇人民政府", "上海市科委")
    assert [agency_level(a) for a in names] == ["省", "市", "县区", "乡镇街道", "部门"]
    assert agency_region("淮安市洪泽区人民政府") == "淮安市"


def test_alias_table(tmp_path):
    p = tmp_path / "aliases.csv"
    p.write_text("name,agency_id\n洪泽区人民政府,hongze\n", encoding="utf-8")
    assert read_aliases(p) == {"洪泽区人民政府": "hongze"}
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UsageError, match="name, agency_id"):
        read_aliases(p)


def test_not_report_fragment_and_byte_copy(tmp_path):
    (tmp_path / "guide.txt").write_text(GUIDE, encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(SEED.read_text(encoding="utf-8").splitlines()[:8]) + "\n", encoding="utf-8")
    copy = tmp_path / "seed-copy.txt"
    shutil.copy(SEED, copy)
    data = frames([_rec(SEED), _rec(copy), _rec(tmp_path / "guide.txt"), _rec(cut)])
    rep = data["reports"].set_index("path")
    assert rep.loc["guide.txt", "status"] == "not_report"
    assert rep.loc["cut.txt", "status"] == "fragment"  # a 2024 report cut before its tables
    assert rep.loc["seed-2024-masked.txt", "status"] == "report"
    canon = rep.loc["seed-2024-masked.txt", "report_id"]
    assert rep.loc["seed-copy.txt", "status"] == "duplicate"
    assert rep.loc["seed-copy.txt", "duplicate_of"] == canon
    assert rep.loc["seed-copy.txt", "report_id"] == copy_id(canon, "seed-copy.txt")
    # the copy adds no cells: the measures count the seed once
    assert set(data["cells"]["report_id"]) == {canon}
    o = measures.outcome_shares(data, by=None)
    assert (o["n"] == 1).all()
    assert set(o["excluded"]) == {"status duplicate: 1; status fragment: 1; status not_report: 1"}


@pytest.mark.skipif(not (DEV / "pingtan-2019.txt").is_file(), reason="dev corpus not available")
def test_twins_are_one_report_canonical_by_rule():
    data = frames([_rec(DEV / "pingtan-2024.txt"), _rec(DEV / "pingtan-2024-page.html"),
                   _rec(DEV / "extra" / "fragment-table3-pdf-text.txt")])
    rep = data["reports"].set_index("path")
    html, txt = rep.loc["pingtan-2024-page.html"], rep.loc["pingtan-2024.txt"]
    # fewest findings (html 0, txt 3), then richest format
    assert html["status"] == "report" and txt["status"] == "duplicate"
    assert txt["duplicate_of"] == html["report_id"]
    assert rep.loc["fragment-table3-pdf-text.txt", "status"] == "fragment"
    v = measures.request_volume(data)
    assert len(v) == 1 and v["new_received"].item() == 218
    assert len(measures.request_volume(data, include="all")) == 3


@pytest.mark.skipif(not (DEV / "pingtan-2019.txt").is_file(), reason="dev corpus not available")
def test_process_gives_status_and_copy_rows(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("pingtan-2023.txt", "pingtan-2023-page.html", "pingtan-2024.txt", "pingtan-2024-page.html",
                 "seed-2024-masked.txt"):
        shutil.copy(DEV / name, corpus / name)
    shutil.copy(DEV / "seed-2024-masked.txt", corpus / "seed-copy.txt")
    (corpus / "guide.txt").write_text(GUIDE, encoding="utf-8")
    from ogi.corpus import process

    ds = process(corpus, tmp_path / "out", workers=1)
    rep = pd.read_parquet(tmp_path / "out" / "reports.parquet").set_index("path")
    assert ds.counts["reports"] == 7 and rep["report_id"].is_unique
    assert rep["status"].to_dict() == {
        "guide.txt": "not_report", "pingtan-2023-page.html": "report", "pingtan-2023.txt": "duplicate",
        "pingtan-2024-page.html": "report", "pingtan-2024.txt": "duplicate", "seed-2024-masked.txt": "report",
        "seed-copy.txt": "duplicate"}
    assert rep.loc["seed-copy.txt", "duplicate_of"] == rep.loc["seed-2024-masked.txt", "report_id"]
    assert rep.loc["pingtan-2024.txt", "agency_id"] == "平潭综合实验区"


def test_restrict_and_alias_option(tmp_path):
    from ogi.analysis.data import restrict

    copy = tmp_path / "seed-copy.txt"
    shutil.copy(SEED, copy)
    data = frames([_rec(SEED), _rec(copy)])
    only = restrict(data)
    assert only["reports"]["path"].tolist() == ["seed-2024-masked.txt"]
    every = restrict(data, "all")
    assert len(every["reports"]) == 2 and "status" not in every["reports"].columns
    assert len(measures.narrative_length(every)) == 2
    with pytest.raises(UsageError):
        restrict(data, "some")  # type: ignore[arg-type]


def test_process_aliases_join_agency_years_for_cross_year_checks(tmp_path):
    from ogi.corpus import process
    from ogi.synth import generate

    corpus = tmp_path / "corpus"
    for k, (year, agency) in enumerate(((2022, "甲县财政局"), (2023, "乙县财政局"))):
        generate(300 + k, template="2021", layout="pipe", agency=agency, year=year).write(corpus)
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,agency_id\n乙县财政局,甲县财政局\n", encoding="utf-8")
    process(corpus, tmp_path / "plain", workers=1)
    process(corpus, tmp_path / "aliased", workers=1, aliases=aliases)
    plain = pd.read_parquet(tmp_path / "plain" / "reports.parquet")
    aliased = pd.read_parquet(tmp_path / "aliased" / "reports.parquet")
    assert plain["agency_id"].nunique() == 2 and aliased["agency_id"].nunique() == 1
    xyear = {"XYEAR-CARRY", "T2-INFORCE"}
    assert set(pd.read_parquet(tmp_path / "aliased" / "findings.parquet")["rule"]) & xyear
    assert not set(pd.read_parquet(tmp_path / "plain" / "findings.parquet")["rule"]) & xyear
    import json

    prov = json.loads((tmp_path / "aliased" / "provenance.json").read_text(encoding="utf-8"))
    assert prov["options"]["aliases"]["names"] == 1 and len(prov["options"]["aliases"]["sha256"]) == 64


def test_publication_date_and_url_from_the_file(tmp_path):
    from ogi.corpus.docmeta import file_meta, header_meta

    html = '<html><head><meta content="2021-03-05" name="PubDate"><link rel="canonical" href="https://x.gov.cn/a.htm">'
    assert header_meta(html) == {"published": "2021-03-05", "source_url": "https://x.gov.cn/a.htm"}
    assert header_meta("一、总体情况\n") == {"published": None, "source_url": None}
    head = "标题: 某县2024年政府信息公开工作年度报告\n发布时间: 2025年1月8日\n原文链接: https://y.gov.cn/b.htm\n"
    (tmp_path / "r.txt").write_bytes((head + SEED.read_text(encoding="utf-8")).encode("gb18030"))
    assert file_meta(tmp_path / "r.txt") == {"published": "2025-01-08", "source_url": "https://y.gov.cn/b.htm"}
    from ogi.corpus import process

    process(tmp_path, tmp_path.parent / f"{tmp_path.name}-out", workers=1)
    rep = pd.read_parquet(tmp_path.parent / f"{tmp_path.name}-out" / "reports.parquet")
    assert rep[["published", "source_url"]].values.tolist() == [["2025-01-08", "https://y.gov.cn/b.htm"]]


def test_duckdb_answers_after_the_folder_is_moved(tmp_path):
    import duckdb

    from ogi.corpus import process

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    process(corpus, tmp_path / "out", workers=1)
    before = (tmp_path / "out" / "ogi.duckdb").read_bytes()
    process(corpus, tmp_path / "out", workers=1)  # unchanged tables: the file is kept as it is
    assert (tmp_path / "out" / "ogi.duckdb").read_bytes() == before
    moved = tmp_path / "elsewhere" / "package"
    moved.parent.mkdir()
    shutil.move(str(tmp_path / "out"), str(moved))
    con = duckdb.connect(str(moved / "ogi.duckdb"), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM cells c JOIN reports r USING (report_id) "
                        "WHERE r.status = 'report'").fetchone()[0]
    finally:
        con.close()
    assert n > 0
