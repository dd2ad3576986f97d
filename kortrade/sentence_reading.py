"""What one sentence says around its figures, read once: breaks, cues, countries, periods.

A `SentenceReading` holds, with offsets into the document's clean text, the clause breaks
(`;`, `。`, `while`, `but`, `, and`, `, with`) and segment breaks (commas, brackets), the
metric cues (`data/figure_metric_cues.tsv`) and measure cues (`data/figure_measure_cues.tsv`),
the countries named outside proper names (`kortrade.countries`), the periods
(`kortrade.periods`), a cited statistical source (`data/figure_sources.tsv`), whether the
sentence speaks of a bilateral relation, and its projection and rumour cues
(`data/figure_flag_cues.tsv`). Cue phrases match case-insensitively between letters (a
digit may touch them, as in the damaged `exports7%`); a capitalised metric cue inside a
sentence belongs to a name (`Ministry of Trade`) and is skipped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from .countries import find_mentions
from .document import Sentence
from .periods import Anchor, find_periods
from .phrases import trie_pattern
from .resources import data_rows

LETTER_BEFORE = r"(?<![^\W\d_])(?<!-)"
LETTER_AFTER = r"(?![^\W\d_]|-)"
CLAUSE_BREAK = re.compile(
    r"[;。；]|:\s|\s[—–]\s|,?\s+(?:while|whereas|but|although|though|meanwhile)\b|,\s+(?:and|with)\s+", re.IGNORECASE
)
SEGMENT_BREAK = re.compile(r"[,，](?=\s)|[()]")
BILATERAL = re.compile(
    r"\b(?:bilateral|two-way|between the two|(?:the|both) two (?:countries|nations|sides|economies)|"
    r"both (?:countries|nations|sides|economies))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Cue:
    """A cue found in a sentence: its span, its label (a metric or measure) and detail (a sign or direction).

    `after` says the cue also marks a change when it follows a figure (`a 5% increase`).
    """

    start: int
    end: int
    label: str
    detail: str
    after: bool = False


@cache
def _cue_pattern(name: str) -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    """The pattern of a cue file's phrases (first column) and phrase -> (label, detail, after)."""
    labels: dict[str, tuple[str, str, bool]] = {}
    for row in data_rows(name):
        phrase, label, detail, *after = row.values()
        labels.setdefault(phrase.lower(), (label, detail or "", bool(after and after[0] == "yes")))
    return re.compile(_phrase_pattern(labels), re.IGNORECASE), labels


def _phrase_pattern(phrases: Iterable[str]) -> str:
    """Phrases (case-folded) between letters, longest first; a test of the first character,
    which is quicker than the tests of the letters around, rules out most positions."""
    phrases = list(phrases)
    first = re.escape("".join(sorted({phrase[0].lower() for phrase in phrases})))
    return rf"(?=[{first}]){LETTER_BEFORE}(?:{trie_pattern(phrases, fold_case=True)}){LETTER_AFTER}"


@cache
def _sources() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = {row["source"]: row["reporter"] for row in data_rows("figure_sources.tsv")}
    return re.compile(rf"(?<!\w)(?:{trie_pattern(rows)})(?!\w)"), rows


@cache
def _flag_cues(scope: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of the flag cues of one scope (`segment`, `sentence`) and cue -> flag."""
    cues = {row["cue"].lower(): row["flag"] for row in data_rows("figure_flag_cues.tsv") if row["scope"] == scope}
    return re.compile(_phrase_pattern(cues), re.IGNORECASE), cues


class SentenceReading:
    """The breaks, cues, countries and periods of one sentence, with offsets into the document text."""

    def __init__(self, text: str, sentence: Sentence, anchor: Anchor) -> None:
        self.text = text
        self.sentence = sentence
        start, end = sentence.start, sentence.end
        self.clause_breaks = [m.span() for m in CLAUSE_BREAK.finditer(text, start, end)]
        self.segment_breaks = sorted(self.clause_breaks + [m.span() for m in SEGMENT_BREAK.finditer(text, start, end)])
        self._clause_edges = _edges(self.clause_breaks)
        self._segment_edges = _edges(self.segment_breaks)
        self.metric_cues = self._cues("figure_metric_cues.tsv", skip_names=True)
        self.measure_cues = self._cues("figure_measure_cues.tsv", skip_names=False)
        self.mentions = [m for m in find_mentions(text, start, end) if not m.in_name]
        self.periods = find_periods(text, start, end, anchor)
        self.unconfirmed = _flag_cues("sentence")[0].search(text, start, end) is not None
        pattern, flags = _flag_cues("segment")
        self.projection_cues = [
            m.start() for m in pattern.finditer(text, start, end) if flags[m.group().lower()] == "projected"
        ]

    @cached_property
    def source(self) -> str:
        """The reporter of the statistical source the sentence cites (`China's customs`), or empty."""
        pattern, reporters = _sources()
        source = pattern.search(self.text, self.sentence.start, self.sentence.end)
        return reporters[source.group()] if source else ""

    @cached_property
    def bilateral(self) -> bool:
        """Whether the sentence speaks of a bilateral relation (`two-way trade`, `both countries`)."""
        return BILATERAL.search(self.text, self.sentence.start, self.sentence.end) is not None

    def _cues(self, name: str, skip_names: bool) -> list[Cue]:
        pattern, labels = _cue_pattern(name)
        cues = []
        for match in pattern.finditer(self.text, self.sentence.start, self.sentence.end):
            word = match.group()
            if skip_names and word[0].isupper() and word[1:].islower() and not self._opens_sentence(match.start()):
                continue
            cues.append(Cue(match.start(), match.end(), *labels[word.lower()]))
        return cues

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
