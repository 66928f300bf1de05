"""Corpus measures on a small synthetic corpus with known truth (agencies × years × layouts)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ogi.analysis import (
    appeals,
    applicant_mix,
    boilerplate,
    carry_over,
    cell_quality,
    claim_verdicts,
    denial_reasons,
    fit_topics,
    identity_violations,
    load_dataset,
    measures,
    narrative_length,
    near_duplicates,
    outcome_shares,
    pairing_matrix,
    pairing_summary,
    request_volume,
    statement_counts,
    topic_prevalence,
    violation_rates,
)
from ogi.analysis.sample_corpus import build, plan
from ogi.analysis.specificity import specificity, specificity_summary
from ogi.errors import UsageError

YEARS = (2020, 2021, 2022)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    build(out, years=YEARS)
    return out


@pytest.fixture(scope="session")
def data(corpus_dir):
    return load_dataset(corpus_dir)


@pytest.fixture(scope="session")
def truth(corpus_dir):
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((corpus_dir / "gold").glob("*.json"))}


def test_sample_corpus_plan_covers_agencies_years_templates():
    rows = plan()
    assert len(rows) == 252
    assert len({r["agency"] for r in rows}) == 36
    assert {r["template"] for r in rows} == {"2019", "2021"}
    assert {r["layout"] for r in rows} == {"pipe", "flat", "tab", "markdown", "html"}
    assert any(r["mask"] for r in rows) and any(r["violations"] for r in rows)


def test_sample_corpus_build_is_reproducible(tmp_path):
    a = build(tmp_path / "a", years=(2021,))
    b = build(tmp_path / "b", years=(2021,))
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_load_dataset_parses_a_folder_of_reports(data):
    assert set(data) == {"reports", "sections", "cells", "findings", "statements", "claims", "errors"}
    assert len(data["reports"]) == 36 * len(YEARS)
    assert data["reports"]["path"].is_monotonic_increasing


def test_load_dataset_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="dataset not found"):
        load_dataset(tmp_path / "nowhere")


def test_load_dataset_reads_parquet_tables(data, tmp_path):
    for t, df in data.items():
        df.to_parquet(tmp_path / f"{t}.parquet")
    again = load_dataset(tmp_path)
    pd.testing.assert_frame_equal(again["cells"], data["cells"])
    pd.testing.assert_frame_equal(outcome_shares(again), outcome_shares(data))


def test_outcome_shares_sum_to_one_per_year_and_match_truth(data, truth):
    o = outcome_shares(data, by="year")
    assert list(o.columns) == ["year", "outcome", "label", "count", "share", "n", "n_excluded", "excluded"]
    assert sorted(o["year"].unique()) == list(YEARS)
    assert o.groupby("year")["share"].sum().round(9).eq(1).all()
    assert list(o["label"].head(6)) == ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    # granted requests equal the truth where the parser read every cell
    granted = sum((g["tables"]["table3"]["granted"]["total"] or 0) for g in truth.values())
    assert o[o["outcome"] == "granted"]["count"].sum() == pytest.approx(granted, rel=0.02)


@pytest.mark.parametrize("by", [None, "year", "template", "format"])
def test_grouped_measures_have_one_block_per_group(data, by):
    key = by or "group"
    n_groups = 1 if by is None else data["reports"][by].nunique()
    assert applicant_mix(data, by=by)[key].nunique() == n_groups
    assert appeals(data, by=by)[key].nunique() == n_groups
    assert carry_over(data, by=by)[key].nunique() == n_groups


def test_bad_grouping_names_the_valid_values(data):
    with pytest.raises(UsageError, match="valid values"):
        outcome_shares(data, by="colour")


def test_applicant_mix_natural_person_first(data):
    a = applicant_mix(data, by=None)
    assert a["label"].tolist() == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他组织"]
    assert a["share"].sum() == pytest.approx(1)


def test_denial_reasons_and_appeals_rates_are_proportions(data):
    d = denial_reasons(data)
    assert len(d) == 8 and d["share"].sum() == pytest.approx(1)
    ap = appeals(data, by="year")
    rates = ap[["review_correction_rate", "litigation_correction_rate"]].stack()
    assert rates.between(0, 1).all()


def test_identity_violations_find_planted_violations(data, truth):
    v = identity_violations(data)
    planted = {g["file"] for g in truth.values() if g["expected_findings"]}
    flagged = set(data["reports"].set_index("report_id").loc[v[v["flag"]]["report_id"], "path"])
    assert planted and len(planted & flagged) >= 0.8 * len(planted)
    rates = violation_rates(data, by="year")
    assert (rates["low"] <= rates["rate"]).all() and (rates["rate"] <= rates["high"]).all()


def test_cell_quality_counts_blank_cells(data):
    q = cell_quality(data)
    assert q.loc[0, "cells"] == len(data["cells"])
    assert q.loc[0, "blank"] > 0


def test_claim_verdicts_lists_every_verdict_even_without_claims(data):
    empty = dict(data, claims=data["claims"].iloc[0:0])
    c = claim_verdicts(empty)
    assert c["verdict"].tolist() == list(measures.VERDICTS)
    assert c["count"].sum() == 0


def test_narrative_length_and_volume_one_row_per_report(data):
    n = narrative_length(data)
    assert len(n) == len(data["reports"]) and (n["narrative_chars"] > 100).all()
    v = request_volume(data)
    assert (v["new_received"] >= 0).all()


def test_self_criticism_measures(data):
    s = statement_counts(data)
    assert (s["problem"] > 0).mean() > 0.9
    tp = topic_prevalence(data, kind="problem")
    assert tp["report_share"].between(0, 1).all() and tp["statements"].sum() > 0
    m = pairing_matrix(data)
    assert m.index[-1] == "(no problem)" and m.columns[-1] == "(no measure)"
    ps = pairing_summary(data)
    assert ps.loc[0, "problems"] == (data["statements"]["kind"] == "problem").sum()
    assert m.iloc[:-1].to_numpy().sum() == ps.loc[0, "problems"]


@pytest.mark.parametrize("text, specific", [
    ("一是业务能力还有待进一步提升。", False),
    ("（二）政策解读形式较为单一", False),
    ("2024年修订《政府信息公开指南》", True),
    ("全年举办培训3次", True),
    ("依托青川县人民政府门户网站集中发布", True),
])
def test_specificity_rows(text, specific):
    assert specificity(text)["specific"] is specific


def test_specificity_summary_by_kind(data):
    s = specificity_summary(data)
    assert set(s["kind"]) <= {"problem", "improvement", "other"}
    assert s["specific_share"].between(0, 1).all()


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_topic_model_terms_and_crosstab(data, method):
    tm = fit_topics(data, n_topics=5, method=method, top_n=6)
    assert sorted(tm.terms["topic"].unique()) == [0, 1, 2, 3, 4]
    assert tm.terms.groupby("topic").size().eq(6).all()
    assert tm.crosstab.to_numpy().sum() == len(tm.assignments)
    again = fit_topics(data, n_topics=5, method=method, top_n=6)
    assert again.terms.equals(tm.terms)


def test_topic_model_rejects_bad_options(data):
    with pytest.raises(UsageError):
        fit_topics(data, method="kmeans")
    with pytest.raises(UsageError):
        fit_topics(data, n_topics=1)


@pytest.mark.parametrize("text, template", [
    ("五、存在的主要问题及改进情况", True),
    ("（一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3", True),
    ("一是业务能力还有待进一步提升，对条例的理解还不够准确。", False),
])
def test_template_text_is_excluded(text, template):
    assert boilerplate.is_template_text(text) is template


@pytest.mark.parametrize("unit", ["statement", "paragraph"])
def test_near_duplicates_across_agencies_and_years(data, unit):
    d = near_duplicates(data, unit=unit)
    assert len(d) > 0
    assert d["sim_other_agency"].dropna().between(0, 1 + 1e-9).all()
    assert not d["text"].map(boilerplate.is_template_text).any()
    # the generator draws from one phrase bank: most statements recur in another agency
    assert d["boilerplate_agency"].mean() > 0.5
    s = boilerplate.boilerplate_summary(d, by="year")
    assert s["year"].tolist() == list(YEARS)


def test_near_duplicates_of_one_report_has_nothing_to_compare(data):
    rid = data["reports"]["report_id"].iloc[0]
    one = {t: (df[df["report_id"] == rid] if "report_id" in df else df) for t, df in data.items()}
    d = near_duplicates(one)
    assert d["sim_other_agency"].isna().all()


def test_shipped_sample_corpus_equals_a_fresh_build(tmp_path):
    from ogi.paths import SAMPLE_DIR

    shipped = SAMPLE_DIR / "synthetic"
    if not shipped.is_dir():
        pytest.skip("corpora/sample/synthetic is not in this checkout")
    fresh = build(tmp_path)
    assert sorted(p.name for p in shipped.iterdir() if p.is_file()) == sorted(p.name for p in fresh)
    for p in fresh:
        assert (shipped / p.name).read_bytes() == p.read_bytes(), p.name
        gold = f"gold/{p.stem}.json"
        assert (shipped / gold).read_bytes() == (tmp_path / gold).read_bytes(), gold
    size = sum(p.stat().st_size for p in shipped.rglob("*") if p.is_file())
    assert size < 5_000_000
