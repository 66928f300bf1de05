"""Statement models by name or folder (ogi.nlp.models), and ogi.initialize()."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import ogi
from ogi.errors import OgiError, UsageError
from ogi.nlp import models
from ogi.nlp.linear import LinearStatementModel
from ogi.nlp.statements import extract_statements
from ogi.paths import PROJECT_DIR, SHIPPED_MODELS_DIR

TEXT = "（一）主要问题\n一是政策解读形式单一。\n（二）改进措施\n一是丰富政策解读形式。"


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    """The shipped model folder, copied."""
    dst = tmp_path / "models"
    shutil.copytree(SHIPPED_MODELS_DIR, dst)
    yield dst
    models.forget(dst)


@pytest.fixture()
def clean_registry():
    before = models.registered()
    yield
    models._registry.clear()
    models._registry.update(before)


def test_nlp_models_shipped_model_by_name():
    model = models.get("statements-v1")
    assert isinstance(model, LinearStatementModel)
    assert models.get() is model
    assert models.locate() == (SHIPPED_MODELS_DIR, "statements-v1")


@pytest.mark.parametrize("how", ["folder", "npz", "skops", "card", "relative"])
def test_nlp_models_by_path(model_copy: Path, how: str, monkeypatch: pytest.MonkeyPatch):
    arg = {"folder": model_copy, "npz": model_copy / "statements-v1.linear.npz",
           "skops": model_copy / "statements-v1.skops", "card": model_copy / "statements-v1.json",
           "relative": "models"}[how]
    monkeypatch.chdir(model_copy.parent)
    assert models.locate(arg) == (Path(arg).parent if Path(arg).is_file() else Path(arg), "statements-v1")
    got = models.get(arg)
    assert got is models.get(model_copy) and got is not models.get()  # one per folder, loaded once
    assert extract_statements(TEXT, model=arg) == extract_statements(TEXT)


def test_nlp_models_register_a_trained_model(model_copy: Path, clean_registry):
    for p in model_copy.glob("statements-v1.*"):
        p.rename(p.with_name(p.name.replace("statements-v1", "mine-v2")))
    models.register("mine-v2", model_copy, description="a test model")
    assert "mine-v2" in models.registered()
    assert [r["kind"] for r in extract_statements(TEXT, model="mine-v2")] == ["problem", "improvement"]
    with pytest.raises(UsageError, match="taken"):
        models.register("mine-v2", model_copy / "other")
    models.register("mine-v2", model_copy, description="a test model")  # the same entry again: fine


@pytest.mark.parametrize("name", ["", "a/b", "x.linear.npz"])
def test_nlp_models_register_bad_name(name: str):
    with pytest.raises(UsageError, match="plain name"):
        models.register(name, ".")


def test_nlp_models_train_cli_reexport_and_name(model_copy: Path):
    from typer.testing import CliRunner

    from ogi.cli import app

    (model_copy / "statements-v1.linear.npz").unlink()
    result = CliRunner().invoke(app, ["train", "--reexport", str(model_copy)])
    assert result.exit_code == 0, result.output
    assert isinstance(models.get(model_copy), LinearStatementModel)
    result = CliRunner().invoke(app, ["train", "--name", "../x", "--out", str(model_copy)])
    assert result.exit_code == 2 and "plain name" in result.output


def test_nlp_models_unknown_name_lists_the_registered():
    with pytest.raises(UsageError, match=r"unknown statement model 'statements-v9'.*statements-v1"):
        models.get("statements-v9")


def test_nlp_models_folder_problems_are_clear_errors(tmp_path: Path, model_copy: Path):
    with pytest.raises(OgiError, match="folder not found"):
        models.get(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(OgiError, match=r"no statement model in this folder.*ogi train --out"):
        models.get(tmp_path / "empty")
    shutil.copy(model_copy / "statements-v1.skops", model_copy / "other-v1.skops")
    with pytest.raises(OgiError, match=r"several statement models.*other-v1, statements-v1"):
        models.get(model_copy)


def test_nlp_models_no_fallback_to_the_estimator(model_copy: Path):
    (model_copy / "statements-v1.linear.npz").unlink()
    with pytest.raises(OgiError) as exc:
        models.get(model_copy)
    msg = str(exc.value)
    assert str(model_copy) in msg and "no export statements-v1.linear.npz" in msg
    assert f"ogi train --reexport {model_copy / 'statements-v1.skops'}" in msg
    with pytest.raises(OgiError, match="no export"):
        extract_statements(TEXT, model=model_copy)


def test_nlp_models_loaded_once_across_threads(model_copy: Path, monkeypatch: pytest.MonkeyPatch):
    calls = []
    real = models._load

    def counting(folder, stem):
        calls.append(folder)
        return real(folder, stem)

    monkeypatch.setattr(models, "_load", counting)
    got: list = []
    threads = [threading.Thread(target=lambda: got.append(models.get(model_copy))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len({id(g) for g in got}) == 1


def test_nlp_models_run_time_imports_no_sklearn_or_skops():
    code = ("import sys; from ogi.nlp import models; m = models.get(); "
            "print(sorted(k for k in ('sklearn', 'skops', 'scipy', 'ogi.training') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_nlp_initialize_loads_everything_once():
    code = ("import sys, time, threading; import ogi; from ogi.nlp import models, tokenize; "
            "assert tokenize._tokenizer is None and not models._loaded; "
            "ts = [threading.Thread(target=ogi.initialize) for _ in range(4)]; [t.start() for t in ts]; "
            "[t.join() for t in ts]; tok = tokenize._tokenizer; "
            "assert tok is not None and len(models._loaded) == 1 and tokenize.stopwords.cache_info().currsize == 1; "
            "t = time.perf_counter(); [ogi.initialize() for _ in range(1000)]; dt = time.perf_counter() - t; "
            "assert tokenize._tokenizer is tok; print('ok', dt < 0.5)")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == "ok"


def test_nlp_initialize_is_what_workers_call_and_imports_no_generator():
    code = ("import sys; from ogi.corpus.worker import initialize; initialize(); "
            "from ogi.nlp import loading, models; assert loading._done and models._loaded; "
            "print(sorted(m for m in ('ogi.synth', 'ogi.nlp.synthetic', 'ogi.training', 'sklearn') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_nlp_initialize_is_exported():
    assert "initialize" in ogi.__all__ and ogi.initialize is ogi.nlp.loading.initialize
    ogi.initialize()
    ogi.initialize()
