"""`kortrade.load` reads written tables back with pandas' nullable dtypes and NA for every empty cell."""

import pandas as pd

import kortrade
from kortrade.run.store import Extraction
from kortrade.run.tables import PANDAS_DTYPES, SCHEMAS, frame

CORPUS = {
    "dated.txt": (
        "Chip Exports Recover\n\nAsia Review, March 28, 2024\n\n"
        "South Korea's exports to China rose 7 percent in February, the trade ministry said.\n"
        "Exports to China were $10.5 billion in February.\n"
    ),
    "bare.txt": "Officials met last month to discuss supply chains with China and Japan.\n",
}


def assert_contract_dtypes(extraction: Extraction) -> None:
    for name, schema in SCHEMAS.items():
        table = extraction.tables[name]
        assert list(table.columns) == list(schema), name
        assert {column: str(dtype) for column, dtype in table.dtypes.items()} == {
            column: PANDAS_DTYPES[kind] for column, kind in schema.items()
        }, name


def test_empty_cells_are_na_in_every_column_and_only_empty_ones(tmp_path):
    documents = frame(
        "documents",
        [
            {"doc_id": "a", "path": "a.txt", "title": "NA", "outlet": "null", "published": "", "n_chars": 12},
            {"doc_id": "b", "path": "b.txt", "title": "None", "tone": 0.25, "n_sentences": 3},
        ],
    )
    Extraction({"documents": documents}, {"a": "Twelve chars", "b": ""}, {}).write(tmp_path)
    loaded = kortrade.load(tmp_path)
    assert_contract_dtypes(loaded)
    docs = loaded.documents.set_index("doc_id")
    assert docs.loc["a", "title"] == "NA" and docs.loc["a", "outlet"] == "null" and docs.loc["b", "title"] == "None"
    for doc_id, column in [("a", "published"), ("b", "outlet"), ("a", "tone"), ("a", "n_sentences"), ("b", "n_chars")]:
        assert docs.loc[doc_id, column] is pd.NA, (doc_id, column)
    assert (docs.loc["b", "n_sentences"], docs.loc["b", "tone"]) == (3, 0.25)
    assert loaded.figures.empty


def test_a_written_extraction_loads_as_it_was_extracted_with_unknowns_as_na(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    extracted = kortrade.extract(corpus)
    extracted.write(tmp_path / "out")
    loaded = kortrade.load(tmp_path / "out")
    assert_contract_dtypes(loaded)
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(loaded.tables[name], extracted.tables[name])
    docs = loaded.documents.set_index("doc_id")
    assert (docs.loc["dated", "title"], docs.loc["dated", "published"]) == ("Chip Exports Recover", "2024-03-28")
    assert docs.loc["bare", ["title", "published", "outlet"]].isna().all()
    assert docs.loc[:, "duplicate_of"].isna().all()
    assert "" not in set(docs["flags"].dropna())
    assert set(docs.loc["bare", "flags"].split(";")) >= {"no_title", "no_date"}
    figures = loaded.figures.set_index("surface")
    assert figures.loc["7 percent", "direction"] == "up"
    assert pd.isna(figures.loc["$10.5 billion", "direction"]) and figures.loc["$10.5 billion", "value"] == 10.5e9
    undated = loaded.timeline.set_index("surface").loc["last month"]
    assert pd.isna(undated["date"]) and pd.isna(undated["resolved_against"]) and undated["date_precision"] == "month"
