"""Document stance: where Korea's economic ties with China are heading, traceable to sentences."""

import json

import pytest
from conftest import SHARED

from kortrade.relations.relation import label_relations
from kortrade.relations.sides import mark_document
from kortrade.relations.stance import directions, document_stance, trade_trends


def stance(*sentences: str):
    marked = mark_document(sentences)
    return document_stance(list(range(len(sentences))), marked, label_relations(marked))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("South Korea must keep cooperating with China, its largest market.", ["toward_china"]),
        ("Seoul is pivoting to Beijing after years of distance.", ["toward_china"]),
        ("The president seeks the full restoration of Korea-China ties.", ["toward_china"]),
        ("Korean steelmakers are partnering with Chinese mills.", ["toward_china"]),
        ("Seoul aims to cut its reliance on China for lithium to under 50%.", ["away_from_china"]),
        ("Korean supply chains are trending away from China.", ["away_from_china"]),
        ("Samsung is relocating production out of China.", ["away_from_china"]),
        ("Seoul will deepen its alliance with the United States.", ["toward_others"]),
        ("Korean investment in the US keeps growing.", ["toward_others"]),
        ("Exports to China rose 5 percent.", ["toward_china_trend"]),
        ("Korea's shipments to China slumped again in May.", ["away_from_china_trend"]),
        ("Hyundai Motor will sell two of its plants in China.", ["away_from_china_trend"]),
        ("Korea's exports to China contracted, except for a brief rebound in May.", ["away_from_china_trend"]),
        ("Korea's battery makers are scrapping joint ventures with Chinese firms.", ["away_from_china"]),
        ("Japan's exports to China fell 5 percent.", []),
        ("Korean exports to China will stop falling and rebound next year.", ["toward_china_trend"]),
    ],
)
def test_directional_statements(sentence, expected):
    assert directions(mark_document([sentence])[0]) == expected


def test_china_appeals_and_third_party_moves_say_nothing_of_korea():
    assert directions(mark_document(["Seoul pledged to deepen cooperation with China."])[0]) == ["toward_china"]
    assert directions(mark_document(["Xi Jinping urged Seoul to deepen cooperation with China."])[0]) == []
    assert directions(mark_document(["Chinese state media have argued that Seoul must partner with China."])[0]) == []
    assert directions(mark_document(["Seoul is cutting its dependence on China."])[0]) == ["away_from_china"]
    assert directions(mark_document(["Japan is cutting its dependence on China."])[0]) == []


def test_toward_china_with_its_deciding_sentences():
    result = stance(
        "Exports rose in November.",
        "South Korea's new president pledged to restore ties with China.",
        "Seoul will deepen cooperation with Beijing on batteries.",
    )
    assert result.label == "toward_china"
    assert result.evidence == ((1, "toward_china"), (2, "toward_china"))
    assert result.evidence_text == "1:toward_china;2:toward_china"


def test_away_from_china():
    result = stance("Korean firms are moving production out of China.", "Seoul wants to reduce reliance on China.")
    assert result.label == "away_from_china"


def test_closer_ties_with_others_beside_cooperation_with_china_is_mixed():
    result = stance(
        "Seoul will strengthen its alliance with the United States and Japan.",
        "At the same time it must keep cooperating with China.",
    )
    assert result.label == "mixed"
    assert {direction for _, direction in result.evidence} == {"toward_china", "toward_others"}


def test_one_side_wins_with_twice_the_other_sides_evidence():
    two_to_one = stance(
        "Seoul will cooperate with China on batteries.",
        "Korean carmakers are partnering with Chinese suppliers.",
        "Seoul also aims to reduce its dependence on China for graphite.",
    )
    assert two_to_one.label == "toward_china"
    three_to_two = stance(
        "Seoul will cooperate with China on batteries.",
        "Korean carmakers are partnering with Chinese suppliers.",
        "Korean chipmakers work closely with Chinese buyers.",
        "Seoul also aims to reduce its dependence on China for graphite.",
        "Korean investment in the US keeps growing.",
    )
    assert three_to_two.label == "mixed"


def test_without_directional_statements_the_relations_decide():
    result = stance("Japan is cutting its dependence on China.", "South Korea and China held a summit in Beijing.")
    assert result.label == "toward_china"
    assert result.evidence == ((1, "cooperation"),)
    conflict = stance("China imposed sanctions on South Korean firms.", "Seoul protested to Beijing.")
    assert conflict.label == "away_from_china"


def test_no_evidence_leaves_the_stance_unknown():
    result = stance("Exports rose 5 percent in November.", "The won weakened.")
    assert result.label == ""
    assert result.evidence_text == ""


def test_a_document_that_never_names_china_has_no_stance():
    assert stance("Seoul will deepen its alliance with the United States.").label == ""
    assert stance("Seoul will deepen its alliance with the United States.", "China objected.").label == (
        "away_from_china"
    )


def test_seed_stances_match_the_gold_and_cite_real_sentences(seeds_extraction):
    gold_path = SHARED / "eval" / "seeds-gold.json"
    if not gold_path.exists():
        pytest.skip("no shared gold beside the checkout")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["docs"]
    documents = seeds_extraction.documents.set_index("doc_id")
    for doc_id, expected in gold.items():
        assert documents.loc[doc_id, "stance"] == expected["stance"], doc_id
        cited = {int(item.split(":")[0]) for item in documents.loc[doc_id, "stance_evidence"].split(";")}
        ids = set(seeds_extraction.sentences.loc[seeds_extraction.sentences.doc_id == doc_id, "sentence_id"])
        assert cited and cited <= ids


def test_one_trade_trend_in_words_is_a_stance():
    assert stance("South Korea's exports to China fell 9 percent.", "Chip prices rose.").label == "away_from_china"
    result = stance("Chip prices rose.", "Weak demand in China dragged on Korean shipments.")
    assert (result.label, result.evidence_text) == ("away_from_china", "1:away_from_china_trend")


def test_trade_changes_the_figures_measure_count_as_trends():
    figures = [
        {"sentence_id": 2, "metric": "exports", "measure": "change", "reporter": "KOR", "partner": "CHN", "direction": "down"},
        {"sentence_id": 3, "metric": "imports", "measure": "change", "reporter": "CHN", "partner": "KOR", "direction": "up"},
        {"sentence_id": 4, "metric": "exports", "measure": "change", "reporter": "KOR", "partner": "USA", "direction": "up"},
        {"sentence_id": 5, "metric": "exports", "measure": "level", "reporter": "KOR", "partner": "CHN", "direction": ""},
        {"sentence_id": 6, "metric": "other", "measure": "change", "reporter": "KOR", "partner": "CHN", "direction": "up"},
    ]
    assert trade_trends(figures) == [(2, "away_from_china_trend"), (3, "toward_china_trend")]
    sentences = ("Data for the first ten days:", "exports +3.0% y/y", "exports to China", "-3.4% y/y")
    marked = mark_document(sentences)
    brief = document_stance(range(4), marked, label_relations(marked), [(3, "away_from_china_trend")])
    assert (brief.label, brief.evidence_text) == ("away_from_china", "3:away_from_china_trend")


def test_a_trend_stated_in_words_and_measured_counts_once():
    sentences = ("South Korea's exports to China fell 9 percent.",)
    marked = mark_document(sentences)
    result = document_stance([0], marked, label_relations(marked), [(0, "away_from_china_trend")])
    assert result.evidence_text == "0:away_from_china_trend"


def test_an_effort_away_from_china_that_stalls_leaves_the_dependence():
    assert directions(mark_document(["Korean carmakers want to reduce their reliance on China."])[0]) == [
        "away_from_china"
    ]
    for sentence in (
        "Korean carmakers are struggling to reduce their reliance on China for magnets.",
        "Korean carmakers have made little progress in reducing their dependence on China.",
    ):
        assert directions(mark_document([sentence])[0]) == ["toward_china"], sentence


def test_trends_and_statements_are_weighed_together():
    result = stance(
        "Exports from South Korea to China rebounded 12 percent in March.",
        "Bookings of trips to China by South Koreans surged after the visa-free policy.",
        "Seoul aims to cut its reliance on China for lithium.",
    )
    assert result.label == "toward_china"
    assert result.evidence_text == "0:toward_china_trend;1:toward_china_trend;2:away_from_china"
