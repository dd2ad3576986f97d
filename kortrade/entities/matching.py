"""Dictionary phrase matching: Aho–Corasick over folded text, word boundaries, case rules, longest match first.

Phrases and text are folded the same way (lower case, Latin diacritics removed, one
character for one character, so offsets carry over), matched in one pass, and then
checked against the original spelling: an acronym token of a phrase (`LG`, `BM`,
`U.S.`) must appear in exactly that case, a capitalised token must start with a
capital, so `SK On` matches `SK ON` but not `SK on`, and `US` never matches `us`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import Generic, NamedTuple, TypeVar

import ahocorasick

V = TypeVar("V")
APOSTROPHES = "'’"
FOLDED_CODES = range(0xC0, 0x250)  # Latin letters that may carry diacritics
FOLDED_CHARACTER = re.compile(f"[{chr(FOLDED_CODES[0])}-{chr(FOLDED_CODES[-1])}]")
NOT_ALNUM = re.compile(r"[^\w ]|_")  # what `str.isalnum` rejects, spaces aside
ASCII_MARKS = bytes(code if chr(code).isalnum() else ord(" ") for code in range(256))  # the ASCII half is used


@cache
def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics -> their base letter (`ü` -> `u`), one character each."""
    table = {}
    for code in FOLDED_CODES:
        base = unicodedata.normalize("NFKD", chr(code))
        if len(base) > 1 and all(unicodedata.combining(c) for c in base[1:]) and base[0].isascii():
            table[code] = base[0]
    return table


def fold(text: str) -> str:
    """Lower case without Latin diacritics, keeping the length (so offsets stay valid)."""
    if text.isascii():
        return text.lower()
    stripped = _strip_diacritics(text)
    lowered = stripped.lower()
    if len(lowered) == len(stripped):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in stripped)


def _strip_diacritics(text: str) -> str:
    """The text with `_fold_table` applied (a table lookup for each character is slow on a long text)."""
    table = _fold_table()
    return FOLDED_CHARACTER.sub(lambda m: table.get(ord(m.group()), m.group()), text)


def is_acronym(token: str) -> bool:
    """A token written in capitals (`LG`, `CATL`, `U.S.`, `G20`, `L&F`), not a capitalised word."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and (len(letters) > 1 or not token.isalpha())


@cache
def _shape(phrase: str) -> tuple[tuple[int, str, bool], ...]:
    """Each token of a phrase with its offset and whether it is an acronym."""
    shape, offset = [], 0
    for token in phrase.split(" "):
        shape.append((offset, token, is_acronym(token)))
        offset += len(token) + 1
    return tuple(shape)


def case_compatible(phrase: str, surface: str) -> bool:
    """Does the surface respect the phrase's acronyms and capitals? Both have the same folded form."""
    for offset, token, acronym in _shape(phrase):
        piece = surface[offset : offset + len(token)]
        if acronym:
            if any(a != b for a, b in zip(token, piece) if a.isalpha()):
                return False
        elif token[:1].isupper() and not piece[:1].isupper():
            return False
    return True


def is_all_acronyms(phrase: str) -> bool:
    return all(acronym for _, _, acronym in _shape(phrase))


def ends_word(text: str, end: int) -> bool:
    """No letter or digit runs on from the position; `'s` may follow, `'an` (as in `Xi'an`) may not.

    A digit glued to a lower-case letter (`Energy8`, as machine translation leaves them) ends the word.
    """
    if end < len(text) and text[end].isalnum() and not (text[end].isdigit() and text[end - 1].islower()):
        return False
    if end + 1 < len(text) and text[end] in APOSTROPHES and text[end + 1].isalnum():
        return text[end + 1] in "sS" and (end + 2 >= len(text) or not text[end + 2].isalnum())
    return True


def in_capitals(text: str, start: int, end: int) -> bool:
    """Is the match on a line written all in capitals (a shouted headline), where acronyms cannot be told apart?"""
    line_end = text.find("\n", end)
    line = text[text.rfind("\n", 0, start) + 1 : len(text) if line_end < 0 else line_end]
    return not any(c.islower() for c in line)


LINE_BREAK = re.compile("\n")


class CapitalLines:
    """`in_capitals` for many matches of one text, each line read once.

    Fast path: a long line (scraped text without line breaks) holds many matches, and
    reading it again for each made time grow with the square of its length. Line breaks
    are found once; a match within one line takes that line's cached answer; one spanning
    lines asks `in_capitals` (tests check both agree).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None
        self._known: dict[int, bool] = {}

    def __call__(self, start: int, end: int) -> bool:
        if self._breaks is None:
            self._breaks = [m.start() for m in LINE_BREAK.finditer(self.text)]
        line = bisect.bisect_left(self._breaks, start)
        if line != bisect.bisect_left(self._breaks, end):
            return in_capitals(self.text, start, end)
        if line not in self._known:
            self._known[line] = in_capitals(self.text, start, end)
        return self._known[line]


class PhraseMatch(NamedTuple, Generic[V]):
    """A phrase found in a text: its span, the phrase as written in the dictionary, and its values."""

    start: int
    end: int
    phrase: str
    values: tuple[V, ...]


def marked(folded: str) -> str:
    """The folded text with a space before it and every character but a letter or digit made a space.

    A phrase that opens with a letter or digit is looked up with a space before it, so the
    automaton itself skips the places where a word runs into it (`us` in `plus`).
    """
    if folded.isascii():
        return " " + folded.encode("ascii").translate(ASCII_MARKS).decode("ascii")
    return " " + NOT_ALNUM.sub(" ", folded)


@lru_cache(maxsize=1)
def folded_text(text: str) -> tuple[str, str]:
    """`fold(text)` and its `marked` form, kept for the last text: several matchers read each document."""
    folded = fold(text)
    return folded, marked(folded)


def _marked_key(key: str) -> str:
    """The form of a folded phrase that `marked` text holds where the phrase starts a word."""
    return NOT_ALNUM.sub(" ", " " + key if key[0].isalnum() else key)


class PhraseMatcher(Generic[V]):
    """Every dictionary phrase in a text, at word boundaries and in a compatible case.

    A phrase edge that is a letter or digit must be a word edge in the text; an edge that is
    punctuation (`US$`, `U.S.`) stands on its own.
    """

    def __init__(self, phrases: Iterable[tuple[str, V]]):
        entries: dict[str, dict[str, list[V]]] = {}
        for phrase, value in phrases:
            phrase = " ".join(phrase.split())
            if not phrase:
                continue
            values = entries.setdefault(fold(phrase), {}).setdefault(phrase, [])
            if value not in values:
                values.append(value)
        # Phrases whose marked forms coincide (`u.s.`, `u-s-`) share one automaton key, longest first.
        keys: dict[str, list[tuple[str, int, tuple[Spelling[V], ...]]]] = {}
        for key, spellings in entries.items():
            keys.setdefault(_marked_key(key), []).append(
                (key, len(key), tuple(Spelling(p, tuple(v), is_all_acronyms(p)) for p, v in spellings.items()))
            )
        self._automaton = ahocorasick.Automaton()
        for marked_key, sharing in keys.items():
            self._automaton.add_word(marked_key, tuple(sorted(sharing, key=lambda phrase: -phrase[1])))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    def find(self, text: str) -> list[PhraseMatch[V]]:
        """All matches, overlapping ones included, in order of their end."""
        if self._empty:
            return []
        found = []
        size = len(text)
        folded, marked_text = folded_text(text)
        capitals = CapitalLines(text)
        for end, phrases in self._automaton.iter(marked_text):  # `end` counts the space before the text
            for key, length, spellings in phrases:
                start = end - length
                if folded[start:end] != key or (
                    # `ends_word` is asked only where a letter, digit or apostrophe follows a word character
                    end < size
                    and (text[end].isalnum() or text[end] in APOSTROPHES)
                    and text[end - 1].isalnum()
                    and not ends_word(text, end)
                ):
                    continue
                surface = text[start:end]
                for spelling in spellings:
                    if (surface == spelling.phrase or case_compatible(spelling.phrase, surface)) and not (
                        spelling.all_acronyms and capitals(start, end)
                    ):
                        found.append(PhraseMatch(start, end, spelling.phrase, spelling.values))
                        break
        return found


class Spelling(NamedTuple, Generic[V]):
    """One dictionary spelling of a folded key, its values, and whether all its tokens are acronyms."""

    phrase: str
    values: tuple[V, ...]
    all_acronyms: bool


S = TypeVar("S")


def longest_first(spans: Sequence[S], bounds: Callable[[S], tuple[int, int]]) -> list[S]:
    """Keep non-overlapping spans, longest first (earlier first among equals; input order breaks ties).

    `Beijing Hyundai` is kept and the `Hyundai` inside it is dropped. Spans are not empty.
    Fast path: the characters kept spans cover are marked in a bytearray, so testing and
    keeping a span costs its length (a sorted list of kept spans cost an insertion each,
    which grew with their number); tests check it against the plain pairwise form.
    """
    edges = [bounds(span) for span in spans]
    covered = bytearray(max((end for _, end in edges), default=0))
    kept: list[int] = []
    for _, start, i in sorted((start - end, start, i) for i, (start, end) in enumerate(edges)):
        end = edges[i][1]
        if covered.find(1, start, end) >= 0:
            continue
        covered[start:end] = b"\x01" * (end - start)
        kept.append(i)
    return [spans[i] for i in sorted(kept, key=lambda i: edges[i][0])]
