"""Computations the report presents: trade series, growth, cross-source checks, findings.

Every function takes the contract tables (pandas DataFrames, an empty cell
being NA, as `kortrade.load` gives them) and returns a DataFrame that keeps
`doc_id` and `sentence_id`, so each number in the report links back to the
sentence it came from. Notebooks call these; they compute nothing themselves.
"""

from __future__ import annotations

import re

import pandas as pd

from . import formatting, fx

TRADE_METRICS = ("exports", "imports", "trade_balance", "trade_volume")
# An identity exports − imports = balance holds when it is off by no more than this (news rounds).
ROUNDING_STEP_USD = 0.15e9
PROVENANCE = ["doc_id", "sentence_id", "start", "end", "surface"]
WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def with_sentences(facts: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Facts joined with the text of their sentence (column `sentence`)."""
    text = sentences[["doc_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    return facts.merge(text, on=["doc_id", "sentence_id"], how="left")


def in_sectors(facts: pd.DataFrame, sentences: pd.DataFrame, sectors: list[str] | None) -> pd.DataFrame:
    """Facts whose sentence is tagged with any of the sectors; all facts when none are given."""
    if not sectors:
        return facts
    tags = split_cells(sentences["sectors"])
    tagged = sentences.loc[tags[tags.isin(sectors)].index.unique()]
    keys = tagged[["doc_id", "sentence_id"]].drop_duplicates()
    return facts.merge(keys, on=["doc_id", "sentence_id"], how="inner")


def is_garbled(figures: pd.DataFrame) -> pd.Series:
    return figures["flags"].str.contains("garbled", regex=False, na=False)


def trade_levels(figures: pd.DataFrame, partner: str = "CHN", reporter: str = "KOR") -> pd.DataFrame:
    """USD levels of exports, imports, balance and volume between reporter and partner."""
    chosen = figures[
        (figures["kind"] == "money")
        & (figures["unit"] == "USD")
        & (figures["measure"] == "level")
        & figures["metric"].isin(TRADE_METRICS)
        & (figures["reporter"] == reporter)
        & (figures["partner"] == partner)
    ]
    levels = chosen.assign(usd_bn=chosen["value"] / 1e9, garbled=is_garbled(chosen))
    columns = ["period", "metric", "usd_bn", "garbled", "flags", *PROVENANCE]
    return levels[columns].sort_values(["metric", "period", "doc_id"], ignore_index=True, na_position="first")


def growth_rates(figures: pd.DataFrame) -> pd.DataFrame:
    """Percentage changes, signed by their direction (a fall is negative)."""
    changes = figures[(figures["kind"] == "percent") & (figures["measure"] == "change")]
    signed = changes["value"].mask(changes["direction"].isin(["down"]), -changes["value"])
    rates = changes.assign(change_pct=signed, garbled=is_garbled(changes))
    columns = ["metric", "reporter", "partner", "period", "change_pct", "garbled", "flags", *PROVENANCE]
    return rates[columns].sort_values(
        ["metric", "partner", "period", "doc_id"], ignore_index=True, na_position="first"
    )


def rounding_step(surface: str, value: float) -> float:
    """Half the last written digit of a figure, in the figure's units: `$55.8 billion` → 0.05e9.

    A surface without readable digits (or a damaged one) gives 0: it is compared as exact."""
    match = WRITTEN_NUMBER.search(surface)
    if not match:
        return 0.0
    written = float(match.group(0).replace(",", ""))
    if not written:
        return 0.0
    decimals = len(match.group(1) or "")
    return 0.5 * 10.0**-decimals * abs(value) / written


CROSS_SOURCE_COLUMNS = [
    "metric", "measure", "reporter", "partner", "period", "unit", "documents", "values", "spread",
    "relative_spread", "within_rounding", "converted", "doc_id", "sentence_id", "start", "end",
]  # fmt: skip


def comparable(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures that can be compared across sources: undamaged, with a period, of a named metric."""
    return figures[~is_garbled(figures) & figures["period"].notna() & ~figures["metric"].isin(["other"])]


def cross_source(figures: pd.DataFrame) -> pd.DataFrame:
    """The same metric, measure, reporter, partner and period reported by several documents.

    Amounts in won and yuan are converted to US dollars at the period's annual average rate
    (`fx.py`); amounts without a known rate keep their currency. One row per group: the
    documents, their values side by side (`$124.8 bn; $124.6 bn`), the spread between the
    largest and smallest, and whether the figures agree within the rounding of what was written
    (their rounding intervals overlap). Provenance columns point at the group's first figure.
    Garbled figures are left out.
    """
    keys = ["metric", "measure", "reporter", "partner", "period", "unit"]
    clean = comparable(figures)
    clean = clean[clean["value"].notna()]
    factors = [fx.usd_factor(u, p) if k == "money" else None for k, u, p in zip(clean["kind"], clean["unit"], clean["period"])]
    converted = [f is not None and u != "USD" for f, u in zip(factors, clean["unit"])]
    scale = [f if f is not None else 1.0 for f in factors]
    clean = clean.assign(
        unit=[("USD" if f is not None else u) for f, u in zip(factors, clean["unit"])],
        value=clean["value"].astype(float) * scale,
        step=[rounding_step(s, v) * f for s, v, f in zip(clean["surface"], clean["value"].astype(float), scale)],
        converted=converted,
    )
    rows = []
    for key, group in clean.groupby(keys, dropna=False):  # an unknown partner is a group too
        if group["doc_id"].nunique() < 2:
            continue
        group = group.drop_duplicates("doc_id")  # one figure per document: its first statement
        low, high = group.loc[group["value"].idxmin()], group.loc[group["value"].idxmax()]
        spread = float(high["value"] - low["value"])
        first = group.iloc[0]
        rows.append(
            {
                **dict(zip(keys, key)),
                "documents": ";".join(group["doc_id"]),
                "values": "; ".join(formatting.quantity(v, key[-1]) for v in group["value"]),
                "spread": spread,
                "relative_spread": spread / (float(group["value"].abs().max()) or 1.0),
                "within_rounding": spread <= float(low["step"] + high["step"]) + 1e-9 * abs(float(high["value"])),
                "converted": bool(group["converted"].any()),
                **{column: first[column] for column in ("doc_id", "sentence_id", "start", "end")},
            }
        )
    table = pd.DataFrame(rows, columns=CROSS_SOURCE_COLUMNS).astype(dict.fromkeys(keys, "string"))
    return table.sort_values(keys, na_position="first", ignore_index=True)  # an unknown value sorts as empty text


def cross_source_note(figures: pd.DataFrame) -> str:
    """Why the cross-source table holds what it holds, in one sentence for the reader."""
    usable = comparable(figures)
    keys = ["metric", "measure", "reporter", "partner", "period"]
    groups = usable.groupby(keys, dropna=False)["doc_id"].nunique()
    shared = int((groups >= 2).sum())
    if shared:
        return f"{shared} metric and period pairs are reported by two or more documents."
    return (
        f"No metric is reported for the same period by two documents: {len(usable)} dated, undamaged figures "
        f"from {usable['doc_id'].nunique()} documents each cover a different metric or period, so there is "
        "nothing to compare."
    )


def balance_identities(figures: pd.DataFrame) -> pd.DataFrame:
    """Check exports − imports = trade balance within rounding, per document, partner and period."""
    levels = figures[
        (figures["kind"] == "money")
        & (figures["unit"] == "USD")
        & (figures["measure"] == "level")
        & figures["metric"].isin(("exports", "imports", "trade_balance"))
        & ~is_garbled(figures)
        & figures["period"].notna()
    ]
    rows = []
    keys = ["doc_id", "reporter", "partner", "period"]
    for (doc_id, reporter, partner, period), group in levels.groupby(keys, dropna=False):
        first = group.drop_duplicates("metric").set_index("metric")
        if not {"exports", "imports", "trade_balance"} <= set(first.index):
            continue
        exports, imports, balance = (float(first.loc[m, "value"]) for m in ("exports", "imports", "trade_balance"))
        gap = exports - imports - balance
        rows.append(
            {
                "doc_id": doc_id,
                "reporter": reporter,
                "partner": partner,
                "period": period,
                "exports_bn": exports / 1e9,
                "imports_bn": imports / 1e9,
                "balance_bn": balance / 1e9,
                "gap_bn": gap / 1e9,
                "holds": abs(gap) <= ROUNDING_STEP_USD,
                "sentence_ids": ";".join(
                    str(first.loc[m, "sentence_id"]) for m in ("exports", "imports", "trade_balance")
                ),
            }
        )
    columns = [
        "doc_id",
        "reporter",
        "partner",
        "period",
        "exports_bn",
        "imports_bn",
        "balance_bn",
        "gap_bn",
        "holds",
        "sentence_ids",
    ]
    return pd.DataFrame(rows, columns=columns)


def stance_contradictions(documents: pd.DataFrame) -> pd.DataFrame:
    """Pairs of documents published in the same year that disagree on where Korea's ties with China
    are heading, each pair once. Documents of different years describe change over time, not a
    contradiction; undated documents are left out."""
    dated = documents.assign(year=documents["published"].str.slice(0, 4))
    dated = dated[dated["year"].str.fullmatch(r"\d{4}", na=False)]
    toward = dated[dated["stance"] == "toward_china"]
    away = dated[dated["stance"] == "away_from_china"]
    pairs = toward.merge(away, on="year", suffixes=("_toward", "_away"))
    columns = ["year", "doc_id_toward", "outlet_toward", "published_toward", "doc_id_away", "outlet_away", "published_away"]
    return pairs[columns].sort_values(["doc_id_toward", "doc_id_away"], ignore_index=True)


def split_cells(column: pd.Series) -> pd.Series:
    """A `;`-separated column exploded to one value per row, empties dropped."""
    values = column.str.split(";").explode()
    return values[values.notna() & (values != "")]


def flag_counts(documents: pd.DataFrame) -> pd.Series:
    """How many documents carry each quality flag."""
    return split_cells(documents["flags"]).value_counts().sort_index().rename("documents")


def removal_summary(removed: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed: sentences and characters per rule, and in how many documents."""
    summary = (
        removed.assign(chars=removed["text"].str.len())
        .groupby("rule")
        .agg(sentences=("text", "size"), characters=("chars", "sum"), documents=("doc_id", "nunique"))
    )
    return summary.sort_values("sentences", ascending=False)


def actor_mentions(actors: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: name, type, country, mentions, documents, the surfaces it was written as."""
    grouped = actors.groupby("actor_id", sort=True).agg(
        name=("name", "first"),
        type=("type", "first"),
        country=("country", "first"),
        mentions=("surface", "size"),
        documents=("doc_id", "nunique"),
        written_as=("surface", lambda s: "; ".join(sorted(set(s)))),
    )
    return grouped.sort_values(["mentions", "name"], ascending=[False, True]).reset_index()


def relation_counts(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences per document labelled cooperation, conflict or neutral."""
    labelled = sentences.assign(relation=sentences["relation"].fillna("(unlabelled)"))
    return labelled.pivot_table(index="doc_id", columns="relation", values="sentence_id", aggfunc="count", fill_value=0)


FINDING_COLUMNS = ["finding", "detail", "doc_id", "sentence_id", "start", "end", "sentence", "clean_text"]


def findings(tables: dict[str, pd.DataFrame], partner: str = "CHN") -> pd.DataFrame:
    """The report's findings, one row each, linked to the document and sentence it rests on
    (a finding about several documents links the first; its detail names the others)."""
    figures, documents, sentences = tables["figures"], tables["documents"], tables["sentences"]
    rows: list[dict[str, object]] = []
    for check in balance_identities(figures).itertuples():
        verdict = "holds" if check.holds else f"fails by {formatting.money(check.gap_bn * 1e9)}"
        detail = (
            f"{check.period}: exports {formatting.money(check.exports_bn * 1e9)} − imports "
            f"{formatting.money(check.imports_bn * 1e9)} = balance {formatting.money(check.balance_bn * 1e9)}: {verdict}"
        )
        rows.append(
            {"finding": "trade identity", "detail": detail, "doc_id": check.doc_id,
             "sentence_id": int(check.sentence_ids.split(";")[-1])}
        )  # fmt: skip
    for group in cross_source(figures).itertuples():
        verdict = "within rounding" if group.within_rounding else f"spread {group.relative_spread:.1%}"
        detail = (
            f"{formatting.label(group.metric)} {formatting.as_text(group.reporter)}→"
            f"{formatting.as_text(group.partner)} {group.period}: {group.values} "
            f"({verdict}; documents {group.documents.replace(';', ', ')})"
        )
        rows.append(
            {"finding": "cross-source", "detail": detail, "doc_id": group.doc_id, "sentence_id": group.sentence_id,
             "start": group.start, "end": group.end}
        )  # fmt: skip
    for pair in stance_contradictions(documents).itertuples():
        detail = (
            f"{pair.year}: {pair.doc_id_toward} says ties move toward China; {pair.doc_id_away} says away from China"
        )
        rows.append(
            {"finding": "contradiction", "detail": detail, "doc_id": pair.doc_id_toward,
             "sentence_id": stance_sentence(documents, pair.doc_id_toward)}
        )  # fmt: skip
    rates = growth_rates(figures)
    for rate in rates[(rates["partner"] == partner) & ~rates["garbled"]].itertuples():
        detail = (
            f"{formatting.label(rate.metric)} {formatting.as_text(rate.reporter)}→{rate.partner} "
            f"{formatting.as_text(rate.period) or '(period not stated)'}: "
            f"{formatting.percent(rate.change_pct)}"
        )
        rows.append(
            {"finding": "growth", "detail": detail, "doc_id": rate.doc_id, "sentence_id": rate.sentence_id,
             "start": rate.start, "end": rate.end}
        )  # fmt: skip
    for figure in damaged_figures(figures).itertuples():
        detail = f"damaged figure {figure.surface!r} read as {figure.reading} ({figure.repair}): {figure.reason}"
        rows.append(
            {"finding": "damaged figure", "detail": detail, "doc_id": figure.doc_id, "sentence_id": figure.sentence_id,
             "start": figure.start, "end": figure.end}
        )  # fmt: skip
    table = pd.DataFrame(rows, columns=["finding", "detail", "doc_id", "sentence_id", "start", "end"])
    for column in ("sentence_id", "start", "end"):
        table[column] = table[column].astype("Int64")
    table = table.merge(
        sentences[["doc_id", "sentence_id", "text"]].rename(columns={"text": "sentence"}),
        on=["doc_id", "sentence_id"],
        how="left",
    )
    table["clean_text"] = "../data/clean/" + table["doc_id"] + ".txt"
    return table[FINDING_COLUMNS]


# Why a figure flagged `garbled` reads as it does: the patterns of kortrade/figures/garbled.py,
# recognised from the surface and the value the extractor kept.
HUNDRED_MILLION_SURFACE = re.compile(r"\d00 million", re.IGNORECASE)


def damage_reason(surface: str, value: object, unit: str) -> tuple[str, str]:
    """(repair, reason) for a damaged figure: what was done to its number and why."""
    if pd.isna(value):
        return "no value", "its digits are split in a way no number is written, so it is left without a value"
    written = WRITTEN_NUMBER.search(surface)
    as_written = float(written.group(0).replace(",", "")) if written else None
    if unit == "%" and as_written is not None and float(value) != as_written:
        return "decimals rejoined", (
            "machine translation broke off the decimal digits and glued them to a later word (`exports7%`); "
            "they were put back"
        )
    if HUNDRED_MILLION_SURFACE.search(surface) and as_written is not None and abs(float(value)) != as_written * 1e6:
        return "rebuilt from hundred-millions", (
            "a Chinese amount in hundred-millions came out as an integer stranded earlier in the clause "
            "and a `D00 million` tail; the two were joined"
        )
    if "," in surface and as_written is not None and abs(float(value)) != as_written * _scale(surface):
        return "decimal comma read", "digits split by a comma where a decimal point belongs (`1,5%`) were read as a decimal"
    return "read as written", "the text around the number is visibly damaged (a glued edge, `**` or a caret), so it is flagged"


def _scale(surface: str) -> float:
    lower = surface.lower()
    return next((size for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)) if word in lower), 1.0)


def damaged_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures flagged `garbled`: what the text shows, the value kept, the repair and its reason."""
    damaged = figures[is_garbled(figures)]
    explained = [damage_reason(s, v, u) for s, v, u in zip(damaged["surface"], damaged["value"], damaged["unit"])]
    table = damaged.assign(
        reading=[formatting.quantity(v, u) or "(no value)" for v, u in zip(damaged["value"], damaged["unit"])],
        repair=[repair for repair, _ in explained],
        reason=[reason for _, reason in explained],
    )
    columns = ["doc_id", "sentence_id", "start", "end", "surface", "metric", "reading", "repair", "reason"]
    return table[columns].reset_index(drop=True)


# Evidence labels that support each stance (`stance_evidence` cells read `sentence_id:label;...`).
SUPPORTING_EVIDENCE = {
    "toward_china": ("toward_china", "cooperation"),
    "away_from_china": ("away_from_china", "toward_others", "conflict"),
}


def stance_evidence(row: pd.Series) -> list[list[str]]:
    """A document's `stance_evidence` as [sentence_id, label] pairs (none when it was not recorded)."""
    cell = formatting.as_text(row.get("stance_evidence"))
    return [item.split(":", 1) for item in cell.split(";") if ":" in item]


def stance_sentence(documents: pd.DataFrame, doc_id: str) -> object:
    """The first sentence whose evidence supports the document's stance, when it was recorded."""
    if "stance_evidence" not in documents.columns:
        return pd.NA
    row = documents.loc[documents["doc_id"] == doc_id].iloc[0]
    evidence = stance_evidence(row)
    wanted = SUPPORTING_EVIDENCE.get(formatting.as_text(row["stance"]), ())
    for sentence_id, label in evidence:
        if label in wanted and sentence_id.isdigit():
            return int(sentence_id)
    return pd.NA


def deciding_sentences(documents: pd.DataFrame, doc_id: str) -> list[int]:
    """Every sentence whose evidence supports the document's stance (for `mixed`, every piece of evidence)."""
    row = documents.loc[documents["doc_id"] == doc_id].iloc[0]
    evidence = stance_evidence(row)
    wanted = SUPPORTING_EVIDENCE.get(formatting.as_text(row["stance"]))
    chosen = {int(s) for s, label in evidence if s.isdigit() and (wanted is None or label in wanted)}
    return sorted(chosen)


def latest_trade(figures: pd.DataFrame, partner: str = "CHN") -> pd.DataFrame:
    """For each trade metric, Korea's latest dated, undamaged level with that partner, and the growth
    rates stated for the same metric and period; one row per source document."""
    levels = trade_levels(figures, partner)
    levels = levels[levels["period"].notna() & ~levels["garbled"]]
    rates = growth_rates(figures)
    rates = rates[(rates["partner"] == partner) & (rates["reporter"] == "KOR") & ~rates["garbled"]]
    rows = []
    for metric, group in levels.groupby("metric", sort=False):
        latest = group[group["period"] == group["period"].max()]
        for level in latest.itertuples():
            growth = rates[(rates["metric"] == metric) & (rates["period"] == level.period)]
            rows.append(
                {
                    "metric": metric,
                    "period": level.period,
                    "level": formatting.money(level.usd_bn * 1e9),
                    "growth": "; ".join(formatting.percent(v) for v in growth["change_pct"]),
                    "growth_sentence_id": growth["sentence_id"].iloc[0] if len(growth) else pd.NA,
                    **{column: getattr(level, column) for column in ("doc_id", "sentence_id", "start", "end")},
                }
            )
    order = {metric: i for i, metric in enumerate(TRADE_METRICS)}
    table = pd.DataFrame(rows, columns=["metric", "period", "level", "growth", "growth_sentence_id",
                                        "doc_id", "sentence_id", "start", "end"])  # fmt: skip
    return table.sort_values(["metric", "doc_id"], key=lambda c: c.map(order) if c.name == "metric" else c,
                             ignore_index=True)  # fmt: skip


DEAL_STATUS_ORDER = ("signed", "negotiating", "planned", "reported")


def deals_by_status(deals: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Deals with their parties' names, ordered signed → negotiating → planned → reported."""
    names = actors.drop_duplicates("actor_id").set_index("actor_id")["name"]
    volume = [
        formatting.quantity(v, u) if pd.notna(v) and pd.notna(u) else ""
        for v, u in zip(deals["volume_value"], deals["volume_unit"])
    ]
    table = deals.assign(
        supplier_name=deals["supplier"].map(names).fillna(deals["supplier"]),
        buyer_name=deals["buyer"].map(names).fillna(deals["buyer"]),
        volume=volume,
        rank=deals["status"].map({s: i for i, s in enumerate(DEAL_STATUS_ORDER)}).fillna(len(DEAL_STATUS_ORDER)),
    )
    columns = ["status", "supplier_name", "buyer_name", "product", "volume", "doc_id", "sentence_id", "start", "end"]
    return table.sort_values(["rank", "doc_id", "start"], ignore_index=True)[columns]


def outlet_leanings(documents: pd.DataFrame) -> pd.DataFrame:
    """Each document's outlet, date and stance with the sentences that decided it, oldest first."""
    table = documents.assign(
        deciding=[deciding_sentences(documents, d) for d in documents["doc_id"]],
        dated=documents["published"].fillna("9999"),  # undated last
    )
    columns = ["doc_id", "title", "outlet", "published", "date_precision", "published_text", "stance", "deciding"]
    return table.sort_values(["dated", "doc_id"], ignore_index=True)[columns]


PROBLEM_FLAGS = ("binary", "unreadable", "empty", "truncated", "encoding_repaired", "not_english", "extraction_failed",
                 "censored_tokens", "garbled_numbers")  # fmt: skip


def problem_files(documents: pd.DataFrame) -> pd.DataFrame:
    """Documents carrying a flag that says part of them could not be read as written."""
    problems = [";".join(f for f in formatting.as_text(c).split(";") if f in PROBLEM_FLAGS) for c in documents["flags"]]
    flagged = documents.assign(problems=problems)
    return flagged[flagged["problems"] != ""][["doc_id", "path", "problems"]].reset_index(drop=True)


def unresolved_dates(timeline: pd.DataFrame) -> pd.DataFrame:
    """Dated statements whose date could not be resolved (relative dates without a reference)."""
    columns = ["doc_id", "sentence_id", "start", "end", "surface", "date_precision"]
    return timeline[timeline["date"].isna()][columns].reset_index(drop=True)
