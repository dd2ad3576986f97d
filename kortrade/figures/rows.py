"""The rows of `figures.csv` for one document: figures found, framed, and signed.

`figure_rows` finds the figures of the clean text (`kortrade.figures.finding`, which leaves damaged
numbers flagged by `kortrade.figures.garbled`), frames each in its sentence (`kortrade.figures.frame`), and
writes one row per figure in the contract's columns. A figure whose sentence names no
period takes the period of the nearest figure in the same paragraph whose sentence names
one (earlier figures first), else the last one stated in an earlier paragraph: news state
the period once (`South Korea recorded an $18 billion deficit with China. Exports to China
in 2023 dropped 20%`), and a later period never flows back. A figure whose sentence names
no reporter takes the one the text last named (`China's exports fell. Imports rose 3%`: China's).
Counts inherit neither, but for counts of traded goods (`imports fell to 590t`). A level said for a year
earlier (`compared with $17.5 billion a year earlier`) takes the period a year before its sentence's. The document flag `garbled_numbers` is raised when any figure is garbled.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..ingest.document import Document, Sentence
from .figure import Figure
from .finding import find_figures
from .frame import EARLIER_LEVEL_BEFORE, DocumentFramer, Frame
from .parties import TRADE_FLOWS
from .periods import year_before

LINE_BREAK = re.compile("\n")
# A level said for a year before the period (`compared with $17.5 billion a year earlier`, `from 72.9 percent and 94.9
# percent in the same period a year earlier`): other figures listed with it may stand between, no other number.
YEAR_EARLIER = re.compile(
    r"(?:\s*(?:,|and)\s*[\d.,]+\s*(?:pc|%|percent|per cent)?)*\s+(?:[A-Za-z-]+\s+){0,4}?"
    r"(?:a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior)\s+year|the\s+year\s+before"
    r"|the\s+same\s+(?:period|month|quarter|time)\s+(?:of\s+)?(?:a\s+year\s+(?:earlier|ago)|last\s+year|the\s+previous\s+year))\b",
    re.IGNORECASE,
)
FROM_REACH = 30
# How many sentences before a figure, in its paragraph, may state its period.
PARAGRAPH_SENTENCES = 3
FLAG_ORDER = ("garbled", "approximate", "range", "points", "projected", "unconfirmed")


@dataclass
class FigureRows:
    """The figures.csv rows of one document and the document flags they raise."""

    rows: list[dict[str, object]] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


# Longer than any real sentence; and how far either side of a figure a run-on text is read.
MAX_SENTENCE_CHARS = 2000
FRAMING_REACH = 300


def figure_rows(document: Document) -> FigureRows:
    """One contract row per figure in the document, sorted by start."""
    figures = find_figures(document.text)
    if not figures or not document.sentences:
        return FigureRows()
    framer = DocumentFramer(document, figures)
    starts = [s.start for s in document.sentences]
    located = [(figure, _sentence_of(document.sentences, starts, figure.start)) for figure in figures]
    frames = [framer.frame(figure, framing_window(sentence, figure)) for figure, sentence in located]
    ends = [s.end for s in document.sentences]
    periods = _inherit_periods(
        document.text, figures, frames, lambda figure: _paragraph_period(document, ends, framer, figure)
    )
    frames = _inherit_reporters(figures, frames)
    periods = [
        year_before(period) if period and frame.measure != "change" and YEAR_EARLIER.match(document.text, figure.end) else period
        for figure, frame, period in zip(figures, frames, periods)
    ]
    result = FigureRows()
    for (figure, sentence), frame, period in zip(located, frames, periods):
        flags = set(figure.flags) | set(frame.flags)
        if figure.value is not None and not math.isfinite(float(figure.value)):
            flags.add("garbled")  # beyond what a float holds (a 310-digit amount): no value rather than inf
        result.rows.append(_row(document, figure, sentence, frame, period, flags))
        if "garbled" in flags:
            result.flags.add("garbled_numbers")
    return result


def framing_window(sentence: Sentence, figure: Figure) -> Sentence:
    """The stretch of the sentence a figure is framed in: the sentence itself, or, in a run-on
    "sentence" longer than any real one (a text without full stops), a window around the figure,
    so that framing costs the same per figure however long the text runs on."""
    if sentence.end - sentence.start <= MAX_SENTENCE_CHARS:
        return sentence
    start = max(sentence.start, figure.start - FRAMING_REACH)
    end = min(sentence.end, figure.end + FRAMING_REACH)
    return Sentence(sentence.sentence_id, start, end, sentence.text[start - sentence.start : end - sentence.start])


def _sentence_of(sentences: tuple[Sentence, ...], starts: list[int], offset: int) -> Sentence:
    """The sentence holding the offset (the one before it, if the offset falls between sentences)."""
    return sentences[max(0, bisect.bisect_right(starts, offset) - 1)]


def _inherit_periods(
    text: str, figures: list[Figure], frames: list[Frame], paragraph_period: Callable[[Figure], str]
) -> list[str]:
    """Each figure's period, when its sentence names none: the nearest figure's of the same paragraph, else the one
    an earlier sentence of the paragraph states for a trade measure (`paragraph_period`), else the last one an
    earlier paragraph's figure stated."""
    line_breaks = [m.start() for m in LINE_BREAK.finditer(text)]
    donors: dict[int, list[int]] = {}
    for i, (figure, frame) in enumerate(zip(figures, frames)):
        # An earlier level (`from $2 billion in 2023`, `from 2023's $2 billion`) lends its period to no other figure.
        earlier_level = EARLIER_LEVEL_BEFORE.search(text, max(0, figure.start - FROM_REACH), figure.start) is not None
        if _framed_in_full(figure, frame) and frame.period_stated and frame.period and not earlier_level:
            donors.setdefault(bisect.bisect_left(line_breaks, figure.start), []).append(i)
    periods = [frame.period for frame in frames]
    for i, (figure, frame) in enumerate(zip(figures, frames)):
        if not _framed_in_full(figure, frame) or frame.period_stated:
            continue
        same_line = donors.get(bisect.bisect_left(line_breaks, figure.start), [])
        position = bisect.bisect_left(same_line, i)
        donor = same_line[position - 1] if position else same_line[0] if same_line else None
        if donor is None and (stated := paragraph_period(figure)):
            periods[i] = stated
            continue
        if donor is None:
            earlier = [j for line in donors.values() for j in line if j < i]
            donor = max(earlier) if earlier else None
        if donor is not None:
            periods[i] = frames[donor].period
    return periods


def _paragraph_period(document: Document, ends: list[int], framer: DocumentFramer, figure: Figure) -> str:
    """The period the nearest earlier sentence of the figure's paragraph states beside a trade cue (`Sales and
    exports in 2024 were lacklustre.` over `BEV exports fell 27pc`), or empty; `ends` are the sentences' ends."""
    paragraph_start = document.text.rfind("\n", 0, figure.start) + 1
    last = bisect.bisect_right(ends, figure.start)
    for sentence in reversed(document.sentences[max(0, last - PARAGRAPH_SENTENCES) : last]):
        if sentence.start < paragraph_start:
            break
        reading = framer.reading(sentence)
        if reading.periods and any(cue.label in TRADE_FLOWS for cue in reading.metric_cues):
            stated = [p.value for p in reading.periods if p.value]
            if stated:
                return stated[-1]
    return ""


def _framed_in_full(figure: Figure, frame: Frame) -> bool:
    """Whether a figure takes a period and a reporter from its context: any but a count, and a count of traded goods
    (`imports fell to 590t`)."""
    return figure.kind != "count" or frame.metric in TRADE_FLOWS


def _inherit_reporters(figures: list[Figure], frames: list[Frame]) -> list[Frame]:
    """Each figure whose sentence names no reporter takes the one the text last named for a trade figure before
    it (`China's exports fell 5% in May. Imports rose 3%.`: the imports are China's too), unless that economy is
    the figure's partner; counts keep their own."""
    inherited = []
    last_stated = ""
    for figure, frame in zip(figures, frames):
        if _framed_in_full(figure, frame):
            if frame.reporter_stated and frame.metric in TRADE_FLOWS:
                last_stated = frame.reporter
            elif last_stated and frame.reporter and last_stated != frame.partner:
                frame = frame._replace(reporter=last_stated)
        inherited.append(frame)
    return inherited


def _row(
    document: Document, figure: Figure, sentence: Sentence, frame: Frame, period: str, flags: set[str]
) -> dict[str, object]:
    # A deficit is negative; a fall is positive with direction `down` (`-7.5%`, `minus five percent`).
    value = None if figure.value is None else float(-abs(figure.value) if frame.negative else figure.value)
    if value is not None and frame.direction == "down" and not frame.negative:
        value = abs(value)
    if value is not None and not math.isfinite(value):
        value = None
    return {
        **document.provenance(sentence, figure.start, figure.end),
        "kind": figure.kind,
        "value": value,
        "unit": figure.unit,
        "metric": frame.metric,
        "measure": frame.measure,
        "reporter": frame.reporter,
        "partner": frame.partner,
        "period": period,
        "direction": frame.direction,
        "flags": ";".join(f for f in FLAG_ORDER if f in flags),
    }
