import datetime as dt

import pandas as pd
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
    assert m.outlet == "Yonhap"


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
    assert pd.isna(docs.loc["004_e2c2a161a104c2fc", "title"])


BODY = (
    "Exports of chips to China rose for a third month as firms in both countries restocked ahead of the busy"
    " holiday season, officials in Seoul said on the day.\n"
)


def test_site_furniture_is_no_title_and_times_are_no_outlet():
    m = meta(
        "Skip to content\n• KOSPI 2501.10 +3.20 +0.13%\nHome > Business > Trade\nMarkets\n"
        "Chip shipments to China climb again\nPublished: Mar 4, 2021 09:15 PM Updated: Mar 5, 2021 10:01 AM\n" + BODY
    )
    assert (m.title, m.outlet, m.published) == ("Chip shipments to China climb again", "", "2021-03-04")


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Posted on : 2021-09-17", "2021-09-17"),
        ("3 Mar. 2022, 09:30", "2022-03-03"),
        ("May 9, 2022 - 16:05", "2022-05-09"),
        ("By Jul 12, 2022 (Gmt+09:00)", "2022-07-12"),
        ("Input 2024-06-11 08:40 Updated 2024-06-12 10:00", "2024-06-11"),
        ("기사입력:2025.06.16 10:41:02", "2025-06-16"),
        ("Published Wed, Nov 1 2023 2:02 AM EDT", "2023-11-01"),
        ("Wednesday, November 1, 2023", "2023-11-01"),
        ("Updated 20:17, 08-Jan-2026", "2026-01-08"),
        ("Last Modified : Nov. 1, 2023 - 14:02:00", "2023-11-01"),
    ],
)
def test_date_lines_in_the_layouts_sites_use(line, published):
    m = meta(f"Chip shipments to China climb again\n{line}\n" + BODY)
    assert (m.published, m.outlet) == (published, "")


def test_byline_fields_and_credit_in_brackets():
    m = meta("Port cranes idle as orders slow\nBy HAN MIRA | example.co.kr | Updated: 2023-02-01 08:00\n" + BODY)
    assert (m.authors, m.outlet, m.published) == (("Han Mira",), "example.co.kr", "2023-02-01")
    m = meta("Port cranes idle as orders slow\nBy Ana Ruiz and Bo Lind (chinadaily.com.cn)\n" + BODY)
    assert (m.authors, m.outlet) == (("Ana Ruiz", "Bo Lind"), "chinadaily.com.cn")


def test_credits_in_the_body_give_the_outlet_as_its_short_form():
    assert meta("SEOUL, Nov. 14 (Yonhap News Agency) -- " + BODY).outlet == "Yonhap"
    assert meta("(Bloomberg) -- " + BODY).outlet == "Bloomberg"
    assert meta(BODY + BODY + "Imports were flat. (Yonhap)").outlet == "Yonhap"
    dated = meta("SEOUL, Nov. 14 (Yonhap) -- " + BODY + "(c) 2023 Yonhap News Agency")
    assert (dated.published, dated.date_precision) == ("2023-11-14", "day")
    assert meta("SEOUL, Nov. 14 (Yonhap) -- " + BODY).published == ""


def test_captions_tags_and_broken_sentences_are_no_title():
    assert meta("Cranes stand at a port in Busan, Jan. 3. Yonhap\n" + BODY).title == ""
    assert meta("Cranes stand at a port in Busan\nCranes stand at a port in Busan\n" + BODY).title == ""
    assert meta("Figures for the first ten days\nexports grew 2%\n" + BODY).title == ""
    assert meta("(ATTN: ADDS quotes)\n" + BODY).title == ""
    assert (
        meta("한국 무역 로고\nChip shipments to China climb again\n" + BODY).title
        == "Chip shipments to China climb again"
    )
    assert meta("Trade\nChip shipments to China climb again\n" + BODY).title == "Chip shipments to China climb again"
    suffixed = meta("Chip shipments climb-Xinhua\nChip shipments climb\nSource: Xinhua\n" + BODY)
    assert (suffixed.title, suffixed.outlet) == ("Chip shipments climb", "Xinhua")


def test_author_notes_give_authors_and_their_outlet_but_editors_are_no_authors():
    m = meta(
        "Chip shipments to China climb again\nAna Ruiz\n" + BODY + "Ana Ruiz is a senior analyst for Pacific Forum."
    )
    assert (m.authors, m.outlet) == (("Ana Ruiz",), "Pacific Forum")
    m = meta(
        "Chip shipments to China climb again\nKim Sora\nThe author is an editorial writer of the JoongAng Ilbo.\n"
        + BODY
    )
    assert (m.authors, m.outlet) == (("Kim Sora",), "JoongAng Ilbo")
    assert meta("Chip shipments to China climb again\nEditor: Bo Lind\nPhoto: Ana Ruiz\n" + BODY).authors == ()
    assert meta(BODY + "Demand held up, analysts told the Global Times.\n" + BODY).outlet == "Global Times"


LONG_SUMMARY = (
    "Officials in both capitals expect the new rules to lift the number of visitors and to help shops, hotels"
    " and airlines that lost business in the years before."
)


def test_byline_glued_to_a_date_line_gives_the_author_never_an_outlet():
    for line in ("By Han Mira Posted : March 4, 2021, 09:15 Updated : March 4, 2021, 11:00", "By Han Mira, March 4, 2021"):
        m = meta(f"Port cranes idle as orders slow\n{line}\n" + BODY)
        assert (m.authors, m.outlet, m.published) == (("Han Mira",), "", "2021-03-04")
    m = meta("Port cranes idle as orders slow\nSource: Xinhua Updated: 2024-01-02 10:00\n" + BODY)
    assert (m.authors, m.outlet, m.published) == ((), "Xinhua", "2024-01-02")
    assert meta("Port cranes idle as orders slow\nBY HAN MIRA [han.mira@example.com]\n" + BODY).authors == ("Han Mira",)


def test_closing_wire_credit_names_reporters_and_writers_not_editors():
    m = meta(BODY + BODY + "Stocks fell. (Reporting by Ana Ruiz in Seoul and Bo Lind; Writing by Cy Park; Editing by Di Moss)")
    assert m.authors == ("Ana Ruiz", "Bo Lind", "Cy Park")


def test_staff_byline_names_the_outlet_not_an_author():
    m = meta("Port cranes idle as orders slow\nBy Reuters Staff\n" + BODY)
    assert (m.authors, m.outlet) == ((), "Reuters")


def test_app_prompts_credits_repeats_and_section_labels_in_the_head():
    assert meta("Download on the App Store\nPort cranes idle as orders slow\n" + BODY).title == (
        "Port cranes idle as orders slow"
    )
    credited = meta("Illustration: Mei Lan/Global Times\n" + BODY)
    assert (credited.title, credited.outlet) == ("", "Global Times")
    assert meta("Illustration: Mei Lan/Global Times\nSource: Xinhua\n" + BODY).outlet == "Xinhua"
    repeated = meta("Port cranes idle as orders slow\nPort cranes idle as orders slow\nPublished: 03 Nov. 2025, 19:37\n" + BODY)
    assert (repeated.title, repeated.published) == ("Port cranes idle as orders slow", "2025-11-03")
    assert meta("ASIA-PACIFIC: SOUTH KOREA UPDATE\n" + BODY).title == ""
    assert meta("World News\nChina and South Korea sign a port pact\n" + BODY).title == "China and South Korea sign a port pact"


def test_byline_block_under_a_summary_and_a_site_address_line():
    m = meta(f"Visitors return to the old palace\n{LONG_SUMMARY}\nKim Sora\nKim Sora\nThe Korea Times\nMay 2, 2024\n" + BODY)
    assert (m.title, m.authors, m.outlet, m.published) == (
        "Visitors return to the old palace",
        ("Kim Sora",),
        "The Korea Times",
        "2024-05-02",
    )
    assert meta("Port Cranes Idle\nThe Korea Times\n" + BODY).authors == ()
    assert meta("example.news\nPort cranes idle as orders slow\n" + BODY).outlet == "example.news"


def test_site_notices_and_the_outlets_own_voice_give_the_outlet():
    assert meta(BODY + BODY + "© 2024 The Korea Herald. All rights reserved.").outlet == "The Korea Herald"
    assert meta(BODY + "Prices held. Thanks for reading Nikkei Asia.\n" + BODY).outlet == "Nikkei Asia"
    assert meta(BODY + BODY + "Argus-assessed prices for spodumene were flat.").outlet == "Argus"
    assert meta("Rare Earth Exchanges (REEx) examines the quota.\n" + BODY).outlet == "Rare Earth Exchanges"
    assert meta(BODY + "Photo: Yonhap\n" + BODY).outlet == ""


def test_menu_sections_beside_a_date_are_no_outlet_and_a_headline_may_end_with_an_abbreviation():
    m = meta("(LEAD) Port cranes idle as orders slow in Oct.\nAll News 09:32 November 01, 2023\n" + BODY)
    assert (m.title, m.outlet, m.published) == ("(LEAD) Port cranes idle as orders slow in Oct.", "", "2023-11-01")
    assert meta("Port cranes idle as orders slow\nBusiness 14:02 November 01, 2023\n" + BODY).outlet == ""
    assert meta("Port cranes idle as orders slow\nHarbour Weekly 14:02 November 01, 2023\n" + BODY).outlet == (
        "Harbour Weekly"
    )


def test_roles_in_bylines_name_people_outlets_or_nobody():
    assert meta("Port cranes idle as orders slow\nBy Staff Reporter\n" + BODY).authors == ()
    by_outlet = meta("Port cranes idle as orders slow\nBy Reuters\n" + BODY)
    assert (by_outlet.authors, by_outlet.outlet) == ((), "Reuters")
    mixed = meta("Port cranes idle as orders slow\nBy Han Mira, Bo Lind and Reuters Staff\n" + BODY)
    assert (mixed.authors, mixed.outlet) == (("Han Mira", "Bo Lind"), "Reuters")
    assert meta("Port cranes idle as orders slow\nHan Mira, Staff Writer\n" + BODY).authors == ("Han Mira",)
    assert meta("Harbour Police Detain Visiting Correspondent\n" + BODY).title == (
        "Harbour Police Detain Visiting Correspondent"
    )
