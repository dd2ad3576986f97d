"""Text of a Word file (`.docx`) through python-docx: paragraphs, headings and tables, in order.

Each paragraph or heading is a line; each table row is a line of its cells joined by ` | `
(a cell merged over several columns counted once). The file's core properties (title, author)
are returned apart: the caller uses them only where the text names none.

A `.docx` is a zip archive, and python-docx reads every part into memory, so the archive is
checked first: parts that would expand beyond `MAX_EXPANDED_BYTES` (a zip bomb), or that expand
beyond the size their headers declare, are refused unread. A file that is not a Word archive is
`unreadable`; each refusal is one line.
"""

from __future__ import annotations

import io
import zipfile

from .converted import Converted

# Most bytes the parts of one Word file may expand to (text, styles and images together).
MAX_EXPANDED_BYTES = 256 * 2**20
READ_CHUNK = 2**20
CELL_SEPARATOR = " | "


class _Refused(Exception):
    """The archive is not read; the message says why."""


def is_word(path: str, data: bytes) -> bool:
    """A Word file by its extension (a zip archive of any other name is not read as one)."""
    return path.lower().endswith(".docx")


def read_word(data: bytes) -> Converted:
    """The text and core properties of a `.docx`, or the reason it cannot be read."""
    try:
        _check_archive(data)
        import docx

        document = docx.Document(io.BytesIO(data))
    except _Refused as refusal:
        return Converted("", flags=("unreadable",), problem=str(refusal))
    except Exception as error:  # noqa: BLE001 -- python-docx raises many kinds on a damaged archive
        reason = ": ".join(filter(None, (type(error).__name__, str(error).split("\n")[0][:80])))
        return Converted("", flags=("unreadable",), problem=f"not a readable Word file ({reason})")
    lines = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
        else:
            lines.append(" ".join(block.text.split()))
    text = "\n".join(line for line in lines if line)
    return Converted(text, _metadata(document.core_properties))


def _check_archive(data: bytes) -> None:
    """Refuse an archive that is not one, or whose parts expand too far (declared or actual)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _Refused("not a Word file (not a zip archive)") from None
    with archive:
        members = archive.infolist()
        declared = sum(m.file_size for m in members)
        if declared > MAX_EXPANDED_BYTES:
            mb = declared // 2**20
            raise _Refused(f"Word file refused: its parts would expand to {mb} MB (a zip bomb?)")
        if "word/document.xml" not in archive.namelist():
            raise _Refused("not a Word file (no word/document.xml in the archive)")
        for member in members:  # headers can lie: count what each part really expands to
            expanded = 0
            try:
                with archive.open(member) as part:
                    while chunk := part.read(READ_CHUNK):
                        expanded += len(chunk)
                        if expanded > member.file_size:
                            raise _Refused(f"Word file refused: {member.filename} expands beyond its declared size")
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as error:
                raise _Refused(f"not a readable Word file ({type(error).__name__}: {error})") from None


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # a merged cell repeats across its columns
                cells.append(text)
        lines.append(CELL_SEPARATOR.join(cells))
    return lines


def _metadata(properties) -> dict[str, str]:
    # The creation date is when the file was made, not when the text was published: it is not read.
    found = {
        "title": " ".join((properties.title or "").split()),
        "authors": " ".join((properties.author or "").split()),
    }
    return {key: value for key, value in found.items() if value}
