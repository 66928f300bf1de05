"""Tests of ogi.read: encodings, txt/md tables, HTML, PDF, DOCX, errors, the dev corpus."""

from __future__ import annotations

import hashlib
import io
import time
import zipfile
from pathlib import Path

import pytest

from ogi.document import Document, Paragraph, Table
from ogi.errors import ReadError, UsageError
from ogi.read import decode, read, read_bytes, read_text

SNIPPET = ("一、总体情况\r\n"
           "2024年，本机关共收到政府信息公开申请4件，全部按时办结。\r\n"
           "二、主动公开政府信息情况\r\n")
SNIPPET_LF = SNIPPET.replace("\r\n", "\n")


def _cells(table: Table) -> list[tuple[str, int, int, int, int]]:
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for row in table.rows for c in row]


def _texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("data, encoding", [
    (SNIPPET.encode("utf-8"), "utf-8"),
    (SNIPPET.encode("utf-8-sig"), "utf-8-sig"),
    (SNIPPET.encode("utf-16"), "utf-16"),  # with BOM (native order)
    (b"\xfe\xff" + SNIPPET.encode("utf-16-be"), "utf-16"),
    (SNIPPET.encode("utf-32"), "utf-32"),
    (SNIPPET.encode("utf-16-le"), "utf-16-le"),  # no BOM
    (SNIPPET.encode("utf-16-be"), "utf-16-be"),  # no BOM
    (SNIPPET.encode("gb18030"), "gb18030"),
    (SNIPPET.encode("gbk"), "gb18030"),
    (SNIPPET.encode("gb2312"), "gb18030"),
], ids=["utf-8", "utf-8-sig", "utf-16-bom-le", "utf-16-bom-be", "utf-32", "utf-16-le",
        "utf-16-be", "gb18030", "gbk", "gb2312"])
def test_read_decodes_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    text, enc = decode(data)
    assert (text, enc) == (SNIPPET_LF, encoding)
    f = tmp_path / "report.txt"
    f.write_bytes(data)
    doc = read(f)
    assert doc.encoding == encoding
    assert doc.text == SNIPPET_LF.rstrip("\n")
    assert doc.source_chars == len(SNIPPET_LF)
    # the encoding name decodes the original bytes
    assert data.decode(enc).lstrip("\ufeff").replace("\r\n", "\n") == SNIPPET_LF


@pytest.mark.parametrize("raw, expected", [
    ("a\r\nb\rc\nd", "a\nb\nc\nd"),
    ("\ufeff一、总体情况", "一、总体情况"),
    ("无换行", "无换行"),
])
def test_read_decode_normalises_newlines_and_bom(raw: str, expected: str) -> None:
    assert decode(raw.encode("utf-8"))[0] == expected


def test_read_decode_fast_paths_skip_charset_normalizer(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    def boom(*args, **kwargs):
        raise AssertionError("charset-normalizer called on the fast path")

    monkeypatch.setattr(charset_normalizer, "from_bytes", boom)
    assert decode(SNIPPET.encode("utf-8"))[1] == "utf-8"
    assert decode(SNIPPET.encode("gbk"))[1] == "gb18030"
    assert decode(SNIPPET.encode("utf-16"))[1] == "utf-16"


def test_read_decode_falls_back_to_charset_normalizer() -> None:
    big5 = "一、總體情況\n本機關共收到政府資訊公開申請4件，已全部辦結。\n".encode("big5")
    text, enc = decode(big5)
    assert enc == "big5"
    assert "總體情況" in text


# --------------------------------------------------------------------------- txt / md

def test_read_text_lines_are_paragraphs_with_offsets() -> None:
    source = "标题: 某某报告\n\n  一、总体情况  \n2024年共收到申请4件。\n"
    doc = read_text(source)
    assert [p.text for p in doc.paragraphs] == ["标题: 某某报告", "  一、总体情况  ",
                                                 "2024年共收到申请4件。"]
    for p in doc.paragraphs:
        assert source[p.source_offset:p.source_offset + len(p.text)] == p.text
        assert doc.text[p.start:p.end] == p.text


@pytest.mark.parametrize("source, rows", [
    pytest.param(  # pipe-flattened, trailing "||" as in the seed report
        "第二十条第(一)项 | |||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "规章 | 0 | 0 | 0 |\n行政许可 | 2149 | ||\n",
        [["第二十条第(一)项", "", "", ""],
         ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
         ["规章", "0", "0", "0"],
         ["行政许可", "2149", "", ""]], id="pipe-seed"),
    pytest.param(  # markdown with outer pipes and a delimiter row, empty cell kept
        "| 信息内容 | 本年制发件数 | 本年废止件数 |\n|---|:---:|---:|\n| 规章 |  | 0 |\n",
        [["信息内容", "本年制发件数", "本年废止件数"], ["规章", "", "0"]], id="markdown"),
    pytest.param(  # markdown without outer pipes; delimiter rows inside the run dropped
        "自然人 | 商业企业 | 总计\n--- | --- | ---\n3 | 0 | 3\n|---|---|---|\n1 | | 1\n",
        [["自然人", "商业企业", "总计"], ["3", "0", "3"], ["1", "", "1"]], id="markdown-bare"),
    pytest.param(
        "一、本年新收\t3\t\t0\t3\n二、上年结转\t0\t0\t0\t0\n",
        [["一、本年新收", "3", "", "0", "3"], ["二、上年结转", "0", "0", "0", "0"]], id="tab"),
])
def test_read_groups_table_rows(source: str, rows: list[list[str]]) -> None:
    doc = read_text("三、收到和处理政府信息公开申请情况\n" + source + "四、结转\n", fmt="md")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert _texts(doc.tables[0]) == rows
    assert all(c.col == j and c.row == i
               for i, row in enumerate(doc.tables[0].rows) for j, c in enumerate(row))


@pytest.mark.parametrize("line", [
    "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119",  # PDF text
    "一、本年新收政府信息公开申请数量21710000218",  # cells run together
    "信息内容 | 本年收费金额",  # a single separator
    "\t\t一、总体情况",  # indentation, not cells
    "---",  # a markdown rule
])
def test_read_keeps_non_table_lines_as_paragraphs(line: str) -> None:
    doc = read_text("前言\n" + line + "\n结语")
    assert doc.tables == []
    assert [p.text for p in doc.paragraphs] == ["前言", line, "结语"]


def test_read_blank_line_and_kind_change_split_tables() -> None:
    doc = read_text("a | b | c\n\nd | e | f\ng\th\ti\n")
    assert [_texts(t) for t in doc.tables] == [[["a", "b", "c"]], [["d", "e", "f"]],
                                               [["g", "h", "i"]]]
    assert [t.index for t in doc.tables] == [0, 1, 2]


# --------------------------------------------------------------------------- html

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>某局2024年政府信息公开工作年度报告</title>
<script>var x = "<p>脚本</p>";</script><style>p {color: red}</style></head>
<body>
<div class="header"><ul class="menu"><li>首页</li><li>政务公开</li><li>互动交流</li></ul></div>
<nav>网站导航 网站地图</nav>
<div class="main">
 <div class="article_title">某局2024年政府信息公开工作年度报告</div>
 <div class="article_content"><div class="TRS_Editor">
  <p>一、总体情况</p>
  <p>2024年，本局共&nbsp;收到申请<br>4件。</p>
  <p>   </p>
  <table border="1">
   <tr><td rowspan="2" colspan="2">（本列数据的勾稽关系）</td><td colspan="3">申请人情况</td></tr>
   <tr><td rowspan="2">自然人</td><td>商业<br/>企业</td><td>总计</td></tr>
   <tr><td>一、</td><td>本年新收</td><td>3</td><td></td></tr>
  </table>
  <p>二、主动公开政府信息情况</p>
 </div></div>
 <div class="article_attachment">附件下载</div>
</div>
<div class="footer">版权所有 网站标识码 主办单位</div>
<form><input value="搜索"><button>提交</button><select><option>友情链接</option></select></form>
</body></html>"""


def test_read_html_spans_chrome_and_title(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    doc = read(f)
    assert doc.format == "html"
    assert doc.meta["title"] == "某局2024年政府信息公开工作年度报告"
    assert [b.kind for b in doc.blocks] == ["paragraph"] * 3 + ["table", "paragraph"]
    assert [p.text for p in doc.paragraphs] == ["一、总体情况", "2024年，本局共 收到申请",
                                                "4件。", "二、主动公开政府信息情况"]
    for chrome in ("首页", "网站导航", "版权所有", "附件下载", "脚本", "搜索", "友情链接"):
        assert chrome not in doc.text
    assert _cells(doc.tables[0]) == [
        ("（本列数据的勾稽关系）", 0, 0, 2, 2), ("申请人情况", 0, 2, 1, 3),
        ("自然人", 1, 2, 2, 1), ("商业 企业", 1, 3, 1, 1), ("总计", 1, 4, 1, 1),
        ("一、", 2, 0, 1, 1), ("本年新收", 2, 1, 1, 1), ("3", 2, 3, 1, 1), ("", 2, 4, 1, 1),
    ]
    assert doc.tables[0].grid()[2] == ["一、", "本年新收", "自然人", "3", ""]


def test_read_html_br_separates_paragraphs() -> None:
    doc = read_bytes("<p>第一行<br>第二行</p><div>甲<span>乙</span>丙</div>".encode(),
                     name="x.html")
    assert [p.text for p in doc.paragraphs] == ["第一行", "第二行", "甲乙丙"]


def test_read_html_title_from_title_class_or_heading() -> None:
    page = ('<div class="article_title text_align_center"> 某区2023年度 报告 </div>'
            '<div class="TRS_Editor"><p>一、总体情况</p><p>正文内容。</p></div>')
    doc = read_bytes(page.encode(), name="p.htm")
    assert doc.meta["title"] == "某区2023年度 报告"
    assert doc.text == "一、总体情况\n正文内容。"
    doc = read_bytes("<h1>某县年度报告</h1><p>正文</p>".encode(), name="p.html")
    assert doc.meta["title"] == "某县年度报告"


def test_read_html_word_markup() -> None:
    page = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<!--[if gte mso 9]><xml><w:WordDocument>隐藏</w:WordDocument></xml><![endif]-->
<p class=MsoNormal><![if !supportLists]><span>1.</span><![endif]>加强组织领导<o:p></o:p></p>
<table class=MsoTableGrid><tr><td><p class=MsoNormal>本年新<br/>
制作数量<o:p>&nbsp;</o:p></p></td><td><p>0<o:p></o:p></p></td></tr>
<tr><td><p>规章</p></td><td>  5 </td></tr></table></body></html>"""
    doc = read_bytes(page.encode("utf-8"), name="word.html")
    assert "隐藏" not in doc.text
    assert doc.paragraphs[0].text == "1.加强组织领导"
    assert _texts(doc.tables[0]) == [["本年新 制作数量", "0"], ["规章", "5"]]


def test_read_html_nested_table_text_goes_into_cell() -> None:
    page = ("<table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr>"
            "<tr><td>内3</td></tr></table></td></tr></table>")
    doc = read_bytes(page.encode(), name="n.html")
    assert len(doc.tables) == 1
    assert _texts(doc.tables[0]) == [["外", "内1 内2 内3"]]


def test_read_html_gbk_and_xml_declaration() -> None:
    page = ('<?xml version="1.0" encoding="gb2312"?>\n<html><head><meta charset="gb2312">'
            '</head><body><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr>'
            '</table></body></html>')
    doc = read_bytes(page.encode("gbk"), name="p.xhtml")
    assert doc.encoding == "gb18030"
    assert doc.text == "一、总体情况\n规章 | 0"


def test_read_html_layout_table_is_walked_into() -> None:
    article = "本机关认真贯彻落实条例要求，持续推进政务公开。" * 10
    page = ("<table><tr><td>网站首页 政务公开</td></tr><tr><td><p>一、总体情况</p>"
            f"<p>{article}</p><table><tr><td>规章</td><td>0</td></tr>"
            "<tr><td>规范性文件</td><td>3</td></tr></table></td></tr></table>")
    doc = read_bytes(page.encode(), name="layout.html")
    assert [b.kind for b in doc.blocks] == ["paragraph"] * 3 + ["table"]
    assert doc.paragraphs[1].text == "一、总体情况"
    assert _texts(doc.tables[0]) == [["规章", "0"], ["规范性文件", "3"]]


@pytest.mark.parametrize("page", [
    "<div>" * 100_000 + "深" + "</div>" * 100_000 + "<p>后</p>",
    "<p>前</p>" + "<div>" * 100_000 + "深" + "</div>" * 100_000,
    "<table><tr><td>" * 3_000 + "内" + "</td></tr></table>" * 3_000,
    "<table><tr>" + '<td rowspan="65534" colspan="1000">x</td>' * 30 + "</tr>"
    + "<tr><td>y</td></tr>" * 5_000 + "</table>",
], ids=["deep-div", "deep-div-after-text", "deep-tables", "huge-spans"])
def test_read_html_pathological_input_is_bounded(page: str) -> None:
    start = time.perf_counter()
    try:
        doc = read_bytes(page.encode(), name="evil.html")
    except ReadError as exc:
        assert "evil.html" in str(exc)
    else:
        assert isinstance(doc, Document)
        assert all(t.n_cols <= 1030 for t in doc.tables)
    assert time.perf_counter() - start < 5


# --------------------------------------------------------------------------- pdf

def _make_pdf(path: Path, *, fake_bold: bool = False) -> None:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=12, leading=16)
    data = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "0", "0", "0"],
            ["行政规范性文件", "6", "1", "32"],
            ["第二十条第（五）项", "", "", ""],
            ["行政许可", "2149", "", ""]]
    table = RLTable(data)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 3), (-1, 3)),
        ("SPAN", (1, 4), (-1, 4)),
    ]))

    def page_number(canvas, doc) -> None:
        canvas.setFont("STSong-Light", 10)
        canvas.drawCentredString(300, 30, f"- {doc.page} -")
        if fake_bold:  # the heading printed twice at the same place
            canvas.setFont("STSong-Light", 14)
            canvas.drawString(72, 800, "重复加粗标题")
            canvas.drawString(72, 800, "重复加粗标题")

    SimpleDocTemplate(str(path)).build(
        [RLParagraph("二、主动公开政府信息情况", style), Spacer(1, 12), table, Spacer(1, 12),
         RLParagraph("三、收到和处理政府信息公开申请情况", style)],
        onFirstPage=page_number, onLaterPages=page_number)


def test_read_pdf_text_and_table(tmp_path: Path) -> None:
    f = tmp_path / "report.pdf"
    _make_pdf(f)
    doc = read(f)
    assert doc.format == "pdf"
    assert doc.meta["pages"] == 1
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert doc.paragraphs[0].text == "二、主动公开政府信息情况"
    assert doc.paragraphs[1].text == "三、收到和处理政府信息公开申请情况"
    assert "- 1 -" not in doc.text
    assert _cells(doc.tables[0]) == [
        ("信息内容", 0, 0, 1, 1), ("本年制发件数", 0, 1, 1, 1), ("本年废止件数", 0, 2, 1, 1),
        ("现行有效件数", 0, 3, 1, 1),
        ("规章", 1, 0, 1, 1), ("0", 1, 1, 1, 1), ("0", 1, 2, 1, 1), ("0", 1, 3, 1, 1),
        ("行政规范性文件", 2, 0, 1, 1), ("6", 2, 1, 1, 1), ("1", 2, 2, 1, 1), ("32", 2, 3, 1, 1),
        ("第二十条第（五）项", 3, 0, 1, 4),
        ("行政许可", 4, 0, 1, 1), ("2149", 4, 1, 1, 3),
    ]


def test_read_pdf_dedupes_doubled_characters(tmp_path: Path) -> None:
    f = tmp_path / "bold.pdf"
    _make_pdf(f, fake_bold=True)
    doc = read(f)
    assert doc.paragraphs[0].text == "重复加粗标题"


def test_read_pdf_frame_is_not_a_table_and_page_numbers_dropped(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    f = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(f))
    c.rect(50, 50, 500, 740)  # a frame round the whole page
    c.setFont("STSong-Light", 12)
    c.drawString(100, 700, "一、总体情况")
    c.drawString(100, 680, "本年共收到申请4件。")
    c.drawString(290, 60, "第 1 页")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(100, 700, "第二页正文")
    c.drawString(290, 60, "- 2 -")
    c.save()
    doc = read(f)
    assert doc.meta["pages"] == 2
    assert doc.tables == []
    assert doc.text == "一、总体情况\n本年共收到申请4件。\n第二页正文"


# --------------------------------------------------------------------------- docx

def _make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    t = d.add_table(rows=4, cols=4)
    values = [["", "", "", "总计"], ["自然人", "", "科研", ""],
              ["一、本年新收", "3", "0", "3"], ["二、上年结转", "0", "", "0"]]
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(0, 0).merge(t.cell(0, 2)).text = "申请人情况"  # horizontal: gridSpan 3
    t.cell(0, 3).merge(t.cell(1, 3))  # vertical: vMerge
    cell = t.cell(1, 1)
    cell.paragraphs[0].text = "商业"
    cell.add_paragraph("企业")
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    d.save(str(path))


def test_read_docx_merged_cells_and_order(tmp_path: Path) -> None:
    f = tmp_path / "report.docx"
    _make_docx(f)
    doc = read(f)
    assert doc.format == "docx"
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert doc.paragraphs[1].text == "四、政府信息公开行政复议、行政诉讼情况"
    assert _cells(doc.tables[0]) == [
        ("申请人情况", 0, 0, 1, 3), ("总计", 0, 3, 2, 1),
        ("自然人", 1, 0, 1, 1), ("商业 企业", 1, 1, 1, 1), ("科研", 1, 2, 1, 1),
        ("一、本年新收", 2, 0, 1, 1), ("3", 2, 1, 1, 1), ("0", 2, 2, 1, 1), ("3", 2, 3, 1, 1),
        ("二、上年结转", 3, 0, 1, 1), ("0", 3, 1, 1, 1), ("", 3, 2, 1, 1), ("0", 3, 3, 1, 1),
    ]


# --------------------------------------------------------------------------- api

def test_read_sets_provenance(tmp_path: Path) -> None:
    data = "一、总体情况\n规章 | 0 | 0 |\n".encode("gbk")
    f = tmp_path / "r.txt"
    f.write_bytes(data)
    doc = read(str(f))
    assert doc.path == str(f)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.encoding == "gb18030"
    assert doc.source_chars == len("一、总体情况\n规章 | 0 | 0 |\n")
    assert read(f).path == str(f)  # PathLike accepted
    assert read_bytes(data).path is None
    assert read_bytes(data, name="x.txt").path == "x.txt"


def test_read_fmt_overrides_extension(tmp_path: Path) -> None:
    f = tmp_path / "page.txt"
    f.write_text("<p>一、总体情况</p>", encoding="utf-8")
    assert read(f).text == "<p>一、总体情况</p>"
    assert read(f, fmt="html").text == "一、总体情况"
    assert read(f, fmt="md").format == "md"


@pytest.mark.parametrize("suffix, fmt", [(".md", "md"), (".markdown", "md"), (".TXT", "txt"),
                                         (".htm", "html"), (".xhtml", "html")])
def test_read_format_from_extension(tmp_path: Path, suffix: str, fmt: str) -> None:
    f = tmp_path / f"r{suffix}"
    f.write_text("<p>一、总体情况</p>\n", encoding="utf-8")
    assert read(f).format == fmt


def test_read_bytes_sniffs_format(tmp_path: Path) -> None:
    _make_pdf(tmp_path / "a.pdf")
    _make_docx(tmp_path / "a.docx")
    assert read_bytes((tmp_path / "a.pdf").read_bytes()).format == "pdf"
    assert read_bytes((tmp_path / "a.docx").read_bytes()).format == "docx"
    assert read_bytes("<table><tr><td>规章</td></tr></table>".encode()).format == "html"
    assert read_bytes("<P>正文</P>".encode()).format == "html"
    assert read_bytes("正文 <不是标签>".encode()).format == "txt"
    assert read_bytes((tmp_path / "a.pdf").read_bytes(), name="noext").format == "pdf"


def test_read_unknown_extension_strict_for_files_sniffed_for_bytes(tmp_path: Path) -> None:
    f = tmp_path / "report.bin"
    f.write_text("一、总体情况", encoding="utf-8")
    with pytest.raises(ReadError, match="unsupported file extension '.bin'"):
        read(f)
    assert read_bytes("一、总体情况".encode(), name="report.bin").format == "txt"
    page = "<html><body><p>一、总体情况</p></body></html>".encode()
    assert read_bytes(page, name="detail.jsp?id=5").format == "html"


def test_read_text_in_memory() -> None:
    doc = read_text("\ufeff一、总体情况\r\n| a | b |\r\n", fmt="md", name="mem.md")
    assert doc.format == "md"
    assert doc.path == "mem.md"
    assert doc.encoding is None
    assert doc.text == "一、总体情况\na | b"
    assert isinstance(doc.blocks[0], Paragraph)


@pytest.mark.parametrize("call", [
    lambda: read("x.txt", fmt="doc"),
    lambda: read_bytes(b"x", fmt="TXT"),
    lambda: read_text("x", fmt="html"),
], ids=["read", "read_bytes", "read_text"])
def test_read_bad_fmt_is_usage_error(call) -> None:
    with pytest.raises(UsageError) as info:
        call()
    assert "txt" in str(info.value) and "md" in str(info.value)


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret",
                                                                   ownerPassword="owner"))
    c.drawString(100, 700, "hello")
    c.save()
    return buf.getvalue()


def _truncated_pdf(tmp_path: Path) -> bytes:
    _make_pdf(tmp_path / "full.pdf")
    data = (tmp_path / "full.pdf").read_bytes()
    return data[: len(data) // 3]


ERROR_CASES = [
    ("missing", "gone.txt", None, "not found"),
    ("zero-bytes", "e.txt", lambda p: b"", "empty"),
    ("whitespace", "w.md", lambda p: b" \r\n\t\xe3\x80\x80\n", "empty"),
    ("nul-bytes", "n.txt", lambda p: b"abc\x00\x01\x02def\x00\xff" * 10, "binary"),
    ("control-chars", "c.txt", lambda p: bytes(range(1, 9)) * 50 + b"text", "binary"),
    ("png-as-txt", "i.txt", lambda p: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
    ("png-no-ext", "image", lambda p: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
    ("zip-not-docx", "z.docx", lambda p: _zip({"a.txt": b"x"}), "DOCX"),
    ("zip-no-ext", "archive", lambda p: _zip({"a.txt": b"x"}), "zip"),
    ("undecodable", "u.txt", lambda p: bytes(range(0x80, 0x100)) * 3, "undecodable"),
    ("unsupported-ext", "r.doc", lambda p: b"hello", "unsupported"),
    ("unsupported-ext-xls", "r.xlsx", lambda p: b"hello", "unsupported"),
    ("unsupported-ext-png", "r.png", lambda p: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
     "unsupported"),
    ("pdf-garbage", "g.pdf", lambda p: b"%PDF-1.4\nnot really a pdf", "corrupt PDF"),
    ("pdf-no-header", "h.pdf", lambda p: b"hello world", "corrupt PDF"),
    ("pdf-truncated", "t.pdf", _truncated_pdf, "corrupt PDF"),
    ("pdf-encrypted", "s.pdf", lambda p: _encrypted_pdf(), "encrypted"),
    ("docx-not-zip", "d.docx", lambda p: b"plain text", "corrupt DOCX"),
    ("docx-bad-xml", "x.docx", lambda p: _zip({"[Content_Types].xml": b"<bad",
                                               "word/document.xml": b"<w:document"}),
     "corrupt DOCX"),
    ("html-empty", "e.html", lambda p: b"<!-- nothing -->", "HTML"),
    ("html-no-text", "s.html", lambda p: b"<script>var a;</script><p> </p>", "HTML"),
]


@pytest.mark.parametrize("name, make, reason", [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_read_errors_are_read_errors(tmp_path: Path, name: str, make, reason: str) -> None:
    f = tmp_path / name
    if make is not None:
        f.write_bytes(make(tmp_path))
    with pytest.raises(ReadError) as info:
        read(f)
    assert str(f) in str(info.value)
    assert info.value.path == str(f)
    assert reason.lower() in str(info.value).lower()
    if make is not None:  # the same bytes in memory fail the same way, naming the name
        with pytest.raises(ReadError) as info:
            read_bytes(f.read_bytes(), name=name)
        assert name in str(info.value)


def test_read_directory_is_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="directory"):
        read(tmp_path)


def test_read_bytes_errors_name_the_source() -> None:
    with pytest.raises(ReadError, match="<bytes>"):
        read_bytes(b"")
    with pytest.raises(ReadError, match="<bytes>.*HTML"):
        read_bytes(b"<p> </p><script>x</script>")
    with pytest.raises(ReadError, match="upload.txt"):
        read_bytes(b"\x00\x01\x02\x03" * 8, name="upload.txt")


def test_read_text_errors() -> None:
    with pytest.raises(ReadError, match="mem.txt"):
        read_text(" \n ", name="mem.txt")
    with pytest.raises(ReadError, match="binary"):
        read_text("\x00\x01\x02\x03" * 20)


def test_read_seed_sized_text_is_fast() -> None:
    row = "一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 | ||\n"
    text = ("本报告由某局根据《条例》编制。\n" * 20 + row * 40 + "五、存在的主要问题\n" * 20)
    data = text.encode("utf-8")
    read_bytes(data, name="seed.txt")
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        read_bytes(data, name="seed.txt")
    per_doc = (time.perf_counter() - start) / runs
    assert per_doc < 0.005  # ~0.3 ms in practice; generous for slow CI machines


# --------------------------------------------------------------------------- dev corpus

@pytest.mark.dev_corpus
def test_read_dev_corpus() -> None:
    from ogi.paths import DEV_CORPUS_DIR

    if not DEV_CORPUS_DIR.is_dir():
        pytest.skip(f"dev corpus not found at {DEV_CORPUS_DIR}")
    files = sorted(p for p in DEV_CORPUS_DIR.rglob("*")
                   if p.is_file() and p.suffix.lower() in {".txt", ".md", ".html", ".htm",
                                                            ".pdf", ".docx"}
                   and p.name != "README.md")
    assert files
    for f in files:
        doc = read(f)
        assert doc.text.strip(), f
        assert doc.sha256 and doc.path == str(f)
        if doc.format == "html":
            assert len(doc.tables) >= 3, f
            assert doc.meta.get("title"), f
    page = DEV_CORPUS_DIR / "pingtan-2024-page.html"
    if page.exists():
        table3 = read(page).tables[1]
        rows = {row[0].text: [c.text for c in row[1:]] for row in table3.rows if row}
        assert rows["一、本年新收政府信息公开申请数量"] == ["217", "1", "0", "0", "0", "0", "218"]
        first = next(row for row in table3.rows if row and row[0].text.startswith("一、"))
        assert [c.col for c in first] == [0, 3, 4, 5, 6, 7, 8, 9]


def test_read_allocates_by_the_file_not_by_the_limit(tmp_path):
    import tracemalloc

    import ogi

    p = tmp_path / "r.txt"
    p.write_text("一、总体情况\n本机关共收到申请4件。\n", encoding="utf-8")
    ogi.read(p)
    tracemalloc.start()
    ogi.read(p)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 2**20  # not the 50 MB of the size limit


def test_read_limited_follows_a_growing_file():
    import io

    from ogi.limits import read_limited

    assert read_limited(io.BytesIO(b"x" * 20), 20, 50) == b"x" * 20
    assert len(read_limited(io.BytesIO(b"x" * 30), 10, 50)) == 30  # grew, still under the limit
    assert len(read_limited(io.BytesIO(b"x" * 100), 10, 50)) == 51  # grew past it: one byte over
    assert len(read_limited(io.BytesIO(b"x" * 100), 100, 50)) == 51
