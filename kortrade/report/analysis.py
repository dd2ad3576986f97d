"""Computations the report presents: trade series, growth, cross-source checks, findings.

Every function takes the contract tables (pandas DataFrames) and returns a
DataFrame that keeps `doc_id` and `sentence_id`, so each number in the report
links back to the sentence it came from. Notebooks call these; they compute
nothing themselves.
"""

from __future__ import annotations

import pandas as pd

TRADE_METRICS = ("exports", "imports", "trade_balance", "trade_volume")
# Two reported levels agree when they differ by at most this share of the larger one
# (news rounds $55.8 billion and $55.79 billion alike), or by the rounding step below.
AGREEMENT_SHARE = 0.01
ROUNDING_STEP_USD = 0.15e9
PROVENANCE = ["doc_id", "sentence_id", "surface"]


def with_sentences(facts: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Facts joined with the text of their sentence (column `sentence`)."""
    text = sentences[["doc_id", "sentence_id", "text"]].rename(columns={"text": "sentence"})
    return facts.merge(text, on=["doc_id", "sentence_id"], how="left")


def in_sectors(facts: pd.DataFrame, sentences: pd.DataFrame, sectors: list[str] | None) -> pd.DataFrame:
    """Facts whose sentence is tagged with any of the sectors; all facts when none are given."""
    if not sectors:
        return facts
    wanted = set(sectors)
    tagged = sentences[sentences["sectors"].map(lambda cell: bool(wanted & set(str(cell).split(";"))))]
    keys = tagged[["doc_id", "sentence_id"]].drop_duplicates()
    return facts.merge(keys, on=["doc_id", "sentence_id"], how="inner")


def is_garbled(figures: pd.DataFrame) -> pd.Series:
    return figures["flags"].str.contains("garbled", regex=False)


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
    return levels[columns].sort_values(["metric", "period", "doc_id"], ignore_index=True)


def growth_rates(figures: pd.DataFrame) -> pd.DataFrame:
    """Percentage changes, signed by their direction (a fall is negative)."""
    changes = figures[(figures["kind"] == "percent") & (figures["measure"] == "change")]
    signed = changes["value"].where(changes["direction"] != "down", -changes["value"])
    rates = changes.assign(change_pct=signed, garbled=is_garbled(changes))
    columns = ["metric", "reporter", "partner", "period", "change_pct", "garbled", "flags", *PROVENANCE]
    return rates[columns].sort_values(["metric", "partner", "period", "doc_id"], ignore_index=True)


def cross_source(figures: pd.DataFrame) -> pd.DataFrame:
    """The same metric, measure, reporter, partner, period and unit reported by several documents.

    One row per group: the documents, their values side by side, the relative spread,
    and whether they agree within rounding. Garbled figures are left out.
    """
    keys = ["metric", "measure", "reporter", "partner", "period", "unit"]
    clean = figures[~is_garbled(figures) & (figures["period"] != "") & (figures["metric"] != "other")]
    rows = []
    for key, group in clean.groupby(keys, sort=True):
        if group["doc_id"].nunique() < 2:
            continue
        values = group["value"].astype(float)
        spread = float(values.max() - values.min())
        largest = float(values.abs().max()) or 1.0
        rows.append(
            {
                **dict(zip(keys, key)),
                "documents": ";".join(group["doc_id"]),
                "values": ";".join(f"{v:g}" for v in values),
                "relative_spread": spread / largest,
                "agree": spread <= AGREEMENT_SHARE * largest,
            }
        )
    return pd.DataFrame(rows, columns=[*keys, "documents", "values", "relative_spread", "agree"])


def balance_identities(figures: pd.DataFrame) -> pd.DataFrame:
    """Check exports − imports = trade balance within rounding, per document, partner and period."""
    levels = figures[
        (figures["kind"] == "money")
        & (figures["unit"] == "USD")
        & (figures["measure"] == "level")
        & figures["metric"].isin(("exports", "imports", "trade_balance"))
        & ~is_garbled(figures)
        & (figures["period"] != "")
    ]
    rows = []
    for (doc_id, reporter, partner, period), group in levels.groupby(["doc_id", "reporter", "partner", "period"]):
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
    """Pairs of documents that disagree on where Korea's ties with China are heading."""
    toward = documents[documents["stance"] == "toward_china"]
    away = documents[documents["stance"] == "away_from_china"]
    pairs = toward.merge(away, how="cross", suffixes=("_toward", "_away"))
    columns = ["doc_id_toward", "outlet_toward", "published_toward", "doc_id_away", "outlet_away", "published_away"]
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
    table = sentences.pivot_table(
        index="doc_id", columns="relation", values="sentence_id", aggfunc="count", fill_value=0
    )
    return table.rename(columns={"": "(unlabelled)"})


FINDING_COLUMNS = ["finding", "detail", "doc_id", "sentence_id", "sentence", "clean_text"]


def findings(tables: dict[str, pd.DataFrame], partner: str = "CHN") -> pd.DataFrame:
    """The report's findings, each row linked to the document and sentence it rests on."""
    figures, documents, sentences = tables["figures"], tables["documents"], tables["sentences"]
    rows: list[dict[str, object]] = []
    for check in balance_identities(figures).itertuples():
        verdict = "holds" if check.holds else f"fails by US${check.gap_bn:+.2f} bn"
        detail = f"{check.period}: exports {check.exports_bn:g} − imports {check.imports_bn:g} = balance {check.balance_bn:g} (US$ bn) {verdict}"
        balance_sentence = int(check.sentence_ids.split(";")[-1])
        rows.append(
            {"finding": "trade identity", "detail": detail, "doc_id": check.doc_id, "sentence_id": balance_sentence}
        )
    for group in cross_source(figures).itertuples():
        verdict = "agree" if group.agree else f"differ by {group.relative_spread:.0%}"
        detail = f"{group.metric} {group.reporter}→{group.partner} {group.period}: {group.values} ({verdict})"
        for doc_id in group.documents.split(";"):
            first = figures[
                (figures["doc_id"] == doc_id)
                & (figures["metric"] == group.metric)
                & (figures["period"] == group.period)
            ]
            rows.append(
                {
                    "finding": "cross-source",
                    "detail": detail,
                    "doc_id": doc_id,
                    "sentence_id": int(first["sentence_id"].iloc[0]),
                }
            )
    for pair in stance_contradictions(documents).itertuples():
        detail = f"{pair.doc_id_toward} says ties move toward China; {pair.doc_id_away} says away from China"
        for doc_id in (pair.doc_id_toward, pair.doc_id_away):
            rows.append(
                {
                    "finding": "contradiction",
                    "detail": detail,
                    "doc_id": doc_id,
                    "sentence_id": stance_sentence(documents, doc_id),
                }
            )
    rates = growth_rates(figures)
    for rate in rates[(rates["partner"] == partner) & ~rates["garbled"]].itertuples():
        detail = f"{rate.metric} {rate.reporter}→{rate.partner} {rate.period or '(period not stated)'}: {rate.change_pct:+g}%"
        rows.append({"finding": "growth", "detail": detail, "doc_id": rate.doc_id, "sentence_id": rate.sentence_id})
    for figure in figures[is_garbled(figures)].itertuples():
        detail = f"damaged number {figure.surface!r} read as {figure.value:g} {figure.unit} ({figure.metric})"
        rows.append(
            {"finding": "damaged figure", "detail": detail, "doc_id": figure.doc_id, "sentence_id": figure.sentence_id}
        )
    table = pd.DataFrame(rows, columns=["finding", "detail", "doc_id", "sentence_id"])
    table["sentence_id"] = table["sentence_id"].astype("Int64")
    table = table.merge(
        sentences[["doc_id", "sentence_id", "text"]].rename(columns={"text": "sentence"}),
        on=["doc_id", "sentence_id"],
        how="left",
    )
    table["clean_text"] = "../data/clean/" + table["doc_id"] + ".txt"
    return table[FINDING_COLUMNS]


# Evidence labels that support each stance (`stance_evidence` cells read `sentence_id:label;...`).
SUPPORTING_EVIDENCE = {
    "toward_china": ("toward_china", "cooperation"),
    "away_from_china": ("away_from_china", "toward_others", "conflict"),
}


def stance_sentence(documents: pd.DataFrame, doc_id: str) -> object:
    """The first sentence whose evidence supports the document's stance, when it was recorded."""
    if "stance_evidence" not in documents.columns:
        return pd.NA
    row = documents.loc[documents["doc_id"] == doc_id].iloc[0]
    evidence = [item.split(":", 1) for item in str(row["stance_evidence"]).split(";") if ":" in item]
    wanted = SUPPORTING_EVIDENCE.get(str(row["stance"]), ())
    for sentence_id, label in evidence:
        if label in wanted and sentence_id.isdigit():
            return int(sentence_id)
    return pd.NA
