"""The damage suite: each damage does what it says, keeps its gold valid, is deterministic, scores."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

import ogi
from conftest import dev_gold_files, load_gold
from ogi.document import Document, Paragraph, Table
from ogi.errors import ParseError, UsageError
from ogi.evaluate import evaluate
from ogi.paths import CORPORA_DIR
from ogi.perturb import (
    DAMAGES,
    METRICS,
    TOLERANCE,
    VARIANTS,
    damage_document,
    evaluate_perturbed,
    perturb_text,
    render_one_paragraph,
)
from ogi.perturb._doc import flat, splice, squash
from ogi.perturb._locate import MASK_RUN, find_headings, is_number, problems_region
from ogi.perturb.cli import main

SAMPLE = CORPORA_DIR / "sample"
SAMPLE_GOLD = SAMPLE / "gold"
SEED = SAMPLE / "seed-2024-masked.txt"
_FOOTER = re.compile(r"^\f?\s*(?:[-－]\s*[\d０-９]+\s*[-－]|第\s*[\d０-９]+\s*页\s*共\s*[\d０-９]+\s*页)\s*$")


def _sample_cases() -> list[tuple[Document, dict]]:
    out = []
    for g in sorted(SAMPLE_GOLD.glob("*.json")):
        gold = load_gold(g)
        out.append((ogi.read(SAMPLE / gold["file"]), gold))
    return out


@pytest.fixture(scope="module")
def sample_cases() -> list[tuple[Document, dict]]:
    return _sample_cases()


def _plain(text: str) -> str:
    """The text without page footers and form feeds, NFKC-folded (full width to ASCII)."""
    lines = [x for x in text.replace("\f", "\n").split("\n") if not _FOOTER.match(x)]
    return unicodedata.normalize("NFKC", "\n".join(lines))


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", _plain(text))


def _holds(needle: str, doc: Document) -> bool:
    return squash(needle) in squash("\n".join(x for x in doc.text.replace("\f", "\n").split("\n")
                                              if not _FOOTER.match(x)))


def _outside_five(doc: Document, gold: dict) -> str:
    region = problems_region(doc, find_headings(doc, gold["sections"]), flat(doc), gold.get("problems_text"))
    return doc.text if region is None else doc.text[:region[0]] + "\n" + doc.text[region[1]:]


def _cell_numbers(doc: Document) -> list[str]:
    cells = [unicodedata.normalize("NFKC", c.text).strip("\f \n") for t in doc.tables for row in t.rows
             for c in row]
    return [c for c in cells if is_number(c) and not _FOOTER.match(c)]


def _gold_still_valid(doc: Document, gold: dict, out: Document, g: dict, damage: str) -> None:
    """Every gold text the clean copy holds is held by the damaged copy; numbers never change."""
    assert g["tables"] == gold["tables"] and g.get("uncertain_cells") == gold.get("uncertain_cells")
    assert [(c["value"], c.get("target")) for c in g.get("claims") or []] == \
        [(c["value"], c.get("target")) for c in gold.get("claims") or []]
    pairs = [(gold.get("problems_text") or "", g.get("problems_text") or "")]
    pairs += [(a["text"], b["text"]) for a, b in zip(gold.get("statements") or [], g.get("statements") or [])]
    pairs += [(a.get("quote") or "", b.get("quote") or "") for a, b in zip(gold.get("claims") or [],
                                                                           g.get("claims") or [])]
    for before, after in pairs:
        if before and _holds(before, doc):
            assert _holds(after, out), f"{damage}: gold text no longer in the copy: {after[:40]}"
    assert _cell_numbers(doc) == _cell_numbers(out), f"{damage} changed a table cell's number"
    if damage == "problems_one_paragraph":
        assert _numbers(_outside_five(doc, gold)) == _numbers(_outside_five(out, g))
    elif damage != "combined":
        assert _numbers(doc.text) == _numbers(out.text), f"{damage} changed a number"


# --------------------------------------------------------------------------- what each damage does


def _heading_texts(doc: Document, gold: dict | None) -> list[str]:
    return [h.text(doc) for h in find_headings(doc, None if gold is None else gold["sections"])]


def _check_mask_headings(doc, gold, out, g):
    heads = find_headings(doc, gold["sections"])
    before = [h.text(doc) for h in heads if not MASK_RUN.search(h.text(doc))]
    assert len(MASK_RUN.findall(out.text)) == len(MASK_RUN.findall(doc.text)) + len(before)
    assert not any(t in out.text for t in before)
    if all(h.whole for h in heads):  # a heading on its own line is still found by its surviving wording
        after = _heading_texts(out, g)
        assert len(after) == len(heads) and all(MASK_RUN.search(t) for t in after)


def _check_mask_some_headings(doc, gold, out, g):
    fresh = [t for t in _heading_texts(doc, gold) if not MASK_RUN.search(t)]
    assert len(MASK_RUN.findall(out.text)) == len(MASK_RUN.findall(doc.text)) + min(2, len(fresh))
    assert sum(t not in out.text for t in fresh) == min(2, len(fresh))


def _stat_cells(doc: Document) -> list[str]:
    """Cells of rows with more than one cell (PDF readers put narrative lines in one-cell rows)."""
    return [c.text for t in doc.tables for row in t.rows if len(row) > 1 for c in row]


def _table_cells(doc: Document) -> list[str]:
    return [c.text for t in doc.tables for row in t.rows for c in row]


def _check_mask_row_labels(doc, gold, out, g):
    added = len(MASK_RUN.findall(out.text)) - len(MASK_RUN.findall(doc.text))
    assert added >= 3
    # narrative is untouched: only table cells and labels split off into short lines change
    if doc.tables:
        changed = [a.text for a, b in zip(doc.paragraphs, out.paragraphs) if a.text != b.text]
        assert len(doc.paragraphs) == len(out.paragraphs) and all(len(t) <= 45 for t in changed)


def _check_mask_narrative(doc, gold, out, g):
    assert len(MASK_RUN.findall(out.text)) > len(MASK_RUN.findall(doc.text))
    assert _stat_cells(doc) == _stat_cells(out), "narrative masks never touch a statistical table"
    if gold.get("agency"):  # hidden everywhere but in the sentence of a claim, which stays as printed
        quotes = [squash(c["quote"]) for c in gold.get("claims") or [] if c.get("quote")]
        for sentence in re.split(r"[。；;！!？?\n]", out.text):
            if not any(q in squash(sentence) for q in quotes):
                assert squash(gold["agency"]) not in squash(sentence)
    for c in gold.get("claims") or []:
        m = re.search(r"\s*".join(map(re.escape, squash(c.get("quote") or ""))), doc.text)
        if c.get("quote") and m:  # the quote and the words before it in its sentence stay
            start = max([m.start() - 20] + [doc.text.rfind(p, 0, m.start()) + 1 for p in "。；\n"])
            assert _holds(doc.text[start:m.end()], out), "a claim's sentence is never masked"


def _check_lose_problems_heading(doc, gold, out, g):
    assert "problems" in [h.key for h in find_headings(doc, gold["sections"])]
    assert "problems" not in [h.key for h in find_headings(out, None)]
    assert "problems" not in g["sections"] and len(g["sections"]) == len(gold["sections"]) - 1
    assert g["problems_text"] == gold["problems_text"]


def _check_problems_one_paragraph(doc, gold, out, g):
    region = problems_region(out, find_headings(out, g["sections"]), flat(out), g["problems_text"])
    assert region is not None
    body = out.text[region[0]:region[1]]
    assert "\n" not in body and squash(body) == squash(g["problems_text"])
    assert not re.search(r"[（(][一二][）)](?:主要问题|改进)", body), "sub-headings are joined away"
    for s in g["statements"]:
        assert s["text"] in body
    assert [(s["kind"], s["topics"]) for s in g["statements"]] == \
        [(s["kind"], s["topics"]) for s in gold["statements"]]


def _check_pdf_wraps(doc, gold, out, g):
    lines = out.text.replace("\f", "\n").split("\n")
    assert any(_FOOTER.match(x) for x in lines) and "\f" in out.text
    assert max(len(p.text) for p in out.paragraphs) <= 48
    assert _table_cells(doc) == [c.replace("\n", "").lstrip("\f") for c in _table_cells(out)
                                 if not _FOOTER.match(c)]


def _check_fullwidth_digits(doc, gold, out, g):
    assert not re.search(r"[0-9]", out.text) and re.search(r"[０-９]", out.text)
    assert not re.search(r"[0-9]", g["problems_text"] + "".join(s["text"] for s in g["statements"]))
    assert unicodedata.normalize("NFKC", out.text) == unicodedata.normalize("NFKC", doc.text)


def _check_combined(doc, gold, out, g):
    assert MASK_RUN.search(out.text) and "\f" in out.text and not re.search(r"[0-9]", out.text)


CHECKS = {
    "mask_headings": _check_mask_headings,
    "mask_some_headings": _check_mask_some_headings,
    "mask_row_labels": _check_mask_row_labels,
    "mask_narrative": _check_mask_narrative,
    "lose_problems_heading": _check_lose_problems_heading,
    "problems_one_paragraph": _check_problems_one_paragraph,
    "pdf_wraps": _check_pdf_wraps,
    "fullwidth_digits": _check_fullwidth_digits,
    "combined": _check_combined,
}


def test_perturb_every_damage_has_a_check():
    assert set(CHECKS) == set(DAMAGES)


@pytest.mark.parametrize("damage", DAMAGES)
def test_perturb_damage_on_sample(sample_cases, damage):
    for doc, gold in sample_cases:
        text = doc.text
        d = damage_document(doc, damage, gold=gold, seed=0)
        assert doc.text == text, "the caller's document is not changed"
        assert d.changed and d.document.text != doc.text, f"{damage} did nothing to {gold['file']}"
        CHECKS[damage](doc, gold, d.document, d.gold)
        _gold_still_valid(doc, gold, d.document, d.gold, damage)


@pytest.mark.parametrize("damage", DAMAGES)
def test_perturb_damage_is_deterministic(sample_cases, damage):
    doc, gold = sample_cases[0]
    a = damage_document(doc, damage, gold=gold, seed=3)
    b = damage_document(ogi.read(doc.path), damage, gold=gold, seed=3)
    assert a.document.text == b.document.text and a.document.sha256 == b.document.sha256
    assert a.gold == b.gold


def test_perturb_seed_changes_the_damage(sample_cases):
    doc, gold = sample_cases[0]
    texts = {damage_document(doc, "mask_narrative", gold=gold, seed=s).document.text for s in range(4)}
    assert len(texts) == 4


def test_perturb_mask_headings_uses_every_place():
    doc = ogi.read(SAMPLE / "synth-2021-tab-2028.txt")
    out = damage_document(doc, "mask_headings").document
    places = set()
    for h in find_headings(out):
        t = h.text(out)
        m = MASK_RUN.search(t)
        assert m
        places.add("numeral" if m.start() == 0 else "end" if m.end() == len(t)
                   else "neighbour" if m.start() == 1 else "middle")
    assert places == {"numeral", "end", "neighbour", "middle"}


def test_perturb_seed_report_without_gold():
    text = SEED.read_text(encoding="utf-8")
    for damage in DAMAGES:
        out = perturb_text(text, damage, seed=0)
        assert out != text
        assert _numbers(text) == _numbers(out) or damage in ("problems_one_paragraph", "combined")
    one = perturb_text(text, "problems_one_paragraph")
    assert "（二）改进情况" not in one and "(二)改进情况" not in one
    body = one[one.index("五、存在的主要问题及改进情况") + 14:one.index("六、其他需要报告的事项")].strip()
    assert "\n" not in body and "业务能力还有待进一步提升" in body and "强化工作监督" in body


@pytest.mark.parametrize("variant, shows, lacks", [
    ("numbered_next", ["存在一些问题：一是A；二是B。", "下一步，将重点做好以下工作：一是C。二是D。"], ["主要是"]),
    ("numbered_measures", ["存在的主要问题：一是A；二是B。", "改进措施：针对上述问题，一是C；二是D。"], ["下一步"]),
    ("comma_list", ["主要是：A，B等。", "下一步，将C；D。"], ["一是"]),
    ("ru_list", ["如A；B等。", "下一步，将重点做好以下工作：一是C；二是D。"], ["主要是"]),
])
def test_perturb_one_paragraph_variants(variant, shows, lacks):
    stmts = [{"text": "（一）A。", "kind": "problem"}, {"text": "二是B；", "kind": "problem"},
             {"text": "1.C", "kind": "improvement"}, {"text": "D。", "kind": "improvement"}]
    text, texts = render_one_paragraph(stmts, variant)
    assert all(s in text for s in shows) and not any(s in text for s in lacks)
    assert all(t in text for t in texts)
    assert variant in VARIANTS


def test_perturb_pdf_wraps_puts_footers_inside_a_long_table():
    rows = [[f"第{i}行的标签文字比较长一些", str(i), "0"] for i in range(90)]
    doc = Document.from_blocks([Paragraph("二、主动公开政府信息情况"), Table.from_rows(rows)], fmt="html")
    out = damage_document(doc, "pdf_wraps").document
    (t,) = out.tables
    footers = [r for r in t.rows if len(r) == 1 and _FOOTER.match(r[0].text)]
    assert footers and footers[0][0].colspan == 3
    after = t.rows[t.rows.index(footers[0]) + 1]
    assert after[0].text.startswith("\f")
    assert [r[1].text for r in t.rows if len(r) == 3] == [str(i) for i in range(90)]
    assert any("\n" in r[0].text for r in t.rows)


def test_perturb_splice_keeps_cells_cells():
    rows = [["五、存在的主要问题及改进情况"], ["正文一"], ["正文二"], ["六、其他需要报告的事项"]]
    doc = Document.from_blocks([Paragraph("甲"), Table.from_rows(rows)], fmt="pdf")
    out = splice(doc, doc.text.index("正文一"), doc.text.index("六、"), "一段")
    assert [b.kind for b in out.blocks] == ["paragraph", "table", "paragraph", "table"]
    assert out.text == "甲\n五、存在的主要问题及改进情况\n一段\n六、其他需要报告的事项"
    inline = splice(doc, doc.text.index("正文一"), doc.text.index("正文一") + 2, "新")
    assert [b.kind for b in inline.blocks] == ["paragraph", "table"] and inline.tables[0].rows[1][0].text == "新一"


def test_perturb_unknown_damage_is_a_usage_error():
    with pytest.raises(UsageError, match="valid: mask_headings"):
        perturb_text("一、总体情况", "shuffle")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="unknown damage"):
        evaluate_perturbed(SAMPLE_GOLD, damages=["shuffle"])  # type: ignore[list-item]
    with pytest.raises(UsageError, match="gold folder not found"):
        evaluate_perturbed(SAMPLE / "no-such-gold")


# --------------------------------------------------------------------------- the evaluation


@pytest.fixture(scope="module")
def sample_result() -> dict:
    return evaluate_perturbed(SAMPLE_GOLD, seed=0)


def test_perturb_clean_scores_are_ogi_evaluate_scores(sample_result):
    ref = evaluate(SAMPLE_GOLD)
    clean = sample_result["clean"]["total"]
    assert clean["cells"] == ref["cells"]["accuracy"]
    assert clean["sections"] == ref["sections"]["accuracy"]
    assert clean["template"] == ref["template"]["accuracy"]
    assert clean["problems_text"] == ref["problems_text"]["mean_f1"]
    assert clean["statements_f1"] == ref["statements"]["f1"]
    assert clean["kind_accuracy"] == ref["statements"]["kind_accuracy"]
    assert clean["claims_f1"] == ref["claims"]["f1"]


def test_perturb_result_shape(sample_result):
    assert list(sample_result["damages"]) == list(DAMAGES)
    n = len(list(SAMPLE_GOLD.glob("*.json")))
    for d in sample_result["damages"].values():
        assert d["files"] + len(d["unchanged"]) == n
        assert len(d["reports"]) == d["files"]
        for m in METRICS:
            a, b, diff = d["clean"][m], d["damaged"][m], d["diff"][m]
            if a is not None and b is not None:
                assert diff == pytest.approx(b - a, abs=1e-4)
                assert d["within"][m] is (None if m not in TOLERANCE else diff >= -TOLERANCE[m] - 1e-9)
        assert d["ok"] == all(v is not False for v in d["within"].values())
    # full-width digits change no number and no text a careful reader reads: its gold holds exactly
    fw = sample_result["damages"]["fullwidth_digits"]
    assert fw["clean"]["cells"] is not None


def test_perturb_refused_copy_scores_zero(monkeypatch):
    import ogi.perturb.scoring as scoring

    real = scoring.parse_document

    def refuse(doc, **kw):
        if doc.meta.get("perturb"):
            raise ParseError("refused", path=doc.path)
        return real(doc, **kw)

    monkeypatch.setattr(scoring, "parse_document", refuse)
    res = evaluate_perturbed(SAMPLE_GOLD, damages=["fullwidth_digits"])
    d = res["damages"]["fullwidth_digits"]
    assert d["damaged"]["cells"] == 0.0 and d["damaged"]["template"] == 0.0 and d["ok"] is False
    assert d["clean"]["cells"] > 0.9
    assert all(r.get("error") for r in d["reports"]) and res["errors"]


def test_perturb_cli(capsys):
    assert main([str(SAMPLE_GOLD), "--damage", "fullwidth_digits", "--damage", "mask_headings"]) == 0
    out = capsys.readouterr().out
    assert "== fullwidth_digits" in out and "== mask_headings" in out and "total" in out
    assert main([str(SAMPLE_GOLD), "--damage", "pdf_wraps", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert list(res["damages"]) == ["pdf_wraps"]
    assert main([str(SAMPLE / "nowhere")]) == 2
    assert "gold folder not found" in capsys.readouterr().err


# --------------------------------------------------------------------------- the development corpus


@pytest.mark.parametrize("gold_file", dev_gold_files(), ids=lambda p: p.stem)
def test_perturb_dev_reports(dev_dir, gold_file):
    gold = load_gold(gold_file)
    doc = ogi.read(dev_dir / gold["file"])
    if gold["template"] in ("2021", "2019"):
        assert [h.key for h in find_headings(doc, gold["sections"])] == gold["sections"]
    for damage, seed in [(name, 0) for name in DAMAGES] + [("mask_narrative", 1), ("mask_narrative", 2)]:
        d = damage_document(doc, damage, gold=gold, seed=seed)
        if not d.changed:
            assert damage in ("lose_problems_heading", "problems_one_paragraph", "mask_headings",
                              "mask_some_headings", "mask_row_labels")
            continue
        assert d.gold is not None
        if damage in CHECKS and gold["template"] in ("2021", "2019") and d.gold.get("statements"):
            CHECKS[damage](doc, gold, d.document, d.gold)
        _gold_still_valid(doc, gold, d.document, d.gold, damage)


def test_perturb_dev_suite_runs(dev_dir):
    res = evaluate_perturbed(dev_dir / "gold", damages=["mask_some_headings", "pdf_wraps"], seed=1)
    assert res["clean"]["total"]["cells"] is not None and not [e for e in res["errors"] if e.get("damage") is None]
    assert res["damages"]["pdf_wraps"]["files"] == len(list((dev_dir / "gold").glob("*.json")))


def test_perturb_project_aligns_a_gold_text_that_differs_by_a_mark():
    # the gold reads a 、 the PDF extraction moved: the mask goes where the document has it,
    # and the same word elsewhere in the gold (unmasked in the document) stays
    from ogi.perturb._masks import project
    from ogi.read import read_text

    doc = read_text("五、存在的主要问题及改进情况\n一是部门协同不够，健全工作机制\n强化部门协同配合，做到使\n、\n各部门规范。")
    fl = flat(doc)
    i = fl.text.index("部门", fl.text.index("强化"))
    gold = "一是部门协同不够，健全工作机制、强化部门协同配合，做到使各部门规范。"
    assert project(gold, fl, [(i, i + 2, "****")]) == "一是部门协同不够，健全工作机制、强化****协同配合，做到使各部门规范。"
    # a text the document does not hold at all keeps the plain replacement
    assert project("全无关系的部门文字", fl, [(i, i + 2, "**")]) == "全无关系的**文字"


@pytest.mark.parametrize("damage", ["lose_problems_heading", "pdf_wraps", "mask_headings"])
def test_perturb_dev_layout_damages_within_tolerance(dev_dir, damage):
    # the layout's part of the damage suite (in-sample: the dev reports the rules were read from):
    # sections, the text of 五 and its statements stay within tolerance of the clean copy
    res = evaluate_perturbed(dev_dir / "gold", damages=[damage], seed=0)
    within = res["damages"][damage]["within"]
    assert within["sections"] and within["problems_text"] and within["statements_f1"], res["damages"][damage]["diff"]


def test_comma_list_joins_problems_of_several_clauses_by_semicolon():
    # 主要是：A，a2，B，b2等 leaves no boundary a reader could recover: such problems take ；
    from ogi.training.realeval import one_paragraph_renderings

    one = [{"text": "培训不足", "kind": "problem", "topics": []},
           {"text": "回复不及时", "kind": "problem", "topics": []}]
    two = [{"text": "培训不足，能力有待提升", "kind": "problem", "topics": []},
           {"text": "回复不及时", "kind": "problem", "topics": []}]
    comma = {r["variant"]: r["problems_text"] for r in one_paragraph_renderings({"statements": one})}["comma_list"]
    semi = {r["variant"]: r["problems_text"] for r in one_paragraph_renderings({"statements": two})}["comma_list"]
    assert "主要是：培训不足，回复不及时等。" in comma
    assert "主要是：培训不足，能力有待提升；回复不及时等。" in semi
