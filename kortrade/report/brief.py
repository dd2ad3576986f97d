"""The brief (`report/index.html`): what a ministry briefing needs first, each statement linked to
its evidence. The numbers come from `analysis`; this module only words and lays them out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import analysis, charts, formatting, fx, pages

STANCE_WORDS = {"toward_china": "toward China", "away_from_china": "away from China", "mixed": "mixed"}
NO_STANCE = "without a stance"


def write_brief(
    tables: dict[str, pd.DataFrame], out: Path, context: pages.Context, parameters: dict[str, object]
) -> Path:
    """Write `OUT/report/index.html` and its charts (`OUT/figures/brief_*.png` and `.svg`)."""
    partner = str(parameters.get("partner") or "CHN")
    sectors = list(parameters.get("sectors") or [])
    outlet = str(parameters.get("outlet") or "")
    documents = tables["documents"]
    if outlet:
        documents = documents[documents["outlet"] == outlet]
    figures = analysis.in_sectors(tables["figures"], tables["sentences"], sectors)
    deals = analysis.in_sectors(tables["deals"], tables["sentences"], sectors)
    titles = documents.set_index("doc_id")["title"].to_dict()
    outlets = tables["documents"].set_index("doc_id")["outlet"].to_dict()

    def source(doc_id: str) -> str:
        outlet, title = (formatting.as_text(names.get(doc_id)) for names in (outlets, titles))
        return ", ".join(x for x in (outlet, title or doc_id) if x)

    trade = analysis.latest_trade(figures, partner)
    trade_rows = [
        {"metric": formatting.label(r.metric), "period": r.period, "level": r.level, "growth": r.growth,
         "href": pages.evidence_href(r.doc_id, r.sentence_id, r.start, r.end),
         "growth_href": pages.evidence_href(r.doc_id, r.growth_sentence_id), "source": source(r.doc_id)}
        for r in trade.itertuples()
    ]  # fmt: skip
    agreement = [
        {"metric": formatting.label(r.metric), "period": r.period, "spread": formatting.quantity(r.spread, r.unit),
         "within": "yes" if r.within_rounding else f"no ({r.relative_spread:.1%})",
         "readings": list(zip(r.values.split("; "), (pages.evidence_href(d) for d in r.documents.split(";"))))}
        for r in analysis.cross_source(figures).itertuples()
    ]  # fmt: skip
    identities = [
        {"text": f"{c.doc_id} {c.period}: {formatting.money(c.exports_bn * 1e9)} − {formatting.money(c.imports_bn * 1e9)}"
                 f" = {formatting.money(c.balance_bn * 1e9)}: {'holds' if c.holds else 'does not hold'}",
         "href": pages.evidence_href(c.doc_id, c.sentence_ids.split(";")[-1])}
        for c in analysis.balance_identities(figures).itertuples()
    ]  # fmt: skip
    deal_rows = [  # a deal's span is its sentence
        {**pages.cells(r), "href": pages.evidence_href(r.doc_id, r.sentence_id)}
        for r in analysis.deals_by_status(deals, tables["actors"]).itertuples()
    ]
    leanings = [
        {**pages.cells(r), "stance": stance_words(r.stance), "href": pages.evidence_href(r.doc_id),
         "published": formatting.publication_date(r.published, r.date_precision, r.published_text),
         "deciding": [(n, pages.evidence_href(r.doc_id, n)) for n in r.deciding]}
        for r in analysis.outlet_leanings(documents).itertuples()
    ]  # fmt: skip
    contradictions = [
        f"{p.year}: {source(p.doc_id_toward)} (toward China) and {source(p.doc_id_away)} (away from China)"
        for p in analysis.stance_contradictions(documents).itertuples()
    ]
    damaged = [
        {**pages.cells(r), "href": pages.evidence_href(r.doc_id, r.sentence_id, r.start, r.end)}
        for r in analysis.damaged_figures(figures).itertuples()
    ]
    unresolved = [
        {**pages.cells(r), "href": pages.evidence_href(r.doc_id, r.sentence_id, r.start, r.end)}
        for r in analysis.unresolved_dates(tables["timeline"]).itertuples()
    ]
    problems = [
        {**pages.cells(r), "href": pages.evidence_href(r.doc_id)}
        for r in analysis.problem_files(documents).itertuples()
    ]
    page = pages.render(
        "brief.html.j2",
        context,
        title="kortrade report: the brief",
        scope=scope(documents),
        glance=glance(trade_rows, agreement, deal_rows, leanings, damaged, unresolved, problems, partner),
        charts=brief_charts(figures, documents, partner, out),
        partner_name=formatting.economy(partner),
        trade=trade_rows,
        agreement=agreement,
        agreement_note=analysis.cross_source_note(figures),
        identities=identities,
        fx_note="Won and yuan amounts are converted to US dollars at the year's average rate ("
        + "; ".join(f"{c}: {s}" for c, s in sorted(fx.sources().items()))
        + "); a figure of a year without a rate is not compared.",
        deals=deal_rows,
        leanings=leanings,
        contradictions=contradictions,
        damaged=damaged,
        unresolved=unresolved,
        problems=problems,
    )
    index = out / "report" / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def stance_words(stance: object) -> str:
    """A stance code in words (`away_from_china` → away from China)."""
    return NO_STANCE if formatting.is_missing(stance) else STANCE_WORDS.get(str(stance), str(stance))


def scope(documents: pd.DataFrame) -> str:
    dates = sorted(documents["published"].dropna())
    span = f"published {dates[0]} to {dates[-1]}" if dates else "no publication dates"
    undated = int(documents["published"].isna().sum())
    return (
        f"{len(documents)} documents from {documents['outlet'].nunique()} named outlets, {span}"
        + (f" ({undated} undated)." if undated else ".")
    )


def glance(trade, agreement, deals, leanings, damaged, unresolved, problems, partner: str) -> list[pages.Markup]:
    """One line per question a briefing asks, each linking to where the answer rests."""
    link = '<a href="{}">{}</a>'
    lines = []
    if trade:
        parts = [
            pages.Markup(link).format(r["href"], f"{r['metric']} {r['level']} in {r['period']}")
            + (f" ({r['growth']})" if r["growth"] else "")
            for r in trade
        ]
        lines.append(
            pages.Markup(f"Trade with {formatting.economy(partner)}, latest: ") + pages.Markup("; ").join(parts) + "."
        )
    else:
        lines.append(f"No dated trade level with {formatting.economy(partner)} could be read.")
    if agreement:
        agree = sum(1 for r in agreement if r["within"] == "yes")
        lines.append(
            pages.Markup(link).format(
                "#agreement", f"{agree} of {len(agreement)} cross-source checks agree within rounding."
            )
        )
    else:
        lines.append(
            pages.Markup(link).format(
                "#agreement", "No figure is reported by two sources for the same period: nothing to cross-check."
            )
        )
    statuses = pd.Series([d["status"] for d in deals], dtype="string").value_counts()
    lines.append(
        pages.Markup(link).format(
            "#deals",
            f"{len(deals)} deals: " + ", ".join(f"{n} {s}" for s, n in statuses.items()) if deals else "No deals.",
        )
    )
    stances = pd.Series([r["stance"] for r in leanings], dtype="string").value_counts()
    lines.append(
        pages.Markup(link).format(
            "#leanings", "Stance of the documents: " + ", ".join(f"{n} {s}" for s, n in stances.items()) + "."
        )
    )
    lines.append(
        pages.Markup(link).format(
            "#unread",
            f"Could not be read as written: {len(damaged)} damaged figures, {len(unresolved)} unresolved dates, {len(problems)} problem files.",
        )
    )
    return lines


def brief_charts(figures: pd.DataFrame, documents: pd.DataFrame, partner: str, out: Path) -> list[dict[str, str]]:
    """The brief's charts, saved as PNG (2×) and SVG in `OUT/figures/`."""
    made = [
        ("brief_trade", charts.trade_levels_chart(analysis.trade_levels(figures, partner), partner),
         f"South Korea–{formatting.economy(partner)} trade levels by period, as each source states them."),
        ("brief_stance", charts.stance_chart(documents), "Documents by outlet and stance."),
    ]  # fmt: skip
    listed = []
    for name, fig, caption in made:
        charts.save(fig, out / "figures" / f"{name}.png")
        listed.append(
            {"name": name, "caption": caption, "png": f"../figures/{name}.png", "svg_href": f"../figures/{name}.svg"}
        )
    return listed
