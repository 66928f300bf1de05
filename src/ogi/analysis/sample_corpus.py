"""The shipped synthetic corpus: several agencies over several years, built reproducibly.

``corpora/sample/synthetic/`` holds a few hundred synthetic reports (with their gold in
``gold/``) so that every corpus measure and figure has something to show: 36 invented
agencies report every year from 2019 to 2025 (the 2019 trial format for 2019–2020, the
2021 format afterwards), mostly in the small text layouts (pipe, flat, tab, markdown)
with a few web pages; some copies are redacted with ``****``, some leave zero cells
blank, and some carry planted accounting violations, more often in the early years.

Example:
    >>> from ogi.analysis.sample_corpus import plan
    >>> first = plan()[0]
    >>> first["agency"], first["year"], first["template"]
    ('青川县人民政府办公室', 2019, '2019')
"""

from __future__ import annotations

import random
from pathlib import Path

from ogi.errors import UsageError

__all__ = ["DEPARTMENTS", "PLACES", "YEARS", "build", "plan"]

#: Invented places (counties, cities, districts) of the sample agencies.
PLACES: tuple[str, ...] = ("青川县", "临江市", "白河区", "安宁市", "东阳县", "清源区")
#: Departments of each place.
DEPARTMENTS: tuple[str, ...] = ("人民政府办公室", "生态环境局", "公安局", "自然资源局", "教育局",
                                "卫生健康委员会")
#: Report years (2019–2020 in the 2019 trial format, 2021 onwards in the 2021 format).
YEARS: tuple[int, ...] = (2019, 2020, 2021, 2022, 2023, 2024, 2025)

_LAYOUTS = ("pipe", "flat", "tab", "markdown", "html")
_LAYOUT_WEIGHTS = (0.30, 0.20, 0.20, 0.22, 0.08)
# share of reports with a planted accounting violation, by year (reporting improves over time)
_VIOLATION_RATE = {2019: 0.40, 2020: 0.32, 2021: 0.26, 2022: 0.20, 2023: 0.15, 2024: 0.10, 2025: 0.08}


def plan(*, seed: int = 2026, years: tuple[int, ...] = YEARS) -> list[dict]:
    """The generation options of every report of the sample corpus, in order.

    Args:
        seed: Seed of the plan; report ``i`` is generated with seed ``seed * 100 + i``.
        years: Report years; every agency reports every year.

    Returns:
        One dict per report with ``seed``, ``agency``, ``year``, ``template``, ``layout``,
        ``mask``, ``blanks`` and ``violations`` (the keyword arguments of
        :func:`ogi.synth.generate`).

    Raises:
        UsageError: a year is outside 2019–2100.

    Example:
        >>> len(plan(years=(2021,)))
        36
    """
    if not years or any(not isinstance(y, int) or not 2019 <= y <= 2100 for y in years):
        raise UsageError(f"years must be integers from 2019 to 2100, got {years!r}")
    rng = random.Random(seed)
    out = []
    i = 0
    for place in PLACES:
        for dept in DEPARTMENTS:
            agency = place + dept
            for year in years:
                layout = rng.choices(_LAYOUTS, weights=_LAYOUT_WEIGHTS)[0]
                r_mask, r_blank, r_viol, r_two = rng.random(), rng.random(), rng.random(), rng.random()
                viol = 0
                if r_viol < _VIOLATION_RATE.get(year, 0.08):
                    viol = 2 if r_two < 0.25 else 1
                out.append({"seed": seed * 100 + i, "agency": agency, "year": year,
                            "template": "2019" if year < 2021 else "2021", "layout": layout,
                            "mask": 0.35 if r_mask < 0.08 else 0.0, "blanks": r_blank < 0.2,
                            "violations": viol})
                i += 1
    return out


def build(out_dir: str | Path, *, seed: int = 2026, years: tuple[int, ...] = YEARS) -> list[Path]:
    """Write the sample corpus (reports and ``gold/<name>.json``) into ``out_dir``.

    The same arguments give the same bytes, so the shipped folder can be checked
    against a fresh build.

    Args:
        out_dir: Target folder, e.g. ``corpora/sample/synthetic``; created when missing.
        seed: Seed of the plan (see :func:`plan`).
        years: Report years.

    Returns:
        The paths of the written reports, in plan order.

    Example:
        >>> build("corpora/sample/synthetic")  # doctest: +SKIP
    """
    from ogi.synth import generate

    return [generate(p["seed"], template=p["template"], layout=p["layout"], agency=p["agency"],
                     year=p["year"], mask=p["mask"], blanks=p["blanks"],
                     violations=p["violations"]).write(out_dir)
            for p in plan(seed=seed, years=years)]
