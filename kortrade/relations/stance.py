"""Where a document says South Korea's economic ties with China are heading.

The stance is `toward_china`, `away_from_china` or `mixed`, decided by these
rules, each traceable to the sentences that gave the evidence:

0. A document that never names China (its places, leaders, firms) has no
   stance: it says nothing of where ties with China are heading.
1. Directional statements (`data/relations/stance_cues.tsv`) are found in every marked
   sentence: `toward_china` (`must cooperate with China`, `pivots to China`,
   `full restoration of China ties`), `away_from_china` (`reduce dependence on
   China`, `trending away from China`) and `toward_others` (`strengthen ties
   with the United States and Japan`). A sentence counts once per direction.
2. A sentence does not count when it reports China's own wish (its first side
   mention is China's and a verb of speech follows: `Xi urged Seoul to work
   with China`), or when it names no Korean side and its first side mention is
   a third party (`Japan cuts its reliance on China`).
3. Moving closer to other partners weighs against China: the evidence for
   `away_from_china` is the count of `away_from_china` and `toward_others`
   sentences together. One side wins when its count is at least twice the
   other's; otherwise (both present, neither twice the other) the stance is
   `mixed`.
4. A document without directional statements falls back on the relation of
   its sentences: cooperation counts toward China, conflict away from it, with
   the same rule of two to one.
5. A document with neither gets no stance (empty: unknown, never a guess).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..common.resources import data_rows
from .relation import CONFLICT, COOPERATION
from .sides import SIDES, TOKENS, cue_alternation, expand

TOWARD, AWAY, OTHERS, VOICE = "toward_china", "away_from_china", "toward_others", "china_voice"
MIXED = "mixed"
DOMINANCE = 2
FIRST_SIDE = re.compile("(" + "|".join(side.lower() for side in SIDES) + ")side")
TARGETS = {TOWARD: (TOKENS["CHN"], TOKENS["PAIR"]), AWAY: (TOKENS["CHN"],), OTHERS: (TOKENS["ALT"],)}


@dataclass(frozen=True)
class Stance:
    """A document's stance and its evidence: (sentence_id, direction or relation) pairs."""

    label: str
    evidence: tuple[tuple[int, str], ...] = ()

    @property
    def evidence_text(self) -> str:
        """The evidence as `sentence_id:direction` items joined by `;`."""
        return ";".join(f"{sentence_id}:{direction}" for sentence_id, direction in self.evidence)


@cache
def cues() -> dict[str, re.Pattern[str]]:
    """One pattern per kind of stance cue."""
    rows = data_rows("relations/stance_cues.tsv")
    kinds = (TOWARD, AWAY, OTHERS)
    patterns = {kind: cue_alternation(row["pattern"] for row in rows if row["kind"] == kind) for kind in kinds}
    patterns[VOICE] = re.compile("|".join(expand(row["pattern"]) for row in rows if row["kind"] == VOICE))
    return patterns


def directions(marked: str) -> list[str]:
    """The directions a marked sentence states, in the order toward, away, others; none if rule 2 applies."""
    first = FIRST_SIDE.search(marked)
    if not first:
        return []
    side = first[1].upper()
    if side == "CHN" and cues()[VOICE].match(marked, first.end()):
        return []
    if side in {"ALT", "NONE"} and TOKENS["KOR"] not in marked:
        return []
    return [
        kind
        for kind in (TOWARD, AWAY, OTHERS)
        if any(token in marked for token in TARGETS[kind]) and cues()[kind].search(marked)
    ]


def document_stance(sentence_ids: Sequence[int], marked: Sequence[str], relations: Sequence[str]) -> Stance:
    """The stance of a document from its marked sentences and their relations."""
    if not any(TOKENS["CHN"] in text for text in marked):
        return Stance("")
    stated = [(sid, kind) for sid, text in zip(sentence_ids, marked) for kind in directions(text)]
    if stated:
        toward = sum(kind == TOWARD for _, kind in stated)
        return Stance(_balance(toward, len(stated) - toward), tuple(stated))
    related = [(sid, rel) for sid, rel in zip(sentence_ids, relations) if rel in {COOPERATION, CONFLICT}]
    if related:
        cooperation = sum(rel == COOPERATION for _, rel in related)
        return Stance(_balance(cooperation, len(related) - cooperation), tuple(related))
    return Stance("")


def _balance(toward: int, away: int) -> str:
    """Rule 3: one side wins with at least twice the other's evidence, else the stance is mixed."""
    if toward >= DOMINANCE * away:
        return TOWARD
    if away >= DOMINANCE * toward:
        return AWAY
    return MIXED
