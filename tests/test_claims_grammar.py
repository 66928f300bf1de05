"""Claims by the grammar of a count, and claims split by PDF wraps, page footers and form feeds.

Held out: every sentence here was written for these tests in the styles of real reports, none is
copied from the development reports.  Each variant names its expected cell; the negatives are
counts of things the tables do not hold, and years that are not counts.
"""

from __future__ import annotations

import pytest

from ogi.claims import claims_from_parts, extract_numbers, normalize_narrative
from ogi.claims.grammar import UNSURE_MARK, count_phrase, rewrite_years, skip_parenthetical
from ogi.record import Claim, Section
from test_claims_link import T21, _tables

NEW = T21["new_received"]["total"]
DONE = T21["result_total"]["total"]
FWD = T21["carried_forward"]["total"]
OVER = T21["carried_over"]["total"]
RECEIVED = "table3.new_received.total"
PROCESSED = "table3.result_total.total"
FORWARD = "table3.carried_forward.total"
CARRIED = "table3.carried_over.total"


def _claims(text: str, *, year: int | None = 2024, tables: dict | None = None) -> list[Claim]:
    return claims_from_parts(text, [Section("overview", None, text, 0, len(text))],
                             _tables() if tables is None else tables, template="2021", year=year)


def _one(text: str, **kw) -> Claim:
    cs = _claims(text, **kw)
    assert len(cs) == 1, cs
    return cs[0]


# ----------------------------------------------------------------------------- names of the applications

@pytest.mark.parametrize("sentence, target", [
    (f"本年度共收到申请公开政府信息{NEW}件。", RECEIVED),
    (f"全年共受理依申请公开政府信息{NEW}件。", RECEIVED),
    (f"全年收到群众申请公开政府信息的请求{NEW}件。", RECEIVED),
    (f"全年共收到信息公开申请（含网上申请）{NEW}件。", RECEIVED),
])
def test_claims_grammar_applications_named_otherwise(sentence, target):
    c = _one(sentence)
    assert (c.value, c.target, c.verdict) == (NEW, target, "match")


# ----------------------------------------------------------------------------- words between verb and count

@pytest.mark.parametrize("sentence, value, target", [
    (f"全年共办结上年结转和本年新收的申请{DONE}件。", DONE, PROCESSED),
    (f"全年共办理完毕本年新收及上年结转的各类政府信息公开申请{DONE}件。", DONE, PROCESSED),
    (f"全年依法答复公民、法人和其他组织提出的申请{DONE}件。", DONE, PROCESSED),
    # the rest were read before the grammar too: the grammar must not read them otherwise
    (f"我局本年度新收各类依申请公开申请{NEW}件。", NEW, RECEIVED),
    (f"2024年度全局共接到政府信息公开申请件{NEW}件。", NEW, RECEIVED),
    (f"本年度共收到通过网站、信函、当面提交等多种渠道提出的政府信息公开申请{NEW}件。", NEW, RECEIVED),
    (f"全年办结{DONE}件。", DONE, PROCESSED),
    (f"其中，已按期答复{DONE}件。", DONE, PROCESSED),
    (f"全年共计受理并答复信息公开申请{DONE}件。", DONE, PROCESSED),
])
def test_claims_grammar_words_between_verb_and_count(sentence, value, target):
    c = _one(sentence)
    assert (c.value, c.target, c.verdict) == (value, target, "match")


def test_claims_grammar_channel_is_still_not_a_table_quantity():
    assert _one("其中通过网上提交的申请5件。").target is None


def test_claims_grammar_head_verb_is_the_first_of_the_clause():
    # 新收 inside the modifier used to make this a count of received applications (a wrong mismatch)
    c = _one(f"全年共办结上年结转和本年新收的申请{DONE}件。")
    assert c.link == "t3.processed" and c.target == PROCESSED


def test_claims_grammar_quote_reaches_back_over_a_parenthetical():
    text = f"全年共收到信息公开申请（含网上申请）{NEW}件。"
    c = _one(text)
    assert c.quote.startswith("全年共收到信息公开申请")
    assert text[c.start:c.end] == c.quote


@pytest.mark.parametrize("sentence, target", [
    ("本年度因政府信息公开申请被申请行政复议的案件共2件。", "table4.review.total"),
    ("因政府信息公开工作被提起行政诉讼的案件4件。", "table4.lit_direct.total+table4.lit_after_review.total"),
])
def test_claims_grammar_cases_of_table_four(sentence, target):
    c = _one(sentence)
    assert (c.target, c.verdict) == (target, "match")


@pytest.mark.parametrize("sentence", [
    "全年办理的民事诉讼和政府信息公开无关的案件3件。",
    "本机关全年审理的各类行政复议的案件356件。",          # no information request named
    "因政府信息公开申请引发的行政复议和行政诉讼的案件6件。",  # both kinds: the link table decides
])
def test_claims_grammar_cases_not_read_by_the_grammar(sentence):
    c = _one(sentence)
    assert c.link != "t4.review" and c.link != "t4.litigation"


# ----------------------------------------------------------------------------- carry-overs stated with a year

@pytest.mark.parametrize("sentence, value, target", [
    (f"{FWD}件申请结转至2025年继续办理。", FWD, FORWARD),
    (f"另有{FWD}件结转到2025年度答复。", FWD, FORWARD),
    (f"{FWD}件因需征求第三方意见延期至2025年答复。", FWD, FORWARD),
    (f"2024年结转至2025年的申请{FWD}件。", FWD, FORWARD),
    (f"2023年结转的申请{OVER}件。", OVER, CARRIED),
    (f"由2023年结转至本年度办理的申请{OVER}件。", OVER, CARRIED),
    (f"2023年结转至2024年办理的申请{OVER}件。", OVER, CARRIED),
    (f"上年度结转至本年度办理的申请{OVER}件。", OVER, CARRIED),
])
def test_claims_grammar_carry_over_with_a_year(sentence, value, target):
    c = _one(sentence, year=2024)
    assert (c.value, c.target, c.verdict) == (value, target, "match")


@pytest.mark.parametrize("sentence, year", [
    ("2件申请结转至2026年办理。", 2024),   # neither the report year nor the next
    ("2件申请结转至2025年继续办理。", None),  # the report year unknown
    ("2023年结转的申请1件。", None),
])
def test_claims_grammar_unsure_carry_over_stays_unverifiable_with_a_reason(sentence, year):
    c = _one(sentence, year=year)
    assert c.target is None and c.verdict == "unverifiable"
    assert c.link == "t3.carry_year" and "not certain" in c.to_dict()["reason"]


def test_claims_grammar_rewrite_years_keeps_offsets_exact():
    text = "其中2件申请结转至\n2025年继续办理。"
    norm, offs = normalize_narrative(text)
    new, noffs = rewrite_years(norm, offs, year=2024)
    assert new == "其中2件申请结转下年度继续办理。"
    assert len(noffs) == len(new) + 1
    assert text[noffs[new.index("继")]] == "继"
    assert rewrite_years(norm, offs, year=None)[0] == f"其中2件申请{UNSURE_MARK}继续办理。"


# ----------------------------------------------------------------------------- negatives

@pytest.mark.parametrize("sentence", [
    "2024年，本局共收到人大代表建议和政协委员提案15件。",   # not an information request
    "全年共召开新闻发布会12场，发布政策解读文章40篇。",
    "全年共收到群众来信30件，均已办结。",
    "全年共受理政务服务事项办件12000件。",
    "全年依申请公开政府信息300件。",   # no head verb: which quantity it counts is not said
])
def test_claims_grammar_counts_not_in_the_tables_stay_unlinked(sentence):
    assert all(c.target is None for c in _claims(sentence))


def test_claims_grammar_year_is_not_a_count():
    cs = _claims("2024年共收到政府信息公开申请，2025年将继续做好答复工作。")
    assert cs == []
    assert [n.value for n in extract_numbers("2023年结转至2024年办理")] == []


def test_claims_grammar_count_phrase_needs_noun_and_head_verb():
    assert count_phrase("全年共办结上年结转和本年新收的申请") == (3, "办结政府信息公开申请")
    assert count_phrase("全年依申请公开政府信息") is None
    assert count_phrase("上年度结转至本年度办理的申请") is None
    assert count_phrase("全年共召开新闻发布会") is None


def test_claims_grammar_skip_parenthetical():
    t = "信息公开申请(含网上申请)12件"
    assert skip_parenthetical(t, t.index("12"), 0) == t.index("(")
    assert skip_parenthetical(t, t.index("申"), 0) == t.index("申")


# ----------------------------------------------------------------------------- wraps, footers, form feeds

@pytest.mark.parametrize("footer", ["- 3 -", "— 3 —", "第 3 页", "第3页 共8页", "－３－"])
def test_claims_wraps_footer_between_verb_and_count(footer):
    text = f"全年共收到政府信息公开申请{NEW}\n{footer}\n\f件，办\n{footer}\n\f结{DONE}件。"
    cs = _claims(text)
    assert [(c.value, c.target, c.verdict) for c in cs] == [(NEW, RECEIVED, "match"),
                                                           (DONE, PROCESSED, "match")]
    for c in cs:
        assert text[c.start:c.end] == c.quote


def test_claims_wraps_footer_only_on_a_line_of_its_own():
    # a dash or 第…页 inside a line is text, not a footer
    assert normalize_narrative("年- 3 -件")[0] == "年-3-件"
    assert normalize_narrative("见第3页所列")[0] == "见第3页所列"
    assert normalize_narrative("复议351\n- 1 -\n\f件")[0] == "复议351件"


def test_claims_wraps_table_sections_read_across_a_footer():
    text = "因政府信息公开申请行政复议2\n第 2 页 共 5 页\n\f件。"
    cs = claims_from_parts(text, [Section("appeals", None, text, 0, len(text))], _tables(),
                           template="2021", year=2024)
    assert [(c.value, c.target) for c in cs] == [(2, "table4.review.total")]
