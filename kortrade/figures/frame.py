"""The frame of a figure: what it measures, for whom, against whom, when, and which way it moved.

Read from the figure's sentence (`kortrade.figures.sentence_reading`: its clauses, comma segments,
cues, countries and periods) and the document's date. The figure's own stretch is its comma
segment cut at the neighbouring figures: movement words there can only be about it.

- metric: in a share phrase (`19 percent of South Korea's total exports`) the cue after `of`;
  else a cue compounded right after the figure (`$18 billion trade deficit`, `25% tariffs`);
  else the metric cue nearest before the figure in its clause, else the nearest after it in
  the clause, else the nearest before it in the sentence; `other` without one. Blockers
  (`supply chain`, `trade war`, `tariff`: metric `other`) count only in the figure's own
  segment. A count takes a cue only from its own segment. Exports measured as a share are
  `share_of_exports`.
- measure: `change` for a movement word right before the figure (`up 7 percent`, `dropped
  20%`, `rose by $5 billion`, `a decrease of 3.2%`) or a change word right after it (`a 5%
  increase`, `20% year-on-year`); else `level` for the level reached (`to $124.8 billion`, `at
  5%`), or `share` when that level is a proportion; for a percentage, `share` with a share cue
  in the clause (`accounted for`, `dependence`), `change` with a comparison in its stretch;
  `level` otherwise, and always for counts.
- direction: for changes only, the movement word nearest the figure, else the value's sign.
- reporter and partner: `kortrade.figures.parties`; in a list closed by `respectively`
  (`exports to Vietnam and Japan fell 15.7 percent and 13.9 percent, respectively`) the n-th
  figure of a kind takes the n-th country of the list, as partner, or as reporter when the
  list is of possessives.
- a flow to or from Korea whose sentence names no reporter (`Exports to Korea grew 0.6 percent`)
  takes the stated reporter of the figure just before it (`China's trade with Korea ...`).
- a sentence that refers back to the figure before it (`The proportion rose to 81 percent`,
  `However, it rebounded to 70 percent`) and names no country takes that figure's reporter and
  partner, and its metric when it names none; a percentage level it gives of a share is a share.
- sign: a deficit is a negative trade balance (levels only).
- period (`kortrade.figures.periods`): the period the figure is said for (`19.7 percent in
  2023`, a bracketed paired amount between them allowed), else the period closest to the
  figure in its clause, else in its sentence; `period_stated` says whether the sentence named
  any period at all, `reporter_stated` whether it named the reporter. In an undated document a
  period without its year that restates one stated with its year before (`the first quarter`
  after `the first quarter of 2023`) takes that year.
- flags: `projected` for a target or forecast cue in the figure's segment, a `by 2030`
  period, or a period starting after the document's year, unless the period ended before the
  document's year; `unconfirmed` for a report or
  rumour cue anywhere in the sentence.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import NamedTuple

from ..common.countries import HOME, DocumentCountries, Mention
from ..common.phrases import first_character_test
from ..ingest.document import Document, Sentence
from .figure import Figure
from .finding import ends_as_hedge, hedge_alternation, hedges
from .parties import TRADE_FLOWS, after_prepositions, parties
from .periods import Anchor, Period, find_periods
from .sentence_reading import Cue, SentenceReading, any_cue, nearest_after, nearest_before

OF_AFTER = re.compile(r"\s+of\s+")
COMPOUND_GAP = re.compile(
    r"\s+(?:(?!(?:to|from|with|of|in|on|for|and|by|at|than|as|were|was|is|are|the|a|an)\b)[A-Za-z-]+\s+)?\Z",
    re.IGNORECASE,
)
# A figure after `from` is the earlier level of a movement (`up from 53.1 percent`, `from 2023's 3,538 tonnes`); the
# figures stage and its rows (`kortrade.figures.rows`) read it with this one pattern.
EARLIER_LEVEL_BEFORE = re.compile(
    r"\bfrom\s+(?:(?:19|20)\d\d['’]s\s+)?(?:(?:about|around|nearly|some|just)\s+)?\Z", re.IGNORECASE
)
# `from` opens an earlier level (`up from 53.1 percent`, `down from $2 billion`), never a change.
LEVEL_WORDS = r"to|at|of|from|was|were|is|are|reached|hit|stood at|totaled|totalled|totaling|amounted to|worth"
BOUND_WORDS = r"less than|fewer than|under|below|above"
CHANGE_AFTER_REACH = 25
LOOKBACK = 40
# A sign written before a number in bullet summaries and tables: `semiconductors -7.5%`, `+0.5%`.
SIGNS = "+-−–"
SIGN_BEFORE = re.compile(rf"(?:(?<=[\s(:])|^)[{re.escape(SIGNS)}]\Z")
# The longest line read as an item of a list or flattened table, and how many lines above it its heading may be.
LIST_ITEM_CHARS = 60
LIST_LOOKBACK_LINES = 8
# What stands between two figures listed under one movement word: `rose 3.3 percent and 0.3 percent`.
LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)")
# What joins a figure to the period it is said for: `19.7 percent in 2023`, `$5 billion for the first quarter`.
# A bracketed paired amount may stand between them: `848.1 billion won (US$727 million) in 2016`.
PERIOD_RIGHT_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s+(?:(?:in|for|during|as of|over|through)\s+(?:the\s+)?)?", re.IGNORECASE
)
SHARE_PHRASE_REACH = 80
# A bracket opening right before a figure, and a list of such figures closed before its verb (`(17.5%) all increased`).
BRACKETED = re.compile(r".?\(")
LIST_THEN_VERB = re.compile(r"\)\s*(?:,?\s*all|,?\s*each|,?\s*both)?\s*\Z|\)\s+(?:all|each|both)\s+\Z")
# A period owning the figure right after it: `from 2023's 3,538 tonnes`.
YEAR_OWNING = re.compile(r"['’]s\s+")
# A sentence that opens on a word standing for the figure before it: `The figure rose to ...`, `However, it rebounded`.
ANAPHOR = re.compile(
    r"(?:(?:however|meanwhile|but|and|yet|still|also|overall|in\s+addition),?\s+)?"
    r"(?:(?:the|this|that|such\s+a)\s+(?:figure|number|proportion|percentage|share|sum|amount|ratio|tally|rate)\b"
    r"|(?:it|this)\s+(?:then\s+)?(?:was|is|has|had|rose|fell|rebounded|surged|jumped|dropped|declined|increased|"
    r"decreased|grew|climbed|plunged|represents|represented|accounted|accounts)\b)",
    re.IGNORECASE,
)
ANTECEDENT_REACH = 400
RANGE_GAP = 12
WORD_RUN = re.compile(r"[\w/-]+")
# The run of word characters a reversed text opens with.
WORD_RUN_START = re.compile(r"[\w/-]*")
# `_word_before()` without a hedge.
WORD_THEN_BLANKS = re.compile(r"(?P<word>[\w/-]+)\s+\Z")


class Frame(NamedTuple):
    """What a figure measures and for whom; `negative` marks a deficit level. A named tuple, which is built
    quicker than a frozen dataclass."""

    metric: str = "other"
    measure: str = "level"
    reporter: str = ""
    partner: str = ""
    period: str = ""
    direction: str = ""
    negative: bool = False
    flags: tuple[str, ...] = ()
    period_stated: bool = False
    reporter_stated: bool = False


@cache
def _level_before() -> re.Pattern[str]:
    """A level word (`reached`), maybe hedged, right before the end; its first letter is tested first."""
    return re.compile(
        rf"{first_character_test(LEVEL_WORDS.split('|'))}\b(?:{LEVEL_WORDS})\s+(?:(?:{hedge_alternation()}|{BOUND_WORDS})\s+)?\Z",
        re.IGNORECASE,
    )


@cache
def _word_before() -> re.Pattern[str]:
    return re.compile(rf"(?P<word>[\w/-]+)\s+(?:(?:{hedge_alternation()})\s+)?\Z", re.IGNORECASE)


class DocumentFramer:
    """Frames the figures of one document, reading each sentence once."""

    def __init__(self, document: Document, figures: list[Figure]) -> None:
        self.text = document.text
        self._figure_spans = sorted((f.start, f.end, "range" in f.flags) for f in figures)
        self._figure_kinds = sorted((f.start, f.kind) for f in figures)
        self.anchor = Anchor.from_published(document.published)
        self.anchor_year = document.published_date.year if document.published_date else None
        self._readings: dict[tuple[int, int], SentenceReading] = {}
        self.countries = DocumentCountries(document.text)
        self._previous: tuple[Figure, Frame] | None = None
        # The last figure framed before the current sentence, which a sentence opening on `the figure` refers to.
        self._antecedent: tuple[Figure, Frame] | None = None
        self._sentence_start = -1
        # The distinct periods figures were said for, with their year, the last stated last.
        self._dated_periods: dict[str, None] = {}

    def reading(self, sentence: Sentence) -> SentenceReading:
        key = (sentence.start, sentence.end)
        if key not in self._readings:
            self._readings[key] = SentenceReading(self.text, sentence, self.anchor)
        return self._readings[key]

    def frame(self, figure: Figure, sentence: Sentence) -> Frame:
        """The frame of a figure found in `sentence`."""
        reading = self.reading(sentence)
        clause = reading.clause(figure.start, figure.end)
        segment = reading.segment(figure.start, figure.end)
        stretch = self._own_stretch(figure, segment)
        of = OF_AFTER.match(self.text, figure.end) if figure.kind == "percent" else None
        share_cue = self._share_phrase_cue(of, reading, clause)
        share_phrase = of is not None
        cue = share_cue or self._metric_cue(figure, reading, clause, segment)
        listed = cue is None and figure.kind != "count" and self._is_list_item(reading)
        heading: SentenceReading | None = None
        if listed:
            # A line of a bullet list or flattened table (`semiconductors -7.5%`) measures what the list does.
            cue, heading = self._list_cue(reading)
        metric = cue.label if cue else "other"
        movement = after = None
        if not share_phrase and figure.kind != "count":
            movement, after = (
                self._movement_before(figure, reading, stretch),
                self._change_after(figure, reading, stretch),
            )
        if after is not None and EARLIER_LEVEL_BEFORE.search(self.text, max(stretch[0], figure.start - LOOKBACK), figure.start):
            after = None  # `down from 72.9 percent compared with a year earlier`: an earlier level, whatever follows
        measure = "share" if share_phrase else self._measure(figure, reading, clause, stretch, movement or after)
        if metric == "exports" and measure == "share":
            metric = "share_of_exports"
        own_clause = (max(clause[0], stretch[0]), clause[1])
        direction = (
            self._direction(figure, reading, own_clause, stretch, (movement, after)) if measure == "change" else ""
        )
        if movement is None and after is None and (sign := self._sign(figure)):
            measure, direction = "change", "down" if sign in "-−–" else "up"
        if (coordinated := self._coordinated_with(figure)) is not None and movement is None and after is None:
            measure, direction = coordinated.measure, coordinated.direction
        elif movement is None and after is None and measure == "level" and (listed_move := self._list_predicate(figure, reading, clause)):
            # `Exports of steel (58.1%), cars (46.8%) ... all increased`: the verb after the list moves each item.
            measure, direction = "change", listed_move.detail
        if (moved_share := self._share_moved_by(figure, sentence)) is not None:
            metric = moved_share.metric
        reporter, partner, reporter_stated = parties(reading, figure, clause, cue, metric, measure, self.countries)
        if not reporter and partner == HOME and metric in TRADE_FLOWS:
            reporter, reporter_stated = self._reporter_carried(figure, partner)
        if figure.kind != "count" and (antecedent := self._antecedent_of(sentence, reading)) is not None:
            # `The proportion rose to 87.9 percent`: the figure measures what the last figure before it did.
            reporter, partner, reporter_stated = antecedent.reporter, antecedent.partner, antecedent.reporter_stated
            if antecedent.measure == "share" and measure == "level" and figure.kind == "percent":
                measure = "share"
            if cue is None:
                metric = antecedent.metric if antecedent.metric != "share_of_exports" or measure == "share" else "exports"
        if listed and (item_countries := [m.iso3 for m in reading.mentions if m.iso3 != reporter]):
            partner = item_countries[0]  # the item names its partner: `the United States +0.8%`
        elif heading is not None and cue is not None:
            # The heading names it: `exports to China` over `-3.4% y/y`.
            named = [m.iso3 for _, m in after_prepositions(heading, cue.end, heading.sentence.end, (cue.end, heading.sentence.end))]
            partner = next((iso3 for iso3 in named if iso3 != reporter), partner)
        if respective := self._respective_country(figure, reading, clause):
            mention, owns = respective
            reporter, partner = (mention.iso3, partner) if owns else (reporter, mention.iso3)
            reporter_stated = reporter_stated or owns
            if partner == reporter:
                partner = ""
        periods = self._open_periods(figure, reading)
        period = self._restated(self._period(figure, periods, clause))
        period_stated = bool(periods)
        flags = self._flags(reading, segment, period)
        framed = Frame(
            metric=metric,
            measure=measure,
            reporter=reporter,
            partner=partner,
            period=period.value if period else "",
            direction=direction,
            negative=bool(cue and cue.detail == "-" and metric == "trade_balance" and measure == "level"),
            flags=flags,
            period_stated=period_stated,
            reporter_stated=reporter_stated,
        )
        self._previous = figure, framed
        return framed

    def _reporter_carried(self, figure: Figure, partner: str) -> tuple[str, bool]:
        """`China's trade with Korea rose 2 percent. Exports to Korea grew 0.6 percent`: a flow to or from Korea
        whose sentence names no reporter is the stated reporter's of the figure just before it
        (`ANTECEDENT_REACH` characters), else no one's."""
        if self._previous is None:
            return "", False
        previous, frame = self._previous
        if frame.reporter_stated and frame.reporter not in ("", partner) and figure.start - previous.end <= ANTECEDENT_REACH:
            return frame.reporter, True
        return "", False

    def _antecedent_of(self, sentence: Sentence, reading: SentenceReading) -> Frame | None:
        """The frame of the figure a sentence refers back to: one that opens on `the figure`, `the proportion` or
        `it rose`, names no country, and follows a figure closely (`ANTECEDENT_REACH` characters)."""
        if sentence.start != self._sentence_start:
            self._sentence_start, self._antecedent = sentence.start, self._previous
        if self._antecedent is None or reading.mentions or not ANAPHOR.match(sentence.text):
            return None
        previous, frame = self._antecedent
        return frame if sentence.start - previous.end <= ANTECEDENT_REACH else None

    @staticmethod
    def _is_list_item(reading: SentenceReading) -> bool:
        """Whether the sentence is a short line of its own without a full stop, as bullet lists and flattened tables
        write them."""
        sentence, text = reading.sentence, reading.text
        line_start = text.rfind("\n", 0, sentence.start) + 1
        line_end = text.find("\n", sentence.end)
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[line_start : sentence.start].strip() and not text[sentence.end : line_end].strip()
        # An item is no sentence: it does not end with a full stop.
        return alone and sentence.end - sentence.start <= LIST_ITEM_CHARS and not text[: sentence.end].rstrip().endswith(".")

    def _list_cue(self, reading: SentenceReading) -> tuple[Cue | None, SentenceReading | None]:
        """The metric cue nearest above a list item, in the lines before it (`Exports to` over `China +11.2%`), and
        the reading of its line."""
        end = reading.sentence.start
        for _ in range(LIST_LOOKBACK_LINES):
            line_end = self.text.rfind("\n", 0, end)
            if line_end < 0:
                return None, None
            start = self.text.rfind("\n", 0, line_end) + 1
            if start < line_end:
                line = self.reading(Sentence(-1, start, line_end, self.text[start:line_end]))
                cues = [c for c in line.metric_cues if c.label != "other"]
                if cues:
                    return cues[-1], line
            end = start
        return None, None

    def _share_moved_by(self, figure: Figure, sentence: Sentence) -> Frame | None:
        """The share a percentage-point change moves (`accounted for 22.9 percent of exports, up 2.5 percentage
        points`): the frame of the share figure before it in its sentence."""
        if "points" not in figure.flags or self._previous is None:
            return None
        previous, frame = self._previous
        return frame if frame.measure == "share" and sentence.start <= previous.start else None

    def _sign(self, figure: Figure) -> str:
        """The sign written before the figure's number (inside its surface or right before it), or empty."""
        if figure.kind == "count":
            return ""
        if self.text[figure.start] in SIGNS:
            return self.text[figure.start]
        sign = SIGN_BEFORE.search(self.text, max(0, figure.start - 2), figure.start)
        return sign.group() if sign else ""

    def _coordinated_with(self, figure: Figure) -> Frame | None:
        """The frame of the figure this one is listed with (`rose 19.6 percent and 10.5 percent`: one movement
        word for both), when only a comma or `and` stands between them and they are of one kind."""
        if self._previous is None:
            return None
        previous, frame = self._previous
        if previous.kind != figure.kind or previous.end > figure.start:
            return None
        return frame if LIST_GAP.fullmatch(self.text, previous.end, figure.start) else None

    def _respective_country(
        self, figure: Figure, reading: SentenceReading, clause: tuple[int, int]
    ) -> tuple[Mention, bool] | None:
        """`Exports to Vietnam and Japan fell 15.7 percent and 13.9 percent, respectively`: the country of the
        list that stands at the figure's place among the figures of its kind, and whether it owns the figures
        (a possessive list, `China's and Japan's exports`) rather than being their partner. None unless the
        clause names as many distinct countries before its first such figure as it holds such figures before
        `respectively`."""
        said = next((offset for offset in reading.respectively if offset >= figure.end), None)
        if said is None:
            return None
        kinds = self._figure_kinds
        first = bisect.bisect_left(kinds, (clause[0], ""))
        listed = [start for start, kind in kinds[first:] if start < said and kind == figure.kind]
        if len(listed) < 2 or figure.start not in listed:
            return None
        before = [m for m in reading.mentions if clause[0] <= m.start and m.end <= listed[0]]
        # The owner of the whole list (`South Korea's exports to A and B`) is not a member of it.
        members = [m for m in before if not m.possessive] or before
        countries: list[Mention] = []
        for mention in members:
            if all(m.iso3 != mention.iso3 for m in countries):
                countries.append(mention)
        if len(countries) != len(listed):
            return None
        return countries[listed.index(figure.start)], all(m.possessive for m in countries)

    def _own_stretch(self, figure: Figure, segment: tuple[int, int]) -> tuple[int, int]:
        """The figure's segment cut at its neighbouring figures (both ends of a range count as one)."""
        spans = self._figure_spans
        first = last = bisect.bisect_left(spans, (figure.start, figure.end, "range" in figure.flags))
        while (
            first > 0 and spans[first][2] and spans[first - 1][2] and spans[first][0] - spans[first - 1][1] <= RANGE_GAP
        ):
            first -= 1
        while (
            last + 1 < len(spans)
            and spans[last][2]
            and spans[last + 1][2]
            and spans[last + 1][0] - spans[last][1] <= RANGE_GAP
        ):
            last += 1
        previous_end = spans[first - 1][1] if first > 0 else segment[0]
        following = spans[last + 1][0] if last + 1 < len(spans) else segment[1]
        return max(segment[0], previous_end), min(segment[1], max(following, figure.end))

    @staticmethod
    def _share_phrase_cue(of: re.Match[str] | None, reading: SentenceReading, clause: tuple[int, int]) -> Cue | None:
        """`19 percent of South Korea's total exports`: the metric cue after `of` (the `of` after a percent figure)."""
        if of is None:
            return None
        reach = min(clause[1], of.end() + SHARE_PHRASE_REACH)
        return next((c for c in reading.metric_cues if of.end() <= c.start and c.end <= reach), None)

    def _metric_cue(
        self, figure: Figure, reading: SentenceReading, clause: tuple[int, int], segment: tuple[int, int]
    ) -> Cue | None:
        cues = [c for c in reading.metric_cues if c.label != "other" or segment[0] <= c.start and c.end <= segment[1]]
        if figure.kind == "count":
            return nearest_before(cues, segment[0], figure.start) or nearest_after(cues, figure.end, segment[1])
        following = nearest_after(cues, figure.end, clause[1])
        if following and COMPOUND_GAP.fullmatch(self.text, figure.end, following.start):
            return following
        return (
            nearest_before(cues, clause[0], figure.start)
            or nearest_after(cues, figure.end, clause[1])
            or nearest_before(cues, reading.sentence.start, figure.start)
        )

    def _measure(
        self,
        figure: Figure,
        reading: SentenceReading,
        clause: tuple[int, int],
        stretch: tuple[int, int],
        change_cue: Cue | None,
    ) -> str:
        """The measure; `change_cue` is the movement word before the figure or the change word after it."""
        if figure.kind == "count":
            return "level"
        if change_cue:
            return "change"
        if _level_before().search(self.text, max(stretch[0], figure.start - LOOKBACK), figure.start):
            if figure.kind == "percent" and any_cue(reading.measure_cues, "share", clause[0], clause[1]):
                return "share"
            return "level"
        if figure.kind != "percent":
            return "level"
        if any_cue(reading.measure_cues, "share", clause[0], clause[1]):
            return "share"
        if any_cue(reading.measure_cues, "change", stretch[0], stretch[1]):
            return "change"
        return "level"

    def _movement_before(self, figure: Figure, reading: SentenceReading, segment: tuple[int, int]) -> Cue | None:
        """The movement word right before the figure (`rose 5%`, `up $3 billion`); `by` looks further back."""
        word = word_before(self.text, max(segment[0], figure.start - LOOKBACK), figure.start)
        if word is None:
            return None
        if word["word"].lower() == "by":
            return nearest_before(reading.measure_cues, segment[0], word.start(), direction=True) or Cue(
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
        self,
        figure: Figure,
        reading: SentenceReading,
        clause: tuple[int, int],
        segment: tuple[int, int],
        moves: tuple[Cue | None, Cue | None],
    ) -> str:
        """The direction of a change; `moves` are the movement word before the figure and the change word after it."""
        movement, after = moves
        candidates = (
            movement,
            nearest_before(reading.measure_cues, segment[0], figure.start, direction=True),
            after,
            nearest_before(reading.measure_cues, clause[0], figure.start, direction=True),
        )
        cue = next((c for c in candidates if c is not None and c.detail), None)
        if cue is None and after is not None:
            # `an 86% on-year increase`: the comparison word may stand before the movement noun.
            reach = min(segment[1], after.end + CHANGE_AFTER_REACH)
            cue = next((c for c in reading.measure_cues if after.end <= c.start and c.end <= reach and c.after and c.detail), None)
        if cue is not None:
            return cue.detail
        if figure.value is not None and figure.value < 0:
            return "down"
        # `exports +3.0% y/y`: a written sign is the direction too.
        sign = self._sign(figure)
        return ("down" if sign in "-−–" else "up") if sign else ""

    def _list_predicate(self, figure: Figure, reading: SentenceReading, clause: tuple[int, int]) -> Cue | None:
        """The movement word after a list of bracketed percentages (`steel (58.1%), cars (46.8%) all increased`), for
        a bracketed percentage of it; None otherwise."""
        if figure.kind != "percent" or not BRACKETED.fullmatch(self.text, max(0, figure.start - 2), figure.start):
            return None
        moves = [c for c in reading.measure_cues if figure.end <= c.start and c.end <= clause[1] and c.detail in ("up", "down")]
        return moves[0] if moves and LIST_THEN_VERB.search(self.text, figure.end, moves[0].start) else None

    def _restated(self, period: Period | None) -> Period | None:
        """A period without its year in an undated document, read as a period stated with its year before it when
        it is that period again (`the first quarter` after `the first quarter of 2023`, `the first 11 months` after
        `January to November in 2023`); any other stays unresolved, and a resolved one is remembered."""
        if period is None:
            return None
        if period.value:
            self._dated_periods.pop(period.value, None)
            self._dated_periods[period.value] = None
            return period
        for earlier in reversed(self._dated_periods):
            again = find_periods(self.text, period.start, period.end, Anchor(int(earlier[:4]), 12))
            if again and again[0].value == earlier:
                return period._replace(value=earlier)
        return period

    def _period(self, figure: Figure, periods: list[Period], clause: tuple[int, int]) -> Period | None:
        """The period the figure is said for (`19.7 percent in 2023`), else the period closest to the figure in its
        clause, else in its sentence; `periods` are the sentence's open to the figure (`_open_periods`)."""
        if not periods:
            return None
        in_clause = [p for p in periods if clause[0] <= p.start and p.end <= clause[1]]
        stated_for = next((p for p in in_clause if PERIOD_RIGHT_AFTER.fullmatch(self.text, figure.end, p.start)), None)
        return stated_for or _closest(in_clause, figure) or _closest(periods, figure)

    def _open_periods(self, figure: Figure, reading: SentenceReading) -> list[Period]:
        """The sentence's periods but those said for another figure (`surged to 2,062t from 18t in 2023`: 2023 is
        the 18 tonnes', as in `to 590t from 2023's 3,538t`), which no other figure takes."""
        if not reading.periods:
            return []
        spans = self._figure_spans
        first = bisect.bisect_left(spans, (reading.sentence.start, -1, False))
        others = [(start, end) for start, end, _ in spans[first:] if start < reading.sentence.end and end != figure.end]
        return [
            p
            for p in reading.periods
            if not any(
                PERIOD_RIGHT_AFTER.fullmatch(self.text, end, p.start) or YEAR_OWNING.fullmatch(self.text, p.end, start)
                for start, end in others
            )
        ]

    def _flags(self, reading: SentenceReading, segment: tuple[int, int], period: Period | None) -> tuple[str, ...]:
        flags = []
        cued = any(segment[0] <= cue < segment[1] for cue in reading.projection_cues)
        if (cued or period is not None and period.projected or self._future(period)) and not self._past(period):
            flags.append("projected")
        if reading.unconfirmed:
            flags.append("unconfirmed")
        return tuple(flags)

    def _future(self, period: Period | None) -> bool:
        """Whether the period starts after the document's year (`effective through 2030` in a piece of 2025): a plan,
        a forecast or a term still to run, never a statistic already reported."""
        if period is None or not period.value or self.anchor_year is None:
            return False
        return int(period.value[:4]) > self.anchor_year

    def _past(self, period: Period | None) -> bool:
        """Whether the period ended before the document's year (so it cannot be a target)."""
        if period is None or not period.value or self.anchor_year is None:
            return False
        last_year = int(period.value.split("/")[-1][:4])
        return last_year < self.anchor_year


def word_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """The word (and hedge) right before `end`: `_word_before()` searched in `start:end`, tried only where a word starts.

    A match ends in blanks, and starts where a run of word characters does (or at `start`):
    inside a run it would match as well from the run's first character. Without a hedge before
    the blanks (`figures.ends_as_hedge`), only the run right before them can start a match, and
    `WORD_THEN_BLANKS` matches there what the pattern does; else only a hedge's runs follow the
    matched word, so only the last runs of the stretch can.
    """
    if end == 0 or not text[end - 1].isspace():
        return None
    blanks_start = start + len(text[start:end].rstrip())
    if not ends_as_hedge(text, start, blanks_start):
        word_start = blanks_start - WORD_RUN_START.match(text[start:blanks_start][::-1]).end()
        return WORD_THEN_BLANKS.match(text, word_start, end)
    pattern = _word_before()
    for run in list(WORD_RUN.finditer(text, start, end))[-1 - _hedge_runs() :]:
        if match := pattern.match(text, run.start(), end):
            return match
    return None


@cache
def _hedge_runs() -> int:
    """The most runs of word characters a hedge holds (`more than`: two)."""
    return max(len(WORD_RUN.findall(hedge)) for hedge in hedges())


def _just_before(text: str, cue: Cue, offset: int) -> bool:
    """Whether only spaces separate the cue from `offset` (`increase of`)."""
    return cue.end <= offset and not text[cue.end : offset].strip()


def _closest(periods: list[Period], figure: Figure) -> Period | None:
    """The period nearest the figure, by characters between them; one before wins a tie."""

    def distance(period: Period) -> tuple[int, int]:
        if period.end <= figure.start:
            return figure.start - period.end, 0
        return max(0, period.start - figure.end), 1

    return min(periods, key=distance, default=None)
