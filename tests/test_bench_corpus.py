import importlib.util
import json
import sys

from conftest import ROOT


def make_corpus():
    """bench/make_corpus.py as a module (bench/ is not a package)."""
    if "make_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["make_corpus"] = module
        spec.loader.exec_module(module)
    return sys.modules["make_corpus"]


def test_the_generated_corpus_is_the_same_for_the_same_seed(tmp_path):
    generator = make_corpus()
    generator.generate(tmp_path / "a", 6, None, 11, tmp_path / "a.json")
    generator.generate(tmp_path / "b", 6, None, 11, tmp_path / "b.json")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert len(files) == 6
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_every_gold_figure_occurs_in_its_document(tmp_path):
    make_corpus().generate(tmp_path / "c", 20, None, 3, tmp_path / "c.json")
    gold = json.loads((tmp_path / "c.json").read_text())["docs"]
    assert sum(len(doc["figures"]) for doc in gold.values()) > 100
    for doc_id, doc in gold.items():
        text = (tmp_path / "c" / f"{doc_id}.txt").read_text()
        for figure in doc["figures"]:
            assert figure["surface"] in text
            assert figure["kind"] in ("money", "percent", "energy", "count")


def test_a_size_in_megabytes_is_reached(tmp_path):
    make_corpus().generate(tmp_path / "d", None, 0.02, 5, tmp_path / "d.json")
    assert sum(p.stat().st_size for p in (tmp_path / "d").iterdir()) >= 20_000
