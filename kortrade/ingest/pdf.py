"""Text of a PDF in reading order, through pdfminer.six's layout analysis.

pdfminer groups characters into lines; columns are read one after the other, not interleaved. Its lines are grouped into columns by a recursive XY-cut
(blank strips between columns, or between blocks), and the lines of a column into paragraphs
(a wide gap, or a line ending short of the column's edge, ends one); a paragraph's lines are
joined, with a hyphen at a line's end undone when a lower-case word goes on (`econ-` + `omy`).
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
from itertools import pairwise

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
# A gap between two lines of a column wider than this share of a line's height starts a paragraph.
PARAGRAPH_GAP = 0.8
# A line ending short of its column's right edge by more than this share of the column's width ends a paragraph.
SHORT_LINE = 0.2
# Narrowest blank vertical strip (in points) that separates two columns.
GUTTER = 12.0
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
    """The page's paragraphs in reading order: column by column, each top to bottom."""
    height = (layout.y1 - layout.y0) or 1.0
    pieces = [line for box in layout if isinstance(box, LTTextBox) for line in box if line.get_text().strip()]
    boxes = []
    for column in _columns(pieces):
        lines = _rows(column)
        right = max(line.x1 for line in lines)
        width = right - min(line.x0 for line in lines)
        paragraph = [lines[0]]
        for previous, line in pairwise(lines):
            hyphenated = LINE_END_HYPHEN.search(previous.text + "\n" + line.text[:1])
            short = right - previous.x1 > SHORT_LINE * width and not hyphenated
            if short or previous.y0 - line.y1 > PARAGRAPH_GAP * line.height:
                boxes.append(_box(paragraph, layout.y1, height))
                paragraph = []
            paragraph.append(line)
        boxes.append(_box(paragraph, layout.y1, height))
    return [box for box in boxes if box.text]


@dataclass(frozen=True)
class _Line:
    """One line of a column: pieces pdfminer split at wide spaces (a justified line) joined again."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _rows(pieces: list) -> list[_Line]:
    """A column's pieces of lines joined into lines (pieces whose heights overlap by half), top to bottom."""
    rows: list[list] = []
    for piece in sorted(pieces, key=lambda p: (-p.y1, p.x0)):
        last = rows[-1][0] if rows else None
        if last is not None and min(last.y1, piece.y1) - max(last.y0, piece.y0) > 0.5 * min(last.height, piece.height):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p.x0)
        text = " ".join(p.get_text().strip() for p in row)
        lines.append(_Line(text, row[0].x0, max(p.x1 for p in row), min(p.y0 for p in row), max(p.y1 for p in row)))
    return lines


def _box(lines: list[_Line], page_top: float, page_height: float) -> _Box:
    text = _paragraph("\n".join(line.text for line in lines))
    top, bottom = max(line.y1 for line in lines), min(line.y0 for line in lines)
    return _Box(text, (page_top - top) / page_height, (page_top - bottom) / page_height)


def _columns(lines: list) -> list[list]:
    """Lines grouped into the runs they are read in, in reading order (a recursive XY-cut).

    A region is cut at its widest blank strip: a vertical one at least GUTTER wide (between
    columns: the left is read first) or a horizontal one wider than a paragraph's spacing
    (the top is read first). A region with neither is one run of lines, top to bottom.
    """
    if len(lines) < 2:
        return [lines] if lines else []
    vertical = _widest_gap([(line.x0, line.x1) for line in lines])
    horizontal = _widest_gap([(-line.y1, -line.y0) for line in lines])
    line_height = sorted(line.height for line in lines)[len(lines) // 2]
    if (
        vertical
        and vertical[1] - vertical[0] >= GUTTER
        and (not horizontal or vertical[1] - vertical[0] >= horizontal[1] - horizontal[0])
    ):
        middle = sum(vertical) / 2
        return _columns([ln for ln in lines if ln.x0 < middle]) + _columns([ln for ln in lines if ln.x0 >= middle])
    if horizontal and horizontal[1] - horizontal[0] > PARAGRAPH_GAP * line_height:
        middle = -sum(horizontal) / 2
        return _columns([ln for ln in lines if ln.y0 > middle]) + _columns([ln for ln in lines if ln.y0 <= middle])
    return [sorted(lines, key=lambda line: (-line.y1, line.x0))]


def _widest_gap(spans: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The widest stretch between the spans that none of them covers."""
    spans = sorted(spans)
    widest, reach = None, spans[0][1]
    for start, end in spans[1:]:
        if start > reach and (widest is None or start - reach > widest[1] - widest[0]):
            widest = (reach, start)
        reach = max(reach, end)
    return widest


def _paragraph(text: str) -> str:
    """A paragraph's lines as one line, hyphens at line ends undone before a lower-case word."""
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
