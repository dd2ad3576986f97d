"""People absent from the gazetteer, found by the ways the press introduces them.

- a title before the name: `Professor Lü Chao`, `Chinese scholar Zhan Debin`, `Minister of
  Trade, Industry and Energy Ahn Duk-geun`, `Under Secretary of State for Public Diplomacy
  Liz Allen`, `correspondent in Seoul Kim Ji-hoon`;
- an apposition after it: `Cho Sang-hyun, president of ...`, `Kim Min-ji (email) is an
  assistant professor ...`;
- a verb of speech: `said Park Ji-won.`, `Wang Lei said` (a Korean or Chinese family name first);
- an institution's person: `Fudan University's Wu Xinbo`;
- a byline: `By Scott Snyder and Prof. See-Won Byun`.

Which words of a capitalised run are the name is decided by `names.name_in_run`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from .lexicon import alternation, country_before, find_titles, title_pattern, titles, unglued
from .names import is_name_token, name_in_run

CAPITAL = "A-ZÀ-ÖØ-Þ"
# The rest of a capitalised word. Its letters are taken possessively (`*+`): every pattern goes on after
# a word with something no letter, digit or hyphen matches, so giving letters back could never lead to a
# match and only cost a retry for each letter of every capitalised word that starts no name.
CAP_TAIL = r"[A-Za-zÀ-ÖØ-öø-ÿ0-9-]*+(?:['’][A-Z][a-z]+)?"
CAP = rf"[{CAPITAL}]{CAP_TAIL}"
# A capitalised word not glued to a word, an apostrophe or a hyphen before it.
FIRST_CAP = unglued(CAPITAL, r"\w'’-") + CAP_TAIL
RUN = rf"{CAP}(?:[ \t]+{CAP}){{1,2}}"
TOKEN = re.compile(rf"[ \t]*(?:(?P<link>of|for|in|at|to|on|and|the)(?=[ \t])|(?P<comma>,)|(?P<word>{CAP}))")
QUALIFIERS = frozenset({"of", "for", "in", "at", "to", "on"})
# `(?<!\w)(?:said|says|according[ \t]+to|told)` then a name: one pattern for each verb, opening with the verb
# itself and its lookbehind after it, so the regex engine searches for the verb's letters.
SPEECH_AFTER = tuple(
    re.compile(rf"{verb}(?<!\w{verb}){rest}[ \t]+(?P<run>{RUN})(?=[ \t]*(?:[,.;:)\]\n]|$))")
    for verb, rest in (("said", ""), ("says", ""), ("according", r"[ \t]+to"), ("told", ""))
)
SPEECH_BEFORE = re.compile(
    rf"(?P<run>{FIRST_CAP}(?:[ \t]+{CAP}){{1,2}})[ \t]+(?:said|says|stated|told|added|noted|argued|explained|stressed"
    r"|emphasi[sz]ed|warned|predicted|suggested|asserted|concluded|believes|hopes)(?![\w])"
)
INSTITUTION_PERSON = re.compile(rf"['’]s[ \t]+(?P<run>{RUN})(?![\w'’-]|[ \t]+[A-Z])")
BYLINE = re.compile(r"(?:written[ \t]+)?by[ \t]+", re.IGNORECASE)
BYLINE_SEPARATOR = re.compile(r"[ \t]*(?:,|&|\band\b)[ \t]*")
MAX_BYLINE_CHARS = 120
WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Person:
    """A person named in a text: the span of the name and the country a nationality word gave."""

    start: int
    end: int
    country: str = ""


@cache
def apposition_pattern() -> re.Pattern[str]:
    """`Name, (a) [up to two words] title` or `Name (note) is a ... title`."""
    return re.compile(
        rf"(?P<run>{FIRST_CAP}(?:[ \t]+{CAP}){{1,3}})(?:[ \t]*\([^()\n]{{0,80}}\))?"
        rf"(?:,[ \t]+|[ \t]+(?:is|was)[ \t]+)(?:(?:a|an|the|its|his|her)[ \t]+)?"
        rf"(?:(?!(?:who|which|that|and|but|said|says)[ \t])[a-z-]+[ \t]+){{0,2}}"
        rf"(?i:{alternation(list(titles()), fold_case=True)})(?![\w])"
    )


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def _name_span(words: list[tuple[str, int, int]], by_family_only: bool = False) -> tuple[int, int] | None:
    picked = name_in_run([w for w, _, _ in words])
    if picked is None or (by_family_only and not picked[1]):
        return None
    return words[picked[0]][1], words[-1][2]


def _tokens_after(text: str, position: int) -> list[tuple[str, str, int, int]]:
    tokens = []
    while (match := TOKEN.match(text, position)) and match.end() > position:
        kind = match.lastgroup or ""
        tokens.append((kind, match[kind], match.start(kind), match.end(kind)))
        position = match.end()
    return tokens


def _name_after_title(text: str, title_end: int) -> tuple[int, int] | None:
    """The name a title introduces: right after it, or at the end of its `of ...` qualifier."""
    tokens = _tokens_after(text, title_end)
    if not tokens:
        return None
    if tokens[0][0] == "link" and tokens[0][1] in QUALIFIERS:
        while tokens and tokens[-1][0] != "word":
            tokens.pop()
        run: list[tuple[str, str, int, int]] = []
        for token in reversed(tokens):
            if token[0] != "word":
                break
            run.insert(0, token)
    else:
        run = []
        for token in tokens:
            if token[0] != "word":
                break
            run.append(token)
    return _name_span([(word, start, end) for _, word, start, end in run]) if len(run) >= 2 else None


def titled_people(text: str) -> Iterator[Person]:
    """People named after a title, with the country of a nationality word before the title."""
    for title in find_titles(text):
        span = _name_after_title(text, title.end())
        if span:
            yield Person(*span, country_before(text, title.start()))


def apposed_people(text: str) -> Iterator[Person]:
    """People named before an apposition that gives their role (`X, president of Y`)."""
    for match in apposition_pattern().finditer(text):
        span = _name_span(_words(text, *match.span("run")))
        if span and span[1] == match.end("run"):
            yield Person(*span)


def speech_after(text: str) -> list[re.Match[str]]:
    """A verb of speech and the name after it, in order; the verbs' matches never overlap (a name cannot hold one)."""
    return sorted((match for pattern in SPEECH_AFTER for match in pattern.finditer(text)), key=lambda m: m.start())


def quoted_people(text: str) -> Iterator[Person]:
    """People named next to a verb of speech; before the verb, only names that open with a family name."""
    for match in speech_after(text):
        span = _name_span(_words(text, *match.span("run")))
        if span:
            yield Person(*span)
    for match in SPEECH_BEFORE.finditer(text):
        span = _name_span(_words(text, *match.span("run")), by_family_only=True)
        if span:
            yield Person(*span)


def institution_people(text: str, institutions: Iterable[tuple[int, int]]) -> Iterator[Person]:
    """People named as an institution's own (`Fudan University's Wu Xinbo`)."""
    for _, end in institutions:
        match = INSTITUTION_PERSON.match(text, end)
        if match:
            span = _name_span(_words(text, *match.span("run")))
            if span and span[0] == match.start("run"):
                yield Person(*span)


def byline_people(text: str, sentences: Iterable[tuple[int, int]]) -> Iterator[Person]:
    """The authors a byline sentence names (`By X and Prof. Y`)."""
    for start, end in sentences:
        opening = BYLINE.match(text, start, end)
        if not opening or end - start > MAX_BYLINE_CHARS:
            continue
        part_start = opening.end()
        for separator in [*BYLINE_SEPARATOR.finditer(text, part_start, end), None]:
            part_end = separator.start() if separator else end
            yield from _byline_name(text, part_start, part_end)
            part_start = separator.end() if separator else end


def _byline_name(text: str, start: int, end: int) -> Iterator[Person]:
    title = title_pattern().match(text, start, end)
    if title:
        start = title.end()
    words = _words(text, start, end)
    if 2 <= len(words) <= 4 and all(is_name_token(word) for word, _, _ in words):
        yield Person(words[0][1], words[-1][2])


def find_people(
    text: str, sentences: Iterable[tuple[int, int]], institutions: Iterable[tuple[int, int]]
) -> list[Person]:
    """Every person the patterns find, overlapping candidates included."""
    return [
        *titled_people(text),
        *apposed_people(text),
        *quoted_people(text),
        *institution_people(text, institutions),
        *byline_people(text, sentences),
    ]
