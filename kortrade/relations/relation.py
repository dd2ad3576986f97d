"""The relation each sentence describes between South Korea and China: cooperation, conflict or neutral.

Sentences are read after `kortrade.relations.sides.mark_document`, with the cues of
`data/relations/cues.tsv` (CAMEO-like event classes). The rules, in order:

1. Only a sentence that names both sides (a Korean and a Chinese mention, or
   a pair such as `both countries`) can be non-neutral.
2. Cues are read left to right; where two start at the same word, the one
   listed first in the file counts (`ease tensions` is one de-escalation cue,
   not the conflict word inside it).
3. A cue does not count when at most three words separate it from a negation
   before it (`failed to agree`, `not to hold the meeting`), or when the
   party attached to it is a third party and not the Korea–China pair: the
   mention right after it (`with`, `to`, `from`, `against`, `by`, ... within
   six words: `tariffs imposed by the United States`) or the compound right
   before it (`US-South Korea joint effort`, `Trump's tariff policy`, but not
   `Washington amid tensions`).
4. Each cue weighs by its CAMEO quad class (material 2, verbal 1). The
   heavier class labels the sentence; equal weights leave it neutral.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..common.resources import data_rows
from .sides import SIDES, TOKENS, cue_alternation

COOPERATION, CONFLICT, NEUTRAL = "cooperation", "conflict", "neutral"
MATERIAL_CODES = set(range(6, 9)) | set(range(14, 21))
_SIDE_NAMES = "|".join(side.lower() for side in SIDES)
_SIDE = rf"(?:{_SIDE_NAMES})side"
FOLLOWING_PARTY = re.compile(
    r"\W*(?:[\w'’-]+\W+){0,5}?(?:with|to|from|against|between|among|by|in|into|on|toward|towards)\s+(?:the\s+)?"
    rf"((?:{_SIDE}(?:'s|’s)?(?:\s*(?:,|-|–|/|and|or)\s*(?:the\s+)?)?)+)"
)
LINKING_WORDS = r"(?:amid|with|against|and|or|but|as|in|on|at|by|for|from|to|of|after|before|despite|over|while|than)"
PRECEDING_PARTY = re.compile(
    rf"((?:{_SIDE}(?:'s|’s)?\s*(?:-|–|/|,|and)?\s*)+)(?:(?!{LINKING_WORDS}\b)[\w'’-]+\s+){{0,2}}$"
)
SIDE_TOKEN = re.compile(rf"({_SIDE_NAMES})side")
PARTY_WINDOW = 100


@dataclass(frozen=True)
class Cues:
    """All cooperation and conflict cues in one pattern (group `c<i>` is cue i), and the negations."""

    pattern: re.Pattern[str]
    relations: tuple[str, ...]
    weights: tuple[int, ...]
    negation: re.Pattern[str]


@cache
def cues() -> Cues:
    """The cues of `data/relations/cues.tsv`, in file order."""
    rows = data_rows("relations/cues.tsv")
    events = [row for row in rows if row["class"] != "negation"]
    negations = "|".join(row["pattern"] for row in rows if row["class"] == "negation")
    return Cues(
        cue_alternation(row["pattern"] for row in events),
        tuple(row["class"] for row in events),
        tuple(2 if int(row["cameo"].split()[0]) in MATERIAL_CODES else 1 for row in events),
        re.compile(f"(?:{negations})" + r"\W+(?:[\w'’-]+\W+){0,3}$"),
    )


def sentence_relation(marked: str) -> str:
    """The relation a marked sentence describes between Korea and China."""
    if not names_both_sides(marked):
        return NEUTRAL
    found = cues()
    weights = {COOPERATION: 0, CONFLICT: 0}
    for match in found.pattern.finditer(marked):
        if _counts(marked, *match.span()):
            index = int(match.lastgroup[1:])
            weights[found.relations[index]] += found.weights[index]
    if weights[COOPERATION] == weights[CONFLICT]:
        return NEUTRAL
    return COOPERATION if weights[COOPERATION] > weights[CONFLICT] else CONFLICT


def names_both_sides(marked: str) -> bool:
    """Rule 1: a Korean and a Chinese mention, or a pair (`both countries`)."""
    return TOKENS["PAIR"] in marked or (TOKENS["KOR"] in marked and TOKENS["CHN"] in marked)


def _counts(marked: str, start: int, end: int) -> bool:
    """Rule 3: a cue counts unless a negation precedes it or a third party is attached to it."""
    if cues().negation.search(marked, max(0, start - PARTY_WINDOW), start):
        return False
    parties: set[str] = set()
    following = FOLLOWING_PARTY.match(marked, end, min(len(marked), end + PARTY_WINDOW))
    if following:
        parties |= {token.upper() for token in SIDE_TOKEN.findall(following[1])}
    preceding = PRECEDING_PARTY.search(marked, max(0, start - PARTY_WINDOW), start)
    if preceding:
        parties |= {token.upper() for token in SIDE_TOKEN.findall(preceding[1])}
    if not parties & {"ALT", "NONE"}:
        return True
    return "PAIR" in parties or {"KOR", "CHN"} <= parties


def label_relations(marked: Sequence[str]) -> list[str]:
    """The relation of every marked sentence of a document."""
    return [sentence_relation(text) for text in marked]
