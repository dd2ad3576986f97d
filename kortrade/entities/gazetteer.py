"""The actor dictionary: listed actors, their roles, and every spelling under which the press names them.

`data/entities/actors.tsv` lists each real actor once with its aliases, the country vocabulary
(`kortrade.common.countries`) gives the countries with theirs, and the outlets of
`data/ingest/outlets.tsv` that name no listed actor are organisations of their own (those that do
lend it their other names: `The Nikkei`); this module adds the spellings that
follow from rules (name orders and romanisations of people, hyphen and legal-suffix variants of
organisations), the capitals that stand for governments (the vocabulary's capitals, and the seats
of organisations in `data/entities/seats.tsv`) and the phrases that hide an actor's name
(`data/entities/non_actors.txt`), a country's government (`the Chinese government`, and a leader's
`Trump administration`, which stand for the country as its capital does), and builds one Aho–Corasick matcher over all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..common.countries import canonical_names, surfaces, vocabulary
from ..common.resources import data_lines, data_rows
from .matching import PhraseMatcher, fold
from .names import family_name_of, person_variants, slug, spelling_variants

LEGAL_SUFFIXES = ("Co.", "Co., Ltd.", "Co. Ltd.", "Corp.", "Corporation", "Inc.", "Ltd.", "Limited")
ROLE_PREFIXES_THAT_DIFFER = frozenset({"vice", "deputy", "acting", "former"})
# The nouns after a nationality word (`Chinese government`) or a leader's name (`Trump administration`)
# that stand for a country's government, and the titles whose holders name one that way.
GOVERNMENT_NOUNS = ("government", "administration")
LEADER_TITLES = frozenset({"president", "prime minister"})
# An outlet name that is a web address or in a non-Latin script is read by ingest, not matched as an actor.
NOT_AN_ACTOR_SPELLING = re.compile(r"[^\x00-\u024f]|\.(?:com|cn|kr|net|org|co)\b")


@dataclass(frozen=True)
class Role:
    """A title an actor held from `start` to `end` (None while in office)."""

    title: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def fits(self, title: str) -> bool:
        """Can a text's title (`President`, `Foreign Minister`) refer to this role?"""
        said, held = fold(title).split(), fold(self.title).split()
        if not said or said[-1] != held[-1]:
            return False
        return held[0] not in ROLE_PREFIXES_THAT_DIFFER or said[0] == held[0]


@dataclass(frozen=True)
class Actor:
    """One real actor of the dictionary (or one found in a text by pattern, with `listed=False`)."""

    actor_id: str
    name: str
    type: str
    country: str
    roles: tuple[Role, ...] = ()
    chain: str = ""
    listed: bool = True

    @property
    def family_name(self) -> str:
        return family_name_of(self.name, self.country) if self.type == "person" else ""


@dataclass(frozen=True)
class Mention:
    """An actor named at a span of a text, with what is special about the mention (`unlisted`, `short_form`)."""

    start: int
    end: int
    actor: Actor
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase stands for: an actor, named (`name`) or by its capital (`capital`); or nothing."""

    actor: Actor | None
    kind: str


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _roles(text: str) -> tuple[Role, ...]:
    roles = []
    for item in filter(None, (text or "").split("|")):
        title, _, period = item.partition("@")
        start, _, end = period.partition("/")
        roles.append(Role(title.strip(), _date(start), _date(end)))
    return tuple(roles)


# The forms of a country that name it as an actor: not adjectives (`Chinese`) nor capitals (read apart).
COUNTRY_ALIAS_FORMS = frozenset({"name", "abbreviation", "plural"})


@cache
def actors() -> dict[str, Actor]:
    """actor_id -> Actor, for every country of the vocabulary, then every actor of `actors.tsv`."""
    countries = {
        f"country:{iso3}": Actor(
            actor_id=f"country:{iso3}", name=name, type="country", country=iso3, roles=(), chain=""
        )
        for iso3, name in canonical_names().items()
    }
    listed = {
        row["actor_id"]: Actor(
            actor_id=row["actor_id"],
            name=row["name"],
            type=row["type"],
            country=row["country"] or "",
            roles=_roles(row["roles"]),
            chain=row["chain"] or "",
        )
        for row in data_rows("entities/actors.tsv")
    }
    outlets = {
        actor_id: Actor(actor_id=actor_id, name=names[0], type="organization", country="")
        for actor_id, names in _outlets().items()
        if actor_id not in listed
    }
    return countries | listed | outlets


def _listed_aliases() -> dict[str, tuple[str, ...]]:
    return {
        row["actor_id"]: tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
        for row in data_rows("entities/actors.tsv")
    }


@cache
def outlet_ids() -> frozenset[str]:
    """The ids of the actors that only the outlets list names (`org:foreign-affairs`)."""
    listed = {row["actor_id"] for row in data_rows("entities/actors.tsv")}
    return frozenset(actor_id for actor_id in _outlets() if actor_id not in listed)


@cache
def _outlets() -> dict[str, tuple[str, ...]]:
    """actor_id -> the names of an outlet of `data/ingest/outlets.tsv` (its own id, or the listed actor it names)."""
    names_of = {fold(name): row["actor_id"] for row in data_rows("entities/actors.tsv") for name in [row["name"]]}
    for actor_id, aliases in _listed_aliases().items():
        names_of.update({fold(alias): actor_id for alias in aliases})
    outlets: dict[str, tuple[str, ...]] = {}
    for row in data_rows("ingest/outlets.tsv"):
        names = [row["name"], row["short"] or "", *(row["aliases"] or "").split("|")]
        names = [n.strip() for n in names if n.strip() and not NOT_AN_ACTOR_SPELLING.search(n)]
        if not names:
            continue
        actor_id = next((names_of[fold(n)] for n in names if fold(n) in names_of), f"org:{slug(names[0])}")
        outlets[actor_id] = outlets.get(actor_id, ()) + tuple(names)
    return outlets


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    countries = {f"country:{iso3}": tuple(surfaces(iso3, COUNTRY_ALIAS_FORMS)) for iso3 in canonical_names()}
    aliases = countries | _listed_aliases()
    for actor_id, names in _outlets().items():
        aliases[actor_id] = tuple(dict.fromkeys((*aliases.get(actor_id, ()), *names)))
    return aliases


def display_name(actor: Actor) -> str:
    """The name without the disambiguating country in brackets (`Ministry of Foreign Affairs (China)` -> `... Affairs`)."""
    return actor.name.split(" (")[0]


def spellings(actor: Actor) -> list[str]:
    """Every spelling of a listed actor: name, aliases, and the variants rules derive from them."""
    written = [display_name(actor), *_aliases()[actor.actor_id]]
    found: list[str] = []
    for text in written:
        if actor.type == "person":
            found += person_variants(text, actor.country) if text == display_name(actor) else spelling_variants(text)
        else:
            found += spelling_variants(text)
            if "-" in text:
                found.append(text.replace("-", " "))
    if actor.type == "company":
        found += [f"{display_name(actor)} {suffix}" for suffix in LEGAL_SUFFIXES]
        found += [f"{display_name(actor)}, {suffix}" for suffix in ("Inc.", "Ltd.")]
    return list(dict.fromkeys(found))


@cache
def capitals() -> dict[str, str]:
    """Capital -> the actor_id of the government it stands for (`Seoul` -> `country:KOR`, `Brussels` -> the EU)."""
    countries = {entry.surface: f"country:{entry.iso3}" for entry in vocabulary() if entry.form == "capital"}
    return countries | {row["seat"]: row["actor_id"] for row in data_rows("entities/seats.tsv")}


@cache
def governments() -> dict[str, str]:
    """`Chinese government`, `South Korea's government`, `Trump administration` -> the country's actor_id."""
    words = [(entry.surface, entry.iso3) for entry in vocabulary() if entry.form in {"adjective", "canonical", "name"}]
    found = {
        f"{word} {noun}": f"country:{iso3}"
        for word, iso3 in words
        for noun in GOVERNMENT_NOUNS
        if iso3 in canonical_names()
    }
    found |= {f"{word}'s government": f"country:{iso3}" for word, iso3 in words if iso3 in canonical_names()}
    for actor in actors().values():
        leader = any(role.title.lower() in LEADER_TITLES for role in actor.roles)
        if actor.type == "person" and actor.country in canonical_names() and leader:
            found |= {f"{actor.family_name} {noun}": f"country:{actor.country}" for noun in GOVERNMENT_NOUNS}
    return found


@cache
def matcher() -> PhraseMatcher[Entry]:
    """One matcher for every spelling of every listed actor, every capital, and every non-actor phrase."""
    phrases: list[tuple[str, Entry]] = []
    for actor in actors().values():
        entry = Entry(actor, "name")
        phrases += [(spelling, entry) for spelling in spellings(actor)]
    phrases += [(capital, Entry(actors()[actor_id], "capital")) for capital, actor_id in capitals().items()]
    phrases += [(phrase, Entry(actors()[actor_id], "name")) for phrase, actor_id in governments().items()]
    phrases += [(phrase, Entry(None, "none")) for phrase in data_lines("entities/non_actors.txt")]
    return PhraseMatcher(phrases)


@cache
def persons_by_family_name() -> dict[str, tuple[Actor, ...]]:
    """Folded family name -> the listed people who bear it."""
    index: dict[str, list[Actor]] = {}
    for actor in actors().values():
        if actor.type == "person":
            index.setdefault(fold(actor.family_name), []).append(actor)
    return {key: tuple(people) for key, people in index.items()}


def holder_of(title: str, family_name: str, day: dt.date | None) -> Actor | None:
    """The one listed person with this family name whose role fits the title (on the day, when known)."""
    matches = {
        actor.actor_id: actor
        for actor in persons_by_family_name().get(fold(family_name), ())
        for role in actor.roles
        if role.fits(title) and (day is None or role.held_on(day))
    }
    return next(iter(matches.values())) if len(matches) == 1 else None
