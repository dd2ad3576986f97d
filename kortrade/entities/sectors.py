"""Sectors each sentence talks about, from the keyword taxonomy in `data/entities/sectors.tsv`.

A keyword inside a name does not count: not inside an actor mention (`LG Energy
Solution`), and not when a lower-case keyword is written with a capital in the middle of
an ordinary sentence (`Minister of Industry, Trade and Energy`); in a title-case
headline (`Battery Exports Surge`) capitals are no sign of a name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache

from ..common.resources import data_rows
from ..ingest.document import Document, Sentence
from .matching import PhraseMatch, PhraseMatcher, longest_first

LONG_WORD = re.compile(r"[A-Za-z][\w'-]{3,}")
TITLE_CASE_SHARE = 0.6


@cache
def taxonomy() -> tuple[str, ...]:
    """Sector ids in the taxonomy's order."""
    return tuple(row["sector"] for row in data_rows("entities/sectors.tsv"))


@cache
def matcher() -> PhraseMatcher[str]:
    """Every sector keyword, with its sector id."""
    return PhraseMatcher(
        (keyword, row["sector"]) for row in data_rows("entities/sectors.tsv") for keyword in row["keywords"].split("|")
    )


def _title_case(sentence: Sentence) -> bool:
    words = LONG_WORD.findall(sentence.text)
    return bool(words) and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def _inside_name(match: PhraseMatch[str], text: str, sentence: Sentence, title_case: dict[int, bool]) -> bool:
    """A keyword written with a capital inside a sentence not in title case is part of a name.

    `title_case` keeps each sentence's answer: a long sentence holds many matches, and reading
    its words again for each would make time grow with the square of its length.
    """
    written_in_capital = match.phrase[0].islower() and text[match.start].isupper()
    if not written_in_capital or match.start <= sentence.start:
        return False
    if sentence.sentence_id not in title_case:
        title_case[sentence.sentence_id] = _title_case(sentence)
    return not title_case[sentence.sentence_id]


def sentence_sectors(document: Document, names: Iterable[tuple[int, int]] = ()) -> list[str]:
    """For each sentence, its sector ids `;`-separated in taxonomy order ('' for none).

    `names` are the spans of actor mentions, whose words are not keywords.
    """
    text = document.text
    starts = [s.start for s in document.sentences]
    name_spans = sorted(names)
    name_starts = [start for start, _ in name_spans]
    found: list[set[str]] = [set() for _ in document.sentences]
    title_case: dict[int, bool] = {}
    for match in longest_first(matcher().find(text), lambda m: (m.start, m.end)):
        at = bisect.bisect_right(starts, match.start) - 1
        if at < 0 or match.end > document.sentences[at].end:
            continue
        named = bisect.bisect_right(name_starts, match.start) - 1
        if named >= 0 and name_spans[named][1] > match.start:
            continue
        if not _inside_name(match, text, document.sentences[at], title_case):
            found[at].update(match.values)
    return [";".join(s for s in taxonomy() if s in sectors) if sectors else "" for sectors in found]
