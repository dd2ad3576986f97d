"""Facts that need two extractors' rows: run after the extractors, which never read each other.

- A supply-contract or investment figure whose sentence names no partner economy takes the home
  economy of the companies its sentence names, when they all share one that is not the
  figure's reporter (`LG Energy Solution signed a supply agreement with Chery Automobile for
  8 GWh`: partner CHN): the counterparty of a deal is a company, and a company has a country.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

COUNTERPARTY_METRICS = frozenset({"supply_contract", "investment"})


def partners_from_companies(
    figures: Sequence[dict[str, object]], actors: Sequence[Mapping[str, object]]
) -> list[dict[str, object]]:
    """The figure rows, each supply-contract or investment figure without a partner given the one country its
    sentence's companies share other than its reporter; other rows unchanged."""
    countries: dict[int, set[str]] = {}
    for actor in actors:
        if actor["type"] == "company" and actor["country"]:
            countries.setdefault(int(actor["sentence_id"]), set()).add(str(actor["country"]))
    joined = []
    for row in figures:
        if row["metric"] in COUNTERPARTY_METRICS and not row["partner"]:
            others = countries.get(int(row["sentence_id"]), set()) - {row["reporter"]}
            if len(others) == 1:
                row = {**row, "partner": others.pop()}
        joined.append(row)
    return joined
