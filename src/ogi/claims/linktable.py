"""The link table: what each narrative quantity means, as cells of the national tables, per template.

``resources/claims/links-v1.json`` (its ``description`` documents every field) is compiled once
per process by :func:`link_table`; :func:`_expand` turns a reading such as
``table3.@denied.{col}`` into the ``+``-joined cell paths it names.

Example:
    >>> link_table().name
    'links-v1'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ogi.paths import RESOURCES_DIR
from ogi.record import join_paths, target_paths

__all__ = ["LINKS_NAME", "link_table"]

#: name (and version) of the link table in use
LINKS_NAME = "links-v1"

# ----------------------------------------------------------------------------- the link table

class _Links:
    """The compiled link table (built once per process)."""

    def __init__(self, raw: dict) -> None:
        self.name = raw["name"]
        self.units = {k: frozenset(v) for k, v in raw["units"].items()}
        self.columns = [(c["col"], re.compile(c["re"])) for c in raw["columns"]]
        self.groups = raw["groups"]
        self.blocks = raw["blocks"]
        self.links = [self._compile(lk) for lk in raw["links"]]
        # per unit, the links that can take it (in table order; 'none' links always)
        units = set().union(*(lk.get("units", ()) for lk in self.links))
        self.by_unit = {u: [lk for lk in self.links if lk["kind"] == "none" or u in lk.get("units", ())]
                        for u in units}
        self.negations = [self._compile(lk) for lk in raw["negations"]]
        self.off_topic = re.compile(raw["off_topic"]["re"])

    def _compile(self, lk: dict) -> dict:
        d = dict(lk)
        for k in ("context", "context_raw", "clause", "clause_not", "sentence", "scope"):
            if k in d:
                d[k] = re.compile(d[k])
        if "prefer_if" in d:
            d["prefer_if"] = {"after": re.compile(d["prefer_if"]["after"]), "reading": d["prefer_if"]["reading"]}
        if "alt_if" in d:
            d["alt_if"] = {"clause": re.compile(d["alt_if"]["clause"]), "readings": d["alt_if"]["readings"]}
        u = d.get("units")
        if isinstance(u, str):
            d["units"] = self.units[u]
        elif isinstance(u, list):
            d["units"] = frozenset(u)
        return d

    def group(self, name: str, version: str) -> list[str]:
        g = self.groups[name]
        return list(g.get(version) or g.get("*") or [])


@lru_cache(maxsize=1)
def link_table() -> _Links:
    """The compiled link table ``resources/claims/links-v1.json`` (loaded once per process)."""
    with open(RESOURCES_DIR / "claims" / f"{LINKS_NAME}.json", encoding="utf-8") as fh:
        return _Links(json.load(fh))


# ----------------------------------------------------------------------------- targets and values

def _readings(lt: _Links, spec: dict | None, version: str) -> list[str]:
    if not spec:
        return []
    return list(spec.get(version) or spec.get("*") or [])


def _expand(lt: _Links, reading: str, version: str, col: str) -> str:
    """``table3.@denied.{col}`` -> the '+'-joined paths of every row and column it names."""
    cols = lt.group("orgs", version) if col == "@orgs" else [col]
    out: list[str] = []
    for part in target_paths(reading):
        segs = part.split(".")
        rows = [segs[1]]
        if len(segs) > 1 and segs[1].startswith("@"):
            rows = lt.group(segs[1][1:], version)
        tails = [".".join(segs[2:])]
        if "{col}" in part:
            tails = [t.replace("{col}", c) for t in tails for c in cols]
        out += [f"{segs[0]}.{r}.{t}" for r in rows for t in tails]
    return join_paths(out)
