"""The reporter (whose figure it is) and the partner (the counterpart economy) of a figure.

Rules, first that applies (data: `data/common/countries.tsv`, `data/figures/sources.tsv`):

- reporter: a country right before the metric cue (`South Korea's exports`, `Chinese vehicle
  exports`, `U.S. exports`; a possessive or adjective may take two modifiers, a bare name
  must touch the cue); else the origin of exports or destination of imports (`exports from
  Japan`, `imports into China`); else a cited statistical source (`China's customs`); else
  the home member of a pair (`Korea-China trade`); else the owner an earlier cue of the
  sentence named (`China's exports ..., and imports from Korea`); else, for other, production
  and investment figures, the nationality or owner nearest before the figure in its sentence
  (`Chinese firms in Korea ... 56 percent`); else, for bilateral trade, the side the sentence
  names first; else `KOR`.
- partner: a country after a preposition following the cue (`exports to China`, `imports
  from China`, `deficit with China`, `dependence on China`), or, when the cue lies in
  another clause, in the figure's own clause (`..., while those to the United States`); else
  the other member of a pair; else, for trade flows, a country after the amount with the flow's own
  preposition, before any other cue (`imported $3 billion worth of lithium, ..., from Chile`); else, for shares and for other, production and investment
  figures, the country named nearest before the figure in its clause (`China accounted for
  19 percent`); else, for other, production and investment figures, a country after a
  preposition later in the clause (`40% of its chips in China`, `$2 billion plant in China`); else the document's main counterpart when the sentence says `bilateral` or
  `the two countries`; else the world (`WLD`) for trade flows and foreign investment (`FDI`), unless the clause trades with a
  region that is no single economy (`exports to Asia`, `data/figures/regions.txt`); else, for supply contracts and
  investment, the last other country named earlier in the paragraph (at most 1,500
  characters back).
- a count of traded goods (`imports fell to 590t`) is framed like any trade figure; another
  count's reporter is a country named in its own phrase (`200 South Korean company
  representatives`), else a nationality or owner before it in its clause, and its partner a
  country after a preposition in its comma segment (`sales in China were 260,000 units`).
- when reporter and partner coincide, the defaulted reporter (or else the partner) is dropped.
- a place (a city or province: `Wuxi`, `Shandong Province`) counts as its country, except that it owns
  only trade flows (`Yantai's imports`: reporter CHN); another figure it only locates, as a country
  after `in` would (`Samsung's Xi'an plants produce 35%`: partner CHN, the reporter read as if the
  place were not there).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from ..common.countries import HOME, PLACE, DocumentCountries, Mention
from ..common.phrases import first_character_test
from ..common.resources import data_lines
from .figure import Figure
from .sentence_reading import Cue, SentenceReading

WORLD = "WLD"
TRADE_FLOWS = frozenset({"exports", "imports", "trade_balance", "trade_volume", "share_of_exports"})
NEAREST_COUNTRY_METRICS = frozenset({"other", "production", "investment"})
SEEK_PARAGRAPH = frozenset({"supply_contract", "investment"})
PREPOSITIONS = "to|from|with|into|on|in|between"
# The first letters are tested first, which rules out most positions quicker than the test of `according` before.
PREPOSITION_BEFORE = re.compile(
    rf"{first_character_test(PREPOSITIONS.split('|'))}\b(?<!according )(?P<prep>{PREPOSITIONS})\s+(?:(?:the|a|an)\s+)?\Z",
    re.IGNORECASE,
)
POSSESSOR_GAP = re.compile(
    r"(?:['’]s)?(?:\s+(?!(?:to|from|with|of|in|on|for|and|by|at|than|as|were|was|is|are)\b)[\w-]+){0,2}\s+\Z",
    re.IGNORECASE,
)
ADJACENT_GAP = re.compile(r"\s+\Z")
PAIR_GAP = re.compile(r"\s*[-–/]\s*|\s+and\s+")
PREPOSITION_REACH = 60
# A share of a world total (`97% of global rare earth production`, `70% of the DRAM market globally`).
GLOBAL_AFTER = re.compile(r"\b(?:global|globally|worldwide|world's|of the world)\b", re.IGNORECASE)
GLOBAL_REACH = 80
# A destination written before the flow: `U.S.-bound exports`, `China-bound shipments`.
BOUND_FOR = re.compile(r"-bound\b")
# A figure in brackets right after a country: `surpassing the U.S. ($74.5 billion)`.
BRACKET_OPENING = re.compile(r"\s*\(\s*\Z")
PARAGRAPH_REACH = 1500
# The preposition naming a flow's counterpart when it comes after the amount (`imported $3 billion worth of
# lithium, a battery material, from Chile`).
FOREIGN_INVESTMENT = re.compile(r"\bFDI\b|\bforeign\b", re.IGNORECASE)
AND_NEXT = re.compile(r"\s+and\s+(?:the\s+)?")
SUBORDINATE = re.compile(r"\b(?:as|while|whereas|but|although|though|because|after|amid|and)\b", re.IGNORECASE)
FLOW_PREPOSITIONS = {"imports": "from", "exports": "to", "trade_volume": "with", "trade_balance": "with"}


def parties(
    reading: SentenceReading,
    figure: Figure,
    clause: tuple[int, int],
    cue: Cue | None,
    metric: str,
    measure: str,
    countries: DocumentCountries,
) -> tuple[str, str, bool]:
    """(reporter, partner, whether the text names the reporter) of a figure in its clause (`reading.clause` of its
    span); `countries` are the document's, for its main counterpart and paragraphs."""
    if figure.kind == "count" and metric not in TRADE_FLOWS:
        return _count_parties(reading, figure, clause)
    places_own = metric in TRADE_FLOWS
    if bracketed := _country_before_bracket(reading, figure, clause):
        owner, pair_owner = possessors(reading, cue, places_own)
        reporter = owner or reading.source or HOME
        return (reporter, bracketed.iso3, bool(owner or reading.source)) if bracketed.iso3 != reporter else (
            reporter,
            "",
            True,
        )
    if measure == "share" and GLOBAL_AFTER.search(reading.text, figure.end, min(clause[1], figure.end + GLOBAL_REACH)):
        holders = [m for m in reading.mentions if clause[0] <= m.start and m.end <= figure.start]
        return (holders[-1].iso3, WORLD, True) if holders else (HOME, WORLD, False)
    owner, pair_owner = possessors(reading, cue, places_own)
    reporter, partner, several = owner, "", False
    for preposition, mention in _prepositional_countries(reading, figure, clause, cue):
        if metric == "exports" and preposition == "from" or metric == "imports" and preposition in ("to", "into"):
            reporter = reporter or mention.iso3
        elif not partner:
            partner = mention.iso3
            # `exports to the United States and China fell 8%`: one figure for two counterparts names no single one.
            several = preposition != "between" and _joined_with_another(reading, mention)
    # `Australian imports` may be goods from Australia rather than Australia's purchases: such a reporter holds for
    # its sentence but is not handed on (`stated` stays false).
    ambiguous = bool(owner) and owner != HOME and cue is not None and cue.label == "imports" and _adjective_owner(reading, cue)
    reporter = reporter or reading.source or pair_owner or _earlier_possessor(reading, figure, places_own)
    reporter_from_nationality = not reporter and metric in NEAREST_COUNTRY_METRICS
    if reporter_from_nationality:
        reporter = _nationality_before(reading, figure)
        reporter_from_nationality = bool(reporter)
    defaulted = not reporter or ambiguous and reporter == owner
    reporter = reporter or HOME
    partner = partner or _pair_partner(reading, clause, reporter)
    if not partner and metric in NEAREST_COUNTRY_METRICS:
        partner = _own_segment_country(reading, figure, reporter)
    if not partner and (measure == "share" or metric in NEAREST_COUNTRY_METRICS):
        others = [m for m in reading.mentions if m.end <= figure.end and m.iso3 != reporter]
        in_clause = [m for m in others if clause[0] <= m.start]
        # A reporter read from a nationality (`Chinese firms in Korea ... 56 percent`) names its counterpart earlier.
        candidates = in_clause or (others if metric == "other" and reporter_from_nationality else [])
        partner = candidates[-1].iso3 if candidates else ""
    if not partner and metric in NEAREST_COUNTRY_METRICS:
        partner = next(
            (m.iso3 for _, m in after_prepositions(reading, figure.end, clause[1], clause) if m.iso3 != reporter), ""
        )
    if not partner and reading.bilateral and countries.counterpart:
        if defaulted and (first := next((m.iso3 for m in reading.mentions if m.iso3 in (HOME, countries.counterpart)), "")):
            # `China has been the ROK's largest partner, with bilateral trade at $328 billion`: the side named first.
            reporter = first
        partner = countries.counterpart if countries.counterpart != reporter else HOME
    if not partner and metric in FLOW_PREPOSITIONS:
        partner = _flow_country_after(reading, figure, metric, reporter)
    if not partner and (metric in TRADE_FLOWS or _foreign_investment(reading, cue)) and not _region_named(
        reading, clause, cue
    ):
        partner = WORLD
    if not partner and metric in SEEK_PARAGRAPH:
        text, start = reading.text, reading.sentence.start
        paragraph_start = max(text.rfind("\n", 0, start) + 1, start - PARAGRAPH_REACH)
        partner = countries.last_before(paragraph_start, start, unless=reporter)
    if partner == reporter:
        # `trade between China and South Korea`, credited to China's customs: the pair's other member.
        partner = _pair_partner(reading, clause, reporter) or partner
    if several:
        partner = ""
    if partner and partner == reporter:
        return ("", partner, False) if defaulted else (reporter, "", True)
    return reporter, partner, not defaulted


def _count_parties(reading: SentenceReading, figure: Figure, clause: tuple[int, int]) -> tuple[str, str, bool]:
    """A count's (reporter, partner, stated): the country of its own phrase (`200 South Korean company
    representatives`), else the nationality or owner named before it in its clause (`Chinese travellers to Korea
    numbered 523,599`); the partner, a country after a preposition in its comma segment (`sales in China were
    260,000 units`, `travellers to Korea`)."""
    own = [m for m in reading.mentions if figure.start <= m.start and m.end <= figure.end]
    before = [
        m for m in reading.mentions if clause[0] <= m.start and m.end <= figure.start and (m.possessive or m.form == "adjective")
    ]
    reporter = own[0].iso3 if own else before[-1].iso3 if before else ""
    segment = reading.segment(figure.start, figure.end)
    places = [m.iso3 for _, m in after_prepositions(reading, segment[0], segment[1], segment) if m.iso3 != reporter]
    return reporter, places[0] if places else "", bool(reporter)


def _country_before_bracket(reading: SentenceReading, figure: Figure, clause: tuple[int, int]) -> Mention | None:
    """The country a bracketed figure stands for (`China (18.8 percent)`), or None."""
    before = [m for m in reading.mentions if clause[0] <= m.start and m.end <= figure.start]
    if before and BRACKET_OPENING.fullmatch(reading.text, before[-1].end, figure.start):
        return before[-1]
    return None


def possessors(reading: SentenceReading, cue: Cue | None, places_own: bool = True) -> tuple[str, str]:
    """(the country right before the cue, the pair right before it), read at once, at most one not empty.

    Of a pair (`China-South Korea trade`), the home member (`KOR`), else the first, is given. Unless `places_own`,
    places are passed over (`Samsung's Xi'an plants produce`: the plants are in China, not China's).
    """
    if cue is None:
        return "", ""
    before = [m for m in reading.mentions if m.end <= cue.start and (places_own or m.form != PLACE)]
    if not before:
        return "", ""
    owner = before[-1]
    gap = POSSESSOR_GAP if owner.possessive or owner.form == "adjective" else ADJACENT_GAP
    if not gap.match(reading.text, owner.end, cue.start):
        return "", ""
    if len(before) > 1 and PAIR_GAP.fullmatch(reading.text, before[-2].end, owner.start):
        pair = (before[-2].iso3, owner.iso3)
        return "", HOME if HOME in pair else pair[0]
    return owner.iso3, ""


def _adjective_owner(reading: SentenceReading, cue: Cue) -> bool:
    """Whether the country before the cue is written as a bare adjective (`Australian imports`, not `Australia's`)."""
    before = [m for m in reading.mentions if m.end <= cue.start]
    return bool(before) and before[-1].form == "adjective" and not before[-1].possessive


def _prepositional_countries(
    reading: SentenceReading, figure: Figure, clause: tuple[int, int], cue: Cue | None
) -> list[tuple[str, Mention]]:
    """(preposition, country) pairs: a destination written `U.S.-bound` in the figure's clause, else those after
    the cue, or in the figure's clause when the cue lies outside it."""
    if cue is None or not reading.mentions:
        return []
    bound = [("to", m) for m in reading.mentions if clause[0] <= m.start < figure.start and BOUND_FOR.match(reading.text, m.end)]
    if bound:
        return bound
    after_cue = after_prepositions(reading, cue.end, cue.end + PREPOSITION_REACH, reading.clause(cue.start, cue.end))
    in_clause = after_prepositions(reading, clause[0], figure.start, clause)
    if clause[0] <= cue.start and cue.end <= clause[1]:
        # A country before the cue counts only for a flow of the cue's kind (`exports to Taiwan, a chip exporter,
        # reached $3 billion`), not for another one (`exported $5 billion to Japan and imported $3 billion`).
        return after_cue or [(p, m) for p, m in in_clause if _flow_before(reading, m.start) == cue.label]
    return in_clause or after_cue


def after_prepositions(
    reading: SentenceReading, start: int, end: int, clause: tuple[int, int]
) -> list[tuple[str, Mention]]:
    """Countries in `start:end` (cut at the clause's end) that follow a preposition (`to China`)."""
    end = min(end, clause[1])
    found = []
    for mention in reading.mentions:
        if start <= mention.start < end:
            # A cue may end on its preposition (`came from China`): the preposition is looked for before `start` too.
            preposition = PREPOSITION_BEFORE.search(reading.text, max(0, mention.start - 14), mention.start)
            if preposition:
                found.append((preposition["prep"].lower(), mention))
    return found


@cache
def _region_names() -> str:
    """The regions that are no single economy (`data/figures/regions.txt`), as one alternation, longest first."""
    return "|".join(re.escape(name) for name in sorted(data_lines("figures/regions.txt"), key=len, reverse=True))


@cache
def _regions() -> re.Pattern[str]:
    """A region that is no single economy after a preposition (`exports to Asia`)."""
    # `from Asia's fourth-biggest economy` names an economy of the region, not the region.
    return re.compile(
        rf"\b(?:{PREPOSITIONS})\s+(?:the\s+)?(?:(?:other|all|its|their)\s+)?(?:{_region_names()})\b(?!['’]s\b)"
    )


@cache
def _region_name() -> re.Pattern[str]:
    """A region that is no single economy, matched where it starts."""
    return re.compile(rf"(?:{_region_names()})\b")


def _region_named(reading: SentenceReading, clause: tuple[int, int], cue: Cue | None) -> bool:
    """Whether the figure's clause, or the cue's, trades with a region (`exports to ASEAN`): its partner is no economy
    a code names, and not the world either."""
    spans = [clause] + ([reading.clause(cue.start, cue.end)] if cue is not None else [])
    return any(_regions().search(reading.text, start, end) for start, end in spans)


def _foreign_investment(reading: SentenceReading, cue: Cue | None) -> bool:
    """Whether the cue names foreign investment in an economy (`FDI`, `foreign capital`): a flow from the world."""
    return cue is not None and cue.label == "investment" and FOREIGN_INVESTMENT.search(reading.text, cue.start, cue.end) is not None


def _joined_with_another(reading: SentenceReading, mention: Mention) -> bool:
    """Whether another country or a region follows the mention with `and` (`to the United States and China`)."""
    joined = AND_NEXT.match(reading.text, mention.end)
    if joined is None:
        return False
    return any(m.start == joined.end() for m in reading.mentions) or _region_name().match(reading.text, joined.end()) is not None


def _flow_before(reading: SentenceReading, position: int) -> str:
    """The metric of the last trade cue before `position` in the sentence, or empty."""
    return next((c.label for c in reversed(reading.metric_cues) if c.end <= position and c.label != "other"), "")


def _flow_country_after(reading: SentenceReading, figure: Figure, metric: str, reporter: str) -> str:
    """The counterpart named after the amount with the flow's own preposition (`imported $3 billion worth of
    lithium ... from Chile`), before any other metric cue or subordinate clause (`as sales to Chile fell`)."""
    cue_start = next((c.start for c in reading.metric_cues if c.start >= figure.end), reading.sentence.end)
    subordinate = SUBORDINATE.search(reading.text, figure.end, cue_start)
    end = subordinate.start() if subordinate else cue_start
    return next(
        (
            m.iso3
            for preposition, m in after_prepositions(reading, figure.end, end, (figure.end, end))
            if preposition == FLOW_PREPOSITIONS[metric] and m.iso3 != reporter
        ),
        "",
    )


def _own_segment_country(reading: SentenceReading, figure: Figure, reporter: str) -> str:
    """The country after a preposition following the figure in its own comma segment (`a $4 billion plant in
    Canada's Ontario`), other than the reporter."""
    segment = reading.segment(figure.start, figure.end)
    after = after_prepositions(reading, figure.end, segment[1], segment)
    return next((m.iso3 for _, m in after if m.iso3 != reporter), "")


def _nationality_before(reading: SentenceReading, figure: Figure) -> str:
    """The economy of the people or firms a figure of theirs counts: the country written as an adjective or a
    possessive nearest before it in its sentence (`Chinese firms operating in Korea ... 56 percent`, `China's
    rail operator ... 107 percent`), not a place."""
    owners = [
        m
        for m in reading.mentions
        if m.end <= figure.start and m.form != PLACE and (m.possessive or m.form == "adjective")
    ]
    return owners[-1].iso3 if owners else ""


def _earlier_possessor(reading: SentenceReading, figure: Figure, places_own: bool) -> str:
    """The owner an earlier cue of the sentence named (`China's exports ..., and imports from Korea`)."""
    if not reading.mentions:
        return ""
    for cue in reversed([c for c in reading.metric_cues if c.end <= figure.start and c.label != "other"]):
        if owner := possessors(reading, cue, places_own)[0]:
            return owner
    return ""


def _pair_partner(reading: SentenceReading, clause: tuple[int, int], reporter: str) -> str:
    """`Korea-China trade`, `between Korea and China`: the member of a pair that is not the reporter."""
    mentions = [m for m in reading.mentions if clause[0] <= m.start and m.end <= clause[1]]
    for left, right in itertools.pairwise(mentions):
        if PAIR_GAP.fullmatch(reading.text, left.end, right.start) and reporter in (left.iso3, right.iso3):
            other = right.iso3 if left.iso3 == reporter else left.iso3
            if other != reporter:
                return other
    return ""
