"""Fuzz over file names: random bytes, lengths, case- and Unicode-colliding names, dots and
extensions, files beside folders. Every file gets one row, a doc_id of its own, and its own
clean text; a second run gives the same ids."""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kortrade
from kortrade.ingest.corpus import printable
from kortrade.run.pipeline import extract_to

PIECES = [
    b"a",
    b"A",
    b"b",
    b".",
    b".txt",
    b".md",
    b".TXT",
    b"\xe9",
    b"\xc3\xa9",
    b"e\xcc\x81",
    b"\r",
    b" ",
    b"~",
    b"n" * 120,
]


def usable(name: bytes) -> bool:
    return 0 < len(name) <= 255 and b"/" not in name and b"\x00" not in name and name not in (b".", b"..")


names = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map(b"".join),
    st.binary(min_size=1, max_size=255),
).filter(usable)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(names, min_size=1, max_size=8, unique=True), folder=names)
def test_every_file_gets_one_row_and_its_own_clean_text(files, folder):
    with tempfile.TemporaryDirectory() as temp:
        corpus = Path(temp) / "corpus"
        corpus.mkdir()
        written = {}
        for i, name in enumerate(files):
            with open(os.path.join(os.fsencode(corpus), name), "wb") as handle:
                handle.write(f"Document {i} says exports rose.".encode())
            written[printable(os.fsdecode(name))] = f"Document {i} says exports rose."
        if folder not in files and not folder.startswith(b"."):  # a folder, perhaps named like a file's clean text
            os.mkdir(os.path.join(os.fsencode(corpus), folder))
            with open(os.path.join(os.fsencode(corpus), folder, b"inner.txt"), "wb") as handle:
                handle.write(b"The inner document.")
            written[printable(os.fsdecode(folder)) + "/inner.txt"] = "The inner document."
        extract_to(Path(temp) / "out", corpus)
        extraction = kortrade.load(Path(temp) / "out")
        rows = extraction.documents
        assert sorted(rows["path"]) == sorted(written)
        ids = list(rows["doc_id"])
        assert len(set(ids)) == len(ids)
        for path, doc_id in zip(rows["path"], ids, strict=True):
            assert extraction.clean_texts[doc_id] == written[path]
        assert sorted(extraction.clean_texts) == sorted(ids)
        extract_to(Path(temp) / "again", corpus)
        assert list(kortrade.load(Path(temp) / "again").documents["doc_id"]) == ids
