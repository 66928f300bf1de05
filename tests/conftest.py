"""Shared fixtures: the dev corpus (skipped when absent) and a small report builder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ogi.paths import DEV_CORPUS_DIR
from ogi.spec import T3_COLUMNS, template

# --------------------------------------------------------------------------- dev corpus


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    if not (DEV_CORPUS_DIR / "gold").is_dir():
        pytest.skip(f"development corpus not found at {DEV_CORPUS_DIR}")
    return DEV_CORPUS_DIR


def dev_gold_files() -> list[Path]:
    g = DEV_CORPUS_DIR / "gold"
    return sorted(g.glob("*.json")) if g.is_dir() else []


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- report builder

# row labels as printed come from the template spec (ogi.template); the expected values of the
# tests stay hand-made (consistent_table3 and the tests' own numbers), not read from the parser
GROUP_BEFORE = {"granted": "三、本年度办理结果", "denied_state_secret": "（三）不予公开",
                "unable_not_held": "（四）无法提供", "np_petition": "（五）不予处理",
                "other_no_correction": "（六）其他处理"}


def consistent_table3(version: str = "2021", seed: int = 1) -> dict[str, tuple]:
    """Rows of a table 三 that satisfy every identity."""
    import random

    rnd = random.Random(seed)
    tpl = template(version)
    leaf = list(tpl.table3_leaf_rows)
    rows: dict[str, list[int]] = {k: [0] * 6 for k in tpl.table3_rows}
    for k in leaf:
        if rnd.random() < 0.4:
            rows[k][0] = rnd.choice([1, 2, 3, 12, 45, 217])
            if rnd.random() < 0.3:
                rows[k][1] = rnd.choice([1, 2, 7])
    for j in range(6):
        rows["result_total"][j] = sum(rows[k][j] for k in leaf)
    rows["carried_forward"][0] = 2
    rows["carried_over"][0] = 1
    for j in range(6):
        rows["new_received"][j] = rows["result_total"][j] + rows["carried_forward"][j] - rows["carried_over"][j]
    return {k: tuple(v) + (sum(v),) for k, v in rows.items()}


def build_report(layout: str = "pipe", *, version: str = "2021", t3: dict | None = None,
                 t4: tuple | None = None, mask_labels: tuple[str, ...] = (),
                 title: str = "某某市某某局2024年政府信息公开工作年度报告") -> str:
    """A small report with the six sections and tables 二/三/四 in ``layout``.

    layouts: pipe (cells joined by ' | '), tab, markdown, space (PDF text), flat (no separators,
    the body on one line).
    """
    t3 = t3 or consistent_table3(version)
    t4 = t4 or (1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 3, 1, 0, 0, 4)
    tpl = template(version)
    sep = {"pipe": " | ", "tab": "\t", "markdown": " | ", "space": " ", "flat": ""}[layout]

    def row(cells: list[str]) -> str:
        line = sep.join(cells)
        return f"| {line} |" if layout == "markdown" else line

    lines = [title, "本报告根据《中华人民共和国政府信息公开条例》编制。", "一、总体情况",
             "2024年，本机关认真落实政府信息公开工作要求。全年共收到政府信息公开申请"
             f"{t3['new_received'][6]}件。", "二、主动公开政府信息情况"]
    t2rows: list[list[str]] = []
    if version == "2021":
        t2rows += [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                   ["规章", "0", "0", "2"], ["行政规范性文件", "5", "1", "40"],
                   ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "2149"],
                   ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", "48"], ["行政强制", "0"],
                   ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "12.5"]]
    else:
        t2rows += [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                   ["规章", "1", "1", "9"], ["规范性文件", "5", "5", "40"],
                   ["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                   ["行政许可", "30", "-2", "100"], ["其他对外管理服务事项", "3", "0", "8"],
                   ["第二十条第（六）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                   ["行政处罚", "10", "1", "20"], ["行政强制", "0", "0", "0"],
                   ["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"], ["行政事业性收费", "4", "0"],
                   ["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"], ["政府集中采购", "6", "251000元"]]
    if layout == "markdown":
        lines.append(row(["信息内容", "", "", ""]))
        lines.append("|---|---|---|---|")
    lines += [row(r) for r in t2rows]
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.append(row(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]))
    lines.append(row(["自然人", "法人或其他组织", "总计"]))
    lines.append(row(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]))
    for k in tpl.table3_rows:
        label = tpl.table3_row(k).label
        if k in mask_labels:
            label = label[:2] + "****" + label[-4:]
        cells = [str(v) for v in t3[k]]
        pre = []
        if k in GROUP_BEFORE and not (k == "other_no_correction" and version == "2019"):
            pre = [GROUP_BEFORE[k]]
        if k == "other_handling" and version == "2019":
            pre = []
        lines.append(row(pre + [label] + cells))
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.append(row(["行政复议", "行政诉讼"]))
    lines.append(row(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]))
    lines.append(row(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2))
    lines.append(row([str(v) for v in t4]))
    lines += ["五、存在的主要问题及改进情况", "（一）主要问题",
              "一是业务能力还有待进一步提升。二是信息公开的及时性还需加强。",
              "（二）改进情况", "一是加强业务培训，提高工作效率。二是完善工作制度，建立长效机制。",
              "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    if layout == "flat":
        return lines[0] + "\n" + "".join(lines[1:])
    return "\n".join(lines)


def table3_expected(t3: dict, version: str = "2021") -> dict:
    return {f"{k}.{c}": t3[k][j] for k in template(version).table3_rows for j, c in enumerate(T3_COLUMNS)}


def assert_same_tables(a: Path, b: Path) -> None:
    """The corpus tables (Parquet) of two processed folders are equal."""
    import pandas as pd

    from ogi.dataset import TABLES

    for t in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(a / f"{t}.parquet"), pd.read_parquet(b / f"{t}.parquet"),
                                      check_dtype=False, obj=t)


# --------------------------------------------------------------------------- a fake template version

#: The fake version 2027: the 2021 format with one table-三 row renamed and two signals of its own.
LABEL_2027 = "3.要求提供出版物或资料汇编"
LABEL_2021 = "3.要求提供公开出版物"
SIGNALS_2027 = ["资料汇编", "年度报告格式（2027）"]


def fake_spec_2027(tmp_path: Path) -> Path:
    """A spec with a version 2027: the 2021 format with a renamed row label and its own signals."""
    import copy

    from ogi.template import raw_spec

    raw = copy.deepcopy(raw_spec())
    v27 = copy.deepcopy(raw["versions"]["2021"])
    v27["first_report_year"] = 2027
    v27["detection_signals"] = [*v27["detection_signals"], *SIGNALS_2027]
    for row in v27["table3"]["rows"]:
        if row["key"] == "np_publication":
            row["label"] = LABEL_2027
            row["label_patterns"] = ["要求提供出版物或资料汇编|资料汇编"]
    raw["versions"]["2027"] = v27
    path = tmp_path / "spec-2027.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path
