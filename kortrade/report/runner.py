"""`kortrade report`: extract once, run the notebooks in order with papermill, render the report.

Outputs under OUT: `data/` (the tables, with `tables.xlsx` and `parquet/`), `notebooks/`
(executed notebooks; a failing run keeps them in `failed/`), `figures/` (charts as PNG and SVG),
`report/` (`index.html`, the brief; the parts as HTML without input cells; `doc/`, a page per
document with its facts highlighted) and `manifest.json` (input hashes, parameters, package
versions, output hashes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# jsonschema loads the optional `rfc3987_syntax` format checker when it is installed, and that
# module builds a parser grammar at import (close to a second); nbformat never validates the
# formats it checks, so the report process does without it.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat
from jupyter_client.client import KernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from ..ingest import corpus as corpus_files
from ..run.store import process_alive
from . import brief, evidence, export, pages, parameters

KERNEL = "kortrade"
FALLBACK_KERNEL = "python3"
RECORDED_PACKAGES = (
    "kortrade",
    "pandas",
    "matplotlib",
    "nltk",
    "papermill",
    "nbconvert",
    "networkx",
    "trafilatura",
    "charset-normalizer",
    "ftfy",
    "py3langid",
    "vaderSentiment",
    "dateparser",
    "pyahocorasick",
)
BUILT_IN_PARAMETERS = ("corpus_dir", "output_dir", "reference_date")


class NotebookFailed(Exception):
    """A notebook raised an error; the message names the notebook and the cell."""


class UnknownParameter(parameters.ParameterError):
    """A `-p NAME VALUE` that no notebook declares."""


@dataclass(frozen=True)
class Part:
    """One notebook of the report and where its outputs go."""

    source: Path
    title: str

    @property
    def name(self) -> str:
        return self.source.stem


def notebook_parts(notebooks_dir: Path) -> list[Part]:
    """The report's notebooks in order (by file name), with the title of their first heading."""
    return [Part(path, notebook_title(path)) for path in sorted(notebooks_dir.glob("[0-9]*.ipynb"))]


def notebook_title(path: Path) -> str:

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def declared_parameters(path: Path) -> set[str]:
    """Names assigned in the cell tagged `parameters`."""
    import papermill

    return set(papermill.inspect_notebook(str(path)))


def kernel_name() -> str:
    """The project's kernel when the set-up installed it, else the running Python's own kernel."""
    return KERNEL if KERNEL in KernelSpecManager().find_kernel_specs() else FALLBACK_KERNEL


WARM_UP = (
    "import io, pandas, matplotlib, networkx, IPython.display, kortrade.report.analysis, kortrade.report.charts, kortrade.run.store,"
    " kortrade.report.workspace; pandas.read_csv(io.StringIO('a,b\\n1,x'), dtype={'a': 'Int64', 'b': 'string'});"
    " del io, pandas, matplotlib, networkx, IPython, kortrade"  # modules stay loaded, the namespace stays empty
)
REPLY_TIMEOUT = 120


class SharedKernel:
    """One kernel for all the notebooks of a report, so the libraries are imported once instead
    of once per notebook. It starts importing them at once, while this process extracts the
    tables; `prepare` before each notebook waits for that, or forgets the previous notebook's
    variables (modules stay loaded). IPC transport: no network port is opened."""

    def __init__(self, name: str, cwd: Path) -> None:
        self.sockets = Path(tempfile.mkdtemp(prefix="kortrade-kernel-"))
        self.manager = KernelManager(kernel_name=name, transport="ipc", ip=str(self.sockets / "kernel"))
        self.manager.start_kernel(cwd=str(cwd))
        self._warming = self.manager.client()
        self._warming.start_channels()
        self._warm_up_id = self._warming.execute(WARM_UP, silent=True, store_history=False)
        self._prepared_once = False

    def prepare(self) -> None:
        """Make the kernel ready for the next notebook, with an empty namespace."""
        if not self._prepared_once:
            self._prepared_once = True
            _await_reply(self._warming, self._warm_up_id)
            self._warming.stop_channels()
            return
        client = self.manager.client()
        client.start_channels()
        try:
            client.execute_interactive("%reset -f", store_history=False, timeout=REPLY_TIMEOUT)
        finally:
            client.stop_channels()

    def close(self) -> None:
        if not self._prepared_once:
            self._warming.stop_channels()
        self.manager.shutdown_kernel(now=True)
        shutil.rmtree(self.sockets, ignore_errors=True)


def _await_reply(client: KernelClient, msg_id: str) -> None:
    """Wait for the kernel's reply to one request."""
    while client.get_shell_msg(timeout=REPLY_TIMEOUT)["parent_header"].get("msg_id") != msg_id:
        pass


@contextmanager
def shared_kernel(name: str, cwd: Path) -> Iterator[SharedKernel]:
    kernel = SharedKernel(name, cwd)
    try:
        yield kernel
    finally:
        kernel.close()


def read_parameters(notebooks_dir: Path, given: list[tuple[str, str]]) -> dict[str, object]:
    """The `-p NAME VALUE` pairs as values, each checked against the parameter its notebooks declare."""
    declared = parameters.declared([part.source for part in notebook_parts(notebooks_dir)])
    unknown = sorted({name for name, _ in given} - set(declared))
    if unknown:
        raise UnknownParameter(
            f"no notebook has a parameter named {', '.join(unknown)} (kortrade report --list-parameters lists them)"
        )
    return {name: parameters.read(name, text, declared[name]) for name, text in given}


STAGING_PREFIX = ".report-"
FAILED = "failed"
COMMITTED = ("data", "figures", "notebooks", "report")


def run_report(
    corpus: Path,
    out: Path,
    reference_date: dt.date | None,
    extra: dict[str, object],
    notebooks_dir: Path,
    log=print,
) -> Path:
    """Run the whole report; returns the path of `index.html`.

    Everything is built in a staging folder inside OUT and moves into place only when every
    notebook has run, so OUT holds one whole report, never a mix of two (no chart or page of an
    older report survives a newer one). A failing notebook leaves OUT's report as it was and its
    partly executed notebooks in OUT/failed/."""
    out.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(out)
    staging = out / f"{STAGING_PREFIX}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        build_report(corpus, out, staging, reference_date, extra, notebooks_dir, log)
        commit(staging, out)
    except NotebookFailed:
        shutil.rmtree(out / FAILED, ignore_errors=True)
        os.replace(staging / "notebooks", out / FAILED)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out / "report" / "index.html"


def build_report(
    corpus: Path,
    out: Path,
    staging: Path,
    reference_date: dt.date | None,
    extra: dict[str, object],
    notebooks_dir: Path,
    log,
) -> None:
    """Every output of the report, written into `staging` (laid out as OUT will be)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .workspace import is_fresh, tables

    # The kernel boots, and imports the report's libraries, while the tables are extracted.
    with shared_kernel(kernel_name(), notebooks_dir) as kernel, ThreadPoolExecutor(max_workers=1) as renderer:
        parts = notebook_parts(notebooks_dir)
        declared = {part.name: declared_parameters(part.source) for part in parts}
        base = {
            "corpus_dir": str(corpus.resolve()),
            "output_dir": str(staging.resolve()),
            "reference_date": reference_date.isoformat() if reference_date else "",
        }
        (staging / "notebooks").mkdir(parents=True, exist_ok=True)
        if is_fresh(out / "data", corpus.resolve(), base["reference_date"]):
            shutil.copytree(out / "data", staging / "data", copy_function=os.link, ignore=_exports)
        else:
            log(f"extracting {corpus} -> {out / 'data'}")
        extraction = tables(base["corpus_dir"], base["output_dir"], base["reference_date"])
        frames = {name: getattr(extraction, name) for name in export.TABLES}
        parameters.check_selects(extra, frames)
        context = pages.Context(tuple((part.name, part.title) for part in parts), pages.filters_of(extra))
        rendered = []
        for part in parts:
            params = {k: v for k, v in {**base, **extra}.items() if k in declared[part.name]}
            executed = staging / "notebooks" / part.source.name
            log(f"running {part.source.name}")
            kernel.prepare()
            try:
                papermill.execute_notebook(
                    str(part.source),
                    str(executed),
                    parameters=params,
                    progress_bar=False,
                    request_save_on_cell_execute=False,  # saved at the end, and on failure
                    km=kernel.manager,
                )
            except PapermillExecutionError as error:
                raise NotebookFailed(
                    f"notebook {part.source.name} failed in cell {error.exec_count or error.cell_index}: "
                    f"{error.ename}: {error.evalue} (partly executed notebook kept at {out / FAILED / part.source.name})"
                ) from None
            rendered.append(renderer.submit(render_part, part, staging, context))  # while the next notebook runs
        log("writing the brief, the document pages and the spreadsheet")
        brief.write_brief(frames, staging, context, extra)
        evidence.write_document_pages(frames, staging / "data", staging / "report", context)
        export.write_xlsx(frames, staging / "data" / "tables.xlsx")
        export.write_parquet(frames, staging / "data" / "parquet")
        for done in rendered:
            done.result()
    recorded = {"corpus": str(corpus), "out": str(out), "reference_date": base["reference_date"], **extra}
    write_manifest(staging, corpus, parts, recorded)


def _exports(folder: str, names: list[str]) -> list[str]:
    """What the report adds to a tables folder, left out when the tables are carried over."""
    return [name for name in names if name in ("tables.xlsx", "parquet")]


def commit(staging: Path, out: Path) -> None:
    """Move the staged report into OUT: each folder swapped by a rename, the manifest last."""
    retired = staging / "retired"
    retired.mkdir()
    for name in COMMITTED:
        if (out / name).exists():
            os.replace(out / name, retired / name)
        os.replace(staging / name, out / name)
    os.replace(staging / "manifest.json", out / "manifest.json")
    shutil.rmtree(out / FAILED, ignore_errors=True)


def remove_abandoned_staging(out: Path) -> None:
    """Delete staging folders of report runs that were killed (their process is gone)."""
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX) :]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


# The part pages use nbconvert's lab template without its scripts from the network (MathJax,
# require.js, mermaid): a page must open on a closed network, and a `$…$` pair in a title or an
# outlet's name must stay text, never be typeset. Each page opens with the report's navigation.
PART_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{% block body_header %}{{ super() }}<div class="kortrade-nav">
<style>.kortrade-nav{max-width:1200px;margin:1em auto 0;padding:0 1em;font-family:"DejaVu Sans",Arial,sans-serif}
.kortrade-nav nav{border-bottom:1px solid #ccc;padding-bottom:.4em}.kortrade-nav nav a{margin-right:.8em}
.kortrade-nav .filters{background:#f4f6f8;border-left:4px solid #1f5fa8;padding:.3em .6em}</style>
{{ resources.kortrade_nav }}</div>{% endblock body_header %}
"""


def render_part(part: Part, out: Path, context: pages.Context) -> Path:
    """HTML of an executed notebook, without input cells, loading nothing from the network."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        extra_loaders=[DictLoader({"kortrade_part.html.j2": PART_TEMPLATE})],
        template_file="kortrade_part.html.j2",
    )
    nav = pages.render("nav.html.j2", context)
    body, _ = exporter.from_filename(str(out / "notebooks" / part.source.name), resources={"kortrade_nav": nav})
    page = out / "report" / f"{part.name}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(page, body)
    return page


def write_manifest(out: Path, corpus: Path, parts: list[Part], parameters: dict[str, object]) -> Path:
    """Input hashes, parameters, package versions and output hashes of the run."""
    documents = [(source.doc_id, corpus_files.read(source).sha256) for source in corpus_files.discover(corpus)]
    manifest = {
        "parameters": dict(sorted(parameters.items())),
        "inputs": {
            "corpus": {"sha256": corpus_files.fingerprint(documents), "documents": dict(sorted(documents))},
            "notebooks": {part.source.name: _sha256(part.source) for part in parts},
        },
        "packages": {name: _version(name) for name in RECORDED_PACKAGES},
        "python": sys.version.split()[0],
        "outputs": {
            path.relative_to(out).as_posix(): _sha256(path)
            for folder in ("data", "figures", "report", "notebooks")
            for path in sorted((out / folder).rglob("*"))
            if path.is_file() and not path.name.endswith(".part")
        },
    }
    path = out / "manifest.json"
    _write_atomic(path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return path


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
