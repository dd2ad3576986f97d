"""A page per document: its metadata and flags, and its clean text with every extracted fact highlighted.

Every sentence is an element `s<sentence_id>` and every fact (figure, actor, dated statement) an
element `c<start>-<end>`, so a table row links to `doc/<page>#c<start>-<end>`. A fact that overlaps
an earlier highlight (an actor inside a figure's span) gets an anchor of its own at its start. A date
the text does not state in full is marked apart, its note saying what it was read against.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from . import formatting, pages


def highlighted(text: str, sentences: pd.DataFrame, facts: list[tuple[int, int, str, str]]) -> str:
    """The clean text as HTML: sentences wrapped, facts marked; every piece of text escaped."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for row in sentences.itertuples():
        opens.setdefault(int(row.start), []).append(f'<span class="sentence" id="s{row.sentence_id}">')
        closes.setdefault(int(row.end), []).insert(0, "</span>")
    reached = -1
    for start, end, kind, note in sorted(set(facts), key=lambda f: (f[0], -f[1], f[2])):
        tag_id = pages.span_id(start, end)
        if start >= reached:
            opens.setdefault(start, []).append(f'<mark class="{kind}" id="{tag_id}" title="{html.escape(note)}">')
            closes.setdefault(end, []).insert(0, "</mark>")
            reached = end
        else:
            opens.setdefault(start, []).append(f'<span id="{tag_id}"></span>')
    pieces, previous = [], 0
    for position in sorted(set(opens) | set(closes)):
        pieces.append(html.escape(text[previous:position]))
        pieces.extend(closes.get(position, []))
        pieces.extend(opens.get(position, []))
        previous = position
    pieces.append(html.escape(text[previous:]))
    return "".join(pieces)


def figure_mark(row: dict[str, object]) -> tuple[str, str]:
    return "figure", f"{row['metric']} {row['measure']} {row['period']}".strip()


def actor_mark(row: dict[str, object]) -> tuple[str, str]:
    return "actor", f"{row['name']} ({row['type']})"


def date_mark(row: dict[str, object]) -> tuple[str, str]:
    """A date read against another (the publication date, the reference date, a day named before it) is
    marked apart from one the text states in full, and its note says what it was read against."""
    if not row["date"]:
        return "date", f"unresolved ({row['date_precision']})"
    kind = "date read-against" if row["resolved_against"] else "date"
    return kind, f"{row['date']} ({row['date_precision']}; {formatting.date_reading(row['resolved_against'])})"


# How each table's facts are marked: (css classes, note shown on hover) from a row, missing values as "".
MARKS = (("figures", figure_mark), ("actors", actor_mark), ("timeline", date_mark))


def fact_spans(tables: dict[str, pd.DataFrame], doc_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, note) of every figure, actor and dated statement of a document."""
    spans = []
    for table, mark in MARKS:
        rows = tables[table][tables[table]["doc_id"] == doc_id]
        for row in map(pages.cells, rows.itertuples()):
            spans.append((int(row["start"]), int(row["end"]), *mark(row)))
    return spans


METADATA = ("outlet", "authors", "published", "date_precision", "language", "stance", "path", "duplicate_of")


def shown_document(row: tuple) -> dict[str, object]:
    """A documents row for a page: missing values as empty text, the publication date as people read it."""
    doc = pages.cells(row)
    written = doc.get("published_text")
    doc["published"] = formatting.publication_date(doc["published"], doc.get("date_precision"), written)
    return doc


def write_document_pages(
    tables: dict[str, pd.DataFrame], data_dir: Path, report_dir: Path, context: pages.Context
) -> list[Path]:
    """`report/doc/<page>.html` for each document, and `report/documents.html` listing them."""
    documents = tables["documents"]
    folder = report_dir / "doc"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for row in documents.itertuples():
        doc = shown_document(row)
        doc_id = doc["doc_id"]
        clean = data_dir / "clean" / f"{doc_id}.txt"
        text = clean.read_text(encoding="utf-8") if clean.exists() else ""
        sentences = tables["sentences"][tables["sentences"]["doc_id"] == doc_id]
        page = pages.render(
            "document.html.j2",
            context,
            root="../",
            title=f"{doc['title'] or doc_id}: kortrade evidence",
            doc=doc,
            metadata=[(name, doc[name]) for name in METADATA if doc.get(name, "")],
            flags=[flag for flag in doc["flags"].split(";") if flag],
            clean_href=f"../../data/clean/{doc_id}.txt",
            text=pages.Markup(highlighted(text, sentences, fact_spans(tables, doc_id))),
        )
        path = folder / pages.page_name(doc_id)
        path.write_text(page, encoding="utf-8")
        written.append(path)
    listing = [
        {**{c: d[c] for c in ("doc_id", "title", "outlet", "published", "stance", "flags")},
         "href": pages.evidence_href(d["doc_id"])}
        for d in map(shown_document, documents.itertuples())
    ]  # fmt: skip
    (report_dir / "documents.html").write_text(
        pages.render("documents.html.j2", context, title="Documents: kortrade report", documents=listing),
        encoding="utf-8",
    )
    return written
