"""A run over a corpus that gained or changed documents extracts only those, and writes the same
bytes as a full run; rows of an export stream through the engines in a bounded window."""

import itertools
import json
import shutil

import pytest
from conftest import SEEDS, run_cli

from kortrade.ingest.corpus import RawDocument, SourceFile
from kortrade.run import engine


def snapshot(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def make_corpus(root, copies, first=0):
    root.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + copies):
        for seed in SEEDS.iterdir():
            shutil.copy(seed, root / f"{seed.stem}_{i:03d}.txt")


def feed(path, texts):
    path.write_text("".join(json.dumps({"title": f"Row {i}", "text": t}) + "\n" for i, t in enumerate(texts)))


ROWS = ["Exports to China rose 5 percent to $3 billion in May.", "Imports from China fell 2 percent in June."]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_grown_corpus_is_extracted_incrementally_with_the_same_tables(tmp_path, jobs):
    corpus, out, full = tmp_path / "corpus", tmp_path / "out", tmp_path / "full"
    make_corpus(corpus, 2)
    feed(corpus / "feed.jsonl", ROWS)
    first = run_cli("extract", str(corpus), "--out", str(out), "--reference-date", "2026-11-23")
    assert first.returncode == 0, first.stderr
    make_corpus(corpus, 1, first=2)  # five new files
    (corpus / f"{next(SEEDS.iterdir()).stem}_000.txt").write_text("Exports to Japan rose 4 percent in 2024.\n")
    feed(corpus / "feed.jsonl", [*ROWS, "Chip exports to China jumped 30 percent."])  # one row more
    again = run_cli("extract", str(corpus), "--out", str(out), "--reference-date", "2026-11-23", "--jobs", jobs)
    assert again.returncode == 0, again.stderr
    # 10 seeds copies and 2 rows unchanged; the changed file, the 5 new ones and the new row are extracted
    assert "(11 unchanged, taken from the previous outputs)" in again.stderr
    whole = run_cli("extract", str(corpus), "--out", str(full), "--reference-date", "2026-11-23", "--full")
    assert whole.returncode == 0 and "unchanged" not in whole.stderr
    assert snapshot(out) == snapshot(full)


def test_other_parameters_extract_everything_again(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, 1)
    assert run_cli("extract", str(corpus), "--out", str(out), "--reference-date", "2026-11-23").returncode == 0
    again = run_cli("extract", str(corpus), "--out", str(out), "--reference-date", "2026-11-24")
    assert again.returncode == 0 and "unchanged" not in again.stderr
    same = run_cli("extract", str(corpus), "--out", str(out), "--reference-date", "2026-11-24")
    assert "(5 unchanged" in same.stderr



def test_the_local_pool_takes_rows_in_a_bounded_window():
    pulled = []

    def rows():
        for number in itertools.count(1):
            pulled.append(number)
            yield RawDocument(SourceFile(f"x.jsonl/{number:09d}", "x.jsonl", ""), b"text", "")

    results = engine.local_results(rows(), _identity, jobs=2)
    taken = [next(results) for _ in range(5)]
    assert taken[0] == "x.jsonl/000000001"
    window = 2 * engine.LOCAL_CHUNK * engine.LOCAL_CHUNKS_AHEAD
    assert len(pulled) <= 5 + window + engine.LOCAL_CHUNK
    results.close()


def _identity(raw):
    return raw.source.doc_id
