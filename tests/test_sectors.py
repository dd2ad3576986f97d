from textdoc import make_document

from kortrade.entities.actors import find_mentions
from kortrade.entities.sectors import sentence_sectors, taxonomy


def sectors(text):
    document = make_document(text)
    return sentence_sectors(document, [(m.start, m.end) for m in find_mentions(document)])


def test_the_taxonomy_has_the_sectors_the_issue_names():
    assert len(taxonomy()) == 15
    assert {"ev_batteries", "battery_materials", "semiconductors", "quantum", "finance_currency"} <= set(taxonomy())


def test_each_sentence_gets_its_sectors_in_taxonomy_order():
    text = (
        "Shipments of memory chips and OLED panels rose.\n"
        "Cosmetics makers hope Chinese tourists return.\n"
        "The yuan fell as LNG prices climbed.\n"
        "Nothing here."
    )
    assert sectors(text) == [
        "semiconductors;displays",
        "consumer_beauty;tourism_culture",
        "finance_currency;energy",
        "",
    ]


def test_acronym_keywords_need_capitals_and_the_longest_keyword_wins():
    assert sectors("They said AI would help.") == ["ai_software"]
    assert sectors("The ai of the plan is unclear.") == [""]
    assert sectors("Sales of new energy vehicles grew.") == ["ev_batteries"]


def test_keywords_inside_names_do_not_count():
    assert sectors("LG Energy Solution hired staff.") == [""]
    assert sectors("The Minister of Industry, Trade and Energy said exports would recover next year.") == [""]
    assert sectors("Battery Exports Surge To Record") == ["ev_batteries"]
