"""The fast paths of normalisation and digit splitting give exactly what the plain loops give."""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ogi.normalize as N
from ogi.splitting import Piece, splits
from ogi.synth import generate

_NEVER = re.compile(r"(?!)")


def test_plain_run_class_is_nfkc_stable_and_not_special():
    special = N._SPACES | N._ZERO_WIDTH | N._QUOTES | set("#|\t\n\r｜×✕＊")
    chars = [chr(c) for c in range(sys.maxunicode + 1) if N._PLAIN_RUN.fullmatch(chr(c))]
    assert len(chars) > 20000
    for c in chars:
        assert unicodedata.normalize("NFKC", c) == c, c
        assert c not in special, c


def _both(text: str, start: int = 0, end: int | None = None, monkeypatch=None):
    fast = N.normalize_stream(text, start, end)
    monkeypatch.setattr(N, "_PLAIN_RUN", _NEVER)
    slow = N.normalize_stream(text, start, end)
    monkeypatch.undo()
    return fast, slow


@pytest.mark.parametrize("layout", ["pipe", "flat", "tab", "markdown", "space", "html"])
def test_normalize_fast_path_on_reports(layout, monkeypatch):
    from ogi.read import read_bytes

    for seed in range(3):
        rep = generate(seed, layout=layout, template=["2021", "2019"][seed % 2], mask=0.3 * (seed == 2), blanks=seed == 1)
        text = read_bytes(rep.content, name=rep.filename).text
        for start, end in [(0, None), (len(text) // 3, 2 * len(text) // 3)]:
            fast, slow = _both(text, start, end, monkeypatch)
            assert (fast.text, fast.offsets) == (slow.text, slow.offsets)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("0123456789 \n\t|-—第页商业企业ABc.,（）：“”\u3000\u200b＊×#")), max_size=80))
def test_normalize_fast_path_on_random_text(text):
    with pytest.MonkeyPatch.context() as mp:
        fast = N.normalize_stream(text)
        mp.setattr(N, "_PLAIN_RUN", _NEVER)
        slow = N.normalize_stream(text)
    assert (fast.text, fast.offsets) == (slow.text, slow.offsets)


def _valid(part: str) -> bool:
    return part == "0" or part[0] != "0"


def _naive(chunks: list[str], n: int, sum_rule: bool) -> list[tuple]:
    """Every split by brute force: each chunk cut into >= 1 parts, n parts in all."""
    out = []

    def cuts(chunk: str):
        for k in range(1, len(chunk) + 1):
            for pos in itertools.combinations(range(1, len(chunk)), k - 1):
                b = (0, *pos, len(chunk))
                yield [chunk[b[i]:b[i + 1]] for i in range(k)]

    for parts in itertools.product(*(list(cuts(c)) for c in chunks)):
        cells = [p for ps in parts for p in ps]
        if len(cells) != n or not all(_valid(c) for c in cells):
            continue
        vals = tuple(int(c) for c in cells)
        if sum_rule and sum(vals[:-1]) != vals[-1]:
            continue
        out.append((tuple(len(c) for c in cells), vals))
    # the order of the plain search: shorter cells first, from the left
    return [vals for _, vals in sorted(out)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=7), min_size=1, max_size=3),
       st.integers(min_value=2, max_value=7))
def test_splits_match_brute_force_in_order(chunks, n):
    pieces = [Piece(c) for c in chunks]
    got = splits(pieces, groups=[n], sum_rule=True, limit=10**6)
    assert got == _naive(chunks, n, True)
    assert splits(pieces, groups=[n], sum_rule=False, limit=10**6) == _naive(chunks, n, False)


@pytest.mark.parametrize("cells", [(217, 1, 0, 0, 0, 0, 218), (5, 12, 0, 3, 40, 0, 60), (1000, 1, 2, 3, 4, 5, 1015),
                                   (0, 0, 0, 0, 0, 0, 0), (9, 9, 9, 9, 9, 9, 54)])
def test_splits_finds_the_true_reading(cells):
    got = splits([Piece("".join(map(str, cells)))], groups=[7])
    assert cells in got
    assert got == _naive(["".join(map(str, cells))], 7, True)


@pytest.mark.parametrize("footer", ["- 3 -", "— 3 —", "－3－", "第 3 页", "第3页 共8页", "第3页/共8页",
                                    "第3页，共8页", "共8页 第3页"])
def test_one_footer_definition_serves_tables_sections_and_claims(footer):
    # the table stream, the section texts and the claims reader all drop the same footers
    from ogi.claims.numbers import normalize_narrative
    from ogi.normalize import _PAGE_LINE_RE, drop_page_lines

    assert _PAGE_LINE_RE.match(footer + "\n")
    assert drop_page_lines(f"强化组\n{footer}\n\f织领导") == "强化组\n织领导"
    assert normalize_narrative(f"复议351\n{footer}\n\f件")[0] == "复议351件"
    assert drop_page_lines("第三页\n") == "第三页\n"
