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
3. Trends (`toward_china_trend`, `away_from_china_trend`: exports to China
   falling, visitors from China surging, plants in China sold, a ban lifted)
   say where ties are heading too, and so does every change in trade between
   Korea and China that the document's figures measure (`exports to China
   -3.4% y/y` in a data brief: trade falling is ties weakening). A sentence
   where a deal or venture is delayed, scrapped or sold off (`reversal`)
   counts its `toward_china` statements away from China; one where an effort
   away from China fails or stalls (`struggling to reduce reliance on China`:
   the dependence stays) counts its `away_from_china` statements toward it. A
   sentence stating both trends in words counts the one it states first
   (`fell, except for a brief rebound`).
4. Moving closer to other partners weighs against China: the evidence for
   `away_from_china` is the count of `away_from_china`, `away_from_china_trend`
   and `toward_others` sentences together, against the `toward_china` and
   `toward_china_trend` ones. One side wins when its count is at least twice
   the other's; otherwise (both present, neither twice the other) the stance
   is `mixed`.
5. A document without directional statements falls back on the relation of
   its sentences: cooperation counts toward China, conflict away from it, with
   the same rule of two to one.
6. A document with neither gets no stance (empty: unknown, never a guess).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..common.resources import data_rows
from .relation import CONFLICT, COOPERATION
from .sides import SIDES, TOKENS, cue_alternation, expand

TOWARD, AWAY, OTHERS, VOICE = "toward_china", "away_from_china", "toward_others", "china_voice"
TOWARD_TREND, AWAY_TREND = "toward_china_trend", "away_from_china_trend"
REVERSAL, STALLED = "reversal", "stalled"
KINDS = (TOWARD, AWAY, OTHERS, TOWARD_TREND, AWAY_TREND)
TOWARD_KINDS = frozenset({TOWARD, TOWARD_TREND})
TRENDS = frozenset({TOWARD_TREND, AWAY_TREND})
MIXED = "mixed"
DOMINANCE = 2
BILATERAL = frozenset({"KOR", "CHN"})
TRADE_METRICS = frozenset({"exports", "imports", "trade_volume"})
FIGURE_TRENDS = {"up": TOWARD_TREND, "down": AWAY_TREND}
FIRST_SIDE = re.compile("(" + "|".join(side.lower() for side in SIDES) + ")side")
TARGETS = {
    TOWARD: (TOKENS["CHN"], TOKENS["PAIR"]),
    AWAY: (TOKENS["CHN"],),
    OTHERS: (TOKENS["ALT"],),
    TOWARD_TREND: (TOKENS["CHN"],),
    AWAY_TREND: (TOKENS["CHN"],),
}


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
    kinds = (*KINDS, REVERSAL, STALLED)
    patterns = {kind: cue_alternation(row["pattern"] for row in rows if row["kind"] == kind) for kind in kinds}
    patterns[VOICE] = re.compile("|".join(expand(row["pattern"]) for row in rows if row["kind"] == VOICE))
    return patterns


def directions(marked: str) -> list[str]:
    """The directions a marked sentence states, in the order of `KINDS`; none if rule 2 applies."""
    first = FIRST_SIDE.search(marked)
    if not first:
        return []
    side = first[1].upper()
    if side == "CHN" and cues()[VOICE].match(marked, first.end()):
        return []
    if side in {"ALT", "NONE"} and TOKENS["KOR"] not in marked:
        return []
    found = [kind for kind in KINDS if any(token in marked for token in TARGETS[kind]) and cues()[kind].search(marked)]
    if TOWARD_TREND in found and AWAY_TREND in found:  # `fell, except for a brief rebound`: the first-stated trend
        ends = {kind: cues()[kind].search(marked).end() for kind in TRENDS}
        found.remove(AWAY_TREND if ends[TOWARD_TREND] < ends[AWAY_TREND] else TOWARD_TREND)
    if TOWARD in found and cues()[REVERSAL].search(marked):
        found = [AWAY if kind == TOWARD else kind for kind in found if kind != AWAY or TOWARD not in found]
        found = list(dict.fromkeys(found))
    elif AWAY in found and cues()[STALLED].search(marked):
        found = list(dict.fromkeys(TOWARD if kind == AWAY else kind for kind in found))
    return found


def trade_trends(figures: Iterable[Mapping[str, object]]) -> list[tuple[int, str]]:
    """Rule 3: the (sentence_id, trend) of every change in Korea–China trade among a document's figure rows."""
    return [
        (int(row["sentence_id"]), FIGURE_TRENDS[row["direction"]])
        for row in figures
        if row["measure"] == "change"
        and row["direction"] in FIGURE_TRENDS
        and row["metric"] in TRADE_METRICS
        and {row["reporter"], row["partner"]} == BILATERAL
    ]


def document_stance(
    sentence_ids: Sequence[int],
    marked: Sequence[str],
    relations: Sequence[str],
    measured: Sequence[tuple[int, str]] = (),
) -> Stance:
    """The stance of a document from its marked sentences, their relations and the trade trends its figures measure."""
    if not any(TOKENS["CHN"] in text for text in marked):
        return Stance("")
    stated = [(sid, kind) for sid, text in zip(sentence_ids, marked) for kind in directions(text)]
    stated = sorted(dict.fromkeys(stated + list(measured)), key=lambda item: (item[0], KINDS.index(item[1])))
    if stated:
        toward = sum(kind in TOWARD_KINDS for _, kind in stated)
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
