"""The record of a figure found in text, shared by finding, repair, frame and rows."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..common.numbers import Number


class Figure(NamedTuple):
    """A figure found in text: span, kind, value in base units (None if unknown), unit and flags.

    `number` is the number at its core; `glued_left` says its left edge (currency or digits)
    touches a letter or digit, the mark of text damaged by translation. A named tuple, which is
    built quicker than a frozen dataclass.
    """

    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str
    number: Number
    flags: tuple[str, ...] = ()
    glued_left: bool = False

    def with_flag(self, flag: str) -> Figure:
        """The same figure with one more flag."""
        return self if flag in self.flags else self._replace(flags=(*self.flags, flag))
