"""Linking narrative numbers to table cells, verdicts, TEXT-LINK findings, and the parse integration."""

from __future__ import annotations

import pytest

import ogi
from conftest import build_report, consistent_table3, dev_gold_files, load_gold
from ogi.claims import claims_from_parts, extract_claims, link_table, text_link_findings
from ogi.record import Claim, Finding, Report, Section, target_paths
from ogi.spec import T3_COLUMNS, template

DENIED = "+".join(f"table3.{r}.total" for r in (
    "denied_state_secret", "denied_law_forbidden", "denied_three_safety_one_stability", "denied_third_party",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query"))
UNABLE = "table3.unable_not_held.total+table3.unable_need_creation.total+table3.unable_still_unclear.total"
LIT = "table4.lit_direct.total+table4.lit_after_review.total"


def _tables(version: str = "2021") -> dict:
    t3 = consistent_table3(version)
    t2 = ({"art20_1": {"rules": {"issued": 0, "repealed": 0, "in_force": 2},
                       "normative_docs": {"issued": 5, "repealed": 1, "in_force": 40}},
           "art20_5": {"admin_license": {"decisions": 2149}},
           "art20_6": {"admin_penalty": {"decisions": 48}, "admin_coercion": {"decisions": 0}},
           "art20_8": {"admin_fees": {"fee_amount": 12.5}}} if version == "2021" else
          {"art20_1": {"rules": {"new_made": 1, "new_published": 1, "total_published": 9},
                       "normative_docs": {"new_made": 5, "new_published": 6, "total_published": 40}},
           "art20_5": {"admin_license": {"prev_year_items": 30, "delta_items": -2, "decisions": 100}},
           "art20_6": {"admin_penalty": {"prev_year_items": 10, "delta_items": 1, "decisions": 20},
                       "admin_coercion": {"prev_year_items": 0, "delta_items": 0, "decisions": 0}},
           "art20_9": {"central_procurement": {"procurement_items": 6, "procurement_amount": 251000.0}}})
    return {"table2": t2,
            "table3": {k: dict(zip(T3_COLUMNS, v)) for k, v in t3.items()},
            "table4": {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2},
                       "lit_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0},
                       "lit_after_review": {"upheld": 3, "corrected": 1, "other": 0, "pending": 0, "total": 4}}}


def _claims(text: str, version: str = "2021", tables: dict | None = None, **kw) -> list[Claim]:
    return claims_from_parts(text, [Section("overview", None, text, 0, len(text))],
                             _tables(version) if tables is None else tables, template=version, **kw)


T21 = _tables("2021")["table3"]
NEW = T21["new_received"]["total"]
DONE = T21["result_total"]["total"]


@pytest.mark.parametrize("sentence, target, verdict", [
    (f"全年共收到政府信息公开申请{NEW}件。", "table3.new_received.total", "match"),
    (f"本年度新收政府信息公开申请{NEW + 1}件。", "table3.new_received.total", "mismatch"),
    (f"全年共受理依申请公开{NEW + 1}件。", "table3.new_received.total+table3.carried_over.total", "match"),
    (f"本年度共受理政府信息公开申请{NEW + 1}件（含上年结转1件）。",
     "table3.new_received.total+table3.carried_over.total", "match"),
    ("上年结转1件。", "table3.carried_over.total", "match"),
    (f"本年度共办结{DONE}件。", "table3.result_total.total", "match"),
    (f"答复政府信息公开申请{DONE}件。", "table3.result_total.total", "match"),
    ("结转下年度继续办理2件。", "table3.carried_forward.total", "match"),
    ("另有2件申请顺延到下年度答复。", "table3.carried_forward.total", "match"),
    (f"予以公开{T21['granted']['total']}件。", "table3.granted.total", "match"),
    ("予以公开及部分公开3件。", "table3.granted.total+table3.partial.total", "match"),
    ("不予公开65件。", DENIED, "match"),
    ("无法提供12件。", UNABLE, "match"),
    ("其他处理0件。", "table3.other_no_correction.total+table3.other_no_fee.total+table3.other_other.total", "match"),
    ("因政府信息公开被申请行政复议2件。", "table4.review.total", "match"),
    ("被提起行政诉讼4件。", LIT, "match"),
    ("共办理相关行政复议、行政诉讼案件6件。", "table4.review.total+" + LIT, "match"),
    ("本年度制发行政规范性文件5件。", "table2.art20_1.normative_docs.issued", "match"),
    ("现行有效行政规范性文件41件。", "table2.art20_1.normative_docs.in_force", "mismatch"),
    ("办理行政许可2149件，", "table2.art20_5.admin_license.decisions", "match"),
    ("行政事业性收费12.5万元。", "table2.art20_8.admin_fees.fee_amount", "match"),
    ("行政事业性收费125000元。", "table2.art20_8.admin_fees.fee_amount", "match"),
    (f"全年共处理政府信息公开申请{DONE}件。", "table3.result_total.total", "match"),
    ("全年行政复议和行政诉讼案件共6件。", "table4.review.total+" + LIT, "match"),
    ("本年度无上年结转申请。", "table3.carried_over.total", "mismatch"),
    ("无结转下年度办理的申请。", "table3.carried_forward.total", "mismatch"),
])
def test_claims_link_2021(sentence, target, verdict):
    c = _claims(sentence)[0]
    assert (c.target, c.verdict) == (target, verdict)


@pytest.mark.parametrize("sentence, target, verdict", [
    ("主动公开规章1件。", "table2.art20_1.rules.new_published", "match"),
    ("制定规范性文件5件。", "table2.art20_1.normative_docs.new_made", "match"),
    ("主动公开行政规范性文件5件。", "table2.art20_1.normative_docs.new_made", "match"),  # fits only new_made
    ("政府集中采购6项。", "table2.art20_9.central_procurement.procurement_items", "match"),
    ("其他处理0件。", "table3.other_handling.total", "match"),
    ("不予公开65件。", DENIED, "match"),
    ("对外公开规范性文件总数40件。", "table2.art20_1.normative_docs.total_published", "match"),
])
def test_claims_link_2019(sentence, target, verdict):
    c = _claims(sentence, "2019")[0]
    assert (c.target, c.verdict) == (target, verdict)


def test_claims_link_two_readings_keep_both_and_say_which_matched():
    total = NEW + 1  # new_received + carried_over
    c = _claims(f"全区收到政府信息公开申请{total}件。")[0]
    assert c.target == "table3.new_received.total" and c.verdict == "mismatch"
    assert c.matched_target == "table3.new_received.total+table3.carried_over.total"
    assert c.matched_target in c.alt_targets


def test_claims_link_applicants_inherit_the_row_of_their_count():
    t = T21
    n, o = t["new_received"]["natural_person"] + 1, t["new_received"]["org_commercial"]
    cl = _claims(f"全年共受理政府信息公开申请{NEW + 1}件，其中自然人申请{n}件，商业企业{o}件。")
    assert cl[0].target == "table3.new_received.total+table3.carried_over.total"
    assert cl[1].target == "table3.new_received.natural_person+table3.carried_over.natural_person"
    assert [c.verdict for c in cl] == ["match", "match", "match"]


@pytest.mark.parametrize("version, text, targets", [
    ("2021", "本年度制发行政规范性文件5件，废止1件，现行有效40件。",
     ["table2.art20_1.normative_docs.issued", "table2.art20_1.normative_docs.repealed",
      "table2.art20_1.normative_docs.in_force"]),
    ("2019", "本年度新制作规范性文件5件，新公开6件，对外公开总数40件。",
     ["table2.art20_1.normative_docs.new_made", "table2.art20_1.normative_docs.new_published",
      "table2.art20_1.normative_docs.total_published"]),
    ("2021", "全年被申请行政复议2件，其中1件维持原决定、1件尚在审理中。",
     ["table4.review.total", "table4.review.upheld", "table4.review.pending"]),
    ("2021", "行政复议维持1件，尚未审结1件。", ["table4.review.upheld", "table4.review.pending"]),
])
def test_claims_link_later_numbers_inherit_row_or_block(version, text, targets):
    cl = _claims(text, version)
    assert [c.target for c in cl] == targets
    assert {c.verdict for c in cl} == {"match"}


def test_claims_link_table_sections_give_only_their_prose():
    text = build_report("flat", version="2019").replace(
        "四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况本年度被申请行政复议1件。")
    rep = ogi.parse(text, statements=False)
    assert [(c.section, c.value, c.target) for c in rep.claims if c.section != "overview"] == [
        ("appeals", 1, "table4.review.total"), ("other", 0, None)]


def test_claims_link_negations_state_zero():
    cl = _claims("全年未发生因政府信息公开引起的行政复议和行政诉讼。")
    assert [(c.value, c.target, c.verdict) for c in cl] == [
        (0, "table4.review.total", "mismatch"), (0, LIT, "mismatch")]
    z = _claims("继续保持零败诉。")[0]
    assert z.target == "table4.review.corrected+table4.lit_direct.corrected+table4.lit_after_review.corrected"
    assert z.verdict == "mismatch" and z.table_value == 1


@pytest.mark.parametrize("sentence", [
    "收取信息处理费共计380元。",                 # section 六 fee: never 行政事业性收费
    "无收取信息处理费情况。",
    "其中网络申请40件。",                         # channels have no cell
    "发布政策解读86篇，召开新闻发布会12场。",
    "办理人大代表建议58件。",
    "部门规范性文件45件。",
    "政策、规范性文件类信息68条。",
    "受理各类群众诉求259起。",
    "区行政服务中心开设窗口26个，共受理申请121510件。",   # applications, but not for information
    "依托12345平台共收到咨询投诉件15564件，已办结15042件。",
    "在“环境保护”栏目共计发布行政处罚23件。",           # published items, not decisions
    "处理民事诉讼3件。",
])
def test_claims_link_unverifiable(sentence):
    for c in _claims(sentence):
        assert c.target is None and c.verdict == "unverifiable"


def test_claims_link_percentages_are_recomputed():
    g = T21["granted"]["total"]
    share = round(100 * g / DONE, 2)
    ok, bad = _claims(f"予以公开{g}件，占{share}%；予以公开{g}件，占{share + 5}%。")[1::2]
    assert ok.verdict == "match" and ok.ratio["denominator"] == "table3.result_total.total"
    assert bad.verdict == "mismatch"


def test_claims_link_blank_total_layout_uses_row_sums():
    tables = _tables()
    for row in tables["table3"].values():
        if row["natural_person"] and row is not tables["table3"]["new_received"]:
            row["total"] = None
    expected = sum(v for k, v in T21["granted"].items() if k != "total")
    c = _claims(f"予以公开{expected}件。", tables=tables)[0]
    assert c.verdict == "match" and c.cells_note.startswith("总计 blank")


def test_claims_link_ambiguous_cell_is_judged_against_candidates():
    tables = _tables()
    tables["table2"]["art20_1"]["normative_docs"]["issued"] = None
    finding = Finding("AMBIGUOUS-CELL", "warning", ["table2.art20_1.normative_docs.issued"], "digits run together",
                      candidates=[8, 88, 885])
    path = ["table2.art20_1.normative_docs.issued"]
    good = _claims("本年度制发的规范性文件88件。", tables=tables, unreadable=path, findings=[finding])[0]
    bad = _claims("本年度制发的规范性文件77件。", tables=tables, unreadable=path, findings=[finding])[0]
    none = _claims("本年度制发的规范性文件88件。", tables=tables, unreadable=path)[0]
    assert (good.verdict, bad.verdict, none.verdict) == ("match", "mismatch", "unverifiable")
    assert good.confidence < none.confidence or good.confidence < 0.9


def test_claims_link_masked_context_lowers_confidence():
    plain = _claims(f"全年共收到政府信息公开申请{NEW}件。")[0]
    masked = _claims(f"全年共收到****政府信息公开申请{NEW}件。")[0]
    assert masked.target == plain.target
    assert masked.confidence < plain.confidence
    assert _claims("****申请****件，****。") == []


@pytest.mark.parametrize("version", ["pre2019", "unknown"])
def test_claims_link_without_national_tables_is_unverifiable(version):
    cl = _claims(f"全年共收到政府信息公开申请{NEW}件。", version, tables={})
    assert [(c.value, c.target, c.verdict) for c in cl] == [(NEW, None, "unverifiable")]


def test_claims_link_text_link_finding_for_each_mismatch():
    cl = _claims(f"全年共收到政府信息公开申请{NEW + 7}件，办结{DONE}件。")
    f = text_link_findings(cl)
    assert len(f) == 1
    assert f[0].rule == "TEXT-LINK" and f[0].cells == ["table3.new_received.total"]
    assert (f[0].expected, f[0].actual) == (NEW, NEW + 7)


@pytest.mark.parametrize("claim, message", [
    (Claim("收到申请12件", 12, unit="件", verdict="mismatch", target="table3.new_received.total",
           table_value=10),
     "the narrative says 「收到申请12件」 (12件); the table gives 10"),
    # a PDF line break inside the quote: dropped between Chinese characters, a space elsewhere
    (Claim("受理政府\n信息公开申请 17 件", 17, unit="件", verdict="mismatch",
           target="table3.new_received.total", table_value=95),
     "the narrative says 「受理政府信息公开申请 17 件」 (17件); the table gives 95"),
    (Claim("办结\n 17 \r\n件", 17, unit="件", verdict="mismatch", target="table3.result_total.total",
           table_value=9, matched_target="table3.new_received.total"),
     "the narrative says 「办结 17 件」 (17件); the table gives 9; the number fits table3.new_received.total instead"),
    # an ambiguous cell none of whose readings fits: no table value, and no 'None' either
    (Claim("现行有效行政规范性文件393件", 393, unit="件", verdict="mismatch",
           target="table2.art20_1.normative_docs.in_force", table_value=None),
     "the narrative says 「现行有效行政规范性文件393件」 (393件); the table cell could not be read with "
     "certainty and none of its possible readings is 393"),
])
def test_claims_link_text_link_message_is_words_not_python(claim, message):
    (f,) = text_link_findings([claim])
    assert f.message == message
    assert (f.expected, f.actual) == (claim.table_value, claim.value)


def test_claims_link_table_is_versioned_and_declarative():
    lt = link_table()
    assert lt.name == "links-v1"
    assert {"t3.received", "t3.denied", "t4.review", "t2.admin_fees"} <= {lk["id"] for lk in lt.links}
    for version in ("2021", "2019"):
        keys = {f"table3.{k}" for k in template(version).table3_rows}
        for lk in lt.links:
            for r in (lk.get("readings") or {}).get(version, []) + (lk.get("readings") or {}).get("*", []):
                for part in target_paths(r):
                    if part.startswith("table3.") and "@" not in part:
                        assert part.rsplit(".", 1)[0] in keys, (lk["id"], part)


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_claims_parse_fills_claims_and_findings(version):
    t3 = consistent_table3(version)
    rep = ogi.parse(build_report("pipe", version=version, t3=t3), statements=False)
    c = next(c for c in rep.claims if c.target)
    assert (c.value, c.target, c.verdict) == (t3["new_received"][6], "table3.new_received.total", "match")
    assert rep.to_dict()["claims"] == [c.to_dict() for c in rep.claims]
    assert extract_claims(rep) == rep.claims
    # a report read back from its JSON (no document) gives the claims from its sections' texts
    back = extract_claims(Report.from_dict(rep.to_dict()))
    assert [(c.quote, c.target, c.verdict) for c in back] == [(c.quote, c.target, c.verdict) for c in rep.claims]
    assert not [f for f in rep.findings if f.rule == "TEXT-LINK"]


def test_claims_parse_mismatch_becomes_finding():
    text = build_report("pipe").replace("全年共收到政府信息公开申请", "全年共收到政府信息公开申请1")
    rep = ogi.parse(text, statements=False)
    assert [f.rule for f in rep.findings if f.rule == "TEXT-LINK"] == ["TEXT-LINK"]


def test_claims_seed_four_applications_match(dev_dir):
    rep = ogi.parse(dev_dir / "seed-2024-masked.txt", statements=False)
    linked = [c for c in rep.claims if c.target]
    assert [(c.value, c.verdict) for c in linked] == [(4, "match")]
    assert linked[0].target in ("table3.new_received.total", "table3.result_total.total")
    assert "4件" in linked[0].quote


def test_claims_dev_gold_scores(dev_dir):
    from ogi.claims import evaluate_claims

    tp = fp = fn = right = 0
    for gold_file in dev_gold_files():
        gold = load_gold(gold_file)
        rep = ogi.parse(dev_dir / gold["file"], statements=False)
        s = evaluate_claims(rep.claims, gold.get("claims") or [])
        tp, fp, fn, right = tp + s["tp"], fp + s["fp"], fn + s["fn"], right + s["verdict_right"]
    p, r = tp / (tp + fp), tp / (tp + fn)
    assert 2 * p * r / (p + r) >= 0.85
    assert right / tp >= 0.9


# mutated synthetic text found by fuzzing (issue 7): a claim against table 四 cells whose
# run-together digits are ambiguous, one candidate being a blank reading (None)
_FUZZ_REPRO = (
    '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | '
    '申请人情况 |  |  |  |  |  |  |\n（二）依申请公开情况。全年共收到政府信'
    '息公开申请11439件，其中自然人申请11018件，法人或其他组织申请421件，上年结转3'
    '件。全年办结11442件，无结转下年度办理的申请。\n## 一、总体情况\n（二）依申请公开情'
    '况。全年共收到政府信息公开申请11439件，其中自然人申请11018件，法人或其他组织申请'
    '421件，上年结转3件。全年办结11442件，无结转下年度办理的申请。\n| 结果维持 | '
    '结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |'
    '  | 复议后起诉 |  |  |  |  |'
)


def test_claims_link_ambiguous_candidates_with_a_blank_reading_do_not_crash():
    import ogi

    rep = ogi.parse(_FUZZ_REPRO)
    assert all(c.verdict in ("match", "approx", "mismatch", "unverifiable") for c in rep.claims)


def test_claims_long_numeral_runs_are_linear():
    import ogi

    # 20,000 Chinese numerals with no unit after them: each match must start at the run's start
    rep = ogi.parse("一、总体情况 政府信息公开工作。\n" + "一" * 20000 + "\n")
    assert rep.claims == []
