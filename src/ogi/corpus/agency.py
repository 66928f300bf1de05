"""Stable agency ids from the printed agency names: normalisation, level, region, aliases.

:func:`agency_id` normalises a name: NFKC (full-width to half-width), spaces dropped, a
run of mask characters ``****`` as one ``*`` (a masked name stays recognisably masked),
trailing 年度报告 words dropped, the 办公厅/办公室 of a 人民政府 taken for the government
(``上海市人民政府办公厅`` → ``上海市人民政府``), 管委会/管理委员会 after a 区 dropped.
:func:`agency_level` reads the level from the name's ending (省, 市, 县区, 乡镇街道 or
部门), :func:`agency_region` the leading province or city.  An alias table (CSV with
columns ``name`` and ``agency_id``, see :func:`read_aliases`) overrides the rules, by
printed name or by normalised id.

Example:
    >>> agency_id("上海市人民政府办公厅")
    '上海市人民政府'
    >>> agency_level("淮安市洪泽区人民政府"), agency_region("淮安市洪泽区人民政府")
    ('县区', '淮安市')
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from ogi.errors import UsageError

__all__ = ["LEVELS", "agency_id", "agency_level", "agency_region", "read_aliases"]

#: The levels :func:`agency_level` can give.
LEVELS: tuple[str, ...] = ("省", "市", "县区", "乡镇街道", "部门")

_SPACE = re.compile(r"\s+")
_MASK = re.compile(r"[*×]+")
_TRAILING = re.compile(r"(?:\d{4}年度?)?(?:关于)?(?:政府信息公开|政务公开)?(?:工作)?(?:年度报告|年报|报告)$")
_OFFICE = re.compile(r"(人民政府)(?:办公厅|办公室)$")
_COMMITTEE = re.compile(r"(区)(?:管委会|管理委员会)$")
_GOV = re.compile(r"人民政府$")
_REGION = re.compile(r"^(.{2,8}?(?:省|自治区))?(.{2,8}?(?:市|自治州|地区|盟))?")


def agency_id(name: object, *, aliases: Mapping[str, str] | None = None) -> str | None:
    """The stable id of a printed agency name (None when there is no name).

    Args:
        name: the agency as printed (``reports.agency``).
        aliases: name → agency_id, checked for the printed name, then for the normalised one.
    """
    if not isinstance(name, str) or not name.strip():
        return None
    if aliases and name in aliases:
        return aliases[name]
    text = _MASK.sub("*", _SPACE.sub("", unicodedata.normalize("NFKC", name)))
    text = _TRAILING.sub("", text)
    text = _OFFICE.sub(r"\1", text)
    text = _COMMITTEE.sub(r"\1", text)
    if aliases and text in aliases:
        return aliases[text]
    return text or None


def agency_level(aid: object) -> str | None:
    """The administrative level the id gives: 省, 市, 县区, 乡镇街道, 部门 (None when unclear)."""
    if not isinstance(aid, str) or not aid:
        return None
    gov = bool(_GOV.search(aid))
    core = _GOV.sub("", aid)
    if gov:
        for suffix, level in (("街道", "乡镇街道"), ("镇", "乡镇街道"), ("乡", "乡镇街道"), ("自治区", "省"),
                              ("省", "省"), ("区", "县区"), ("县", "县区"), ("旗", "县区"), ("市", "市"),
                              ("州", "市")):
            if core.endswith(suffix):
                return level
        return None
    if aid.endswith(("街道办事处", "街道")):
        return "乡镇街道"
    if aid.endswith(("局", "委", "厅", "办", "办公室", "中心", "委员会", "院", "署", "分局", "所")):
        return "部门"
    return None


def agency_region(aid: object) -> str | None:
    """The leading province and/or city of the id (``淮安市``, ``江苏省南京市``), None when absent."""
    if not isinstance(aid, str):
        return None
    m = _REGION.match(aid)
    region = "".join(g for g in (m.groups() if m else ()) if g)
    return region or None


def read_aliases(path: str | os.PathLike) -> dict[str, str]:
    """Read an alias table: a UTF-8 CSV with columns ``name`` and ``agency_id``.

    Raises:
        UsageError: the file is missing, unreadable or lacks the two columns.
    """
    p = Path(path)
    try:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = set(reader.fieldnames or ())
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise UsageError(f"cannot read the alias table: {e}", path=str(p)) from None
    if not {"name", "agency_id"} <= header:
        raise UsageError("the alias table needs the columns name, agency_id", path=str(p))
    out = {}
    for r in rows:
        name, aid = (r.get("name") or "").strip(), (r.get("agency_id") or "").strip()
        if name and aid:
            out[name] = aid
    return out
