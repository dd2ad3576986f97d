"""Main text and metadata of an HTML page, through trafilatura.

The date is one the page states (its metadata, a `<time>` element, a date pattern htmldate
knows): htmldate's extensive search, which guesses a date from any year in the body (a page
mentioning `2017` would be dated 2017-01-01), is off, and no address is given to read one from.
"""

from __future__ import annotations

import re

import trafilatura

HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
# htmldate's options: no guessing from the body; the first publication date rather than the last update.
DATE_OPTIONS = {"extensive_search": False, "original_date": True}
HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(path: str, text: str) -> bool:
    """An HTML file by its extension or by how it starts."""
    return path.lower().endswith(HTML_EXTENSIONS) or bool(HTML_START.match(text[:2000]))


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """(main text, metadata) of a page; metadata keys: title, author, sitename, date."""
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, date_extraction_params=DATE_OPTIONS
    )
    if result is None:
        return "", {}
    meta = {key: str(getattr(result, key, None) or "") for key in ("title", "author", "sitename", "date")}
    return str(result.text or ""), meta
