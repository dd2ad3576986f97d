"""What reading a binary document (PDF, Word) gives: text, the file's own metadata, flags, a problem."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Converted:
    """Text read from a binary document, the file's own metadata, flags and a problem to report.

    `metadata` (title, authors, published, date_precision) is what the file's properties
    state; it is used only where the text names none.
    """

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    problem: str = ""
