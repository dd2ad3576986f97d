"""Access to the vocabularies kept as data files in `kortrade/data/`, one folder per stage
(`figures/units.tsv`, `entities/actors.tsv`, ...)."""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files


def data_text(name: str) -> str:
    """The text of a data file shipped in `kortrade/data/`, named by its path there (`figures/units.tsv`)."""
    return files("kortrade").joinpath("data", *name.split("/")).read_text(encoding="utf-8")


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, stripped."""
    lines = (line.strip() for line in data_text(name).splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def data_rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file with a header row; `#` lines are comments."""
    lines = [line for line in data_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
