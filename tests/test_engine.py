"""Engines and streaming give the same bytes as the in-memory run."""

import filecmp

import pytest
from conftest import SEEDS, run_cli

import kortrade
from kortrade.run.pipeline import extract_to
from kortrade.run.tables import SCHEMAS


def assert_same_outputs(first, second):
    for name in SCHEMAS:
        assert (first / f"{name}.csv").read_bytes() == (second / f"{name}.csv").read_bytes(), name
    comparison = filecmp.dircmp(first / "clean", second / "clean")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only


def test_streaming_in_chunks_equals_writing_in_memory_tables(tmp_path, messy_corpus):
    kortrade.extract(SEEDS, reference_date="2026-11-23").write(tmp_path / "memory")
    extract_to(tmp_path / "streamed", SEEDS, "2026-11-23", chunk_documents=1)
    assert_same_outputs(tmp_path / "memory", tmp_path / "streamed")
    kortrade.extract(messy_corpus).write(tmp_path / "messy-memory")
    extract_to(tmp_path / "messy-streamed", messy_corpus, chunk_documents=3, jobs=2)
    assert_same_outputs(tmp_path / "messy-memory", tmp_path / "messy-streamed")


def test_dask_local_cluster_gives_byte_identical_tables(tmp_path):
    pytest.importorskip("dask.distributed")
    extract_to(tmp_path / "local", SEEDS, "2026-11-23")
    result = run_cli(
        "extract",
        str(SEEDS),
        "--out",
        str(tmp_path / "dask"),
        "--engine",
        "dask",
        "--jobs",
        "2",
        "--reference-date",
        "2026-11-23",
    )
    assert result.returncode == 0, result.stderr
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path):
    result = run_cli("extract", str(SEEDS), "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.returncode == 2 and "--engine dask" in result.stderr
