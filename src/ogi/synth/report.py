"""One generated report: its file bytes and its truth in the gold format, and how it is written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SynthReport"]


@dataclass
class SynthReport:
    """One generated report and its truth.

    Attributes:
        name: File stem, e.g. ``synth-2021-pipe-7``.
        suffix: File suffix: ``.txt``, ``.md``, ``.html``, ``.docx`` or ``.pdf``.
        content: The report file's bytes (UTF-8 text for the text layouts).
        truth: The gold record (format of ``spec/gold.md``) plus ``expected_findings``,
            ``changed_cells`` and ``synth`` (the generation options).
    """

    name: str
    suffix: str
    content: bytes
    truth: dict

    @property
    def filename(self) -> str:
        """The report's file name (``name`` + ``suffix``)."""
        return self.name + self.suffix

    def write(self, directory: str | Path) -> Path:
        """Write the report and its gold file.

        Args:
            directory: Target directory; created when missing.  The gold file goes to
                ``<directory>/gold/<name>.json``.

        Returns:
            The path of the written report file.
        """
        out = Path(directory)
        (out / "gold").mkdir(parents=True, exist_ok=True)
        path = out / self.filename
        path.write_bytes(self.content)
        gold = json.dumps(self.truth, ensure_ascii=False, indent=1) + "\n"
        (out / "gold" / f"{self.name}.json").write_text(gold, encoding="utf-8")
        return path

