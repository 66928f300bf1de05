"""A researcher's own dictionary, stop words and statement model: tokenizer, keywords, ogi process (issue 12)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ogi.errors import UsageError
from ogi.nlp.tokenize import stopwords, tokenize, use_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "sample" / "seed-2024-masked.txt"
TEXT = "推进一网通办改革，加强政策解读"


@pytest.fixture(autouse=True)
def _shipped_vocabulary():
    use_vocabulary()
    yield
    use_vocabulary()


def _files(tmp_path: Path) -> tuple[Path, Path]:
    d, s = tmp_path / "dict.txt", tmp_path / "stop.txt"
    d.write_text("# own terms\n一网通办改革 50 n\n", encoding="utf-8")
    s.write_text("加强\n", encoding="utf-8")
    return d, s


def test_user_dictionary_and_stopwords_join_the_shipped_ones(tmp_path):
    d, s = _files(tmp_path)
    before = tokenize(TEXT, stopwords=True)
    assert "一网通办改革" not in before and "加强" in before
    fp = use_vocabulary(userdict=d, stopwords=s)
    after = tokenize(TEXT, stopwords=True)
    assert "一网通办改革" in after and "加强" not in after and "政策解读" in after
    assert "的" in stopwords() and "加强" in stopwords()
    assert fp.startswith("userdict=") and len(fp.split(";")[0]) == len("userdict=") + 64
    use_vocabulary()
    assert tokenize(TEXT, stopwords=True) == before


def test_keywords_follow_the_vocabulary(tmp_path):
    from ogi.nlp.keywords import tfidf_keywords

    d, s = _files(tmp_path)
    use_vocabulary(userdict=d, stopwords=s)
    kw = set(tfidf_keywords([TEXT, "完善依申请公开办理流程"], top_k=10)["keyword"])
    assert "一网通办改革" in kw and "加强" not in kw


def test_bad_vocabulary_files_are_usage_errors(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no entries") as e:
        use_vocabulary(stopwords=empty)
    assert e.value.path == str(empty)
    with pytest.raises(UsageError, match="cannot read"):
        use_vocabulary(userdict=tmp_path / "missing.txt")
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("一网通办".encode("gbk"))
    with pytest.raises(UsageError, match="UTF-8"):
        use_vocabulary(userdict=bad)


def test_process_vocabulary_enters_fingerprint_and_provenance(tmp_path):
    from ogi.corpus import process

    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    d, s = _files(tmp_path)
    out = tmp_path / "out"
    first = process(corpus, out, workers=1)
    again = process(corpus, out, workers=1, userdict=d, stopwords=s)
    assert first.processed == 1 and again.processed == 1 and again.reused == 0  # re-parsed
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    voc = prov["options"]["vocabulary"]
    assert voc["userdict"]["name"] == "dict.txt" and len(voc["stopwords"]["sha256"]) == 64
    same = process(corpus, out, workers=1, userdict=d, stopwords=s)
    assert same.processed == 0 and same.reused == 1
    with pytest.raises(UsageError):
        process(corpus, out, workers=1, userdict=tmp_path / "missing.txt")


def test_process_model_folder_enters_fingerprint_and_is_checked(tmp_path):
    from ogi import paths
    from ogi.corpus import process
    from ogi.errors import OgiError

    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    mine = tmp_path / "mine"
    mine.mkdir()
    for f in paths.SHIPPED_MODELS_DIR.glob("statements-v1.*"):
        shutil.copy(f, mine / f.name.replace("statements-v1", "mine-v1"))
    out = tmp_path / "out"
    first = process(corpus, out, workers=1)
    again = process(corpus, out, workers=1, model=mine)
    assert again.processed == 1 and again.reused == 0
    prov = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    assert prov["options"]["model"]["name"] == "mine-v1" and len(prov["options"]["model"]["sha256"]) == 64
    assert first.counts["statements"] == again.counts["statements"] > 0  # the same weights, the same rows
    import ogi

    assert ogi.parse(SEED, model=mine).to_dict()["statements"] == ogi.parse(SEED).to_dict()["statements"]
    npz = mine / "mine-v1.linear.npz"
    npz.write_bytes(npz.read_bytes()[:-10])
    from ogi.nlp.models import forget

    forget()
    with pytest.raises(OgiError):
        process(corpus, tmp_path / "out2", workers=1, model=mine)
    assert not (tmp_path / "out2" / "reports.parquet").exists()
