"""Article exports: JSONL, CSV and Parquet files holding one article per row, read row by row.

Each row is a document of its own (a `RawDocument`): doc_id `<export>/<row>`, where the row
is the line it starts on (JSONL, CSV) or its position (Parquet, from 1), zero-padded to the
width of the file's line or row count so that ids sort as the rows come. Its bytes are the
text column as UTF-8, its `sha256` the hash of the row's own bytes (the JSONL line, the CSV
record) or of its values (Parquet), and its `metadata` the other recognised columns (title,
outlet, authors, published, url, language), which take precedence over what is read from the
text (flag `metadata_from_source`).

Columns are recognised by the names of `data/ingest/export_columns.tsv`, or named with
`--columns text=body,date=pubdate` (`parse_columns`). A row that cannot be read (broken JSON,
not an object, a wrong number of cells, no text field) is kept as a document flagged
`malformed`, without text, and the file goes on. A file that cannot be opened, or holds no
text column, is one row `<export>/` flagged `unreadable`; one without rows, `<export>/` flagged
`empty`.

Nothing is held whole: lines and records are read one at a time (a line longer than
`MAX_LINE_BYTES` is skipped in pieces), Parquet in record batches of the needed columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import BinaryIO

from ..common.dates import find_absolute_dates
from ..common.resources import data_rows
from .corpus import MAX_DOCUMENT_BYTES, NotReadable, RawDocument, SourceFile, is_export, open_regular
from .metadata import known_outlet

# A line (JSONL) or physical line of a record (CSV) longer than this is not read.
MAX_LINE_BYTES = MAX_DOCUMENT_BYTES
# A row's text longer than this (in characters) is cut there and flagged `truncated`.
MAX_ROW_CHARS = 2 * 2**20
# Rows of a Parquet file read at a time.
PARQUET_BATCH = 64
READ_CHUNK = 2**20
FIELD_NAMES = ("text", "title", "published", "outlet", "url", "authors", "language")
# Names a `--columns` field may also be given by.
FIELD_ALIASES = {"date": "published", "source": "outlet", "author": "authors", "body": "text", "headline": "title"}
CSV_DELIMITERS = ",;\t|"
AUTHOR_SEPARATORS = re.compile(r"\s*[;|]\s*|\s+and\s+")
ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])")
LANGUAGE_CODE = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]+)?", re.IGNORECASE)


def parse_columns(spec: str) -> dict[str, str]:
    """`text=body,date=pubdate` as {field: column}; ValueError naming what is wrong."""
    columns: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, column = part.partition("=")
        field = FIELD_ALIASES.get(name.strip().lower(), name.strip().lower())
        if not sep or not column.strip():
            raise ValueError(f"not FIELD=COLUMN: {part!r}")
        if field not in FIELD_NAMES:
            raise ValueError(f"unknown field {name!r} (fields: {', '.join(FIELD_NAMES)})")
        columns[field] = column.strip()
    return columns


@cache
def recognised_names() -> dict[str, tuple[str, ...]]:
    """Field -> the column names it is recognised by, in order (`data/ingest/export_columns.tsv`)."""
    return {
        row["field"]: tuple(_name_key(n) for n in row["names"].split("|"))
        for row in data_rows("ingest/export_columns.tsv")
    }


def _name_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name).casefold()


def resolve_columns(names: Iterable[str], given: Mapping[str, str]) -> dict[str, str]:
    """Field -> column of these columns: the one named with `--columns`, else the first recognised name."""
    names = list(names)
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(_name_key(str(name)), name)
    resolved: dict[str, str] = {}
    for field, candidates in recognised_names().items():
        if field in given and given[field] in names:
            resolved[field] = given[field]
            continue
        column = next((by_key[key] for key in candidates if key in by_key), None)
        if column is not None:
            resolved[field] = column
    return resolved


def expand(items: Iterable[SourceFile], columns: Mapping[str, str]) -> Iterator[SourceFile | RawDocument]:
    """The corpus as units of work: plain files as they are, each export as its rows (streamed)."""
    for source in items:
        if is_export(source.relpath) and "unreadable" not in source.flags:
            yield from rows(source, columns)
        else:
            yield source


def rows(export: SourceFile, columns: Mapping[str, str]) -> Iterator[RawDocument]:
    """The documents of one export file, in row order (which is doc_id order)."""
    reader = {".jsonl": _jsonl_rows, ".csv": _csv_rows, ".parquet": _parquet_rows}[_extension(export.relpath)]
    try:
        handle = open_regular(export.abspath)
    except NotReadable as error:
        yield _file_row(export, "unreadable", str(error))
        return
    last = None
    with handle:
        try:
            for last in reader(export, handle, columns):
                yield last
        except _FileProblem as problem:
            if last is not None:  # rows were read: the rest of the file is one malformed row after them
                row_id = problem.row_id or last.source.doc_id.rpartition("/")[2] + "~"
                yield _malformed(export, row_id, b"", str(problem))
            else:
                yield _file_row(export, "unreadable", str(problem))
            return
    if last is None:
        yield _file_row(export, "empty", "an export without rows")


class _FileProblem(Exception):
    """The export cannot be read (further); `row_id` is where it stopped."""

    def __init__(self, message: str, row_id: str = "") -> None:
        super().__init__(message)
        self.row_id = row_id


def _extension(path: str) -> str:
    return "." + path.rsplit(".", 1)[-1].lower()


def _file_row(export: SourceFile, flag: str, problem: str) -> RawDocument:
    source = SourceFile(export.doc_id + "/", export.relpath, export.abspath, export.flags, export.remark)
    return RawDocument(source, b"", "", (*export.flags, flag), "; ".join(filter(None, (problem, export.remark))))


def _row_source(export: SourceFile, row_id: str) -> SourceFile:
    return SourceFile(f"{export.doc_id}/{row_id}", export.relpath, export.abspath, export.flags)


def _malformed(export: SourceFile, row_id: str, raw: bytes, problem: str) -> RawDocument:
    sha = hashlib.sha256(raw).hexdigest() if raw else ""
    return RawDocument(_row_source(export, row_id), b"", sha, (*export.flags, "malformed"), f"row {row_id}: {problem}")


def _document(
    export: SourceFile,
    row_id: str,
    raw: bytes,
    record: Mapping[str, object],
    columns: dict[str, str],
    repaired: bool = False,
) -> RawDocument:
    """One row as a document: its text column, and the metadata its other columns state."""
    if "text" not in columns:
        return _malformed(export, row_id, raw, "no text column (name one with --columns text=NAME)")
    text = record.get(columns["text"])
    if text is not None and not isinstance(text, str):
        return _malformed(export, row_id, raw, f"the text column holds {type(text).__name__}, not text")
    text = text or ""
    flags = list(export.flags)
    problems = []
    if len(text) > MAX_ROW_CHARS:
        text = text[:MAX_ROW_CHARS]
        flags.append("truncated")
        problems.append(f"row {row_id}: text longer than {MAX_ROW_CHARS // 2**20} M characters, read up to that")
    if repaired:
        flags.append("encoding_repaired")
    metadata = source_metadata({field: record.get(column) for field, column in columns.items() if field != "text"})
    if metadata.keys() & {"title", "outlet", "authors", "published"}:
        flags.append("metadata_from_source")
    sha = hashlib.sha256(raw).hexdigest()
    return RawDocument(
        _row_source(export, row_id),
        text.encode("utf-8", "surrogatepass"),
        sha,
        tuple(flags),
        "; ".join(problems),
        metadata,
    )


def source_metadata(values: Mapping[str, object]) -> dict[str, str]:
    """What an export's columns state, normalised as the tables write it; empty values left out."""
    found: dict[str, str] = {}
    title = " ".join(_text(values.get("title")).split())
    outlet = " ".join(_text(values.get("outlet")).split())
    authors = [a.removeprefix("By ").strip() for a in _authors(values.get("authors"))]
    date = _date(values.get("published"))
    language = LANGUAGE_CODE.fullmatch(_text(values.get("language")).strip())
    found = {
        "title": title,
        "outlet": known_outlet(outlet) or outlet,
        "authors": ";".join(a for a in authors if a),
        "published": date[0] if date else "",
        "date_precision": date[1] if date else "",
        "url": _text(values.get("url")).strip(),
        "language": language[1].lower() if language else "",
    }
    return {key: value for key, value in found.items() if value}


def _text(value: object) -> str:
    if value is None or isinstance(value, (dict, list, tuple, bytes)):
        return ""
    return str(value)


def _authors(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [_text(v).strip() for v in value]
    return AUTHOR_SEPARATORS.split(_text(value).strip())


def _date(value: object) -> tuple[str, str] | None:
    """(ISO date, precision) of a date column: a date object, an ISO or written date, or a Unix time."""
    if isinstance(value, dt.datetime | dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat(), "day"
    if isinstance(value, int | float) and not isinstance(value, bool) and 1e8 < value < 1e14:
        seconds = value / 1000 if value > 1e11 else value  # milliseconds or seconds since 1970
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat(), "day"
    text = _text(value).strip()
    match = ISO_PREFIX.match(text)
    if match:
        year, month, day = match.groups()
        try:
            if day:
                return dt.date(int(year), int(month), int(day)).isoformat(), "day"
            if month and 1 <= int(month) <= 12:
                return f"{year}-{month}", "month"
            return (year, "year") if not month and len(text) == 4 else None
        except ValueError:
            return None
    dates = find_absolute_dates(text)
    return (dates[0].iso, dates[0].precision) if dates else None


def _row_width(count: int) -> int:
    return len(str(max(count, 1)))


def _count_lines(handle: BinaryIO) -> int:
    """Lines of the file (one more when the last lacks its newline), read in chunks; the handle is rewound."""
    count, last = 0, b"\n"
    while chunk := handle.read(READ_CHUNK):
        count += chunk.count(b"\n")
        last = chunk[-1:]
    handle.seek(0)
    return count + (last != b"\n")


def _lines(handle: BinaryIO | _GuardedReader) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line longer than MAX_LINE_BYTES (skipped unread)."""
    number = 0
    while line := handle.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (more := handle.readline(READ_CHUNK)) and not more.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _decode(line: bytes) -> tuple[str, bool]:
    """A line as text, and whether undecodable bytes were replaced."""
    try:
        return line.decode("utf-8"), False
    except UnicodeDecodeError:
        return line.decode("utf-8", "replace"), True


def _jsonl_rows(export: SourceFile, handle: BinaryIO, columns: Mapping[str, str]) -> Iterator[RawDocument]:
    width = _row_width(_count_lines(handle))
    resolved: dict[tuple[str, ...], dict[str, str]] = {}
    for number, line in _lines(_GuardedReader(handle)):
        row_id = str(number).zfill(width)
        if line is None:
            yield _malformed(export, row_id, b"", f"a line longer than {MAX_LINE_BYTES // 2**20} MB")
            continue
        if not line.strip():
            continue
        text, repaired = _decode(line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line)
        try:
            record = json.loads(text)
        except ValueError as error:
            yield _malformed(export, row_id, line, f"not JSON ({str(error).split(':')[0]})")
            continue
        if not isinstance(record, dict):
            yield _malformed(export, row_id, line, f"a JSON {type(record).__name__}, not an object")
            continue
        keys = tuple(record)
        if keys not in resolved:
            resolved[keys] = resolve_columns(keys, columns)
        yield _document(export, row_id, line, record, resolved[keys], repaired)


class _GuardedReader:
    """Reads lines from a binary file, turning an OSError into _FileProblem (rows read before it are kept)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle

    def readline(self, size: int = -1) -> bytes:
        try:
            return self.handle.readline(size)
        except OSError as error:
            raise _FileProblem(f"cannot read further: {error.strerror or type(error).__name__}") from None


def _csv_rows(export: SourceFile, handle: BinaryIO, columns: Mapping[str, str]) -> Iterator[RawDocument]:
    width = _row_width(_count_lines(handle))
    lines = _RecordLines(_lines(_GuardedReader(handle)))
    first = next(lines.source, None)
    if first is None:
        return
    header_text, _ = _decode((first[1] or b"").removeprefix(b"\xef\xbb\xbf"))
    delimiter = max(CSV_DELIMITERS, key=header_text.count)
    header = next(csv.reader([header_text], delimiter=delimiter), [])
    resolved = resolve_columns(header, columns)
    if "text" not in resolved:
        shown = ", ".join(header[:8]) + (", ..." if len(header) > 8 else "")
        raise _FileProblem(f"no text column among {shown} (name one with --columns text=NAME)")
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        lines.start_record()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row_id = str(lines.first_line).zfill(width)
            yield _malformed(export, row_id, lines.raw(), f"not CSV ({error})")
            continue
        row_id = str(lines.first_line).zfill(width)
        if lines.too_long:
            yield _malformed(export, row_id, lines.raw(), f"a line longer than {MAX_LINE_BYTES // 2**20} MB")
        elif not any(cell.strip() for cell in cells):
            continue
        elif len(cells) != len(header):
            yield _malformed(export, row_id, lines.raw(), f"{len(cells)} cells where the header has {len(header)}")
        else:
            yield _document(
                export, row_id, lines.raw(), dict(zip(header, cells, strict=True)), resolved, lines.repaired
            )


class _RecordLines:
    """The decoded lines fed to the csv reader, remembering the raw bytes and first line of the current record."""

    def __init__(self, source: Iterator[tuple[int, bytes | None]]) -> None:
        self.source = source
        self.start_record()

    def start_record(self) -> None:
        self.parts: list[bytes] = []
        self.first_line = 0
        self.too_long = self.repaired = False

    def raw(self) -> bytes:
        return b"".join(self.parts)

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        number, line = next(self.source)
        self.first_line = self.first_line or number
        if line is None:
            self.too_long = True
            return "\n"
        self.parts.append(line)
        text, repaired = _decode(line)
        self.repaired |= repaired
        return text


def _parquet_rows(export: SourceFile, handle: BinaryIO, columns: Mapping[str, str]) -> Iterator[RawDocument]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(handle)
    except (pa.ArrowException, OSError, ValueError) as error:
        raise _FileProblem(f"not a Parquet file ({_first_line(error)})") from None
    names = parquet.schema_arrow.names
    resolved = resolve_columns(names, columns)
    if "text" not in resolved:
        raise _FileProblem(f"no text column among {', '.join(names[:8])} (name one with --columns text=NAME)")
    width = _row_width(parquet.metadata.num_rows)
    number = 0
    wanted = sorted(set(resolved.values()), key=names.index)
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for record in batch.to_pylist():
                number += 1
                raw = json.dumps(record, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8", "replace")
                yield _document(export, str(number).zfill(width), raw, record, resolved)
    except (pa.ArrowException, OSError, ValueError) as error:
        raise _FileProblem(f"unreadable from here on ({_first_line(error)})", str(number + 1).zfill(width)) from None


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
