"""A subset of Noto Sans SC embedded in a page, so that it shows Chinese without a CJK font.

The font is the one the ``pylopdf-fonts-zh-cn`` dependency ships (the figures use it too).
:func:`font_face_css` cuts it with fontTools to the characters a page uses (a few hundred
glyphs, some 80 KB as WOFF) and returns a ``@font-face`` rule with the font inline as base64,
so the page stays one self-contained file.  The same text always gives the same bytes (the
font's timestamps are kept).  Without the font package the page falls back to the reader's
installed fonts.

Example:
    >>> css = font_face_css("政府信息公开")
    >>> css.startswith('@font-face { font-family: "ogi-sans"') or css == ""
    True
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

__all__ = ["FONT_FAMILY", "font_face_css", "packaged_font", "subset_font"]

#: The CSS family name of the embedded font.
FONT_FAMILY = "ogi-sans"

_FONT_FILE = "NotoSansSC-Regular.otf"
# OpenType layout and vertical-writing tables: a page needs none of them, and decompiling
# them is most of the time a subset takes
_UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG")
# always kept: printable ASCII, whatever the page's text
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))


def packaged_font() -> Path | None:
    """Noto Sans SC of the ``pylopdf-fonts-zh-cn`` package, or None when it is not installed."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    p = Path(pylopdf_fonts_zh_cn.__file__).parent / _FONT_FILE
    return p if p.is_file() else None


@lru_cache(maxsize=1)
def _base_font() -> bytes | None:
    """The packaged font without the tables a page does not need (read once per process)."""
    from fontTools.ttLib import TTFont

    path = packaged_font()
    if path is None:
        return None
    font = TTFont(str(path), recalcTimestamp=False)
    for tag in _UNUSED_TABLES:
        if tag in font:
            del font[tag]
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def subset_font(text: str) -> bytes | None:
    """The packaged font cut to the characters of ``text`` (and printable ASCII), as WOFF.

    Args:
        text: every character the page may show.

    Returns:
        The WOFF file, or None when the font package is not installed.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    base = _base_font()
    if base is None:
        return None
    font = TTFont(io.BytesIO(base), recalcTimestamp=False)
    opts = subset.Options()
    opts.flavor = "woff"
    opts.hinting = False
    opts.desubroutinize = True  # compresses better
    opts.layout_features = []
    opts.name_IDs = [1, 2]  # family and style names only
    opts.notdef_outline = True  # a character the font lacks shows as a box, not as nothing
    sub = subset.Subsetter(opts)
    sub.populate(text="".join(sorted(set(text) | set(_ASCII))))
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def font_face_css(text: str) -> str:
    """A ``@font-face`` rule for :data:`FONT_FAMILY` with the font subset to ``text`` inline.

    Args:
        text: every character the page may show.

    Returns:
        The CSS rule, or ``""`` when the font package is not installed.
    """
    woff = subset_font(text)
    if woff is None:
        return ""
    data = base64.b64encode(woff).decode("ascii")
    return (f'@font-face {{ font-family: "{FONT_FAMILY}"; font-style: normal; font-weight: 400; '
            f'font-display: block; src: url(data:font/woff;base64,{data}) format("woff"); }}\n')
