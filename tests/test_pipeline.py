from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli

import kortrade
from kortrade.run import pipeline
from kortrade.run.tables import SCHEMAS

# The columns of the data contract, in its order (kortrade may add columns after them).
CONTRACT = {
    "documents": "doc_id path sha256 title outlet authors published date_precision language n_chars n_sentences tone stance flags duplicate_of",
    "sentences": "doc_id sentence_id start end text tone relation sectors",
    "figures": "doc_id sentence_id start end surface kind value unit metric measure reporter partner period direction flags",
    "actors": "doc_id sentence_id start end surface actor_id name type country",
    "deals": "doc_id sentence_id start end surface supplier buyer product volume_value volume_unit duration_years status",
    "timeline": "doc_id sentence_id start end surface date date_precision event",
}


def test_tables_start_with_the_contract_columns_in_order(seeds_extraction):
    for name, columns in CONTRACT.items():
        expected = columns.split()
        assert list(SCHEMAS[name])[: len(expected)] == expected
        assert list(seeds_extraction.tables[name].columns)[: len(expected)] == expected


def test_sentence_spans_point_into_the_clean_text(seeds_extraction):
    for row in seeds_extraction.sentences.itertuples():
        assert seeds_extraction.clean_texts[row.doc_id][row.start : row.end] == row.text


def test_written_clean_text_and_tables_round_trip(tmp_path, seeds_extraction):
    seeds_extraction.write(tmp_path)
    loaded = kortrade.load(tmp_path)
    assert loaded.clean_texts == seeds_extraction.clean_texts
    for name in CONTRACT:
        pd.testing.assert_frame_equal(loaded.tables[name], seeds_extraction.tables[name])


def test_two_runs_and_parallel_jobs_give_byte_identical_tables(tmp_path):
    from conftest import SEEDS

    for out, jobs in (("one", "1"), ("two", "1"), ("par", "2")):
        assert (
            run_cli(
                "extract", str(SEEDS), "--out", str(tmp_path / out), "--jobs", jobs, "--reference-date", "2026-11-23"
            ).returncode
            == 0
        )
    for name in [*CONTRACT, "removed"]:
        first = (tmp_path / "one" / f"{name}.csv").read_bytes()
        assert first == (tmp_path / "two" / f"{name}.csv").read_bytes()
        assert first == (tmp_path / "par" / f"{name}.csv").read_bytes()


def test_messy_corpus_runs_to_the_end_with_every_file_flagged(tmp_path, messy_corpus):
    result = run_cli("extract", str(messy_corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", keep_default_na=False).set_index("doc_id")
    flags = {doc_id: set(f.split(";")) - {""} for doc_id, f in docs["flags"].items()}
    assert {"empty"} <= flags["empty"] and {"empty"} <= flags["blank"]
    assert "binary" in flags["image"]
    assert "unreadable" in flags["dangling"] and "unreadable" in flags["loop1"] and "unreadable" in flags["loop2"]
    assert "encoding_repaired" in flags["nul"]
    assert docs.loc["korean", "language"] == "ko" and "not_english" in flags["korean"]
    assert docs.loc["chinese", "language"] == "zh"
    assert docs.loc["korean", "encoding"] in {"cp949", "euc_kr", "johab"}
    assert docs.loc["chinese", "encoding"] == "gb18030"
    assert docs.loc["page", "title"] == "Exports rise"
    assert "tracking" not in (tmp_path / "out" / "clean" / "page.txt").read_text()
    assert docs.loc["utf16", "n_chars"] > 0 and "encoding_repaired" not in flags["utf16"]
    assert {"a/same", "b/same", "noext", "link_to_noext"} <= set(docs.index)
    assert docs.loc["link_to_noext", "duplicate_of"] == "" and docs.loc["noext", "duplicate_of"] == "link_to_noext"
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("kortrade: ") and ": " in line[10:]]
    assert any("image.txt: binary" in line for line in problem_lines)
    assert any("dangling.txt: cannot read" in line for line in problem_lines)


def test_user_errors_are_one_line_and_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cases = [
        ("extract", str(tmp_path / "missing")),
        ("extract", str(tmp_path), "--out", str(blocker / "sub")),
        ("extract", str(tmp_path), "--reference-date", "2024-02-30"),
        ("extract", str(tmp_path), "--jobs", "0"),
    ]
    for args in cases:
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_duplicates_point_to_the_first_document(tmp_path):
    (tmp_path / "b.txt").write_text("Same article text about exports.")
    (tmp_path / "a.txt").write_text("Same article text about exports.\n\n")
    (tmp_path / "c.txt").write_text("Different text.")
    docs = kortrade.extract(tmp_path).documents.set_index("doc_id")
    assert list(docs.index) == ["a", "b", "c"]
    assert docs["duplicate_of"].dropna().to_dict() == {"b": "a"}


def test_empty_corpus_is_a_usage_error(tmp_path):
    (tmp_path / "corpus").mkdir()
    result = run_cli("extract", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "holds no files" in result.stderr


def test_a_document_the_extractors_fail_on_is_flagged_and_the_run_goes_on(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text("Exports to China rose 5% in May.\n")
    (tmp_path / "bad.txt").write_text("Exports to China rose 7% in June. POISON\n")
    figure_rows = pipeline.figure_rows

    def failing_figure_rows(document):
        if "POISON" in document.text:
            raise KeyError("unforeseen")
        return figure_rows(document)

    monkeypatch.setattr(pipeline, "figure_rows", failing_figure_rows)
    problems = []
    extraction = kortrade.extract(tmp_path, on_problem=problems.append)
    docs = extraction.documents.set_index("doc_id")
    assert list(docs.index) == ["bad", "good"]
    assert docs.loc["bad", "flags"] == "extraction_failed" and docs.loc["bad", "path"] == "bad.txt"
    assert "extraction_failed" not in docs.loc["good", "flags"] and list(extraction.figures["doc_id"]) == ["good"]
    assert problems == [f"bad.txt: extraction failed: KeyError: 'unforeseen' (test_pipeline.py:{failing_line()})"]


def test_an_error_without_a_message_is_reported_by_its_name(tmp_path, monkeypatch):
    (tmp_path / "bad.txt").write_text("Exports to China rose 7% in June.\n")

    def failing_figure_rows(document):
        raise StopIteration

    monkeypatch.setattr(pipeline, "figure_rows", failing_figure_rows)
    problems = []
    kortrade.extract(tmp_path, on_problem=problems.append)
    assert problems[0].startswith("bad.txt: extraction failed: StopIteration (test_pipeline.py:")


def failing_line() -> int:
    """The line of the `raise` in the test above."""
    source = Path(__file__).read_text().splitlines()
    return next(i for i, line in enumerate(source, start=1) if 'raise KeyError("unforeseen")' in line)


def test_letters_that_fold_to_ascii_under_ignorecase_are_read_like_ascii(tmp_path):
    text = "Trade news\nOn ſept 3, 2024, exports to China rose to $5 bıllion, up 7 percent from İN 2023.\n"
    (tmp_path / "odd.txt").write_text(text)
    extraction = kortrade.extract(tmp_path, reference_date="2026-11-23")
    assert "extraction_failed" not in extraction.documents.loc[0, "flags"]
    assert list(extraction.timeline["date"]) == ["2023"]
    assert 5e9 in list(extraction.figures["value"])


def test_a_corpus_that_does_not_exist_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no corpus at .*missing"):
        kortrade.extract(tmp_path / "missing")
