"""The timeline: one row per dated statement, its date in ISO 8601 and a short event phrase.

Dates are found by `kortrade.timeline.expressions.find_time_expressions` over the clean
text. Dates written without their year and relative dates are read against
the document's own date (`resolved_against` `published`); in a document without
one they stay unresolved (empty date, precision kept): the run's reference date
is never a stand-in for it. A clause that speaks of the future (in a sentence
that does) reads `in March` as the next March, any other as the last one, so
`said on Nov. 15 that it will invest` reads the last Nov. 15. A
document dated only by a stamp such as `1 day ago` reads other `N ... ago`
stamps against the reference date too, as the page meant them.

The event is the clause around the date (between commas, semicolons, colons,
brackets, quotes and dashes) without the date and the preposition before it,
stripped of connectives at its start and of prepositions and articles at its
end, and cut to a window of at most twelve words around the date's place (a
longer clause is first cut at subordinating words: `that`, `which`, `when`). A
clause left empty (`On Dec. 1,`) takes its event from the next clause (or else
the previous one); a clause of a word or two (`launched on the 10th`) is
joined to the clause before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

from ..common.resources import data_rows
from ..ingest.document import Document, Sentence
from .expressions import DateContext, TimeExpression, find_time_expressions, speaks_of_future

EVENT_WORDS = 12
WORDS_BEFORE_DATE = 8
MIN_EVENT_WORDS = 3
# A clause of fewer words (a date and its preposition: `On Dec. 1,`) takes its tense from its sentence.
TENSE_CLAUSE_WORDS = 4
# Characters either side of a date that its event phrase is read from.
EVENT_WINDOW = 400
CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”]|\s[-–—]\s|—|–(?=\s)")
WORD_BEFORE = re.compile(r"\b(\w+)\s+$")
WORD = re.compile(r"[^\W_][\w'’&.\-/%$]*|\$[\d.,]+\w*")


@cache
def event_words(role: str) -> frozenset[str]:
    """The function words of one role in `data/timeline/event_words.tsv`."""
    return frozenset(
        word for row in data_rows("timeline/event_words.tsv") if row["role"] == role for word in row["words"].split()
    )


def date_context(document: Document) -> DateContext:
    """What the document's year-less and relative dates are read against."""
    anchor = document.published_date
    source = "published" if anchor else ""
    granularity = document.date_precision if document.date_precision in {"month", "year"} else "day"
    if document.date_precision == "relative" and document.reference_date:
        stamp_anchor, stamp_source = document.reference_date, "reference"
    else:
        stamp_anchor, stamp_source = anchor, source
    return DateContext(anchor, source, granularity, stamp_anchor, stamp_source)


def timeline_rows(document: Document) -> list[dict[str, object]]:
    """One row per dated expression that lies within a sentence, in text order."""
    starts = [s.start for s in document.sentences]
    future: dict[int, bool] = {}

    def sentence_of(offset: int) -> Sentence | None:
        index = bisect.bisect_right(starts, offset) - 1
        return document.sentences[index] if index >= 0 else None

    def future_at(offset: int) -> bool:
        sentence = sentence_of(offset)
        if sentence is None:
            return False
        if sentence.sentence_id not in future:
            future[sentence.sentence_id] = speaks_of_future(sentence.text)
        return future[sentence.sentence_id] and speaks_of_future(_clause_of(sentence.text, offset - sentence.start))

    def sentence_start(offset: int) -> int:
        sentence = sentence_of(offset)
        return sentence.start if sentence is not None else 0

    expressions = find_time_expressions(document.text, date_context(document), future_at, sentence_start)
    starts_of_dates = [e.start for e in expressions]
    rows = []
    for expression in expressions:
        sentence = sentence_of(expression.start)
        if sentence is None or expression.end > sentence.end:
            continue
        rows.append(_row(document, sentence, expression, expressions, starts_of_dates))
    return rows


def _row(
    document: Document,
    sentence: Sentence,
    expression: TimeExpression,
    expressions: list[TimeExpression],
    starts_of_dates: list[int],
) -> dict[str, object]:
    # The event is read from a window around the date, so a huge run-on sentence costs no more per date.
    window_start = max(sentence.start, expression.start - EVENT_WINDOW)
    window_end = min(sentence.end, expression.end + EVENT_WINDOW)
    window = document.text[window_start:window_end]
    first, last = bisect.bisect_left(starts_of_dates, window_start), bisect.bisect_left(starts_of_dates, window_end)
    others = [
        (e.start - window_start, e.end - window_start)
        for e in expressions[first:last]
        if e is not expression and e.end <= window_end
    ]
    return {
        **document.provenance(sentence, expression.start, expression.end),
        "date": expression.iso,
        "date_precision": expression.precision,
        "event": event_phrase(window, expression.start - window_start, expression.end - window_start, others),
        "resolved_against": expression.resolved_against,
    }


def event_phrase(sentence: str, start: int, end: int, others: list[tuple[int, int]] | None = None) -> str:
    """A few words of the clause holding `sentence[start:end]`, without the date itself nor the `others`
    (the spans of the sentence's other dates: `in 2007 and 2009` gives each the same event)."""
    blanked = sentence[:start] + " " * (end - start) + sentence[end:]
    for other_start, other_end in others or ():
        preposition = WORD_BEFORE.search(blanked, max(0, other_start - 20), other_start)
        if preposition and preposition[1].lower() in event_words("date_preposition"):
            other_start = preposition.start(1)
        blanked = blanked[:other_start] + " " * (other_end - other_start) + blanked[other_end:]
    clauses = _clauses(blanked)
    # the last clause opening at or before the date (blanking may join a dash to a break: `rose -March`)
    holding = bisect.bisect_right([s for s, _ in clauses], start) - 1
    clause_start, clause_end = clauses[holding]
    # no word runs into the blanked date, so the words before and after it are read apart
    before, after = _words(blanked, clause_start, start), _words(blanked, end, clause_end)
    if len(before) + len(after) > EVENT_WORDS:
        before, after = _subclause(before, after)
    if before and before[-1].lower() in event_words("date_preposition"):
        before.pop()
    event, pivot = _trimmed(before + after, len(before))

    def neighbours(order: list[tuple[int, int]]) -> Iterator[list[str]]:
        for clause in order:
            found = _trimmed(_words(blanked, *clause), 0)[0]
            if found:
                yield found

    if not event:
        earlier = (c[-EVENT_WORDS:] for c in neighbours(clauses[:holding][::-1]))
        event, pivot = next(neighbours(clauses[holding + 1 :]), None) or next(earlier, []), 0
    elif len(event) < MIN_EVENT_WORDS:
        previous = next(neighbours(clauses[:holding][::-1]), [])
        event, pivot = previous + event, pivot + len(previous)
    first = max(0, min(pivot - WORDS_BEFORE_DATE, len(event) - EVENT_WORDS))
    return " ".join(_trimmed(event[first : first + EVENT_WORDS], 0)[0])


def _clause_of(sentence: str, offset: int) -> str:
    """The clause of the sentence holding `offset`; the whole sentence when that clause is only a date and its
    preposition (`In March, the plant will open`)."""
    clauses = _clauses(sentence)
    clause_start, clause_end = clauses[bisect.bisect_right([s for s, _ in clauses], offset) - 1]
    clause = sentence[clause_start:clause_end]
    return clause if len(WORD.findall(clause)) >= TENSE_CLAUSE_WORDS else sentence


def _clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the stretches of text between clause breaks, in order."""
    edges = [0]
    for match in CLAUSE_BREAK.finditer(text):
        edges += match.span()
    edges.append(len(text))
    return list(zip(edges[::2], edges[1::2]))


def _subclause(before: list[str], after: list[str]) -> tuple[list[str], list[str]]:
    """The words around the date from the last subordinating word before it to the first one after it."""
    cut_before = max((i for i, w in enumerate(before) if w.lower() in event_words("subordinator")), default=0)
    cut_after = next((i for i, w in enumerate(after) if w.lower() in event_words("subordinator")), len(after))
    return before[cut_before:], after[:cut_after]


def _words(text: str, start: int, end: int) -> list[str]:
    """The words of a stretch of text; a sentence's full stop is no part of its last word."""
    return [w[:-1] if w[-1] == "." and w.count(".") == 1 else w for w in WORD.findall(text, start, end)]


def _trimmed(words: list[str], pivot: int) -> tuple[list[str], int]:
    """Words without connectives at the start or prepositions and articles at the end; the pivot moves along."""
    first, last = 0, len(words)
    leading, trailing = event_words("leading"), event_words("trailing")
    while first < last and words[first].lower() in leading:
        first += 1
    while last > first and words[last - 1].lower() in trailing:
        last -= 1
    return words[first:last], max(0, min(pivot - first, last - first))
