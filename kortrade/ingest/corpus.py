"""Find the documents of a corpus folder and read them as bytes, with stable doc_ids.

The walk is recursive and follows symbolic links once: a link to a file is a
document of its own; a link to a folder outside the corpus is walked once,
while a link back into the corpus (a loop, or a second view of the same
files) is skipped; a dangling link is still listed, flagged `unreadable`. Hidden folders
(`.git`, `.ipynb_checkpoints`) are not part of a corpus.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Files larger than this are read up to the limit and flagged `truncated`.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One file of the corpus: where it is and the id it gets in every table."""

    doc_id: str
    relpath: str
    abspath: str


@dataclass(frozen=True)
class RawDocument:
    """The bytes of one corpus file, or the reason they could not be read."""

    source: SourceFile
    data: bytes
    sha256: str
    flags: tuple[str, ...] = ()
    problem: str = ""


def discover(corpus: str | os.PathLike[str]) -> list[SourceFile]:
    """List every file under `corpus`, sorted by doc_id, each with a unique doc_id."""
    root = Path(corpus)
    relpaths = sorted(_walk(root), key=lambda rel: rel.as_posix())
    stems = [rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix() for rel in relpaths]
    taken: dict[str, int] = {}
    for stem in stems:
        taken[stem] = taken.get(stem, 0) + 1
    files = []
    for rel, stem in zip(relpaths, stems):
        doc_id = stem if taken[stem] == 1 else rel.as_posix()
        files.append(SourceFile(doc_id=doc_id, relpath=rel.as_posix(), abspath=str(root / rel)))
    return sorted(files, key=lambda f: f.doc_id)


def _walk(root: Path) -> list[PurePosixPath]:
    """Relative paths of all files below root, following each folder link once."""
    found: list[PurePosixPath] = []
    root_real = os.path.realpath(root)
    seen_dirs = {root_real}
    stack = [PurePosixPath()]
    while stack:
        rel_dir = stack.pop()
        try:
            entries = sorted(os.scandir(root / rel_dir), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = rel_dir / entry.name
            if _is_dir(entry):
                real = os.path.realpath(entry.path)
                if entry.name.startswith(".") or real in seen_dirs:
                    continue
                if entry.is_symlink() and _inside(real, root_real):
                    continue  # a link back into the corpus would list its files twice
                seen_dirs.add(real)
                stack.append(rel)
            else:
                found.append(rel)
    return found


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def read(source: SourceFile) -> RawDocument:
    """Read a file's bytes; a dangling link, a loop or a permission error gives `unreadable`."""
    try:
        with open(source.abspath, "rb") as handle:
            # read(n) sets n bytes aside first: a file of known size within the limit is read whole
            size = os.fstat(handle.fileno()).st_size
            data = handle.read() if 0 < size <= MAX_DOCUMENT_BYTES else handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return RawDocument(source, b"", "", ("unreadable",), f"cannot read: {reason}")
    flags: tuple[str, ...] = ()
    problem = ""
    if len(data) > MAX_DOCUMENT_BYTES:
        data = data[:MAX_DOCUMENT_BYTES]
        flags = ("truncated",)
        problem = f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB, read up to that size"
    return RawDocument(source, data, hashlib.sha256(data).hexdigest(), flags, problem)


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
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.suffix in {".py", ".tsv", ".txt", ".json"} and p.is_file())
    return fingerprint((p.relative_to(package).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest()) for p in files)
