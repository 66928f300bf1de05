"""ogi.synth options used to build corpora at scale: styles, mixed templates, mask rate, mismatches."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ogi.cli import app
from ogi.errors import UsageError
from ogi.synth import LAYOUTS, generate, resolve_styles, resolve_templates, write_corpus


@pytest.mark.parametrize("styles, layouts", [
    (["pipe"], ["pipe"]),
    (["md"], ["markdown"]),
    (["joined", "tab", "html"], ["flat", "tab", "html"]),
    (["mixed"], list(LAYOUTS)),
])
def test_synth_styles_are_layout_aliases(styles, layouts):
    assert resolve_styles(styles) == layouts


def test_synth_template_mixed_is_both():
    assert resolve_templates(["mixed"]) == ["2021", "2019"]
    with pytest.raises(UsageError, match="mixed"):
        resolve_templates(["2020"])


@pytest.mark.parametrize("seed", range(6))
def test_synth_mismatch_claims_are_in_the_text_and_wrong(seed):
    plain = generate(seed, layout="pipe")
    rep = generate(seed, layout="pipe", mismatches=2)
    text = rep.content.decode("utf-8")
    assert rep.truth["tables"] == plain.truth["tables"]
    for c in rep.truth["claims"]:
        assert c["verdict"] == "mismatch" and c["value"] != c["table_value"]
        assert c["quote"] in text and c["quote"] not in plain.content.decode("utf-8")
        table, *key = c["target"].split(".")
        node = rep.truth["tables"][table]
        for k in key:
            node = node[k]
        assert node == c["table_value"]


def test_synth_without_mismatches_is_unchanged():
    assert generate(3, layout="html").content == generate(3, layout="html", mismatches=0).content


def test_synth_write_corpus_mask_and_mismatch_rates(tmp_path):
    paths = write_corpus(tmp_path, n=12, seed=5, layouts=resolve_styles(["md", "pipe"]),
                         mask_rate=0.5, mismatch_rate=1.0)
    golds = [json.loads((p.parent / "gold" / f"{p.stem}.json").read_text(encoding="utf-8")) for p in paths]
    assert all(g["synth"]["mask"] == 0.5 for g in golds)
    assert all(g["synth"].get("mismatches") == 1 for g in golds)
    assert sum(bool(g["claims"]) for g in golds) >= 6
    with pytest.raises(UsageError, match="mask_rate"):
        write_corpus(tmp_path, n=1, mask_rate=2.0)


def test_synth_cli_style_template_rates(tmp_path):
    res = CliRunner().invoke(app, ["synth", "--out", str(tmp_path), "--n", "4", "--style", "joined",
                                   "--style", "md", "--template", "mixed", "--mask-rate", "0.2",
                                   "--mismatch-rate", "0.5"])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert names == ["synth-2019-flat-2.txt", "synth-2019-markdown-1.md", "synth-2021-flat-0.txt",
                     "synth-2021-markdown-3.md"]
    bad = CliRunner().invoke(app, ["synth", "--out", str(tmp_path), "--style", "rtf"])
    assert bad.exit_code == 2 and "joined" in bad.output
