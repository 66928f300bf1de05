"""The eight layouts a report model is rendered in, each a function ``(doc, rng) -> bytes``."""

from __future__ import annotations

import random
from collections.abc import Callable

from ogi.synth.model import Doc
from ogi.synth.render.html import render_html
from ogi.synth.render.office import render_docx, render_pdf
from ogi.synth.render.space import render_space
from ogi.synth.render.text import render_flat, render_markdown, render_pipe, render_tab

__all__ = ["RENDERERS"]

#: Renderer of each layout.
RENDERERS: dict[str, Callable[[Doc, random.Random], bytes]] = {
    "pipe": render_pipe,
    "flat": render_flat,
    "tab": render_tab,
    "markdown": render_markdown,
    "space": render_space,
    "html": render_html,
    "docx": render_docx,
    "pdf": render_pdf,
}
