"""ogi.view and `ogi view`: the audit page of a report and the index of a dataset."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

import ogi
from conftest import build_report
from ogi.cli import app
from ogi.dataset import frames, report_id
from ogi.paths import SAMPLE_DIR
from ogi.spec import T3_COLUMNS, T4_BLOCKS, T4_COLUMNS, raw_spec
from ogi.view import (
    cell_classes,
    dataset_reports,
    load_record,
    render_index,
    render_report,
    resolve_report_id,
    write_dataset_views,
    write_report_view,
)

SEED = SAMPLE_DIR / "seed-2024-masked.txt"
FLAT = SAMPLE_DIR / "synth-2019-flat-2027.txt"  # two ambiguous cells in table 二
MARKDOWN = SAMPLE_DIR / "synth-2019-markdown-2029.md"  # identities that fail in table 三

#: Claims added to the seed record (the claim linker may not fill them yet).
SEED_CLAIMS = [
    {"quote": "全年共接收和办理完成各类申请4件", "value": 4, "approx": False,
     "target": "table3.new_received.total", "table_value": 4, "verdict": "match", "section": "overview"},
    {"quote": "发布原创作品103篇", "value": 103, "approx": False, "target": None, "table_value": None,
     "verdict": "unverifiable", "section": "overview"},
    {"quote": "办理完成各类申请4件", "value": 4, "approx": False,
     "target": "table3.granted.total+table3.unable_not_held.total", "table_value": 4, "verdict": "match"},
]


def seed_record(*, own_claims: bool = False) -> tuple[dict, str]:
    """The seed's record and its document text.

    Its claims are :data:`SEED_CLAIMS`; with ``own_claims`` those the parser found, plus the sum
    claim of :data:`SEED_CLAIMS` when none of them has a sum target (and all of them when the
    parser found none with a target).
    """
    rep = ogi.parse(SEED)
    rec = rep.to_dict()
    if not own_claims:
        rec["claims"] = copy.deepcopy(SEED_CLAIMS)
    elif not any(c.get("target") for c in rec["claims"]):
        rec["claims"] += copy.deepcopy(SEED_CLAIMS)
    elif not any("+" in (c.get("target") or "") for c in rec["claims"]):
        rec["claims"] += copy.deepcopy(SEED_CLAIMS[2:])
    return rec, rep.document.text


@pytest.fixture(scope="module")
def seed() -> tuple[dict, str]:
    return seed_record()


@pytest.fixture(scope="module")
def seed_page(seed) -> str:
    rec, text = seed
    return render_report(rec, text=text)


def _tree(page: str):
    return lxml.html.fromstring(page)


def _cell(tree, path: str):
    found = tree.xpath(f'//td[@id="c-{path}"]')
    assert len(found) == 1, path
    return found[0]


# --------------------------------------------------------------------------- the report page


def test_view_same_record_gives_same_bytes(seed):
    rec, text = seed
    a = render_report(rec, text=text)
    b = render_report(json.loads(json.dumps(rec)), text=text)
    assert a == b
    rec2, text2 = seed_record()
    assert render_report(rec2, text=text2) == a


def test_view_page_is_self_contained(seed_page):
    tree = _tree(seed_page)
    assert not tree.xpath("//link | //img | //iframe | //*[@src]")
    assert not re.search(r"(?:src|href)\s*=\s*\"(?:https?:)?//", seed_page)
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    assert "default-src 'none'" in csp
    scripts = tree.xpath("//script")
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_view_shows_the_six_sections_and_the_preamble(seed_page):
    tree = _tree(seed_page)
    keys = [s.get("id") for s in tree.xpath('//section[@class="sec"]')]
    assert keys == ["sec-overview", "sec-proactive", "sec-requests", "sec-appeals", "sec-problems", "sec-other"]
    assert "一、总体情况" in tree.xpath('//section[@id="sec-overview"]/h3')[0].text_content()
    assert "数据统计时限为2024年1月1日" in tree.xpath('//section[@class="preamble"]')[0].text_content()


def test_view_table3_in_the_canonical_layout(seed_page):
    tree = _tree(seed_page)
    spec = raw_spec()["versions"]["2021"]["table3"]
    rows = tree.xpath('//table[contains(@class, "t3")]/tbody/tr')
    assert [r.xpath("./th")[0].text_content() for r in rows] == [r["label"] for r in spec["rows"]]
    data = [r for r in rows if r.get("data-row")]
    assert [r.get("data-row") for r in data] == [r["key"] for r in spec["rows"] if r["kind"] == "data"]
    for r in data:
        tds = r.xpath('./td[contains(@class, "cell")]')
        assert [td.get("data-path") for td in tds] == [f"table3.{r.get('data-row')}.{c}" for c in T3_COLUMNS]
    assert _cell(tree, "table3.new_received.total").text_content() == "4"
    assert _cell(tree, "table3.granted.natural_person").text_content() == "3"


def test_view_table4_and_table2_blocks(seed_page):
    tree = _tree(seed_page)
    t4 = [td.get("data-path") for td in tree.xpath('//table[contains(@class, "t4")]//td')]
    assert t4 == [f"table4.{b}.{c}" for b in T4_BLOCKS for c in T4_COLUMNS]
    heads = [th.text_content() for th in tree.xpath('//table[contains(@class, "t4")]/thead/tr[1]/th')]
    assert heads == ["行政复议", "行政诉讼"]
    captions = [th.text_content() for th in tree.xpath('//table[contains(@class, "t2")]//th[@class="caption"]')]
    assert [c.split()[0] for c in captions] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项",
                                                "第二十条第（八）项"]
    assert _cell(tree, "table2.art20_5.admin_license.decisions").text_content() == "2149"


def test_view_cell_title_shows_its_source_text(seed_page):
    tree = _tree(seed_page)
    title = _cell(tree, "table3.granted.total").get("title")
    assert title.startswith("table3.granted.total = 3")
    assert "read from: “(一)予以公开” 3 0 0 0 0 0 3" in title
    cell = _cell(tree, "table3.granted.total")
    assert cell.get("data-src") == "src-table3.granted"
    src = tree.xpath('//span[@id="src-table3.granted"]')
    assert src and src[0].text_content().startswith("(一)予以公开 | 3")


def test_view_statements_highlighted_by_kind_with_topics(seed, seed_page):
    rec, _ = seed
    tree = _tree(seed_page)
    problems = tree.xpath('//section[@id="sec-problems"]')[0]
    kinds = {s.get("data-kind") for s in problems.xpath('.//span[contains(@class, "stmt ")][@id]')}
    assert kinds == {st["kind"] for st in rec["statements"]}
    assert len(problems.xpath('.//span[contains(@class, "stmt ")][@id]')) == len(rec["statements"])
    first = problems.xpath('.//span[@id="st-0"]')[0]
    assert "k-problem" in first.get("class")
    assert first.text_content() == rec["statements"][0]["text"]
    topics = [t.get("data-topic") for t in problems.xpath('.//span[@class="topic"]')]
    assert topics[:2] == rec["statements"][0]["topics"] == ["capacity", "content"]
    assert "队伍能力" in problems.text_content()


def test_view_claims_with_badges_link_to_their_cells(seed_page):
    tree = _tree(seed_page)
    claims = tree.xpath('//ol[@class="claims"]/li/*[contains(@class, "claim")]')
    assert [c.xpath('./span[contains(@class, "badge")]')[0].text for c in claims] == [
        "match", "unverifiable", "match"]
    assert claims[0].get("data-target") == "table3.new_received.total"
    assert claims[0].get("href") == "#c-table3.new_received.total"
    assert claims[1].tag == "span" and claims[1].get("data-target") is None
    paths = claims[2].get("data-target").split("+")
    assert paths == ["table3.granted.total", "table3.unable_not_held.total"]
    for p in paths:
        _cell(tree, p)
    pieces = tree.xpath('//section[@id="sec-overview"]//span[@data-m="q-0"]')
    assert pieces[0].get("id") == "q-0" and all(p.get("id") is None for p in pieces[1:])
    assert "".join(p.text_content() for p in pieces) == "全年共接收和办理完成各类申请4件"
    assert all("v-match" in p.get("class") for p in pieces)


def test_view_ambiguous_cells_show_their_candidates():
    rep = ogi.parse(FLAT, statements=False)
    tree = _tree(render_report(rep.to_dict(), text=rep.document.text))
    cell = _cell(tree, "table2.art20_6.admin_penalty.decisions")
    assert "ambiguous" in cell.get("class").split()
    assert "candidates: 6, 206" in cell.get("title")
    assert "6 / 206" in cell.text_content()
    finding = tree.xpath('//a[contains(@class, "finding")][@data-target="table2.art20_6.admin_penalty.decisions"]')
    assert finding and "AMBIGUOUS-CELL" in finding[0].text_content()


def test_view_failed_identities_mark_their_cells_as_errors():
    rep = ogi.parse(MARKDOWN, statements=False)
    rec = rep.to_dict()
    tree = _tree(render_report(rec, text=rep.document.text))
    failing = next(f for f in rec["findings"] if f["rule"] == "T3-ROWSUM")
    for p in failing["cells"]:
        cell = _cell(tree, p)
        assert "error" in cell.get("class").split()
        assert "T3-ROWSUM" in cell.get("title") and "expected 5, printed 0" in cell.get("title")
    ok = _cell(tree, "table3.new_received.natural_person")
    assert "error" not in ok.get("class").split()


@pytest.mark.parametrize(("value", "findings", "unreadable", "expected"), [
    (3, [], False, ["cell"]),
    (None, [], False, ["cell", "blank"]),
    (None, [{"rule": "EMPTY-CELLS", "severity": "warning"}], False, ["cell", "blank"]),
    (None, [{"rule": "AMBIGUOUS-CELL", "severity": "warning"}], True, ["cell", "ambiguous"]),
    (None, [], True, ["cell", "unreadable"]),
    (9, [{"rule": "T3-ID", "severity": "error"}], False, ["cell", "error"]),
    (None, [{"rule": "T3-ROWSUM", "severity": "uncertain"}], False, ["cell", "uncertain", "blank"]),
    (0, [{"rule": "UNIT", "severity": "info"}], False, ["cell", "info"]),
])
def test_view_cell_classes_by_finding(value, findings, unreadable, expected):
    assert cell_classes("table3.granted.total", value, findings, unreadable=unreadable) == expected


def test_view_blank_cells_are_marked():
    rep = ogi.parse(SAMPLE_DIR / "synth-2021-tab-2028.txt", statements=False)
    tree = _tree(render_report(rep.to_dict(), text=rep.document.text))
    cell = _cell(tree, "table3.new_received.org_legal_service")
    assert "blank" in cell.get("class").split() and cell.text_content() == ""
    assert "EMPTY-CELLS" in cell.get("title")


EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_view_escapes_report_text():
    text = build_report().replace("2024年，本机关认真落实", f"2024年，{EVIL}本机关认真落实")
    text = text.replace("一是业务能力还有待进一步提升。", f"一是业务能力{EVIL}还有待进一步提升。")
    rep = ogi.parse(text)
    rec = rep.to_dict()
    rec["claims"] = [{"quote": EVIL, "value": 1, "approx": False, "target": f"table3.granted.total+{EVIL}",
                      "table_value": 1, "verdict": EVIL}]
    rec["findings"].append({"rule": EVIL, "severity": EVIL, "cells": ["table3.granted.total"],
                            "expected": EVIL, "actual": None, "message": EVIL, "candidates": [EVIL]})
    rec["provenance"]["table3.granted"]["source"] = EVIL
    rec["meta"]["title"] = EVIL
    rec["statements"][0]["topics"] = [EVIL]
    page = render_report(rec, text=rep.document.text)
    assert page.count("<script") == 1 and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    tree = _tree(page)
    assert len(tree.xpath("//script")) == 1 and not tree.xpath("//img | //*[@onerror]")
    assert EVIL in tree.xpath('//section[@id="sec-overview"]')[0].text_content()
    assert EVIL in _cell(tree, "table3.granted.total").get("title")


def test_view_record_without_tables_or_text():
    rec = {"meta": {"template": "pre2019"}, "sections": [{"key": "overview", "heading": "一、总体情况",
                                                          "text": "本机关共收到申请4件。"}],
           "tables": {}, "findings": [], "statements": [], "claims": []}
    tree = _tree(render_report(rec))
    assert "not in the national tables" in tree.text_content()
    assert not tree.xpath("//td[@data-path]")
    assert "section not found" in tree.xpath('//section[@id="sec-problems"]')[0].text_content()


# --------------------------------------------------------------------------- datasets


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, seed) -> tuple[Path, list[dict]]:
    rec, _ = seed
    recs = [rec, ogi.parse(FLAT).to_dict(), ogi.parse(MARKDOWN).to_dict()]
    d = tmp_path_factory.mktemp("dataset")
    for name, df in frames(recs).items():
        df.to_parquet(d / f"{name}.parquet", index=False)
    return d, recs


def test_view_dataset_record_rebuilt_from_parquet(dataset):
    d, recs = dataset
    for rec in recs:
        got = load_record(d, report_id(rec))
        assert got["tables"] == rec["tables"]
        assert [s["key"] for s in got["sections"]] == [s["key"] for s in rec["sections"]]
        assert [s["text"] for s in got["sections"]] == [s["text"] for s in rec["sections"]]
        assert [(f["rule"], f["cells"], f["message"]) for f in got["findings"]] == [
            (f["rule"], f["cells"], f["message"]) for f in rec["findings"]]
        assert [(c["quote"], c["target"], c["verdict"]) for c in got["claims"]] == [
            (c["quote"], c["target"], c["verdict"]) for c in rec["claims"]]
        assert [(s["kind"], s["topics"], s["start"]) for s in got["statements"]] == [
            (s["kind"], s["topics"], s["start"]) for s in rec["statements"]]
        assert sorted(got["unreadable_cells"]) == sorted(rec["unreadable_cells"])
    page = render_report(load_record(d, report_id(recs[0])))
    cell = _cell(_tree(page), "table3.granted.total")
    assert "read from: 3 0 0 0 0 0 3" in cell.get("title")


def test_view_dataset_prefers_full_records(dataset, tmp_path):
    d, recs = dataset
    rid = report_id(recs[0])
    (tmp_path / "records").mkdir()
    for name in ("reports",):
        (tmp_path / f"{name}.parquet").write_bytes((d / f"{name}.parquet").read_bytes())
    full = dict(recs[0], meta=dict(recs[0]["meta"], title="某某局2024年政府信息公开工作年度报告"))
    (tmp_path / "records" / f"{rid}.json").write_text(json.dumps(full, ensure_ascii=False), encoding="utf-8")
    assert load_record(tmp_path, rid)["meta"]["title"] == "某某局2024年政府信息公开工作年度报告"
    assert load_record(tmp_path, rid)["provenance"] == recs[0]["provenance"]


def _severity_rank(rec: dict) -> tuple:
    sev = [f["severity"] for f in rec["findings"]]
    return tuple(-sev.count(s) for s in ("error", "uncertain", "warning", "info"))


def test_view_dataset_of_records_only(dataset, tmp_path):
    _, recs = dataset
    (tmp_path / "data" / "records").mkdir(parents=True)
    for rec in recs:
        f = tmp_path / "data" / "records" / f"{report_id(rec)}.json"
        f.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    written = write_dataset_views(tmp_path / "data", tmp_path / "out" / "index.html", embed_font=False)
    assert len(written) == len(recs) + 1
    first = _tree(written[0].read_text(encoding="utf-8")).xpath("//table[@class='index']//a/@href")[0]
    top = min(recs, key=_severity_rank)
    assert first == f"{report_id(top)}.html"
    page = (tmp_path / "out" / first).read_text(encoding="utf-8")
    assert page == render_report(top, index_href="index.html", embed_font=False)


def test_view_dataset_report_by_prefix_file_name_or_path(dataset):
    d, recs = dataset
    rid = report_id(recs[1])
    assert resolve_report_id(d, rid[:10]) == rid
    assert resolve_report_id(d, FLAT.name) == rid
    assert resolve_report_id(d, recs[1]["source"]["path"]) == rid
    assert resolve_report_id(d, f"elsewhere/{FLAT.name}") == rid
    with pytest.raises(ogi.UsageError, match="no report 'zz-not-an-id'.*file name or path"):
        resolve_report_id(d, "zz-not-an-id")


def test_view_dataset_same_file_name_twice_is_ambiguous(dataset, tmp_path):
    _, recs = dataset
    a, b = copy.deepcopy(recs[0]), copy.deepcopy(recs[1])
    a["source"]["path"], b["source"]["path"] = "2023/report.txt", "2024/report.txt"
    for name, df in frames([a, b]).items():
        df.to_parquet(tmp_path / f"{name}.parquet", index=False)
    assert resolve_report_id(tmp_path, "2024/report.txt") == report_id(b)
    with pytest.raises(ogi.UsageError, match="ambiguous.*2023/report.txt, 2024/report.txt"):
        resolve_report_id(tmp_path, "report.txt")


def test_view_index_sorted_and_coloured_by_severity(dataset):
    d, recs = dataset
    tree = _tree(render_index(dataset_reports(d), embed_font=False))
    links = [a.get("href") for a in tree.xpath("//table[@class='index']//a")]
    assert links == [f"{report_id(r)}.html" for r in sorted(recs, key=_severity_rank)]
    rows = tree.xpath("//table[@class='index']/tbody/tr")
    for row, rec in zip(rows, sorted(recs, key=_severity_rank)):
        counts = [int(td.text) for td in row.xpath("./td[position() >= 2 and position() <= 5]")]
        assert counts == [-n for n in _severity_rank(rec)]


def test_view_index_info_is_not_red_and_errors_come_first():
    rows = [{"report_id": "aa", "path": "old.md", "title": "# 某某局2018年政府信息公开工作年度报告", "year": 2018.0,
             "n_findings": 5, "n_info": 5},
            {"report_id": "bb", "path": "new.txt", "title": "某某局2024年报告", "year": 2024, "n_findings": 1,
             "n_errors": 1}]
    tree = _tree(render_index(rows, embed_font=False))
    body = tree.xpath("//table[@class='index']/tbody/tr")
    assert [r.xpath(".//a")[0].get("href") for r in body] == ["bb.html", "aa.html"]
    info_row = body[1]
    cells = info_row.xpath("./td")
    assert cells[4].text == "5" and cells[4].get("class") == "n sev-info"
    assert "sev-error" not in " ".join(td.get("class") or "" for td in cells)
    assert body[0].xpath("./td")[1].get("class") == "n sev-error"
    assert [r.xpath("./td")[7].text for r in body] == ["2024", "2018"]
    assert info_row.xpath(".//a")[0].text == "某某局2018年政府信息公开工作年度报告"


def test_view_index_colours_come_from_the_palette(dataset):
    from ogi.view.palette import SEVERITY_COLORS, VERDICT_COLORS

    page = render_index(dataset_reports(dataset[0]), embed_font=False)
    assert f"--sev-info: {SEVERITY_COLORS['info']};" in page and f"--v-mismatch: {VERDICT_COLORS['mismatch']};" in page
    css = (Path(ogi.__file__).parent / "resources" / "view" / "view.css").read_text(encoding="utf-8")
    assert "td.n.sev-info { color: var(--sev-info)" in css
    assert ".badge.v-mismatch { background: var(--v-mismatch)" in css


def test_view_dataset_top_pages_and_pages_on_demand(dataset, tmp_path):
    d, recs = dataset
    index = tmp_path / "view" / "index.html"
    written = write_dataset_views(d, index, top=1, embed_font=False)
    first = min(recs, key=_severity_rank)
    assert [p.name for p in written] == ["index.html", f"{report_id(first)}.html"]
    tree = _tree(index.read_text(encoding="utf-8"))
    assert len(tree.xpath("//table[@class='index']/tbody/tr")) == len(recs)
    assert len(tree.xpath("//table[@class='index']//a")) == 1
    assert len(tree.xpath("//tr[@class='nopage']")) == len(recs) - 1
    assert f"ogi view --dataset {d.as_posix()} --report FILE" in tree.xpath("//header")[0].text_content()
    # a page on demand, by file name, lands beside the index, which now links it
    flat = next(r for r in recs if r["source"]["path"].endswith(FLAT.name))
    import shutil

    local = tmp_path / "ds"
    shutil.copytree(d, local)
    write_dataset_views(local, local / "view" / "index.html", top=0, embed_font=False)
    page = write_report_view(local, FLAT.name, embed_font=False)
    assert page == local / "view" / f"{report_id(flat)}.html"
    assert 'href="index.html"' in page.read_text(encoding="utf-8")
    links = _tree((local / "view" / "index.html").read_text(encoding="utf-8")).xpath("//table[@class='index']//a/@href")
    assert links == [page.name]


def test_view_write_dataset_views(dataset, tmp_path):
    d, recs = dataset
    written = write_dataset_views(d, tmp_path / "view" / "index.html", embed_font=False)
    assert written[0] == tmp_path / "view" / "index.html"
    assert sorted(p.name for p in written[1:]) == sorted(f"{report_id(r)}.html" for r in recs)
    index = _tree(written[0].read_text(encoding="utf-8"))
    for a in index.xpath("//table[@class='index']//a"):
        page = (written[0].parent / a.get("href")).read_text(encoding="utf-8")
        assert 'href="index.html"' in page and "<table class=\"t t3\">" in page
    again = write_dataset_views(d, tmp_path / "view2" / "index.html", embed_font=False)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


# --------------------------------------------------------------------------- the command


def test_view_cli_file(tmp_path):
    out = tmp_path / "seed.html"
    res = CliRunner().invoke(app, ["view", str(SEED), "-o", str(out)])
    assert res.exit_code == 0, res.output
    tree = _tree(out.read_text(encoding="utf-8"))
    assert _cell(tree, "table3.new_received.total").text_content() == "4"
    rec = tmp_path / "seed.json"
    rec.write_text(json.dumps(ogi.parse(SEED).to_dict(), ensure_ascii=False), encoding="utf-8")
    res = CliRunner().invoke(app, ["view", str(rec), "-o", str(tmp_path / "from-json.html")])
    assert res.exit_code == 0, res.output
    assert _cell(_tree((tmp_path / "from-json.html").read_text(encoding="utf-8")), "table3.granted.total").get(
        "data-src") == "src-table3.granted"


def test_view_cli_dataset(dataset, tmp_path):
    d, recs = dataset
    rid = report_id(recs[2])
    out = tmp_path / "one.html"
    res = CliRunner().invoke(app, ["view", "--dataset", str(d), "--report", rid[:12], "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "T3-ROWSUM" in out.read_text(encoding="utf-8")
    res = CliRunner().invoke(app, ["view", "--dataset", str(d), "--report", MARKDOWN.name, "-o", str(out)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["view", "--dataset", str(d), "-o", str(tmp_path / "ix" / "index.html")])
    assert res.exit_code == 0, res.output
    assert len(list((tmp_path / "ix").glob("*.html"))) == len(recs) + 1
    assert f"the pages of all {len(recs)} reports" in res.stderr
    res = CliRunner().invoke(app, ["view", "--dataset", str(d), "--top", "1", "-o", str(tmp_path / "t" / "index.html")])
    assert res.exit_code == 0, res.output
    assert len(list((tmp_path / "t").glob("*.html"))) == 2
    assert "the pages of the 1 with the most errors" in res.stderr and "--report FILE" in res.stderr


@pytest.mark.parametrize(("args", "code", "message"), [
    ([], 2, "ogi view: give either a FILE or --dataset"),
    (["--report", "abc", str(SEED)], 2, "ogi view: --report needs --dataset"),
    (["--dataset", "{d}", "--report", "nope"], 2, "ogi view: no report 'nope'"),
    (["--dataset", "{d}", "--top", "-1"], 2, "ogi view: invalid --top -1"),
    (["--dataset", "{empty}"], 1, "ogi view: {empty}: not a dataset"),
])
def test_view_cli_bad_usage(args, code, message, dataset, tmp_path):
    d, _ = dataset
    args = [a.format(d=d, empty=tmp_path) for a in args]
    res = CliRunner().invoke(app, ["view", *args, "-o", str(tmp_path / "x.html")])
    assert res.exit_code == code
    assert message.format(empty=tmp_path) in res.stderr


# --------------------------------------------------------------------------- the embedded font


def _embedded_font(page: str):
    from fontTools.ttLib import TTFont

    m = re.search(r'font-family: "ogi-sans";[^}]*src: url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)', page)
    assert m, "no embedded font"
    import io

    return TTFont(io.BytesIO(base64.b64decode(m[1])))


def test_view_page_embeds_a_font_subset_with_every_glyph_it_shows(seed_page):
    assert len(seed_page.encode("utf-8")) < 400_000
    tree = _tree(seed_page)
    assert "font-src data:" in tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    font = _embedded_font(seed_page)
    assert font["name"].getDebugName(1).startswith("Noto Sans SC")
    cmap = {chr(u) for u in font.getBestCmap()}
    shown = tree.xpath("//body")[0].text_content() + "".join(tree.xpath("//@title"))
    cjk = {c for c in shown if "\u3400" <= c <= "\u9fff"}
    assert len(cjk) > 300 and cjk <= cmap
    assert len(cmap) < 1200  # a subset: the whole font maps some 30,000 characters
    assert 'font: 14px/1.6 "ogi-sans"' in seed_page


def test_view_page_without_the_font(seed):
    rec, text = seed
    page = render_report(rec, text=text, embed_font=False)
    assert "@font-face" not in page and len(page.encode("utf-8")) < 150_000
    from ogi.view import fonts

    assert fonts.font_face_css("公开") and fonts.subset_font("公开") == fonts.subset_font("开公")


def test_view_font_package_missing_gives_a_page_without_the_font(monkeypatch, seed):
    from ogi.view import fonts

    monkeypatch.setattr(fonts, "packaged_font", lambda: None)
    fonts._base_font.cache_clear()
    try:
        rec, text = seed
        assert "@font-face" not in render_report(rec, text=text)
    finally:
        monkeypatch.undo()
        fonts._base_font.cache_clear()
