"""The notebooks' parameters: their defaults, reading `-p NAME VALUE`, and checking that a value has
the default's type and selects something in the corpus.

A value is JSON when it parses, else the text itself; it must have the type of the parameter's
default (a list where the default is a list, a whole number where it is one). A value that narrows
the report (a sector, an actor type, a partner, an outlet) must name something the corpus holds:
a typo would otherwise give an empty report with no word of why.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MAX_DEPTH = 3  # parameters are flat values or lists of them


class ParameterError(ValueError):
    """A `-p NAME VALUE` that cannot be used, explained in one line."""


@dataclass(frozen=True)
class Parameter:
    """A notebook parameter: its name, default (as Python) and the notebooks that declare it."""

    name: str
    default: object
    notebooks: tuple[str, ...]


# Which table column each narrowing parameter selects on (a `;`-separated column for sectors).
SELECTS = {
    "sectors": ("sentences", "sectors"),
    "actor_types": ("actors", "type"),
    "partner": ("figures", "partner"),
    "outlet": ("documents", "outlet"),
}


def declared(notebooks: list[Path]) -> dict[str, Parameter]:
    """Every parameter of the notebooks' `parameters` cells, by name, in notebook order."""
    import papermill

    found: dict[str, Parameter] = {}
    for path in notebooks:
        for name, info in papermill.inspect_notebook(str(path)).items():
            default = _literal(info["default"])
            earlier = found.get(name)
            names = (*earlier.notebooks, path.name) if earlier else (path.name,)
            found[name] = Parameter(name, earlier.default if earlier else default, names)
    return found


def _literal(source: str) -> object:
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return source


def listing(parameters: dict[str, Parameter]) -> list[str]:
    """One line per parameter: name, default (JSON) and the notebooks that use it."""
    return [
        f"{p.name} = {json.dumps(p.default, ensure_ascii=False)}  ({', '.join(p.notebooks)})"
        for p in parameters.values()
    ]


def read(name: str, text: str, parameter: Parameter) -> object:
    """The value of `-p NAME TEXT`, checked against the parameter's default."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise ParameterError(f"-p {name}: the value is nested too deeply to be a parameter") from None
    except ValueError:
        value = text
    if _depth(value) > MAX_DEPTH:
        raise ParameterError(f"-p {name}: the value is nested too deeply to be a parameter")
    default = parameter.default
    if isinstance(default, list):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            example = json.dumps([value] if isinstance(value, str) else ["..."])
            raise ParameterError(f"-p {name} takes a JSON list of text, such as '{example}'; got {text!r}")
    elif isinstance(default, bool) or not isinstance(default, (int, float, str)):
        if type(value) is not type(default):
            raise ParameterError(f"-p {name} takes {type(default).__name__}; got {text!r}")
    elif isinstance(default, int) and not (isinstance(value, int) and not isinstance(value, bool)):
        raise ParameterError(f"-p {name} takes a whole number; got {text!r}")
    elif isinstance(default, str) and not isinstance(value, str):
        value = text  # a partner such as 123 or an outlet such as "2024" is text
    return value


def _depth(value: object) -> int:
    """How deeply lists and objects nest in a value (a plain value is 0), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item if isinstance(item, list) else item.values() if isinstance(item, dict) else ()
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def known_values(name: str, tables: dict[str, pd.DataFrame]) -> list[str]:
    """The values a narrowing parameter can select in these tables."""
    table, column = SELECTS[name]
    cells = tables[table][column].dropna().astype(str)
    return sorted({part for cell in cells for part in cell.split(";") if part})


def check_selects(values: dict[str, object], tables: dict[str, pd.DataFrame]) -> None:
    """Every narrowing value must name something the corpus holds."""
    for name, value in sorted(values.items()):
        if name not in SELECTS or value in ("", [], None):
            continue
        wanted = value if isinstance(value, list) else [value]
        known = known_values(name, tables)
        missing = [str(item) for item in wanted if str(item) not in known]
        if missing:
            raise ParameterError(
                f"-p {name}: {', '.join(missing)} selects nothing in this corpus; known values: "
                f"{', '.join(known) if known else '(none)'}"
            )
