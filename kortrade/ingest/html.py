"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

import re

import trafilatura

HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


def looks_like_html(path: str, text: str) -> bool:
    """An HTML file by its extension or by how it starts."""
    return path.lower().endswith(HTML_EXTENSIONS) or bool(HTML_START.match(text[:2000]))


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """(main text, metadata) of a page; metadata keys: title, author, sitename, date."""
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    if result is None:
        return "", {}
    meta = {key: str(getattr(result, key, None) or "") for key in ("title", "author", "sitename", "date")}
    return str(result.text or ""), meta
