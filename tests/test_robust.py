"""Fault injection for the per-document stages: hostile, broken and huge input never escapes.

Every input a crawl can produce (random bytes, mutated synthetic and real reports, wrong
encodings, truncated or deeply nested markup, external entities, a 100 MB file, pages that
are not reports) must end in a Document/Report or in one of ogi's own errors, whose message
names the file and the reason.  Nothing may hang, read a local file named by the input or
open a network connection.

The hypothesis tests are derandomized (the same examples on every run).  Their number is
``OGI_FUZZ_EXAMPLES`` per test (default 60, which keeps this module near a minute); a
local campaign sets it to thousands.  With ``-s`` the module prints how many fuzzed inputs
it tried and how each ended.
"""

from __future__ import annotations

import functools
import io
import os
import re
import socket
import sys
import tracemalloc
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import ogi
from ogi.cli import app
from ogi.errors import OgiError, ParseError, ReadError, UsageError
from ogi.limits import DEFAULT_MAX_BYTES, MAX_BYTES_ENV, check_size, max_bytes, output_path
from ogi.paths import DEV_CORPUS_DIR, SAMPLE_DIR
from ogi.read import decode
from ogi.synth import LAYOUTS, generate

EXAMPLES = int(os.environ.get("OGI_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example,
                                       HealthCheck.function_scoped_fixture])
# a generous ceiling per fuzz test: a hang fails the test instead of stalling CI
FUZZ_TIMEOUT = max(600, EXAMPLES * 2)

#: outcome of every fuzzed input, per test: "ok", or the error class that ended it
TRIED: dict[str, Counter] = {}

# fragments a crawl mixes into reports: headings, row labels, separators, markup, odd
# characters; insertions repeat them up to thousands of times
TOKENS = ("一、", "二、", "三、", "四、", "五、", "六、", "（一）", "（七）总计", "|", " | ", "\t",
          "\n", "\r\n", "\r", "0", "1", "217", "21710000218", "****", "政府信息公开", "申请",
          "件", "%", "万", "余", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>",
          '<td rowspan="9" colspan="999">', "<p>", "<br>", "<div>", "第二十条第（一）项",
          "行政复议", "结果维持", "自然人", "申请人情况", "结转下年度继续办理", "一是", "二是",
          "；", "。", "\x00", "\ufeff", "\x1b", "\x0c", "&amp;", "&#0;", "&#xD800;",
          "<![CDATA[", "<!--", "<?xml version='1.0'?>", "\u202e", "\U0001F600", "\ufffd",
          "一二三四五六七八九十", "1.", "（", "）", "-", "/", "—", "无", " ", "#", "\u3000", "---",
          "#\n", "1")
SUFFIX = {"pipe": ".txt", "flat": ".txt", "tab": ".txt", "space": ".txt", "markdown": ".md",
          "html": ".html", "docx": ".docx", "pdf": ".pdf"}
TEXT_LAYOUTS = tuple(lay for lay in LAYOUTS if lay not in ("docx", "pdf"))


@pytest.fixture(scope="module", autouse=True)
def _report_fuzz_counts():
    yield
    total = sum(sum(c.values()) for c in TRIED.values())
    escaped = sum(c["ESCAPED"] for c in TRIED.values())
    lines = [f"fuzzed inputs tried: {total}; escaped (not an OgiError): {escaped}"]
    lines += [f"  {name}: {sum(c.values())} ({dict(c.most_common())})"
              for name, c in sorted(TRIED.items())]
    sys.stdout.write("\n" + "\n".join(lines) + "\n")


def _tally(test: str, outcome: str) -> None:
    TRIED.setdefault(test, Counter())[outcome] += 1


@functools.cache
def _synthetic(layout: str, template: str, seed: int) -> bytes:
    return generate(seed, template=template, layout=layout).content


@functools.cache
def _dev_files() -> tuple[Path, ...]:
    if not DEV_CORPUS_DIR.is_dir():
        return ()
    return tuple(sorted(p for p in DEV_CORPUS_DIR.rglob("*") if p.is_file()
                        and p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
                        and p.name.lower() != "readme.md"))


# ----------------------------------------------------------------------------- mutations

_POS = st.integers(min_value=0, max_value=2 ** 31)
_OPS = st.one_of(
    st.tuples(st.just("set"), _POS, st.integers(0, 255)),
    st.tuples(st.just("insert"), _POS, st.sampled_from(TOKENS), st.integers(1, 3000)),
    st.tuples(st.just("delete"), _POS, st.integers(1, 4000)),
    st.tuples(st.just("duplicate"), _POS, st.integers(1, 2000), _POS, st.integers(1, 5)),
    st.tuples(st.just("truncate"), _POS),
    st.tuples(st.just("bytes"), _POS, st.binary(min_size=1, max_size=64)),
)
MUTATIONS = st.lists(_OPS, min_size=1, max_size=6)


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    """Apply byte-level mutations (positions taken modulo the current length)."""
    b = bytearray(data)
    for op in ops:
        n = len(b)
        kind, pos = op[0], op[1] % (n + 1)
        if kind == "set" and n:
            b[pos % n] = op[2]
        elif kind == "insert":
            b[pos:pos] = op[2].encode("utf-8") * op[3]
        elif kind == "delete":
            del b[pos:pos + op[2]]
        elif kind == "duplicate":
            chunk = bytes(b[pos:pos + op[2]])
            at = op[3] % (n + 1)
            b[at:at] = chunk * op[4]
        elif kind == "truncate":
            del b[pos:]
        elif kind == "bytes":
            b[pos:pos] = op[2]
    return bytes(b)


def mutate_text(text: str, ops: list[tuple]) -> str:
    """Apply the same mutations to characters (a "set" puts a code point there)."""
    chars = list(text)
    for op in ops:
        n = len(chars)
        kind, pos = op[0], op[1] % (n + 1)
        if kind == "set" and n:
            chars[pos % n] = chr(0x3000 + op[2] * 97 % 0x6FFF) if op[2] > 127 else chr(op[2])
        elif kind == "insert":
            chars[pos:pos] = list(op[2] * op[3])
        elif kind == "delete":
            del chars[pos:pos + op[2]]
        elif kind == "duplicate":
            chunk = chars[pos:pos + op[2]]
            at = op[3] % (n + 1)
            chars[at:at] = chunk * op[4]
        elif kind == "truncate":
            del chars[pos:]
        elif kind == "bytes":
            chars[pos:pos] = list(op[2].decode("latin-1"))
    return "".join(chars)


def run_pipeline(data: bytes, name: str, test: str, *, statements: bool = False) -> None:
    """read_bytes + parse_document: either a record or an OgiError naming ``name``."""
    try:
        doc = ogi.read_bytes(data, name=name)
        rep = ogi.parse_document(doc, statements=statements)
        rec = rep.to_dict()
    except OgiError as exc:
        assert name in str(exc), f"error does not name the file: {exc}"
        assert exc.reason, "error without a reason"
        _tally(test, type(exc).__name__)
        return
    except BaseException:
        _tally(test, "ESCAPED")
        raise
    assert rec["source"]["path"] == name
    assert rec["meta"]["template"] in ("2021", "2019", "pre2019", "unknown")
    _tally(test, "ok")


# ----------------------------------------------------------------------------- fuzzing

@pytest.mark.slow
@pytest.mark.timeout(FUZZ_TIMEOUT)
@FUZZ
@given(data=st.binary(max_size=8192),
       suffix=st.sampled_from((".txt", ".md", ".html", ".pdf", ".docx", "", ".jsp", ".xhtml")))
def test_robust_fuzz_random_bytes(data: bytes, suffix: str) -> None:
    run_pipeline(data, f"random{suffix}", "random bytes")


@pytest.mark.slow
@pytest.mark.timeout(FUZZ_TIMEOUT)
@FUZZ
@given(layout=st.sampled_from(LAYOUTS), template=st.sampled_from(("2021", "2019")),
       seed=st.integers(0, 2), ops=MUTATIONS)
def test_robust_fuzz_mutated_synthetic_bytes(layout: str, template: str, seed: int,
                                             ops: list[tuple]) -> None:
    data = mutate(_synthetic(layout, template, seed), ops)
    run_pipeline(data, f"synth-{layout}{SUFFIX[layout]}", "synthetic, bytes mutated")


@pytest.mark.slow
@pytest.mark.timeout(FUZZ_TIMEOUT)
@FUZZ
@given(layout=st.sampled_from(TEXT_LAYOUTS), template=st.sampled_from(("2021", "2019")),
       seed=st.integers(0, 2), ops=MUTATIONS,
       encoding=st.sampled_from(("utf-8", "gb18030", "utf-16", "utf-8-sig")))
def test_robust_fuzz_mutated_synthetic_text(layout: str, template: str, seed: int,
                                            ops: list[tuple], encoding: str) -> None:
    text = mutate_text(_synthetic(layout, template, seed).decode("utf-8"), ops)
    data = text.encode(encoding, errors="replace")
    run_pipeline(data, f"synth-{layout}{SUFFIX[layout]}", "synthetic, text mutated")


@pytest.mark.slow
@pytest.mark.dev_corpus
@pytest.mark.timeout(FUZZ_TIMEOUT)
@FUZZ
@given(index=st.integers(0, 10 ** 6), ops=MUTATIONS, as_text=st.booleans())
def test_robust_fuzz_mutated_real_reports(index: int, ops: list[tuple], as_text: bool) -> None:
    files = _dev_files()
    if not files:
        pytest.skip(f"development corpus not found at {DEV_CORPUS_DIR}")
    path = files[index % len(files)]
    raw = path.read_bytes()
    if as_text and path.suffix.lower() in (".txt", ".md", ".html", ".htm"):
        try:
            data = mutate_text(raw.decode("utf-8"), ops).encode("utf-8", errors="replace")
        except UnicodeDecodeError:
            data = mutate(raw, ops)
    else:
        data = mutate(raw, ops)
    run_pipeline(data, path.name, "real, mutated")


_PROBLEM_TEXT = st.lists(st.sampled_from(
    list("一二三四五是；。，、：（）()1234567890.\n\t 问题改进措施加强培训不足存在公开政府信息")
    + ["一是", "二是", "（一）主要问题", "（二）改进情况", "存在的主要问题", "改进措施", "\ufeff",
       "\x00", "****", "1.", "2、", "（1）", "第一，"]), max_size=600).map("".join)


@pytest.mark.slow
@pytest.mark.timeout(FUZZ_TIMEOUT)
@FUZZ
@given(text=st.one_of(_PROBLEM_TEXT, st.text(max_size=2000),
                      st.tuples(st.integers(0, 2), MUTATIONS).map(
                          lambda a: mutate_text(generate(a[0]).truth["problems_text"], a[1]))))
def test_robust_fuzz_statements(text: str) -> None:
    from ogi.nlp.statements import extract_statements

    try:
        stmts = extract_statements(text)
    except OgiError as exc:
        _tally("statements", type(exc).__name__)
        return
    except BaseException:
        _tally("statements", "ESCAPED")
        raise
    for s in stmts:
        assert s["text"] == text[s["start"]:s["end"]]
        assert s["kind"] in ("problem", "improvement", "other")
    _tally("statements", "ok")


@pytest.mark.slow
@pytest.mark.timeout(FUZZ_TIMEOUT)
@FUZZ
@given(layout=st.sampled_from(("pipe", "flat", "tab", "space", "markdown")),
       template=st.sampled_from(("2021", "2019")), ops=MUTATIONS,
       version=st.sampled_from((None, "2021", "2019")))
def test_robust_fuzz_tables(layout: str, template: str, ops: list[tuple],
                            version: str | None) -> None:
    from ogi.tables import find_table_regions, parse_tables

    text = mutate_text(_synthetic(layout, template, 0).decode("utf-8"), ops)
    try:
        res = parse_tables(text, version=version, regions=find_table_regions(text))
        res.nested()
    except OgiError as exc:
        _tally("tables", type(exc).__name__)
        return
    except BaseException:
        _tally("tables", "ESCAPED")
        raise
    assert res.version in ("2021", "2019")
    _tally("tables", "ok")


def test_robust_mutations_are_applied() -> None:
    data = b"0123456789"
    assert mutate(data, [("truncate", 4)]) == b"0123"
    assert mutate(data, [("delete", 2, 3)]) == b"0156789"
    assert mutate(data, [("insert", 0, "|", 2)]) == b"||0123456789"
    assert mutate_text("一二三", [("duplicate", 0, 1, 3, 2)]) == "一二三一一"


# ----------------------------------------------------------------------------- input kinds

def _report_tables(data: bytes, name: str) -> dict:
    rep = ogi.parse_document(ogi.read_bytes(data, name=name), statements=False)
    return rep.tables


@pytest.fixture(scope="module")
def pipe_report() -> str:
    return generate(11, template="2021", layout="pipe").content.decode("utf-8")


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-16"),
    lambda t: t.encode("utf-16-le"),
    lambda t: t.encode("utf-16-be"),
    lambda t: t.encode("utf-32"),
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("utf-8-sig"),
    lambda t: "\ufeff".encode("utf-16-le") + t.encode("utf-16-le"),
    lambda t: t.replace("\n", "\r\n", 40).replace("\n", "\r", 40).encode("utf-8"),
    lambda t: t.replace("。", "。\x0b", 3).replace("，", "，\x1b", 2).encode("utf-8"),
    lambda t: t.encode("utf-8")[:-1] if t.encode("utf-8")[-1] >= 0x80 else (t + "结").encode()[:-1],
    lambda t: t.encode("utf-8").replace("件".encode(), b"\xff", 1),
    lambda t: t.encode("gb18030").replace("件".encode("gb18030"), b"\x81", 1),
], ids=["utf-16-bom", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "utf-8-bom",
        "utf-16-le-explicit-bom", "mixed-line-ends", "control-chars", "utf-8-cut-mid-char",
        "utf-8-one-bad-byte", "gb18030-one-bad-byte"])
def test_robust_encodings_give_the_same_tables(pipe_report: str, encode) -> None:
    expected = _report_tables(pipe_report.encode("utf-8"), "r.txt")
    assert _report_tables(encode(pipe_report), "r.txt") == expected


def test_robust_damaged_text_is_read_and_says_so(pipe_report: str) -> None:
    data = pipe_report.encode("utf-8").replace("件".encode(), b"\xff", 2)
    doc = ogi.read_bytes(data, name="damaged.txt")
    assert doc.meta["decode_errors"] == 2 and "\ufffd" in doc.text
    with pytest.raises(ReadError, match="undecodable"):  # the strict decoder still refuses
        decode(data)
    noise = bytes(range(0x80, 0x100)) * 20  # not text at all: still refused
    with pytest.raises(ReadError, match="noise.txt.*undecodable"):
        ogi.read_bytes(noise, name="noise.txt")


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)


HOSTILE = [
    ("empty.txt", b"", ReadError, "empty"),
    ("empty.pdf", b"", ReadError, "empty"),
    ("blank.html", b" \r\n\t ", ReadError, "empty"),
    ("binary.txt", bytes(range(256)) * 64, ReadError, "binary"),
    ("random.bin", bytes((i * 131 + 7) % 256 for i in range(4096)), ReadError, "unsupported"),
    ("random", bytes((i * 131 + 7) % 256 for i in range(4096)), ReadError, ""),
    ("image.pdf", _png(), ReadError, "PNG"),
    ("photo.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(300), ReadError, "JPEG"),
    ("scan.docx", _png(), ReadError, "PNG"),
    ("image.txt", _png(), ReadError, "PNG"),
    ("image.html", b"GIF89a" + bytes(100), ReadError, "GIF"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ReadError, "unsupported"),
    ("ole.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ReadError, "OLE2"),
    ("controls.txt", bytes(range(1, 9)) * 200, ReadError, "binary"),
    ("truncated.html", b"<html><body><div class='content'><table><tr><td>\xe4\xb8", OgiError,
     ""),
    ("notreport.html", "<html><body><p>今日天气晴，气温二十度。</p></body></html>".encode(),
     ParseError, "not an annual report"),
    ("notreport.txt", ("欢迎访问本网站。" * 200).encode("gbk"), ParseError, "not an annual report"),
    ("404.html", (b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                  b"<p>The requested URL was not found on this server.</p></body></html>"),
     ParseError, "not an annual report"),
    ("deep.html", ("<div>" * 50_000 + "政府信息公开" + "</div>" * 50_000).encode(), ReadError,
     "nested"),
    ("deep-tables.html", ("<table><tr><td>" * 50_000 + "x").encode(), ReadError, "nested"),
    ("gzip.txt", b"\x1f\x8b\x08\x00" + bytes(100), ReadError, "gzip"),
    ("fake.docx", b"PK\x03\x04" + bytes(100), ReadError, "DOCX"),
]


@pytest.mark.parametrize("name, data, error, reason", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_robust_hostile_input_gives_one_clear_error(tmp_path: Path, name: str, data: bytes,
                                                    error: type, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error) as info:
        ogi.parse(path, statements=False)
    assert str(path) in str(info.value)
    assert reason.lower() in str(info.value).lower()


def _with_line(text: str, line: str) -> str:
    lines = text.split("\n")
    k = len(lines) // 2
    return "\n".join(lines[:k] + [line] + lines[k:])


def _in_total_row(text: str, cell: str) -> str:
    """``cell`` as the first cell after the label of table 三's 总计 row."""
    out, n = re.subn(r"([（(]七[）)]总计 \| )", lambda m: m.group(1) + cell + " | ", text, count=1)
    assert n == 1
    return out


LONG_INPUTS = [
    # each of these took minutes or hours before the regexes were made linear
    ("spaces-line", lambda t: _with_line(t, " " * 100_000 + "x")),
    ("tabs-line", lambda t: _with_line(t, "\t" * 100_000 + "x")),
    ("hash-lines", lambda t: _with_line(t, "\n".join(["#"] * 50_000))),
    ("hash-space-lines", lambda t: _with_line(t, "\n".join(["# "] * 50_000))),
    ("rule-then-spaces", lambda t: _with_line(t, "---" + " " * 100_000 + "x")),
    ("digits-then-letter-cell", lambda t: _in_total_row(t, "1" * 60 + "x")),
    ("decimal-then-letter-cell", lambda t: _in_total_row(t, "1." + "1" * 60 + "x")),
    ("many-problem-brackets", lambda t: _with_line(t, "（一）" * 30_000)),
    ("fullwidth-spaces", lambda t: _with_line(t, "\u3000" * 100_000 + "x")),
    ("digits-line", lambda t: _with_line(t, "1 " * 50_000)),
    ("pipes-line", lambda t: _with_line(t, "|" * 100_000)),
    ("long-paragraph", lambda t: _with_line(t, "本机关政府信息公开工作。" * 20_000)),
]


@pytest.mark.timeout(120)  # a regression to super-linear time fails here instead of hanging
@pytest.mark.parametrize("make", [m for _, m in LONG_INPUTS], ids=[n for n, _ in LONG_INPUTS])
def test_robust_long_runs_parse_in_linear_time(pipe_report: str, make) -> None:
    text = make(pipe_report)
    rep = ogi.parse_document(ogi.read_text(text, name="long.txt"), statements=False)
    assert rep.meta.template == "2021"


def test_robust_truncated_reports_parse_what_is_there() -> None:
    for layout in ("html", "pipe", "markdown"):
        data = _synthetic(layout, "2021", 3)
        for cut in (len(data) // 3, len(data) // 2, len(data) - 7):
            run_pipeline(data[:cut], f"cut{SUFFIX[layout]}", "truncated")
    html = _synthetic("html", "2021", 3)
    rep = ogi.parse_document(ogi.read_bytes(html[: len(html) * 2 // 3], name="cut.html"),
                             statements=False)
    assert rep.meta.template == "2021"


def test_robust_deep_html_keeps_the_text_before_the_nesting() -> None:
    page = ("<p>一、总体情况</p><p>本机关政府信息公开工作情况如下。</p>" + "<div>" * 50_000 + "深"
            + "</div>" * 50_000)
    doc = ogi.read_bytes(page.encode(), name="deep.html")
    assert doc.paragraphs[0].text == "一、总体情况"
    assert "nested" in doc.meta["truncated"]


def test_robust_duplicates_under_several_names_give_one_record(tmp_path: Path) -> None:
    data = _synthetic("pipe", "2021", 5)
    recs = []
    for name in ("a.txt", "copy of a.txt", "sub/a.TXT", "a"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        rec = ogi.parse(path, statements=False).to_dict()
        assert rec["source"].pop("path") == str(path)
        recs.append(rec)
    assert all(rec == recs[0] for rec in recs[1:])


def test_robust_parse_is_deterministic() -> None:
    for layout in ("pipe", "flat", "html"):
        data = _synthetic(layout, "2019", 1)
        first = ogi.parse_document(ogi.read_bytes(data, name="r" + SUFFIX[layout])).to_dict()
        again = ogi.parse_document(ogi.read_bytes(data, name="r" + SUFFIX[layout])).to_dict()
        assert first == again


# ----------------------------------------------------------------------------- entities

@pytest.fixture()
def listener():
    """A TCP socket on loopback that records whether anything connected to it."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.setblocking(False)
    yield srv
    srv.close()


def _connected(srv: socket.socket) -> bool:
    try:
        conn, _ = srv.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def _doctype(root: str, secret: Path, port: int) -> str:
    return (f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file://{secret}">'
            f'<!ENTITY net SYSTEM "http://127.0.0.1:{port}/entity">'
            f'<!ENTITY % remote SYSTEM "http://127.0.0.1:{port}/dtd"> %remote;]>')


def _docx_with(doctype: str, body_ref: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_synthetic("docx", "2021", 0)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("word/document.xml", "docProps/core.xml"):
                text = data.decode("utf-8")
                decl_end = text.index("?>") + 2
                text = text[:decl_end] + doctype + text[decl_end:]
                if info.filename == "word/document.xml":
                    text = text.replace("<w:t>", f"<w:t>{body_ref}", 1)
                data = text.encode("utf-8")
            out.writestr(info, data)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["html", "xhtml", "docx"])
def test_robust_external_entities_are_never_resolved_or_fetched(tmp_path: Path, listener,
                                                                 kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT 政府信息公开", encoding="utf-8")
    port = listener.getsockname()[1]
    if kind == "docx":
        data = _docx_with(_doctype("w:document", secret, port), "&xxe;&net;")
    else:
        data = (f'<?xml version="1.0"?>{_doctype("html", secret, port)}'
                '<html><body><div class="content"><p>一、总体情况 &xxe; &net;</p>'
                "<p>本机关政府信息公开工作。</p></div></body></html>").encode()
    name = f"entities.{kind}"
    try:
        doc = ogi.read_bytes(data, name=name)
    except ReadError as exc:  # refusing the file is fine too, reading the secret is not
        assert name in str(exc)
    else:
        assert "SECRET-CONTENT" not in doc.text
        assert "%remote;" not in doc.text and "]>" not in doc.text
    assert not _connected(listener), "the reader opened a network connection"


# ----------------------------------------------------------------------------- size limit

def test_robust_size_limit_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_BYTES_ENV, raising=False)
    assert max_bytes() == DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    for value, expected in [("1000", 1000), ("64k", 65536), ("2M", 2 * 1024 ** 2),
                            ("1GiB", 1024 ** 3), (" 5 mb ", 5 * 1024 ** 2)]:
        monkeypatch.setenv(MAX_BYTES_ENV, value)
        assert max_bytes() == expected
    assert max_bytes(123) == 123  # the keyword wins over the environment
    for bad in ("lots", "-5", "0", "1.5M"):
        monkeypatch.setenv(MAX_BYTES_ENV, bad)
        with pytest.raises(UsageError, match=MAX_BYTES_ENV if bad != "0" else "positive"):
            max_bytes()
    with pytest.raises(UsageError, match="max_bytes"):
        max_bytes(True)  # type: ignore[arg-type]


@pytest.mark.parametrize("reader", ["read", "read_bytes", "read_text", "parse"])
def test_robust_size_limit_errors_name_file_size_and_limit(tmp_path: Path, reader: str,
                                                           pipe_report: str) -> None:
    path = tmp_path / "big.txt"
    path.write_text(pipe_report, encoding="utf-8")
    size = path.stat().st_size
    call = {"read": lambda **kw: ogi.read(path, **kw),
            "read_bytes": lambda **kw: ogi.read_bytes(path.read_bytes(), name=str(path), **kw),
            "read_text": lambda **kw: ogi.read_text(pipe_report, name=str(path), **kw),
            "parse": lambda **kw: ogi.parse(path, statements=False, **kw)}[reader]
    with pytest.raises(ReadError) as info:
        call(max_bytes=1000)
    msg = str(info.value)
    assert str(path) in msg and "too large" in msg and "1,000 bytes" in msg
    assert f"{size:,}" in msg or reader == "read_text"
    call(max_bytes=size + 10)  # under the limit: read as usual


def test_robust_docx_zip_bomb_is_refused() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document>" + " " * 20_000_000 + "</w:document>")
    data = bomb.getvalue()
    assert len(data) < 100_000
    with pytest.raises(ReadError, match="bomb.docx.*word/document.xml.*too large"):
        ogi.read_bytes(data, name="bomb.docx", max_bytes=5_000_000)


@pytest.mark.slow
def test_robust_100mb_file_is_refused_in_bounded_memory_unless_allowed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipe_report: str) -> None:
    path = tmp_path / "huge.txt"
    block = (pipe_report + "\n").encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(block)
        filler = ("本机关持续推进政府信息公开工作。" * 64 + "\n").encode("utf-8")
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(filler * 256)
    size = path.stat().st_size
    monkeypatch.delenv(MAX_BYTES_ENV, raising=False)
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as info:
            ogi.parse(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(path) in str(info.value) and f"{size:,} bytes" in str(info.value)
    assert f"{DEFAULT_MAX_BYTES:,}" in str(info.value) and MAX_BYTES_ENV in str(info.value)
    assert peak < 5 * 1024 * 1024  # refused before the bytes were read
    monkeypatch.setenv(MAX_BYTES_ENV, "200M")
    rep = ogi.parse(path, statements=False)
    assert rep.meta.template == "2021"
    assert rep.cell("table3.new_received.total") is not None


# ----------------------------------------------------------------------------- no network

@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Every way Python code opens a connection raises (loopback included)."""
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during a test that forbids it")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


def test_robust_pipeline_opens_no_network_connection(no_network, monkeypatch: pytest.MonkeyPatch,
                                                     listener) -> None:
    from ogi.nlp import models

    monkeypatch.setattr(models, "_loaded", {})  # load the model again, under the block
    seed = SAMPLE_DIR / "seed-2024-masked.txt"
    sources = [(seed.read_bytes(), seed.name)] if seed.is_file() else []
    sources += [(_synthetic(layout, "2021", 2), f"net{SUFFIX[layout]}")
                for layout in ("html", "docx", "pdf", "pipe")]
    for data, name in sources:
        rep = ogi.parse_document(ogi.read_bytes(data, name=name), statements=True)
        assert rep.meta.template == "2021"
        assert rep.statements
    assert no_network == []
    assert not _connected(listener)


# ----------------------------------------------------------------------------- output paths

@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.json"),
    ("a/b/../../c.txt", "c.json"),
    ("..", "___.json"),
    (".", "__.json"),
    ("/", "_.json"),
    ("..\\..\\win.txt", "win.json"),
    ("line\nbreak.txt", "line_break.json"),
    ("nul\x00.txt", "nul_.json"),
    ("bad\udcff.txt", "bad_.json"),
])
def test_robust_output_path_stays_in_out_dir(tmp_path: Path, name: str, expected: str) -> None:
    out = tmp_path / "out"
    dest = output_path(out, name, ".json")
    assert dest.parent == out and dest.name == expected


def test_robust_output_path_long_names_are_cut_and_stay_distinct(tmp_path: Path) -> None:
    a = output_path(tmp_path, "报" * 300 + "甲.txt", ".json")
    b = output_path(tmp_path, "报" * 300 + "乙.txt", ".json")
    assert a != b and a.parent == b.parent == tmp_path
    assert len(a.name.encode()) <= 200 and a.name.endswith(".json")
    with pytest.raises(UsageError):
        output_path(tmp_path, "x.txt", "/../.json")


def test_robust_cli_parse_out_cannot_escape(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    out = tmp_path / "out"
    report = _synthetic("pipe", "2021", 4)
    names = ["r.txt", "a/r.txt", "a/b/r.txt", "..r.txt", "-r.txt", "x" * 251 + ".txt",
             "y" * 251 + ".txt", "报告" * 40 + ".txt", "new\nline.txt"]
    files = []
    for name in names:
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(report)
        files.append(path)
    # the same file again through "..": its output must not land beside corpus/
    files.append(corpus / "a" / "b" / ".." / ".." / "r.txt")
    before = {p for p in tmp_path.rglob("*")}
    result = CliRunner().invoke(app, ["parse", *map(str, files), "--out", str(out),
                                      "--no-statements"])
    assert result.exit_code == 0, result.output
    created = {p for p in tmp_path.rglob("*")} - before
    assert created, "nothing written"
    for p in created:
        assert p == out or out in p.parents, f"written outside --out: {p}"
    written = sorted(out.glob("*.json"))
    assert len(written) == len(files)  # no input overwrote another one's record
    assert all(len(p.name.encode()) <= 255 for p in written)


# ----------------------------------------------------------------------------- models

def test_robust_model_with_untrusted_type_is_refused(tmp_path: Path) -> None:
    import skops.io as sio

    from ogi.training import load_classifier

    evil = tmp_path / "evil.skops"
    sio.dump({"hook": os.system}, evil)
    with pytest.raises(OgiError, match="does not trust.*system"):
        load_classifier(path=evil)
    garbage = tmp_path / "garbage.skops"
    garbage.write_bytes(b"not a zip archive")
    with pytest.raises(OgiError, match="garbage.skops.*not a readable skops"):
        load_classifier(path=garbage)
    other = tmp_path / "dict.skops"
    sio.dump({"a": 1}, other)
    with pytest.raises(OgiError, match="no model card"):
        load_classifier(path=other)
    from ogi.nlp.trust import record_hashes

    record_hashes(other)
    with pytest.raises(OgiError, match="not a StatementClassifier"):
        load_classifier(path=other)


def test_robust_error_family_and_check_size() -> None:
    with pytest.raises(ReadError, match="x.txt: file too large: 11 bytes"):
        check_size(11, "x.txt", limit=10)
    check_size(10, "x.txt", limit=10)
    assert issubclass(ReadError, OgiError) and issubclass(ParseError, OgiError)
