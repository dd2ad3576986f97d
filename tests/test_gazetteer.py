import datetime as dt
import re

from kortrade.common.resources import data_rows
from kortrade.entities import gazetteer
from kortrade.entities.deals import chain_ranks
from kortrade.entities.matching import longest_first
from kortrade.entities.names import name_in_run, person_variants, slug

TYPES = {"country", "government", "company", "organization", "person"}


def ids_of(name):
    """The actors the longest match of a name finds, the name set in an ordinary sentence."""
    text = f"Officials said {name} was there."
    found = longest_first(gazetteer.matcher().find(text), lambda m: (m.start, m.end))
    return {e.actor.actor_id for m in found for e in m.values if e.actor}


def test_every_row_is_well_formed():
    rows = data_rows("entities/actors.tsv")
    ids = [row["actor_id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert row["type"] in TYPES
        assert re.fullmatch(r"[A-Z]{3}|", row["country"] or "")
        assert (row["chain"] or "") in {"", *chain_ranks()}
        if row["type"] == "country":
            assert row["actor_id"] == f"country:{row['country']}"
        else:
            prefix = "person" if row["type"] == "person" else "org"
            assert row["actor_id"] == f"{prefix}:{slug(row['name'])}", row["name"]


def test_roles_parse_into_dated_periods():
    yoon = gazetteer.actors()["person:yoon-suk-yeol"]
    assert yoon.roles[0].held_on(dt.date(2023, 1, 1)) and not yoon.roles[0].held_on(dt.date(2025, 6, 1))


def test_the_gazetteer_covers_the_actors_the_issue_names():
    for actor_id in [
        "org:ministry-of-trade-industry-and-energy",
        "org:korea-international-trade-association",
        "org:korea-customs-service",
        "org:bank-of-korea",
        "org:ministry-of-commerce-china",
        "org:general-administration-of-customs",
        "org:national-development-and-reform-commission",
        "org:people-s-bank-of-china",
        "org:ministry-of-state-security",
        "org:posco-future-m",
        "org:ecopro-bm",
        "org:l-f",
        "org:kg-mobility",
        "org:renault-korea",
        "org:gotion-high-tech",
        "org:eve-energy",
        "org:european-union",
        "org:g20",
    ]:
        assert actor_id in gazetteer.actors()


def test_romanisation_variants_map_to_one_person():
    for text in ["Lee Jae Myung", "Lee Jae-myung", "Jae-myung Lee", "Yi Jae-myung", "Lee Jaemyung", "Li Zaiming"]:
        assert ids_of(text) == {"person:lee-jae-myung"}, text
    assert ids_of("Kamikawa Yoko") == ids_of("Yoko Kamikawa") == {"person:yoko-kamikawa"}
    assert ids_of("Fang Wengui") == ids_of("Guan Moon Gyu") == ids_of("Bang Moon-kyu") == {"person:bang-moon-kyu"}
    assert ids_of("Chung Eui-sun") == ids_of("Jung Eui-sun") == {"person:chung-eui-sun"}


def test_pinyin_u_umlaut_is_generated_in_its_typed_forms():
    assert {"Lü Hanjiu", "Lv Hanjiu", "Lyu Hanjiu"} <= set(person_variants("Lü Hanjiu", "CHN"))


def test_short_forms_legal_suffixes_and_machine_translation_aliases():
    assert ids_of("LGES") == ids_of("LG Energy Solution Co., Ltd.") == {"org:lg-energy-solution"}
    assert ids_of("Ningde Era") == {"org:catl"}
    assert ids_of("America") == ids_of("Americans") == ids_of("U.S.") == {"country:USA"}


def test_a_titled_family_name_is_the_holder_of_that_role_on_the_day():
    holder = gazetteer.holder_of
    assert holder("President", "Yoon", dt.date(2023, 5, 1)).actor_id == "person:yoon-suk-yeol"
    assert holder("President", "Lee", dt.date(2025, 8, 1)).actor_id == "person:lee-jae-myung"
    assert holder("President", "Lee", dt.date(2020, 8, 1)) is None
    assert holder("Premier", "Li", dt.date(2020, 8, 1)).actor_id == "person:li-keqiang"
    assert holder("President", "Han", dt.date(2024, 1, 1)) is None


def test_names_are_picked_from_the_end_of_a_capitalised_run():
    assert name_in_run(["Energy", "Guan", "Moon", "Gyu"]) == (1, True)
    assert name_in_run(["Public", "Diplomacy", "Liz", "Allen"]) == (2, False)
    assert name_in_run(["Korean", "Association"]) is None
