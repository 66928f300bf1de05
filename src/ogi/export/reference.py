"""Reference parts of the codebook: topic definitions with examples, finding rules, severities.

The topics come from :data:`ogi.nlp.taxonomy.TOPIC_LABELS`; each topic's two examples are the
first labelled statements of the shipped label set (``resources/nlp/labels/synthetic.jsonl``)
whose main topic it is, one of kind ``problem`` and one of kind ``improvement`` where the set
has both.  :data:`RULES` names every rule a finding can carry (the template spec's identities,
the parser's structure notes, the checks, the cross-year checks); a test keeps it complete
against the code and the spec.
"""

from __future__ import annotations

import json

__all__ = ["RULES", "SEVERITIES", "reference_sections", "topic_examples"]

#: What each severity of a finding means.
SEVERITIES: dict[str, str] = {
    "error": "an accounting identity of the printed numbers fails (or a required part is missing): "
             "the report contradicts itself; use its numbers with care",
    "uncertain": "an identity cannot be decided because a cell it needs is blank or unreadable",
    "warning": "worth a look: an ambiguous cell (digits run together with several readings), a "
               "structure the parser had to work around, a cross-year break, a claim the tables contradict",
    "info": "a note that changes no number's trust (e.g. an amount converted between 元 and 万元)",
}

#: rule id → (severities it can have, where it comes from, what it checks).
RULES: dict[str, tuple[str, str, str]] = {
    "T3-ID": ("error, uncertain", "template spec", "table 三, per applicant column: 本年新收 + 上年结转 "
              "== 办理结果总计 + 结转下年度继续办理"),
    "T3-ROWSUM": ("error, uncertain", "template spec", "table 三, per row: 总计 == the sum of the applicant columns"),
    "T3-RESULTS": ("error, uncertain", "template spec", "table 三, per column: 总计 of the results == the sum "
                   "of the leaf result rows"),
    "T4-BLOCK": ("error, uncertain", "template spec", "table 四, per block (复议, 诉讼 …): 总计 == 维持 + 纠正 + "
                 "其他结果 + 尚未审结"),
    "XYEAR-CARRY": ("warning", "template spec, cross-year (ogi process)", "上年结转 of year Y == 结转下年度继续办理 "
                    "of year Y-1 of the same agency_id"),
    "T2-INFORCE": ("warning", "template spec, cross-year (ogi process)", "2021 table 二: 现行有效件数(Y) ≈ "
                   "现行有效件数(Y-1) + 本年制发 - 本年废止 of the same agency_id"),
    "NONNEG": ("error", "template spec", "a count is negative or not an integer (2019 本年增/减 may be negative; "
               "amounts in 万元 may be decimal)"),
    "EMPTY-CELLS": ("warning", "checks", "cells of the tables printed blank"),
    "AMBIGUOUS-CELL": ("warning", "parser", "digits run together with more than one reading that keeps the "
                       "identities; the cell is left null"),
    "STRUCT-SECTIONS": ("error", "parser", "the six sections of the national format are not all headed"),
    "STRUCT-T2": ("error, warning", "parser", "table 二 not found, or a row whose cells could not be read"),
    "STRUCT-T3-ROWS": ("error, warning", "parser", "table 三 not found, rows missing, or a row whose cells "
                       "could not be read"),
    "STRUCT-T4": ("error, warning", "parser", "table 四 not found, its header or numbers missing, or its "
                  "cells could not be read"),
    "UNIT": ("info", "parser", "an amount of table 二 printed in another unit than the template's (converted) "
             "or without a unit (kept as printed)"),
    "TEMPLATE-PRE2019": ("info", "parser", "a report in the format used before 2019: no national-format tables"),
    "TEMPLATE-UNKNOWN": ("warning", "parser", "no national-format tables and no older report structure"),
    "TEXT-LINK": ("warning", "claims", "a number the narrative states contradicts the table cell it names"),
}
#: Template-spec rules the code does not emit, and why.
SPEC_ONLY: dict[str, str] = {
    "T2-ITEMS": "2019 table 二: 上年项目数(Y) + 本年增/减(Y) == 上年项目数(Y+1); not checked by the code yet",
}


def topic_examples() -> dict[str, list[str]]:
    """Topic key → up to two example statements (a problem, then an improvement) from the shipped labels."""
    found: dict[str, dict[str, str]] = {}
    from ogi.training.labels import LABELS_DIR

    for line in (LABELS_DIR / "synthetic.jsonl").read_text(encoding="utf-8").splitlines():
        for s in json.loads(line).get("statements", []) if line.strip() else []:
            if s.get("topics"):
                found.setdefault(s["topics"][0], {}).setdefault(s.get("kind", ""), s["text"])
    return {t: [k[kind] for kind in ("problem", "improvement") if kind in k][:2] or list(k.values())[:2]
            for t, k in found.items()}


def _esc(text: str) -> str:
    return text.replace("|", "\\|")


def reference_sections() -> list[str]:
    """Markdown lines of the topic, rule and severity sections of ``docs/codebook.md``."""
    from ogi.nlp.taxonomy import TOPIC_LABELS

    ex = topic_examples()
    lines = ["## Topics of statements (`statements.topics`, `tp_*` columns)", "",
             "| topic | 中文 | meaning | example 1 | example 2 |", "|---|---|---|---|---|"]
    for lab in TOPIC_LABELS:
        two = (ex.get(lab.key, []) + ["", ""])[:2]
        lines.append("| " + " | ".join(_esc(x) for x in [lab.key, lab.name, lab.meaning, *two]) + " |")
    lines += ["", "## Finding rules (`findings.rule`)", "", "| rule | severities | from | checks |",
              "|---|---|---|---|"]
    lines += [f"| {r} | {sev} | {src} | {_esc(what)} |" for r, (sev, src, what) in RULES.items()]
    lines += ["", "Rules of the template spec that no finding carries:", ""]
    lines += [f"- `{r}`: {why}" for r, why in SPEC_ONLY.items()]
    lines += ["", "## Severities (`findings.severity`, `f_*` columns)", "", "| severity | meaning |", "|---|---|"]
    lines += [f"| {s} | {_esc(m)} |" for s, m in SEVERITIES.items()]
    return lines + [""]
