"""The timeline table: dated statements with their sentence, resolved date and event phrase."""

import calendar
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEEDS

import kortrade
from kortrade.ingest.document import Document, Sentence
from kortrade.ingest.segment import sentence_spans
from kortrade.timeline.events import date_context, event_phrase, timeline_rows
from kortrade.timeline.expressions import speaks_of_future

REALWORLD_DOCS = Path(__file__).resolve().parents[1] / "bench" / "realworld" / "docs"


def document(text: str, published: str = "", precision: str = "", reference: dt.date | None = None) -> Document:
    spans = sentence_spans(text)
    sentences = tuple(Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans))
    return Document("doc", text, sentences, published, precision, reference)


def test_date_context_reads_only_the_documents_own_date():
    reference = dt.date(2026, 11, 23)
    dated = date_context(document("x", "2024-03-28", "day", reference))
    assert (dated.anchor, dated.source, dated.granularity) == (dt.date(2024, 3, 28), "published", "day")
    stamped = date_context(document("x", "2026-11-22", "relative", reference))
    assert (stamped.anchor, stamped.stamp_anchor, stamped.stamp_source) == (
        dt.date(2026, 11, 22),
        reference,
        "reference",
    )
    undated = date_context(document("x", reference=reference))
    assert (undated.anchor, undated.source, undated.stamp_anchor) == (None, "", None)
    assert date_context(document("x")).anchor is None
    assert date_context(document("x", "2024-03", "month")).granularity == "month"


def test_rows_carry_provenance_dates_and_events():
    text = (
        "Seoul, March 28, 2024\n"
        "On Dec. 1, China imposed export controls on graphite. "
        "Kia's van, launched on the 10th, uses Chinese cells. "
        "The ministry plans to cut reliance on China by 2030."
    )
    rows = timeline_rows(document(text, "2024-03-28", "day"))
    for row in rows:
        assert text[row["start"] : row["end"]] == row["surface"]
    assert [(r["sentence_id"], r["surface"], r["date"], r["date_precision"], r["resolved_against"]) for r in rows] == [
        (0, "March 28, 2024", "2024-03-28", "day", ""),
        (1, "Dec. 1", "2023-12-01", "day", "published"),
        (2, "the 10th", "2024-03-10", "day", "published"),
        (3, "by 2030", "2030", "year", ""),
    ]
    assert [r["event"] for r in rows] == [
        "Seoul",
        "China imposed export controls on graphite",
        "Kia's van launched",
        "The ministry plans to cut reliance on China",
    ]


def test_event_phrases():
    sentence = "The United States became the top market in December 2023, surpassing China."
    start = sentence.index("December")
    assert event_phrase(sentence, start, start + len("December 2023")) == "The United States became the top market"
    long = "The premier's visit raised hopes in Seoul that the Chinese leader might finally travel to Seoul since 2014."
    start = long.index("since")
    assert event_phrase(long, start, len(long) - 1) == "the Chinese leader might finally travel to Seoul"
    assert event_phrase("Posted 2 days ago", 7, 17) == "Posted"


def test_event_of_a_date_glued_to_a_dash():
    # blanking the date makes ` -M` a spaced dash, a clause break across the date's first character
    sentence = "Exports to China rose -March 2024 was strong."
    start = sentence.index("March")
    assert event_phrase(sentence, start, start + len("March 2024")) == "Exports to China rose"


def test_seed_timeline_holds_the_dated_events_of_002(seeds_extraction):
    timeline = seeds_extraction.timeline
    rows = timeline[timeline.doc_id == "002_c30783c9e7f1f1ae"]
    dates = set(zip(rows["date"], rows["date_precision"]))
    assert {
        ("2023-12", "month"),
        ("2023-09", "month"),
        ("2022-11", "month"),
        ("2023-11", "month"),
        ("2024-03-26", "day"),
        ("2024-03-28", "day"),
        ("2004", "year"),
        ("2030", "year"),
    } <= dates
    assert not rows["surface"].str.contains("3050").any()
    text = seeds_extraction.clean_texts["002_c30783c9e7f1f1ae"]
    sentences = seeds_extraction.sentences.set_index(["doc_id", "sentence_id"])
    for row in rows.itertuples():
        assert text[row.start : row.end] == row.surface
        sentence = sentences.loc[(row.doc_id, row.sentence_id)]
        assert sentence.start <= row.start and row.end <= sentence.end
    assert list(timeline["start"]) == list(timeline.sort_values(["doc_id", "start"])["start"])


def test_without_a_reference_date_relative_dates_of_undated_documents_stay_empty():
    timeline = kortrade.extract(SEEDS).timeline
    undated = timeline[timeline.doc_id == "004_e2c2a161a104c2fc"].set_index("surface")
    assert pd.isna(undated.loc["last month", "date"])
    assert pd.isna(undated.loc["last month", "resolved_against"])
    assert undated.loc["1997", "date"] == "1997"


def test_an_undated_document_reads_nothing_against_the_reference_date():
    text = "Exports fell in November. Shipments will recover next year. The ministry said so on Monday."
    rows = timeline_rows(document(text, reference=dt.date(2026, 11, 23)))
    assert [(r["surface"], r["date"], r["date_precision"], r["resolved_against"]) for r in rows] == [
        ("November", "", "month", ""),
        ("next year", "", "year", ""),
        ("Monday", "", "day", ""),
    ]
    dated = timeline_rows(document(text, "2023-12-05", "day", dt.date(2026, 11, 23)))
    assert [(r["date"], r["resolved_against"]) for r in dated] == [
        ("2023-11", "published"),
        ("2024", "published"),
        ("2023-12-04", "published"),
    ]


def test_a_reference_date_years_later_moves_no_event_of_the_seeds(seeds_extraction):
    """Only a document dated by a relative stamp (`1 day ago`) follows the reading date."""
    later = kortrade.extract(SEEDS, reference_date="2031-06-01")
    stamped = set(later.documents.loc[later.documents.date_precision == "relative", "doc_id"])
    assert stamped == {"003_463790914d1dff00"}
    for table, columns in (("timeline", ["date", "resolved_against"]), ("figures", ["period"])):
        before, after = getattr(seeds_extraction, table), getattr(later, table)
        kept_before, kept_after = before[~before.doc_id.isin(stamped)], after[~after.doc_id.isin(stamped)]
        assert len(kept_before) > 10
        assert kept_before[columns].equals(kept_after[columns]), table
    assert set(later.timeline.loc[later.timeline.resolved_against == "reference", "doc_id"]) <= stamped


def first_day(iso: str) -> dt.date:
    """The first day of an ISO 8601 date, month, year, quarter, ISO week or range."""
    iso = iso.split("/")[0]
    if match := re.fullmatch(r"(\d{4})-Q(\d)", iso):
        return dt.date(int(match[1]), 3 * int(match[2]) - 2, 1)
    if match := re.fullmatch(r"(\d{4})-W(\d\d)", iso):
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    year, month, day = ([int(part) for part in iso.split("-")] + [1, 1])[:3]
    return dt.date(year, month, day)


def last_day(iso: str) -> dt.date:
    """The last day of an ISO 8601 date, month or year (a document's own date)."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(*parts)


def dates_after_the_document(result: kortrade.Extraction) -> list[str]:
    """Timeline dates and figure periods later than their document's own date that the text does not
    give as a plan or forecast (a sentence speaking of the future; a figure flagged `projected`)."""
    published = dict(zip(result.documents.doc_id, result.documents.published))
    sentences = result.sentences.set_index(["doc_id", "sentence_id"])["text"]
    wrong = []
    for row in result.timeline.itertuples():
        own = published[row.doc_id]
        later = pd.notna(own) and pd.notna(row.date) and first_day(row.date) > last_day(own)
        if later and not speaks_of_future(sentences[(row.doc_id, row.sentence_id)]):
            wrong.append(f"{row.doc_id} {own}: {row.surface} -> {row.date}")
    for row in result.figures.itertuples():
        own = published[row.doc_id]
        projected = pd.notna(row.flags) and "projected" in row.flags
        if pd.notna(own) and pd.notna(row.period) and first_day(row.period) > last_day(own) and not projected:
            wrong.append(f"{row.doc_id} {own}: {row.surface} in {row.period}")
    return wrong


def test_no_date_is_later_than_its_document_unless_a_plan_or_forecast(seeds_extraction):
    assert dates_after_the_document(seeds_extraction) == []
    timeline = seeds_extraction.timeline
    later = timeline[timeline.date.str.startswith(("2027", "2030"))]
    assert len(later) >= 2  # the seeds hold forecasts, so the check above is not empty


@pytest.mark.skipif(not REALWORLD_DOCS.is_dir(), reason="the development corpus is rebuilt from INDEX.md, not in git")
def test_no_date_of_the_development_corpus_is_later_than_its_document_unless_a_plan_or_forecast():
    assert dates_after_the_document(kortrade.extract(REALWORLD_DOCS, reference_date="2026-11-23")) == []


def test_a_year_less_date_reads_the_tense_of_its_own_clause():
    text = (
        "According to data released on January 28th, tickets sold for the upcoming festival rose. "
        "The firm said on Jan. 15 in a filing that it has signed a deal, adding that it will invest. "
        "In March, the plant will open."
    )
    rows = timeline_rows(document(text, "2024-01-30", "day"))
    assert [(r["surface"], r["date"]) for r in rows] == [
        ("January 28th", "2024-01-28"),
        ("Jan. 15", "2024-01-15"),
        ("March", "2024-03"),
    ]


def test_dates_of_one_list_share_their_event_and_other_dates_stay_out_of_it():
    text = "The plant opened in 2007 and 2009. Exports fell from 25.9 percent in 2020 to 19.7 percent in 2023."
    rows = timeline_rows(document(text, "2024-03-28", "day"))
    assert [(r["surface"], r["event"]) for r in rows] == [
        ("2007", "The plant opened"),
        ("2009", "The plant opened"),
        ("2020", "Exports fell from 25.9 percent to 19.7 percent"),
        ("2023", "Exports fell from 25.9 percent to 19.7 percent"),
    ]
