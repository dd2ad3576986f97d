"""Numbers and codes written for people: `$3.94 bn`, `−33.0 %`, `KRW 1.2 tn`, `South Korea → China`."""

from __future__ import annotations

import math

import pandas as pd

MINUS = "\u2212"
CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "JPY": "¥", "CNY": "CN¥", "KRW": "₩"}
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"))
ECONOMY_NAMES = {"CHN": "China", "USA": "United States", "JPN": "Japan", "WLD": "the world", "KOR": "South Korea"}


def is_missing(value: object) -> bool:
    """True for None, NaN, pandas' NA and empty text (a list is a value, even an empty one)."""
    if isinstance(value, str):
        return value == ""
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def as_text(value: object) -> str:
    """A table cell as text for people: a missing value (NA, an empty cell) is empty text."""
    return "" if is_missing(value) else str(value)


def signed(text: str, value: float) -> str:
    return f"{MINUS}{text}" if value < 0 else text


def money(value: object, unit: str = "USD") -> str:
    """`$3.94 bn`, `−$18 bn`, `₩1.2 tn`, `$400 mn`; empty when the value is unknown."""
    if is_missing(value) or not math.isfinite(float(value)):
        return ""
    amount = abs(float(value))
    sign = CURRENCY_SIGNS.get(unit, f"{unit} ")
    for size, word in SCALES:
        if amount >= size:
            return signed(f"{sign}{_short(amount / size)} {word}", float(value))
    return signed(f"{sign}{_short(amount)}", float(value))


def percent(value: object, places: int = 1) -> str:
    """`−33.0 %`; empty when the value is unknown."""
    if is_missing(value) or not math.isfinite(float(value)):
        return ""
    return signed(f"{abs(float(value)):.{places}f} %", float(value))


def quantity(value: object, unit: str) -> str:
    """Any figure of the tables in its unit: money, percent, `8 GWh`, `120,000`."""
    if is_missing(unit) or unit in ("GWh", "count"):
        if is_missing(value):
            return ""
        text = f"{abs(float(value)):,.{0 if float(value).is_integer() else 2}f}"
        return signed(text, float(value)) + (" GWh" if unit == "GWh" else "")
    if unit == "%":
        return percent(value)
    return money(value, unit)


# What the missing part of a date was read against (the timeline's `resolved_against`), in words.
DATE_READINGS = {
    "published": "read against the publication date",
    "reference": "read against the reference date",
    "mention": "read against a day named before it",
}
STATED_IN_FULL = "stated in full"


def date_reading(resolved_against: object) -> str:
    """How a resolved date was read: stated in full by the text, or what its missing part was read against."""
    if is_missing(resolved_against):
        return STATED_IN_FULL
    return DATE_READINGS.get(str(resolved_against), f"read against {resolved_against}")


def publication_date(published: object, precision: object, written: object) -> str:
    """A document's own date for people; one resolved from a stamp such as `1 day ago` says so."""
    if is_missing(published):
        return ""
    if as_text(precision) != "relative":
        return str(published)
    stamp = f"{written}, " if not is_missing(written) else ""
    return f"{published} ({stamp}{DATE_READINGS['reference']})"


def economy(code: str) -> str:
    """A country code as a name (`CHN` → China); unknown codes stay as written."""
    return ECONOMY_NAMES.get(code, code)


def label(code: str) -> str:
    """A table code as words: `trade_balance` → `trade balance`."""
    return code.replace("_", " ")


def _short(number: float) -> str:
    """Three significant digits, without trailing zeros past the decimal point (3.94, 18, 124.8)."""
    text = f"{number:.2f}" if number < 100 else f"{number:.1f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
