"""Facts joined from two extractors' rows: a company figure's reporter and a deal figure's partner from its sentence's companies."""

from textdoc import make_document

from kortrade.run.joins import parties_from_companies
from kortrade.run.pipeline import analyse


def figure(metric, partner="", reporter="KOR", sentence_id=0):
    return {"sentence_id": sentence_id, "metric": metric, "partner": partner, "reporter": reporter}


def company(country, sentence_id=0, kind="company"):
    return {"sentence_id": sentence_id, "type": kind, "country": country}


def test_a_deal_figure_takes_the_country_its_companies_share_beside_the_reporter():
    rows = parties_from_companies([figure("supply_contract")], [company("KOR"), company("CHN")])
    assert rows[0]["partner"] == "CHN"


def test_no_partner_when_the_companies_disagree_or_the_figure_is_no_deal_or_already_has_one():
    companies = [company("KOR"), company("CHN"), company("JPN")]
    assert parties_from_companies([figure("investment")], companies)[0]["partner"] == ""
    assert parties_from_companies([figure("exports")], [company("CHN")])[0]["partner"] == ""
    assert parties_from_companies([figure("investment", partner="USA")], [company("CHN")])[0]["partner"] == "USA"
    assert parties_from_companies([figure("investment")], [company("CHN", sentence_id=1)])[0]["partner"] == ""
    assert parties_from_companies([figure("investment")], [company("CHN", kind="person")])[0]["partner"] == ""


def test_the_pipeline_joins_them():
    document = make_document("LG Energy Solution signed a supply deal with BYD for 8 GWh of batteries.")
    figures = analyse(document).rows["figures"]
    assert [(f["metric"], f["reporter"], f["partner"]) for f in figures] == [("supply_contract", "KOR", "CHN")]


def test_a_companys_figure_without_a_reporter_takes_its_companies_home():
    rows = parties_from_companies([figure("other", reporter="")], [company("JPN")])
    assert (rows[0]["reporter"], rows[0]["partner"]) == ("JPN", "")
    located = parties_from_companies([figure("production", reporter="", partner="JPN")], [company("JPN")])
    assert (located[0]["reporter"], located[0]["partner"]) == ("JPN", "")
    assert parties_from_companies([figure("other", reporter="")], [company("JPN"), company("CHN")])[0]["reporter"] == ""
    assert parties_from_companies([figure("exports", reporter="")], [company("JPN")])[0]["reporter"] == ""
    assert parties_from_companies([figure("other", reporter="USA")], [company("JPN")])[0]["reporter"] == "USA"
