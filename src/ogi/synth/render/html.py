"""The ``html`` layout: a government web page with its chrome around real ``<table>`` elements."""

from __future__ import annotations

import functools
import html as _html
import random

from ogi.synth.model import Doc, Table

__all__ = ["render_html"]


def render_html(doc: Doc, rng: random.Random) -> bytes:
    esc = functools.partial(_html.escape, quote=False)
    ch = doc.chrome
    use_h = rng.random() < 0.5
    body: list[str] = []
    for blk in doc.blocks:
        if isinstance(blk, Table):
            body.append('<table border="1" cellspacing="0" cellpadding="2" class="report-table"><tbody>')
            for row in blk.rows:
                tds = []
                for c in row:
                    attrs = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + \
                            (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
                    text = "<br/>".join(esc(x) for x in c.text.split("\n")) if c.text else "&nbsp;"
                    tds.append(f"<td{attrs}>{text}</td>")
                body.append("<tr>" + "".join(tds) + "</tr>")
            body.append("</tbody></table>")
        elif blk.role == "heading":
            body.append(f"<h2>{esc(blk.text)}</h2>" if use_h else f"<p><strong>{esc(blk.text)}</strong></p>")
        elif blk.role == "sub":
            body.append(f"<p><strong>{esc(blk.text)}</strong></p>")
        else:
            body.append(f'<p style="text-indent:2em">{esc(blk.text)}</p>')
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(doc.title)}_{esc(ch['site'])}</title>
<style>body{{font-family:SimSun,serif;margin:0}}.report-table{{border-collapse:collapse;margin:0 auto}}.report-table td{{padding:2px 4px;text-align:center}}</style>
</head>
<body>
<div class="top-bar"><a href="/">{esc(ch['site'])}</a><span class="search"><input type="text" placeholder="请输入关键词"/><button>搜索</button></span></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="article">
<h1 class="article-title">{esc(doc.title)}</h1>
<div class="article-info">发布时间：{ch['published']}　来源：{esc(ch['source'])}　浏览次数：{ch['views']}</div>
<div class="article-content">
{chr(10).join(body)}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：{esc(ch['host'])}</p><p>网站标识码：{ch['code']}　{ch['icp']}</p></div>
</body>
</html>
"""
    return page.encode("utf-8")


