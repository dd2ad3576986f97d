"""The brief's pieces on small invented tables: numbers for people, contradictions, cross-source
checks in one currency, damaged figures, highlighted evidence, parameters and the spreadsheet."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from kortrade.report import analysis, brief, charts, evidence, export, formatting, pages, parameters
from kortrade.run.tables import frame


def figure(doc_id, surface, value, unit="USD", metric="exports", period="2023", flags="", start=0, kind="money"):
    return {
        "doc_id": doc_id, "sentence_id": 0, "start": start, "end": start + len(surface), "surface": surface,
        "kind": kind, "value": value, "unit": unit, "metric": metric, "measure": "level", "reporter": "KOR",
        "partner": "CHN", "period": period, "direction": "", "flags": flags,
    }  # fmt: skip


def test_numbers_are_written_for_people():
    assert formatting.money(-3.94e9) == "−$3.94 bn"
    assert formatting.money(124.8e9) == "$124.8 bn"
    assert formatting.money(400e6) == "$400 mn"
    assert formatting.percent(-33) == "−33.0 %"
    assert formatting.quantity(120000.0, "count") == "120,000"
    assert formatting.money(pd.NA) == ""


def document(doc_id, published, stance):
    return {"doc_id": doc_id, "published": published, "stance": stance, "outlet": "An Outlet", "title": doc_id}


def test_contradictions_pair_documents_of_the_same_year_once():
    documents = pd.DataFrame(
        [
            document("a", "2024-03-01", "toward_china"),
            document("b", "2024-11-30", "away_from_china"),
            document("c", "2025-06-01", "away_from_china"),
            document("d", pd.NA, "toward_china"),
        ]
    )
    pairs = analysis.stance_contradictions(documents)
    assert list(zip(pairs["doc_id_toward"], pairs["doc_id_away"])) == [("a", "b")]
    assert pairs["year"].tolist() == ["2024"]


def test_cross_source_converts_won_to_dollars_and_judges_rounding():
    figures = frame(
        "figures",
        [
            figure("a", "$124.8 billion", 124.8e9),
            figure("b", "124.6 billion dollars", 124.6e9, start=5),
            # 162.9 trillion won at 2023's 1,305.41 won per dollar is $124.79 bn
            figure("c", "162.9 trillion won", 162.9e12, unit="KRW", start=9),
        ],
    )
    checks = analysis.cross_source(figures)
    assert len(checks) == 1
    row = checks.iloc[0]
    assert row["unit"] == "USD" and bool(row["converted"])
    assert row["documents"] == "a;b;c"
    assert row["values"] == "$124.8 bn; $124.6 bn; $124.8 bn"
    assert row["spread"] == pytest.approx(0.2e9, rel=1e-3)
    assert not row["within_rounding"]  # 124.6 ± 0.05 and 124.8 ± 0.05 do not overlap
    close = analysis.cross_source(
        frame("figures", [figure("a", "$55.8 billion", 55.8e9), figure("b", "$55.79 billion", 55.79e9)])
    )
    assert bool(close.iloc[0]["within_rounding"])


def test_cross_source_leaves_out_years_without_a_rate_and_says_why_it_is_empty():
    figures = frame(
        "figures",
        [figure("a", "$1 billion", 1e9, period="1990"), figure("b", "1 trillion won", 1e12, unit="KRW", period="1990")],
    )
    assert analysis.cross_source(figures).empty
    note = analysis.cross_source_note(frame("figures", [figure("a", "$1 billion", 1e9)]))
    assert note.startswith("No metric is reported for the same period by two documents")


def test_damaged_figure_shows_its_repair_and_reason():
    figures = frame(
        "figures",
        [
            figure("a", "$400 million", -3.94e9, metric="trade_balance", flags="garbled"),
            figure("a", "$5 billion", 5e9, start=40),
        ],
    )
    damaged = analysis.damaged_figures(figures)
    assert damaged["surface"].tolist() == ["$400 million"]
    assert damaged["reading"].tolist() == ["−$3.94 bn"]
    assert damaged["repair"].tolist() == ["rebuilt from hundred-millions"]
    assert "hundred-millions" in damaged["reason"].iloc[0]


def test_evidence_escapes_text_and_anchors_every_fact():
    text = "Exports <script>x</script> rose to $5 billion at Acme Corp."
    sentences = pd.DataFrame([{"sentence_id": 0, "start": 0, "end": len(text)}])
    money_at = text.index("$5")
    facts = [(money_at, money_at + 10, "figure", "exports"), (money_at + 1, money_at + 2, "actor", "overlap"),
             (text.index("Acme"), text.index("Acme") + 9, "actor", "Acme Corp (company)")]  # fmt: skip
    page = evidence.highlighted(text, sentences, facts)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert f'<mark class="figure" id="c{money_at}-{money_at + 10}"' in page
    assert f'<span id="c{money_at + 1}-{money_at + 2}"></span>' in page  # overlapping: an anchor of its own
    assert page.startswith('<span class="sentence" id="s0">') and page.endswith("</span>")


def test_evidence_links_land_on_the_span_or_sentence():
    assert pages.evidence_href("a", 3, 10, 20) == "doc/a.html#c10-20"
    assert pages.evidence_href("a", 3, pd.NA, pd.NA) == "doc/a.html#s3"
    assert pages.page_name("x/y") != pages.page_name("x_y")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("sectors", "ev_batteries", "takes a JSON list of text"),
        ("sectors", "[" * 30_000 + "]" * 30_000, "nested too deeply"),
        ("sectors", "[[[[[1]]]]]", "nested too deeply"),
        ("top_n", "many", "takes a whole number"),
    ],
)
def test_bad_parameter_values_are_explained(name, text, message):
    declared = {
        "sectors": parameters.Parameter("sectors", [], ("02.ipynb",)),
        "top_n": parameters.Parameter("top_n", 25, ("03.ipynb",)),
    }
    with pytest.raises(parameters.ParameterError, match=message):
        parameters.read(name, text, declared[name])


def test_a_value_that_selects_nothing_names_the_known_values():
    tables = {"sentences": pd.DataFrame({"sectors": ["semiconductors;energy", ""]})}
    parameters.check_selects({"sectors": ["semiconductors"]}, tables)
    with pytest.raises(
        parameters.ParameterError, match="semiconductor selects nothing.*known values: energy, semiconductors"
    ):
        parameters.check_selects({"sectors": ["semiconductor"]}, tables)


def test_spreadsheet_stores_formulas_as_text(tmp_path):
    tables = {name: pd.DataFrame({"doc_id": pd.Series([], dtype="string")}) for name in export.TABLES}
    tables["documents"] = pd.DataFrame(
        {"doc_id": ["a", "b"], "title": ['=HYPERLINK("http://example.invalid","x")', "+1-2"], "n_chars": [10, 20]}
    )
    path = export.write_xlsx(tables, tmp_path / "tables.xlsx")
    again = export.write_xlsx(tables, tmp_path / "again.xlsx")
    assert path.read_bytes() == again.read_bytes()  # no time of saving inside
    with zipfile.ZipFile(path) as book:
        assert {info.date_time for info in book.infolist()} == {export.FIXED_TIME}
        assert b"<dcterms:modified" in book.read("docProps/core.xml") and b"1980-01-01T00:00:00Z" in book.read(
            "docProps/core.xml"
        )
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
    import openpyxl

    rows = list(openpyxl.load_workbook(path)["documents"].iter_rows(values_only=True))
    assert rows[1][1] == '=HYPERLINK("http://example.invalid","x")' and rows[2][1] == "+1-2" and rows[1][2] == 10


def test_dollar_pairs_in_chart_text_are_drawn_as_written():
    documents = pd.DataFrame([document("a", "", "toward_china")]).assign(outlet="Between $5 and $6 Weekly")
    svg = charts.svg(charts.stance_chart(documents))
    assert svg.startswith("<?xml")


def test_glance_counts_documents_without_a_stance_in_words():
    leanings = [{"stance": brief.stance_words(s)} for s in ("toward_china", pd.NA, pd.NA)]
    lines = brief.glance([], [], [], leanings, [], [], [], "CHN")
    assert "Stance of the documents: 2 without a stance, 1 toward China." in lines[3]
    assert lines[0] == "No dated trade level with China could be read."


def test_deal_network_legend_shows_only_what_is_drawn():
    deals = pd.DataFrame([{"doc_id": "a", "supplier": "org:x", "buyer": "org:y", "status": "signed"}])
    actors = pd.DataFrame(
        [
            {"actor_id": "org:x", "name": "X Corp", "country": "KOR"},
            {"actor_id": "org:y", "name": "Y Ltd", "country": "CHN"},
        ]
    )
    legend = charts.deal_network_chart(deals, actors).axes[0].get_legend()
    assert [text.get_text() for text in legend.get_texts()] == ["signed (line)", "South Korea", "China"]


def test_growth_chart_gives_every_figure_its_own_row_and_room_for_its_label():
    rows = [{"metric": "exports", "partner": "CHN", "period": None, "doc_id": "same", "garbled": False, "change_pct": v}
            for v in (5.0, -3.0)] * 20  # fmt: skip
    fig = charts.growth_chart(pd.DataFrame(rows))
    assert len(fig.axes[0].patches) == 40 and len(fig.axes[0].get_yticklabels()) == 40
    assert fig.get_size_inches()[1] >= 40 * charts.ROW_INCHES


def test_brief_shows_sources_that_agree_each_value_linked_to_its_document(tmp_path):
    """Two documents stating the same level for the same period make a row of `Do the sources agree?`."""
    tables = {
        "documents": frame("documents", [document("a", "2024-01-02", "mixed"), document("b", "2024-01-03", "mixed")]),
        "figures": frame("figures", [figure("a", "$55.8 billion", 55.8e9), figure("b", "$55.79 billion", 55.79e9)]),
        **{name: frame(name, []) for name in ("sentences", "actors", "deals", "timeline")},
    }
    (tmp_path / "report").mkdir()
    page = brief.write_brief(tables, tmp_path, pages.Context((), ()), {}).read_text(encoding="utf-8")
    agreement = page[page.index('id="agreement"') : page.index('id="deals"')]
    assert '<a href="doc/a.html">$55.8 bn</a>; <a href="doc/b.html">$55.79 bn</a>' in agreement
    assert "<td>yes</td>" in agreement


def dated(surface, date, precision, resolved_against="", start=0):
    return {"doc_id": "d", "sentence_id": 0, "start": start, "end": start + len(surface), "surface": surface,
            "date": date, "date_precision": precision, "event": "talks",
            "resolved_against": resolved_against}  # fmt: skip


TIMELINE = frame(
    "timeline",
    [
        dated("March 28, 2024", "2024-03-28", "day"),
        dated("the next day", "2024-03-29", "day", "mention", start=20),
        dated("in December", "2023-12", "month", "published", start=40),
        dated("3 days ago", "2026-11-20", "day", "reference", start=60),
        dated("last month", "", "month", start=80),
    ],
)


def test_evidence_marks_a_date_read_against_another_and_says_against_what():
    tables = {"timeline": TIMELINE, "figures": frame("figures", []), "actors": frame("actors", [])}
    assert [(start, kind, note) for start, _, kind, note in evidence.fact_spans(tables, "d")] == [
        (0, "date", "2024-03-28 (day; stated in full)"),
        (20, "date read-against", "2024-03-29 (day; read against a day named before it)"),
        (40, "date read-against", "2023-12 (month; read against the publication date)"),
        (60, "date read-against", "2026-11-20 (day; read against the reference date)"),
        (80, "date", "unresolved (month)"),
    ]
    no_sentences = pd.DataFrame(columns=["sentence_id", "start", "end"])
    page = evidence.highlighted("x" * 100, no_sentences, [(40, 51, "date read-against", "in December")])
    assert '<mark class="date read-against" id="c40-51" title="in December">' in page


def test_timeline_chart_draws_each_way_a_date_was_read_apart_and_names_it():
    ax = charts.timeline_chart(TIMELINE).axes[0]
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == [
        "stated in full", "read against the publication date", "read against the reference date",
        "read against a day named before it",
    ]  # fmt: skip
    assert [len(points.get_offsets()) for points in ax.collections] == [1, 1, 1, 1]  # the unresolved date is not drawn
    stated, *read_against = ax.collections
    assert len(stated.get_facecolors()) == 1  # filled
    assert all(len(points.get_facecolors()) == 0 for points in read_against)  # hollow


def test_a_publication_date_from_a_relative_stamp_says_it_was_read_against_the_reference_date():
    stamped = formatting.publication_date("2026-11-22", "relative", "1 day ago")
    assert stamped == "2026-11-22 (1 day ago, read against the reference date)"
    assert formatting.publication_date("2024-03-28", "day", "March 28, 2024") == "2024-03-28"
    assert formatting.publication_date(pd.NA, "relative", "3 days ago") == ""
