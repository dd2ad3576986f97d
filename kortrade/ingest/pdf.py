"""Text of a PDF in reading order, through pdfminer.six's layout analysis.

pdfminer groups characters into lines and text boxes and orders the boxes (columns are read
one after the other, not interleaved). Each box becomes one paragraph: its lines joined,
with a hyphen at a line's end undone when a lower-case word goes on (`econ-` + `omy`).
Running heads and feet (a box at the top or bottom of a page that recurs, digits aside, on at
least half the pages) and page numbers (`3`, `Page 3`, `3 / 12`, `- 3 -`) are dropped.
The file's own title, author and creation date are returned apart: the caller uses them only
where the text names none.

An encrypted PDF (a password is needed) is flagged `encrypted`; one whose pages hold no text
(scanned images) `no_text_layer`; a broken or truncated one `unreadable` when nothing can be
read, `truncated` when the pages before the damage were read. Each gets a one-line message.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTTextBox
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from .converted import Converted

PDF_MAGIC = b"%PDF-"
# Share of a page's height, from the top or the bottom, where running heads and feet sit.
MARGIN_SHARE = 0.1
PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE)
LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=[a-z])")
DIGITS = re.compile(r"\d+")
PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# pdfminer reports every recoverable oddity of a damaged file as a warning in its log.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class _Box:
    """One text box of a page: its text and where it sits (0 = top of the page, 1 = bottom)."""

    text: str
    top: float
    bottom: float


def is_pdf(path: str, data: bytes) -> bool:
    """A PDF by its signature (anywhere in the first kilobyte, as readers allow) or its extension."""
    return PDF_MAGIC in data[:1024] or path.lower().endswith(".pdf")


def read_pdf(data: bytes) -> Converted:
    """The text of a PDF with its running heads, feet and page numbers removed, and its metadata."""
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFEncryptionError:
        return Converted("", flags=("encrypted",), problem="encrypted PDF (a password is needed): no text read")
    except Exception as error:  # noqa: BLE001 -- pdfminer raises many kinds on a damaged file
        return Converted("", flags=("unreadable",), problem=f"broken PDF, no text read ({_reason(error)})")
    pages: list[list[_Box]] = []
    problem = ""
    try:
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            pages.append(_boxes(device.get_result()))
    except Exception as error:  # noqa: BLE001 -- a page damaged past its start ends the reading there
        problem = f"broken PDF, read up to page {len(pages)} ({_reason(error)})"
    metadata = _metadata(document)
    text = "\n\n".join(_page_text(page, _running(pages)) for page in pages).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    if problem:
        flag = "truncated" if text else "unreadable"
        return Converted(text, metadata, (flag,), problem)
    if not text:
        return Converted("", metadata, ("no_text_layer",), "PDF without a text layer (scanned images?): no text read")
    return Converted(text, metadata)


def _reason(error: Exception) -> str:
    return ": ".join(filter(None, (type(error).__name__, str(error).split("\n")[0][:80])))


def _boxes(layout) -> list[_Box]:
    height = (layout.y1 - layout.y0) or 1.0
    boxes = []
    for item in layout:  # in pdfminer's reading order
        if isinstance(item, LTTextBox):
            text = _paragraph(item.get_text())
            if text:
                boxes.append(_Box(text, (layout.y1 - item.y1) / height, (layout.y1 - item.y0) / height))
    return boxes


def _paragraph(text: str) -> str:
    """A text box's lines as one paragraph, hyphens at line ends undone before a lower-case word."""
    text = LINE_END_HYPHEN.sub("", text.strip())
    return " ".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _margin_key(box: _Box) -> str | None:
    """The text of a box in a page's top or bottom margin, digits aside (so `Page 3` recurs as `Page #`)."""
    if box.bottom <= MARGIN_SHARE or box.top >= 1 - MARGIN_SHARE:
        return DIGITS.sub("#", box.text.casefold())
    return None


def _running(pages: list[list[_Box]]) -> set[str]:
    """Margin texts that recur on at least half the pages (of two or more): running heads and feet."""
    if len(pages) < 2:
        return set()
    counts = Counter(key for page in pages for key in {_margin_key(box) for box in page} if key)
    return {key for key, count in counts.items() if count >= max(2, len(pages) / 2)}


def _page_text(boxes: list[_Box], running: set[str]) -> str:
    kept = []
    for box in boxes:
        key = _margin_key(box)
        if key is not None and (key in running or PAGE_NUMBER.fullmatch(box.text)):
            continue
        kept.append(box.text)
    return "\n\n".join(kept)


def _metadata(document: PDFDocument) -> dict[str, str]:
    """Title, authors and creation date from the PDF's information dictionary, where it has them."""
    info = {}
    for entry in document.info or []:
        info.update(entry)
    found = {"title": _string(info.get("Title")), "authors": _string(info.get("Author"))}
    date = PDF_DATE.match(_string(info.get("CreationDate")))
    if date:
        year, month, day = date.groups()
        found["published"] = "-".join(filter(None, (year, month, day)))
        found["date_precision"] = "day" if day else "month" if month else "year"
    return {key: value for key, value in found.items() if value}


def _string(value: object) -> str:
    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    elif isinstance(value, PSLiteral):
        value = value.name
    return " ".join(str(value).split()) if isinstance(value, str) else ""
