"""Streaming extraction holds a chunk of documents in memory, not the corpus."""

import tracemalloc

from test_bench_corpus import make_corpus

from kortrade.run.pipeline import extract_to


def traced_peak(out, corpus):
    tracemalloc.start()
    try:
        extract_to(out, corpus, "2026-11-23", chunk_documents=8)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_extract_to_memory_does_not_grow_with_the_corpus(tmp_path):
    generator = make_corpus()
    generator.generate(tmp_path / "small", 16, None, 7, tmp_path / "small.json")
    generator.generate(tmp_path / "large", 64, None, 7, tmp_path / "large.json")
    extract_to(tmp_path / "warm", tmp_path / "small", "2026-11-23")  # models and patterns are built once, untraced
    small = traced_peak(tmp_path / "out-small", tmp_path / "small")
    large = traced_peak(tmp_path / "out-large", tmp_path / "large")
    # Only the list of files and their hashes grow (about 1 kB a document); held in memory,
    # the tables of four times the documents would take over three times the memory.
    assert large < 1.5 * small
