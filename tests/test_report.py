"""`kortrade report` end to end on the seeds: outputs, reproducibility, failures, the browser."""

import json
import shutil

import nbformat
import pytest
from conftest import ROOT, SEEDS, run_report

PARTS = ["01_corpus", "02_trade_figures", "03_actors_and_deals", "04_tone_stance_timeline", "05_findings"]


def test_report_writes_every_part(report_dir):
    for part in PARTS:
        assert (report_dir / "notebooks" / f"{part}.ipynb").exists()
        page = (report_dir / "report" / f"{part}.html").read_text()
        assert "<img" in page and "Traceback" not in page
    index = (report_dir / "report" / "index.html").read_text()
    assert all(f'href="{part}.html"' in index for part in PARTS)
    assert len(list((report_dir / "figures").glob("*.png"))) >= 8
    assert (report_dir / "data" / "documents.csv").exists()


def test_html_has_no_input_cells(report_dir):
    page = (report_dir / "report" / "02_trade_figures.html").read_text()
    assert "from kortrade import" not in page


def test_manifest_records_inputs_parameters_versions_and_output_hashes(report_dir):
    import hashlib

    manifest = json.loads((report_dir / "manifest.json").read_text())
    assert manifest["parameters"]["reference_date"] == "2026-11-23"
    assert len(manifest["inputs"]["corpus"]["documents"]) == 5
    assert set(manifest["inputs"]["notebooks"]) == {f"{p}.ipynb" for p in PARTS}
    assert manifest["packages"]["pandas"] and manifest["packages"]["papermill"]
    for relpath, digest in manifest["outputs"].items():
        assert hashlib.sha256((report_dir / relpath).read_bytes()).hexdigest() == digest


def test_second_run_gives_byte_identical_tables_and_charts(report_dir, tmp_path):
    result = run_report("--out", str(tmp_path), "--reference-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    for folder, pattern in (("data", "*.csv"), ("figures", "*.png")):
        first = sorted((report_dir / folder).glob(pattern))
        assert first
        for path in first:
            assert path.read_bytes() == (tmp_path / folder / path.name).read_bytes(), path.name


def test_failing_notebook_names_notebook_and_cell_and_keeps_it(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "01_corpus.ipynb", notebooks)
    broken = nbformat.read(ROOT / "notebooks" / "01_corpus.ipynb", as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell("raise ValueError('deliberate failure')"))
    nbformat.write(broken, notebooks / "02_broken.ipynb")
    out = tmp_path / "out"
    result = run_report("--out", str(out), notebooks=notebooks)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "02_broken.ipynb" in last and "cell" in last and "ValueError: deliberate failure" in last
    assert "Traceback" not in result.stderr
    kept = nbformat.read(out / "notebooks" / "02_broken.ipynb", as_version=4)
    assert any(
        o.get("ename") == "ValueError" for c in kept.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )


@pytest.mark.parametrize("args", [("-p", "no_such_parameter", "1"), ("-p", "corpus_dir", "x")])
def test_bad_parameters_are_one_line_and_exit_2(tmp_path, args):
    result = run_report("--out", str(tmp_path), *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_notebook_parameter_reaches_the_notebook(tmp_path):
    result = run_report("--out", str(tmp_path), "-p", "sectors", '["no-such-sector"]')
    assert result.returncode == 0, result.stderr
    executed = nbformat.read(tmp_path / "notebooks" / "02_trade_figures.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'sectors = ["no-such-sector"]' in injected[0].source


def test_tables_are_extracted_again_only_when_stale(tmp_path, monkeypatch):
    import json

    from kortrade.report import workspace

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    workspace.tables(corpus, tmp_path / "out")
    info_path = tmp_path / "out" / "data" / "extract.json"
    assert workspace.is_fresh(info_path.parent, corpus, "")
    assert not workspace.is_fresh(info_path.parent, corpus, "2026-11-23")
    info = json.loads(info_path.read_text())
    info_path.write_text(json.dumps({**info, "kortrade_sha256": "older rules"}))
    assert not workspace.is_fresh(info_path.parent, corpus, "")
    workspace.tables(corpus, tmp_path / "out")
    assert workspace.is_fresh(info_path.parent, corpus, "")
    (corpus / "extra.txt").write_text("A new article about exports.")
    assert not workspace.is_fresh(info_path.parent, corpus, "")
