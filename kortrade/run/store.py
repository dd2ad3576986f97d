"""An extraction on disk: written staged and committed at once, and read back.

A run writes into a staging folder inside OUT (`.extract-<pid>.part/`),
appending each table in chunks as documents arrive, so memory does not grow
with the corpus. Only when the run completes are the files moved into place
(one rename each) and `extract.json` written last; an interrupted run leaves
the previous outputs as they were.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd

from .tables import SCHEMAS, csv_records, frame, read_csv

INFO_FILE = "extract.json"
CLEAN_DIR = "clean"
STAGING_PREFIX = ".extract-"
RETIRED_PREFIX = ".clean-old-"


class TableStore:
    """Appends rows to the staged CSV tables of one run and commits them into OUT."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        remove_abandoned_staging(self.out)
        self.staging = self.out / f"{STAGING_PREFIX}{os.getpid()}.part"
        shutil.rmtree(self.staging, ignore_errors=True)
        (self.staging / CLEAN_DIR).mkdir(parents=True)
        self._folders = {self.staging / CLEAN_DIR}  # folders of clean texts made so far
        self._open_files = ExitStack()
        self._files: dict[str, IO[str]] = {}
        for name in SCHEMAS:
            path = self.staging / f"{name}.csv"
            handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 -- closed by the ExitStack
            self._files[name] = self._open_files.enter_context(handle)
            write_frame(frame(name, []), self._files[name], header=True)

    def add_clean_text(self, doc_id: str, text: str) -> None:
        target = self.staging / CLEAN_DIR / f"{doc_id}.txt"
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        target.write_text(text, encoding="utf-8")

    def append(self, name: str, rows: Iterable[Mapping[str, object]] | pd.DataFrame) -> None:
        """Append rows (already in table order relative to what came before) to a table."""
        if isinstance(rows, pd.DataFrame):
            if len(rows):
                write_frame(rows, self._files[name], header=False)
            return
        self.append_csv(name, csv_text(name, rows))

    def append_csv(self, name: str, text: str) -> None:
        """Append rows already formatted by `csv_text` (in table order relative to what came before)."""
        self._files[name].write(text)

    def commit(self, info: Mapping[str, object]) -> None:
        """Move the staged files into OUT, replacing the previous run's, and write extract.json."""
        self._close_files()
        for name in SCHEMAS:
            os.replace(self.staging / f"{name}.csv", self.out / f"{name}.csv")
        previous, retired = self.out / CLEAN_DIR, self.out / f"{RETIRED_PREFIX}{os.getpid()}.part"
        if previous.exists():
            os.replace(previous, retired)
        os.replace(self.staging / CLEAN_DIR, previous)
        info_path = self.staging / INFO_FILE
        info_path.write_text(json.dumps(dict(info), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(info_path, self.out / INFO_FILE)
        shutil.rmtree(retired, ignore_errors=True)
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        """Drop the staged files; OUT keeps the previous run's outputs."""
        self._close_files()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _close_files(self) -> None:
        self._open_files.close()
        self._files = {}


def remove_abandoned_staging(out: Path) -> None:
    """Delete staging folders left by runs that were killed (their process is gone)."""
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):
        for folder in out.glob(f"{prefix}*.part"):
            pid = folder.name[len(prefix) : -len(".part")]
            if pid.isdigit() and not _process_alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_frame(df: pd.DataFrame, handle: IO[str], header: bool) -> None:
    """Append a table as RFC 4180 CSV; chunked writes give the same bytes as one write."""
    df.to_csv(handle, index=False, header=header, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def csv_text(name: str, rows: Iterable[Mapping[str, object]]) -> str:
    """The named table's rows as the CSV lines `TableStore.append` would write for them."""
    buffer = io.StringIO()
    csv_writer(buffer).writerows(csv_records(name, rows))
    return buffer.getvalue()


def csv_writer(handle: IO[str]):
    """A CSV writer with the dialect `write_frame` uses (so rows written either way are the same bytes)."""
    return csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


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
        """Write every table, `clean/<doc_id>.txt` and `extract.json` into `out`, committed at once."""
        store = TableStore(out)
        try:
            for name, df in self.tables.items():
                store.append(name, df)
            for doc_id, text in self.clean_texts.items():
                store.add_clean_text(doc_id, text)
        except BaseException:
            store.abort()
            raise
        store.commit(self.info)


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
