"""A corpus file's (or export row's) bytes as text, whatever its format, with the metadata its source states.

Formats, in the order they are recognised: a row of an article export (its text column, its
other columns as metadata that takes precedence), a PDF (`pdf`), a Word file (`word`), then
any other file decoded as text (`decoding`), an HTML page's main text and metadata taken by
trafilatura (`html`). `over` is metadata that takes precedence over what is read from the text
(an export's columns, an HTML page's), `under` what is used only where the text names none (a
PDF's or Word file's own properties).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import RawDocument, is_export
from .decoding import decode_bytes
from .html import extract_html, looks_like_html
from .pdf import is_pdf, read_pdf
from .word import is_word, read_word


@dataclass(frozen=True)
class SourceText:
    """The text of one document before cleaning, how it was decoded, and what its source says of it."""

    text: str
    encoding: str = ""
    flags: tuple[str, ...] = ()
    over: dict[str, str] = field(default_factory=dict)
    under: dict[str, str] = field(default_factory=dict)
    problem: str = ""


def source_text(raw: RawDocument) -> SourceText:
    """Read the text of a document by its format."""
    path, data = raw.source.relpath, raw.data
    if is_export(path):  # a row's text column, decoded when the export was read
        text = data.decode("utf-8", "replace")
        page = _html(path, text)
        return SourceText(page.text, "utf-8", over={**page.over, **raw.metadata})
    if is_pdf(path, data):
        converted = read_pdf(data)
        return SourceText(converted.text, "pdf", converted.flags, under=converted.metadata, problem=converted.problem)
    if is_word(path, data):
        converted = read_word(data)
        return SourceText(converted.text, "docx", converted.flags, under=converted.metadata, problem=converted.problem)
    decoded = decode_bytes(data)
    page = _html(path, decoded.text)
    return SourceText(page.text, decoded.encoding, decoded.flags, over=page.over)


def _html(path: str, text: str) -> SourceText:
    """The main text and stated metadata of an HTML page; other text as it is."""
    if not (text and looks_like_html(path, text)):
        return SourceText(text)
    main, meta = extract_html(text)
    authors = ";".join(a.strip() for a in meta.get("author", "").split(";") if a.strip())
    over = {"title": meta.get("title", ""), "outlet": meta.get("sitename", ""), "authors": authors}
    if meta.get("date"):
        over |= {"published": meta["date"], "date_precision": "day"}
    return SourceText(main, over={key: value for key, value in over.items() if value})
