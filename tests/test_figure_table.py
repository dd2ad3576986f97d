import json

import pandas as pd
import pytest
from conftest import SHARED
from documents import make_document

from kortrade.figures.rows import figure_rows
from kortrade.run.tables import SCHEMAS

GOLD = SHARED / "eval" / "seeds-gold.json"


def test_rows_have_the_contract_columns_and_exact_provenance():
    text = "Exports rose 7% to $5 billion.\nImports fell 3%, and 20 firms left."
    document = make_document(text, "2024-02-01", doc_id="d1")
    result = figure_rows(document)
    assert [r["surface"] for r in result.rows] == ["7%", "$5 billion", "3%", "20 firms"]
    for r in result.rows:
        assert list(r) == list(SCHEMAS["figures"])
        assert text[r["start"] : r["end"]] == r["surface"]
        sentence = document.sentences[r["sentence_id"]]
        assert sentence.start <= r["start"] < r["end"] <= sentence.end
        assert r["doc_id"] == "d1"
    assert [r["start"] for r in result.rows] == sorted(r["start"] for r in result.rows)
    assert result.flags == set()


def test_a_garbled_figure_raises_the_document_flag():
    result = figure_rows(make_document("Japan took 23 percent of total imports4%."))
    assert result.rows[0]["flags"] == "garbled"
    assert result.flags == {"garbled_numbers"}


def test_unknown_values_stay_empty():
    assert figure_rows(make_document("a margin of 12,34,5% this year")).rows[0]["value"] is None


def test_a_document_without_figures_has_no_rows():
    assert figure_rows(make_document("No numbers here at all.")).rows == []


def test_same_input_same_rows():
    text = "South Korea's exports to Japan rose 4% to $5 billion in 2023, while imports fell 2%."
    assert figure_rows(make_document(text, "2024-01-02")) == figure_rows(make_document(text, "2024-01-02"))


def gold_figures():
    if not GOLD.exists():
        pytest.skip("no shared gold beside the checkout")
    docs = json.loads(GOLD.read_text(encoding="utf-8"))["docs"]
    return [(doc_id, figure) for doc_id, doc in docs.items() for figure in doc["figures"]]


def test_seed_figures_match_the_gold_one_to_one(seeds_extraction):
    figures = seeds_extraction.figures
    expected = gold_figures()
    assert len(figures) == len(expected)
    for doc_id, gold in expected:
        rows = figures[(figures.doc_id == doc_id) & (figures.unit == gold["unit"])]
        match = rows[(rows.value - gold["value"]).abs() <= 0.01 * abs(gold["value"])]
        assert len(match) == 1, (doc_id, gold["surface"])
        got = match.iloc[0]
        for field in ("kind", "metric", "measure", "reporter", "partner", "period", "direction"):
            assert (None if pd.isna(got[field]) else got[field]) == gold[field], (gold["surface"], field)
        flags = "" if pd.isna(got["flags"]) else got["flags"]
        assert set(filter(None, flags.split(";"))) == set(gold["flags"]), gold["surface"]


def test_seed_documents_with_damaged_numbers_are_flagged(seeds_extraction):
    flagged = seeds_extraction.documents.set_index("doc_id")["flags"].str.contains("garbled_numbers")
    garbled_docs = {doc_id for doc_id, figure in gold_figures() if "garbled" in figure["flags"]}
    assert {doc_id for doc_id, is_flagged in flagged.items() if is_flagged} == garbled_docs


def test_a_fall_written_with_a_minus_is_positive_with_direction_down():
    rows = figure_rows(
        make_document("Exports to Japan fell minus 6.5 percent in 2023, and a deficit of $-2.1 bln.")
    ).rows
    assert [(r["surface"], r["value"], r["direction"]) for r in rows] == [
        ("minus 6.5 percent", 6.5, "down"),
        ("$-2.1 bln", -2.1e9, ""),
    ]
