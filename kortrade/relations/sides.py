"""Which side of South Korea–China relations a mention stands for (`data/relations/sides.tsv`).

`mark` rewrites a sentence in lower case (ASCII letters only, so that the text
keeps its length) with each mention replaced by its side's token (`korside`,
`chnside`, `altside`, `pairside`, `noneside`), so that the relation and
stance cues can be written once, in lower case, for every name of a side:
`South Korea must cooperate with China's CATL` becomes
`korside must cooperate with chnside's chnside`.

Mentions are found with an Aho–Corasick automaton (pyahocorasick); a mention
stands on word edges, the longest wins where mentions overlap, and a term
written in capitals only (`US`, `ROK`) counts only in capitals.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from functools import cache

import ahocorasick

from ..common.countries import ECONOMY_FORMS, surfaces
from ..common.phrases import behind_first_character_test
from ..common.resources import data_rows

SIDES = ("KOR", "CHN", "ALT", "PAIR", "NONE")
TOKENS = {side: f"{side.lower()}side" for side in SIDES}
PLACEHOLDERS = {
    "{GAP}": r"\W+(?:[\w'’-]+\W+){0,3}?",
    "{KOR}": r"(?:the\s+)?korside",
    "{CHN}": r"(?:the\s+)?chnside",
    "{ALT}": r"(?:the\s+)?altside",
}
LOWER = str.maketrans(string.ascii_uppercase + "\t\u00a0", string.ascii_lowercase + "  ")
WORD_START = r"(?<!\w)"
WORD_EDGE = set(string.ascii_letters + string.digits + "_&")


def side_terms() -> list[tuple[str, str]]:
    """(side, term) of every row of `relations/sides.tsv`; a term `country:ISO3` stands for every surface that names
    that economy in the country vocabulary (`kortrade.common.countries`), not for its places (`Ulsan`)."""
    terms = []
    for row in data_rows("relations/sides.tsv"):
        term, side = row["term"].strip(), row["side"].strip()
        if side not in TOKENS:
            raise ValueError(f"relations/sides.tsv: unknown side {side!r} for {term!r}")
        iso3 = term.removeprefix("country:")
        terms += [(side, surface) for surface in surfaces(iso3, ECONOMY_FORMS)] if iso3 != term else [(side, term)]
    return terms


@cache
def _automaton() -> ahocorasick.Automaton:
    """Every lower-cased term, with its side and, for a term in capitals only, its spelling."""
    automaton = ahocorasick.Automaton()
    for side, term in side_terms():
        key = " ".join(term.lower().split())
        automaton.add_word(key, (len(key), side, term if term.isupper() else ""))
    automaton.make_automaton()
    return automaton


def lower_ascii(text: str) -> str:
    """The text with ASCII letters in lower case and tabs and no-break spaces as spaces (the same length)."""
    if text.isascii():
        return text.lower().replace("\t", " ")
    return text.translate(LOWER)


def mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, side) of every side mention, left to right."""
    return _mentions(text, lower_ascii(text))


def _mentions(text: str, lowered: str) -> list[tuple[int, int, str]]:
    """`mentions`, given the text's `lower_ascii`."""
    candidates = sorted(
        (end + 1 - length, -length, side, capitals) for end, (length, side, capitals) in _automaton().iter(lowered)
    )
    found: list[tuple[int, int, str]] = []
    for start, negative_length, side, capitals in candidates:
        end = start - negative_length
        if found and start < found[-1][1]:
            continue
        if (start and lowered[start - 1] in WORD_EDGE) or (end < len(lowered) and lowered[end] in WORD_EDGE):
            continue
        if capitals and text[start:end] != capitals:
            continue
        found.append((start, end, side))
    return found


def mark(text: str) -> str:
    """The text in lower case with every side mention replaced by its side's token."""
    return _mark_all([text])[0]


def _mark_all(texts: list[str]) -> list[str]:
    """`mark` of every text, in one pass over them joined by newlines.

    No term holds a newline and a newline is no word edge, so each text's mentions are those
    it has on its own.
    """
    joined = "\n".join(texts)
    lowered = "\n".join(map(lower_ascii, texts))  # a text with no character beyond ASCII is lowered quickly
    found = iter(_mentions(joined, lowered))
    mention = next(found, None)
    marked, offset = [], 0
    for text in texts:
        end = offset + len(text)
        parts, position = [], offset
        while mention is not None and mention[0] < end:
            parts += [lowered[position : mention[0]], TOKENS[mention[2]]]
            position = mention[1]
            mention = next(found, None)
        parts.append(lowered[position:end])
        marked.append("".join(parts))
        offset = end + 1
    return marked


def sides_in(marked: str) -> set[str]:
    """The sides whose tokens a marked text holds."""
    return {side for side, token in TOKENS.items() if token in marked}


def mark_document(texts: Iterable[str]) -> list[str]:
    """Every sentence of a document marked; `pairside` stays only where the document names both Korea and China."""
    marked = _mark_all(list(texts))
    named = sides_in("\n".join(marked))
    if not {"KOR", "CHN"} <= named:
        marked = [m.replace(TOKENS["PAIR"], TOKENS["NONE"]) for m in marked]
    return marked


def expand(pattern: str) -> str:
    """A cue pattern from a data file with its placeholders expanded."""
    for placeholder, expansion in PLACEHOLDERS.items():
        pattern = pattern.replace(placeholder, expansion)
    return pattern


def cue_alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern for many cues, all starting at the start of a word; a match of cue i has `lastgroup` `c<i>`.

    Matched on marked (lower-case) text, left to right: where two cues start at
    the same word, the one listed first counts. Every cue opens with a word
    character (the tests check the cue files), so a leading `\\b` is the same as
    `(?<!\\w)`, which fails at once at the end of a word, where `\\b` would try every cue. A test of
    the characters the cues can start with rules out most word starts before any cue is tried.
    Cue i is marked by an empty group `c<i>` at its end, not by a group around it: the regex
    engine skips a branch that opens with a letter other than the text's without entering it.
    """
    bodies = (expand(pattern).removeprefix(r"\b") for pattern in patterns)
    alternation = "(?:" + "|".join(f"(?:{body})(?P<c{i}>)" for i, body in enumerate(bodies)) + ")"
    return re.compile(behind_first_character_test(WORD_START + alternation))
