"""The segmented document that every extractor reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence: its index in the document and its span in the clean text."""

    sentence_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """A cleaned, segmented document with the dates its facts are read against.

    `published` is the ISO date (or month or year) the document states, with its
    `date_precision`; `reference_date` is the run's `--reference-date`, if any.
    """

    doc_id: str
    text: str
    sentences: tuple[Sentence, ...]
    published: str = ""
    date_precision: str = ""
    reference_date: dt.date | None = None

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence whose span holds the character offset."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def provenance(self, sentence: Sentence, start: int, end: int) -> dict[str, object]:
        """The provenance columns every fact row starts with; `surface` is the clean text's span."""
        return {
            "doc_id": self.doc_id,
            "sentence_id": sentence.sentence_id,
            "start": start,
            "end": end,
            "surface": self.text[start:end],
        }

    @property
    def published_date(self) -> dt.date | None:
        """The document's own date (its first day when only the month or year is stated), else None.

        Year-less and relative dates of the text (timeline, figure periods) are read against this
        date only: the run's reference date never stands in for it.
        """
        if not self.published:
            return None
        parts = [int(p) for p in self.published.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    @property
    def anchor_date(self) -> dt.date | None:
        """The day a title held by someone is read at (who `President Lee` was): publication, else reference."""
        return self.published_date or self.reference_date
