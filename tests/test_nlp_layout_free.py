"""Statements that do not depend on the layout of section 五; kind cues that hold across writers;
the real-statement evaluation (leave one report out, one-paragraph renderings)."""

from __future__ import annotations

import json

import pytest

from ogi.nlp.cues import clause_breaks, is_turn, lexical_cues, split_turn_prefix
from ogi.nlp.statements import extract_statements, segment
from ogi.training.card import card_text
from ogi.training.labels import build_gold_offsets, load_gold_labels, write_dev_offsets
from ogi.training.realeval import loro, one_paragraph_renderings, real_golds

PROBLEMS = ["政策解读的形式还不够丰富", "答复文书规范性有待提升", "政务新媒体运维管理还需加强"]
MEASURES = ["丰富政策解读形式，推出图解和视频解读", "规范答复文书，统一答复模板", "加强政务新媒体运维管理"]
GOLD = {"statements": [{"text": t, "kind": "problem", "topics": ["other"]} for t in PROBLEMS]
        + [{"text": t, "kind": "improvement", "topics": ["other"]} for t in MEASURES]}

SUBHEADED = ("（一）存在的主要问题\n" + "".join(f"{n}是{t}。\n" for n, t in zip("一二三", PROBLEMS))
             + "（二）改进情况\n" + "".join(f"{n}是{t}。\n" for n, t in zip("一二三", MEASURES)))
LAYOUTS = {
    "subheaded": SUBHEADED,
    "comma-list": "政府信息公开工作虽取得一定成绩，但仍存在一些不足，主要是：" + "，".join(PROBLEMS)
                  + "等。下一步，将" + "；".join(MEASURES) + "。",
    "ru-list-turn": "对照上级要求，仍存在一定差距。如" + "；".join(PROBLEMS) + "等。\n针对存在问题，下一步，我局将"
                    + "；".join(MEASURES) + "。",
    "numbered-next": "还有一些需要加强和改进的地方。主要表现在：" + "；".join(f"{n}是{t}" for n, t in zip("一二三", PROBLEMS))
                     + "。下一步，将重点做好以下工作：" + "".join(f"{n}是{t}。" for n, t in zip("一二三", MEASURES)),
}


def _core(text: str) -> str:
    return text.lstrip("一二三是我局将").rstrip("。；")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_free_same_statements_and_hints_in_every_layout(layout):
    segs = segment(LAYOUTS[layout])
    assert [_core(s.text) for s in segs] == PROBLEMS + MEASURES
    assert [s.hint for s in segs] == ["problem"] * 3 + ["improvement"] * 3


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_free_shipped_model_gives_the_same_kinds(layout):
    kinds = [r["kind"] for r in extract_statements(LAYOUTS[layout], pair=False)]
    assert kinds == ["problem"] * 3 + ["improvement"] * 3


def test_layout_free_comma_list_keeps_elaboration():
    text = "主要是：政策解读质量仍需提升，个别单位解读内容简单、形式单一，政务公开队伍建设还需加强，个别单位人员不足等。"
    assert [s.text for s in segment(text)] == ["政策解读质量仍需提升，个别单位解读内容简单、形式单一",
                                               "政务公开队伍建设还需加强，个别单位人员不足"]
    assert clause_breaks("培训覆盖面不够，导致能力不足") == []  # 导致… elaborates, no new problem


def test_layout_free_turn_sets_context_and_strips_its_clauses():
    text = "仍存在一些不足，主要表现在：一是解读形式单一；二是队伍建设还需加强。\n针对存在问题，下一步，我市将着力加强政策解读；建立健全培训机制。"
    segs = segment(text)
    assert [s.text for s in segs[2:]] == ["我市将着力加强政策解读；", "建立健全培训机制。"]
    assert {(s.context, s.hint) for s in segs[2:]} == {("针对存在问题，下一步", "improvement")}
    assert [s.hint for s in segs[:2]] == ["problem", "problem"]


def test_layout_free_semicolon_joined_measures_keep_their_sentences():
    text = "存在问题：培训不足。下一步，将加强培训。组织专题培训两次；完善制度。修订审核办法。"
    assert [s.text for s in segment(text)][1:] == ["将加强培训。组织专题培训两次；", "完善制度。修订审核办法。"]


def test_layout_free_cues_read_through_hard_wraps():
    text = "对照上级新要求，还有一些需要加强和改进的\n地方。主要表现在：一是解读形式单\n一；二是队伍建设还需加强。"
    segs = segment(text)
    assert [s.hint for s in segs] == ["problem", "problem"]
    assert segs[0].text.startswith("一是")
    assert is_turn("针对存在\n问题，下一步，将加强培训")


def test_layout_free_turn_prefix_and_lexical_cues():
    t = "针对存在问题，下一步，我市将着力加强政策解读"
    assert t[split_turn_prefix(t):] == "我市将着力加强政策解读"
    assert split_turn_prefix("政策解读形式单一，需加强") == 0
    assert not is_turn("对照上级要求，仍存在一定差距")
    assert "lex:deficiency_end" in lexical_cues("一是政务新媒体运维管理还需加强")
    assert lexical_cues("进一步加强业务培训，提升能力")[:1] == ["lex:action_open"]
    assert "lex:will" in lexical_cues("我局将进一步加强业务培训")


def test_layout_free_one_paragraph_renderings_keep_every_statement():
    rs = one_paragraph_renderings(GOLD)
    assert len(rs) == 4 and len({r["variant"] for r in rs}) == 4
    for r in rs:
        assert [s["kind"] for s in r["statements"]] == [s["kind"] for s in GOLD["statements"]]
        assert all(s["text"] in r["problems_text"] for s in r["statements"])


def _gold_dir(tmp_path):
    for stem, file in (("a", "a.txt"), ("a-page", "a-page.html"), ("b", "b.pdf")):
        pt = LAYOUTS["comma-list" if stem == "b" else "subheaded"]
        stmts = GOLD["statements"]
        (tmp_path / f"{stem}.json").write_text(json.dumps({"file": file, "problems_text": pt, "statements": stmts},
                                                          ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_layout_free_loro_leaves_each_report_out_with_its_twin(tmp_path):
    golds = real_golds(_gold_dir(tmp_path))
    assert sorted(golds) == ["a", "b"] and len(golds["a"]) == 2
    seen = []

    def fit_without(stem):
        seen.append(stem)
        return "statements-v1"

    res = loro(golds, fit_without)
    assert seen == ["a", "b"]
    assert res["loro"]["files"] == 3 and res["one_paragraph"]["files"] == 12
    assert res["per_report"]["a"]["files"] == 2
    assert res["loro"]["kind_accuracy"] == 1.0


def test_layout_free_gold_offsets_read_text_from_gold_only(tmp_path):
    (tmp_path / "gold").mkdir()
    gdir = _gold_dir(tmp_path / "gold")
    rows = build_gold_offsets(gdir, skip={"a.txt"})
    assert {r["file"] for r in rows} == {"b.pdf"} and all("text" not in r for r in rows)
    path = write_dev_offsets(rows, tmp_path / "offsets.jsonl")
    docs = load_gold_labels(gdir, path=path)
    assert [d.id for d in docs] == ["dev:b.pdf"]
    assert [s["text"] for s in docs[0].statements] == [s["text"] for s in GOLD["statements"]]
    assert load_gold_labels(tmp_path / "missing", path=path) == []


def test_layout_free_card_headlines_real_statements():
    score = {"files": 3, "n_gold": 18, "f1": 1.0, "kind_accuracy": 0.97, "main_topic_accuracy": 0.8,
             "precision": 1.0, "recall": 1.0}
    metrics = {"model": "m-v1", "seed": 0, "dev_loro": score, "dev_loro_one_paragraph": dict(score, files=12),
               "dev_loro_per_report": {"a": {"files": 2, "f1": 1.0, "kind": 1.0, "topic": 0.5,
                                             "one_paragraph_f1": 0.9, "one_paragraph_kind": 1.0}},
               "data": {"synthetic_statements": 1, "synthetic_sections": 1, "dev_statements": 18, "dev_reports": 2,
                        "weak_statements": 0, "kinds": {}, "main_topics": {}}}
    text = card_text(metrics)
    assert text.index("Headline: real statements") < text.index("## Method")
    assert "| one paragraph | 12 | 18 | 1.000 | 0.970 | 0.800 |" in text
    assert "| a | 2 | 1.000 | 1.000 | 0.500 | 0.900 | 1.000 |" in text


def test_layout_free_list_of_one_is_a_statement():
    text = "对照上级要求，工作中仍存在一些短板，如部门网站栏目结构无法满足信息发布需要等。下一步，将重点做好以下工作：一是调整栏目。"
    segs = segment(text)
    assert [(s.text, s.hint) for s in segs] == [("部门网站栏目结构无法满足信息发布需要", "problem"),
                                                ("一是调整栏目。", "improvement")]
    assert clause_breaks("重点项目未进行全流程信息公开，政策解读形式单一") == [14]
    assert clause_breaks("理论学习仍需加强，提升对新内容的准确把握") == []  # an action clause elaborates


def test_layout_free_masked_shi_continues_the_list():
    # a redaction that eats the 是 of 三是 (三****新媒体…) leaves the numeral: still item three
    text = "存在的主要问题：一是培训不够，能力有待提升；二是公开不及时；三****新媒体互动性不足，留言回复不及时。"
    segs = segment(text)
    assert [s.text for s in segs] == ["一是培训不够，能力有待提升；", "二是公开不及时；", "三****新媒体互动性不足，留言回复不及时。"]
    assert segs[2].number == 3
    # a numeral before a mask that does not follow a boundary is no marker
    assert len(segment("一是部分单位对第三****的答复不够及时。")) == 1


def test_layout_free_progress_sentence_after_the_last_item_is_its_own_statement():
    text = ("下一步，将重点做好以下工作：一是开设专栏，集中发布政策信息。二是调整公开目录。"
            "目前，专栏已成功开设，目录调整工作正在有序进行中。")
    segs = segment(text)
    assert segs[-1].text == "目前，专栏已成功开设，目录调整工作正在有序进行中。"
    assert segs[-2].text == "二是调整公开目录。"
    # the same after ；-joined measures that follow a turn
    turn = "下一步，将开设专栏，集中发布政策信息；调整公开目录。目前，专栏已成功开设，目录调整正在进行中。"
    assert [s.text for s in segment(turn)][-1] == "目前，专栏已成功开设，目录调整正在进行中。"
    # elaboration of an item that is not a progress report stays in it
    assert segment("一是加强培训。组织开展业务培训三次。")[0].text == "一是加强培训。组织开展业务培训三次。"


def test_layout_free_line_break_inside_semicolon_measures_does_not_end_them():
    # a PDF line that ends on 。 leaves a line break inside ；-joined measures
    text = ("下一步，将加强培训。定期组织业务培训；完善工作机制。健全审核制度。\n"
            "优化发布流程，规范发布行为；强化督导考核。")
    segs = [s.text for s in segment(text)]
    assert segs == ["将加强培训。定期组织业务培训；", "完善工作机制。健全审核制度。\n优化发布流程，规范发布行为；",
                    "强化督导考核。"]
    # a following paragraph that is not ；-joined ends them, as before
    plain = "下一步，将加强培训；完善机制。\n全年共组织培训3次。"
    assert segment(plain)[-1].text == "全年共组织培训3次。"
