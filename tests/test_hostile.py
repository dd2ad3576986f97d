"""A hostile corpus, built at test time: the run ends with exit 0, no file is lost,
every file carries the right flags, no value is infinite or NaN, and what can be
extracted is."""

import codecs
import math

import pandas as pd
import pytest
from conftest import SEEDS, build_messy_corpus, run_cli

# Scraped text whose line breaks were lost: the seed articles run together on one 6 MB line.
SEED_PROSE = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(SEEDS.iterdir()))
SIX_MB_LINE = (SEED_PROSE + " ") * (6 * 2**20 // (len(SEED_PROSE) + 1))


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = build_messy_corpus(tmp_path_factory.mktemp("hostile") / "corpus")
    files = {
        "korean_utf8.txt": "한국의 대중국 수출이 11월에 증가했다.".encode(),
        "utf8_bom.txt": codecs.BOM_UTF8 + b"Exports to China rose 7 percent in November.",
        "crlf.txt": b"Headline About Trade\r\n\r\nExports rose 7 percent.\r\nImports fell 3 percent.\r\n",
        "notes.md": b"# Trade notes\n\n**Exports** to [China](https://example.com) rose \\$5 billion.\n\n- item one\n",
        "long_line.txt": SIX_MB_LINE.encode(),
        "absurd.txt": b"The deal was worth $999999999999999999999999999999 trillion, or 1e309% of output, up 10^400 percent.",
        "fullwidth.txt": "Exports reached \uff15\uff15.\uff18 billion dollars, up \uff17 percent.".encode(),
        "only_boilerplate.txt": b"Back\nShare this article\nFollow us on Twitter\nCopyright 2024 Example News. All rights reserved.\n- 2 min read\n",
        "invalid_utf8.txt": b"Exports to China rose in November, said the trade ministry in Seoul. " * 3
        + b"\xff\xfe\xfa"
        + "한국".encode(),
        "name with spaces #1 (copy).txt": b"A file whose name has spaces, a hash and parentheses, about Korea and China.",
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    out = root.parent / "out"
    result = run_cli("extract", str(root), "--out", str(out), "--jobs", "2")
    tables = {
        name: pd.read_csv(out / f"{name}.csv", keep_default_na=False) for name in ("documents", "figures", "sentences")
    }
    return root, out, result, tables


def flags_of(documents: pd.DataFrame) -> dict[str, set[str]]:
    return {row.doc_id: set(filter(None, row.flags.split(";"))) for row in documents.itertuples()}


def test_run_ends_cleanly(hostile_run):
    _, _, result, _ = hostile_run
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_every_file_is_listed(hostile_run):
    root, _, _, tables = hostile_run
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_symlink() or p.is_file()}
    on_disk = {p for p in on_disk if "back_to_a" not in p}
    assert set(tables["documents"]["path"]) == on_disk


def test_flags_say_what_happened(hostile_run):
    _, _, _, tables = hostile_run
    flags = flags_of(tables["documents"])
    assert "binary" in flags["image"]
    assert {"unreadable"} <= flags["dangling"] and {"unreadable"} <= flags["loop1"]
    assert "empty" in flags["empty"] and "empty" in flags["blank"]
    assert {"boilerplate_removed", "empty"} <= flags["only_boilerplate"]
    assert "encoding_repaired" in flags["invalid_utf8"] and "encoding_repaired" in flags["nul"]
    assert "not_english" in flags["korean_utf8"]
    assert not flags["utf8_bom"] & {"encoding_repaired", "binary"}


def test_text_is_recovered_where_it_exists(hostile_run):
    _, out, _, tables = hostile_run
    docs = tables["documents"].set_index("doc_id")
    assert docs.loc["crlf", "title"] == "Headline About Trade"
    assert "\r" not in (out / "clean" / "crlf.txt").read_text()
    notes = (out / "clean" / "notes.txt").read_text()
    assert "Exports to China rose $5 billion." in notes and "https://" not in notes
    assert (out / "clean" / "fullwidth.txt").read_text().startswith("Exports reached 55.8 billion dollars")
    # The seeds' boilerplate sentences ("Back", share prompts) go from inside the line too; the article text stays.
    assert 0.85 * len(SIX_MB_LINE) < docs.loc["long_line", "n_chars"] < len(SIX_MB_LINE)
    assert "boilerplate_removed" in docs.loc["long_line", "flags"]
    assert docs.loc["name with spaces #1 (copy)", "n_sentences"] == 1


NUMERIC_COLUMNS = {"figures": ["value"], "sentences": ["tone"], "documents": ["tone", "n_chars", "n_sentences"]}


def test_no_value_is_infinite_or_nan(hostile_run):
    _, _, _, tables = hostile_run
    for name, columns in NUMERIC_COLUMNS.items():
        for column in columns:
            cells = [cell for cell in tables[name][column].astype(str) if cell != ""]
            assert all(math.isfinite(float(cell)) for cell in cells), (name, column)


def test_figures_are_extracted_from_repaired_text(hostile_run):
    _, _, _, tables = hostile_run
    figures = tables["figures"]
    found = {(row.doc_id, row.unit, float(row.value)) for row in figures.itertuples()}
    assert {("fullwidth", "USD", 55.8e9), ("fullwidth", "%", 7.0)} <= found
    assert {("crlf", "%", 7.0), ("crlf", "%", 3.0), ("utf8_bom", "%", 7.0)} <= found


def test_absurd_numbers_are_flagged_not_taken_at_face_value(hostile_run):
    _, _, _, tables = hostile_run
    absurd = tables["figures"][tables["figures"]["doc_id"] == "absurd"]
    flags = dict(zip(absurd["surface"], absurd["flags"], strict=True))
    assert "garbled" in flags["309%"] and "garbled" in flags["400 percent"]
