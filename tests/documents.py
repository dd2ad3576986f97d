"""Build segmented documents from invented text, for extractor tests."""

from __future__ import annotations

from kortrade.ingest.document import Document, Sentence
from kortrade.ingest.segment import sentence_spans


def make_document(text: str, published: str = "", doc_id: str = "doc") -> Document:
    """A Document of `text`, segmented as the pipeline does, dated `published` (ISO, may be empty)."""
    spans = sentence_spans(text)
    return Document(
        doc_id=doc_id,
        text=text,
        sentences=tuple(Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)),
        published=published,
        date_precision="day" if published.count("-") == 2 else "",
    )
