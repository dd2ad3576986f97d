"""The frame of a figure: what it measures, for whom, against whom, when, and which way it moved.

Everything is read from the figure's sentence, its clause (the sentence cut at `;`, `。`,
`while`, `but`, `, and`, `, with`), its comma segment, and the document's date. Vocabularies
are data: `figure_metric_cues.tsv`, `figure_measure_cues.tsv`, `figure_countries.tsv`,
`figure_sources.tsv`, `figure_flag_cues.tsv`.

- metric: in a share phrase (`19 percent of South Korea's total exports`) the cue after `of`;
  else the metric cue nearest before the figure in its clause, else the nearest after it in
  the clause, else the nearest before it in the sentence; `other` without one. A count takes
  a cue only from its own comma segment. A capitalised cue inside a sentence is part of a
  name (`Ministry of Trade`); blockers (`supply chain`, `trade war`, `tariff`) mean `other`.
  Exports measured as a share are `share_of_exports`.
- measure: `share` for proportions (`percent of`, `accounted for`, `dependence`); `change` for
  a movement word right before the figure (`up 7 percent`, `dropped 20%`, `rose by $5
  billion`) or right after it (`a 5% increase`), or, for a percentage, a comparison phrase
  in its segment (`year-on-year`); `level` otherwise, and always for the level reached (`to
  $124.8 billion`, `at 5%`) and for counts.
- direction: for changes only, the movement word nearest the figure (`rose`, `dipped`,
  `down`), else the sign of the value.
- reporter: a country named right before the metric cue (`South Korea's exports`, `Chinese
  vehicle exports`), else the origin of exports (`exports from China`), else a cited
  statistical source (`China's customs`), else `KOR`; a count's reporter is a country named
  in its own phrase (`200 South Korean company representatives`), else unknown.
- partner: a country after the cue's preposition (`exports to China`, `imports from China`,
  `deficit with China`, `dependence on China`), else a pair (`Korea-China trade`), else, for
  shares and other measures, the country named nearest before the figure in the clause
  (`China accounted for 19 percent`), else the document's main counterpart when the
  sentence says `bilateral` or `the two countries`, else the world (`WLD`) for trade flows,
  else, for supply contracts and investment, the last other country named earlier in the
  paragraph or the document's main counterpart.
- sign: a deficit is a negative trade balance (levels only).
- period (`kortrade.periods`): the period closest to the figure in its clause, else in its
  sentence. `period_stated` says whether the sentence named any period at all.
- flags: `projected` for a target or forecast cue in the clause or a `by 2030` period,
  unless the period lies before the document's date; `unconfirmed` for a report or rumour
  cue anywhere in the sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache, cached_property

from .countries import HOME, Mention, find_mentions, main_counterpart
from .document import Document, Sentence
from .figures import Figure
from .periods import Anchor, Period, find_periods
from .phrases import trie_pattern
from .resources import data_rows

WORLD = "WLD"
LETTER_BEFORE = r"(?<![^\W\d_])(?<!-)"
LETTER_AFTER = r"(?![^\W\d_]|-)"
TRADE_FLOWS = frozenset({"exports", "imports", "trade_balance", "trade_volume", "share_of_exports"})
SEEK_COUNTERPART = frozenset({"supply_contract", "investment"})
CLAUSE_BREAK = re.compile(
    r"[;。；]|:\s|\s[—–]\s|,?\s+(?:while|whereas|but|although|though|meanwhile)\b|,\s+(?:and|with)\s+", re.IGNORECASE
)
SEGMENT_BREAK = re.compile(r"[,，](?=\s)|[()]")
OF_AFTER = re.compile(r"\s+of\s+")
PREPOSITION_BEFORE = re.compile(
    r"(?<!according )\b(?P<prep>to|from|with|into|on|in|between)\s+(?:(?:the|a|an)\s+)?\Z", re.IGNORECASE
)
COMPOUND_GAP = re.compile(
    r"\s+(?:(?!(?:to|from|with|of|in|on|for|and|by|at|than|as|were|was|is|are|the|a|an)\b)[A-Za-z-]+\s+)?\Z",
    re.IGNORECASE,
)
POSSESSOR_GAP = re.compile(
    r"(?:['’]s)?(?:\s+(?!(?:to|from|with|of|in|on|for|and|by|at|than|as|were|was|is|are)\b)[\w-]+){0,2}\s+\Z",
    re.IGNORECASE,
)
ADJACENT_GAP = re.compile(r"\s+\Z")
PAIR_GAP = re.compile(r"\s*[-–/]\s*|\s+and\s+")
BILATERAL = re.compile(
    r"\b(?:bilateral|two-way|between the two|(?:the|both) two (?:countries|nations|sides|economies)|"
    r"both (?:countries|nations|sides|economies))\b",
    re.IGNORECASE,
)
LEVEL_WORDS = r"to|at|of|was|were|is|are|reached|hit|stood at|totaled|totalled|totaling|amounted to|worth"
BOUND_WORDS = r"less than|fewer than|under|below|above"
CHANGE_AFTER_REACH = 25
LOOKBACK = 40
PREPOSITION_REACH = 60
SHARE_PHRASE_REACH = 80


@dataclass(frozen=True)
class Cue:
    """A cue word found in a sentence: its span and what it says (`metric`/`measure`, `sign`/`direction`)."""

    start: int
    end: int
    label: str
    detail: str
    after: bool = False


@dataclass(frozen=True)
class Frame:
    """What a figure measures and for whom; `negative` marks a deficit level."""

    metric: str = "other"
    measure: str = "level"
    reporter: str = ""
    partner: str = ""
    period: str = ""
    direction: str = ""
    negative: bool = False
    flags: tuple[str, ...] = ()
    period_stated: bool = False


@cache
def _cue_pattern(name: str) -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    """A pattern of a cue file's phrases (first column), longest first, and phrase -> (label, detail, after).

    Phrases match case-insensitively between letters (a digit may touch them: `exports7%`).
    """
    labels: dict[str, tuple[str, str, bool]] = {}
    for row in data_rows(name):
        phrase, label, detail, *after = row.values()
        labels.setdefault(phrase.lower(), (label, detail or "", bool(after and after[0] == "yes")))
    return re.compile(_phrase_pattern(labels), re.IGNORECASE), labels


def _phrase_pattern(phrases: object) -> str:
    """Phrases (case-folded) between letters, longest first."""
    return rf"{LETTER_BEFORE}(?:{trie_pattern(phrases, fold_case=True)}){LETTER_AFTER}"


@cache
def _sources() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = {row["source"]: row["reporter"] for row in data_rows("figure_sources.tsv")}
    names = sorted(rows, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)"), rows


@cache
def _flag_cues() -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """scope -> (pattern, cue -> flag) for the `clause` and `sentence` cues."""
    by_scope: dict[str, dict[str, str]] = {}
    for row in data_rows("figure_flag_cues.tsv"):
        by_scope.setdefault(row["scope"], {})[row["cue"].lower()] = row["flag"]
    return {
        scope: (re.compile(_phrase_pattern(cues), re.IGNORECASE), cues)
        for scope, cues in by_scope.items()
        if scope != "before"
    }


@cache
def _hedge_words() -> str:
    cues = [row["cue"] for row in data_rows("figure_flag_cues.tsv") if row["flag"] == "approximate"]
    return "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))


@cache
def _level_before() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{LEVEL_WORDS})\s+(?:(?:{_hedge_words()}|{BOUND_WORDS})\s+)?\Z", re.IGNORECASE)


@cache
def _word_before() -> re.Pattern[str]:
    return re.compile(rf"(?P<word>[\w/-]+)\s+(?:(?:{_hedge_words()})\s+)?\Z", re.IGNORECASE)


class SentenceReading:
    """What one sentence says around its figures: breaks, cues, countries and periods (read once)."""

    def __init__(self, text: str, sentence: Sentence, anchor: Anchor) -> None:
        self.text = text
        self.sentence = sentence
        start, end = sentence.start, sentence.end
        self.clause_breaks = [m.span() for m in CLAUSE_BREAK.finditer(text, start, end)]
        self.segment_breaks = sorted(self.clause_breaks + [m.span() for m in SEGMENT_BREAK.finditer(text, start, end)])
        self.metric_cues = self._cues("figure_metric_cues.tsv", skip_names=True)
        self.measure_cues = self._cues("figure_measure_cues.tsv", skip_names=False)
        self.mentions = [m for m in find_mentions(text, start, end) if not m.in_name]
        self.periods = find_periods(text, start, end, anchor)
        source = _sources()[0].search(text, start, end)
        self.source = _sources()[1][source.group()] if source else ""
        self.bilateral = BILATERAL.search(text, start, end) is not None
        self.unconfirmed = _flag_cues()["sentence"][0].search(text, start, end) is not None
        pattern, flags = _flag_cues()["segment"]
        self.projection_cues = [
            m.start() for m in pattern.finditer(text, start, end) if flags[m.group().lower()] == "projected"
        ]

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

    def span(self, start: int, end: int, breaks: list[tuple[int, int]]) -> tuple[int, int]:
        """The part of the sentence around `start:end` between the nearest breaks."""
        left = max((b_end for b_start, b_end in breaks if b_end <= start), default=self.sentence.start)
        right = min((b_start for b_start, _ in breaks if b_start >= end), default=self.sentence.end)
        return left, right


class DocumentFramer:
    """Frames the figures of one document, reading each sentence once."""

    def __init__(self, document: Document, figures: list[Figure]) -> None:
        self.document = document
        self.text = document.text
        self._figure_spans = sorted((f.start, f.end, "range" in f.flags) for f in figures)
        self.anchor = Anchor.from_published(document.published)
        self.anchor_year = document.anchor_date.year if document.anchor_date else None
        self._readings: dict[int, SentenceReading] = {}

    @cached_property
    def counterpart(self) -> str:
        """The economy other than Korea the document names most."""
        return main_counterpart(find_mentions(self.text))

    def reading(self, sentence: Sentence) -> SentenceReading:
        if sentence.sentence_id not in self._readings:
            self._readings[sentence.sentence_id] = SentenceReading(self.text, sentence, self.anchor)
        return self._readings[sentence.sentence_id]

    def frame(self, figure: Figure, sentence: Sentence) -> Frame:
        """The frame of a figure found in `sentence`."""
        reading = self.reading(sentence)
        clause = reading.span(figure.start, figure.end, reading.clause_breaks)
        segment = reading.span(figure.start, figure.end, reading.segment_breaks)
        stretch = self._own_stretch(figure, segment)
        share_cue = self._share_phrase_cue(figure, reading, clause)
        share_phrase = figure.kind == "percent" and OF_AFTER.match(self.text, figure.end) is not None
        cue = share_cue or self._metric_cue(figure, reading, clause, segment)
        metric = cue.label if cue else "other"
        measure = "share" if share_phrase else self._measure(figure, reading, clause, stretch)
        if metric == "exports" and measure == "share":
            metric = "share_of_exports"
        direction = self._direction(figure, reading, (max(clause[0], stretch[0]), clause[1]), stretch)
        reporter, partner = self._parties(figure, reading, clause, cue, metric, measure)
        period = self._period(figure, reading, clause)
        flags = self._flags(reading, segment, period)
        return Frame(
            metric=metric,
            measure=measure,
            reporter=reporter,
            partner=partner,
            period=period.value if period else "",
            direction=direction if measure == "change" else "",
            negative=bool(cue and cue.detail == "-" and metric == "trade_balance" and measure == "level"),
            flags=flags,
            period_stated=bool(reading.periods),
        )

    def _own_stretch(self, figure: Figure, segment: tuple[int, int]) -> tuple[int, int]:
        """The figure's segment cut at its neighbouring figures (both ends of a range count as one)."""
        spans = self._figure_spans
        first = last = bisect.bisect_left(spans, (figure.start, figure.end, "range" in figure.flags))
        while first > 0 and spans[first][2] and spans[first - 1][2] and spans[first][0] - spans[first - 1][1] <= 12:
            first -= 1
        while (
            last + 1 < len(spans)
            and spans[last][2]
            and spans[last + 1][2]
            and spans[last + 1][0] - spans[last][1] <= 12
        ):
            last += 1
        previous_end = spans[first - 1][1] if first > 0 else segment[0]
        following = spans[last + 1][0] if last + 1 < len(spans) else segment[1]
        return max(segment[0], previous_end), min(segment[1], max(following, figure.end))

    def _share_phrase_cue(self, figure: Figure, reading: SentenceReading, clause: tuple[int, int]) -> Cue | None:
        """`19 percent of South Korea's total exports`: the metric cue after `of`."""
        of = OF_AFTER.match(self.text, figure.end) if figure.kind == "percent" else None
        if of is None:
            return None
        reach = min(clause[1], of.end() + SHARE_PHRASE_REACH)
        return next((c for c in reading.metric_cues if of.end() <= c.start and c.end <= reach), None)

    def _metric_cue(
        self, figure: Figure, reading: SentenceReading, clause: tuple[int, int], segment: tuple[int, int]
    ) -> Cue | None:
        cues = [c for c in reading.metric_cues if c.label != "other" or segment[0] <= c.start and c.end <= segment[1]]
        if figure.kind == "count":
            return _nearest_before(cues, segment[0], figure.start) or _nearest_after(cues, figure.end, segment[1])
        following = _nearest_after(cues, figure.end, clause[1])
        if following and COMPOUND_GAP.fullmatch(self.text, figure.end, following.start):
            return following
        return (
            _nearest_before(cues, clause[0], figure.start)
            or _nearest_after(cues, figure.end, clause[1])
            or _nearest_before(cues, reading.sentence.start, figure.start)
        )

    def _measure(
        self, figure: Figure, reading: SentenceReading, clause: tuple[int, int], stretch: tuple[int, int]
    ) -> str:
        if figure.kind == "count":
            return "level"
        if self._movement_before(figure, reading, stretch) or self._change_after(figure, reading, stretch):
            return "change"
        if _level_before().search(self.text, max(stretch[0], figure.start - LOOKBACK), figure.start):
            if figure.kind == "percent" and _any(reading.measure_cues, "share", clause[0], clause[1]):
                return "share"
            return "level"
        if figure.kind != "percent":
            return "level"
        if _any(reading.measure_cues, "share", clause[0], clause[1]):
            return "share"
        if _any(reading.measure_cues, "change", stretch[0], stretch[1]):
            return "change"
        return "level"

    def _movement_before(self, figure: Figure, reading: SentenceReading, segment: tuple[int, int]) -> Cue | None:
        """The movement word right before the figure (`rose 5%`, `up $3 billion`); `by` looks further back."""
        word = _word_before().search(self.text, max(segment[0], figure.start - LOOKBACK), figure.start)
        if word is None:
            return None
        if word["word"].lower() == "by":
            return _nearest_before(reading.measure_cues, segment[0], word.start(), direction=True) or Cue(
                word.start(), word.end(), "change", ""
            )
        if word["word"].lower() == "of":
            return next(
                (
                    c
                    for c in reading.measure_cues
                    if c.label == "change" and c.after and _just_before(self.text, c, word.start())
                ),
                None,
            )
        return next(
            (c for c in reading.measure_cues if c.start == word.start("word") and c.label == "change" and c.detail),
            None,
        )

    def _change_after(self, figure: Figure, reading: SentenceReading, segment: tuple[int, int]) -> Cue | None:
        """A change word right after the figure (`a 5% increase`, `7 percent higher`, `20% year-on-year`)."""
        reach = min(segment[1], figure.end + CHANGE_AFTER_REACH)
        following = [c for c in reading.measure_cues if figure.end <= c.start and c.end <= reach]
        if following and following[0].after and not self.text[figure.end : following[0].start].strip():
            return following[0]
        return None

    def _direction(
        self, figure: Figure, reading: SentenceReading, clause: tuple[int, int], segment: tuple[int, int]
    ) -> str:
        candidates = (
            self._movement_before(figure, reading, segment),
            _nearest_before(reading.measure_cues, segment[0], figure.start, direction=True),
            self._change_after(figure, reading, segment),
            _nearest_before(reading.measure_cues, clause[0], figure.start, direction=True),
        )
        cue = next((c for c in candidates if c is not None and c.detail), None)
        if cue is not None:
            return cue.detail
        return "down" if figure.value is not None and figure.value < 0 else ""

    def _parties(
        self,
        figure: Figure,
        reading: SentenceReading,
        clause: tuple[int, int],
        cue: Cue | None,
        metric: str,
        measure: str,
    ) -> tuple[str, str]:
        """(reporter, partner) of a figure."""
        if figure.kind == "count":
            own = [m for m in reading.mentions if figure.start <= m.start and m.end <= figure.end]
            return (own[0].iso3 if own else ""), ""
        reporter = self._possessor(reading, cue)
        partner = ""
        if cue is not None:
            cue_in_clause = clause[0] <= cue.start and cue.end <= clause[1]
            after_cue = self._prepositional(reading, cue.end, cue.end + PREPOSITION_REACH, cue.start)
            in_clause = self._prepositional(reading, clause[0], figure.start, clause[0])
            for preposition, mention in (after_cue or in_clause) if cue_in_clause else (in_clause or after_cue):
                if (
                    metric == "exports"
                    and preposition == "from"
                    or metric == "imports"
                    and preposition in ("to", "into")
                ):
                    reporter = reporter or mention.iso3
                elif not partner:
                    partner = mention.iso3
        reporter = (
            reporter
            or reading.source
            or self._possessor(reading, cue, pairs=True)
            or self._earlier_possessor(reading, figure)
        )
        defaulted = not reporter
        reporter = reporter or HOME
        partner = partner or self._pair_partner(reading, clause, reporter)
        if not partner and (measure == "share" or metric in ("other", "production", "investment")):
            partner = self._nearest_other(reading, clause[0], figure.end, reporter)
        if not partner and reading.bilateral and self.counterpart:
            partner = self.counterpart if self.counterpart != reporter else HOME
        if not partner and metric in TRADE_FLOWS:
            partner = WORLD
        if not partner and metric in SEEK_COUNTERPART:
            partner = self._earlier_in_paragraph(reading.sentence, reporter)
        if partner == reporter:
            return ("", partner) if defaulted else (reporter, "")
        return reporter, partner

    def _possessor(self, reading: SentenceReading, cue: Cue | None, pairs: bool = False) -> str:
        """`South Korea's total exports`, `Chinese vehicle exports`, `U.S. exports`: the country right before the cue.

        Up to two modifiers may stand between a possessive or an adjective and the cue; a bare
        name must touch it (`China recorded a deficit` names no owner of the deficit).

        A pair before the cue (`China-South Korea trade`) names no single owner; with `pairs`,
        its home member (`KOR`), else its first, is returned.
        """
        if cue is None:
            return ""
        before = [m for m in reading.mentions if m.end <= cue.start]
        if not before:
            return ""
        owner = before[-1]
        modifiers_allowed = owner.possessive or owner.form == "adjective"
        gap = POSSESSOR_GAP if modifiers_allowed else ADJACENT_GAP
        if not gap.match(self.text, owner.end, cue.start):
            return ""
        if len(before) > 1 and PAIR_GAP.fullmatch(self.text, before[-2].end, before[-1].start):
            pair = (before[-2].iso3, before[-1].iso3)
            return (HOME if HOME in pair else pair[0]) if pairs else ""
        return before[-1].iso3

    def _earlier_possessor(self, reading: SentenceReading, figure: Figure) -> str:
        """The reporter an earlier cue of the sentence named (`China's exports ..., and imports from Korea`)."""
        for cue in reversed([c for c in reading.metric_cues if c.end <= figure.start and c.label != "other"]):
            if possessor := self._possessor(reading, cue):
                return possessor
        return ""

    def _prepositional(self, reading: SentenceReading, start: int, end: int, anchor: int) -> list[tuple[str, Mention]]:
        """Countries in `start:end` that follow a preposition (`to China`), within the clause of `anchor`."""
        clause = reading.span(anchor, anchor, reading.clause_breaks)
        end = min(end, clause[1])
        found = []
        for mention in reading.mentions:
            if start <= mention.start < end:
                preposition = PREPOSITION_BEFORE.search(self.text, max(start, mention.start - 14), mention.start)
                if preposition:
                    found.append((preposition["prep"].lower(), mention))
        return found

    def _pair_partner(self, reading: SentenceReading, clause: tuple[int, int], reporter: str) -> str:
        """`Korea-China trade`, `between Korea and China`: the member of a pair that is not the reporter."""
        mentions = [m for m in reading.mentions if clause[0] <= m.start and m.end <= clause[1]]
        for left, right in itertools.pairwise(mentions):
            if PAIR_GAP.fullmatch(self.text, left.end, right.start) and reporter in (left.iso3, right.iso3):
                other = right.iso3 if left.iso3 == reporter else left.iso3
                if other != reporter:
                    return other
        return ""

    def _nearest_other(self, reading: SentenceReading, start: int, end: int, reporter: str) -> str:
        others = [m for m in reading.mentions if start <= m.start and m.end <= end and m.iso3 != reporter]
        return others[-1].iso3 if others else ""

    def _earlier_in_paragraph(self, sentence: Sentence, reporter: str) -> str:
        """The last country other than the reporter named earlier in the sentence's paragraph (line)."""
        line_start = self.text.rfind("\n", 0, sentence.start) + 1
        mentions = find_mentions(self.text, line_start, sentence.start)
        others = [m for m in mentions if m.iso3 != reporter and not m.in_name]
        return others[-1].iso3 if others else ""

    def _period(self, figure: Figure, reading: SentenceReading, clause: tuple[int, int]) -> Period | None:
        in_clause = [p for p in reading.periods if clause[0] <= p.start and p.end <= clause[1]]
        return _closest(in_clause, figure) or _closest(reading.periods, figure)

    def _flags(self, reading: SentenceReading, segment: tuple[int, int], period: Period | None) -> tuple[str, ...]:
        flags = []
        cued = any(segment[0] <= cue < segment[1] for cue in reading.projection_cues)
        if (cued or period is not None and period.projected) and not self._past(period):
            flags.append("projected")
        if reading.unconfirmed:
            flags.append("unconfirmed")
        return tuple(flags)

    def _past(self, period: Period | None) -> bool:
        """Whether the period ended before the document's year (so it cannot be a target)."""
        if period is None or not period.value or self.anchor_year is None:
            return False
        last_year = int(period.value.split("/")[-1][:4])
        return last_year < self.anchor_year


def _nearest_before(cues: list[Cue], start: int, end: int, direction: bool = False) -> Cue | None:
    found = [c for c in cues if start <= c.start and c.end <= end and (not direction or c.detail in ("up", "down"))]
    return found[-1] if found else None


def _nearest_after(cues: list[Cue], start: int, end: int) -> Cue | None:
    return next((c for c in cues if start <= c.start and c.end <= end), None)


def _just_before(text: str, cue: Cue, offset: int) -> bool:
    """Whether only spaces separate the cue from `offset` (`increase of`)."""
    return cue.end <= offset and not text[cue.end : offset].strip()


def _any(cues: list[Cue], label: str, start: int, end: int) -> bool:
    return any(c.label == label and start <= c.start and c.end <= end for c in cues)


def _closest(periods: list[Period], figure: Figure) -> Period | None:
    """The period nearest the figure, by characters between them; one before wins a tie."""

    def distance(period: Period) -> tuple[int, int]:
        if period.end <= figure.start:
            return figure.start - period.end, 0
        return max(0, period.start - figure.end), 1

    return min(periods, key=distance, default=None)
