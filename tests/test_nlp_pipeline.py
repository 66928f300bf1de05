"""spaCy pipeline, keywords and pairing."""

from __future__ import annotations

import types

import pandas as pd
import pytest

import ogi.nlp
from ogi.nlp import spacy_pipeline
from ogi.nlp.keywords import textrank_keywords, tfidf_keywords
from ogi.nlp.pairing import pair_statements


@pytest.fixture(scope="module")
def pipe():
    return spacy_pipeline()


def test_nlp_pipeline_components_and_dictionary(pipe):
    assert pipe.pipe_names == ["ogi_sentences", "ogi_statements"]
    doc = pipe("严格落实三审三校制度，依申请公开答复及时。")
    assert "三审三校" in [t.text for t in doc]
    assert doc.text == "严格落实三审三校制度，依申请公开答复及时。"


def test_nlp_pipeline_is_a_function_and_the_package_a_plain_module():
    assert spacy_pipeline(statements=False).pipe_names == ["ogi_sentences"]
    assert type(ogi.nlp) is types.ModuleType and not callable(ogi.nlp)


def test_nlp_pipeline_sentences_split_lists(pipe):
    doc = pipe("存在以下问题：一是培训不足；二是更新不及时。下一步将加强培训！")
    assert [s.text for s in doc.sents] == ["存在以下问题：", "一是培训不足；", "二是更新不及时。", "下一步将加强培训！"]


def test_nlp_pipeline_statement_spans(pipe):
    doc = pipe("（一）主要问题\n一是政策解读形式单一。\n（二）改进措施\n一是丰富政策解读形式。")
    spans = doc.spans["statements"]
    assert [s.text for s in spans] == ["一是政策解读形式单一。", "一是丰富政策解读形式。"]
    assert [s._.kind for s in spans] == ["problem", "improvement"]
    assert spans[0]._.topics[0] == "interpretation"
    assert spans[0]._.pair == 1 and 0 < spans[0]._.score <= 1
    assert [s.text for s in doc._.statements] == [s.text for s in spans]


def test_nlp_pipeline_without_classification():
    doc = spacy_pipeline(classify=False)("（一）主要问题\n一是培训不足。")
    assert [(s.text, s._.kind) for s in doc._.statements] == [("一是培训不足。", "problem")]


def test_nlp_keywords_tfidf_frame():
    texts = ["加强政策解读，丰富政策解读形式。", "依申请公开答复质量有待提升，规范依申请公开答复。", "政务新媒体更新不及时。"]
    df = tfidf_keywords(texts, top_k=3)
    assert isinstance(df, pd.DataFrame) and list(df.columns) == ["doc", "rank", "keyword", "score"]
    assert df[df.doc == 0].iloc[0]["keyword"] == "政策解读"
    assert df[df.doc == 1].iloc[0]["keyword"] == "依申请公开答复"
    assert df.groupby("doc").size().max() <= 3
    assert df.equals(tfidf_keywords(texts, top_k=3))


def test_nlp_keywords_textrank_frame():
    df = textrank_keywords("加强政务新媒体管理，提升政务新媒体互动性，完善政务新媒体审核。", top_k=3)
    assert list(df.columns) == ["rank", "keyword", "weight"]
    assert df.iloc[0]["keyword"] == "政务新媒体" and len(df) == 3


def test_nlp_keywords_bad_top_k():
    with pytest.raises(ogi.errors.UsageError):
        tfidf_keywords(["公开"], top_k=0)


@pytest.mark.parametrize("records, expected", [
    ([{"text": "解读形式单一", "kind": "problem", "topics": ["interpretation"]},
      {"text": "更新不及时", "kind": "problem", "topics": ["timeliness"]},
      {"text": "建立更新台账", "kind": "improvement", "topics": ["timeliness"]},
      {"text": "丰富解读形式", "kind": "improvement", "topics": ["interpretation"]}],
     {0: 3, 3: 0, 1: 2, 2: 1}),
    ([{"text": "培训不足", "kind": "problem", "topics": ["capacity"]},
      {"text": "推进数据开放", "kind": "improvement", "topics": ["digital"]}],
     {}),
    ([{"text": "网站栏目空白", "kind": "problem", "topics": ["platform"]},
      {"text": "网站栏目不规范", "kind": "problem", "topics": ["platform"]},
      {"text": "优化网站栏目设置", "kind": "improvement", "topics": ["platform"]}],
     {0: 2, 2: 0}),
])
def test_nlp_pairing_cases(records, expected):
    assert pair_statements(records) == expected
