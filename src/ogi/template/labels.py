"""Label patterns of the table rows, compiled once per spec: one regular expression per table.

The patterns come from the rows' ``label_patterns`` in ``template-spec.json``.  A table is
tokenised before its version is known, so one :class:`LabelSet` covers every version of the
spec: a row's patterns are the union of its patterns in all versions, and a row that is a data
row in no version (a group label such as ``（三）不予公开``) gets the key ``@`` + its key.

Example:
    >>> from ogi.template import active_spec
    >>> labels = active_spec().table3_labels
    >>> m = labels.regex.search("1.属于国家秘密|0")
    >>> labels.key_of(m), labels.numbering["denied_state_secret"]
    ('denied_state_secret', '1')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

__all__ = ["LabelSet", "GROUP_PREFIX"]

#: key prefix of a label-only group row in a :class:`LabelSet`
GROUP_PREFIX = "@"


@dataclass(frozen=True, eq=False)
class LabelSet:
    """The label patterns of one table's rows, in the order they are tried.

    Attributes:
        entries: ``(key, pattern, numbering)``: the key (``@``-prefixed for group rows), the
            row's patterns joined by ``|``, and the item numeral taken with the label (or None).
    """

    entries: tuple[tuple[str, str, str | None], ...]

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """All patterns as one expression; the group ``g<i>`` that matched names entry ``i``."""
        return re.compile("|".join(f"(?P<g{i}>{p})" for i, (_, p, _) in enumerate(self.entries)))

    @cached_property
    def keys(self) -> list[str]:
        """Entry keys, by group index."""
        return [k for k, _, _ in self.entries]

    @cached_property
    def numbering(self) -> dict[str, str]:
        """Key -> the item numeral printed before its label (``"5"`` for ``5.属于三类…``)."""
        return {k: n for k, _, n in self.entries if n}

    def key_of(self, match: re.Match[str]) -> str:
        """The key of the entry a match of :attr:`regex` found."""
        group = match.lastgroup
        assert group is not None
        return self.keys[int(group[1:])]

    def as_list(self) -> list[tuple[str, str, str | None]]:
        """The entries as a list (the shape of the former ``ogi.tables.T3_LABELS``)."""
        return list(self.entries)
