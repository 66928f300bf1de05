"""Tokenizer, dictionary and stop words of ogi.nlp.tokenize."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from ogi.errors import UsageError
from ogi.nlp.tokenize import get_tokenizer, is_punct, pos_tag, stopwords, tokenize, user_terms


@pytest.mark.parametrize("term", [
    "政府信息公开", "依申请公开", "政务新媒体", "三审三校", "勾稽关系", "行政规范性文件", "主动公开目录",
    "标准化规范化", "政府信息公开条例", "保密审查", "政策解读", "重大行政决策", "基层政务公开",
    "图表图解", "公开属性认定", "12345热线", "双随机一公开", "一网通办", "政务公开专区", "答复期限",
])
def test_nlp_tokenize_keeps_domain_terms_whole(term):
    assert tokenize(term) == [term]


@pytest.mark.parametrize("text, term", [
    ("严格落实三审三校制度", "三审三校"),
    ("核对年报表格的勾稽关系", "勾稽关系"),
    ("依申请公开答复质量有待提升", "依申请公开答复"),
    ("完善主动公开目录编制", "主动公开目录"),
    ("推进基层政务公开标准化规范化建设", "基层政务公开标准化规范化"),
    ("政务新媒体的互动性不足", "政务新媒体"),
    ("清理行政规范性文件", "行政规范性文件"),
    ("加强政策解读，回应社会关切", "回应社会关切"),
])
def test_nlp_tokenize_keeps_terms_whole_in_context(text, term):
    assert term in tokenize(text)


def test_nlp_tokenize_every_dictionary_term_is_one_token():
    broken = [t for t, _, _ in user_terms() if tokenize(t) != [t]]
    assert broken == []


def test_nlp_tokenize_dictionary_fixes_at_least_300_default_cuts():
    import jieba

    jieba.setLogLevel(60)
    default = jieba.Tokenizer()
    terms = [t for t, _, _ in user_terms()]
    wrong = [t for t in terms if len(list(default.cut(t, HMM=False))) > 1]
    assert len(set(terms)) == len(terms)
    assert len(wrong) >= 300
    assert len(wrong) == len(terms)  # every entry is one the default dictionary cuts


def test_nlp_tokenize_precise_tokens_rebuild_the_text():
    text = "一是政务新媒体平台的互动性不足，对公众留言回复不够及时。"
    assert "".join(tokenize(text)) == text


def test_nlp_tokenize_search_mode_adds_parts():
    toks = tokenize("推进基层政务公开标准化规范化", mode="search")
    assert "基层政务公开标准化规范化" in toks and "标准化" in toks


@pytest.mark.parametrize("text, absent", [
    ("加强政策解读的工作，并且提升质量。", {"的", "并且", "，", "。"}),
    ("我局将进一步做好信息公开工作", {"我局", "将", "进一步"}),
])
def test_nlp_tokenize_stopwords_drop_function_words_and_punctuation(text, absent):
    toks = tokenize(text, stopwords=True)
    assert toks and not (set(toks) & absent)


def test_nlp_tokenize_stopword_list_is_versioned_and_loaded():
    sw = stopwords()
    assert "的" in sw and len(sw) >= 200
    assert not any(w.startswith("#") for w in sw)


def test_nlp_tokenize_bad_mode_names_valid_values():
    with pytest.raises(UsageError, match="precise, search"):
        tokenize("公开", mode="fast")  # type: ignore[arg-type]


def test_nlp_tokenize_rejects_non_text():
    with pytest.raises(UsageError):
        tokenize(None)  # type: ignore[arg-type]


def test_nlp_tokenize_pos_tag_uses_dictionary_tags():
    tags = dict(pos_tag("完善保密审查机制，严格执行三审三校"))
    assert tags["保密审查机制"] == "n"
    assert tags["三审三校"] == "l"


def test_nlp_tokenize_loads_dictionary_once_and_is_thread_safe():
    assert get_tokenizer() is get_tokenizer()
    text = "依申请公开答复质量有待提升"
    with ThreadPoolExecutor(4) as ex:
        results = list(ex.map(tokenize, [text] * 40))
    assert all(r == results[0] for r in results)


def test_nlp_tokenize_is_punct():
    assert is_punct("，") and is_punct("“") and not is_punct("公开")


def test_tokenize_dictionary_read_from_jieba_cache_equals_jieba_initialize(tmp_path):
    import jieba

    from ogi.nlp.tokenize import _load_cached_dictionary, get_tokenizer

    ref = jieba.Tokenizer()
    ref.initialize()  # jieba's own way (writes its cache when missing)
    fast = jieba.Tokenizer()
    assert _load_cached_dictionary(fast)
    assert fast.initialized and fast.FREQ == ref.FREQ and fast.total == ref.total
    assert get_tokenizer().initialized
    # no cache where jieba would look: left to jieba
    other = jieba.Tokenizer()
    other.tmp_dir = str(tmp_path)
    assert not _load_cached_dictionary(other) and not other.initialized
    (tmp_path / "jieba.cache").write_bytes(b"not marshal data")
    assert not _load_cached_dictionary(other) and not other.initialized
