import datetime as dt

import pytest

from kortrade.ingest.clean import normalise
from kortrade.ingest.metadata import read_metadata

REFERENCE = dt.date(2026, 11, 23)


def meta(text):
    return read_metadata(normalise(text), REFERENCE)


def test_dateline_gives_outlet_and_day_date_and_first_wins():
    m = meta(
        "Trade Trends\n\nBy [Ann Lee](#) and [Prof. Bo Kim](#)\n\nAsia Review, March 28, 2024\n\nPacific Forum 26 March 2024\n"
    )
    assert (m.title, m.outlet, m.published, m.date_precision) == ("Trade Trends", "Asia Review", "2024-03-28", "day")
    assert m.authors == ("Ann Lee", "Bo Kim")


def test_relative_stamp_resolves_against_reference_date():
    m = meta(
        "HEADLINE ABOUT TRADE\n- Jane Roe\n- 1 day ago\n- 2 min read\nWritten by Jane Roe\n\n" + "Body words " * 30
    )
    assert (m.published, m.date_precision, m.published_text) == ("2026-11-22", "relative", "1 day ago")
    assert m.authors == ("Jane Roe",)


def test_relative_stamp_without_reference_stays_empty_but_relative():
    m = read_metadata("Headline Here\n3 days ago\n" + "Body " * 40, None)
    assert (m.published, m.date_precision) == ("", "relative")


def test_known_outlet_line_and_correspondent_credit():
    m = meta(
        "Global Times.\nGlobal Times special correspondent in South Korea Ding Ling] Yonhap said " + "more words " * 30
    )
    assert (m.title, m.outlet, m.authors) == ("", "Global Times", ("Ding Ling",))


def test_wire_dateline_gives_outlet():
    m = meta(
        "SEOUL, Dec. 1 (Yonhap) -- South Korea's exports rose for a second month in November, " + "data showed " * 20
    )
    assert m.outlet == "Yonhap News Agency"


@pytest.mark.parametrize(
    "text",
    [
        "Expectations are rising that the relationship between Korea and China will improve, accelerating cooperation.\nMore.",
        "By 2030, exports will double.\nBody.",
    ],
)
def test_no_guessing_from_running_text(text):
    m = meta(text)
    assert m.title == "" and m.authors == () and m.published == ""


def test_seeds_metadata_matches_the_gold(seeds_extraction):
    docs = seeds_extraction.documents.set_index("doc_id")
    assert docs.loc["002_c30783c9e7f1f1ae", "published"] == "2024-03-28"
    assert docs.loc["002_c30783c9e7f1f1ae", "authors"] == "Scott Snyder;See-Won Byun"
    assert docs.loc["001_b7f9d05828076f9a", "outlet"] == "Global Times"
    assert docs.loc["003_463790914d1dff00", "date_precision"] == "relative"
    assert docs.loc["004_e2c2a161a104c2fc", "title"] == ""
