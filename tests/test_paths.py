"""Default paths (ogi.paths): a checkout, an installed package, OGI_HOME; ogi train never writes into the package.

An installed (non-editable) package is simulated by copying ``src/ogi`` into a temporary
``site-packages`` and running Python there with that folder first on the path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ogi
from ogi import paths

PACKAGE = Path(ogi.__file__).resolve().parent


def _fake_checkout(root: Path) -> Path:
    (root / "src" / "ogi").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'ogi'\n", encoding="utf-8")
    return root / "src" / "ogi"


def test_paths_checkout_detected_by_its_layout(tmp_path: Path):
    pkg = _fake_checkout(tmp_path / "repo")
    assert paths.checkout_dir(pkg) == tmp_path / "repo"
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages" / "ogi"
    site.mkdir(parents=True)
    (site.parent.parent / "pyproject.toml").write_text("", encoding="utf-8")  # a stray file is not a checkout
    assert paths.checkout_dir(site) is None


def test_paths_home_of_an_installed_package_is_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    site = tmp_path / "site-packages" / "ogi"
    site.mkdir(parents=True)
    monkeypatch.delenv("OGI_HOME", raising=False)
    monkeypatch.delenv("OGI_PROJECT_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.home_dir(site) == tmp_path
    monkeypatch.setenv("OGI_HOME", str(tmp_path / "home"))
    assert paths.home_dir(site) == tmp_path / "home"
    assert paths.home_dir(_fake_checkout(tmp_path / "repo")) == tmp_path / "home", "OGI_HOME wins"


def test_paths_in_package(tmp_path: Path):
    site = tmp_path / "site-packages" / "ogi"
    (site / "resources").mkdir(parents=True)
    assert paths.in_package(site / "resources" / "nlp" / "models", site)
    assert paths.in_package(site, site)
    assert not paths.in_package(tmp_path / "results", site)
    assert not paths.in_package(_fake_checkout(tmp_path / "repo") / "resources", tmp_path / "repo" / "src" / "ogi")


@pytest.mark.skipif(paths.CHECKOUT_DIR is None, reason="not running from a checkout")
def test_paths_from_this_checkout():
    assert paths.CHECKOUT_DIR == PACKAGE.parent.parent
    if not (os.environ.get("OGI_HOME") or os.environ.get("OGI_PROJECT_DIR")):
        assert paths.RESULTS_DIR == paths.CHECKOUT_DIR / "results"
    assert paths.TRAINED_MODELS_DIR == paths.RESULTS_DIR / "models"
    assert paths.SHIPPED_MODELS_DIR == PACKAGE / "resources" / "nlp" / "models"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package as pip would install it: ``site-packages/ogi``, no checkout around it."""
    site = tmp_path_factory.mktemp("install") / "site-packages"
    shutil.copytree(PACKAGE, site / "ogi", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return site


def _run(site: Path, cwd: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("OGI_HOME", "OGI_PROJECT_DIR", "PYTHONPATH")}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          env={**clean, "PYTHONPATH": str(site), **env})


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_paths_installed_package_defaults_to_the_current_folder(installed: Path, tmp_path: Path):
    code = ("import ogi, ogi.paths as p; print(ogi.__file__); print(p.CHECKOUT_DIR); print(p.RESULTS_DIR); "
            "print(p.TRAINED_MODELS_DIR)")
    out = _run(installed, tmp_path, code)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith(str(installed)), "the copy was not the package imported"
    assert lines[1:] == ["None", str(tmp_path / "results"), str(tmp_path / "results" / "models")]
    out = _run(installed, tmp_path, code, OGI_HOME=str(tmp_path / "home"))
    assert out.stdout.splitlines()[2] == str(tmp_path / "home" / "results")


def test_paths_installed_package_is_never_trained_into(installed: Path, tmp_path: Path):
    shipped = installed / "ogi" / "resources" / "nlp" / "models"
    code = ("import sys; sys.argv = ['ogi', 'train', '--replace-shipped']; from ogi.cli import main; main()")
    out = _run(installed, tmp_path, code)
    assert out.returncode == 2 and "from a checkout only" in out.stderr
    code = (f"from ogi.training import train; train(out_dir={str(shipped)!r}, evaluate=False, use_dev=False)")
    out = _run(installed, tmp_path, code)
    assert out.returncode != 0 and "never writes to" in out.stderr and "UsageError" in out.stderr


@pytest.mark.slow
def test_paths_installed_package_trains_into_results_models(installed: Path, tmp_path: Path):
    before = _tree(installed)
    code = ("from ogi.training import train; from ogi.nlp import models; train(evaluate=False, use_dev=False); "
            "print(models.get('results/models').predict_records.__self__.meta['format'])")
    out = _run(installed, tmp_path, code)
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in (tmp_path / "results" / "models").iterdir())
    assert written == ["MODEL_CARD.md", "statements-v1.json", "statements-v1.linear.npz", "statements-v1.skops"]
    assert _tree(installed) == before, "ogi train wrote into the installed package"
