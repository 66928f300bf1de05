"""The generator follows the template spec: a fake version 2027 is synthesised, parsed and checked.

The fake version (``conftest.fake_spec_2027``) is the 2021 format with one table-三 row renamed and
two detection signals of its own; no code knows it.  The expected values are the generator's
truth; the parser reads the report back under the same spec.
"""

from __future__ import annotations

import pytest

import ogi
from conftest import LABEL_2021, LABEL_2027, fake_spec_2027
from ogi.errors import UsageError
from ogi.record import flatten_cells
from ogi.synth import TEMPLATES, generate, write_corpus
from ogi.template import use_spec

LAYOUTS_2027 = ("pipe", "tab", "markdown", "html", "flat", "docx")


def _identity_rules(report) -> set[str]:
    return {f.rule for f in report.findings if f.rule.startswith(("T3-", "T4-"))}


@pytest.mark.parametrize("layout", LAYOUTS_2027)
def test_fake_version_is_synthesised_and_parsed_back(tmp_path, layout):
    with use_spec(fake_spec_2027(tmp_path)):
        for seed, violations in ((3, 0), (8, 1)):
            r = generate(seed, template="2027", layout=layout, violations=violations)
            assert r.name == f"synth-2027-{layout}-{seed}"
            assert r.truth["template"] == "2027" and r.truth["year"] == 2027
            if layout != "docx":
                text = r.content.decode("utf-8")
                assert LABEL_2027.split(".")[1] in text and LABEL_2021.split(".")[1] not in text
            rep = ogi.parse(r.write(tmp_path / "out"), statements=False)
            assert rep.meta.template == "2027"
            got = flatten_cells(rep.to_dict()["tables"])
            uncertain = set(r.truth["uncertain_cells"])
            expected = flatten_cells(r.truth["tables"])
            assert len(expected) > 150
            for path, value in expected.items():
                if path not in uncertain:
                    assert got[path] == value, (seed, path)
            # the identities of 2027 (read from the spec) fail exactly where the truth says
            assert _identity_rules(rep) == {f["rule"] for f in r.truth["expected_findings"]}
            assert bool(r.truth["expected_findings"]) == bool(violations)


def test_fake_version_years_and_options(tmp_path):
    with use_spec(fake_spec_2027(tmp_path)):
        assert generate(1, template="2027", year=2030).truth["year"] == 2030
        # 2021 now ends where 2027 begins
        assert {generate(s, template="2021").truth["year"] for s in range(40)} <= set(range(2021, 2027))
        paths = write_corpus(tmp_path / "c", n=2, templates=["2027"], layouts=["pipe"], vary=False)
        assert [p.name for p in paths] == ["synth-2027-pipe-0.txt", "synth-2027-pipe-1.txt"]
    # outside the block the version is unknown again
    assert TEMPLATES == ("2021", "2019")
    with pytest.raises(UsageError, match="invalid template '2027'"):
        generate(1, template="2027")


def test_unknown_table2_layout_is_a_clear_error(tmp_path):
    import json

    path = fake_spec_2027(tmp_path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    for block in raw["versions"]["2027"]["table2"]["blocks"]:
        for col in block["columns"]:
            col["key"] = "x_" + col["key"]
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with use_spec(path), pytest.raises(UsageError, match="version 2027 has columns"):
        generate(1, template="2027")
