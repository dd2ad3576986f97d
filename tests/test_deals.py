import pytest
from hypothesis import given
from hypothesis import strategies as st
from regex_shapes import opens_with_word_character
from textdoc import make_document

from kortrade.common.resources import data_rows
from kortrade.entities.actors import find_mentions
from kortrade.entities.deals import _cue_matches, cues, deal_rows, find_deals


def deals(text):
    document = make_document(text)
    return deal_rows(document, find_deals(document, find_mentions(document)))


def summary(text):
    return [(d["supplier"], d["buyer"], d["status"]) for d in deals(text)]


def test_a_signed_contract_with_a_counterpart():
    found = deals("Samsung SDI signed a supply agreement for prismatic batteries with General Motors on Monday.")
    assert [(d["supplier"], d["buyer"], d["status"], d["product"]) for d in found] == [
        ("org:samsung-sdi", "org:general-motors", "signed", "prismatic batteries")
    ]
    assert found[0]["surface"] == found[0]["surface"].strip() and found[0]["sentence_id"] == 0


def test_the_supplier_is_the_company_further_upstream_when_the_text_does_not_say():
    assert summary("General Motors entered into a contract with Samsung SDI.") == [
        ("org:samsung-sdi", "org:general-motors", "signed")
    ]


def test_a_planned_supply_with_volume_and_duration():
    found = deals(
        "POSCO Future M plans to supply 50,000 tons of cathode materials to Samsung SDI over the next five years."
    )
    deal = found[0]
    assert (deal["supplier"], deal["buyer"], deal["status"]) == ("org:posco-future-m", "org:samsung-sdi", "planned")
    assert (deal["volume_value"], deal["volume_unit"], deal["duration_years"]) == (50000.0, "t", 5.0)
    assert deal["product"] == "cathode materials"


def test_talks_are_negotiations():
    assert summary("SK On is in talks with Ford Motor over a new plant.") == [
        ("org:sk-on", "org:ford-motor", "negotiating")
    ]


def test_respectively_gives_each_supplier_its_product():
    found = deals(
        "Gotion and EVE Energy are pursuing contracts to supply modules and cells, respectively, to Volkswagen."
    )
    assert [(d["supplier"], d["buyer"], d["product"], d["status"]) for d in found] == [
        ("org:gotion-high-tech", "org:volkswagen", "modules", "negotiating"),
        ("org:eve-energy", "org:volkswagen", "cells", "negotiating"),
    ]


def test_reported_use_opted_for_and_made_by():
    assert summary("Toyota opted for CATL cells in its new van.") == [("org:catl", "org:toyota", "reported")]
    found = deals("Hyundai Mobis equipped the module with a power chip made by SMIC.")
    assert [(d["supplier"], d["buyer"], d["product"]) for d in found] == [
        ("org:smic", "org:hyundai-mobis", "power chip")
    ]


def test_a_common_verb_needs_the_company_right_after_it():
    assert summary("Kia used the trip to meet CATL executives.") == []


def test_not_finalized_keeps_a_deal_negotiating():
    found = deals("SK On reached a 20 GWh supply deal with Ford Motor, but details have not been finalized.")
    assert [(d["status"], d["volume_value"]) for d in found] == [("negotiating", 20.0)]


def test_a_reported_signing_is_reported():
    assert summary("Lotte Chemical reportedly signed a contract with Huayou Cobalt.") == [
        ("org:huayou-cobalt", "org:lotte-chemical", "reported")
    ]


def test_a_follow_up_about_the_two_companies_completes_the_deal():
    found = deals("LG Chem is in discussions with Tesla. The two companies reached a 10 GWh deal last week.")
    assert [(d["supplier"], d["buyer"], d["status"], d["volume_value"], d["evidence"]) for d in found] == [
        ("org:lg-chem", "org:tesla", "signed", 10.0, "0;1")
    ]


def test_a_joint_venture_has_the_party_named_first_as_supplier():
    assert summary("Ecopro BM and Huayou Cobalt set up a joint venture in Indonesia.") == [
        ("org:ecopro-bm", "org:huayou-cobalt", "signed")
    ]
    assert summary("Huayou Cobalt and Ecopro BM set up a joint venture in Indonesia.") == [
        ("org:huayou-cobalt", "org:ecopro-bm", "signed")
    ]


def test_a_sentence_without_two_companies_holds_no_deal():
    assert summary("A domestic battery maker signed a supply contract with a Chinese carmaker.") == []


def test_an_order_known_from_sources_is_reported():
    assert summary("Samsung SDI won an order to supply batteries to Rivian Automotive, sources said.") == [
        ("org:samsung-sdi", "org:rivian-automotive", "reported")
    ]


def test_cues_open_with_a_word_edge_and_a_word_character_so_one_word_start_serves_them_all():
    for row in data_rows("entities/deal_cues.tsv"):
        assert row["pattern"].startswith(r"\b") and opens_with_word_character(row["pattern"]), row


@pytest.mark.parametrize(
    "sentence",
    [
        "LG Energy Solution signed a supply contract and agreed to supply batteries, and Tesla signed a deal.",
        "Samsung SDI is in talks with BMW, which was in discussions and has been negotiating with CATL for a deal.",
        "Hyundai bought cells from CATL, uses LG batteries, used Panasonic ones and supplies supplied parts.",
        "No deal here at all.",
        "",
    ],
)
def test_cue_matches_are_what_each_cue_finds_on_its_own(sentence):
    own = [(m.start(), m.end(), cue) for cue in cues() for m in cue.pattern.finditer(sentence)]
    assert _cue_matches(sentence, 0) == sorted(own, key=lambda f: (f[0], -f[1]))


# Words that open cues, in other cases, with non-ASCII look-alikes (`ſ`, `İ`) and joined without spaces.
CUE_WORDS = ["signed", "SIGNED", "Sign", "ſigned", "an", "MOU", "mou", "with", "İs", "is", "in", "talks", "JV"]
CUE_WORDS += ["joint", "venture", "supplies", "uses", "a", "-", ",", "x", "partnered", "bought", "from", "will"]
CUE_WORDS += ["supply", "é", " ", "  "]


@given(
    st.lists(st.sampled_from(CUE_WORDS), max_size=12).map(" ".join) | st.lists(st.sampled_from(CUE_WORDS)).map("".join)
)
def test_cue_matches_tried_by_opening_pairs_are_what_each_cue_finds_on_its_own(sentence):
    own = [(m.start(), m.end(), cue) for cue in cues() for m in cue.pattern.finditer(sentence)]
    assert _cue_matches(sentence, 0) == sorted(own, key=lambda f: (f[0], -f[1]))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "LG Chem signed a memorandum of understanding with Huayou Cobalt on Tuesday.",
            [("org:lg-chem", "org:huayou-cobalt", "signed")],
        ),
        ("Huayou Cobalt inked an MOU with LG Chem on Tuesday.", [("org:huayou-cobalt", "org:lg-chem", "signed")]),
        ("SK On plans to form a joint venture with GEM next year.", [("org:sk-on", "org:gem", "planned")]),
        ("SK On agreed to jointly build a plant with GEM.", [("org:sk-on", "org:gem", "signed")]),
        ("SK On is set to sign a partnership deal with GEM.", [("org:sk-on", "org:gem", "planned")]),
        (
            "LG Chem is in talks to set up a joint venture with Huayou Cobalt.",
            [("org:lg-chem", "org:huayou-cobalt", "negotiating")],
        ),
        (
            "LG Chem has partnered with Huayou Cobalt to refine nickel.",
            [("org:lg-chem", "org:huayou-cobalt", "signed")],
        ),
        (
            "LG Chem reportedly formed a joint venture with Huayou Cobalt.",
            [("org:lg-chem", "org:huayou-cobalt", "reported")],
        ),
        (
            "A joint venture between SK On, Ecopro BM and China's GEM was shelved.",
            [("org:sk-on", "org:ecopro-bm", "planned"), ("org:sk-on", "org:gem", "planned")],
        ),
        (
            "SK On will build a plant in a joint project with Ecopro BM and China's GEM.",
            [("org:sk-on", "org:ecopro-bm", "planned"), ("org:sk-on", "org:gem", "planned")],
        ),
        (
            "LG Chem, the chemical arm of LG Group, and Huayou Cobalt have joined forces on recycling.",
            [("org:lg-chem", "org:huayou-cobalt", "signed")],
        ),
        (
            "Huayou Cobalt, which plans to expand, signed an MOU with LG Chem.",
            [("org:huayou-cobalt", "org:lg-chem", "signed")],
        ),
    ],
)
def test_symmetric_agreements_name_the_first_party_supplier_and_take_their_status_from_modality(sentence, expected):
    assert summary(sentence) == expected


def test_it_stands_for_the_company_the_text_is_about():
    text = (
        "Korean cathode maker Daehwan Materials is growing fast. It has partnered with Chinese miner Ruoshan to "
        "refine nickel in Chile. It is also working with CATL on recycling. The firm said nothing."
    )
    assert summary(text) == [
        ("org:daehwan-materials", "org:ruoshan", "signed"),
        ("org:daehwan-materials", "org:catl", "signed"),
    ]
    assert summary("Prices rose. It has partnered with CATL.") == []


def test_each_agreement_of_a_pair_is_its_own_row():
    text = (
        "LG Chem signed an MOU with CATL on Monday. The two companies formed a joint venture last year. "
        "They signed the MOU in Seoul. They are also planning to build a second plant."
    )
    found = deals(text)
    assert [(d["sentence_id"], d["status"]) for d in found] == [(0, "signed"), (1, "signed"), (3, "planned")]
    assert found[0]["evidence"] == "0;2"


def test_they_is_not_the_last_pair_when_another_company_came_between():
    text = "LG Chem signed an MOU with CATL. KG Mobility builds cars. They are also cooperating with BYD."
    assert summary(text) == [("org:lg-chem", "org:catl", "signed")]


def test_a_subsidiary_is_the_party_and_a_plan_names_its_product():
    text = "LG Chem runs a plant co-developed with Huayou Group subsidiary Youshan."
    assert summary(text) == [("org:lg-chem", "org:youshan", "signed")]
    found = deals(
        "Farmstaff, a Korean farming startup, plans to partner with Chinese logistics company Zhonghuan Yida to produce and sell "
        "strawberry seedlings in Hebei."
    )
    assert [(d["supplier"], d["buyer"], d["status"], d["product"]) for d in found] == [
        ("org:farmstaff", "org:zhonghuan-yida", "planned", "strawberry seedlings")
    ]


def test_a_relative_clause_about_a_party_makes_its_own_deal():
    found = deals("Ecopro BM opened a plant, a joint venture with Chinese refiner GEM that is supplying nickel intermediates.")
    assert [(d["supplier"], d["buyer"], d["status"], d["product"]) for d in found] == [
        ("org:ecopro-bm", "org:gem", "signed", ""),
        ("org:gem", "org:ecopro-bm", "signed", "nickel intermediates"),
    ]


def test_a_supply_stated_as_fact_is_signed_and_the_noun_supplies_is_no_cue():
    assert summary("CATL supplies prismatic cells to Kia.") == [("org:catl", "org:kia", "signed")]
    assert summary("Gotion hopes to bump up supplies to Volkswagen and Tesla.") == []


def test_a_joint_venture_in_apposition_is_no_party():
    text = "Hyundai Motor will cut output in China. Beijing Hyundai, a joint venture with BAIC, will close a plant."
    assert summary(text) == [("org:hyundai-motor", "org:baic-group", "signed")]
    assert summary("Prices fell. Beijing Hyundai, a joint venture with BAIC, will close a plant.") == []
    assert summary("Beijing Hyundai, a joint venture between Hyundai Motor and BAIC, will close a plant.") == [
        ("org:hyundai-motor", "org:baic-group", "signed")
    ]


def test_a_compound_of_companies_before_joint_names_the_parties():
    assert summary("A rendering of the LG Chem-Huayou Cobalt joint cathode plant was shown.") == [
        ("org:lg-chem", "org:huayou-cobalt", "planned")
    ]
    assert summary("SK On and Ecopro BM's joint plant opened in May.") == [("org:sk-on", "org:ecopro-bm", "signed")]
    assert summary("Hyundai Motor's joint venture in China opted for CATL cells.") == [
        ("org:catl", "org:hyundai-motor", "reported")
    ]


def test_agreeing_to_discuss_is_negotiating_and_a_product_comes_from_the_cues_clause():
    text = "LG Chem signed a supply deal with Tesla. The two companies also agreed to discuss a second plant."
    assert summary(text) == [("org:lg-chem", "org:tesla", "signed"), ("org:lg-chem", "org:tesla", "negotiating")]
    found = deals("LG Chem set up a joint venture with Huayou Cobalt for battery recycling, as it diversifies supply channels.")
    assert [d["product"] for d in found] == ["battery recycling"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("LG Chem agreed a contract to supply cathodes to Tesla.", [("org:lg-chem", "org:tesla", "signed")]),
        ("CATL is expected to sign a supply deal with Kia next month.", [("org:catl", "org:kia", "planned")]),
        ("Tesla is looking to use CATL cells in its cheaper cars.", [("org:catl", "org:tesla", "planned")]),
        ("Kia is reportedly in talks with CATL over cells.", [("org:catl", "org:kia", "negotiating")]),
        ("LG Chem held an MOU signing ceremony with Huayou Cobalt.", [("org:lg-chem", "org:huayou-cobalt", "signed")]),
        ("Samsung SDI was selected by Rivian Automotive to supply cells.", [("org:samsung-sdi", "org:rivian-automotive", "signed")]),
        ("Gotion invested $50 million in Ecopro BM last year.", [("org:gotion-high-tech", "org:ecopro-bm", "signed")]),
        ("Gotion will invest $50 million in a plant with Ecopro BM.", [("org:gotion-high-tech", "org:ecopro-bm", "planned")]),
        ("Gotion invested heavily in Germany and in its own plant.", []),
        ("Samsung SDI is expected to win an order from Rivian Automotive.", [("org:samsung-sdi", "org:rivian-automotive", "planned")]),
        ("The supply deal between Tesla and Samsung SDI was signed.", [("org:samsung-sdi", "org:tesla", "signed")]),
    ],
)
def test_more_ways_of_writing_a_deal_and_its_status(sentence, expected):
    assert summary(sentence) == expected


def test_a_later_clause_with_its_own_subject_makes_its_own_deal():
    assert summary("Ecopro BM signed a deal with GEM, while SK On is in talks with Ford Motor.") == [
        ("org:ecopro-bm", "org:gem", "signed"),
        ("org:sk-on", "org:ford-motor", "negotiating"),
    ]
    assert summary("A joint venture between SK On, Ecopro BM, and GEM was shelved.") == [
        ("org:sk-on", "org:ecopro-bm", "planned"),
        ("org:sk-on", "org:gem", "planned"),
    ]
