"""What one sentence says around its figures, read once: breaks, cues, countries, periods.

A `SentenceReading` holds, with offsets into the document's clean text, the clause breaks
(`;`, `。`, `while`, `but`, `, and`, `, with`) and segment breaks (commas, brackets), the
metric cues (`data/figures/metric_cues.tsv`) and measure cues (`data/figures/measure_cues.tsv`),
the countries named outside proper names (`kortrade.common.countries`), the periods
(`kortrade.figures.periods`), a cited statistical source (`data/figures/sources.tsv`), whether the
sentence speaks of a bilateral relation, and its projection and rumour cues
(`data/figures/flag_cues.tsv`). Cue phrases match case-insensitively between letters (a
digit may touch them, as in the damaged `exports7%`); a capitalised metric cue inside a
sentence belongs to a name (`Ministry of Trade`) and is skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import NamedTuple

from ..common.countries import find_mentions
from ..common.phrases import case_key, first_character_test, trie_opening_on_characters, trie_pattern
from ..common.resources import data_rows
from ..ingest.document import Sentence
from .periods import Anchor, find_periods

LETTER_BEFORE = r"(?<![^\W\d_])(?<!-)"
LETTER_AFTER = r"(?![^\W\d_]|-)"
# CLAUSE_BREAK and BILATERAL open with a test of the first character any of their branches starts with,
# which rules out most positions quicker than trying the branches.
CLAUSE_BREAK = re.compile(
    r"(?=[;。；:,\s])(?:[;。；]|:\s|\s(?:[—–]|--)\s|,?\s+(?:while|whereas|but|although|though|meanwhile)\b|,\s+(?:and|with)\s+)",
    re.IGNORECASE,
)
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# A comma before a blank, or a bracket: written to open on one character class, which lets re skip to those characters.
SEGMENT_BREAK = re.compile(r"[,，()](?:(?<=[()])|(?=\s))")
BILATERAL_PHRASES = (
    r"(?:bilateral|two-way|between the two|(?:the|both) two (?:countries|nations|sides|economies)|"
    r"both (?:countries|nations|sides|economies))\b"
)
BILATERAL = re.compile(rf"(?=[bt])\b{BILATERAL_PHRASES}", re.IGNORECASE)
# The same two patterns for lower-cased ASCII text (`lowered_ascii`), case-sensitive and quicker; there the
# bilateral phrases come after the character before them (no word character), on which the pattern opens:
# a pattern opening on a character class lets re skip to those characters.
CLAUSE_BREAK_LOWERED = re.compile(CLAUSE_BREAK.pattern)
BILATERAL_LOWERED = re.compile(rf"[^a-z0-9_](?=[bt]){BILATERAL_PHRASES}")
# What every clause break holds, in lower case: one of these, or a comma and `and` or `with`.
CLAUSE_BREAK_HINTS = (";", "。", "；", ":", "—", "–", " -- ", "while", "whereas", "but", "though")


class Cue(NamedTuple):
    """A cue found in a sentence: its span, its label (a metric or measure) and detail (a sign or direction).

    `after` says the cue also marks a change when it follows a figure (`a 5% increase`). A named tuple,
    which is built quicker than a frozen dataclass.
    """

    start: int
    end: int
    label: str
    detail: str
    after: bool = False


@dataclass(frozen=True)
class Phrases:
    """A pattern of cue phrases in two forms that find the same phrases: `any_case`, case-insensitive, for
    any text; `word_start`, case-sensitive and quicker, for lower-cased ASCII text, where it matches a phrase
    (group 1) with the character before it, no letter or hyphen. Opening on a character class, it lets `re`
    skip to the ends of words rather than try the pattern at every position; it is None unless every phrase is
    ASCII (Unicode case folding pairs some ASCII letters with other letters) and opens with a letter (so that
    the character before a phrase is never the last one of the phrase before)."""

    any_case: re.Pattern[str]
    word_start: re.Pattern[str] | None

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Phrases:
        phrases = list(phrases)
        any_case = re.compile(_phrase_pattern(phrases), re.IGNORECASE)
        if not all(phrase.isascii() and phrase[:1].isalpha() for phrase in phrases):
            return cls(any_case, None)
        word_start = rf"[^a-z-]{first_character_test(phrases, fold_case=True)}({trie_pattern(phrases, fold_case=True)})(?![a-z-])"
        return cls(any_case, re.compile(word_start))

    def find(self, text: str, start: int, end: int, lowered: tuple[str, int] | None) -> Iterator[tuple[int, int, str]]:
        """(start, end, phrase in lower case) of each match in `text[start:end]`, left to right; `lowered` is
        `lowered_ascii(text, start, end)`."""
        if lowered is None or self.word_start is None:
            for match in self.any_case.finditer(text, start, end):
                yield match.start(), match.end(), case_key(match.group())
            return
        copy, offset = lowered
        for match in self.word_start.finditer(copy):
            yield match.start(1) + offset, match.end(1) + offset, match[1]


@cache
def _cue_pattern(name: str) -> tuple[Phrases, dict[str, tuple[str, str, bool]]]:
    """The phrases of a cue file (first column) and phrase -> (label, detail, after)."""
    labels: dict[str, tuple[str, str, bool]] = {}
    for row in data_rows(name):
        phrase, label, detail, *after = row.values()
        labels.setdefault(phrase.lower(), (label, detail or "", bool(after and after[0] == "yes")))
    return Phrases.of(labels), labels


def _phrase_pattern(phrases: Iterable[str]) -> str:
    """Phrases (case-folded) between letters, longest first; a test of the first character,
    which is quicker than the tests of the letters around, rules out most positions."""
    phrases = list(phrases)
    return rf"{first_character_test(phrases, fold_case=True)}{LETTER_BEFORE}(?:{trie_pattern(phrases, fold_case=True)}){LETTER_AFTER}"


@cache
def _sources() -> tuple[re.Pattern[str], dict[str, str]]:
    """The sources (case-sensitive, between word boundaries; opening on their first characters, which re skips to)
    and source -> reporter."""
    rows = {row["source"]: row["reporter"] for row in data_rows("figures/sources.tsv")}
    opening = trie_opening_on_characters(rows, r"(?<!\w.)")
    return re.compile(rf"(?:{opening})(?!\w)"), rows


@cache
def _flag_cues(scope: str) -> tuple[Phrases, dict[str, str]]:
    """The flag cues of one scope (`segment`, `sentence`) and cue -> flag."""
    cues = {row["cue"].lower(): row["flag"] for row in data_rows("figures/flag_cues.tsv") if row["scope"] == scope}
    return Phrases.of(cues), cues


@cache
def _any_flag_cue() -> Phrases:
    """The flag cues of both scopes: where a sentence holds a cue of either, these find one."""
    return Phrases.of([*_flag_cues("sentence")[1], *_flag_cues("segment")[1]])


class SentenceReading:
    """The breaks, cues, countries and periods of one sentence, with offsets into the document text."""

    def __init__(self, text: str, sentence: Sentence, anchor: Anchor) -> None:
        self.text = text
        self.sentence = sentence
        start, end = sentence.start, sentence.end
        self._lowered = lowered_ascii(text, start, end)
        self.clause_breaks = self._clause_breaks()
        self.segment_breaks = sorted(self.clause_breaks + [m.span() for m in SEGMENT_BREAK.finditer(text, start, end)])
        self._clause_edges = _edges(self.clause_breaks)
        self._segment_edges = _edges(self.segment_breaks)
        self.metric_cues = self._cues("figures/metric_cues.tsv", skip_names=True)
        self.measure_cues = self._cues("figures/measure_cues.tsv", skip_names=False)
        self.mentions = [m for m in find_mentions(text, start, end) if not m.in_name]
        self.periods = find_periods(text, start, end, anchor)
        # Flag cues are rare: a sentence holding none of either scope is searched once.
        flagged = next(self._phrases(_any_flag_cue()), None) is not None
        self.unconfirmed = flagged and next(self._phrases(_flag_cues("sentence")[0]), None) is not None
        phrases, flags = _flag_cues("segment")
        self.projection_cues = (
            [start for start, _, cue in self._phrases(phrases) if flags[cue] == "projected"] if flagged else []
        )

    @cached_property
    def source(self) -> str:
        """The reporter of the statistical source the sentence cites (`China's customs`), or empty."""
        pattern, reporters = _sources()
        source = pattern.search(self.text, self.sentence.start, self.sentence.end)
        return reporters[source.group()] if source else ""

    @cached_property
    def respectively(self) -> list[int]:
        """The offsets of each `respectively` (which pairs a list of figures with a list of names) in the sentence."""
        return [m.start() for m in RESPECTIVELY.finditer(self.text, self.sentence.start, self.sentence.end)]

    @cached_property
    def bilateral(self) -> bool:
        """Whether the sentence speaks of a bilateral relation (`two-way trade`, `both countries`)."""
        if self._lowered is None:
            return BILATERAL.search(self.text, self.sentence.start, self.sentence.end) is not None
        return BILATERAL_LOWERED.search(self._lowered[0]) is not None

    def _clause_breaks(self) -> list[tuple[int, int]]:
        """The spans of the clause breaks, found in the lower-cased copy of the sentence when there is one."""
        if self._lowered is None:
            return [m.span() for m in CLAUSE_BREAK.finditer(self.text, self.sentence.start, self.sentence.end)]
        copy, offset = self._lowered
        if not _may_break_clause(copy):
            return []
        return [(m.start() + offset, m.end() + offset) for m in CLAUSE_BREAK_LOWERED.finditer(copy, 1)]

    def _phrases(self, phrases: Phrases) -> Iterator[tuple[int, int, str]]:
        """(start, end, phrase in lower case) of each match of the phrases in the sentence, left to right."""
        return phrases.find(self.text, self.sentence.start, self.sentence.end, self._lowered)

    def _cues(self, name: str, skip_names: bool) -> list[Cue]:
        phrases, labels = _cue_pattern(name)
        cues = []
        for start, end, phrase in self._phrases(phrases):
            if skip_names and self._capitalised(start, end) and not self._opens_sentence(start):
                continue
            cues.append(Cue(start, end, *labels[phrase]))
        return cues

    def _capitalised(self, start: int, end: int) -> bool:
        """Whether the word at `start:end` is written with a capital and then lower case (`Trade`)."""
        return self.text[start].isupper() and self.text[start + 1 : end].islower()

    def _opens_sentence(self, offset: int) -> bool:
        return not self.text[self.sentence.start : offset].strip(" \"“‘'([-–—")

    def _between_breaks(self, start: int, end: int, edges: tuple[list[int], list[int]]) -> tuple[int, int]:
        """The part of the sentence around `start:end` between the nearest breaks (their sorted starts and ends)."""
        starts, ends = edges
        left = bisect.bisect_right(ends, start)
        right = bisect.bisect_left(starts, end)
        return (
            ends[left - 1] if left else self.sentence.start,
            starts[right] if right < len(starts) else self.sentence.end,
        )

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around `start:end`."""
        return self._between_breaks(start, end, self._clause_edges)

    def segment(self, start: int, end: int) -> tuple[int, int]:
        """The comma segment around `start:end`."""
        return self._between_breaks(start, end, self._segment_edges)


def lowered_ascii(text: str, start: int, end: int) -> tuple[str, int] | None:
    """`text[start:end]` lower-cased after the character before it (which patterns read; a space at the
    start of the text), and the offset of that copy in `text`; None when the stretch is not ASCII (whose
    case folding differs)."""
    stretch = text[start - 1 : end] if start else " " + text[:end]
    return (stretch.lower(), start - 1) if stretch.isascii() else None


def _may_break_clause(lowered: str) -> bool:
    """Whether lower-cased text holds what a clause break does (`CLAUSE_BREAK_HINTS`): most sentences do not."""
    return any(hint in lowered for hint in CLAUSE_BREAK_HINTS) or (
        "," in lowered and ("and" in lowered or "with" in lowered)
    )


def _edges(breaks: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and the ends of breaks, each sorted."""
    return sorted(start for start, _ in breaks), sorted(end for _, end in breaks)


def nearest_before(cues: list[Cue], start: int, end: int, direction: bool = False) -> Cue | None:
    """The last cue inside `start:end` (with `direction`, the last one that says `up` or `down`)."""
    found = [c for c in cues if start <= c.start and c.end <= end and (not direction or c.detail in ("up", "down"))]
    return found[-1] if found else None


def nearest_after(cues: list[Cue], start: int, end: int) -> Cue | None:
    """The first cue inside `start:end`."""
    return next((c for c in cues if start <= c.start and c.end <= end), None)


def any_cue(cues: list[Cue], label: str, start: int, end: int) -> bool:
    """Whether a cue with this label lies inside `start:end`."""
    return any(c.label == label and start <= c.start and c.end <= end for c in cues)
