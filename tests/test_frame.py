import itertools
import re

import pytest
from documents import make_document
from hypothesis import example, given
from hypothesis import strategies as st
from regex_shapes import without_first_character_test
from strategies import glued

from kortrade.common.phrases import trie_pattern
from kortrade.figures import frame, parties, sentence_reading
from kortrade.figures.periods import Anchor
from kortrade.figures.rows import figure_rows
from kortrade.figures.sentence_reading import SentenceReading
from kortrade.ingest.document import Sentence


def rows(text, published=""):
    return figure_rows(make_document(text, published)).rows


def row(text, surface, published=""):
    found = [r for r in rows(text, published) if r["surface"] == surface]
    assert len(found) == 1, rows(text, published)
    return found[0]


def fields(text, surface, *names, published=""):
    found = row(text, surface, published)
    return tuple(found[name] for name in names)


# metric


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("Outbound shipments rose 7 percent to $50 billion.", "$50 billion", "exports"),
        ("Imports from Vietnam slid 3% to $4 billion.", "3%", "imports"),
        ("It posted a trade surplus of $3 billion.", "$3 billion", "trade_balance"),
        ("Two-way trade reached $300 billion.", "$300 billion", "trade_volume"),
        ("Samsung will invest $17 billion in Texas.", "$17 billion", "investment"),
        ("It won a 20 GWh supply deal.", "20 GWh", "supply_contract"),
        ("Output hit 40 GWh.", "40 GWh", "production"),
        ("It recorded a $5 billion trade deficit with Japan.", "$5 billion", "trade_balance"),
        ("Brussels imposed 25% tariffs on cars.", "25%", "other"),
        ("China's GDP grew 5.2 percent.", "5.2 percent", "other"),
    ],
)
def test_metric_from_the_nearest_cue(text, surface, metric):
    assert row(text, surface)["metric"] == metric


def test_a_cue_compounded_right_after_the_figure_wins_over_an_earlier_one():
    text = "Car exports fell 40% as Brussels imposed 25% tariffs on them."
    assert row(text, "25%")["metric"] == "other"
    assert row(text, "40%")["metric"] == "exports"


def test_a_capitalised_cue_inside_a_sentence_is_a_name():
    text = "The Ministry of Trade said 40 firms joined and a 5% rate applied."
    assert row(text, "5%")["metric"] == "other"


def test_a_blocker_outside_the_figures_segment_does_not_hide_the_metric():
    text = "Exports to Japan, a key trading partner, gained 2 percent."
    assert row(text, "2 percent")["metric"] == "exports"


def test_a_share_of_exports():
    text = "Japan accounted for 12 percent of South Korea's total exports."
    assert fields(text, "12 percent", "metric", "measure", "reporter", "partner") == (
        "share_of_exports",
        "share",
        "KOR",
        "JPN",
    )


def test_a_count_takes_a_metric_only_from_its_own_segment():
    text = "Exports to Japan rose, and 30 firms joined."
    assert row(text, "30 firms")["metric"] == "other"


# measure and direction


@pytest.mark.parametrize(
    ("text", "surface", "measure", "direction"),
    [
        ("Exports jumped 12% to $9 billion.", "12%", "change", "up"),
        ("Exports jumped 12% to $9 billion.", "$9 billion", "level", ""),
        ("Imports were down 4 percent.", "4 percent", "change", "down"),
        ("Exports rose by $2 billion.", "$2 billion", "change", "up"),
        ("Imports marked a decrease of 3.2% on-year.", "3.2%", "change", "down"),
        ("Exports posted a 6% increase.", "6%", "change", "up"),
        ("Exports grew 3% year-on-year.", "3%", "change", "up"),
        ("Exports were 7 percent higher.", "7 percent", "change", "up"),
        ("Its share rose to 19 percent.", "19 percent", "share", ""),
        ("The policy rate stayed at 3.5 percent.", "3.5 percent", "level", ""),
        ("The deficit with Japan narrowed to $1 billion.", "$1 billion", "level", ""),
        ("A delegation of 200 executives came.", "200 executives", "level", ""),
    ],
)
def test_measure_and_direction(text, surface, measure, direction):
    assert fields(text, surface, "measure", "direction") == (measure, direction)


def test_a_movement_word_governs_only_the_figure_next_to_it():
    text = "Car exports fell 40% as Brussels imposed 25% tariffs."
    assert fields(text, "25%", "measure", "direction") == ("level", "")


def test_a_verb_after_an_amount_is_its_predicate_not_its_change():
    text = "The deficit of $4 billion decreased later."
    assert fields(text, "$4 billion", "measure", "value") == ("level", -4e9)


def test_both_ends_of_a_range_share_the_movement():
    text = "Shipments fell 40-50% last year."
    assert [(r["measure"], r["direction"]) for r in rows(text)] == [("change", "down")] * 2


# reporter, partner, sign


@pytest.mark.parametrize(
    ("text", "surface", "reporter", "partner"),
    [
        ("South Korea's exports to Japan rose 4%.", "4%", "KOR", "JPN"),
        ("Korean exports rose 4%.", "4%", "KOR", "WLD"),
        ("Exports rose 4% to $50 billion.", "$50 billion", "KOR", "WLD"),
        ("Imports from Vietnam rose 4%.", "4%", "KOR", "VNM"),
        ("Chinese exports to South Korea rose 4%.", "4%", "CHN", "KOR"),
        ("Exports from Japan to South Korea rose 4%.", "4%", "JPN", "KOR"),
        ("The deficit with Japan hit $3 billion.", "$3 billion", "KOR", "JPN"),
        ("Korea-Japan trade reached $80 billion.", "$80 billion", "KOR", "JPN"),
        ("Chinese customs data showed imports from South Korea fell 5%.", "5%", "CHN", "KOR"),
        ("Exports rose 12 percent, according to the Korea Customs Service.", "12 percent", "KOR", "WLD"),
        ("It cut its dependence on Japan to 30%.", "30%", "KOR", "JPN"),
        ("About 500 Japanese tourists came.", "500 Japanese tourists", "JPN", ""),
        ("They signed 15 new deals.", "15 new deals", "", ""),
        ("Japanese firms operating in Vietnam said 40% of them made a profit.", "40%", "JPN", "VNM"),
        ("Japanese firms operating in Vietnam did well, with 40% of them reporting a profit.", "40%", "JPN", "VNM"),
    ],
)
def test_reporter_and_partner(text, surface, reporter, partner):
    assert fields(text, surface, "reporter", "partner") == (reporter, partner)


def test_a_bare_name_separated_from_the_cue_by_a_verb_owns_nothing():
    text = "The trade balance with Japan recorded a deficit of $13 billion."
    assert fields(text, "$13 billion", "reporter", "partner", "value") == ("KOR", "JPN", -13e9)


def test_an_earlier_possessor_in_the_sentence_carries_to_a_later_flow():
    text = "Japan's exports to South Korea were $20 billion, and imports from South Korea were $30 billion."
    assert fields(text, "$30 billion", "reporter", "partner") == ("JPN", "KOR")


def test_figures_in_a_while_clause_take_that_clauses_partner():
    text = "Exports to Japan gained 1% while those to the United States jumped 20%."
    assert row(text, "1%")["partner"] == "JPN"
    assert row(text, "20%")["partner"] == "USA"


def test_bilateral_figures_take_the_documents_main_counterpart():
    text = "Japan and Korea met. Japan pledged help.\nBilateral trade reached $80 billion."
    assert fields(text, "$80 billion", "reporter", "partner") == ("KOR", "JPN")


def test_a_supply_contract_takes_the_country_named_earlier_in_the_paragraph():
    text = "The firm signed a deal with Japan's Panasonic. It will supply 8 GWh of cells."
    assert row(text, "8 GWh")["partner"] == "JPN"


def test_a_supply_contract_without_a_country_in_its_paragraph_has_no_partner():
    text = "Japan was mentioned.\nThe firm will supply 8 GWh of cells."
    assert row(text, "8 GWh")["partner"] == ""


def test_a_deficit_is_a_negative_level_and_a_surplus_positive():
    assert row("It ran a trade deficit of $7 billion.", "$7 billion")["value"] == -7e9
    assert row("It ran a trade surplus of $7 billion.", "$7 billion")["value"] == 7e9


def test_currency_names_are_not_countries():
    text = "Investment in the new zone reached 2.5 billion US dollars."
    assert row(text, "2.5 billion US dollars")["partner"] == ""


@pytest.mark.parametrize(
    ("text", "surface", "reporter", "partner"),
    [
        ("The group makes 40% of its memory chips in Xi'an, China.", "40%", "KOR", "CHN"),
        ("The group makes 30% of its cells in Xian and 20% in Nanjing.", "20%", "KOR", "CHN"),
        ("Weifang's imports from South Korea rose 12%.", "12%", "CHN", "KOR"),
        ("Qingdao exports to Korea totaled $2 billion.", "$2 billion", "CHN", "KOR"),
        ("Shandong Province's exports to Korea rose 8%.", "8%", "CHN", "KOR"),
        ("Korean firms invested $3 billion in Hubei last year.", "$3 billion", "KOR", "CHN"),
        ("The maker's Changzhou plant produces 35% of its cathodes.", "35%", "KOR", "CHN"),
        ("It will build a 60,000-ton smelter in Central Sulawesi.", "60,000-ton", "", "IDN"),
    ],
)
def test_a_city_or_province_stands_for_its_country(text, surface, reporter, partner):
    """A place owns a trade flow (`Weifang's imports`) and locates any other figure (`its Changzhou plant`)."""
    assert fields(text, surface, "reporter", "partner") == (reporter, partner)


def test_a_figure_located_by_a_place_takes_the_country_after_it_in_its_own_segment():
    text = "The firm lifted its investment in its Arizona complex to $5 billion, planning a $2 billion plant in Ontario."
    assert row(text, "$5 billion")["partner"] == "USA"
    assert fields(text, "$2 billion", "reporter", "partner") == ("KOR", "CAN")


# period and flags


def test_period_from_the_sentence_and_the_document_date():
    text = "Exports in November were $50 billion."
    assert row(text, "$50 billion", published="2023-12-01")["period"] == "2023-11"
    assert row(text, "$50 billion")["period"] == ""


def test_the_period_closest_to_the_figure_wins():
    text = "The December 2023 plan cut dependence on Japan to 50% by 2030."
    assert fields(text, "50%", "period", "flags", published="2024-03-28") == ("2030", "projected")


def test_a_figure_inherits_the_period_of_its_paragraph_but_counts_do_not():
    text = "Korea ran a $18 billion deficit with Japan. Exports to Japan in 2023 fell 20%. It hired 300 workers."
    found = {r["surface"]: r["period"] for r in rows(text, "2024-03-28")}
    assert found == {"$18 billion": "2023", "20%": "2023", "300 workers": ""}


def test_a_paragraph_naming_no_period_takes_the_last_one_stated_before_it_never_a_later_one():
    assert row("Exports to Japan in 2023 fell 20%.\nImports rose 3%.", "3%")["period"] == "2023"
    assert row("Imports rose 3%.\nExports to Japan in 2023 fell 20%.", "3%")["period"] == ""


def test_periods_are_not_inherited_from_unresolved_mentions():
    text = "Exports in November were $5 billion. Imports in 2023 were $6 billion."
    assert row(text, "$5 billion")["period"] == ""


@pytest.mark.parametrize(
    "text",
    [
        "The firm aims to raise sales to $10 billion.",
        "Exports are expected to reach $700 billion.",
        "Exports will hit $700 billion by 2030.",
        "Exports should reach $700 billion next year.",
    ],
)
def test_targets_and_forecasts_are_projected(text):
    assert "projected" in rows(text, "2024-01-05")[0]["flags"]


def test_a_past_period_is_not_projected_even_near_a_forecast_word():
    text = "They expect trade to exceed the 2024 level of $273 billion."
    assert "projected" not in row(text, "$273 billion", published="2026-11-22")["flags"]


def test_a_forecast_word_in_another_segment_does_not_project_a_figure():
    text = "Exports rose 4.8% to $52.4 billion, compared with a 5.5% rise forecast by economists."
    found = {r["surface"]: r["flags"] for r in rows(text)}
    assert found == {"4.8%": "", "$52.4 billion": "", "5.5%": "projected"}


@pytest.mark.parametrize("cue", ["Reports suggest that", "Sources said", "Reportedly,"])
def test_reports_and_rumours_are_unconfirmed(cue):
    assert rows(f"{cue} the firms reached a 30 GWh contract.")[0]["flags"] == "unconfirmed"


def test_attributed_official_data_is_not_unconfirmed():
    assert rows("The ministry reported that exports rose 5%.")[0]["flags"] == ""


@given(
    glued(
        ["rose", "by", "about", "more than", "up/down", "x-y", " ", "  ", "5", "\n", "of"]
        + ["just over", "approx.", "ABOUT", "almo\u017ft", "Ä", "%", ",", "\u2003", "clo", "se to"],
        max_size=12,
    ),
    st.integers(0, 60),
)
def test_the_word_before_a_figure_is_the_one_the_pattern_finds(text, end):
    from kortrade.figures.frame import LOOKBACK, _word_before, word_before

    end = min(end, len(text))
    start = max(0, end - LOOKBACK)
    found, expected = word_before(text, start, end), _word_before().search(text, start, end)
    assert (found and (found.span(), found["word"])) == (expected and (expected.span(), expected["word"]))


@given(
    glued(
        ["Exports", "exports", "EXPORTS", "trade", "Trade Deficit", "rose", "-", "7", " ", ",", "é", "x"], max_size=12
    ),
    st.integers(0, 20),
    st.integers(0, 80),
)
@example("xexports rose", 1, 13)
@example("exports rose", 0, 12)
def test_cue_phrases_found_in_lowered_ascii_text_are_the_case_insensitive_matches(text, start, end):
    from kortrade.figures.sentence_reading import _cue_pattern, _flag_cues, lowered_ascii

    start, end = min(start, len(text)), min(max(start, end), len(text))
    lowered = lowered_ascii(text, start, end)
    if lowered is None:
        assert not text[max(0, start - 1) : end].isascii()
        return
    for phrases in (_cue_pattern("figures/metric_cues.tsv")[0], _flag_cues("segment")[0]):
        assert phrases.word_start is not None
        expected = [(m.start(), m.end(), m.group().lower()) for m in phrases.any_case.finditer(text, start, end)]
        assert list(phrases.find(text, start, end, lowered)) == expected


def test_phrases_with_letters_beyond_ascii_or_opening_on_no_letter_have_no_word_start_pattern():
    from kortrade.figures.sentence_reading import Phrases

    assert Phrases.of(["ſtrength"]).word_start is None
    assert Phrases.of(["-based"]).word_start is None
    assert Phrases.of(["exports"]).word_start.fullmatch(" exports")


@given(
    glued(
        [
            "Both",
            "the",
            "two",
            "-way",
            "countries",
            " ",
            ", ",
            "and",
            "while",
            ":",
            ";",
            "—",
            "bilateral",
            "x",
            "\n",
        ],
        max_size=12,
    )
)
def test_the_first_character_tests_of_the_sentence_patterns_rule_out_no_match(text):
    from kortrade.figures.sentence_reading import BILATERAL, CLAUSE_BREAK

    for pattern in (CLAUSE_BREAK, BILATERAL):
        body = without_first_character_test(pattern)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in body.finditer(text)]


@given(glued(["China's customs", "Chinese customs", "KITA", "MOFCOM", "Bank of Korea", "x", " ", "_", "."], max_size=8))
def test_the_source_pattern_opening_on_first_letters_finds_what_the_plain_pattern_finds(text):
    pattern, sources = sentence_reading._sources()
    plain = re.compile(rf"(?<!\w)(?:{trie_pattern(sources)})(?!\w)")
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _possessor_one_at_a_time(reading, cue, pairs):
    """The reading of the country before a cue as it was, one call for the single owner, one for the pair."""
    before = [m for m in reading.mentions if m.end <= cue.start]
    if not before:
        return ""
    owner = before[-1]
    gap = parties.POSSESSOR_GAP if owner.possessive or owner.form == "adjective" else parties.ADJACENT_GAP
    if not gap.match(reading.text, owner.end, cue.start):
        return ""
    if len(before) > 1 and parties.PAIR_GAP.fullmatch(reading.text, before[-2].end, owner.start):
        pair = (before[-2].iso3, owner.iso3)
        return (parties.HOME if parties.HOME in pair else pair[0]) if pairs else ""
    return owner.iso3


@given(
    glued(
        ["China", "South Korea's", "Korean", "Japan", "-", " and ", " ", "new ", "to ", "exports", "trade"], max_size=8
    )
)
def test_the_owner_and_the_pair_before_a_cue_are_read_at_once_as_apart(text):
    reading = SentenceReading(text, Sentence(0, 0, len(text), text), Anchor())
    for cue in reading.metric_cues:
        owner, pair_owner = parties.possessors(reading, cue)
        assert owner == _possessor_one_at_a_time(reading, cue, pairs=False)
        assert (owner or pair_owner) == _possessor_one_at_a_time(reading, cue, pairs=True)


@given(glued(["reached", "Stood at", "to", "about", "less than", "worth", "x", "-", " ", "5"], max_size=6))
def test_the_first_letter_test_drops_no_level_word(text):
    pattern = frame._level_before()
    plain = without_first_character_test(pattern)
    for start, end in itertools.combinations(range(len(text) + 1), 2):
        found, expected = pattern.search(text, start, end), plain.search(text, start, end)
        assert (found and found.span()) == (expected and expected.span())


@given(glued([",", "，", "(", ")", " ", "\n", "x", ", ", "，\u3000"], max_size=12))
def test_segment_breaks_are_commas_before_blanks_and_brackets(text):
    from kortrade.figures.sentence_reading import SEGMENT_BREAK

    expected = [m.span() for m in re.finditer(r"[,，](?=\s)|[()]", text)]
    assert [m.span() for m in SEGMENT_BREAK.finditer(text)] == expected


@given(
    glued(
        [
            "Both",
            "the",
            "TWO",
            "-way",
            "countries",
            " ",
            ", ",
            "And",
            "WHILE",
            ":",
            ";",
            "bilateral",
            "x",
            "\n",
            "9",
        ],
        max_size=12,
    ),
    st.integers(0, 30),
    st.integers(0, 90),
)
def test_a_lower_cased_sentence_has_the_breaks_and_relation_the_patterns_find(text, start, end):
    from kortrade.figures.sentence_reading import BILATERAL, CLAUSE_BREAK

    start, end = min(start, len(text)), min(max(start, end), len(text))
    reading = SentenceReading(text, Sentence(0, start, end, text[start:end]), Anchor())
    assert reading.clause_breaks == [m.span() for m in CLAUSE_BREAK.finditer(text, start, end)]
    assert reading.bilateral == (BILATERAL.search(text, start, end) is not None)


@given(glued(["Reportedly", "sources said", "expected to", "forecast", "aims to", "x", " ", ", ", "é"], max_size=10))
def test_flag_cues_found_behind_the_search_for_any_are_those_of_each_scope(text):
    from kortrade.figures.sentence_reading import _flag_cues

    reading = SentenceReading(text, Sentence(0, 0, len(text), text), Anchor())
    rumour, (projection, flags) = _flag_cues("sentence")[0], _flag_cues("segment")
    assert reading.unconfirmed == (rumour.any_case.search(text) is not None)
    expected = [m.start() for m in projection.any_case.finditer(text) if flags[m.group().lower()] == "projected"]
    assert reading.projection_cues == expected


@given(glued(["according ", "To ", "from", "the ", "an ", "INTO", "in", " ", "x", "ı", "between ", "\n"], max_size=8))
def test_the_first_letter_test_drops_no_preposition(text):
    pattern = parties.PREPOSITION_BEFORE
    plain = without_first_character_test(pattern)
    for end in range(len(text) + 1):
        found, expected = pattern.search(text, max(0, end - 14), end), plain.search(text, max(0, end - 14), end)
        assert (found and found.span()) == (expected and expected.span())


# lists, the period a figure is said for, the reporter carried forward, blocs


def test_respectively_pairs_each_figure_with_its_country_in_the_list():
    text = "Sales abroad to Vietnam and the EU fell 4.5 percent and 8.25 percent, respectively."
    assert fields(text, "4.5 percent", "metric", "partner") == ("exports", "VNM")
    assert fields(text, "8.25 percent", "metric", "partner") == ("exports", "EUU")


def test_respectively_leaves_the_owner_of_the_list_as_reporter():
    text = "Japan's imports from India, Brazil and Chile rose 1%, 2% and 3%, respectively."
    assert [fields(text, s, "reporter", "partner") for s in ("1%", "2%", "3%")] == [
        ("JPN", "IND"),
        ("JPN", "BRA"),
        ("JPN", "CHL"),
    ]


def test_respectively_needs_as_many_countries_as_figures():
    text = "Exports to Vietnam rose 4 percent and 6 percent, respectively."
    assert fields(text, "6 percent", "partner") == ("VNM",)


def test_a_figure_takes_the_period_it_is_said_for():
    text = "The share of exports to Japan went from 31.5 percent in 2019 to 27.5 percent in 2022."
    assert fields(text, "31.5 percent", "period") == ("2019",)
    assert fields(text, "27.5 percent", "period") == ("2022",)
    paired = "Profit fell to 90 billion won in 2024 from 120 billion won (US$95 million) in 2021."
    assert fields(paired, "120 billion won", "period") == ("2021",)


def test_a_figure_with_no_named_reporter_takes_the_last_one_named_before_it():
    text = "Japan's exports to India rose 8 percent.\nImports fell 2 percent.\nKorea's imports rose 1 percent."
    assert fields(text, "2 percent", "reporter") == ("JPN",)
    assert fields(text, "1 percent", "reporter") == ("KOR",)
    alone = "Imports fell 2 percent."
    assert fields(alone, "2 percent", "reporter") == ("KOR",)


def test_the_carried_reporter_never_becomes_the_partner():
    text = "China's exports rose 8 percent.\nShipments to China fell 2 percent."
    assert fields(text, "2 percent", "reporter", "partner") == ("KOR", "CHN")


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("Chip shipment rose 3 percent.", "3 percent", "exports"),
        ("Imports and exports with Japan reached $80 billion.", "$80 billion", "trade_volume"),
        ("Foreign capital reached $2 billion.", "$2 billion", "investment"),
        ("The firm will hold a 51% stake in the venture.", "51%", "investment"),
    ],
)
def test_cues_of_real_trade_writing(text, surface, metric):
    assert fields(text, surface, "metric") == (metric,)


def test_trade_with_a_region_has_no_partner_code_and_is_not_the_world():
    assert fields("Exports to ASEAN rose 4 percent.", "4 percent", "partner") == ("",)
    assert fields("Exports rose 4 percent.", "4 percent", "partner") == ("WLD",)


@pytest.mark.parametrize(
    ("text", "surface", "measure", "direction"),
    [
        ("Chip and car exports rose 11 percent and 3 percent, respectively.", "3 percent", "change", "up"),
        ("Exports fell 12 percent, 7 percent and 2 percent in three months.", "2 percent", "change", "down"),
        ("By product:\nchips -7.5%\ncars +22.0%", "-7.5%", "change", "down"),
        ("By product:\nchips -7.5%\ncars +22.0%", "22.0%", "change", "up"),
        ("Imports posted a 16% on-year increase.", "16%", "change", "up"),
        ("Steel exports shed 6 percent.", "6 percent", "change", "down"),
        ("The price is 30% cheaper than a year ago.", "30%", "change", "down"),
    ],
)
def test_movement_in_lists_signs_and_the_words_of_real_writing(text, surface, measure, direction):
    assert fields(text, surface, "measure", "direction") == (measure, direction)


def test_a_listed_figure_after_a_level_is_not_a_change():
    assert fields("Exports were $5 billion and $6 billion.", "$6 billion", "measure", "direction") == ("level", "")


def test_an_investment_or_output_figure_takes_the_country_where_it_happens():
    assert fields("The firm will invest $2 billion in a plant in Vietnam.", "$2 billion", "metric", "partner") == (
        "investment",
        "VNM",
    )
    assert fields("The firm makes 40% of its chips in India.", "40%", "metric", "partner") == ("production", "IND")


def test_a_bracketed_figure_belongs_to_the_country_before_it():
    text = "Exports to Japan reached $74.8 billion, ahead of India ($74.5 billion)."
    assert fields(text, "$74.5 billion", "partner") == ("IND",)


def test_a_share_of_a_world_total_is_held_by_the_country_named_before_it():
    assert fields("Japan makes 60% of global memory chips.", "60%", "reporter", "partner") == ("JPN", "WLD")


def test_a_pair_credited_to_one_member_has_the_other_as_partner():
    text = "Trade between China and Japan reached $300 billion, according to China's customs."
    assert fields(text, "$300 billion", "reporter", "partner") == ("CHN", "JPN")


def test_only_trade_figures_hand_their_reporter_on():
    text = "China holds 90 percent of global graphite output.\nThe fund holds $7 billion."
    assert fields(text, "$7 billion", "reporter") == ("KOR",)


@pytest.mark.parametrize(
    ("text", "surface", "metric"),
    [
        ("The average price of imports reached $900 per tonne.", "$900", "other"),
        ("The firm will build a $400 million battery plant.", "$400 million", "investment"),
        ("Korea raked in $60 billion in surplus in trade with Japan.", "$60 billion", "trade_balance"),
        ("Korea sourced 70 percent of its cobalt from Congo.", "70 percent", "imports"),
    ],
)
def test_cues_that_tell_prices_plants_balances_and_sourcing_apart(text, surface, metric):
    assert fields(text, surface, "metric") == (metric,)


def test_a_percentage_point_change_measures_the_share_before_it():
    text = "Chip exports accounted for 22.9 percent of total exports, up 2.5 percentage points."
    assert fields(text, "2.5 percentage points", "metric", "measure", "direction") == ("share_of_exports", "change", "up")


def test_a_bound_destination_is_the_partner():
    assert fields("Japan-bound shipments jumped 12.7%.", "12.7%", "metric", "partner") == ("exports", "JPN")


def test_a_range_after_since_is_a_base_not_the_period():
    text = "The share sank to 2.74 percent, the lowest since the 2007-08 crisis."
    assert fields(text, "2.74 percent", "period") == ("",)


def test_a_count_of_traded_goods_is_framed_like_a_trade_figure():
    text = "Japan's imports of graphite from India fell 9 percent in 2024.\nImports from Chile rose to 5,000 tonnes."
    assert fields(text, "5,000 tonnes", "metric", "reporter", "partner", "period") == ("imports", "JPN", "CHL", "2024")
    assert fields("The plant hired 300 workers in India.", "300 workers", "reporter", "partner") == ("", "IND")


def test_a_line_of_a_list_measures_what_the_list_does():
    text = "Exports rose 3% in May.\nBy product:\nchips -7.5%\ncars +22.0%\nThe fair drew 300 firms"
    assert fields(text, "-7.5%", "metric", "partner") == ("exports", "WLD")
    assert fields(text, "22.0%", "metric") == ("exports",)
    assert fields(text, "300 firms", "metric") == ("other",)
    assert fields("Exports rose 3% in May.\nThe index gained 2% today.", "2%", "metric") == ("other",)


def test_a_list_under_a_heading_measures_what_the_heading_names():
    text = "Trade data\n\nExports to\n\nthe United States +0.8%\n\nJapan -2.5%\n\nImports of\n\ncrude oil +4.0%"
    assert fields(text, "0.8%", "metric", "partner", "direction") == ("exports", "USA", "up")
    assert fields(text, "-2.5%", "metric", "partner", "direction") == ("exports", "JPN", "down")
    assert fields(text, "4.0%", "metric", "partner") == ("imports", "WLD")


def test_a_possessive_year_owns_the_amount_after_it():
    text = "Imports from Chile fell to $590 million from 2023's $3.5 billion."
    assert fields(text, "$3.5 billion", "period") == ("2023",)


def test_an_adjective_before_imports_holds_for_its_sentence_but_is_not_handed_on():
    text = "Korea's imports of nickel rose 5 percent.\nAustralian imports surged 9 percent.\nImports from Chile fell 2 percent."
    assert fields(text, "9 percent", "reporter") == ("KOR",)
    assert fields(text, "2 percent", "reporter", "partner") == ("KOR", "CHL")


def test_a_period_said_for_one_figure_is_not_taken_by_its_neighbour():
    text = "Imports from India rose 9 percent in 2024.\nImports from Chile surged to $9 billion from $2 billion in 2023."
    assert fields(text, "$2 billion", "period") == ("2023",)
    assert fields(text, "$9 billion", "period") == ("2024",)


def test_a_sentence_of_the_paragraph_can_state_the_period_of_the_figures_after_it():
    text = "Car sales and exports in 2024 were weak.\nThe firm was founded in 1998. Car exports fell 27 percent."
    assert fields(text, "27 percent", "period") == ("",)
    para = "Car sales and exports in 2024 were weak, as demand slowed. Car exports fell 27 percent."
    assert fields(para, "27 percent", "period") == ("2024",)


def test_a_count_takes_its_nationality_and_the_place_of_its_segment():
    text = "The number of Japanese travellers to Vietnam amounted to 52,000 visitors in May."
    assert fields(text, "52,000 visitors", "reporter", "partner") == ("JPN", "VNM")
    own = "His visit to India, the aides said, includes 200 Japanese business leaders."
    assert fields(own, "200 Japanese business leaders", "reporter", "partner") == ("JPN", "")


def test_a_period_after_the_document_year_is_projected():
    text = "The swap of $40 billion is effective through Oct. 31, 2030."
    assert fields(text, "$40 billion", "flags", published="2025-11-03") == ("projected",)
    assert fields("Exports reached $40 billion in 2024.", "$40 billion", "flags", published="2025-11-03") == ("",)


def test_a_flows_counterpart_may_follow_the_amount():
    text = "Peru imported $2.1 billion worth of copper ore, a key input for smelters, from Chile in 2021."
    assert fields(text, "$2.1 billion", "reporter", "partner") == ("PER", "CHL")
    other_clause = "Peru imported $2.1 billion worth of copper ore and concentrate in 2021, as demand for ore from Chile slowed."
    assert fields(other_clause, "$2.1 billion", "partner") == ("WLD",)


def test_a_sentence_referring_back_takes_the_figures_parties_and_measure():
    text = (
        "Peru imported $2.1 billion worth of copper ore from Chile in 2021. "
        "The sum accounted for 61.5 percent of its copper ore imports. "
        "The proportion has grown from 44.2 percent in 2018. "
        "However, it fell to 39.9 percent in 2015."
    )
    for surface in ("61.5 percent", "44.2 percent", "39.9 percent"):
        assert fields(text, surface, "reporter", "partner")[1] == "CHL", surface
    assert fields(text, "39.9 percent", "metric", "measure") == ("imports", "share")
    unrelated = "Peru imported $2.1 billion worth of copper ore from Chile. Brazil's exports rose 4 percent."
    assert fields(unrelated, "4 percent", "reporter", "partner") == ("BRA", "WLD")


def test_a_share_of_imports_written_as_where_goods_came_from():
    text = "Peru bought 9,000 tonnes of copper ore. Of the total, 62.5 percent came from Chile in 2021."
    assert fields(text, "62.5 percent", "metric", "measure", "partner") == ("imports", "share", "CHL")
    assert fields("Chile is the largest source of copper ore for Peru, at 48 percent.", "48 percent", "metric", "measure") == (
        "imports",
        "share",
    )


def test_a_country_before_the_cue_belongs_to_a_flow_of_its_kind():
    text = "Chile exported $5.2 billion worth of copper to Peru and imported $3.1 billion."
    assert fields(text, "$3.1 billion", "reporter", "partner") == ("CHL", "WLD")
    appositive = "Exports to Peru, a big copper exporter, reached $3.8 billion."
    assert fields(appositive, "$3.8 billion", "partner") == ("PER",)


def test_a_flow_with_korea_carries_the_reporter_stated_just_before():
    text = "Japan's trade with South Korea rose 2 percent to $50 billion. Exports to South Korea grew 0.6 percent."
    assert fields(text, "0.6 percent", "reporter", "partner") == ("JPN", "KOR")
    assert fields("Exports to South Korea grew 0.6 percent.", "0.6 percent", "reporter", "partner") == ("", "KOR")


def test_a_year_owning_another_figure_is_not_this_figures_period():
    text = "Peru's imports from Chile fell to 590 tonnes from 2023's 3,538 tonnes."
    assert fields(text, "590 tonnes", "period") == ("",)
    assert fields(text, "3,538 tonnes", "period") == ("2023",)


def test_foreign_investment_comes_from_the_world_unless_a_region_is_named():
    assert fields("The declared FDI rose 5% to $3 billion.", "$3 billion", "partner") == ("WLD",)
    assert fields("Its investment rose 5% to $3 billion.", "$3 billion", "partner") == ("",)
    regional = "Peru's trade with other APEC economies reached $2 billion."
    assert fields(regional, "$2 billion", "reporter", "partner") == ("PER", "")


def test_a_written_sign_gives_a_listed_changes_direction():
    text = "Data for the month:\nexports +3.0% y/y\nimports -1.5% y/y\n"
    assert fields(text, "3.0%", "measure", "direction") == ("change", "up")
    assert fields(text, "-1.5%", "measure", "direction") == ("change", "down")


def test_a_figure_after_from_is_an_earlier_level_whatever_follows():
    text = "Peru's copper exports fell to $2.5 billion, down from $3.1 billion compared with a year earlier."
    assert fields(text, "$3.1 billion", "measure", "direction") == ("level", "")
    assert fields(text, "$2.5 billion", "measure") == ("level",)


def test_a_level_said_for_a_year_earlier_takes_the_year_before():
    text = "Peru's exports reached $20.6 billion in the Dec. 1 to 10 period, compared with $17.5 billion a year earlier."
    assert fields(text, "$20.6 billion", "period", published="2025-12-11") == ("2025-12-01/2025-12-10",)
    assert fields(text, "$17.5 billion", "period", published="2025-12-11") == ("2024-12-01/2024-12-10",)
    change = "Peru's exports rose 5 percent in 2024 from a year earlier."
    assert fields(change, "5 percent", "period") == ("2024",)


def test_a_double_dash_aside_is_its_own_clause():
    text = "Peru's shipments to Chile -- Peru's largest trading partner -- fell 20.9 percent."
    assert fields(text, "20.9 percent", "metric", "partner", "direction") == ("exports", "CHL", "down")


def test_a_government_budget_is_no_investment():
    text = "Peru's parliament approved a budget of $43.4 billion to expand welfare spending."
    assert fields(text, "$43.4 billion", "metric") == ("other",)


def test_a_list_items_counterpart_may_stand_in_its_heading():
    text = "Data for the first ten days:\nexports to Peru\n-3.4% y/y\n"
    assert fields(text, "-3.4%", "metric", "partner", "direction") == ("exports", "PER", "down")


def test_a_regions_possessive_names_an_economy_of_it():
    text = "Outbound shipments from Asia's fourth-biggest economy rose 5.5% in October."
    assert fields(text, "5.5%", "partner") == ("WLD",)
    assert fields("Outbound shipments to Asia rose 5.5% in October.", "5.5%", "partner") == ("",)


def test_bilateral_trade_is_reported_by_the_side_a_sentence_names_first():
    chinese_view = "China has long been South Korea's largest partner, with bilateral trade reaching $300 billion in 2024."
    assert fields(chinese_view, "$300 billion", "reporter", "partner") == ("CHN", "KOR")
    korean_view = "South Korea counts China as its largest partner, with bilateral trade reaching $300 billion in 2024."
    assert fields(korean_view, "$300 billion", "reporter", "partner") == ("KOR", "CHN")


def test_an_undated_period_restating_one_with_its_year_takes_that_year():
    text = (
        "Peru's exports rose 4.8 percent to $9.9 billion in the first quarter of 2023. "
        "Exports to Chile reached $1.5 billion in the first quarter, up 16.1 percent. "
        "Exports to Japan reached $1.1 billion in the third quarter."
    )
    assert fields(text, "$1.5 billion", "period") == ("2023-Q1",)
    assert fields(text, "$1.1 billion", "period") == ("",)


def test_one_figure_for_two_counterparts_names_no_single_one():
    assert fields("Exports to Chile and Peru fell by 8%.", "8%", "partner") == ("",)
    assert fields("Exports to Chile and Asia fell by 8%.", "8%", "partner") == ("",)
    assert fields("Trade between South Korea and Peru rose 8%.", "8%", "reporter", "partner") == ("KOR", "PER")
    respective = "Exports to Chile and Peru fell by 8% and 5%, respectively."
    assert fields(respective, "5%", "partner") == ("PER",)


def test_a_list_of_bracketed_percentages_moves_with_the_verb_after_it():
    text = "Exports of steel (58.1%), ships (31.1%) and precision instruments (17.5%) all increased, while chips fell 4%."
    for surface in ("58.1%", "31.1%", "17.5%"):
        assert fields(text, surface, "measure", "direction") == ("change", "up"), surface
    assert fields("Steel (58.1%) of the market grew.", "58.1%", "measure") == ("level",)


@pytest.mark.parametrize("verb", ["skidding", "diminished", "dived", "plunging", "slipping"])
def test_more_movement_words(verb):
    assert fields(f"Exports to Peru were {verb} 6.5 per cent.", "6.5 per cent", "measure", "direction") == ("change", "down")
