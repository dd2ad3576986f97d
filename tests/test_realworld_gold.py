"""The development corpus's gold (bench/realworld/gold.json): well-formed, and every figure's surface in its text."""

import importlib.util
from pathlib import Path

import pytest

REALWORLD = Path(__file__).resolve().parents[1] / "bench" / "realworld"
spec = importlib.util.spec_from_file_location("corpus_tool", REALWORLD / "corpus_tool.py")
corpus_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus_tool)


def test_gold_follows_the_contract():
    """Fields, codes and statuses, checked without the texts (which are not in git)."""
    gold = corpus_tool.load_gold()
    assert len(gold["docs"]) >= 40
    assert sum(len(doc["figures"]) for doc in gold["docs"].values()) >= 300
    assert corpus_tool.problems(gold, REALWORLD / "no-texts-here") == []


def test_the_gold_check_finds_a_surface_missing_from_its_text(tmp_path):
    (tmp_path / "a.txt").write_text("Exports rose 5 percent.", encoding="utf-8")
    figure = dict.fromkeys(corpus_tool.FIGURE_FIELDS)
    figure.update(
        surface="6 percent",
        kind="percent",
        value=6.0,
        unit="%",
        metric="exports",
        measure="change",
        direction="up",
        flags=[],
    )
    doc = dict.fromkeys(corpus_tool.DOCUMENT_FIELDS) | {"figures": [figure], "deals": [], "actors": [], "authors": []}
    assert corpus_tool.problems({"docs": {"a": doc}}, tmp_path) == ["a: surface not in the text: '6 percent'"]


@pytest.mark.skipif(not (REALWORLD / "docs").is_dir(), reason="the corpus texts are rebuilt from INDEX.md, not in git")
def test_every_gold_surface_occurs_in_its_text():
    gold = corpus_tool.load_gold()
    assert all((REALWORLD / "docs" / f"{doc_id}.txt").exists() for doc_id in gold["docs"])
    assert corpus_tool.problems(gold, REALWORLD / "docs") == []
