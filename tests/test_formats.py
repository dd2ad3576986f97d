"""PDF, Word and article exports (JSONL, CSV, Parquet) read as the same article in plain text,
and a hostile set of such files that a run lists, flagged, without stopping.

Every file is made here from sentences written for the test."""

import datetime as dt
import io
import json
import zipfile

import docx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import run_cli
from fpdf import FPDF

import kortrade
from kortrade.ingest.exports import parse_columns, source_metadata

TITLE = "Korean chip exports to China recover"
AUTHOR = "Park Ji-won"
DATE = "March 4, 2024"
BODY = [
    (
        "SEOUL, March 4 (Yonhap) -- South Korea's exports to China rose 12.5 percent on-year to $10.2 billion in February, "
        "the trade ministry said on Monday."
    ),
    (
        "Semiconductor shipments to China jumped 35 percent from a year earlier, while imports from China fell "
        "4.1 percent to $9.8 billion."
    ),
    "The ministry expects two-way trade to keep improving as demand for memory chips picks up in the second quarter.",
]
OUTLET = "Yonhap"
PLAIN = "\n".join([TITLE, OUTLET, f"By {AUTHOR}", DATE, "", *BODY]) + "\n"
FIGURE_COLUMNS = ["surface", "value", "unit", "metric", "measure", "reporter", "partner", "period", "direction"]
META_COLUMNS = ["title", "outlet", "authors", "published"]


def two_column_pdf(pages: int = 2) -> bytes:
    """The article set in two columns, with a running head and page numbers, and a line broken by a hyphen."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 3, 9, tzinfo=dt.UTC))
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "Korea Trade Monitor - Weekly Brief")
        pdf.set_xy(10, 285)
        pdf.cell(0, 5, f"Page {page}")
        if page > 1:
            continue
        pdf.set_font("Helvetica", "B", 16)
        pdf.set_xy(10, 30)
        pdf.cell(0, 10, TITLE)
        pdf.set_font("Helvetica", size=11)
        for y, line in ((43, OUTLET), (50, f"By {AUTHOR}"), (57, DATE)):
            pdf.set_xy(10, y)
            pdf.cell(0, 6, line)
        left, right = BODY[:2], BODY[2:]
        for x, paragraphs in ((10, left), (110, right)):
            y = 70
            for paragraph in paragraphs:
                pdf.set_xy(x, y)
                pdf.multi_cell(85, 6, paragraph.replace("Semiconductor", "Semi-\nconductor"))
                y = pdf.get_y() + 6
    return bytes(pdf.output())


def word_file(table: bool = False) -> bytes:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(OUTLET)
    document.add_paragraph(f"By {AUTHOR}")
    document.add_paragraph(DATE)
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    if table:
        cells = document.add_table(rows=1, cols=3).rows[0].cells
        cells[0].text, cells[1].text, cells[2].text = "Chip exports", "up 35 percent", "up 35 percent"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ROW = {"headline": TITLE, "outlet": "Yonhap", "byline": AUTHOR, "date": "2024-03-04", "url": "https://example.org/1"}


@pytest.fixture(scope="module")
def formats_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (corpus / "report.pdf").write_bytes(two_column_pdf())
    (corpus / "release.docx").write_bytes(word_file())
    body = "\n".join(BODY)
    # JSONL: recognised names written oddly (`Head-Line`, `Media Name`, `PUBLISH_DATE`) and a text column named by hand.
    row = {"Head-Line": TITLE, "Media Name": "Yonhap", "By line": [AUTHOR], "PUBLISH_DATE": "2024-03-04T08:30:00+09:00"}
    lines = [json.dumps({**row, "story": body}), "{not json", json.dumps({**row, "story": body, "Head-Line": "Second"})]
    (corpus / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pd.DataFrame(
        [{"Title ": TITLE, "Source": "Yonhap", "Authors": AUTHOR, "pubdate": "Mar 4, 2024", "story": body}]
    ).to_csv(corpus / "scrape.csv", index=False)
    table = pa.table(
        {
            "headline": [TITLE],
            "content": [body],
            "published": pa.array([dt.datetime(2024, 3, 4, 9)], pa.timestamp("s")),
            "media_name": ["Yonhap"],
            "authors": [[AUTHOR]],
            "lang": ["en-US"],
        }
    )
    pq.write_table(table, corpus / "archive.parquet")
    out = root / "out"
    result = run_cli(
        "extract",
        str(corpus),
        "--out",
        str(out),
        "--columns",
        "text=story,date=pubdate",
        "--reference-date",
        "2026-11-23",
    )
    assert result.returncode == 0, result.stderr
    return kortrade.load(out), result.stderr


def _figures(extraction, doc_id):
    figures = extraction.figures
    return figures[figures["doc_id"] == doc_id][FIGURE_COLUMNS].reset_index(drop=True)


@pytest.mark.parametrize("doc_id", ["report", "release", "wire.jsonl/1", "scrape.csv/2", "archive.parquet/1"])
def test_every_format_gives_the_article_as_plain_text_does(formats_run, doc_id):
    extraction, _ = formats_run
    docs = extraction.documents.set_index("doc_id")
    assert list(docs.loc[doc_id, META_COLUMNS]) == list(docs.loc["plain", META_COLUMNS])
    assert docs.loc["plain", "published"] == "2024-03-04" and docs.loc["plain", "outlet"] == "Yonhap"
    plain = _figures(extraction, "plain")
    assert len(plain) >= 4
    pd.testing.assert_frame_equal(_figures(extraction, doc_id), plain)
    for body in BODY[1:]:
        assert body in extraction.clean_texts[doc_id]


def test_spans_refer_to_the_clean_text_of_every_format(formats_run):
    extraction, _ = formats_run
    for row in extraction.figures.itertuples():
        assert extraction.clean_texts[row.doc_id][row.start : row.end] == row.surface


def test_export_metadata_is_flagged_as_from_the_source(formats_run):
    extraction, _ = formats_run
    docs = extraction.documents.set_index("doc_id")
    for doc_id in ("wire.jsonl/1", "scrape.csv/2", "archive.parquet/1"):
        assert "metadata_from_source" in docs.loc[doc_id, "flags"].split(";")
    assert not docs["flags"].str.contains("metadata_from_source", na=False).loc["plain"]
    assert docs.loc["wire.jsonl/3", "title"] == "Second"
    assert docs.loc["archive.parquet/1", "language"] == "en"


def test_a_broken_row_is_flagged_and_the_rest_of_its_file_is_read(formats_run):
    extraction, stderr = formats_run
    docs = extraction.documents.set_index("doc_id")
    assert docs.loc["wire.jsonl/2", "flags"] == "malformed"
    assert "wire.jsonl: row 2: not JSON" in stderr
    assert docs.loc["wire.jsonl/3", "n_sentences"] > 0


def test_pdf_running_heads_page_numbers_and_hyphens_are_gone(formats_run):
    extraction, _ = formats_run
    text = extraction.clean_texts["report"]
    assert "Weekly Brief" not in text and "Page 1" not in text and "Page 2" not in text
    assert "Semiconductor shipments" in text
    # the two columns are read one after the other
    assert text.index("$9.8 billion") < text.index("two-way trade")


def test_word_tables_are_read_as_lines_of_cells():
    from kortrade.ingest.word import read_word

    converted = read_word(word_file(table=True))
    assert converted.text.splitlines()[-1] == "Chip exports | up 35 percent"  # a merged cell is read once
    assert converted.text.splitlines()[0] == TITLE and not converted.flags


def test_column_names_are_parsed_and_checked():
    assert parse_columns("text=body, date=pubdate,source=site") == {
        "text": "body",
        "published": "pubdate",
        "outlet": "site",
    }
    with pytest.raises(ValueError, match="unknown field"):
        parse_columns("colour=red")
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_columns("text")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-04T23:30:00Z", ("2024-03-04", "day")),
        ("Mon, 4 Mar 2024 10:00:00 +0000", ("2024-03-04", "day")),
        ("2024-03", ("2024-03", "month")),
        ("2024", ("2024", "year")),
        (1709510400, ("2024-03-04", "day")),
        ("2024-02-30", None),
        ("yesterday", None),
    ],
)
def test_export_dates_are_read_without_guessing(value, expected):
    found = source_metadata({"published": value})
    assert (found.get("published"), found.get("date_precision")) == (expected or (None, None))


def test_a_bad_columns_option_is_one_line_and_exit_2(tmp_path):
    result = run_cli("extract", str(tmp_path), "--out", str(tmp_path / "out"), "--columns", "colour=red")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "unknown field" in result.stderr


def zip_bomb() -> bytes:
    """A `.docx` whose document part expands to 300 MB of zeros (a few hundred kB on disk)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(300):
                part.write(bytes(2**20))
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="reader")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Exports to China rose 5 percent.")
    return bytes(pdf.output())


def test_hostile_files_are_listed_with_their_flags_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "locked.pdf").write_bytes(encrypted_pdf())
    (corpus / "scan.pdf").write_bytes(image_only_pdf())
    (corpus / "cut.pdf").write_bytes(two_column_pdf()[:900])
    (corpus / "bomb.docx").write_bytes(zip_bomb())
    with open(corpus / "huge.csv", "w", encoding="utf-8") as handle:
        handle.write('title,text\nHuge cell,"')
        handle.writelines("Exports rose. " * (2**20 // 14) for _ in range(50))
        handle.write('"\nSmall,"Imports from China fell 3 percent."\n')
    lines = [json.dumps({"title": "One", "text": "Exports rose 2 percent."}), '{"title": "Two", "text": "cut', ""]
    (corpus / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (corpus / "fine.txt").write_text(PLAIN, encoding="utf-8")
    result = run_cli("extract", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False).set_index("doc_id")
    flags = {doc_id: set(value.split(";")) for doc_id, value in docs["flags"].items()}
    assert "encrypted" in flags["locked"]
    assert "no_text_layer" in flags["scan"]
    assert flags["cut"] & {"unreadable", "truncated"}
    assert "unreadable" in flags["bomb"]
    assert "truncated" in flags["huge.csv/2"] and docs.loc["huge.csv/2", "n_chars"] > 0
    assert docs.loc["huge.csv/3", "n_sentences"] == 1
    assert "malformed" in flags["feed.jsonl/2"] and docs.loc["feed.jsonl/1", "n_sentences"] == 1
    assert docs.loc["fine", "title"] == TITLE
    for name in ("locked.pdf", "scan.pdf", "cut.pdf", "bomb.docx", "huge.csv", "feed.jsonl"):
        assert sum(line.startswith(f"kortrade: {name}:") for line in result.stderr.splitlines()) == 1, name
