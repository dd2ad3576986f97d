"""What a careless or unlucky corpus holds, built at test time: odd names, pipes, folders that
cannot be listed, a full disk, bad options. Every case ends with exit 0 and every file listed
(flagged where something was wrong), or with exit 2 and one line for a user error."""

import csv
import os
import resource
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import SEEDS, run_cli

import kortrade
from kortrade.ingest.corpus import discover, printable
from kortrade.run.pipeline import extract_to

ARTICLE = b"Exports to China rose 5 percent to $3 billion in May, the ministry said.\n"


def extract(corpus, out):
    """The streaming run `kortrade extract` makes, in this process; the problems it reports."""
    problems = []
    extract_to(out, corpus, on_problem=problems.append)
    return problems


def documents(out):
    with open(out / "documents.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def assert_each_file_has_its_own_row_and_clean_text(corpus, out, expected_rows):
    rows = documents(out)
    assert len(rows) == expected_rows
    ids = [row["doc_id"] for row in rows]
    assert len(set(ids)) == len(ids) == len({i.casefold() for i in ids})
    texts = kortrade.load(out).clean_texts
    assert sorted(texts) == sorted(ids)
    return {row["path"]: row for row in rows}, texts


def test_names_that_clash_are_not_utf8_too_long_or_hold_a_carriage_return(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "b.txt").mkdir(parents=True)
    names = {
        b"a.txt": b"Alpha text about exports.",
        b"a.md": b"Markdown text about imports.",
        b"a.txt.md": b"Third text about trade.",
        b"b": b"A file beside a folder named b.txt.",
        b"b.txt/inner.txt": b"A file inside the folder b.txt.",
        b"caf\xe9.txt": b"A Latin-1 name about Korea.",
        b"n" * 251 + b".txt": b"A name of 255 bytes.",
        b"cr\rname.txt": b"A name holding a carriage return.",
        b"Case.txt": b"Upper case name.",
        b"case.txt": b"Lower case name.",
    }
    for name, data in names.items():
        with open(os.path.join(os.fsencode(corpus), name), "wb") as handle:
            handle.write(data)
    out = tmp_path / "out"
    extract(corpus, out)
    by_path, texts = assert_each_file_has_its_own_row_and_clean_text(corpus, out, len(names))
    assert {by_path[p]["doc_id"] for p in ("a.txt", "a.md", "a.txt.md")} == {"a.txt", "a.md", "a.txt.md"}
    assert by_path["b.txt/inner.txt"]["doc_id"] == "b.txt/inner"
    for name, data in names.items():  # each clean text is its own file's text, not another's
        assert texts[by_path[printable(os.fsdecode(name))]["doc_id"]] == data.decode()
    assert by_path["caf\\xe9.txt"]["doc_id"] == "caf\\xe9" and "renamed" in by_path["caf\\xe9.txt"]["flags"]
    assert pd.read_csv(out / "documents.csv", keep_default_na=False)["path"].tolist() == list(by_path)
    again = tmp_path / "again"
    extract(corpus, again)
    assert (again / "documents.csv").read_bytes() == (out / "documents.csv").read_bytes(), "ids are stable"


def test_fifo_device_and_dangling_link_are_listed_unreadable_without_blocking(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_bytes(ARTICLE)
    os.mkfifo(corpus / "pipe.txt")
    os.symlink("/dev/zero", corpus / "zeros.txt")
    os.symlink(corpus / "missing.txt", corpus / "dangling.txt")
    result = subprocess.run(
        [sys.executable, "-m", "kortrade", "extract", str(corpus), "--out", str(tmp_path / "out")],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = {row["doc_id"]: row for row in documents(tmp_path / "out")}
    assert set(rows) == {"article", "pipe", "zeros", "dangling"}
    for doc_id in ("pipe", "zeros", "dangling"):
        assert rows[doc_id]["flags"] == "unreadable"
    assert "named pipe" in result.stderr and "character device" in result.stderr


def test_a_folder_that_cannot_be_listed_gets_a_row(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "locked" / "hidden.txt").write_bytes(ARTICLE)
    (corpus / "locked.txt").write_bytes(ARTICLE)
    real_scandir = os.scandir

    def scandir(path="."):  # root may list any folder, so the refusal is simulated
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    problems = []
    extraction = kortrade.extract(corpus, on_problem=problems.append)
    rows = extraction.documents.set_index("doc_id")
    assert rows.loc["locked/", "flags"] == "unreadable" and rows.loc["locked/", "path"] == "locked/"
    assert "locked" in rows.index, "the file locked.txt keeps its own id"
    assert any("cannot list folder: Permission denied" in p for p in problems)
    monkeypatch.undo()
    extraction.write(tmp_path / "out")
    assert sorted(kortrade.load(tmp_path / "out").clean_texts) == ["locked", "locked/"]


def test_a_path_longer_than_the_system_allows_gets_a_row(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "short.txt").write_bytes(ARTICLE)
    fd = os.open(corpus, os.O_RDONLY)
    depth = 0
    while depth * 201 < os.pathconf("/", "PC_PATH_MAX") + 200:  # built relative to open folders, past PATH_MAX
        os.mkdir("d" * 200, dir_fd=fd)
        deeper = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd, depth = deeper, depth + 1
    os.close(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    os.close(fd)
    out = tmp_path / "out"
    problems = extract(corpus, out)
    rows = {row["doc_id"]: row["flags"] for row in documents(out)}
    deep = next(doc_id for doc_id in rows if doc_id != "short")
    assert len(rows) == 2 and rows[deep] == "unreadable" and deep.endswith("/")
    assert any("File name too long" in problem for problem in problems)
    assert len(kortrade.load(out).clean_texts) == 2
    shutil.rmtree(corpus, ignore_errors=True)  # (rmtree works relative to open folders too)


def test_an_output_folder_inside_the_corpus_is_not_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_bytes(ARTICLE)
    for _ in range(2):
        extract(corpus, corpus / "out")
    assert [row["doc_id"] for row in documents(corpus / "out")] == ["article"]


def test_a_310_digit_amount_has_no_value_and_is_flagged(tmp_path):
    (tmp_path / "big.txt").write_text(f"Exports to China were worth ${'7' * 310} in 2023.\n")
    figures = kortrade.extract(tmp_path).figures
    assert figures["value"].isna().all() and (figures["flags"] == "garbled").all() and len(figures) == 1


def test_a_full_disk_is_one_line_and_the_previous_outputs_stay(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for seed in SEEDS.iterdir():
        shutil.copy(seed, corpus / seed.name)
    extract(corpus, out)
    before = (out / "sentences.csv").read_bytes()
    for i in range(30):
        shutil.copy(next(SEEDS.iterdir()), corpus / f"more_{i}.txt")

    def small_files():  # writes past 64 KiB fail as they would on a full disk (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))

    result = subprocess.run(
        [sys.executable, "-m", "kortrade", "extract", str(corpus), "--out", str(out)],
        capture_output=True,
        check=False,
        text=True,
        preexec_fn=small_files,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip().splitlines()[-1].startswith("kortrade: error: cannot write the outputs: File too large")
    )
    assert (out / "sentences.csv").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


@pytest.mark.parametrize(
    "options, message",
    [
        (["--engine", "dask", "--scheduler", "not an address"], "cannot reach the Dask scheduler"),
        (["--jobs", "99999999999999999999999999"], None),
    ],
)
def test_bad_scheduler_is_a_usage_error_and_jobs_are_capped(tmp_path, options, message):
    if "dask" in options:
        pytest.importorskip("dask.distributed")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_bytes(ARTICLE)
    result = run_cli("extract", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), *options)
    if message:
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    else:
        assert result.returncode == 0 and "capped at" in result.stderr


def test_an_output_folder_holding_other_files_is_refused_not_replaced(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_bytes(ARTICLE)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mine.txt").write_text("keep me")
    result = run_cli("extract", str(tmp_path / "corpus"), "--out", str(tmp_path / "notes"))
    assert result.returncode == 2 and "did not write" in result.stderr
    assert (tmp_path / "notes" / "mine.txt").read_text() == "keep me"
    result = run_cli("extract", str(tmp_path / "corpus"), "--out", str(tmp_path / "corpus"))
    assert result.returncode == 2 and (tmp_path / "corpus" / "a.txt").exists()


def test_discover_streams(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_bytes(ARTICLE)
    listing = discover(tmp_path)
    assert next(listing).doc_id == "0" and not isinstance(listing, list)
