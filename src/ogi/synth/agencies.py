"""Invented agencies: names at every level of government, how they refer to themselves, their portal."""

from __future__ import annotations

import random
from dataclasses import dataclass

__all__ = ["Agency", "make_agency", "ROADS"]


@dataclass(frozen=True)
class Agency:
    """An agency of a generated report."""

    name: str
    self_ref: str  # 我局 / 我县 …
    portal: str  # the website that publishes the report
    place: str  # 青川县 (for addresses)
    host: str  # owner of the portal (footer of the html page)


_PLACE_A = "青云宁沅岑栖澄临秀汀嘉桐柏榆枫棠蓉芷蔚澜"
_PLACE_B = "川阳源浦陵溪泽原岭塘安平湾屿峰林"
_DEPTS = (("自然资源和规划局", "我局"), ("市场监督管理局", "我局"), ("生态环境局", "我局"),
          ("住房和城乡建设局", "我局"), ("交通运输局", "我局"), ("财政局", "我局"), ("教育局", "我局"),
          ("卫生健康委员会", "我委"), ("人力资源和社会保障局", "我局"), ("民政局", "我局"),
          ("水利局", "我局"), ("农业农村局", "我局"), ("司法局", "我局"), ("应急管理局", "我局"),
          ("发展和改革委员会", "我委"), ("医疗保障局", "我局"), ("统计局", "我局"))
ROADS = ("人民", "建设", "文昌", "新华", "解放", "中山", "滨江", "青年", "府前", "朝阳")


def _place_name(rng: random.Random, avoid: str = "") -> str:
    while True:
        name = rng.choice(_PLACE_A) + rng.choice(_PLACE_B)
        if name != avoid:
            return name


def _self_ref(name: str) -> str:
    for end, ref in (("分局", "我分局"), ("局", "我局"), ("委员会", "我委"), ("办公室", "我办"),
                     ("街道办事处", "我街道"), ("镇人民政府", "我镇"), ("乡人民政府", "我乡"),
                     ("县人民政府", "我县"), ("区人民政府", "我区"), ("市人民政府", "我市")):
        if name.endswith(end):
            return ref
    return "本机关"


def make_agency(rng: random.Random, given: str | None) -> Agency:
    p = _place_name(rng)
    level = rng.choice("市县区")
    portal = f"{p}{level}人民政府门户网站"
    gov = f"{p}{level}人民政府"
    if given:
        return Agency(given, _self_ref(given), portal, p + level, gov)
    kind = rng.choices(["gov", "dept", "office", "town", "police"], [25, 40, 10, 15, 10])[0]
    if kind == "gov":
        return Agency(gov, f"我{level}", portal, p + level, gov)
    if kind == "dept":
        dept, ref = rng.choice(_DEPTS)
        return Agency(f"{p}{level}{dept}", ref, portal, p + level, gov)
    if kind == "office":
        return Agency(f"{p}{level}人民政府办公室", "我办", portal, p + level, gov)
    q = _place_name(rng, avoid=p)
    if kind == "town":
        unit = rng.choice(["镇人民政府", "乡人民政府", "街道办事处"])
        name = f"{p}县{q}{unit}"
        return Agency(name, _self_ref(name), f"{p}县人民政府门户网站", f"{p}县", f"{p}县人民政府")
    return Agency(f"{p}市公安局{q}分局", "我分局", f"{p}市公安局网站", f"{p}市", f"{p}市公安局")

