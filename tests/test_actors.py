import re

from hypothesis import given
from hypothesis import strategies as st
from strategies import glued
from textdoc import make_document

from kortrade.entities import people
from kortrade.entities.actors import actor_rows, find_mentions
from kortrade.entities.lexicon import alternation, find_titles, title_pattern, unglued, unglued_alternation


def rows(text, published=""):
    document = make_document(text, published)
    return actor_rows(document, find_mentions(document))


def ids(text, published=""):
    return [row["actor_id"] for row in rows(text, published)]


def by_surface(text, published=""):
    return {row["surface"]: row for row in rows(text, published)}


def test_rows_carry_provenance_into_the_text():
    text = "Samsung Electronics and SK hynix met in Seoul.\nLater, Seoul urged Beijing to act."
    for row in rows(text):
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["sentence_id"] in (0, 1)


def test_longest_match_keeps_joint_ventures_and_group_levels_apart():
    assert ids("Beijing Hyundai buys parts from Hyundai Mobis.") == ["org:beijing-hyundai", "org:hyundai-mobis"]
    assert ids("Hyundai Motor Group, Hyundai Motor, Kia and Hyundai all grew.") == [
        "org:hyundai-motor-group",
        "org:hyundai-motor",
        "org:kia",
        "org:hyundai",
    ]


def test_capitals_stand_for_governments_except_as_places():
    assert ids("Seoul urged Beijing to lift the curbs.") == ["country:KOR", "country:CHN"]
    assert ids("The talks were held in Seoul after a visit to Tokyo.") == []


def test_phrases_that_hide_a_country_name_no_actor():
    assert ids("Sales in North America rose to US$3 billion in the South China Sea region.") == []


def test_a_shared_alias_goes_to_the_country_named_before_it():
    assert ids("China's Foreign Ministry protested.") == ["country:CHN", "org:ministry-of-foreign-affairs-china"]
    assert ids("South Korea's Foreign Ministry protested.")[-1] == "org:ministry-of-foreign-affairs-south-korea"
    unresolved = rows("The Foreign Ministry protested.")[0]
    assert unresolved["flags"] == "ambiguous" and unresolved["country"] == ""


def test_titled_people_outside_the_gazetteer_get_derived_ids():
    found = by_surface("Chinese economist Zhang Lifan warned of a slowdown, Fudan University professor Wu Xinbo said.")
    assert found["Zhang Lifan"]["actor_id"] == "person:zhang-lifan"
    assert found["Zhang Lifan"]["country"] == "CHN" and found["Zhang Lifan"]["flags"] == "unlisted"
    assert found["Wu Xinbo"]["type"] == "person"
    assert found["Fudan University"]["actor_id"] == "org:fudan-university"


def test_a_title_with_a_qualifier_is_followed_by_the_name():
    found = by_surface(
        "Minister of Oceans and Fisheries Kang Do-hyung met Deputy Secretary for Asian Affairs Mary Chen."
    )
    assert found["Kang Do-hyung"]["actor_id"] == "person:kang-do-hyung"
    assert found["Mary Chen"]["actor_id"] == "person:mary-chen"


def test_a_correspondent_dateline_names_the_reporter():
    assert "person:kim-soo-jin" in ids("Daily News correspondent in Beijing Kim Soo-jin] Exports fell.")


def test_an_apposition_names_the_person_before_it():
    found = by_surface("Park Soo-min, a senior researcher at the Korea Institute of Energy Research, disagreed.")
    assert found["Park Soo-min"]["actor_id"] == "person:park-soo-min"
    assert found["Korea Institute of Energy Research"]["type"] == "organization"
    assert "person:ana-lopez" in ids("Ana Lopez (ana@example.org) is an associate professor of economics.")


def test_verbs_of_speech_name_people():
    assert "person:choi-yun-seo" in ids('"Demand is weak," said Choi Yun-seo.')
    assert "person:liu-wenjun" in ids("Liu Wenjun said the tariffs would hurt both sides.")


def test_a_family_name_first_is_required_before_a_verb_of_speech():
    assert ids("Hartley Brooks said demand was weak.") == []
    assert ids("Goldman Sachs said demand was weak.") == [
        "org:goldman-sachs-research"
    ]  # an outlet of ingest/outlets.tsv


def test_an_institutions_person_is_named_after_its_possessive():
    assert "person:diao-daming" in ids("Renmin University's Diao Daming argued otherwise.")


def test_bylines_name_their_authors():
    text = "By Jane Doe and Dr. Min-jun Kang\nExports fell."
    assert ids(text)[:2] == ["person:jane-doe", "person:min-jun-kang"]


def test_organisation_heads_name_unlisted_organisations():
    found = by_surface(
        "The Chinese Ministry of Ecology and Environment and Daehan Motor Co. met at Seoul National University."
    )
    ministry = found["Ministry of Ecology and Environment"]
    assert ministry["type"] == "government" and ministry["country"] == "CHN"
    assert found["Daehan Motor Co."]["type"] == "company"
    assert found["Seoul National University"]["actor_id"] == "org:seoul-national-university"


def test_an_organisation_phrase_does_not_swallow_a_listed_company():
    assert "org:samsung" in ids("The Ministry of Finance, Samsung and LG signed the pact.")


def test_a_family_name_alone_is_the_nearest_person_with_that_name():
    found = rows("Li Qiang met the scholar Li Haidong in May. Li said trade would grow.")
    assert found[-1]["surface"] == "Li" and found[-1]["actor_id"] == "person:li-haidong"
    assert found[-1]["flags"] == "unlisted;short_form"


def test_a_titled_family_name_resolves_by_the_documents_date():
    assert ids("President Lee visited the plant.", published="2025-09-01") == ["person:lee-jae-myung"]
    assert ids("President Lee visited the plant.", published="2020-09-01") == []


def test_a_family_name_inside_another_name_is_left_alone():
    assert ids("Lee Jae-myung met voters. Han Chinese residents and Lee Sang-min attended.") == ["person:lee-jae-myung"]


def test_a_capital_in_a_dateline_is_a_place():
    assert ids("BEIJING, March 3 (Xinhua) -- Exports rose.") == ["org:xinhua"]


def test_a_title_prefers_the_holder_of_the_role_over_a_namesake_in_the_text():
    text = '"Chips are back," said Lee Min-ho. Exports grew under President Lee.'
    assert ids(text, published="2025-10-01")[-1] == "person:lee-jae-myung"


def test_short_given_names_that_look_like_month_abbreviations_are_names():
    assert "person:zhang-jun" in ids("Prof. Zhang Jun of Fudan University disagreed.")


@given(st.text(alphabet="aZ'’-É. \t1", max_size=30))
def test_unglued_finds_what_a_leading_lookbehind_finds(text):
    unglued_word = re.compile(unglued("A-ZÀ-ÖØ-Þ", r"\w'’-") + r"[a-zà-öø-ÿ]*")
    lookbehind = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]*")
    assert [m.span() for m in unglued_word.finditer(text)] == [m.span() for m in lookbehind.finditer(text)]


@given(
    st.lists(st.text(alphabet="AaBb -", min_size=1, max_size=4).filter(lambda w: w[0] != " "), min_size=1, max_size=6),
    st.text(alphabet="AaBb .-&\t", max_size=30),
)
def test_unglued_alternation_finds_what_a_leading_lookbehind_finds(words, text):
    unglued_words = re.compile(unglued_alternation(words, r"\w.&-"))
    lookbehind = re.compile(rf"(?<![\w.&-])(?:{alternation(words)})")
    assert [m.span() for m in unglued_words.finditer(text)] == [m.span() for m in lookbehind.finditer(text)]


@given(
    st.lists(
        st.sampled_from(
            ["Minister ", "PROFESSOR ", "vice minister", "Chairman", "ministers", "ambassador.", "x", "PRESIDENT"]
        ),
        max_size=6,
    ),
    st.text(alphabet="aZmP .\t1_'ÉİıſKΣ中", max_size=12),
)
def test_find_titles_finds_what_the_title_pattern_finds(pieces, filler):
    text = filler.join(pieces)
    assert [m.span() for m in find_titles(text)] == [m.span() for m in title_pattern().finditer(text)]


SPEECH_PIECES = [
    "said",
    "says",
    "according",
    "to",
    "told",
    "Said",
    "Kim",
    "Li",
    "Ji-won",
    "x",
    " ",
    "\t",
    ",",
    ".",
    "\n",
]


@given(glued(SPEECH_PIECES, max_size=14))
def test_speech_after_patterns_find_what_one_pattern_finds(text):
    plain = re.compile(
        rf"(?<!\w)(?:said|says|according[ \t]+to|told)[ \t]+(?P<run>{people.RUN})(?=[ \t]*(?:[,.;:)\]\n]|$))"
    )
    assert [(m.span(), m.span("run")) for m in people.speech_after(text)] == [
        (m.span(), m.span("run")) for m in plain.finditer(text)
    ]


NAME_PIECES = [*SPEECH_PIECES, "O'Brien", "Fudan University’s", "(email)", "is", "a", "an", "professor", "President"]


@given(glued(NAME_PIECES, max_size=14))
def test_possessive_capitalised_words_find_what_greedy_ones_find(text):
    possessive = [
        people.apposition_pattern(),
        people.SPEECH_BEFORE,
        people.INSTITUTION_PERSON,
        *people.SPEECH_AFTER,
    ]
    for pattern in possessive:
        assert "]*+" in pattern.pattern
        greedy = re.compile(pattern.pattern.replace("]*+", "]*"))
        assert [m.span("run") for m in pattern.finditer(text)] == [m.span("run") for m in greedy.finditer(text)]


def test_a_company_short_form_is_the_one_company_of_the_document_that_extends_it():
    text = "Samsung Electronics posted record chip sales. Samsung said demand from China recovered."
    found = by_surface(text)
    assert found["Samsung"]["actor_id"] == found["Samsung Electronics"]["actor_id"] == "org:samsung-electronics"
    assert found["Samsung"]["flags"] == "short_form"
    assert ids("Samsung said demand from China recovered.") == ["org:samsung", "country:CHN"]


def test_a_short_form_two_companies_extend_stays_itself():
    text = "Samsung Electronics and Samsung SDI grew. Samsung said demand recovered."
    assert by_surface(text)["Samsung"]["actor_id"] == "org:samsung"


def test_a_brand_named_in_one_sentence_with_its_extension_is_a_company_of_its_own():
    text = "Samsung Electronics grew. Samsung and Samsung Electronics both invested. Samsung said so."
    assert {row["actor_id"] for row in rows(text) if row["surface"] == "Samsung"} == {"org:samsung"}


def test_a_company_keeps_both_of_its_legal_suffixes():
    found = by_surface(
        "Hanbit Paper Co., Ltd. signed with Daeho Foods Co. Ltd on Monday, and Mirae Tiles Co., a tiler, too."
    )
    assert found["Hanbit Paper Co., Ltd."]["type"] == "company"
    assert found["Daeho Foods Co. Ltd"]["actor_id"] == "org:daeho-foods-co-ltd"
    assert "Mirae Tiles Co." in found


def test_a_descriptor_names_an_unlisted_company_with_its_country():
    found = by_surface(
        "Japanese sensor maker Kotobuki Denki will ship parts. Brightleaf, a Korean biotech startup that began in "
        "Daejeon, hired staff. The firm Tuesday said nothing, and cement company Hanra May grew."
    )
    assert (found["Kotobuki Denki"]["actor_id"], found["Kotobuki Denki"]["country"]) == ("org:kotobuki-denki", "JPN")
    assert (found["Brightleaf"]["type"], found["Brightleaf"]["country"], found["Brightleaf"]["flags"]) == (
        "company",
        "KOR",
        "unlisted",
    )
    assert found["Hanra"]["type"] == "company"
    assert "Tuesday" not in found and "Hanra May" not in found


def test_a_descriptor_does_not_rename_a_listed_company_nor_name_a_person():
    found = by_surface("Korean battery maker SK On grew. A company official Kim said a policy-maker Lee Min-ho agreed.")
    assert found["SK On"]["actor_id"] == "org:sk-on"
    assert all(row["type"] != "company" for surface, row in found.items() if surface != "SK On")


def test_outlets_and_governments_are_actors():
    found = by_surface("The Nikkei and SBS TV said the Chinese government and the Trump administration would talk.")
    assert found["The Nikkei"]["actor_id"] == "org:nikkei"
    assert found["SBS TV"]["actor_id"] == "org:sbs"
    assert found["Chinese government"]["actor_id"] == "country:CHN"
    assert found["Trump administration"]["actor_id"] == "country:USA"
    assert by_surface("Kallanish reported it.")["Kallanish"]["type"] == "organization"


def test_an_outlets_name_inside_an_organisations_name_does_not_split_it():
    found = by_surface("Foreign Affairs ran a piece by a scholar at China Foreign Affairs University.")
    assert found["Foreign Affairs"]["actor_id"] == "org:foreign-affairs"
    assert found["China Foreign Affairs University"]["type"] == "organization"
