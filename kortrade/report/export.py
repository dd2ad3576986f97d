"""The tables for spreadsheets and data tools: `tables.xlsx` (one sheet per table, every text cell
stored as text, so a title such as `=HYPERLINK(...)` never runs as a formula) and Parquet files.

Excel holds at most 32,767 characters in a cell and 1,048,576 rows in a sheet: a longer text is cut
and ends with `…[cut]`, a longer table continues on sheets `NAME 2`, `NAME 3`, …; the CSV and Parquet
files hold everything.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import formatting

TABLES = ("documents", "sentences", "figures", "actors", "deals", "timeline", "removed")
CELL_LIMIT = 32_767
CUT = "…[cut]"
ROW_LIMIT = 1_048_575  # one row of the sheet is the header


def text_cell(sheet, value: object) -> WriteOnlyCell | None:
    """A cell for one value: numbers as numbers, missing as empty, everything else as text."""
    if formatting.is_missing(value):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
        if len(text) > CELL_LIMIT:
            text = text[: CELL_LIMIT - len(CUT)] + CUT
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"  # openpyxl would read a leading `=` as a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        return cell
    return WriteOnlyCell(sheet, value=value)


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    """One sheet per table, text stored as text; written to a side file and moved into place."""
    book = Workbook(write_only=True)
    for name in TABLES:
        frame = tables[name]
        for number, first in enumerate(range(0, max(len(frame), 1), ROW_LIMIT), start=1):
            sheet = book.create_sheet(name if number == 1 else f"{name} {number}")
            sheet.append([text_cell(sheet, column) for column in frame.columns])
            for row in frame.iloc[first : first + ROW_LIMIT].itertuples(index=False):
                sheet.append([text_cell(sheet, value) for value in row])
    partial = path.with_name(path.name + ".part")
    book.save(partial)
    _without_time(partial)
    os.replace(partial, path)
    return path


FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SAVED_AT = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*")


def _without_time(path: Path) -> None:
    """Make a saved workbook byte-reproducible: openpyxl stamps the time of saving into
    `docProps/core.xml` and into every zip entry; both are set to a fixed time."""
    with zipfile.ZipFile(path) as book:
        entries = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as book:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = SAVED_AT.sub(rb"\g<1>1980-01-01T00:00:00Z", data)
            book.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME), data, zipfile.ZIP_DEFLATED)


def write_parquet(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """`FOLDER/<table>.parquet` for each table, with the tables' dtypes."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        path = folder / f"{name}.parquet"
        partial = path.with_name(path.name + ".part")
        tables[name].to_parquet(partial, index=False, engine="pyarrow")
        os.replace(partial, path)
        written.append(path)
    return written
