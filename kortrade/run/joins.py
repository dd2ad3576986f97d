"""Facts that need two extractors' rows: run after the extractors, which never read each other.

- A supply-contract or investment figure whose sentence names no partner economy takes the home
  economy of the companies its sentence names, when they all share one that is not the
  figure's reporter (`LG Energy Solution signed a supply agreement with Chery Automobile for
  8 GWh`: partner CHN): the counterparty of a deal is a company, and a company has a country.
- A figure of a company's (production, sales, capacity, stakes: any metric but a trade flow) whose
  sentence names no reporter takes the home economy its sentence's companies all share
  (`Hyundai Motor's sales in China were 260,000 units`: reporter KOR); a figure with a reporter keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

COUNTERPARTY_METRICS = frozenset({"supply_contract", "investment"})
COMPANY_METRICS = frozenset({"supply_contract", "investment", "production", "other"})


def parties_from_companies(
    figures: Sequence[dict[str, object]], actors: Sequence[Mapping[str, object]]
) -> list[dict[str, object]]:
    """The figure rows, a company's figure without a reporter given the one country its sentence's companies share,
    and each supply-contract or investment figure without a partner the one they share other than its reporter;
    other rows unchanged."""
    countries: dict[int, set[str]] = {}
    for actor in actors:
        if actor["type"] == "company" and actor["country"]:
            countries.setdefault(int(actor["sentence_id"]), set()).add(str(actor["country"]))
    joined = []
    for row in figures:
        homes = countries.get(int(row["sentence_id"]), set())
        if row["metric"] in COMPANY_METRICS and not row["reporter"] and len(homes) == 1:
            (home,) = homes
            row = {**row, "reporter": home, "partner": "" if row["partner"] == home else row["partner"]}
        if row["metric"] in COUNTERPARTY_METRICS and not row["partner"]:
            others = countries.get(int(row["sentence_id"]), set()) - {row["reporter"]}
            if len(others) == 1:
                row = {**row, "partner": others.pop()}
        joined.append(row)
    return joined
