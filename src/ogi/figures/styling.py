"""One rc context for ogi's figures, a CJK font found at run time, and reproducible saving.

:func:`style` sets a Chinese-capable font (the pinned ``pylopdf-fonts-zh-cn`` Noto Sans SC
first, then any installed CJK font that matplotlib's font manager knows: Noto Sans CJK,
Source Han Sans, WenQuanYi, SimHei …), embeds TrueType/CFF outlines in PDFs
(``pdf.fonttype=42``) and a quiet house look.  It also sets the language of the figures drawn
inside it (``lang="zh"|"en"|"both"``) and, with ``paper=True``, the paper style: no titles (the
caption says what a figure shows) and 300 dpi.  It changes nothing outside the ``with``
block, and a caller's own ``plt.rc_context`` inside it wins.  :func:`save_figure` writes
PNG and PDF files without timestamps or software stamps, so that the same data gives the
same bytes.

Example:
    >>> import matplotlib.pyplot as plt
    >>> from ogi.figures import style
    >>> with style():  # doctest: +SKIP
    ...     fig, ax = plt.subplots()
    ...     ax.set_title("依申请公开办理结果")
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from ogi.errors import OgiError, UsageError
from ogi.figures.labels import Lang, check_lang

__all__ = ["FORMATS", "PAPER_RC", "RC", "CJKFont", "FigureOptions", "current_options", "find_cjk_font",
           "save_figure", "style"]

#: Output formats :func:`save_figure` knows.
FORMATS: tuple[str, ...] = ("png", "pdf")

#: The house rc settings (the font is added by :func:`style`).
RC: dict = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "axes.unicode_minus": False,
    "svg.hashsalt": "ogi",
}

#: What the paper style changes (and it draws no titles).
PAPER_RC: dict = {"savefig.dpi": 300, "font.size": 8, "axes.labelsize": 8, "legend.fontsize": 7}


@dataclass(frozen=True)
class FigureOptions:
    """How the figures drawn inside :func:`style` are written.

    Attributes:
        lang: ``zh``, ``en`` or ``both`` (Chinese then English).
        titles: draw the default title of each figure (off in the paper style).
    """

    lang: Lang = "both"
    titles: bool = True


_OPTIONS: ContextVar[FigureOptions | None] = ContextVar("ogi_figure_options", default=None)


def current_options() -> FigureOptions:
    """The options of the innermost :func:`style` block (both languages, titles, outside any)."""
    return _OPTIONS.get() or FigureOptions()


_SYSTEM_CANDIDATES = ("Noto Sans SC", "Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                      "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei",
                      "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN", "Noto Serif CJK SC")


@dataclass(frozen=True)
class CJKFont:
    """A font able to draw Chinese.

    Attributes:
        name: the family name matplotlib knows it by.
        path: the font file.
        source: ``"pylopdf-fonts-zh-cn"`` (the pinned package) or ``"system"``.
    """

    name: str
    path: str
    source: str

    def sha256(self) -> str:
        """SHA-256 of the font file (for provenance)."""
        return hashlib.sha256(Path(self.path).read_bytes()).hexdigest()


@functools.lru_cache(maxsize=1)
def find_cjk_font() -> CJKFont:
    """Find a font that draws Chinese, once per process.

    Looks first for Noto Sans SC of the pinned ``pylopdf-fonts-zh-cn`` package, then for
    installed CJK fonts known to :mod:`matplotlib.font_manager`.

    Returns:
        The :class:`CJKFont`, registered with matplotlib's font manager.

    Raises:
        OgiError: no CJK font is installed; the message says what to install.
    """
    from matplotlib import font_manager as fm

    from ogi.view.fonts import packaged_font

    p = packaged_font()
    if p is not None:
        fm.fontManager.addfont(str(p))
        return CJKFont(name=fm.FontProperties(fname=str(p)).get_name(), path=str(p), source="pylopdf-fonts-zh-cn")
    known = {f.name: f.fname for f in fm.fontManager.ttflist}
    for name in _SYSTEM_CANDIDATES:
        if name in known:
            return CJKFont(name=name, path=known[name], source="system")
    for f in sorted(fm.fontManager.ttflist, key=lambda f: (f.name, f.fname)):
        if any(k in f.name for k in ("CJK", "Han Sans", "WenQuanYi", "Hei", "Song", "Kai")):
            return CJKFont(name=f.name, path=f.fname, source="system")
    raise OgiError("no font that can draw Chinese was found; install the pinned font package "
                   "(`pip install pylopdf-fonts-zh-cn`) or a system CJK font "
                   "(`apt-get install fonts-noto-cjk` or `fonts-wqy-zenhei`)")


@contextlib.contextmanager
def style(*, rc: Mapping | None = None, lang: Lang = "both", paper: bool = False) -> Iterator[CJKFont]:
    """The house style with a CJK font, as a context manager.

    Args:
        rc: extra rc settings, applied over the house style (and the paper style).
        lang: the language of the figures drawn inside: ``zh``, ``en`` or ``both``.
        paper: the paper style: no titles, :data:`PAPER_RC`.

    Yields:
        The :class:`CJKFont` in use.

    Raises:
        OgiError: no CJK font is installed.
        UsageError: an unknown ``lang``.

    Example:
        >>> with style(rc={"font.size": 12}) as font:  # doctest: +SKIP
        ...     font.name
        'Noto Sans SC'
    """
    import matplotlib.pyplot as plt

    options = FigureOptions(lang=check_lang(lang), titles=not paper)
    font = find_cjk_font()
    settings = dict(RC)
    settings["font.family"] = "sans-serif"
    settings["font.sans-serif"] = [font.name, "DejaVu Sans"]
    if paper:
        settings.update(PAPER_RC)
    settings.update(rc or {})
    token = _OPTIONS.set(options)
    try:
        with plt.rc_context(settings):
            yield font
    finally:
        _OPTIONS.reset(token)


def save_figure(fig, stem: str | Path, *, formats: Sequence[str] = FORMATS, dpi: float | None = None) -> list[Path]:
    """Save a figure reproducibly as ``<stem>.png``, ``<stem>.pdf`` ….

    PNG files carry no ``Software`` stamp and PDF files no creation date, so two saves of
    the same figure give identical bytes.

    Args:
        fig: the matplotlib Figure.
        stem: the path without suffix; parent folders are created.
        formats: any of :data:`FORMATS`.
        dpi: resolution of raster formats (``savefig.dpi`` by default).

    Returns:
        The written paths, in the order of ``formats``.

    Raises:
        UsageError: an unknown format.
    """
    out = []
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"invalid format {fmt!r}; valid values: {', '.join(FORMATS)}")
        path = stem.with_name(stem.name + "." + fmt)
        meta = {"Software": None} if fmt == "png" else {"CreationDate": None, "ModDate": None}
        kw = {"dpi": dpi} if dpi is not None else {}
        fig.savefig(path, format=fmt, metadata=meta, **kw)
        out.append(path)
    return out
