"""Who is named in a document: countries, organisations and people, one row per mention.

Listed actors are found by the gazetteer's matcher (every spelling at once, longest
match first, so `Beijing Hyundai` is not also `Hyundai`); organisations and people the
gazetteer lacks by their patterns, with a derived id (`person:zhan-debin`) and the
flag `unlisted`; family names standing alone by `short_forms`. A capital after a word
of place (`in Seoul`) or in a dateline's capitals (`SEOUL, Oct. 14 (Yonhap) --`) is a
place, not the government. An alias several actors share
(`Foreign Ministry`) goes to the one whose country is named just before it, else it
is reported with a derived id and the flag `ambiguous`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from ..common.resources import data_lines
from ..ingest.document import Document
from .descriptors import find_described
from .gazetteer import Actor, Entry, Mention, matcher, outlet_ids
from .lexicon import alternation, country_before
from .matching import PhraseMatch, longest_first
from .names import slug
from .organisations import find_organisations
from .people import find_people
from .short_forms import short_forms

INSTITUTION_TYPES = frozenset({"organization", "government"})


class Candidate(NamedTuple):
    """A span that may name an actor (`actor` None: a phrase that names none, like `North America`)."""

    start: int
    end: int
    actor: Actor | None
    flags: tuple[str, ...] = ()


def _bounds(candidate: Candidate | Mention) -> tuple[int, int]:
    return candidate.start, candidate.end


@cache
def place_cue_pattern() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w])(?:{alternation(list(data_lines('entities/place_cues.txt')), fold_case=True)})[ \t]+$",
        re.IGNORECASE,
    )


def _is_place(text: str, start: int) -> bool:
    return place_cue_pattern().search(text, max(0, start - 30), start) is not None


def _listed_candidate(text: str, match: PhraseMatch[Entry]) -> Candidate | None:
    entries = match.values
    if entries[0].actor is None:
        return Candidate(match.start, match.end, None)
    if entries[0].kind == "capital" and (_is_place(text, match.start) or text[match.start : match.end].isupper()):
        return None
    if len(entries) == 1:
        return Candidate(match.start, match.end, entries[0].actor)
    actors = list({entry.actor.actor_id: entry.actor for entry in entries if entry.actor}.values())
    if len(actors) > 1:
        country = country_before(text, match.start)
        actors = [actor for actor in actors if actor.country == country] or actors
    if len(actors) == 1:
        return Candidate(match.start, match.end, actors[0])
    surface = text[match.start : match.end]
    unresolved = Actor(f"org:{slug(surface)}", surface, actors[0].type, "", listed=False)
    return Candidate(match.start, match.end, unresolved, ("ambiguous",))


def _contains_other_actor(organisation: Candidate, listed: Sequence[Candidate], starts: Sequence[int]) -> bool:
    """Does an organisation phrase swallow a listed non-country actor past its first word (`Ministry of X, Samsung`)?
    An outlet's name may stand inside another name (`China Foreign Affairs University`).
    `listed` is sorted by start, and `starts` are its starts."""
    inside = listed[bisect.bisect_right(starts, organisation.start) : bisect.bisect_left(starts, organisation.end)]
    return any(
        c.actor is not None and c.actor.type != "country" and c.actor.actor_id not in outlet_ids()
        for c in inside
        if c.end <= organisation.end
    )


def _unlisted(text: str, start: int, end: int, kind: str, country: str) -> Candidate:
    prefix = "person" if kind == "person" else "org"
    surface = text[start:end]
    return Candidate(
        start, end, Actor(f"{prefix}:{slug(surface)}", surface, kind, country, listed=False), ("unlisted",)
    )


def _overlaps_any(kept: Sequence[Candidate], starts: Sequence[int], candidate: Candidate) -> bool:
    """Does the candidate overlap one of `kept` (disjoint, sorted by start; `starts` are their starts)?"""
    at = bisect.bisect_right(starts, candidate.start) - 1
    return (at >= 0 and kept[at].end > candidate.start) or (at + 1 < len(kept) and kept[at + 1].start < candidate.end)


def find_mentions(document: Document) -> list[Mention]:
    """Every actor mention in the document, in order of position."""
    text = document.text
    listed = sorted((c for m in matcher().find(text) if (c := _listed_candidate(text, m))), key=_bounds)
    listed_starts = [c.start for c in listed]
    organisations = [_unlisted(text, o.start, o.end, o.type, o.country) for o in find_organisations(text)]
    organisations += [_unlisted(text, d.start, d.end, "company", d.country) for d in find_described(text)]
    organisations = [o for o in organisations if not _contains_other_actor(o, listed, listed_starts)]
    named = [c for c in longest_first([*listed, *organisations], _bounds) if c.actor is not None]
    institutions = [(c.start, c.end) for c in named if c.actor and c.actor.type in INSTITUTION_TYPES]
    sentences = [(s.start, s.end) for s in document.sentences]
    people = [_unlisted(text, p.start, p.end, "person", p.country) for p in find_people(text, sentences, institutions)]
    named_starts = [c.start for c in named]
    people = [p for p in longest_first(people, _bounds) if not _overlaps_any(named, named_starts, p)]
    mentions = [Mention(c.start, c.end, c.actor, c.flags) for c in [*named, *people] if c.actor]
    mentions += short_forms(text, mentions, document.anchor_date)
    return sorted(_company_short_forms(mentions, [s.start for s in document.sentences]), key=lambda m: (m.start, m.end))


def _company_short_forms(mentions: Sequence[Mention], sentence_starts: Sequence[int]) -> list[Mention]:
    """A listed company named by a one-word brand (`Samsung`, `POSCO`) is the one company of the document whose
    listed name extends it (`Samsung Electronics`, `POSCO Holdings`); with none or several, it stays itself, and
    a company of several words (`Hyundai Motor` beside `Hyundai Motor Group`) is a company of its own, as is a
    brand named in one sentence with its extension (`Ecopro and Ecopro BM are pursuing contracts`)."""
    companies = {m.actor.actor_id: m.actor for m in mentions if m.actor.type == "company" and m.actor.listed}
    sentences: dict[str, set[int]] = {}
    for m in mentions:
        sentences.setdefault(m.actor.actor_id, set()).add(bisect.bisect_right(sentence_starts, m.start))
    longer = {}
    for actor in companies.values():
        if " " in actor.name:
            continue
        extensions = [other for other in companies.values() if other.name.startswith(actor.name + " ")]
        if len(extensions) == 1 and not sentences[actor.actor_id] & sentences[extensions[0].actor_id]:
            longer[actor.actor_id] = extensions[0]
    if not longer:
        return list(mentions)
    return [
        Mention(m.start, m.end, longer[m.actor.actor_id], (*m.flags, "short_form")) if m.actor.actor_id in longer else m
        for m in mentions
    ]


def actor_rows(document: Document, mentions: Sequence[Mention]) -> list[dict[str, object]]:
    """Rows of the actors table; an unlisted actor keeps the name of its first mention throughout the document."""
    starts = [s.start for s in document.sentences]
    first_names: dict[str, str] = {}
    rows = []
    for mention in mentions:
        at = bisect.bisect_right(starts, mention.start) - 1
        if at < 0 or mention.end > document.sentences[at].end:
            continue
        actor = mention.actor
        name = actor.name if actor.listed else first_names.setdefault(actor.actor_id, actor.name)
        rows.append(
            {
                **document.provenance(document.sentences[at], mention.start, mention.end),
                "actor_id": actor.actor_id,
                "name": name,
                "type": actor.type,
                "country": actor.country,
                "flags": ";".join(mention.flags),
            }
        )
    return rows
