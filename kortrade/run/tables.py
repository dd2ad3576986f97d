"""The tables of the data contract: their columns, their types, and CSV input and output.

Column order is the contract's; columns kortrade adds beyond the contract come
last. Every table is sorted by `doc_id`, then `start`. As DataFrames, columns
have pandas' nullable dtypes (`string`, `Int64`, `Float64`) and an empty cell,
"unknown" in the contract, is pandas' missing value `pd.NA`, in every column.
Dates and periods stay ISO 8601 text: `2023`, `2023-Q3` or `2017/2022` name no
single day, and a datetime would invent one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from operator import itemgetter
from pathlib import Path

import pandas as pd

# Column name -> kind: "str", "int" or "float". Contract columns first, additions after.
SCHEMAS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "str",
        "path": "str",
        "sha256": "str",
        "title": "str",
        "outlet": "str",
        "authors": "str",
        "published": "str",
        "date_precision": "str",
        "language": "str",
        "n_chars": "int",
        "n_sentences": "int",
        "tone": "float",
        "stance": "str",
        "flags": "str",
        "duplicate_of": "str",
        # additions
        "encoding": "str",
        "published_text": "str",
        "clean_sha256": "str",
        "n_removed": "int",
        "stance_evidence": "str",
        "url": "str",
    },
    "sentences": {
        "doc_id": "str",
        "sentence_id": "int",
        "start": "int",
        "end": "int",
        "text": "str",
        "tone": "float",
        "relation": "str",
        "sectors": "str",
    },
    "figures": {
        "doc_id": "str",
        "sentence_id": "int",
        "start": "int",
        "end": "int",
        "surface": "str",
        "kind": "str",
        "value": "float",
        "unit": "str",
        "metric": "str",
        "measure": "str",
        "reporter": "str",
        "partner": "str",
        "period": "str",
        "direction": "str",
        "flags": "str",
    },
    "actors": {
        "doc_id": "str",
        "sentence_id": "int",
        "start": "int",
        "end": "int",
        "surface": "str",
        "actor_id": "str",
        "name": "str",
        "type": "str",
        "country": "str",
        # additions
        "flags": "str",
    },
    "deals": {
        "doc_id": "str",
        "sentence_id": "int",
        "start": "int",
        "end": "int",
        "surface": "str",
        "supplier": "str",
        "buyer": "str",
        "product": "str",
        "volume_value": "float",
        "volume_unit": "str",
        "duration_years": "float",
        "status": "str",
        # additions
        "evidence": "str",
    },
    "timeline": {
        "doc_id": "str",
        "sentence_id": "int",
        "start": "int",
        "end": "int",
        "surface": "str",
        "date": "str",
        "date_precision": "str",
        "event": "str",
        # additions
        "resolved_against": "str",
    },
    # What cleaning removed from each document (kortrade's addition to the contract).
    "removed": {"doc_id": "str", "line": "int", "rule": "str", "text": "str"},
}
PANDAS_DTYPES = {"str": "string", "int": "Int64", "float": "Float64"}
SORT_KEYS = {name: [k for k in ("doc_id", "start", "line") if k in schema] for name, schema in SCHEMAS.items()}


def frame(name: str, rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """A DataFrame of the named table from row dicts, typed and sorted per the contract (empty text is NA)."""
    schema = SCHEMAS[name]
    df = pd.DataFrame.from_records(list(rows), columns=list(schema))
    df = df.astype({col: PANDAS_DTYPES[kind] for col, kind in schema.items()})
    strings = [col for col, kind in schema.items() if kind == "str"]
    df[strings] = df[strings].mask(df[strings].eq(""))
    return df.sort_values(SORT_KEYS[name], kind="stable", ignore_index=True)


# The number kinds of the schemas, and the Python type their values are written from.
NUMBER_TYPES: dict[str, type] = {"int": int, "float": float}


def csv_records(name: str, rows: Iterable[Mapping[str, object]]) -> list[list[object]]:
    """The named table's rows as CSV fields, sorted and formatted as `frame` and `DataFrame.to_csv` give them.

    The same bytes as going through pandas, without building a DataFrame (a streaming run
    writes every chunk this way). The csv writer writes None as empty, a str as itself and a
    float as its shortest round-trip repr; so only number columns are touched here: a missing
    value (None, NaN) becomes None, an integer column holds ints, a float column floats.
    """
    schema = SCHEMAS[name]
    columns = list(schema)
    numbers = [(index, NUMBER_TYPES[kind]) for index, kind in enumerate(schema.values()) if kind in NUMBER_TYPES]
    records = []
    for row in _sorted_rows(name, rows):
        record = list(map(row.get, columns))
        for index, number in numbers:
            value = record[index]
            if type(value) is not number or number is float:  # an int column of ints is ready as it is
                record[index] = None if _missing(value) else number(value)
        records.append(record)
    return records


def _sorted_rows(name: str, rows: Iterable[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """Rows in table order; a row missing a sort key goes after the others, as pandas sorts."""
    keys = SORT_KEYS[name]
    rows = list(rows)
    if set(map(type, (row.get(key) for row in rows for key in keys))) <= {int, str}:  # no key missing
        return sorted(rows, key=itemgetter(*keys))
    return sorted(rows, key=lambda row: tuple(_sort_value(row.get(k)) for k in keys))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _sort_value(value: object) -> tuple[bool, object]:
    """Missing values last, as pandas sorts them."""
    return (True, 0) if _missing(value) else (False, value)


def read_csv(name: str, path: Path) -> pd.DataFrame:
    """Read a table kortrade wrote back with its contract types; an empty cell is NA, and only an
    empty one (a title `NA` or `null` stays text)."""
    schema = SCHEMAS[name]
    return pd.read_csv(
        path, dtype={c: PANDAS_DTYPES[k] for c, k in schema.items()}, keep_default_na=False, na_values=[""]
    )
