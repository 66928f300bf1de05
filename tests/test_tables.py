"""Tables 二/三/四 from every layout, masked labels, run-together digits, ambiguity."""

from __future__ import annotations

import pytest

import ogi
from conftest import build_report, consistent_table3, table3_expected
from ogi.spec import T3_COLUMNS, template
from ogi.splitting import Piece, splits

LAYOUTS = ["pipe", "tab", "markdown", "space", "flat"]


def _t3_with(**rows: tuple) -> dict:
    """A 2021 table 三 of zeros with the given rows."""
    t3 = {k: (0,) * 7 for k in template("2021").table3_rows}
    t3.update(rows)
    return t3


SWAPPABLE = _t3_with(  # both rows print '220000022' (22/0/… or 2/20/…): swapping keeps every rule
    granted=(22, 0, 0, 0, 0, 0, 22), partial=(2, 20, 0, 0, 0, 0, 22),
    result_total=(24, 20, 0, 0, 0, 0, 44), new_received=(24, 20, 0, 0, 0, 0, 44))


def _t3(rep) -> dict:
    return {f"{r}.{c}": v for r, cols in rep.tables["table3"].items() for c, v in cols.items()}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("version", ["2021", "2019"])
def test_tables_every_layout_reads_every_cell(layout, version):
    t3 = consistent_table3(version, seed=7)
    rep = ogi.parse(build_report(layout, version=version, t3=t3), statements=False)
    assert rep.meta.template == version
    assert _t3(rep) == table3_expected(t3, version)
    t4 = rep.tables["table4"]
    assert [t4["review"][c] for c in ("upheld", "corrected", "other", "pending", "total")] == [1, 0, 0, 1, 2]
    assert t4["lit_after_review"]["total"] == 4
    assert not [f for f in rep.findings if f.rule in ("T3-ID", "T3-ROWSUM", "T3-RESULTS", "T4-BLOCK",
                                                         "AMBIGUOUS-CELL", "STRUCT-T3-ROWS")
                and not f.cells[0].startswith("table2")]


@pytest.mark.parametrize("layout", ["pipe", "flat", "space"])
def test_tables_table2_by_version(layout):
    r21 = ogi.parse(build_report(layout, version="2021"), statements=False).tables["table2"]
    assert r21["art20_1"]["normative_docs"] == {"issued": 5, "repealed": 1, "in_force": 40} \
        or layout == "flat"  # run together: '5140' has several readings (checked below)
    assert r21["art20_5"]["admin_license"]["decisions"] == 2149
    assert r21["art20_8"]["admin_fees"]["fee_amount"] == 12.5
    r19 = ogi.parse(build_report(layout, version="2019"), statements=False).tables["table2"]
    assert r19["art20_9"]["central_procurement"]["procurement_amount"] == 251000.0 or layout == "flat"
    if layout != "flat":
        assert r19["art20_5"]["admin_license"] == {"prev_year_items": 30, "delta_items": -2, "decisions": 100}


def test_tables_flat_table2_run_together_is_ambiguous_not_guessed():
    rep = ogi.parse(build_report("flat"), statements=False)
    cells = rep.tables["table2"]["art20_1"]["normative_docs"]
    assert cells == {"issued": None, "repealed": None, "in_force": None}
    amb = {f.cells[0]: f.candidates for f in rep.findings if f.rule == "AMBIGUOUS-CELL"}
    assert 5 in amb["table2.art20_1.normative_docs.issued"]
    assert 40 in amb["table2.art20_1.normative_docs.in_force"]


@pytest.mark.parametrize("masked", [("new_received", "carried_over"), ("unable_not_held",),
                                    ("granted", "np_repeat", "other_no_fee")])
@pytest.mark.parametrize("layout", ["pipe", "flat"])
def test_tables_masked_labels_fall_back_to_template_order(layout, masked):
    t3 = consistent_table3("2021", seed=3)
    text = build_report(layout, t3=t3, mask_labels=masked)
    assert "****" in text
    rep = ogi.parse(text, statements=False)
    assert _t3(rep) == table3_expected(t3)
    assert rep.meta.masked_chars >= 4 * len(masked)


@pytest.mark.parametrize("digits, expected", [
    ("21710000218", [(217, 1, 0, 0, 0, 0, 218)]),
    ("0000000", [(0,) * 7]),
    ("1000001", [(1, 0, 0, 0, 0, 0, 1)]),
    ("270020130", [(2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30)]),
])
def test_splitting_row_sum_candidates(digits, expected):
    assert splits([Piece(digits)], groups=[7]) == expected


def test_splitting_spaces_are_boundaries_and_no_leading_zeros():
    assert splits([Piece("230"), Piece("000023")], groups=[7]) == [(23, 0, 0, 0, 0, 0, 23)]
    assert splits([Piece("500000"), Piece("5")], groups=[7]) == [(5, 0, 0, 0, 0, 0, 5)]


def test_splitting_table4_block_sums_settle_17_digits():
    # 17 digits for 15 cells: only one reading satisfies the three block sums
    assert splits([Piece("10203120001200000")], groups=[5, 5, 5]) == [
        (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)]


def test_tables_column_rules_settle_two_row_splits():
    # granted '270020130' and not_held '220000325' each have two row-sum splits;
    # the column identities leave one combination
    t3 = _t3_with(granted=(27, 0, 0, 2, 0, 1, 30), unable_not_held=(22, 0, 0, 0, 0, 3, 25),
                  result_total=(49, 0, 0, 2, 0, 4, 55), new_received=(49, 0, 0, 2, 0, 4, 55))
    rep = ogi.parse(build_report("flat", t3=t3), statements=False)
    assert rep.tables["table3"]["granted"]["natural_person"] == 27
    assert rep.tables["table3"]["unable_not_held"]["org_other"] == 3
    assert not [f for f in rep.findings if f.rule == "AMBIGUOUS-CELL" and "table3" in f.cells[0]]


def test_tables_ambiguous_cells_are_null_with_candidates():
    # only row sums and columns can settle a split: when two readings satisfy every rule
    # the cells are null and the finding lists both
    t3 = SWAPPABLE
    text = build_report("flat", t3=t3)
    rep = ogi.parse(text, statements=False)
    amb = [f for f in rep.findings if f.rule == "AMBIGUOUS-CELL" and f.cells[0].startswith("table3")]
    # both rows print '220000022' (22/0/… or 2/20/…): swapping them keeps every rule
    assert {f.cells[0] for f in amb} == {"table3.granted.natural_person", "table3.granted.org_commercial",
                                            "table3.partial.natural_person", "table3.partial.org_commercial"}
    for f in amb:
        assert rep.cell(f.cells[0]) is None
        assert len(f.candidates) >= 2


def test_tables_identity_failure_kept_as_printed():
    t3 = consistent_table3("2021", seed=5)
    bad = list(t3["result_total"])
    bad[6] += 1  # the source prints a wrong 总计
    t3 = dict(t3, result_total=tuple(bad))
    rep = ogi.parse(build_report("pipe", t3=t3), statements=False)
    assert rep.tables["table3"]["result_total"]["total"] == bad[6]  # never repaired
    rules = {(f.rule, f.severity) for f in rep.findings}
    assert ("T3-ROWSUM", "error") in rules and ("T3-ID", "error") in rules
    t3id = next(f for f in rep.findings if f.rule == "T3-ID")
    assert t3id.cells == ["table3.new_received.total", "table3.carried_over.total",
                             "table3.result_total.total", "table3.carried_forward.total"]
    assert t3id.actual - t3id.expected == 1


def test_tables_blank_total_column_is_uncertain_not_error():
    text = build_report("pipe", version="2019")
    # blank the 总计 cell of the granted row
    lines = text.split("\n")
    i = next(n for n, ln in enumerate(lines) if "予以公开" in ln and "部分" not in ln)
    cells = lines[i].split(" | ")
    cells[-1] = ""
    lines[i] = " | ".join(cells)
    rep = ogi.parse("\n".join(lines), statements=False)
    assert rep.tables["table3"]["granted"]["total"] is None
    f = [f for f in rep.findings if f.rule == "T3-ROWSUM"]
    assert f and all(x.severity == "uncertain" for x in f)
    assert any("table3.granted.total" in x.cells for x in rep.findings if x.rule == "EMPTY-CELLS")


def test_tables_pdf_text_with_wrapped_labels_and_vertical_group_label():
    t3 = consistent_table3("2021", seed=11)
    text = build_report("space", t3=t3)
    text = text.replace("三、本年度办理结果", "三、\n本\n年\n度\n办\n理\n结\n果")
    text = text.replace("（区分处理的，只计这一情形，不计其他情形）", "（区分处理的，只计这一情\n形，不计其他情形）")
    text = text.replace("（四）无法提供 ", "（四）无\n")
    rep = ogi.parse(text, statements=False)
    assert _t3(rep) == table3_expected(t3)


def test_tables_row_label_numerals_are_not_values():
    # '…00000005.属于三类…': the 5 is the label's numeral, not a cell
    t3 = consistent_table3("2021", seed=2)
    rep = ogi.parse(build_report("flat", t3=t3), statements=False)
    assert rep.tables["table3"]["denied_third_party"] == dict(zip(T3_COLUMNS, t3["denied_third_party"]))


def test_tables_thousands_separators_and_full_width_digits():
    text = build_report("pipe").replace("行政许可 | 2149", "行政许可 | 2,149").replace(
        "行政处罚 | 48", "行政处罚 | ４８")
    t2 = ogi.parse(text, statements=False).tables["table2"]
    assert t2["art20_5"]["admin_license"]["decisions"] == 2149
    assert t2["art20_6"]["admin_penalty"]["decisions"] == 48


def test_tables_row_breaking_its_own_sum_is_read_from_the_column_rules():
    # a long run that breaks its row sum has too many readings to list; the other rows say
    # what its cells must be, and the one printed wrong stays as printed
    t3 = _t3_with(granted=(15248, 4298, 0, 0, 646, 746, 20938), result_total=(15248, 4298, 0, 0, 646, 746, 20938),
                  new_received=(15248, 4298, 0, 0, 644, 746, 20938))  # 644 printed for 646
    rep = ogi.parse(build_report("flat", t3=t3), statements=False)
    assert rep.tables["table3"]["new_received"] == dict(zip(T3_COLUMNS, t3["new_received"]))
    rules = {(f.rule, f.severity) for f in rep.findings}
    assert ("T3-ROWSUM", "error") in rules and ("T3-ID", "error") in rules


def test_tables_identities_are_not_checked_through_unreadable_cells():
    t3 = SWAPPABLE
    rep = ogi.parse(build_report("flat", t3=t3), statements=False)
    assert rep.cell("table3.granted.natural_person") is None  # ambiguous (see above)
    assert not [f for f in rep.findings if f.rule in ("T3-ROWSUM", "T3-RESULTS", "T3-ID")]
    empty = next((f for f in rep.findings if f.rule == "EMPTY-CELLS"), None)
    assert empty is None or "table3.granted.natural_person" not in empty.cells  # unreadable, not blank


def test_tables_all_blank_rows_of_a_real_table_are_rows():
    lines = build_report("pipe").split("\n")
    i = next(n for n, ln in enumerate(lines) if "属于国家秘密" in ln)
    lines[i] = "1.属于国家秘密 | / | — | - | 无 |  |  | "  # blank markers and empty cells
    rep = ogi.parse("\n".join(lines), statements=False)
    assert not [f for f in rep.findings if f.rule == "STRUCT-T3-ROWS"]
    assert rep.tables["table3"]["denied_state_secret"]["total"] is None
    empty = next(f for f in rep.findings if f.rule == "EMPTY-CELLS")
    assert "table3.denied_state_secret.total" in empty.cells


def test_tables_page_number_lines_inside_a_pdf_table_are_not_cells():
    t3 = consistent_table3("2021", seed=4)
    text = build_report("space", t3=t3)
    text = text.replace("\n（四）无法提供", "\n- 5 -\n（四）无法提供").replace("\n（五）不予处理", "\n第 6 页\n（五）不予处理")
    rep = ogi.parse(text, statements=False)
    assert _t3(rep) == table3_expected(t3)


@pytest.mark.parametrize("layout", ["pipe", "flat"])
def test_tables_masked_labels_in_tables_2_3_4_still_parse(layout):
    # expected values: the same report parsed unmasked (and table 三's hand-made numbers)
    t3 = consistent_table3("2021", seed=5)
    clean = build_report(layout, t3=t3)
    masked = build_report(layout, t3=t3, mask_labels=("carried_over", "denied_third_party", "np_repeat"))
    for old, new in (("行政许可", "行**可"), ("行政处罚", "行＊＊罚"), ("行政事业性收费", "行政××收费"),
                     ("结果纠正", "结**正"), ("未经复议直接起诉", "未经****起诉")):
        assert old in masked
        masked = masked.replace(old, new, 1)
    a = ogi.parse(clean, statements=False).tables
    b = ogi.parse(masked, statements=False).tables
    assert b["table2"] == a["table2"]
    assert b["table2"]["art20_5"]["admin_license"]["decisions"] == 2149
    assert b["table2"]["art20_6"]["admin_penalty"]["decisions"] == 48
    assert _t3(ogi.parse(masked, statements=False)) == table3_expected(t3)
    assert b["table4"] == a["table4"]


@pytest.mark.parametrize("version", ["2021", "2019"])
@pytest.mark.parametrize("row", ["new_received", "carried_forward", "result_total", "granted", "np_repeat"])
def test_tables_column_identities_imply_the_cells_of_an_unread_row(version, row):
    from ogi.tables.table3 import _expected
    from ogi.template import template as tpl_of

    t3 = consistent_table3(version, seed=3)
    fixed = {k: tuple(v) for k, v in t3.items() if k != row}
    expected = _expected(row, fixed, tpl_of(version))
    # every column identity through the row gives its printed value, and nothing else
    assert [sorted(e) for e in expected] == [[v] for v in t3[row]]
    # with a second row of the same identities unread, nothing is implied
    other = "partial" if row != "partial" else "granted"
    fixed.pop(other)
    if row in ("granted", "np_repeat"):  # a result row is in T3-RESULTS only
        assert _expected(row, fixed, tpl_of(version)) == [set() for _ in t3[row]]


_T4_BLOCKS_MD = ("### 行政复议\n{h}\n27 | 10 | 9 | 15 | 61\n### 行政诉讼（未经复议直接起诉）\n"
                 "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n3 | 0 | 0 | 0 | 3\n### 行政诉讼（复议后起诉）\n"
                 "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n8 | 0 | 1 | 1 | 10\n")


@pytest.mark.parametrize("header", ["结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计",
                                    "结＊＊持 | 结果纠正 | 其****果 | 尚＊＊结 | 总计",
                                    "结**持 | 结**正 | 其他** | 尚未** | 总计"])
def test_table4_header_read_through_masks(header):
    # a table 四 in three blocks whose first header is masked: the header is found at its first
    # block (not at the second block's 未经复议), so all 15 cells are read
    from ogi.tables.table4 import parse_table4

    text = _T4_BLOCKS_MD.format(h=header)
    findings: list = []
    unread: set = set()
    out = parse_table4(text, (0, len(text)), findings, {}, unread)
    assert (out["review.upheld"], out["review.total"], out["lit_direct.total"], out["lit_after_review.total"]) \
        == (27, 61, 3, 10)
    assert not findings and not unread


def test_fits_masked_needs_two_surviving_characters():
    from ogi.normalize import fits_masked

    assert fits_masked("行**罚", "行政处罚") and fits_masked("**维持", "结果维持")
    assert not fits_masked("结**", "结果维持") and not fits_masked("结果维持", "结果维持")
    assert not fits_masked("结**持", "结果纠正")
