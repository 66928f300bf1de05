"""What parsing the tables gives: the cells of tables 二/三/四 and the findings on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ogi.record import Finding, nest_cells
from ogi.splitting import Value

__all__ = ["TablesResult"]


@dataclass
class TablesResult:
    """Canonical cells of tables 二/三/四 plus what parsing them found."""

    version: str | None
    table2: dict[str, Value] = field(default_factory=dict)  # "art20_1.rules.issued" -> value
    table3: dict[str, Value] = field(default_factory=dict)  # "new_received.total" -> value
    table4: dict[str, Value] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    provenance: dict[str, dict] = field(default_factory=dict)  # cell path -> {offset,…}
    #: cells that are null because they could not be read (ambiguous digits, a row or table
    #: not found) rather than printed blank: identities through them cannot be checked
    unreadable: set[str] = field(default_factory=set)

    def nested(self) -> dict[str, dict[str, Any]]:
        """Tables as nested dicts, as in the report record."""
        return {"table2": nest_cells(self.table2), "table3": nest_cells(self.table3),
                "table4": nest_cells(self.table4)}
