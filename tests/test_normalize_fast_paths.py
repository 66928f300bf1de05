"""The fast paths of display_width and MASK_RE agree with their plain definitions."""

import random
import re
import unicodedata

from ogi.normalize import MASK_RE, display_width

_ALPHABET = "ab1 \t\u3000政府信息公开*＊×✕，。、|ｶﾞ한\u00e9\U00020000\u2e80\u303f\uff01\uff60"


def _reference_width(line: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line if not c.isspace())


def test_display_width_matches_east_asian_width_on_random_lines():
    rng = random.Random(13)
    for _ in range(3000):
        line = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 30)))
        assert display_width(line) == _reference_width(line), line


def test_display_width_on_every_bmp_character():
    for cp in range(0x20, 0x10000):
        c = chr(cp)
        if 0xD800 <= cp < 0xE000:
            continue
        assert display_width("a" + c) == _reference_width("a" + c), hex(cp)


def test_mask_re_matches_two_branch_form():
    plain = re.compile(r"[*＊]{2,}|[×✕]{2,}")
    rng = random.Random(5)
    for _ in range(3000):
        s = "".join(rng.choice("*＊×✕政x ") for _ in range(rng.randint(0, 20)))
        assert [m.span() for m in MASK_RE.finditer(s)] == [m.span() for m in plain.finditer(s)], s
