"""Find the documents of a corpus folder and read them as bytes, with unique, stable doc_ids.

The walk is recursive and follows symbolic links once: a link to a file is a
document of its own; a link to a folder outside the corpus is walked once,
while a link back into the corpus (a loop, or a second view of the same
files) is skipped; a dangling link is still listed, flagged `unreadable`. Hidden folders
(`.git`, `.ipynb_checkpoints`) and the folders given as `skip` (the run's own output)
are not part of a corpus. Only regular files are read (up to `MAX_DOCUMENT_BYTES`); a
FIFO, a device or a socket is listed `unreadable` without being opened for a blocking
read, and a folder that cannot be listed (no permission, a path longer than the system
allows) gets a row of its own, doc_id `<folder>/`, flagged `unreadable`.

The listing streams: folders are listed one at a time, in doc_id order, so memory
holds the folders along the current path, never the whole corpus.

An article export (`.jsonl`, `.csv`, `.parquet`: one article per row, see `exports`) is
named like a folder, its rows being its documents (`news.jsonl/0017`): its id keeps its
extension and is kept apart from a folder's, so its rows' clean texts have a folder of their own.

doc_id rule (README, data contract): the path relative to the corpus, `/`-separated,
without the file's last extension (`nested/a` for `nested/a.txt`). Each name is made
text first: bytes that are not UTF-8 are written `\\xNN` and a name longer than
`MAX_COMPONENT_BYTES` is cut and ends in `~` and a hash of its bytes (flag `renamed`).
Ids must differ within a folder even where case or Unicode normal form is ignored
(clean texts are `clean/<doc_id>.txt`, and a file `b` beside a folder `b.txt/` would
claim the same path). Files that would clash keep their extension (`a.txt`, `a.md`,
`a.txt.md`); those still clashing (`A.txt`, `a.txt`), and a file clashing with a folder,
end in `~` and a hash of their name's bytes. The id depends only on the names in the
file's own folder, so the same corpus always gives the same ids.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

# Files larger than this are read up to the limit and flagged `truncated`.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# Longest doc_id component in UTF-8 bytes: `<component>.txt` must fit a file name (255 bytes).
MAX_COMPONENT_BYTES = 251
HASH_CHARS = 10
# Files holding one article per row: their rows are the documents (kortrade.ingest.exports).
EXPORT_EXTENSIONS = (".jsonl", ".csv", ".parquet")
NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


@dataclass(frozen=True)
class SourceFile:
    """One file of the corpus: where it is and the id it gets in every table.

    `relpath` is printable text; `abspath` is what `open` takes (it may hold the surrogate
    escapes of a name that is not UTF-8). `flags` and `remark` say what the listing met.
    """

    doc_id: str
    relpath: str
    abspath: str
    flags: tuple[str, ...] = ()
    remark: str = ""


@dataclass(frozen=True)
class RawDocument:
    """The bytes of one corpus file (or row of an export), or the reason they could not be read.

    `metadata` holds what the source itself states about the document (an export's columns:
    title, outlet, authors, published, date_precision, url, language); it takes precedence
    over what is read from the text.
    """

    source: SourceFile
    data: bytes
    sha256: str
    flags: tuple[str, ...] = ()
    problem: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)


class NotReadable(OSError):
    """A corpus path that is not a regular file that can be opened; the message says why."""


@dataclass(frozen=True)
class _Entry:
    """One name of a folder being listed."""

    name: str  # as os.scandir gives it
    path: str
    is_dir: bool  # a folder, or an export (named like one: its rows are its documents)
    text: str  # printable
    is_export: bool = False

    def stem(self) -> str:
        return self.text if self.is_dir else (PurePosixPath(self.text).stem or self.text)

    def forms(self) -> list[str]:
        """Candidate id components, most natural first; the last one holds a hash of the name's bytes."""
        plain = [self.stem()] if self.is_dir else [self.stem(), self.text]
        hashed = _hashed(self.name, self.stem(), force=True)
        return list(dict.fromkeys([*(_hashed(self.name, text) for text in plain), hashed]))


def discover(corpus: str | os.PathLike[str], skip: Iterable[str | os.PathLike[str]] = ()) -> Iterator[SourceFile]:
    """Every file under `corpus`, in doc_id order, each with a unique doc_id (streamed)."""
    root = Path(corpus)
    root_real = os.path.realpath(root)
    skipped = {_identity(str(path)) for path in skip} - {None}
    linked: set[str] = set()  # folders outside the corpus already walked through a link
    start = _identity(str(root))
    stack = [_listing(str(root), "", "", {start} if start else set(), root_real, skipped, linked)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, SourceFile):
            yield item
        else:
            stack.append(_listing(*item, root_real, skipped, linked))


def _listing(
    path: str, rel: str, doc_prefix: str, ancestors: set, root_real: str, skipped: set, linked: set[str]
) -> Iterator[SourceFile | tuple]:
    """One folder's files (SourceFile) and subfolders (arguments of their own listing), in doc_id order."""
    try:
        with os.scandir(path) as listing:
            entries = [_entry(e) for e in listing]
    except OSError as error:
        reason = error.strerror or type(error).__name__
        yield SourceFile(f"{doc_prefix}", f"{rel}", path, ("unreadable",), f"cannot list folder: {reason}")
        return
    kept = []
    for entry in entries:
        if entry.is_dir and not entry.is_export:
            identity = _identity(entry.path)
            if entry.name.startswith(".") or (identity is not None and identity in ancestors | skipped):
                continue
        kept.append(entry)
    ids = assign_ids(kept)
    for entry in sorted(kept, key=lambda e: ids[e.name] + ("/" if e.is_dir else "")):
        doc_id = doc_prefix + ids[entry.name]
        relpath = rel + entry.text
        if entry.is_export:
            renamed = ids[entry.name] != entry.text
            remark = f"name not UTF-8, too long or clashing: rows under {doc_id}/" if renamed else ""
            yield SourceFile(doc_id, relpath, entry.path, ("renamed",) * renamed, remark)
        elif entry.is_dir:
            if os.path.islink(entry.path):
                real = os.path.realpath(entry.path)
                if _inside(real, root_real) or real in linked:
                    continue  # a link back into the corpus, or a second one to a folder, would list files twice
                linked.add(real)
            yield (entry.path, relpath + "/", doc_id + "/", ancestors | {_identity(entry.path)})
        elif entry.text != entry.name or ids[entry.name] not in (entry.stem(), entry.text):
            remark = f"name not UTF-8, too long or clashing: doc_id {doc_id}"
            yield SourceFile(doc_id, relpath, entry.path, ("renamed",), remark)
        else:
            yield SourceFile(doc_id, relpath, entry.path)


def assign_ids(entries: list[_Entry]) -> dict[str, str]:
    """The id component of each entry of one folder, unique ignoring case and Unicode form.

    Clashing entries move to their next form: first those not yet at their full name (a
    file keeps its extension), then all of them (a hash); a folder gives way only to
    folders, so a file beside it moves instead.
    """
    forms = {e.name: e.forms() for e in entries}
    full = {e.name: _hashed(e.name, e.text) for e in entries}
    level = dict.fromkeys(forms, 0)
    kinds = {e.name: e.is_dir for e in entries}
    moved = True
    while moved:
        groups: dict[str, list[str]] = {}
        for name, options in forms.items():
            groups.setdefault(_key(options[level[name]], kinds[name]), []).append(name)
        moved = False
        for group in (group for group in groups.values() if len(group) > 1):
            has_file = not all(kinds[name] for name in group)
            movable = [n for n in group if level[n] + 1 < len(forms[n]) and not (kinds[n] and has_file)]
            short = [n for n in movable if forms[n][level[n]] != full[n]]
            for name in short or movable:
                level[name] += 1
                moved = True
    ids = {name: options[level[name]] for name, options in forms.items()}
    counts = Counter(_key(ids[name], kinds[name]) for name in ids)
    for number, name in enumerate(sorted(n for n in ids if counts[_key(ids[n], kinds[n])] > 1), start=2):
        ids[name] = f"{ids[name]}~{number}"  # hashes that clash too: numbered in name order
    return ids


def _entry(entry: os.DirEntry[str]) -> _Entry:
    is_dir = _is_dir(entry)
    export = not is_dir and is_export(entry.name)
    return _Entry(entry.name, entry.path, is_dir or export, printable(entry.name), export)


def is_export(name: str) -> bool:
    """A file holding one article per row, by its extension."""
    return name.lower().endswith(EXPORT_EXTENSIONS)


def printable(name: str) -> str:
    """A name as text: bytes that are not UTF-8 (surrogate escapes from `os.scandir`) as `\\xNN`."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _hashed(name: str, text: str, force: bool = False) -> str:
    """`text`, or (when forced, or too long for a file name) its start, `~` and a hash of the name's bytes."""
    if not force and len(text.encode("utf-8")) <= MAX_COMPONENT_BYTES:
        return text
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:HASH_CHARS]
    head = text.encode("utf-8")[: MAX_COMPONENT_BYTES - HASH_CHARS - 1].decode("utf-8", "ignore")
    return f"{head}~{digest}"


def _key(component: str, is_dir: bool) -> str:
    """What a file system that ignores case and Unicode form sees of a clean-text path component."""
    return unicodedata.normalize("NFC", (component if is_dir else component + ".txt").casefold())


def _identity(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def read(source: SourceFile) -> RawDocument:
    """Read a regular file's bytes; anything else (a dangling link, a loop, a FIFO, no permission) is `unreadable`."""
    if "unreadable" in source.flags:
        return RawDocument(source, b"", "", source.flags, source.remark)
    try:
        with open_regular(source.abspath) as handle:
            # read(n) sets n bytes aside first: a file of known size within the limit is read whole
            size = os.fstat(handle.fileno()).st_size
            data = handle.read() if 0 < size <= MAX_DOCUMENT_BYTES else handle.read(MAX_DOCUMENT_BYTES + 1)
    except NotReadable as error:
        return _unreadable(source, str(error))
    except OSError as error:
        return _unreadable(source, f"cannot read: {error.strerror or type(error).__name__}")
    flags = source.flags
    problems = [source.remark] if source.remark else []
    if len(data) > MAX_DOCUMENT_BYTES:
        data = data[:MAX_DOCUMENT_BYTES]
        flags += ("truncated",)
        problems.append(f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB, read up to that size")
    return RawDocument(source, data, hashlib.sha256(data).hexdigest(), flags, "; ".join(problems))


def open_regular(path: str) -> BinaryIO:
    """Open a regular file for reading; NotReadable for anything else (a FIFO, a device) or an error."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it changes nothing for regular files
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise NotReadable(f"cannot read: {error.strerror or type(error).__name__}") from None
    handle = open(fd, "rb")  # noqa: SIM115 -- returned to the caller, who closes it
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise NotReadable(f"not read: {NOT_REGULAR.get(stat.S_IFMT(mode), 'not a regular file')}")
    return handle


def _unreadable(source: SourceFile, problem: str) -> RawDocument:
    problem = "; ".join(filter(None, (problem, source.remark)))
    return RawDocument(source, b"", "", (*source.flags, "unreadable"), problem)


def fingerprint(pairs: Iterable[tuple[str, str]]) -> str:
    """One hash for a corpus from its (doc_id, sha256 of bytes) pairs, in any order."""
    digest = hashlib.sha256()
    for doc_id, sha in sorted(pairs):
        digest.update(f"{doc_id}\t{sha}\n".encode())
    return digest.hexdigest()


def corpus_hash(corpus: str | os.PathLike[str]) -> str:
    """The fingerprint of the corpus folder as it is on disk now."""
    return fingerprint((source.doc_id, read(source).sha256) for source in discover(corpus))


def package_fingerprint() -> str:
    """A hash of kortrade's own code and vocabularies: tables extracted by other rules are stale."""
    package = Path(__file__).parent.parent
    files = sorted(p for p in package.rglob("*") if p.suffix in {".py", ".tsv", ".txt", ".json"} and p.is_file())
    return fingerprint((p.relative_to(package).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in files)
