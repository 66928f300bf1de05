"""The ``docx`` and ``pdf`` layouts, written with fixed timestamps so a seed gives the same bytes."""

from __future__ import annotations

import datetime as _dt
import functools
import html as _html
import io
import random
import zipfile

from ogi.synth.model import Doc, Table, grid_positions

__all__ = ["render_docx", "render_pdf"]

_FIXED_TIME = _dt.datetime(2000, 1, 1, 0, 0, 0)


def render_docx(doc: Doc, rng: random.Random) -> bytes:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    cp = d.core_properties
    cp.title, cp.author, cp.last_modified_by = "", "", ""
    cp.created = cp.modified = cp.last_printed = _FIXED_TIME
    cp.revision = 1

    def para(text: str, *, bold: bool = False, center: bool = False, size: int | None = None) -> None:
        p = d.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    para(doc.title, bold=True, center=True, size=18)
    para(doc.date_line, center=True)
    for blk in doc.blocks:
        if isinstance(blk, Table):
            table = d.add_table(rows=len(blk.rows), cols=blk.width)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, c, cell in grid_positions(blk):
                target = table.cell(r, c)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
                lines = cell.text.split("\n")
                target.text = lines[0]
                for extra in lines[1:]:
                    target.add_paragraph(extra)
                for p in target.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
            d.add_paragraph()
        elif blk.role in ("heading", "sub"):
            para(blk.text, bold=True)
        else:
            p = d.add_paragraph(blk.text)
            p.paragraph_format.first_line_indent = Pt(24)
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed timestamps so the bytes are reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_pdf(doc: Doc, rng: random.Random) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0, fontSize=11.5, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=TA_CENTER, firstLineIndent=0)
    center = ParagraphStyle("center", parent=body, alignment=TA_CENTER, firstLineIndent=0)
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK", alignment=TA_CENTER)
    esc = functools.partial(_html.escape, quote=False)

    widths = {
        "table2": [5.0 * cm, 4.2 * cm, 4.2 * cm, 4.2 * cm],
        "table3": [1.0 * cm, 2.0 * cm, 5.0 * cm] + [1.4 * cm] * 7,
        "table4": [1.18 * cm] * 15,
    }
    story: list = [Paragraph(esc(doc.title), title), Paragraph(esc(doc.date_line), center), Spacer(1, 6)]
    for blk in doc.blocks:
        if isinstance(blk, Table):
            data = [[""] * blk.width for _ in blk.rows]
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                     ("FONT", (0, 0), (-1, -1), font, 7.5), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                     ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
            for r, c, cell in grid_positions(blk):
                data[r][c] = Paragraph("<br/>".join(esc(x) for x in cell.text.split("\n")), cell_style)
                if cell.rowspan > 1 or cell.colspan > 1:
                    style.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            story += [PdfTable(data, colWidths=widths[blk.name], style=TableStyle(style), repeatRows=0), Spacer(1, 8)]
        elif blk.role in ("heading", "sub"):
            story.append(Paragraph(f"<b>{esc(blk.text)}</b>" if blk.role == "heading" else esc(blk.text), head))
        else:
            story.append(Paragraph(esc(blk.text), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, leftMargin=1.6 * cm, rightMargin=1.6 * cm,
                      topMargin=2 * cm, bottomMargin=2 * cm, title=doc.title,
                      author="").build(story)
    return buf.getvalue()


