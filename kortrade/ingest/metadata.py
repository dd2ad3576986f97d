"""Document metadata read from the head of an article: title, outlet, authors, date.

Only what the text supports is returned: an empty value beats a guess. The
head of a document is its first lines before the body starts. There:
- a dateline (`Asia-Pacific Research, March 28, 2024`) gives the outlet and date;
- a line that is a known outlet (`data/ingest/outlets.tsv`), or a wire dateline
  (`SEOUL (Yonhap) --`), gives the outlet;
- a byline (`By X and Prof. Y`, `Written by X`) or a correspondent credit
  (`correspondent in Seoul Kim Min]`) gives the authors, without titles;
- a relative stamp (`1 day ago`) gives a date of precision `relative`;
- the first remaining line that reads as a headline is the title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..common.dates import find_absolute_dates, find_relative_stamp
from ..common.resources import data_lines, data_rows
from .clean import boilerplate_rule

HEAD_LINES = 15
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200
MAX_DATELINE_WORDS = 8
PERSON_TITLES = re.compile(r"^(?:prof(?:essor)?|dr|mr|mrs|ms|miss|sir|dame|rev|amb(?:assador)?)\.?\s+", re.IGNORECASE)
BYLINE = re.compile(
    r"^(?:[-•·]\s*)?(?:by|written by|words by|authors?|reporters?)\s*:?\s+(?P<names>.+)$", re.IGNORECASE
)
NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:(?:van|von|de|der|da|di|del|bin|al)\s+)?[A-Z][\w'’.-]*){0,3}$")
WIRE_DATELINE = re.compile(r"^[A-Z][A-Za-z0-9 .,'-]{1,40}\((?P<outlet>[^()\n]{2,40})\)\s*[-—–:]")
DATE_LABEL = re.compile(r"^(?:published|posted|updated|last updated|date)\s*(?:on|:)?\s*", re.IGNORECASE)
OUTLET_TRAILER = re.compile(r"[\s,|·•\-–—:]+$")


@dataclass(frozen=True)
class Metadata:
    """What the head of a document says about it."""

    title: str = ""
    outlet: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    date_precision: str = ""
    published_text: str = ""


@cache
def outlet_names() -> dict[str, str]:
    """Lower-cased outlet name or alias -> canonical outlet name."""
    names: dict[str, str] = {}
    for row in data_rows("ingest/outlets.tsv"):
        for alias in [row["name"], *(row.get("aliases") or "").split("|")]:
            if alias.strip():
                names[alias.strip().lower()] = row["name"]
    return names


@cache
def correspondent_pattern() -> re.Pattern[str]:
    """`correspondent [in PLACE] NAME]` as in wire and Global Times credits."""
    places = "|".join(re.escape(p) for p in sorted(data_lines("ingest/places.txt"), key=len, reverse=True))
    return re.compile(
        r"(?:correspondent|reporter|writer)s?(?:\s+(?:in|from)\s+(?:" + places + r"))?\s+"
        r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z]?[a-z]+){1,2})\s*[\]|:)]"
    )


def read_metadata(text: str, reference: dt.date | None) -> Metadata:
    """Read title, outlet, authors and publication date from normalised text."""
    head = [line for line in text.split("\n") if line.strip()][:HEAD_LINES]
    outlet, published, precision, published_text = "", "", "", ""
    authors: list[str] = []
    title: str | None = None
    for line in head:
        if boilerplate_rule(line):
            continue
        if len(line.split()) > MAX_TITLE_WORDS:
            break  # the body has started
        names = byline_names(line)
        if names:
            authors += names
            continue
        dateline = read_dateline(line, reference)
        if dateline:
            line_outlet, date, date_precision, surface = dateline
            outlet = outlet or line_outlet
            if not published and not (published_text and date_precision == "relative"):
                published, precision, published_text = date, date_precision, surface
            continue
        known = known_outlet(line)
        if known:
            outlet = outlet or known
            continue
        if title is None:
            title = line if is_headline(line) else ""
    first_body = next((line for line in head if len(line.split()) > MAX_TITLE_WORDS), "")
    wire = WIRE_DATELINE.match(first_body)
    if wire and not outlet:
        outlet = outlet_names().get(wire["outlet"].strip().lower(), "")
    credit = correspondent_pattern().search(text[:400])
    if credit:
        authors.append(credit["name"])
    return Metadata(
        title=title or "",
        outlet=outlet,
        authors=tuple(dict.fromkeys(authors)),
        published=published,
        date_precision=precision,
        published_text=published_text,
    )


def byline_names(line: str) -> list[str]:
    """Author names of a byline, without titles; empty when the line is no byline."""
    match = BYLINE.match(line)
    if not match or len(line.split()) > 16:
        return []
    names = [
        PERSON_TITLES.sub("", part.strip()) for part in NAME_SPLIT.split(match["names"].strip(" .")) if part.strip()
    ]
    if not names or not all(NAME.match(name) for name in names):
        return []
    return [name for name in names if name.lower() not in outlet_names()]


def read_dateline(line: str, reference: dt.date | None) -> tuple[str, str, str, str] | None:
    """(outlet, iso date, precision, surface) of a short line that is mainly a date."""
    if len(line.split()) > MAX_DATELINE_WORDS:
        return None
    dates = find_absolute_dates(line)
    if dates:
        first = dates[0]
        rest = (line[: first.start] + " " + line[first.end :]).strip()
        date, precision, surface = first.iso, first.precision, line[first.start : first.end]
    else:
        stamp = find_relative_stamp(line, reference)
        if not stamp:
            return None
        rest = (line[: stamp.start] + " " + line[stamp.end :]).strip()
        date, precision, surface = stamp.iso, stamp.precision, line[stamp.start : stamp.end]
    rest = OUTLET_TRAILER.sub("", DATE_LABEL.sub("", rest.strip(" -–—•·|,")))
    if rest and not is_outlet_name(rest):
        return None
    return known_outlet(rest) or rest, date, precision, surface


def is_outlet_name(text: str) -> bool:
    """A short run of capitalised words, as publishers' names are."""
    words = text.split()
    return 0 < len(words) <= 6 and all(
        w[0].isupper() or w[0].isdigit() or w in {"of", "the", "and", "&"} for w in words
    )


def known_outlet(line: str) -> str:
    """The canonical outlet name when the line is just a known outlet's name."""
    return outlet_names().get(line.strip().rstrip(".").strip().lower(), "")


def is_headline(line: str) -> bool:
    """A short line not ending like a sentence of running text."""
    words = line.split()
    return 2 <= len(words) <= MAX_TITLE_WORDS and len(line) <= MAX_TITLE_CHARS and line[-1] not in ".,;:"
