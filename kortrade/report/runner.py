"""`kortrade report`: extract once, run the notebooks in order with papermill, render the report.

Outputs under OUT: `data/` (the tables), `notebooks/` (executed notebooks,
kept even when one fails), `figures/` (PNG charts the notebooks save),
`report/` (HTML without input cells, and `index.html` linking the parts) and
`manifest.json` (input hashes, parameters, package versions, output hashes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
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

from .. import __version__
from ..ingest import corpus as corpus_files

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


class UnknownParameter(ValueError):
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


def parse_value(text: str) -> object:
    """A `-p` value: JSON when it parses (numbers, lists, true/false), else the string itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def run_report(
    corpus: Path,
    out: Path,
    reference_date: dt.date | None,
    extra: dict[str, object],
    notebooks_dir: Path,
    log=print,
) -> Path:
    """Run the whole report; returns the path of `index.html`."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from .workspace import tables

    # The kernel boots, and imports the report's libraries, while parameters are checked and tables extracted.
    with shared_kernel(kernel_name(), notebooks_dir) as kernel, ThreadPoolExecutor(max_workers=1) as renderer:
        parts = notebook_parts(notebooks_dir)
        declared = {part.name: declared_parameters(part.source) for part in parts}
        unknown = sorted(set(extra) - set().union(*declared.values()))
        if unknown:
            raise UnknownParameter(f"no notebook has a parameter named {', '.join(unknown)}")
        base = {
            "corpus_dir": str(corpus.resolve()),
            "output_dir": str(out.resolve()),
            "reference_date": reference_date.isoformat() if reference_date else "",
        }
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        log(f"extracting {corpus} -> {out / 'data'}")
        tables(base["corpus_dir"], base["output_dir"], base["reference_date"])
        rendered = []
        for part in parts:
            params = {k: v for k, v in {**base, **extra}.items() if k in declared[part.name]}
            executed = out / "notebooks" / part.source.name
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
                    f"{error.ename}: {error.evalue} (partly executed notebook kept at {executed})"
                ) from None
            rendered.append(renderer.submit(render_part, part, out))  # while the next notebook runs
        for done in rendered:
            done.result()
    index = write_index(parts, out)
    recorded = {"corpus": str(corpus), "out": str(out), "reference_date": base["reference_date"], **extra}
    write_manifest(out, corpus, parts, recorded)
    return index


def render_part(part: Part, out: Path) -> Path:
    """HTML of an executed notebook, without input cells."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_filename(str(out / "notebooks" / part.source.name))
    page = out / "report" / f"{part.name}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(page, body)
    return page


def write_index(parts: list[Part], out: Path) -> Path:
    """The report's `index.html`, linking each part and each chart."""
    items = "\n".join(
        f'    <li><a href="{html.escape(part.name)}.html">{html.escape(part.title)}</a></li>' for part in parts
    )
    figures = sorted((out / "figures").glob("*.png")) if (out / "figures").exists() else []
    figure_items = "\n".join(f'    <li><a href="../figures/{p.name}">{html.escape(p.name)}</a></li>' for p in figures)
    page = INDEX_TEMPLATE.format(items=items, figures=figure_items, version=html.escape(__version__))
    index = out / "report" / "index.html"
    index.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(index, page)
    return index


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>kortrade report</title>
<style>body{{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.5}}</style></head>
<body>
<h1>South Korea–China economic relations: kortrade report</h1>
<p>Each part below was produced by one notebook, run with papermill; the tables are in
<a href="../data/">data/</a> and the run is described in <a href="../manifest.json">manifest.json</a>.</p>
<h2>Parts</h2>
<ol>
{items}
</ol>
<h2>Charts</h2>
<ul>
{figures}
</ul>
<p><small>kortrade {version}</small></p>
</body>
</html>
"""


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
