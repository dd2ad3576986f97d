"""An incremental run: the rows of documents that have not changed are taken from the previous outputs.

The previous OUT is the cache. It is used when its `extract.json` names the same kortrade
(version and fingerprint of its code and vocabularies) and the same run parameters
(reference date, export columns); otherwise every document is extracted. A document is
reused when the previous `documents.csv` holds its doc_id with the same `sha256` (the hash
of its bytes, or of its row in an export) and no flag that comes with a message (`unreadable`,
`malformed`, `extraction_failed`, ...: the run reports those again).

Every table is sorted by doc_id, and the corpus is listed in doc_id order, so each previous
table is read once, in step with the run, a record at a time: memory does not grow with the
corpus. A reused document's rows are copied as the bytes they were (the same rows a new
extraction would write, by the rule above), its clean text from `clean/`; its documents row
is read back as values, because `duplicate_of` depends on the documents before it.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..ingest.corpus import RawDocument, SourceFile, read
from .tables import SCHEMAS

INFO_FILE = "extract.json"
CLEAN_DIR = "clean"
# Flags of a document that is extracted again rather than reused: those that come with a message
# (the run reports it again), all of them on documents that are rare and mostly cheap.
NOT_REUSED_FLAGS = frozenset(
    {
        "binary",
        "unreadable",
        "empty",
        "truncated",
        "encoding_repaired",
        "renamed",
        "malformed",
        "encrypted",
        "no_text_layer",
        "extraction_failed",
    }
)
# Run facts that must be the same for rows to be reused.
SAME_FACTS = ("kortrade_version", "kortrade_sha256", "reference_date", "columns")


@dataclass(frozen=True)
class Reused:
    """A document whose rows the previous run's outputs hold (it passes through the engines as it is):
    its documents row (as values) and clean text; its other rows are copied when it comes out."""

    document: dict[str, object]
    clean_text: str


class _Records:
    """The records of one previous table, read one at a time with the raw text each was written as."""

    def __init__(self, path: Path) -> None:
        self.handle: IO[str] = open(path, encoding="utf-8", newline="")  # noqa: SIM115 -- closed by close()
        self.parts: list[str] = []
        self.reader = csv.reader(self._lines())
        self.header = next(self.reader, [])
        self.pending: tuple[list[str], str] | None = None
        self._advance()

    def _lines(self) -> Iterator[str]:
        for line in self.handle:
            self.parts.append(line)
            yield line

    def _advance(self) -> None:
        self.parts.clear()
        cells = next(self.reader, None)
        self.pending = None if cells is None else (cells, "".join(self.parts))

    def take(self, doc_id: str) -> list[tuple[list[str], str]]:
        """The records of `doc_id` (cells and raw text), skipping those of documents before it."""
        taken = []
        while self.pending is not None and self.pending[0][0] <= doc_id:
            if self.pending[0][0] == doc_id:
                taken.append(self.pending)
            self._advance()
        return taken

    def close(self) -> None:
        self.handle.close()


class PreviousRun:
    """The previous outputs in OUT, read in step with a run to reuse the rows of unchanged documents."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.tables = {name: _Records(out / f"{name}.csv") for name in SCHEMAS}
        self.fact_tables = {name: records for name, records in self.tables.items() if name != "documents"}
        self.n_reused = 0

    @classmethod
    def open(cls, out: str | os.PathLike[str], facts: Mapping[str, object]) -> PreviousRun | None:
        """The previous run in OUT when its facts match these and its tables are all there, else None."""
        out = Path(out)
        try:
            info = json.loads((out / INFO_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(info, dict) or any(info.get(key) != facts.get(key) for key in SAME_FACTS):
            return None
        if not all((out / f"{name}.csv").is_file() for name in SCHEMAS):
            return None
        try:
            return cls(out)
        except (OSError, csv.Error, UnicodeDecodeError):
            return None

    def mark(self, items: Iterator[SourceFile | RawDocument]) -> Iterator[SourceFile | RawDocument | Reused]:
        """The run's items, read here, with those the previous run holds unchanged as `Reused`."""
        documents = self.tables["documents"]
        columns = {name: index for index, name in enumerate(documents.header)}
        for item in items:
            raw = read(item) if isinstance(item, SourceFile) else item
            previous = documents.take(raw.source.doc_id)
            clean = None
            if previous and raw.sha256 and self._reusable(previous[0][0], columns, raw.sha256):
                clean = self._clean_text(raw.source.doc_id)
            yield raw if clean is None else Reused(typed_row(documents.header, previous[0][0]), clean)

    def _clean_text(self, doc_id: str) -> str | None:
        try:
            return (self.out / CLEAN_DIR / f"{doc_id}.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    @staticmethod
    def _reusable(cells: list[str], columns: dict[str, int], sha256: str) -> bool:
        flags = set(cells[columns["flags"]].split(";"))
        return cells[columns["sha256"]] == sha256 and not flags & NOT_REUSED_FLAGS

    def rows(self, reused: Reused) -> dict[str, str]:
        """The rows of a reused document in each table but documents, as the CSV text they were written as.

        Called in doc_id order, from the thread reading the results (`mark` reads documents.csv
        in the thread feeding the engine).
        """
        self.n_reused += 1
        doc_id = str(reused.document["doc_id"])
        return {name: "".join(raw for _, raw in records.take(doc_id)) for name, records in self.fact_tables.items()}

    def close(self) -> None:
        for records in self.tables.values():
            records.close()


def typed_row(header: list[str], cells: list[str]) -> dict[str, object]:
    """A documents row read back with the values it was written from (numbers as numbers, empty as missing)."""
    kinds = SCHEMAS["documents"]
    row: dict[str, object] = {}
    for name, cell in zip(header, cells, strict=False):
        kind = kinds.get(name, "str")
        row[name] = cell if kind == "str" else (None if cell == "" else int(cell) if kind == "int" else float(cell))
    return row
