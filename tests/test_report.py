"""`kortrade report` end to end on the seeds: outputs, reproducibility, failures, the browser."""

import html
import json
import re
import shutil

import nbformat
import pytest
from conftest import ROOT, SEEDS, run_cli, run_report

import kortrade

PARTS = ["01_corpus", "02_trade_figures", "03_actors_and_deals", "04_tone_stance_timeline", "05_findings"]


def test_report_writes_every_part(report_dir):
    for part in PARTS:
        assert (report_dir / "notebooks" / f"{part}.ipynb").exists()
        page = (report_dir / "report" / f"{part}.html").read_text()
        assert "<img" in page and "Traceback" not in page
    index = (report_dir / "report" / "index.html").read_text()
    assert all(f'href="{part}.html"' in index for part in PARTS)
    assert len(list((report_dir / "figures").glob("*.png"))) >= 8
    assert sorted(p.stem for p in (report_dir / "figures").glob("*.svg")) == sorted(
        p.stem for p in (report_dir / "figures").glob("*.png")
    )
    assert (report_dir / "data" / "documents.csv").exists()
    assert (report_dir / "data" / "tables.xlsx").exists() and (
        report_dir / "data" / "parquet" / "figures.parquet"
    ).exists()
    assert len(list((report_dir / "report" / "doc").glob("*.html"))) == 5


def test_brief_opens_with_answers_linked_to_their_evidence(report_dir):
    brief = (report_dir / "report" / "index.html").read_text()
    glance = brief[brief.index('id="glance"') : brief.index('class="charts"')]
    # the latest bilateral levels, formatted for people, each linked to its highlighted span
    assert '<a href="doc/002_c30783c9e7f1f1ae.html#c1062-1076">exports $124.8 bn in 2023</a> (−20.0 %)' in glance
    assert "trade balance −$18 bn in 2023" in glance
    assert "No figure is reported by two sources for the same period" in glance
    # LG Energy Solution and Chery: the supply contract, and the talks on other models, are two rows
    assert "9 deals: 4 negotiating, 3 reported, 2 signed" in glance
    assert "4 damaged figures, 16 unresolved dates, 1 problem files" in glance
    assert "−$3.94 bn" in brief and "hundred-millions" in brief  # a damaged figure with its repair and reason
    assert "-3.94e+09" not in brief and "1e+10" not in brief
    page = (report_dir / "report" / "doc" / "002_c30783c9e7f1f1ae.html").read_text()
    clean = (report_dir / "data" / "clean" / "002_c30783c9e7f1f1ae.txt").read_text(encoding="utf-8")
    assert clean[1062:1076] == "$124.8 billion"
    assert '<mark class="figure" id="c1062-1076"' in page and "$124.8 billion</mark>" in page


def test_pages_load_nothing_from_the_network_and_show_filters(report_dir):
    report = report_dir / "report"
    for page in [*report.glob("*.html"), *(report / "doc").glob("*.html")]:
        text = page.read_text()
        assert not re.search(r"<script[^>]+src=|<link[^>]+href=[\"']https?:", text), page.name
        assert "Active filters: none" in text, page.name
        assert 'index.html">Brief</a>' in text, page.name


def test_hostile_titles_and_bodies_run_to_the_end_as_text(tmp_path):
    import openpyxl

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "prices $5 and $6.txt").write_text(
        "Exports between $5 and $6 billion: a headline for a test\n\n"
        "South Korea's exports to China rose 5 percent in 2023, officials said in a sentence for a test.\n"
    )
    (corpus / "script.txt").write_text(
        "A headline about markup\n\nThe body holds <script>alert('x')</script> beside exports to China of $10 billion.\n"
    )
    (corpus / "formula.txt").write_text(
        '=HYPERLINK("http://example.invalid","open me")\n\nSouth Korea and China agreed to deepen trade ties in 2024.\n'
    )
    out = tmp_path / "out"
    result = run_report("--corpus", str(corpus), "--out", str(out))  # the later --corpus wins
    assert result.returncode == 0, result.stderr
    brief = (out / "report" / "index.html").read_text()
    assert "Exports between $5 and $6 billion" in brief and "=HYPERLINK(&#34;http://example.invalid" in brief
    script_page = (out / "report" / "doc" / "script.html").read_text()
    assert "<script>alert" not in script_page and "&lt;script&gt;alert" in script_page
    book = openpyxl.load_workbook(out / "data" / "tables.xlsx")
    titles = {row[0]: row[3] for row in book["documents"].iter_rows(min_row=2, values_only=True)}
    assert titles["formula"] == '=HYPERLINK("http://example.invalid","open me")'
    assert all(cell.data_type == "s" for row in book["documents"].iter_rows(min_row=2, max_col=4) for cell in row)


def test_a_failed_report_leaves_the_previous_one_whole_and_a_new_one_leaves_no_stale_chart(report_dir, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(report_dir, out)
    (out / "figures" / "99_stale.png").write_bytes(b"from an older report")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "01_corpus.ipynb", notebooks)
    broken = nbformat.read(ROOT / "notebooks" / "01_corpus.ipynb", as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell("raise ValueError('deliberate failure')"))
    nbformat.write(broken, notebooks / "02_broken.ipynb")
    assert run_report("--out", str(out), "--reference-date", "2026-11-23", notebooks=notebooks).returncode == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and "failed" not in p.relative_to(out).parts}
    assert after == before
    assert run_report("--out", str(out), "--reference-date", "2026-11-23").returncode == 0
    assert not (out / "figures" / "99_stale.png").exists() and not (out / "failed").exists()
    assert not list(out.glob(".report-*"))


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
    for folder, pattern in (("data", "*.csv"), ("data", "*.xlsx"), ("figures", "*.png"), ("figures", "*.svg")):
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
    kept = nbformat.read(out / "failed" / "02_broken.ipynb", as_version=4)
    assert not (out / "report").exists()  # nothing of a failed report is published
    assert any(
        o.get("ename") == "ValueError" for c in kept.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-p", "no_such_parameter", "1"), "no notebook has a parameter named no_such_parameter"),
        (("-p", "corpus_dir", "x"), "with the command's own options"),
        (("-p", "sectors", "ev_batteries"), "takes a JSON list of text, such as '[\"ev_batteries\"]'"),
        (("-p", "sectors", "[" * 30_000 + "]" * 30_000), "nested too deeply"),
        (("-p", "sectors", '["semiconductor"]'), "semiconductor selects nothing in this corpus; known values: "),
    ],
)
def test_bad_parameters_are_one_line_and_exit_2(tmp_path, args, message):
    result = run_report("--out", str(tmp_path / "out"), *args)
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("kortrade: error: ") and message in last and "Traceback" not in result.stderr
    assert "semiconductors" in last or "selects nothing" not in message  # the known values are named
    assert not (tmp_path / "out" / "report").exists()


def test_list_parameters_and_version():
    listed = run_cli("report", "--list-parameters")
    assert listed.returncode == 0
    assert "sectors = []  (02_trade_figures.ipynb)" in listed.stdout.splitlines()
    assert "top_n = 25  (03_actors_and_deals.ipynb)" in listed.stdout.splitlines()
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"kortrade {kortrade.__version__}"


def test_notebook_parameter_reaches_the_notebook(tmp_path):
    result = run_report("--out", str(tmp_path), "-p", "sectors", '["ev_batteries"]')
    assert result.returncode == 0, result.stderr
    executed = nbformat.read(tmp_path / "notebooks" / "02_trade_figures.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'sectors = ["ev_batteries"]' in injected[0].source
    for page in ("index.html", "02_trade_figures.html", "doc/004_e2c2a161a104c2fc.html"):
        text = html.unescape((tmp_path / "report" / page).read_text())
        assert 'Active filters: <code>sectors = ["ev_batteries"]</code>' in text, page


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


def test_dates_say_whether_they_are_stated_in_full_or_read_against_another(report_dir):
    page = (report_dir / "report" / "doc" / "003_463790914d1dff00.html").read_text()
    marks = re.findall(r'<mark class="(date[^"]*)" id="c\d+-\d+" title="([^"]*)">([^<]*)', page)
    assert marks == [
        ("date read-against", "2026-11-22 (day; read against the reference date)", "1 day ago"),
        ("date read-against", "2026-11-21 (day; read against the publication date)", "Yesterday"),
        ("date read-against", "2026-11-16 (day; read against the publication date)", "Monday"),
        ("date", "2026 (year; stated in full)", "2026"),
    ]
    assert "<tr><th>published</th><td>2026-11-22 (1 day ago, read against the reference date)</td></tr>" in page
    for listing in ("index.html", "documents.html"):  # the document's own date came from its stamp `1 day ago`
        page = (report_dir / "report" / listing).read_text()
        assert "<td>2026-11-22 (1 day ago, read against the reference date)</td>" in page
    timeline = (report_dir / "report" / "04_tone_stance_timeline.html").read_text()
    assert "<th>resolved_against</th>" in timeline
    assert "<td>published</td>" in timeline and "<td>reference</td>" in timeline
