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
import os
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tqdm import tqdm

from .. import __version__
from ..entities.actors import actor_rows, find_mentions
from ..entities.deals import deal_rows, find_deals
from ..entities.sectors import sentence_sectors
from ..figures.rows import figure_rows
from ..ingest import corpus as corpus_files
from ..ingest import exports
from ..ingest.clean import normalise, remove_boilerplate
from ..ingest.document import Document, Sentence
from ..ingest.formats import source_text
from ..ingest.language import detect_language
from ..ingest.metadata import read_metadata
from ..relations.relation import label_relations
from ..relations.sides import mark_document
from ..relations.stance import document_stance, trade_trends
from ..relations.tone import document_tone, sentence_tone
from ..timeline.events import timeline_rows
from . import engine
from .incremental import PreviousRun, Reused
from .joins import parties_from_companies
from .store import Extraction, TableStore, csv_text
from .tables import SCHEMAS, frame

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
    "extraction_failed",
    "renamed",
    "malformed",
    "encrypted",
    "no_text_layer",
    "metadata_from_source",
)
PROBLEM_FLAGS = {
    "binary": "binary file, no text read",
    "unreadable": "could not be read",
    "empty": "no text",
    "encoding_repaired": "text decoded with repairs",
}
# Flags saying why a document has no text, so that it is not also `empty`.
NO_TEXT_READ = frozenset({"binary", "unreadable", "malformed", "encrypted", "no_text_layer"})
FACT_TABLES = ("figures", "actors", "deals", "timeline")


@dataclass
class DocumentResult:
    """Everything extracted from one file: table rows, clean text, and problems to report.

    `csv` holds the tables of `rows` once formatted as CSV lines (`as_csv`), `rows` is then empty.
    """

    document: dict[str, object]
    clean_text: str = ""
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    csv: dict[str, str] = field(default_factory=dict)

    def as_csv(self) -> DocumentResult:
        """The same result with its rows formatted as the CSV lines a streaming run appends.

        Formatting where the document was processed (a worker) spares the process writing
        the tables from unpickling and formatting every row. Rows are sorted within the
        document; documents arrive in doc_id order, so the tables come out in table order.
        """
        csv = {name: csv_text(name, rows) for name, rows in self.rows.items()}
        return DocumentResult(self.document, self.clean_text, {}, self.problems, csv)


def process_file(source: corpus_files.SourceFile, reference_date: dt.date | None = None) -> DocumentResult:
    """Load, clean, segment and analyse one corpus file."""
    return process_raw(corpus_files.read(source), reference_date)


def process_raw(raw: corpus_files.RawDocument, reference_date: dt.date | None = None) -> DocumentResult:
    """Clean, segment and analyse one file's bytes (the per-document function every engine runs).

    A document the extractors fail on (a bug met by unforeseen text) is kept with the flag
    `extraction_failed` and a message naming the error, so the rest of the corpus goes on.
    """
    try:
        return _process(raw, reference_date)
    except Exception as error:  # noqa: BLE001 -- one document's failure must not end the run
        return _failed(raw, error)


def process_raw_as_csv(raw: corpus_files.RawDocument, reference_date: dt.date | None = None) -> DocumentResult:
    """`process_raw` with the tables of the document already formatted as CSV lines (for `extract_to`)."""
    return process_raw(raw, reference_date).as_csv()


def _failed(raw: corpus_files.RawDocument, error: Exception) -> DocumentResult:
    """The row of a document whose extraction raised, and the problem to report."""
    where = traceback.extract_tb(error.__traceback__)[-1]
    document = {
        "doc_id": raw.source.doc_id,
        "path": raw.source.relpath,
        "sha256": raw.sha256,
        "flags": ";".join(f for f in FLAG_ORDER if f in {*raw.flags, "extraction_failed"}),
    }
    message = ": ".join(filter(None, (type(error).__name__, str(error))))
    problem = f"extraction failed: {message} ({Path(where.filename).name}:{where.lineno})"
    return DocumentResult(document, problems=[problem])


def _process(raw: corpus_files.RawDocument, reference_date: dt.date | None) -> DocumentResult:
    source = raw.source
    read = source_text(raw)
    flags = set(raw.flags) | set(read.flags)
    normalised = normalise(read.text)
    meta = read_metadata(normalised, reference_date)
    cleaned = remove_boilerplate(normalised)
    flags |= set(cleaned.flags)
    spans = cleaned.sentences
    language = read.over.get("language") or detect_language(cleaned.text)
    # What the source states (an export's columns, a page's metadata) comes first, then the text, then the file's own
    # properties; a date counts with its precision.
    text_fields = {"title": meta.title, "outlet": meta.outlet, "authors": ";".join(meta.authors)}
    fields = {key: read.over.get(key) or value or read.under.get(key, "") for key, value in text_fields.items()}
    text_date = {"published": meta.published, "date_precision": meta.date_precision}
    dated = next((d for d in (read.over, text_date, read.under) if d.get("published")), text_date)
    published, precision = dated["published"], dated.get("date_precision", "")
    title = fields["title"]
    if not cleaned.text and not flags & NO_TEXT_READ:
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
        "outlet": fields["outlet"],
        "authors": fields["authors"],
        "published": published,
        "date_precision": precision,
        "language": language,
        "n_chars": len(cleaned.text),
        "n_sentences": len(spans),
        "flags": ";".join(f for f in FLAG_ORDER if f in flags),
        "encoding": read.encoding,
        "published_text": meta.published_text,
        "clean_sha256": hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        "n_removed": len(cleaned.removed),
        "url": read.over.get("url", ""),
        **analysis.fields,
    }
    rows = analysis.rows
    rows["removed"] = [
        {"doc_id": source.doc_id, "line": r.line, "rule": r.rule, "text": r.text} for r in cleaned.removed
    ]
    # A flag the reader set comes with the reader's own message.
    explained = set(read.flags) if read.problem else set()
    problems = [PROBLEM_FLAGS[f] for f in FLAG_ORDER if f in flags - explained and f in PROBLEM_FLAGS]
    problems += [problem for problem in (raw.problem, read.problem) if problem]
    return DocumentResult(doc_row, cleaned.text, rows, problems)


WARM_UP_TEXT = (
    "Korea-China trade\nMarch 3, 2024\nSEOUL, March 3 (Yonhap) -- South Korea's exports to China rose 5 percent "
    "to $3 billion in February, Trade Minister Ahn Duk-geun said, as Samsung SDI signed a deal to supply batteries.\n"
)


def warm_up() -> None:
    """Build every model, automaton and pattern a document needs, by processing a short one."""
    source = corpus_files.SourceFile("warm-up", "warm-up.txt", "")
    process_raw(corpus_files.RawDocument(source, WARM_UP_TEXT.encode(), ""))


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
    mentions = find_mentions(document)
    sectors = sentence_sectors(document, [(m.start, m.end) for m in mentions])
    tones = [sentence_tone(s.text) for s in document.sentences]
    marked = mark_document(s.text for s in document.sentences)
    relations = label_relations(marked)
    figures = figure_rows(document)
    actors = actor_rows(document, mentions)
    figure_table = parties_from_companies(figures.rows, actors)
    stance = document_stance([s.sentence_id for s in document.sentences], marked, relations, trade_trends(figure_table))
    sentences = [
        {
            "doc_id": document.doc_id,
            "sentence_id": s.sentence_id,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "tone": tone,
            "relation": relation,
            "sectors": sector_ids,
        }
        for s, tone, relation, sector_ids in zip(document.sentences, tones, relations, sectors, strict=True)
    ]
    fields = {"tone": document_tone(tones), "stance": stance.label, "stance_evidence": stance.evidence_text}
    rows = {
        "sentences": sentences,
        "figures": figure_table,
        "actors": actors,
        "deals": deal_rows(document, find_deals(document, mentions)),
        "timeline": timeline_rows(document),
    }
    return Analysis(rows=rows, fields=fields, flags=figures.flags)


class CorpusRun:
    """One pass over a corpus: ordered results with duplicates marked, problems reported, facts kept.

    The corpus is listed as it is processed (`discover` streams), leaving out the folders in
    `skip` (a run's own output folder, when it sits inside the corpus); an export's rows are
    documents (`columns` names its columns, see `ingest.exports`). With `previous`, the
    documents it holds unchanged are not extracted again (`incremental`).
    """

    def __init__(
        self,
        corpus: str | os.PathLike[str],
        reference_date: dt.date | str | None = None,
        jobs: int = 1,
        engine: str = "local",
        scheduler: str | None = None,
        progress: bool | None = False,
        on_problem: Callable[[str], None] | None = None,
        per_document: Callable[..., DocumentResult] = process_raw,
        skip: tuple[str | os.PathLike[str], ...] = (),
        cancelled: Callable[[], bool] | None = None,
        columns: dict[str, str] | None = None,
    ) -> None:
        if not os.path.exists(corpus):
            # `kortrade.extract("seeds")` run from another folder would otherwise give 0 documents silently.
            raise FileNotFoundError(f"no corpus at {os.path.abspath(corpus)}")
        if isinstance(reference_date, str):
            reference_date = dt.date.fromisoformat(reference_date)
        self.reference_date = reference_date
        self.corpus, self.skip = corpus, skip
        self.jobs, self.engine, self.scheduler = jobs, engine, scheduler
        self.progress, self.on_problem = progress, on_problem
        self.per_document, self.cancelled = per_document, cancelled
        self.columns = dict(columns or {})
        self.previous: PreviousRun | None = None
        self.hashes: list[tuple[str, str]] = []
        self.n_problems = 0

    def __iter__(self) -> Iterator[DocumentResult]:
        first_with_text: dict[str, str] = {}
        work = partial(self.per_document, reference_date=self.reference_date)
        items = exports.expand(corpus_files.discover(self.corpus, self.skip), self.columns)
        if self.previous is not None:
            items = self.previous.mark(items)
        # An incremental run may extract nothing: its workers build the models only if they need them.
        prepare = warm_up if self.previous is None else None
        results = engine.results(items, work, self.jobs, self.engine, self.scheduler, prepare=prepare)
        bar = tqdm(results, unit="doc", disable=None if self.progress is None else not self.progress)
        for result in bar:
            self.check_cancelled()
            if isinstance(result, Reused):
                result = self._reused(result)
            doc = result.document
            doc_id = str(doc["doc_id"])
            doc["duplicate_of"] = ""
            if result.clean_text:
                first = first_with_text.setdefault(str(doc["clean_sha256"]), doc_id)
                doc["duplicate_of"] = "" if first == doc_id else first
            self.hashes.append((doc_id, str(doc["sha256"])))
            self.n_problems += bool(result.problems)
            if self.on_problem:
                for problem in result.problems:
                    self.on_problem(f"{doc['path']}: {problem}")
            yield result

    def _reused(self, reused: Reused) -> DocumentResult:
        """The result of a document taken from the previous outputs (one without problems to report)."""
        assert self.previous is not None
        return DocumentResult(dict(reused.document), reused.clean_text, {}, [], self.previous.rows(reused))

    @property
    def n_reused(self) -> int:
        """Documents taken from the previous outputs rather than extracted."""
        return self.previous.n_reused if self.previous is not None else 0

    def check_cancelled(self) -> None:
        """Raise KeyboardInterrupt when the run was asked to stop (even if a library swallowed the signal's)."""
        if self.cancelled is not None and self.cancelled():
            raise KeyboardInterrupt

    @property
    def n_documents(self) -> int:
        """Documents processed so far (all of them once the run has ended)."""
        return len(self.hashes)

    @property
    def facts(self) -> dict[str, object]:
        """What the tables depend on besides the documents: kortrade's version and code, the parameters."""
        facts: dict[str, object] = {
            "kortrade_version": __version__,
            "kortrade_sha256": corpus_files.package_fingerprint(),
            "reference_date": self.reference_date.isoformat() if self.reference_date else "",
        }
        if self.columns:
            facts["columns"] = dict(sorted(self.columns.items()))
        return facts

    @property
    def info(self) -> dict[str, object]:
        """Run facts for `extract.json`: corpus hash, parameters, version."""
        return {"corpus_sha256": corpus_files.fingerprint(self.hashes), **self.facts, "n_documents": self.n_documents}


def extract(
    corpus: str | os.PathLike[str] = "seeds", reference_date: dt.date | str | None = None, **options
) -> Extraction:
    """Extract every table from the documents under `corpus`, in memory.

    `reference_date` resolves relative dates (`1 day ago`). Options: `jobs`
    (processes), `engine` (`local` or `dask`), `scheduler` (a Dask address),
    `progress` (None: a bar on a terminal only), `on_problem` (called with one
    message per problem file).
    """
    run = CorpusRun(corpus, reference_date, **options)
    collected: dict[str, list[dict[str, object]]] = {name: [] for name in SCHEMAS}
    clean_texts: dict[str, str] = {}
    for result in run:
        collected["documents"].append(result.document)
        clean_texts[str(result.document["doc_id"])] = result.clean_text
        for name, rows in result.rows.items():
            collected[name].extend(rows)
    tables = {name: frame(name, rows) for name, rows in collected.items()}
    return Extraction(tables, clean_texts, run.info)


def extract_to(
    out: str | os.PathLike[str],
    corpus: str | os.PathLike[str] = "seeds",
    reference_date: dt.date | str | None = None,
    chunk_documents: int = 200,
    reuse: bool = True,
    **options,
) -> CorpusRun:
    """Extract the corpus straight into `out`, streaming: each document's rows are appended as
    it arrives (the documents table every `chunk_documents` documents), and the outputs
    replace the previous ones only at the end. With `reuse`, documents the previous outputs
    in `out` hold unchanged are taken from them (`incremental`); the tables are the same."""
    run = CorpusRun(corpus, reference_date, per_document=process_raw_as_csv, skip=(out,), **options)
    documents: list[dict[str, object]] = []  # their duplicate_of is known only here, so they are formatted here
    results = iter(run)
    store = TableStore(out)  # refuses an OUT holding other files before any work is done
    if reuse:
        run.previous = PreviousRun.open(out, run.facts)
    try:
        for count, result in enumerate(results, start=1):
            documents.append(result.document)
            store.add_clean_text(str(result.document["doc_id"]), result.clean_text)
            for name, text in result.csv.items():
                store.append_csv(name, text)
            if count % chunk_documents == 0:
                store.append("documents", documents)
                documents.clear()
        store.append("documents", documents)
        run.check_cancelled()
        _close(run)
        store.commit(run.info)
    except BaseException:
        results.close()  # ends the workers before the staged files go
        _close(run)
        store.abort()
        raise
    return run


def _close(run: CorpusRun) -> None:
    if run.previous is not None:
        run.previous.close()
