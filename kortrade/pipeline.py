"""Run the steps over a corpus and assemble the tables of the data contract.

`process_file` is the per-document function (load, decode, clean, read
metadata, segment, extract); it is pure and picklable, so the same function
runs in this process, in a pool of processes (`jobs`), or elsewhere.
`extract` runs it over a corpus and returns an `Extraction`, whose `write`
is the only place tables reach the disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from . import corpus as corpus_files
from .clean import normalise, remove_boilerplate
from .decoding import decode_bytes
from .document import Document, Sentence
from .figure_table import figure_rows
from .html import extract_html, looks_like_html
from .language import detect_language
from .metadata import read_metadata
from .segment import sentence_spans
from .tables import SCHEMAS, frame, read_csv, write_csv

FLAG_ORDER = (
    "binary",
    "unreadable",
    "empty",
    "truncated",
    "encoding_repaired",
    "not_english",
    "boilerplate_removed",
    "censored_tokens",
    "garbled_numbers",
    "no_title",
    "no_date",
)
PROBLEM_FLAGS = {
    "binary": "binary file, no text read",
    "unreadable": "could not be read",
    "empty": "no text",
    "encoding_repaired": "text decoded with repairs",
}
FACT_TABLES = ("figures", "actors", "deals", "timeline")


@dataclass
class DocumentResult:
    """Everything extracted from one file: table rows, clean text, and problems to report."""

    document: dict[str, object]
    clean_text: str = ""
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def process_file(source: corpus_files.SourceFile, reference_date: dt.date | None = None) -> DocumentResult:
    """Load, clean, segment and analyse one corpus file."""
    raw = corpus_files.read(source)
    decoded = decode_bytes(raw.data)
    flags = set(raw.flags) | set(decoded.flags)
    text, html_meta = decoded.text, {}
    if text and looks_like_html(source.relpath, text):
        text, html_meta = extract_html(text)
    normalised = normalise(text)
    meta = read_metadata(normalised, reference_date)
    cleaned = remove_boilerplate(normalised)
    flags |= set(cleaned.flags)
    spans = sentence_spans(cleaned.text)
    language = detect_language(cleaned.text)
    title = html_meta.get("title") or meta.title
    published = html_meta.get("date") or meta.published
    precision = "day" if html_meta.get("date") else meta.date_precision
    if not cleaned.text and not flags & {"binary", "unreadable"}:
        flags.add("empty")
    if cleaned.text:
        if language != "en":
            flags.add("not_english")
        if not title:
            flags.add("no_title")
        if not published:
            flags.add("no_date")
    document = Document(
        doc_id=source.doc_id,
        text=cleaned.text,
        sentences=tuple(Sentence(i, s, e, cleaned.text[s:e]) for i, (s, e) in enumerate(spans)),
        published=published,
        date_precision=precision,
        reference_date=reference_date,
    )
    analysis = analyse(document)
    flags |= analysis.flags
    doc_row = {
        "doc_id": source.doc_id,
        "path": source.relpath,
        "sha256": raw.sha256,
        "title": title,
        "outlet": html_meta.get("sitename") or meta.outlet,
        "authors": ";".join(_split_authors(html_meta.get("author")) or meta.authors),
        "published": published,
        "date_precision": precision,
        "language": language,
        "n_chars": len(cleaned.text),
        "n_sentences": len(spans),
        "flags": ";".join(f for f in FLAG_ORDER if f in flags),
        "encoding": decoded.encoding,
        "published_text": meta.published_text,
        "clean_sha256": hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        "n_removed": len(cleaned.removed),
        **analysis.fields,
    }
    rows = analysis.rows
    rows["removed"] = [
        {"doc_id": source.doc_id, "line": r.line, "rule": r.rule, "text": r.text} for r in cleaned.removed
    ]
    problems = [PROBLEM_FLAGS[f] for f in FLAG_ORDER if f in flags and f in PROBLEM_FLAGS]
    if raw.problem:
        problems.append(raw.problem)
    return DocumentResult(doc_row, cleaned.text, rows, problems)


@dataclass
class Analysis:
    """What the extractors found in one document.

    `rows` holds table name -> rows (contract columns); `fields` holds values for the
    document's own row (`tone`, `stance`); `flags` holds document flags (`garbled_numbers`).
    """

    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    fields: dict[str, object] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def analyse(document: Document) -> Analysis:
    """Run the extractors over a segmented document."""
    sentences = [
        {"doc_id": document.doc_id, "sentence_id": s.sentence_id, "start": s.start, "end": s.end, "text": s.text}
        for s in document.sentences
    ]
    figures = figure_rows(document)
    return Analysis(rows={"sentences": sentences, "figures": figures.rows}, flags=figures.flags)


def _split_authors(author: object) -> list[str]:
    return [a.strip() for a in str(author or "").split(";") if a.strip()]


@dataclass
class Extraction:
    """The tables of one run, as pandas DataFrames, with the clean texts and run facts."""

    tables: dict[str, pd.DataFrame]
    clean_texts: dict[str, str]
    info: dict[str, object]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def write(self, out: str | os.PathLike[str]) -> None:
        """Write every table, `clean/<doc_id>.txt` and `extract.json` into `out`, atomically per file."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(os.path.join(out, f".clean-{os.getpid()}.part"))
        shutil.rmtree(staging, ignore_errors=True)
        for doc_id, text in self.clean_texts.items():
            target = staging / f"{doc_id}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for name, df in self.tables.items():
            write_csv(df, out / f"{name}.csv")
        previous = out / "clean"
        retired = out / f".clean-old-{os.getpid()}.part"
        if previous.exists():
            os.replace(previous, retired)
        os.replace(staging, previous)
        shutil.rmtree(retired, ignore_errors=True)
        info_tmp = out / "extract.json.part"
        info_tmp.write_text(json.dumps(self.info, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(info_tmp, out / "extract.json")


def extract(
    corpus: str | os.PathLike[str] = "seeds",
    reference_date: dt.date | str | None = None,
    jobs: int = 1,
    progress: bool | None = False,
    on_problem: Callable[[str], None] | None = None,
) -> Extraction:
    """Extract every table from the documents under `corpus`.

    `reference_date` resolves relative dates (`1 day ago`); `jobs` spreads
    documents over that many processes; `on_problem` receives one message per
    problem file; `progress=None` shows a progress bar on a terminal only.
    """
    if isinstance(reference_date, str):
        reference_date = dt.date.fromisoformat(reference_date)
    sources = corpus_files.discover(corpus)
    results = tqdm(
        _run(sources, reference_date, jobs),
        total=len(sources),
        unit="doc",
        disable=None if progress is None else not progress,
    )
    collected: dict[str, list[dict[str, object]]] = {name: [] for name in SCHEMAS}
    clean_texts: dict[str, str] = {}
    first_with_text: dict[str, str] = {}
    for result in results:
        doc = result.document
        if result.clean_text:
            doc["duplicate_of"] = first_with_text.setdefault(str(doc["clean_sha256"]), str(doc["doc_id"]))
            if doc["duplicate_of"] == doc["doc_id"]:
                doc["duplicate_of"] = ""
        collected["documents"].append(doc)
        clean_texts[str(doc["doc_id"])] = result.clean_text
        for name, rows in result.rows.items():
            collected[name].extend(rows)
        if on_problem:
            for problem in result.problems:
                on_problem(f"{doc['path']}: {problem}")
    tables = {name: frame(name, rows) for name, rows in collected.items()}
    info = {
        "corpus_sha256": corpus_fingerprint(tables["documents"]),
        "reference_date": reference_date.isoformat() if reference_date else "",
        "n_documents": len(sources),
    }
    return Extraction(tables, clean_texts, info)


def _run(sources: list[corpus_files.SourceFile], reference_date: dt.date | None, jobs: int) -> Iterator[DocumentResult]:
    work = partial(process_file, reference_date=reference_date)
    if jobs <= 1:
        yield from map(work, sources)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(work, sources, chunksize=max(1, min(64, len(sources) // (jobs * 8) or 1)))


def corpus_fingerprint(documents: pd.DataFrame | Iterable[tuple[str, str]]) -> str:
    """One hash for a corpus: its doc_ids and the hashes of their bytes."""
    pairs = (
        documents[["doc_id", "sha256"]].itertuples(index=False) if isinstance(documents, pd.DataFrame) else documents
    )
    digest = hashlib.sha256()
    for doc_id, sha in sorted(pairs):
        digest.update(f"{doc_id}\t{sha}\n".encode())
    return digest.hexdigest()


def load(out: str | os.PathLike[str]) -> Extraction:
    """Read the tables and clean texts a previous `write` left in `out`."""
    out = Path(out)
    tables = {name: read_csv(name, out / f"{name}.csv") for name in SCHEMAS if (out / f"{name}.csv").exists()}
    clean_dir = out / "clean"
    clean_texts = (
        {
            p.relative_to(clean_dir).with_suffix("").as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(clean_dir.rglob("*.txt"))
        }
        if clean_dir.exists()
        else {}
    )
    info_path = out / "extract.json"
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.exists() else {}
    return Extraction(tables, clean_texts, info)
