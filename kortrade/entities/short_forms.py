"""Family names standing alone (`Xi emphasized`, `President Yoon`, `Zhan points to`), resolved to a person.

A family name after a title is the one listed person with that family name whose role
fits the title on the document's date (`President Yoon` in 2023 is Yoon Suk Yeol).
Otherwise it is the person of the document with that family name whose full name was
mentioned nearest before it (else nearest after it).
A family name glued to another capitalised word (`Lee Sang-min`, `Han Chinese`) is
part of some other name and is left alone.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import cache

from .gazetteer import Actor, Mention, holder_of, persons_by_family_name
from .lexicon import alternation, titles, unglued
from .matching import fold, folded_text

WORD = re.compile(unglued("A-ZÀ-ÖØ-Þ", r"\w'’-") + r"[a-zà-öø-ÿ]+(?![\w-])")
CAPITAL_AFTER = re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ]")
WORD_BEFORE = re.compile(r"(?<![\w'’-])(?P<word>[A-Za-z][\w'’-]*)[ \t]+$")


@cache
def title_before_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?P<title>{alternation(list(titles()), fold_case=True)})[ \t]+$", re.IGNORECASE)


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    at = bisect.bisect_right(starts, start) - 1
    return (at >= 0 and ends[at] > start) or (at + 1 < len(starts) and starts[at + 1] < end)


def _nearest(mentions: list[tuple[int, Actor]], position: int) -> Actor | None:
    before = [actor for start, actor in mentions if start < position]
    if before:
        return before[-1]
    return mentions[0][1] if mentions else None


def short_forms(text: str, mentions: Iterable[Mention], day: dt.date | None) -> Iterator[Mention]:
    """Mentions of people by family name alone, in text not already covered by `mentions`."""
    mentions = sorted(mentions, key=lambda m: m.start)
    starts, ends = [m.start for m in mentions], [m.end for m in mentions]
    by_family: dict[str, list[tuple[int, Actor]]] = {}
    for mention in mentions:
        if mention.actor.type == "person" and "short_form" not in mention.flags:
            by_family.setdefault(fold(mention.actor.family_name), []).append((mention.start, mention.actor))
    folded = folded_text(text)[0]  # a word's letters fold alone as they do in the text (Latin letters only)
    for match in WORD.finditer(text):
        key = folded[match.start() : match.end()]
        if key not in by_family and key not in persons_by_family_name():
            continue
        if _overlaps(starts, ends, match.start(), match.end()) or CAPITAL_AFTER.match(text, match.end()):
            continue
        window = max(0, match.start() - 60)
        title = title_before_pattern().search(text, window, match.start())
        before = WORD_BEFORE.search(text, window, match.start())
        if not title and before and before["word"][0].isupper():
            continue
        actor = holder_of(title["title"], match.group(), day) if title else None
        actor = actor or _nearest(by_family.get(key, []), match.start())
        if actor is not None:
            flags = ("short_form",) if actor.listed else ("unlisted", "short_form")
            yield Mention(match.start(), match.end(), actor, flags)
