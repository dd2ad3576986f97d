"""Sides of Korea–China relations, and the relation each sentence describes."""

import re

import pytest
from regex_shapes import opens_with_word_character

from kortrade.common.resources import data_rows
from kortrade.relations.relation import cues, label_relations, names_both_sides, sentence_relation
from kortrade.relations.sides import expand, lower_ascii, mark, mark_document


def relation(sentence: str) -> str:
    return sentence_relation(mark(sentence))


def test_mark_replaces_every_name_of_a_side_and_lowers_the_rest():
    text = "Seoul's chipmakers told us that SK Hynix and China's CATL met in the U.S. and the US."
    marked = mark(text)
    assert (
        marked == "korside's chipmakers told us that korside and chnside's chnside met in the altside and the altside."
    )
    assert mark("Tensions Rose") == "tensions rose"


def test_longer_terms_win_so_north_korea_and_the_south_china_sea_are_no_side():
    assert (
        mark("North Korea and the Korean Peninsula; the South China Sea") == "noneside and the noneside; the noneside"
    )
    assert mark("Korea-China ties and US-ROK drills") == "korside-chnside ties and altside-korside drills"
    assert mark("Koreanness of Chinatown") == "koreanness of chinatown"


def test_pair_terms_count_only_where_the_document_names_both_sides():
    both = mark_document(["Seoul and Beijing met.", "Both countries agreed to expand trade."])
    assert both[1] == "pairside agreed to expand trade."
    one_side = mark_document(["Seoul and Washington met.", "Both countries agreed to expand trade."])
    assert one_side[1] == "noneside agreed to expand trade."


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 03 express intent to cooperate
        ("Korean and Chinese battery makers pledged to join hands on recycling.", "cooperation"),
        # 04 consult: summits, talks, visits
        ("President Yoon visited Beijing for talks with Xi Jinping.", "cooperation"),
        # 05 diplomatic cooperation: agreements, restoring ties
        ("Seoul and Beijing agreed to restore their strategic dialogue.", "cooperation"),
        # 06 material cooperation: joint ventures, supply contracts, investment
        ("Samsung SDI set up a joint venture with China's Geely.", "cooperation"),
        ("LG Chem won a supply contract from BYD for cathode materials.", "cooperation"),
        # 07 provide aid
        ("Seoul sent humanitarian assistance to Chinese flood victims.", "cooperation"),
        # 08 yield: de-escalation outweighs the conflict word inside it
        ("Seoul and Beijing moved to ease tensions over the radar dispute.", "cooperation"),
        # 11 disapprove: tensions, disputes
        ("Tensions between Seoul and Beijing rose over the missile shield.", "conflict"),
        # 12 reject
        ("China rebuffed South Korea's proposal.", "conflict"),
        # 13 threaten
        ("Beijing warned Seoul against joining the chip alliance.", "conflict"),
        # 16 reduce relations: reducing dependence, decoupling
        ("South Korea moved to reduce its dependence on China for rare earths.", "conflict"),
        ("Korean chipmakers are decoupling from Chinese suppliers.", "conflict"),
        # 17 coerce: retaliation, tariffs, sanctions, export controls, hacking
        ("China imposed retaliatory tariffs on South Korean steel.", "conflict"),
        ("Beijing's export controls on graphite hit Korean battery makers.", "conflict"),
        ("Chinese state hackers attempted to hack South Korea's foreign ministry.", "conflict"),
    ],
)
def test_each_cue_class_labels_a_sentence_about_both_sides(sentence, expected):
    assert relation(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan and the United States signed a trade agreement.",  # neither side
        "China's exports rose on strong demand and new trade deals.",  # one side only
        "Seoul and Beijing did not sign any agreement.",  # negated cue
        "South Korea and China published their trade statistics.",  # both sides, no cue
        "Seoul and Beijing held talks amid tensions.",  # verbal cooperation and verbal conflict weigh the same
    ],
)
def test_sentences_without_a_counting_cue_about_both_sides_are_neutral(sentence):
    assert relation(sentence) == "neutral"


def test_a_cue_attached_to_a_third_party_is_about_another_relationship():
    assert relation("Seoul strengthened cooperation with Washington amid tensions with Beijing.") == "conflict"
    assert relation("Korean and Chinese carmakers joined hands against Trump's tariffs.") == "cooperation"
    assert relation("The US-South Korea joint effort worried Chinese officials.") == "neutral"


def test_material_cues_outweigh_verbal_ones():
    assert relation("Despite tensions, LG Energy Solution signed a supply contract with CATL.") == "cooperation"
    assert relation("After the summit, Beijing imposed sanctions on Seoul.") == "conflict"


def test_cue_file_classes_agree_with_their_cameo_codes():
    rows = data_rows("relations/cues.tsv")
    for row in rows:
        if row["class"] == "negation":
            continue
        code = int(row["cameo"].split()[0])
        assert row["class"] == ("cooperation" if code <= 8 else "conflict"), row
    assert len(cues().relations) == sum(row["class"] != "negation" for row in rows)
    assert cues().pattern.groups == len(cues().relations)


@pytest.mark.parametrize("name", ["relations/cues.tsv", "relations/stance_cues.tsv"])
def test_cue_patterns_are_written_in_lower_case(name):
    for row in data_rows(name):
        written = re.sub(r"\\.|\{[A-Z]+\}", "", row["pattern"])
        assert written == written.lower(), row


def test_seed_sentences_carry_a_relation(seeds_extraction):
    sentences = seeds_extraction.sentences
    assert set(sentences["relation"]) <= {"cooperation", "conflict", "neutral"}
    by_text = dict(zip(sentences["text"], sentences["relation"]))
    reduce = [text for text in by_text if "reduce dependence on China" in text]
    assert reduce and all(by_text[text] == "conflict" for text in reduce)
    restore = [text for text in by_text if "restore relations" in text]
    assert restore and all(by_text[text] == "cooperation" for text in restore)


def test_label_relations_keeps_sentence_order():
    marked = mark_document(["Seoul and Beijing signed a deal.", "Prices rose.", "China sanctioned Korean firms."])
    assert label_relations(marked) == ["cooperation", "neutral", "conflict"]


def test_the_first_character_check_is_conservative():
    assert opens_with_word_character(r"\b(?:the\s+)?korside")
    assert opens_with_word_character(r"(?:pledg|vow)\w*|team(?:s|ed)?\s+up")
    assert not opens_with_word_character(r"(?:the\s+)?-?korside")
    assert not opens_with_word_character(r"(?:a|\W)b")
    assert not opens_with_word_character(r"a?")
    assert not opens_with_word_character(r"[^a]b")


@pytest.mark.parametrize(("name", "kinds"), [("relations/cues.tsv", "class"), ("relations/stance_cues.tsv", "kind")])
def test_cues_open_with_a_word_character_so_a_word_start_is_their_edge(name, kinds):
    for row in data_rows(name):
        if row[kinds] not in {"negation", "china_voice"}:
            assert opens_with_word_character(expand(row["pattern"])), row


@pytest.mark.parametrize("text", ["Seoul\tAND Beijing", "Seoul\u00a0AND Béijing ÉTÉ\t", ""])
def test_lower_ascii_lowers_only_ascii_letters_and_blanks_tabs(text):
    expected = "".join(c.lower() if c.isascii() and c.isalpha() else " " if c in "\t\u00a0" else c for c in text)
    assert lower_ascii(text) == expected


@pytest.mark.parametrize(
    ("marked", "expected"),
    [("korside and chnside", True), ("pairside met", True), ("korside and altside", False), ("chnside", False)],
)
def test_only_a_korean_and_a_chinese_mention_or_a_pair_name_both_sides(marked, expected):
    assert names_both_sides(marked) is expected
