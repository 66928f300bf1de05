"""Tests of the synthetic report generator (ogi.synth) and the ``ogi synth`` command."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from itertools import combinations

import pytest

from ogi.errors import UsageError
from ogi.paths import RESOURCES_DIR, SAMPLE_DIR
from ogi.synth import BLANK_LAYOUTS, LAYOUTS, TEMPLATES, SynthReport, generate, write_corpus

TEXT_LAYOUTS = ("pipe", "flat", "tab", "markdown", "space")
HEADING_PHRASES = ("总体情况", "主动公开政府信息情况", "政府信息公开申请情况", "行政复议", "改进情况", "其他需要报告的事项")
SAMPLE_COMMAND = {"n": 8, "seed": 2026}


def _spec(template: str) -> dict:
    with open(RESOURCES_DIR / "template-spec.json", encoding="utf-8") as fh:
        return json.load(fh)["versions"][template]


def _expected_keys(template: str) -> dict[str, set[str]]:
    v = _spec(template)
    t2 = {f"{b['block']}.{r['key']}.{c['key']}" for b in v["table2"]["blocks"] for r in b["rows"] for c in b["columns"]}
    cols = [c["key"] for c in v["table3"]["columns"]]
    t3 = {f"{r['key']}.{c}" for r in v["table3"]["rows"] if r["kind"] == "data" for c in cols}
    t4 = {c["key"] for c in v["table4"]["columns"]}
    return {"table2": t2, "table3": t3, "table4": t4}


def _flatten(node: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in node.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[prefix + k] = v
    return out


def _cells(truth: dict) -> dict:
    """Truth tables as {'table3.granted.total': value, …}."""
    out = {}
    for name, table in truth["tables"].items():
        out.update({f"{name}.{k}": v for k, v in _flatten(table).items()})
    return out


def _failing(truth: dict) -> set[tuple[str, tuple[str, ...]]]:
    """An independent implementation of the four accounting rules of template-spec.json."""
    v = _spec(truth["template"])
    rules = {r["id"]: r for r in v["rules"]}
    cols = [c["key"] for c in v["table3"]["columns"]]
    data_rows = [r["key"] for r in v["table3"]["rows"] if r["kind"] == "data"]
    cells = _cells(truth)

    def val(path: str) -> float:
        return cells[path] or 0

    out = set()
    for c in cols:
        group = tuple(f"table3.{r}.{c}" for r in ("new_received", "carried_over", "result_total", "carried_forward"))
        if val(group[0]) + val(group[1]) != val(group[2]) + val(group[3]):
            out.add(("T3-ID", group))
        group = (f"table3.result_total.{c}",) + tuple(f"table3.{r}.{c}" for r in rules["T3-RESULTS"]["leaf_rows"])
        if val(group[0]) != sum(val(p) for p in group[1:]):
            out.add(("T3-RESULTS", group))
    for r in data_rows:
        group = tuple(f"table3.{r}.{c}" for c in cols)
        if cells[group[-1]] is not None and val(group[-1]) != sum(val(p) for p in group[:-1]):
            out.add(("T3-ROWSUM", group))
    for b in ("review", "lit_direct", "lit_after_review"):
        group = tuple(f"table4.{b}.{p}" for p in ("upheld", "corrected", "other", "pending", "total"))
        if val(group[-1]) != sum(val(p) for p in group[:-1]):
            out.add(("T4-BLOCK", group))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_same_seed_gives_same_bytes(layout, template):
    a = generate(41, template=template, layout=layout, mask=0.2, blanks=True, violations=1)
    b = generate(41, template=template, layout=layout, mask=0.2, blanks=True, violations=1)
    assert isinstance(a, SynthReport)
    assert a.content == b.content
    assert a.truth == b.truth
    assert a.name == f"synth-{template}-{layout}-41"
    assert a.suffix == {"markdown": ".md", "html": ".html", "docx": ".docx", "pdf": ".pdf"}.get(layout, ".txt")


def test_different_seeds_differ():
    assert generate(1).content != generate(2).content


def test_generation_uses_no_global_random_state():
    import random

    random.seed(0)
    a = generate(9, layout="flat")
    random.seed(12345)
    b = generate(9, layout="flat")
    assert a.content == b.content


# --------------------------------------------------------------------------- truth format


@pytest.mark.parametrize("template", TEMPLATES)
def test_truth_keys_equal_template_spec(template):
    expected = _expected_keys(template)
    for seed in range(5):
        truth = generate(seed, template=template).truth
        for name, keys in expected.items():
            assert set(_flatten(truth["tables"][name])) == keys, name


def test_truth_has_gold_fields():
    truth = generate(3, template="2019", layout="html").truth
    for key in ("file", "template", "year", "agency", "sections", "problems_text", "tables",
                "uncertain_cells", "statements", "claims", "notes"):
        assert key in truth
    assert truth["file"] == "synth-2019-html-3.html"
    assert truth["template"] == "2019" and truth["year"] in (2019, 2020)
    assert truth["sections"] == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    assert truth["claims"] == []
    assert truth["expected_findings"] == []
    json.dumps(truth)  # serialisable


def test_year_and_agency_options():
    r = generate(2, agency="澄岭县水利局", year=2023)
    assert r.truth["agency"] == "澄岭县水利局" and r.truth["year"] == 2023
    text = r.content.decode("utf-8")
    assert text.splitlines()[0] in ("澄岭县水利局2023年政府信息公开工作年度报告", "澄岭县水利局2023年度政府信息公开工作年度报告",
                                    "2023年澄岭县水利局政府信息公开工作年度报告")


def test_value_types():
    for seed in range(30):
        cells = _cells(generate(seed, template="2021").truth)
        for path, v in cells.items():
            if path.endswith("fee_amount"):
                assert v == 0 or isinstance(v, float)
            else:
                assert isinstance(v, int) and v >= 0, path
        cells = _cells(generate(seed, template="2019").truth)
        for path, v in cells.items():
            if path.endswith("procurement_amount"):
                assert v == 0 or isinstance(v, float)
            elif path.endswith("delta_items"):
                assert isinstance(v, int)
            else:
                assert isinstance(v, int) and v >= 0, path


def test_magnitudes_vary():
    totals = [generate(s).truth["tables"]["table3"]["new_received"]["total"] for s in range(60)]
    assert min(totals) <= 8 and max(totals) >= 1000
    zeros = [sum(1 for v in _cells(generate(s).truth).values() if v == 0) for s in range(10)]
    assert all(z > 100 for z in zeros)  # most cells are 0, as in real tables


def test_2019_procurement_amount_unit_in_cell():
    units = set()
    for seed in range(40):
        r = generate(seed, template="2019", layout="pipe")
        amount = r.truth["tables"]["table2"]["art20_9"]["central_procurement"]["procurement_amount"]
        text = r.content.decode("utf-8")
        line = next(ln for ln in text.splitlines() if ln.startswith("政府集中采购"))
        if amount:
            m = re.search(r"([\d.]+)(万元|元)", line)
            assert m, line
            units.add(m.group(2))
            factor = 10000 if m.group(2) == "万元" else 1
            assert abs(float(m.group(1)) * factor - amount) < 1e-6
    assert units == {"元", "万元"}


def test_2021_fee_amount_is_decimal_in_cell():
    seen = False
    for seed in range(30):
        r = generate(seed, template="2021", layout="tab")
        fee = r.truth["tables"]["table2"]["art20_8"]["admin_fees"]["fee_amount"]
        if fee:
            seen = True
            assert re.search(rf"行政事业性收费\t{re.escape(repr(fee))}\n", r.content.decode("utf-8"))
    assert seen


# --------------------------------------------------------------------------- identities and violations


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", ["pipe", "flat", "html"])
def test_identities_hold_without_violations(template, layout):
    for seed in range(40):
        truth = generate(seed, template=template, layout=layout, blanks=seed % 2 == 0).truth
        assert _failing(truth) == set(), (seed, truth["notes"])
        assert truth["expected_findings"] == []


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("n", [1, 2, 3, 6])
def test_violations_produce_declared_failures(template, n):
    for seed in range(15):
        truth = generate(seed, template=template, violations=n, blanks=seed % 3 == 0).truth
        declared = {(f["rule"], tuple(f["cells"])) for f in truth["expected_findings"]}
        assert declared and declared == _failing(truth)
        assert len(truth["changed_cells"]) == n
        cells = _cells(truth)
        touched = set()
        for change in truth["changed_cells"]:
            assert cells[change["cell"]] == change["printed"] != change["original"]
            assert change["cell"] in truth["notes"]
            touched.add(change["cell"])
        # every changed cell takes part in at least one failing rule
        assert all(any(c in f["cells"] for f in truth["expected_findings"]) for c in touched)


def test_violation_is_printed():
    r = generate(5, layout="pipe", violations=1)
    change = r.truth["changed_cells"][0]
    clean = generate(5, layout="pipe")
    assert r.content != clean.content
    assert str(change["printed"]) in r.content.decode("utf-8")


# --------------------------------------------------------------------------- blanks


@pytest.mark.parametrize("layout", sorted(BLANK_LAYOUTS))
def test_blanks_are_null_and_never_totals(layout):
    found = False
    for seed in range(6):
        truth = generate(seed, layout=layout, blanks=True).truth
        nulls = [p for p, v in _cells(truth).items() if v is None]
        found = found or bool(nulls)
        assert not any(p.endswith(".total") for p in nulls)
    assert found


@pytest.mark.parametrize("layout", sorted(set(LAYOUTS) - BLANK_LAYOUTS))
def test_blanks_ignored_where_layout_cannot_carry_them(layout):
    truth = generate(4, layout=layout, blanks=True).truth
    assert None not in _cells(truth).values()
    assert "not applied" in truth["notes"]
    assert truth["synth"]["blanks"] is False


def test_pipe_blank_cells_print_as_markers():
    r = generate(8, layout="pipe", blanks=True, template="2021")
    text = r.content.decode("utf-8")
    row = r.truth["tables"]["table3"]["new_received"]
    line = next(ln for ln in text.splitlines() if re.match(r"一、.*申请数量 \|", ln))
    cells = [c.strip() for c in line.split("|")[1:8]]
    assert [None if c in ("", "/", "-", "—") else int(c) for c in cells] == list(row.values())


# --------------------------------------------------------------------------- masking


def test_mask_replaces_spans():
    plain = generate(6, layout="pipe")
    assert b"****" not in plain.content
    masked = generate(6, layout="pipe", mask=0.3)
    assert b"****" in masked.content
    assert plain.truth["tables"] == masked.truth["tables"]
    full = generate(6, layout="pipe", mask=1.0)
    text = full.content.decode("utf-8")
    assert full.truth["agency"] is None
    assert text.startswith("****") or "年****政府信息公开" in text.splitlines()[0]
    assert plain.truth["agency"] not in text
    # table-row labels are masked but keep their numbering
    assert re.search(r"^一、[^|]*\*\*\*\*[^|]*\| ", text, re.M)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_mask_in_every_layout(layout):
    r = generate(12, layout=layout, mask=0.5)
    if layout in ("docx", "pdf"):
        assert "****" in _document_text(r)
    else:
        assert "****" in r.content.decode("utf-8")


# --------------------------------------------------------------------------- text content


@pytest.mark.parametrize("layout", TEXT_LAYOUTS + ("html",))
def test_statements_and_problems_text_are_in_the_report(layout):
    for seed in range(12):
        r = generate(seed, layout=layout, template=TEMPLATES[seed % 2])
        body = _squash(_html_unescape(r.content.decode("utf-8")))
        truth = r.truth
        assert _squash(truth["problems_text"]) in body
        assert 2 <= len([s for s in truth["statements"] if s["kind"] == "problem"]) <= 4
        assert any(s["kind"] == "improvement" for s in truth["statements"])
        for s in truth["statements"]:
            assert s["text"] in truth["problems_text"]
            assert s["kind"] in ("problem", "improvement") and s["topics"]


def test_statement_list_styles_vary():
    styles = set()
    for seed in range(40):
        pt = generate(seed).truth["problems_text"]
        styles.add("subheadings" if "（二）改" in pt else "ru" if "，如" in pt else "numbered" if "1." in pt or "1、" in pt else "other")
    assert {"subheadings", "ru", "numbered"} <= styles


def test_narrative_numbers_match_table3():
    for seed in range(40):
        r = generate(seed, layout="tab")
        text = r.content.decode("utf-8")
        t3 = r.truth["tables"]["table3"]
        for m in re.finditer(r"(?:收到|新收|接收)政府信息公开申请(\d+)件", text):
            assert int(m.group(1)) == t3["new_received"]["total"]
        for m in re.finditer(r"办结(\d+)件", text):
            assert int(m.group(1)) == t3["result_total"]["total"]
        for m in re.finditer(r"结转下年度继续办理(\d+)件", text):
            assert int(m.group(1)) == t3["carried_forward"]["total"]


def test_headings_and_subheadings_present():
    for seed in range(10):
        text = generate(seed, layout="pipe").content.decode("utf-8")
        for phrase in HEADING_PHRASES:
            assert phrase in text
        for sub in ("（一）", "（二）", "（三）", "（四）", "（五）"):
            assert sub in text or sub.replace("（", "(").replace("）", ")") in text


def test_pipe_layout_pads_like_the_seed():
    lines = generate(3, layout="pipe", template="2021").content.decode("utf-8").splitlines()
    assert any(re.match(r"^第二十条第[（(]一[)）]项 \| \|\|\|$", ln) for ln in lines)
    assert any(re.match(r"^四、结转下年度继续办理( \| \d+){7} \|$", ln) for ln in lines)


def test_flat_layout_is_one_body_line_with_runs():
    r = generate(21, layout="flat", template="2021")
    lines = r.content.decode("utf-8").splitlines()
    assert len(lines) == 2
    t3 = r.truth["tables"]["table3"]
    for row in t3.values():
        assert "".join(str(v) for v in row.values()) in lines[1]
    t4 = r.truth["tables"]["table4"]
    assert "".join(str(v) for b in t4.values() for v in b.values()) in lines[1]


def _readings(run: str, n: int, rowsum: bool) -> list[tuple[int, ...]]:
    """Brute-force digit splits of a run (no leading zeros), optionally with the row sum."""
    out = []
    for cuts in combinations(range(1, len(run)), n - 1):
        parts = [run[i:j] for i, j in zip((0,) + cuts, cuts + (len(run),))]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        vals = tuple(int(p) for p in parts)
        if not rowsum or sum(vals[:-1]) == vals[-1]:
            out.append(vals)
    return out


def test_flat_uncertain_cells_are_really_ambiguous():
    checked = 0
    for seed in range(60):
        for template in TEMPLATES:
            truth = generate(seed, layout="flat", template=template, violations=int(seed % 3 == 0)).truth
            uncertain = set(truth["uncertain_cells"])
            cells = _cells(truth)
            broken = {c for f in truth["expected_findings"] if f["rule"] == "T3-ROWSUM" for c in f["cells"]}
            for row, values in truth["tables"]["table3"].items():
                printed = tuple(values.values())
                run = "".join(str(v) for v in printed)
                if len(run) > 16 or f"table3.{row}.total" in broken:
                    continue
                readings = _readings(run, 7, rowsum=True)
                assert printed in readings
                ambiguous = {f"table3.{row}.{c}" for i, c in enumerate(values) if len({r[i] for r in readings}) > 1}
                assert {p for p in uncertain if p.startswith(f"table3.{row}.")} <= ambiguous
                checked += 1
            a = truth["tables"]["table2"]["art20_1"]
            for row, values in a.items():
                run = "".join(str(v) for v in values.values())
                readings = _readings(run, 3, rowsum=False)
                ambiguous = {f"table2.art20_1.{row}.{c}" for i, c in enumerate(values) if len({r[i] for r in readings}) > 1}
                assert {p for p in uncertain if p.startswith(f"table2.art20_1.{row}.")} == ambiguous
            assert all(p in cells for p in uncertain)
    assert checked > 500


def test_flat_violation_keeps_column_rules_working():
    # a planted violation drops only the rule instances it breaks: the other rows stay settled
    for seed in range(20):
        truth = generate(seed, layout="flat", violations=1).truth
        changed_row = truth["changed_cells"][0]["cell"].rsplit(".", 1)[0]
        others = [p for p in truth["uncertain_cells"] if p.startswith("table3.") and not p.startswith(changed_row + ".")]
        assert others == [], (seed, others)


def test_flat_run_together_cells_are_flagged():
    flagged = [generate(s, layout="flat").truth["uncertain_cells"] for s in range(30)]
    assert any(any(p.startswith("table2.art20_1.normative_docs") for p in u) for u in flagged)
    # other layouts keep cell boundaries
    assert all(generate(s, layout=lay).truth["uncertain_cells"] == [] for s in range(5) for lay in ("pipe", "space"))


def test_space_layout_looks_like_pdf_text():
    r = generate(13, layout="space", template="2021")
    text = r.content.decode("utf-8")
    lines = text.splitlines()
    t3 = r.truth["tables"]["table3"]
    row = " ".join(str(v) for v in t3["new_received"].values())
    assert any(ln.endswith(row) and ln.startswith("一、") for ln in lines)
    i = lines.index("三")
    assert lines[i:i + 4] == ["三", "、", "本", "年"]  # vertical group label, one character per line
    assert " ".join(str(v) for b in r.truth["tables"]["table4"].values() for v in b.values()) in lines


def test_markdown_layout_has_tables_and_headings():
    text = generate(3, layout="markdown").content.decode("utf-8")
    assert "## 一、总体情况" in text or "## 一．总体情况" in text
    assert text.count("|---|") >= 3
    assert re.search(r"^\| 一、本年新收政府信息公开申请数量 \|  \|  \|( \d+ \|){7}$", text, re.M)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.spans: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables += 1
        if tag == "td":
            self.spans += [(k, v) for k, v in attrs if k in ("rowspan", "colspan")]


@pytest.mark.parametrize("template,results_span", [("2021", "22"), ("2019", "20")])
def test_html_has_real_tables_with_spans(template, results_span):
    r = generate(7, layout="html", template=template)
    page = r.content.decode("utf-8")
    parser = _TableParser()
    parser.feed(page)
    assert parser.tables == 3
    assert ("rowspan", results_span) in parser.spans and ("colspan", "3") in parser.spans
    assert ("colspan", "10") in parser.spans and ("rowspan", "8") in parser.spans
    for chrome in ('class="nav"', 'class="breadcrumb"', 'class="footer"', 'class="article-content"'):
        assert chrome in page


def _html_unescape(text: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _document_text(report: SynthReport) -> str:
    if report.suffix == ".docx":
        import docx

        d = docx.Document(io.BytesIO(report.content))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            parts += [c.text for row in t.rows for c in row.cells]
        return "\n".join(parts)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(report.content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_opens_with_headings_and_merged_tables(template):
    import docx

    r = generate(10, layout="docx", template=template)
    d = docx.Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in d.paragraphs)
    for phrase in HEADING_PHRASES:
        assert phrase in text
    shapes = [(len(t.rows), len(t.columns)) for t in d.tables]
    assert shapes == [(14 if template == "2021" else 18, 4), (28 if template == "2021" else 26, 10), (4, 15)]
    t3 = d.tables[1]
    assert t3.cell(0, 0).text == t3.cell(2, 2).text  # the merged corner note
    row = r.truth["tables"]["table3"]["new_received"]
    assert [c.text for c in t3.rows[3].cells[3:]] == [str(v) for v in row.values()]
    assert len(r.content) < 60_000


@pytest.mark.parametrize("template", TEMPLATES)
def test_pdf_opens_with_headings(template):
    import pdfplumber

    r = generate(10, layout="pdf", template=template)
    assert r.content.startswith(b"%PDF")
    text = _document_text(r)
    for phrase in HEADING_PHRASES:
        assert phrase in _squash(text)
    with pdfplumber.open(io.BytesIO(r.content)) as pdf:
        tables = [t for p in pdf.pages for t in p.extract_tables()]
    assert tables
    assert len(r.content) < 60_000


# --------------------------------------------------------------------------- options and errors


@pytest.mark.parametrize("kwargs,needle", [
    ({"template": "2020"}, "2021, 2019"),
    ({"layout": "rtf"}, "pipe, flat, tab, markdown, space, html, docx, pdf"),
    ({"mask": 1.5}, "from 0 to 1"),
    ({"violations": -1}, "violations"),
    ({"violations": 99}, "from 0 to 28"),
    ({"year": 2015}, "year"),
    ({"agency": ""}, "agency"),
])
def test_bad_options_raise_usage_error(kwargs, needle):
    with pytest.raises(UsageError) as info:
        generate(1, **kwargs)
    assert needle in str(info.value)


def test_write_and_write_corpus(tmp_path):
    r = generate(3, layout="markdown")
    path = r.write(tmp_path / "one")
    assert path.read_bytes() == r.content and path.name == r.filename
    gold = json.loads((tmp_path / "one" / "gold" / f"{r.name}.json").read_text(encoding="utf-8"))
    assert gold == json.loads(json.dumps(r.truth))

    paths = write_corpus(tmp_path / "c", n=16, seed=100)
    assert len(paths) == 16 and len({p.name for p in paths}) == 16
    golds = [json.loads((p.parent / "gold" / f"{p.stem}.json").read_text(encoding="utf-8")) for p in paths]
    assert {(g["synth"]["layout"], g["template"]) for g in golds} == {(lay, t) for lay in LAYOUTS for t in TEMPLATES}
    assert any(g["agency"] is None or g["synth"]["mask"] for g in golds)
    assert any(g["expected_findings"] for g in golds)
    plain = write_corpus(tmp_path / "p", n=4, seed=1, layouts=["tab"], templates=["2019"], vary=False)
    assert all(p.suffix == ".txt" for p in plain)
    with pytest.raises(UsageError):
        write_corpus(tmp_path / "x", n=1, layouts=["odt"])
    with pytest.raises(UsageError):
        write_corpus(tmp_path / "x", n=-1)


def test_cli_synth(tmp_path):
    from typer.testing import CliRunner

    from ogi.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["synth", "--out", str(tmp_path), "--n", "3", "--seed", "4",
                                 "--layout", "pipe", "--layout", "html", "--template", "2019"])
    assert result.exit_code == 0, result.output
    assert "wrote 3 reports" in result.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "synth-2019-html-5.html", "synth-2019-pipe-4.txt", "synth-2019-pipe-6.txt"]
    assert len(list((tmp_path / "gold").glob("*.json"))) == 3
    bad = runner.invoke(app, ["synth", "--out", str(tmp_path), "--layout", "odt"])
    assert bad.exit_code == 2


# --------------------------------------------------------------------------- the shipped sample corpus


def _shipped() -> list:
    return sorted(p for p in SAMPLE_DIR.glob("synth-*") if p.is_file())


def test_sample_corpus_covers_layouts_and_templates():
    files = _shipped()
    assert len(files) == SAMPLE_COMMAND["n"]
    golds = [json.loads((SAMPLE_DIR / "gold" / f"{p.stem}.json").read_text(encoding="utf-8")) for p in files]
    assert {g["synth"]["layout"] for g in golds} == set(LAYOUTS)
    assert {g["template"] for g in golds} == set(TEMPLATES)
    assert any(g["synth"]["mask"] > 0 for g in golds)
    assert any(g["expected_findings"] for g in golds)
    for p in files:
        limit = 60_000 if p.suffix in (".docx", ".pdf") else 30_000
        assert p.stat().st_size < limit, p.name
    assert (SAMPLE_DIR / "seed-2024-masked.txt").exists()
    readme = (SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
    assert f"ogi synth --out corpora/sample --n {SAMPLE_COMMAND['n']} --seed {SAMPLE_COMMAND['seed']}" in readme


def test_sample_corpus_is_reproducible(tmp_path):
    paths = write_corpus(tmp_path, **SAMPLE_COMMAND)
    assert sorted(p.name for p in paths) == [p.name for p in _shipped()], "regenerate corpora/sample (see its README)"
    for p in paths:
        shipped = SAMPLE_DIR / p.name
        assert (tmp_path / "gold" / f"{p.stem}.json").read_bytes() == \
            (SAMPLE_DIR / "gold" / f"{p.stem}.json").read_bytes(), f"{p.stem}: regenerate corpora/sample"
        assert p.read_bytes() == shipped.read_bytes(), f"{p.name}: regenerate corpora/sample"


# --------------------------------------------------------------------------- one section-五 generator


def test_report_section_comes_from_the_one_section_generator():
    import random

    from ogi.nlp.synthetic import marker, report_section
    from ogi.nlp.taxonomy import TOPICS

    markers = {marker(style, n) for style in ("shi", "dot", "dun") for n in range(1, 5)}
    for seed in range(30):
        r = generate(seed, layout="pipe")
        paras, stmts = report_section(random.Random(seed), 2023, "我局")
        text = "".join(paras)
        assert stmts and all(s["text"] in text for s in stmts)
        assert {s["kind"] for s in stmts} == {"problem", "improvement"}
        assert all(s["topics"] and set(s["topics"]) <= set(TOPICS) for s in stmts)
        # numbered statements start with a marker of the shared numbering
        assert any(s["text"].startswith(tuple(markers)) for s in stmts) or "如" in text
        # the report's own section 五 holds the statements of its truth, in order
        problems = r.truth["problems_text"].replace("\n", "")
        positions = [problems.find(s["text"]) for s in r.truth["statements"]]
        assert -1 not in positions and positions == sorted(positions)
