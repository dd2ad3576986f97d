"""The report's HTML pages: one Jinja environment over the templates of `data/report/`, escaping
everything it is given, and the links from a fact to its highlighted span on its document's page."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache

import jinja2
from markupsafe import Markup

from .. import __version__
from ..common.resources import data_text
from . import formatting

UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True)
class Context:
    """What every page shows: links to the parts and the active filters."""

    parts: tuple[tuple[str, str], ...]  # (name, title) of each notebook part
    filters: tuple[tuple[str, str], ...]  # (parameter, value as JSON) of each active filter


@cache
def environment() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: data_text(f"report/{name}"))
    return jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )


def render(template: str, context: Context, root: str = "", **values: object) -> str:
    """A page from `data/report/TEMPLATE`; `root` leads from the page's folder back to the report's."""
    parts = [{"name": name, "title": title} for name, title in context.parts]
    return (
        environment()
        .get_template(template)
        .render(
            style=Markup(data_text("report/style.css")),
            parts=parts,
            filters=context.filters,
            root=root,
            version=__version__,
            **values,
        )
    )


def filters_of(parameters: dict[str, object]) -> tuple[tuple[str, str], ...]:
    """The parameters that narrow the report (set and not empty), as (name, JSON text)."""
    return tuple(
        (name, json.dumps(value, ensure_ascii=False))
        for name, value in sorted(parameters.items())
        if value not in ("", [], None)
    )


def cells(row: tuple) -> dict[str, object]:
    """A table row (a named tuple of `itertuples`) for a template: a missing value is empty text,
    so that `{{ row.title or row.doc_id }}` reads as it says."""
    return {name: "" if formatting.is_missing(value) else value for name, value in row._asdict().items()}


def page_name(doc_id: str) -> str:
    """The file name of a document's page: its id where that is a safe file name, else a safe form
    of it with a short hash (so `a/b` and `a_b` get different pages)."""
    safe = UNSAFE_IN_FILE_NAME.sub("_", doc_id)
    if safe != doc_id:
        safe += "-" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8]
    return f"{safe}.html"


def span_id(start: object, end: object) -> str:
    return f"c{start}-{end}"


def evidence_href(
    doc_id: str, sentence_id: object = None, start: object = None, end: object = None, root: str = ""
) -> str:
    """The link to a fact's highlighted span (or its sentence, or the document) on its document's page."""
    page = f"{root}doc/{page_name(doc_id)}"
    if _known(start) and _known(end):
        return f"{page}#{span_id(start, end)}"
    if _known(sentence_id):
        return f"{page}#s{sentence_id}"
    return page


def _known(value: object) -> bool:
    return not formatting.is_missing(value)
