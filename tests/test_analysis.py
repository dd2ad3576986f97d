"""The report's computations on small invented tables."""

import pandas as pd

from kortrade.report import analysis
from kortrade.run.tables import frame


def figure(
    doc_id,
    sentence_id,
    surface,
    metric,
    value,
    period="2023",
    partner="CHN",
    measure="level",
    kind="money",
    unit="USD",
    direction="",
    flags="",
):
    return {
        "doc_id": doc_id,
        "sentence_id": sentence_id,
        "start": 0,
        "end": len(surface),
        "surface": surface,
        "kind": kind,
        "value": value,
        "unit": unit,
        "metric": metric,
        "measure": measure,
        "reporter": "KOR",
        "partner": partner,
        "period": period,
        "direction": direction,
        "flags": flags,
    }


FIGURES = frame(
    "figures",
    [
        figure("a", 1, "$124.8 billion", "exports", 124.8e9),
        figure("a", 2, "$142.8 billion", "imports", 142.8e9),
        figure("a", 0, "$18 billion", "trade_balance", -18e9),
        figure("b", 4, "$125 billion", "exports", 125.0e9),
        figure("c", 3, "$150 billion", "exports", 150.0e9),
        figure("b", 5, "20%", "exports", 20.0, kind="percent", unit="%", measure="change", direction="down"),
        figure("c", 6, "$400 million", "trade_balance", -3.94e9, period="", flags="garbled"),
    ],
)


def test_balance_identity_holds_within_rounding():
    checks = analysis.balance_identities(FIGURES)
    assert checks[["doc_id", "period", "holds"]].values.tolist() == [["a", "2023", True]]
    assert abs(checks["gap_bn"].iloc[0]) < 1e-9


def test_cross_source_groups_show_values_side_by_side_and_disagreement():
    groups = analysis.cross_source(FIGURES)
    exports = groups[groups["metric"] == "exports"].iloc[0]
    assert exports["documents"] == "a;b;c" and not exports["within_rounding"]
    assert round(exports["relative_spread"], 3) == round((150 - 124.8) / 150, 3)


def test_growth_rates_are_signed_by_direction():
    rates = analysis.growth_rates(FIGURES)
    assert rates["change_pct"].tolist() == [-20.0]


def test_a_change_without_a_stated_direction_keeps_its_sign():
    changes = frame(
        "figures",
        [
            figure("a", 1, "5%", "exports", 5.0, kind="percent", unit="%", measure="change"),
            figure("b", 2, "3%", "exports", 3.0, kind="percent", unit="%", measure="change", direction="down"),
        ],
    )
    assert analysis.growth_rates(changes)["change_pct"].tolist() == [5.0, -3.0]


def test_figures_of_an_unknown_partner_are_compared_too():
    unknown = frame(
        "figures",
        [
            figure("a", 1, "$12.1 billion", "exports", 12.1e9, partner=""),
            figure("b", 2, "$12.14 billion", "exports", 12.14e9, partner=""),
            figure("c", 3, "$9 billion", "exports", 9e9),
        ],
    )
    groups = analysis.cross_source(unknown)
    assert groups["documents"].tolist() == ["a;b"] and groups["partner"].isna().all()
    assert bool(groups["within_rounding"].iloc[0])
    assert analysis.cross_source_note(unknown).startswith("1 metric and period pairs")


def test_trade_levels_keep_garbled_figures_marked():
    levels = analysis.trade_levels(FIGURES)
    assert levels.loc[levels["garbled"], "usd_bn"].round(2).tolist() == [-3.94]


def test_findings_link_every_row_to_a_sentence():
    documents = frame(
        "documents",
        [
            {"doc_id": "a", "published": "2024-01-02", "stance": "toward_china", "stance_evidence": "3:conflict;4:toward_china"},
            {"doc_id": "b", "published": "2024-05-06", "stance": "away_from_china", "stance_evidence": "5:toward_others"},
            {"doc_id": "c", "stance": ""},
        ],
    )
    sentences = frame(
        "sentences", [{"doc_id": d, "sentence_id": i, "text": f"{d} sentence {i}"} for d in "abc" for i in range(7)]
    )
    table = analysis.findings({"figures": FIGURES, "documents": documents, "sentences": sentences})
    assert set(table["finding"]) == {"trade identity", "cross-source", "contradiction", "growth", "damaged figure"}
    assert table["sentence"].notna().all()
    contradiction = table[table["finding"] == "contradiction"]
    assert contradiction.set_index("doc_id")["sentence_id"].to_dict() == {"a": 4}  # the pair once
    assert contradiction["detail"].str.contains("2024: a says ties move toward China; b says away").all()
    assert (table["clean_text"] == "../data/clean/" + table["doc_id"] + ".txt").all()


def test_stance_sentence_is_empty_without_supporting_evidence():
    documents = pd.DataFrame({"doc_id": ["x"], "stance": ["mixed"], "stance_evidence": ["1:toward_china"]})
    assert analysis.stance_sentence(documents, "x") is pd.NA
