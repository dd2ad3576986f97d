"""Seed-level checks of actors, deals and sectors (what a careful reader extracts from the seeds)."""


def actors_of(extraction, doc_prefix):
    table = extraction.actors
    return table[table.doc_id.str.startswith(doc_prefix)]


def test_actor_rows_point_into_the_clean_text(seeds_extraction):
    for row in seeds_extraction.actors.itertuples():
        assert seeds_extraction.clean_texts[row.doc_id][row.start : row.end] == row.surface


def test_machine_translated_names_of_one_minister_share_an_id(seeds_extraction):
    table = actors_of(seeds_extraction, "001")
    ids = set(table[table.surface.isin(["Guan Moon Gyu", "Fang Wengui"])].actor_id)
    assert ids == {"person:bang-moon-kyu"}


def test_unlisted_commentators_are_found_and_merged_across_spellings(seeds_extraction):
    table = actors_of(seeds_extraction, "002")
    assert set(table[table.surface.isin(["Lü Chao", "Lu Chao"])].actor_id) == {"person:lu-chao"}
    zhan = table[table.actor_id == "person:zhan-debin"]
    assert "unlisted" in set(zhan["flags"]) and "unlisted;short_form" in set(zhan["flags"])


def test_beijing_hyundai_is_not_also_hyundai(seeds_extraction):
    table = actors_of(seeds_extraction, "004")
    beijing = table[table.actor_id == "org:beijing-hyundai"].iloc[0]
    inside = table[(table.start >= beijing.start) & (table.end <= beijing.end)]
    assert list(inside.actor_id) == ["org:beijing-hyundai"]
    assert {"org:hyundai-motor-group", "org:hyundai-motor", "org:kia"} <= set(table.actor_id)


def test_the_battery_deals_of_the_seed_are_read_with_their_status(seeds_extraction):
    deals = seeds_extraction.deals
    found: dict[tuple[str, str], list[str]] = {}
    for deal in deals.itertuples():
        found.setdefault((deal.supplier, deal.buyer), []).append(deal.status)
    # the supply contract, then the talks to extend it to other models: two agreements, two rows
    assert found.pop(("org:lg-energy-solution", "org:chery-automobile")) == ["signed", "negotiating"]
    found = {pair: statuses[0] for pair, statuses in found.items()}
    assert found[("org:ecopro", "org:catl")] == found[("org:ecopro-bm", "org:catl")] == "negotiating"
    assert found[("org:catl", "org:kia")] == "reported"
    assert found[("org:calb", "org:hyundai-motor")] == "negotiating"
    assert found[("org:byd", "org:beijing-hyundai")] == "reported"
    lges = deals[deals.supplier == "org:lg-energy-solution"].iloc[0]
    assert (lges.volume_value, lges.volume_unit, lges.duration_years) == (8.0, "GWh", 6.0)


def test_sentences_carry_sectors(seeds_extraction):
    sentences = seeds_extraction.sentences
    graphite = sentences[sentences.text.str.contains("export controls on certain items of graphite")].iloc[0]
    assert graphite.sectors == "ev_batteries;battery_materials"
    assert set(";".join(sentences.sectors.dropna()).split(";")) >= {"semiconductors", "displays", "quantum", "automotive"}
