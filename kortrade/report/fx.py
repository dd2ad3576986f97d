"""Won and yuan amounts in US dollars at the year's official average rate (`data/report/fx_rates.tsv`)."""

from __future__ import annotations

from functools import cache

from ..common.resources import data_rows

CONVERTIBLE = ("KRW", "CNY")


@cache
def rates() -> dict[tuple[str, int], float]:
    """Units of each currency per US dollar, by (currency, year)."""
    return {(row["currency"], int(row["year"])): float(row["per_usd"]) for row in data_rows("report/fx_rates.tsv")}


@cache
def sources() -> dict[str, str]:
    """Where each currency's rates come from."""
    return {row["currency"]: row["source"] for row in data_rows("report/fx_rates.tsv")}


def year_of(period: str) -> int | None:
    """The year a period starts in (`2023`, `2023-11`, `2023-Q3`, `2023-01/2023-09`); None when there is none."""
    head = period[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def usd_factor(unit: str, period: str) -> float | None:
    """What one unit of `unit` is worth in dollars over `period`; None when no rate is known (no guess)."""
    if unit == "USD":
        return 1.0
    year = year_of(period)
    rate = rates().get((unit, year)) if unit in CONVERTIBLE and year is not None else None
    return 1.0 / rate if rate else None
