"""An extraction on disk: built beside OUT, swapped in whole, and read back.

A run writes into a staging folder beside OUT (`.<OUT>.extract-<pid>.part/`),
appending each table in chunks as documents arrive, so memory does not grow
with the corpus. Only when the run completes is the staged folder swapped with
OUT in one atomic rename (`renameat2(RENAME_EXCHANGE)`; where the system lacks
it, two renames, and a run killed between them has its previous OUT put back by
the next run). A reader sees the whole previous output or the whole new one,
never a mix. OUT holds only kortrade's outputs: a folder holding other files is
refused rather than replaced.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import errno
import glob
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
STAGING_MARK = ".extract-"
RETIRED_MARK = ".old-"
OUTPUT_NAMES = frozenset({*(f"{name}.csv" for name in SCHEMAS), CLEAN_DIR, INFO_FILE})
RENAME_EXCHANGE = 2
AT_FDCWD = -100
OPEN_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
OPEN_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


class OutputFolderError(ValueError):
    """OUT cannot be replaced by a run's outputs (it holds files kortrade did not write)."""


class TableStore:
    """Appends rows to the staged CSV tables of one run and swaps them in for OUT's."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.out = Path(os.path.realpath(out))
        check_output_folder(self.out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        recover_abandoned(self.out)
        self.staging = beside(self.out, STAGING_MARK)
        shutil.rmtree(self.staging, ignore_errors=True)
        self._open_files = ExitStack()
        self._files: dict[str, IO[str]] = {}
        # Clean texts are written relative to an open folder, one step at a time, so a doc_id
        # longer than the system's path limit still gets its file; `_folders` is where it stands.
        self._folder_fd = -1
        self._folders: list[str] = []
        try:
            self._open()
        except BaseException:  # a signal or a full disk while starting leaves no staging folder either
            self.abort()
            raise

    def _open(self) -> None:
        """Make the staging folder and open its tables (header rows written)."""
        (self.staging / CLEAN_DIR).mkdir(parents=True)
        self._folder_fd = os.open(self.staging / CLEAN_DIR, OPEN_FOLDER)
        for name in SCHEMAS:
            path = self.staging / f"{name}.csv"
            handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 -- closed by the ExitStack
            self._files[name] = self._open_files.enter_context(handle)
            write_frame(frame(name, []), self._files[name], header=True)

    def add_clean_text(self, doc_id: str, text: str) -> None:
        """Write `clean/<doc_id>.txt` (documents arrive in doc_id order, so folders are entered once)."""
        *folders, name = f"{doc_id}.txt".split("/")
        self._enter(folders)
        fd = os.open(name, OPEN_NEW_FILE, 0o666, dir_fd=self._folder_fd)
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)

    def _enter(self, folders: list[str]) -> None:
        """Stand in clean/<folders>, going up and down from where the last text was written."""
        common = 0
        while common < min(len(folders), len(self._folders)) and folders[common] == self._folders[common]:
            common += 1
        for _ in range(len(self._folders) - common):
            self._step("..")
        del self._folders[common:]
        for folder in folders[common:]:
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, dir_fd=self._folder_fd)
            self._step(folder)
            self._folders.append(folder)

    def _step(self, folder: str) -> None:
        fd = os.open(folder, OPEN_FOLDER, dir_fd=self._folder_fd)
        os.close(self._folder_fd)
        self._folder_fd = fd

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
        """Write extract.json, then put the staged folder in OUT's place at once."""
        self._close_files()
        info_text = json.dumps(dict(info), indent=1, sort_keys=True) + "\n"
        (self.staging / INFO_FILE).write_text(info_text, encoding="utf-8")
        if not os.path.lexists(self.out):
            os.rename(self.staging, self.out)
        elif not _exchange(self.staging, self.out):
            retired = beside(self.out, RETIRED_MARK)
            os.rename(self.out, retired)
            os.rename(self.staging, self.out)
            self.staging = retired
        shutil.rmtree(self.staging, ignore_errors=True)  # now the previous outputs

    def abort(self) -> None:
        """Drop the staged files; OUT keeps the previous run's outputs."""
        with contextlib.suppress(OSError):  # a full disk fails the close too; the folder goes anyway
            self._close_files()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _close_files(self) -> None:
        if self._folder_fd >= 0:
            os.close(self._folder_fd)
            self._folder_fd = -1
        files, self._files = self._open_files, {}
        self._open_files = ExitStack()
        files.close()


def beside(out: Path, mark: str) -> Path:
    """The hidden folder of this process next to OUT (`.<name><mark><pid>.part`)."""
    return out.parent / f".{out.name}{mark}{os.getpid()}.part"


def check_output_folder(out: str | os.PathLike[str]) -> None:
    """Raise OutputFolderError when OUT holds anything kortrade's outputs do not (it will be replaced whole)."""
    try:
        names = os.listdir(out)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OutputFolderError(f"{out} is a file, not a folder") from None
    foreign = sorted(n for n in names if n not in OUTPUT_NAMES and not n.startswith((".extract-", ".clean-old-")))
    if foreign:
        raise OutputFolderError(
            f"{out} holds files kortrade did not write ({foreign[0]!r}...); name a new or empty folder"
        )


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic rename; False where the system or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def recover_abandoned(out: Path) -> None:
    """Clean up after runs that were killed (their process is gone): delete their staging
    folders, and put back a previous OUT retired just before a kill (the two-rename swap)."""
    mine = out.parent.glob(f".{glob.escape(out.name)}*.part")
    folders = [*mine, *out.glob(".extract-*.part"), *out.glob(".clean-old-*.part")]  # and older versions' ones
    for folder in sorted(folders):
        pid = folder.name[: -len(".part")].rpartition("-")[2]
        if not pid.isdigit() or process_alive(int(pid)):
            continue
        if folder.parent == out.parent and RETIRED_MARK in folder.name and not os.path.lexists(out):
            os.rename(folder, out)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def process_alive(pid: int) -> bool:
    """Whether a process with that id runs (one that is not ours counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_frame(df: pd.DataFrame, handle: IO[str], header: bool) -> None:
    """Append a table as RFC 4180 CSV; chunked writes give the same bytes as one write."""
    text = df.to_csv(index=False, header=header, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if "\r" in text:  # rare: the rows holding a carriage return are written again, quoted (see csv_text)
        records = df.astype(object).where(df.notna(), None).values.tolist()
        text = text[: text.index("\n") + 1] * header + _quote_carriage_returns(records)
    handle.write(text)


def csv_text(name: str, rows: Iterable[Mapping[str, object]]) -> str:
    """The named table's rows as the CSV lines `TableStore.append` would write for them."""
    records = csv_records(name, rows)
    buffer = io.StringIO()
    csv_writer(buffer).writerows(records)
    text = buffer.getvalue()
    # One scan of the chunk: the csv module quotes only the line terminator's characters, so a
    # lone carriage return (a file name can hold one) would break the row when read back.
    return _quote_carriage_returns(records) if "\r" in text else text


def _quote_carriage_returns(records: list[list[object]]) -> str:
    """CSV lines where a row holding a carriage return has its text fields quoted."""
    buffer = io.StringIO()
    plain, quoted = csv_writer(buffer), csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    for record in records:
        if any(isinstance(field, str) and "\r" in field for field in record):
            quoted.writerow(["" if field is None else field for field in record])
        else:
            plain.writerow(record)
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
    clean_texts = {}
    # os.fwalk opens each folder relative to its parent, so a doc_id longer than the path limit is read too
    for folder, _, names, folder_fd in os.fwalk(out / CLEAN_DIR):
        prefix = Path(folder).relative_to(out / CLEAN_DIR).as_posix() + "/"
        for name in names:
            if name.endswith(".txt"):
                with open(
                    os.open(name, os.O_RDONLY | os.O_CLOEXEC, dir_fd=folder_fd), encoding="utf-8", newline=""
                ) as f:
                    clean_texts[(prefix + name[: -len(".txt")]).removeprefix("./")] = f.read()
    info_path = out / INFO_FILE
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.exists() else {}
    return Extraction(tables, dict(sorted(clean_texts.items())), info)
