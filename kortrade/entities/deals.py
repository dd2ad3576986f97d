"""Corporate deals: who supplies whom with what, how much, for how long, and how far the deal has come.

A sentence holds a deal when a cue of `data/entities/deal_cues.tsv` (`signed a supply contract`,
`is in discussions`, `plans to supply`, `opted for`, `signed an MOU`, `a joint venture with`)
stands between companies: the companies before the cue (`X and Y are pursuing ...`) and the
companies after it (the first, with those coordinated with it: `with X and Y`). A cue with no
company before it takes the first of the companies after it (`a joint venture between X, Y
and Z`); a compound cue takes the companies right before it (`X-Y's joint plant`). The cue's
frame says who supplies whom; a symmetric agreement (MoU, joint venture, partnership) has the
party named first as supplier; elsewhere the company further upstream in the supply chain does.
A company in apposition to the venture (`X, a joint venture with Y`) is the venture, not a
party: the company the text was about stands for it when X bears its name. Words of
`data/entities/deal_modifiers.tsv` change the status from the sentence's modality (`not
finalized` keeps a deal negotiating; `reportedly` makes a signing reported; `plans to`, `is set
to`, `will` before the cue, a rendering, or a deal shelved, make it planned). The first cue with
parties makes a sentence's deals; a later one only when it opens a clause of its own: a relative
clause about a company (`a joint venture with Y that is supplying ore`: Y supplies the other
party) or a clause with its own subject (`..., while Z is in talks with W`), with the modality
of its own clause. A product is read from the cue's own clause. A later sentence about
the same pair, or about `the two companies`, adds to the deal it continues (volume, duration,
status) instead of making another row; the row keeps the first sentence as provenance and lists
every sentence used in `evidence`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..common.numbers import small_cardinals
from ..common.phrases import (
    behind_first_character_test,
    case_key,
    first_character_test,
    regex_first_characters,
    regex_prefixes,
)
from ..common.resources import data_rows
from ..ingest.document import Document, Sentence
from .gazetteer import Actor, Mention

NUMBER_WORDS = small_cardinals()
COUNT = rf"(?:\d+(?:\.\d+)?|{'|'.join(NUMBER_WORDS)})"
VOLUME = re.compile(
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)[ \t]*(?:(?P<gwh>GWh|gigawatt[- ]hours?)|(?P<mwh>MWh|megawatt[- ]hours?)"
    r"|(?P<tons>(?:metric )?tons|tonnes)|(?P<units>units))(?![\w])",
    re.IGNORECASE,
)
VOLUME_UNITS = {"gwh": "GWh", "mwh": "MWh", "tons": "t", "units": "units"}
DURATION = re.compile(
    rf"\b(?:over|for)[ \t]+(?:the[ \t]+next[ \t]+|a[ \t]+period[ \t]+of[ \t]+)?(?P<over>{COUNT})[ \t]+years\b"
    rf"|\b(?P<term>{COUNT})-year[ \t]+(?:[\w-]+[ \t]+)?(?:contract|deal|agreement|supply|partnership)",
    re.IGNORECASE,
)
RESPECTIVELY = re.compile(r"\b(?:supply|provide|deliver)[ \t]+(?P<items>[^.;]+?),?[ \t]+respectively\b", re.IGNORECASE)
LIST_SEPARATOR = re.compile(r",?[ \t]+and[ \t]+|,[ \t]*", re.IGNORECASE)
ANAPHORA = re.compile(
    r"(?=[tb])\b(?:(?:the two|the three|the|both) (?:companies|firms|sides|partners)\b|they\b)", re.IGNORECASE
)
# A sentence that opens with `It` or `The company` is about the company the sentences before it were about.
PRONOUN_SUBJECT = re.compile(r"[ \t]*(?:It|The (?:company|firm|group))\b(?![ \t]*['’])")
# `X and Y`, `X, Y and Z`, `X and China's Y`, `X-Y's joint plant`: the text between two coordinated companies.
COORDINATION = re.compile(r"[ \t]*(?:,[ \t]*)?(?P<and>and|&|(?<=\w)[-–/])?[ \t]*(?:[A-Z][\w.]*['’]s[ \t]+)?")
# `X, the holding company of Y, and Z`: an apposition between coordinated companies, up to its closing comma.
APPOSITION = re.compile(r"[ \t]*,[ \t]+(?:the|a|an)[ \t][^,;()]*?(?=,)")
APPOSITION_OPENING = re.compile(r"[ \t]*,[ \t]+(?:the|a|an)[ \t]")
# `, which plans to expand,`: a clause about the company, not about the deal's modality.
RELATIVE_CLAUSE = re.compile(r",[ \t]+(?:which|who|whose|that)[ \t][^,;]*,")
# `Y that is supplying`, `Y, which also supplies`: a cue opening a relative clause about the company Y before it.
RELATIVE_LINK = re.compile(r",?[ \t]+(?:that|which|who)[ \t]+(?:(?:also|now|already|currently|mainly|still)[ \t]+)?")
# `X, a joint venture with Y`: the company before the cue is the venture, not a party to it.
VENTURE_APPOSITION = re.compile(r"[ \t]*,[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){0,3}?$")
# `X-Y's joint plant`, `the X-Y joint venture`: the compound's last company right before its cue.
COMPOUND_GAP = re.compile(r"(?:['’]s)?[ \t]+")
# Where a clause with its own subject opens after another: `; Z ...`, `, while Z ...`, `, and Z ...`.
CLAUSE_START = re.compile(
    r";|,[ \t]+(?:and|as|while|whilst|whereas|but|although|though|because|since|after|before|meanwhile)\b"
)
# Where the clause a cue opens ends: at another clause (`..., as it diversifies supply channels`) or a relative
# one; not at `, and`, which also closes a list (`between X, Y, and Z`).
CLAUSE_END = re.compile(
    r";|,[ \t]+(?:as|while|whilst|whereas|but|although|though|because|since|after|before|meanwhile)\b"
    r"|,?[ \t]+(?:that|which|who)[ \t]"
)
SUBSIDIARY = re.compile(r"(?:['’]s)?[ \t]+(?:subsidiary|unit|affiliate)[ \t]+")
NEAR_GAP = re.compile(r"[ \t]*(?:(?:the|its|their)[ \t]+)?")
PRODUCT_PATTERNS = (
    re.compile(
        r"\b(?:contracts?|agreements?|deals?|orders?)[ \t]+(?:for|to supply|to provide|on)[ \t]+(?P<p>.+?)"
        r"(?=[ \t]+(?:with|to|from|over|worth|starting|until|by)\b|[,.;](?!\d)|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:joint[ -]ventures?|JVs?|partnerships?|MOUs?)(?:[ \t]+with[ \t][^,;]*?)?[ \t]+(?:for|on)[ \t]+(?P<p>.+?)"
        r"(?=[ \t]+(?:with|to|from|over|worth|starting|until|by|in|at)\b|[,.;](?!\d)|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|deliver(?:s|ed|ing)?|ship(?:s|ped|ping)?)[ \t]+"
        r"(?!(?:contracts?|agreements?|deals?|chains?|orders?|to|for|with|from)\b)(?P<p>.+?)"
        r"(?=[ \t]+(?:to|with|from|over|for|starting|until|by)\b|[,.;](?!\d)|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bwith[ \t]+(?P<p>.+?)[ \t]+(?:made|produced|manufactured|supplied|developed)[ \t]+by\b", re.IGNORECASE
    ),
    re.compile(
        r"\bto[ \t]+(?:jointly[ \t]+)?(?:produce|make|manufacture|build|develop)(?:[ \t]+and[ \t]+[a-z]+)?[ \t]+(?P<p>.+?)"
        r"(?=[ \t]+(?:in|at|for|with|by|from|starting|and)\b|[,.;](?!\d)|$)",
        re.IGNORECASE,
    ),
)
PRODUCT_AFTER_SUPPLIER = re.compile(
    r"(?:['’]s)?[ \t]+(?P<p>[\w-]+(?:[ \t]+[\w-]+){0,3}?)(?=[ \t]+(?:for|to|in|on|from|at|and)\b|[,.;](?!\d)|$)"
)
PARENTHESIS = re.compile(r"[ \t]*\([^()]*\)")
LEADING_NOISE = re.compile(
    rf"^(?:(?:a|an|the|its|their)[ \t]+)?(?:a[ \t]+total[ \t]+of[ \t]+)?(?:{VOLUME.pattern}[ \t]+of[ \t]+)?",
    re.IGNORECASE,
)
MAX_PRODUCT_WORDS = 8
# The kinds of agreement a cue can name; a later sentence naming another kind is another agreement.
AGREEMENT_KINDS = (
    ("mou", re.compile(r"\bMOUs?\b|memorand", re.IGNORECASE)),
    ("joint_venture", re.compile(r"\bjoint[ -]ventures?\b|\bJVs?\b", re.IGNORECASE)),
    ("partnership", re.compile(r"partner|cooperation|allied|ally|team|join", re.IGNORECASE)),
    ("supply", re.compile(r"suppl|order|deliver|provide|ship", re.IGNORECASE)),
)
# Words around a cue that say the agreement is not the one told before (`also agreed`, `another JV`).
ANOTHER = re.compile(r"\b(?:also|another|additional|separate|further|second|third)\b", re.IGNORECASE)
# A cue right after `its` or `their` (`committed to its partnership with Y`) refers to an agreement already told.
REFERENCE = re.compile(r"\b(?:its|their)[ \t]+$", re.IGNORECASE)
# How many words before and after a cue tell the kind of agreement and whether it is another one.
AROUND_CUE = re.compile(r"(?:\S+[ \t]+){0,3}$"), re.compile(r"(?:[ \t]+\S+){0,4}")
STATUS_ORDER = ("reported", "planned", "negotiating", "signed")


@dataclass(frozen=True)
class Cue:
    """A way of writing a deal: its status, who supplies whom (`frame`), and its pattern."""

    status: str
    frame: str
    near: bool
    pattern: re.Pattern[str]


@dataclass
class Deal:
    """One deal and the sentences it was read from."""

    sentence: Sentence
    supplier: Actor
    buyer: Actor
    product: str
    volume: tuple[float, str] | None
    duration: float | None
    status: str
    kind: str = ""
    evidence: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.evidence = self.evidence or [self.sentence.sentence_id]


@cache
def cues() -> tuple[Cue, ...]:
    return tuple(
        Cue(row["status"], row["frame"], row["near"] == "yes", re.compile(row["pattern"], re.IGNORECASE))
        for row in data_rows("entities/deal_cues.tsv")
    )


@cache
def modifiers() -> dict[tuple[str, str], re.Pattern[str]]:
    """(effect, scope) -> one case-insensitive pattern for its modifiers, behind a test of the characters they start with."""
    alternations: dict[tuple[str, str], list[str]] = {}
    for row in data_rows("entities/deal_modifiers.tsv"):
        alternations.setdefault((row["effect"], row["scope"]), []).append(f"(?:{row['pattern']})")
    patterns = {}
    for key, alternation in alternations.items():
        patterns[key] = re.compile(behind_first_character_test("|".join(alternation), re.IGNORECASE), re.IGNORECASE)
    return patterns


@cache
def chain_ranks() -> dict[str, int]:
    return {row["position"]: int(row["rank"]) for row in data_rows("entities/supply_chain.tsv")}


def _number(text: str) -> float:
    return float(NUMBER_WORDS.get(case_key(text), 0) or text.replace(",", ""))


def _volume(text: str) -> tuple[float, str] | None:
    match = VOLUME.search(text)
    if not match:
        return None
    unit = next(VOLUME_UNITS[name] for name in VOLUME_UNITS if match[name])
    return _number(match["value"]), unit


def _duration(text: str) -> float | None:
    match = DURATION.search(text)
    return _number(match["over"] or match["term"]) if match else None


def _clean_product(text: str) -> str:
    product = LEADING_NOISE.sub("", PARENTHESIS.sub("", text)).strip(" \t,")
    return product if 0 < len(product.split()) <= MAX_PRODUCT_WORDS else ""


def _product(text: str, cue_start: int, supplier_end: int | None, end: int) -> str:
    """The product a sentence names after its cue (`contract for X`, `supply X to`, `with X made by`, `X batteries`).

    `text` is read as if it ended at `end` (the sentence's end): patterns take an end position
    rather than a copy of the text up to it, which cost the document's length for each deal.
    """
    for pattern in PRODUCT_PATTERNS:
        match = pattern.search(text, cue_start, end)
        if match and (product := _clean_product(match["p"])):
            return product
    if supplier_end is not None:
        match = PRODUCT_AFTER_SUPPLIER.match(text, supplier_end, end)
        if match:
            return _clean_product(match["p"])
    return ""


def _status(text: str, verb: str, status: str) -> str:
    """The cue's status as the sentence's modality changes it; `verb` holds the words from the first party to the cue's end."""
    effects = {
        effect for (effect, scope), pattern in modifiers().items() if pattern.search(verb if scope == "verb" else text)
    }
    if "negotiating" in effects:
        return "negotiating"
    if "reported" in effects and status == "signed":
        return "reported"
    if "planned" in effects and status == "signed":
        return "planned"
    return status


def _subjects(text: str, companies: Sequence[Mention], cue_start: int) -> list[Mention]:
    """The company before the cue, with the companies coordinated with it (`X and Y`, `X, Y and Z`)."""
    before = [c for c in companies if c.end <= cue_start]
    if not before:
        return []
    return _coordinated(text, before)


def _coordinated(text: str, companies: Sequence[Mention]) -> list[Mention]:
    """The first company with those coordinated with it (`X and Y`, `X, Y and Z`; a bare `X, Y` is X alone)."""
    chain, last_has_and = [companies[0]], False
    for company in companies[1:]:
        apposition = APPOSITION.match(text, chain[-1].end, company.start)
        opening = None if apposition else APPOSITION_OPENING.match(text, chain[-1].end, company.start)
        if opening and "," not in text[opening.end() : company.start]:
            continue  # Y inside the apposition of `X, the affiliate of Y, and Z`
        link = COORDINATION.fullmatch(text, apposition.end() if apposition else chain[-1].end, company.start)
        if not link or not (link["and"] or "," in link.group()):
            break
        if company.actor.actor_id != chain[-1].actor.actor_id:
            chain.append(company)
        last_has_and = bool(link["and"])
    return chain if len(chain) == 1 or last_has_and else chain[:1]


def _counterparts(
    text: str, companies: Sequence[Mention], cue: Cue, cue_end: int, subjects: list[Mention]
) -> list[Mention]:
    """The first company after the cue that is not a subject, with the companies coordinated with it."""
    taken = {s.actor.actor_id for s in subjects}
    after = [c for c in companies if c.start >= cue_end]
    for i, company in enumerate(after):
        if company.actor.actor_id in taken:
            continue
        if cue.near and not NEAR_GAP.fullmatch(text, cue_end, company.start):
            return []
        while i + 1 < len(after) and SUBSIDIARY.fullmatch(text, company.end, after[i + 1].start):
            i, company = i + 1, after[i + 1]  # `Huayou Group subsidiary Youshan`: the deal is the subsidiary's
        return [c for c in _coordinated(text, after[i:]) if c.actor.actor_id not in taken]
    return []


def _direction(cue: Cue, subject: Actor, counterpart: Actor, symmetric: bool) -> tuple[Actor, Actor]:
    """(supplier, buyer); `symmetric` when the sentence's agreement is a symmetric one (`in talks to form a joint venture`)."""
    if cue.frame == "pair" or (symmetric and cue.frame == "with"):
        return subject, counterpart
    if cue.frame == "from":
        return counterpart, subject
    if cue.frame == "with":
        ranks = chain_ranks()
        if subject.chain in ranks and counterpart.chain in ranks and ranks[counterpart.chain] < ranks[subject.chain]:
            return counterpart, subject
    return subject, counterpart


@cache
def _cue_firsts() -> tuple[frozenset[str] | None, ...]:
    """For each cue, the lower-case characters a match can start with; None when they are unknown, or not all
    ASCII (which case-insensitive matching may pair with an ASCII letter)."""
    firsts = []
    for cue in cues():
        chars = regex_first_characters(cue.pattern.pattern, cue.pattern.flags)
        firsts.append(None if chars is None or not "".join(chars).isascii() else frozenset("".join(chars).lower()))
    return tuple(firsts)


@cache
def cue_word_starts() -> re.Pattern[str]:
    """Where some cue can start: a word start (`(?<!\\w)`; every cue opens with `\\b` and a word character, the
    tests check the cue file) behind a test of the characters the cues start with. It matches (empty) at every
    position where a cue matches, and more: the cues that can start there are then told by `cues_opening_with`."""
    firsts = _cue_firsts()
    test = "" if None in firsts else first_character_test(set().union(*firsts))
    return re.compile(test + r"(?<!\w)", re.IGNORECASE)


@cache
def cues_opening_with() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The indices of the cues a match opening with each lower-case pair of ASCII characters can be of,
    and those for a pair not listed: the cues whose openings (`regex_prefixes`) are unknown or not all ASCII.

    A fast path for trying at a word start every cue that can start with its first character
    (`cues_starting_with`): a pair of ASCII characters matches an ASCII opening under `re.IGNORECASE` when
    both are the same in lower case, so the cues left out cannot match there.
    """
    openings = [regex_prefixes(cue.pattern.pattern, cue.pattern.flags) for cue in cues()]
    unknown = tuple(i for i, pairs in enumerate(openings) if pairs is None or not "".join(pairs).isascii())
    pairs = {pair.lower() for i, found in enumerate(openings) if i not in unknown for pair in found or ()}
    return {
        pair: tuple(i for i, found in enumerate(openings) if i in unknown or pair in {f.lower() for f in found or ()})
        for pair in pairs
    }, unknown


@cache
def cues_starting_with() -> dict[str, tuple[int, ...]]:
    """For each ASCII character, the indices of the cues a match starting with it can be of.

    A cue whose first characters are unknown, or not all ASCII, is listed for every character.
    """
    return {
        char: tuple(i for i, firsts in enumerate(_cue_firsts()) if firsts is None or char.lower() in firsts)
        for char in map(chr, range(128))
    }


def _cue_matches(sentence_text: str, offset: int) -> list[tuple[int, int, Cue]]:
    """Every cue's matches, as its own scan of the sentence finds them, by start (longest first).

    Each cue is tried only at word starts, found by one scan for them all, and only where the
    characters there can open it (`cues_opening_with`, else `cues_starting_with`).
    """
    found = []
    every_cue = cues()
    ends = [0] * len(every_cue)  # where each cue's own scan would go on from
    all_indices = range(len(every_cue))
    by_pair, unknown = cues_opening_with()
    for start in cue_word_starts().finditer(sentence_text):
        position = start.start()
        pair = sentence_text[position : position + 2]
        if len(pair) == 2 and pair.isascii():
            indices = by_pair.get(pair.lower(), unknown)
        else:
            indices = cues_starting_with().get(sentence_text[position], all_indices)
        for i in indices:
            if position >= ends[i] and (match := every_cue[i].pattern.match(sentence_text, position)):
                found.append((offset + match.start(), offset + match.end(), every_cue[i]))
                ends[i] = match.end()
    return sorted(found, key=lambda f: (f[0], -f[1]))


def _kind(cue_text: str, cue: Cue) -> str:
    """The kind of agreement a cue names: `mou`, `joint_venture`, `partnership`, `supply`, or '' when it does not say."""
    for kind, pattern in AGREEMENT_KINDS:
        if pattern.search(cue_text):
            return kind
    return "supply" if cue.frame in {"to", "from"} else ""


def _around(text: str, sentence: Sentence, cue_start: int, cue_end: int) -> str:
    """The cue with the few words around it (`are also planning to set up another JV`)."""
    before = AROUND_CUE[0].search(text, max(sentence.start, cue_start - 60), cue_start)
    after = AROUND_CUE[1].match(text, cue_end, sentence.end)
    return text[before.start() if before else cue_start : after.end() if after else cue_end]


def _continues(deal: Deal, kind: str, around: str) -> bool:
    """Does a later sentence about a deal's pair speak of the same agreement? Not when it names another kind of
    agreement, nor when it says so (`also`, `another`) around its cue. (Products are not compared: one product
    is written many ways, `46-series batteries`, `8 GWh of batteries`.)"""
    if ANOTHER.search(around):
        return False
    return not (kind and deal.kind and kind != deal.kind)


def _merge(deal: Deal, status: str, text: str, sentence: Sentence) -> None:
    """Add what a later sentence says about a deal: missing volume or duration, a signing, or `not finalized`."""
    deal.volume = deal.volume or _volume(text)
    deal.duration = deal.duration or _duration(text)
    if status == "negotiating" and modifiers()[("negotiating", "sentence")].search(text):
        deal.status = "negotiating"
    elif status == "signed" and deal.status in {"negotiating", "planned"}:
        deal.status = "signed"
    if sentence.sentence_id not in deal.evidence:
        deal.evidence.append(sentence.sentence_id)


def _add(deals: list[Deal], deal: Deal, around: str) -> None:
    """A new row for the deal, or what it adds to the last row of its pair whose agreement it continues."""
    pair = (deal.supplier, deal.buyer)
    same = next(
        (d for d in reversed(deals) if (d.supplier, d.buyer) == pair and _continues(d, deal.kind, around)), None
    )
    if same:
        same.product = same.product or deal.product
        same.kind = same.kind or deal.kind
        _merge(same, deal.status, deal.sentence.text, deal.sentence)
    else:
        deals.append(deal)


def _read_sentence(
    document: Document,
    sentence: Sentence,
    companies: Sequence[Mention],
    deals: list[Deal],
    topic: Actor | None,
    recent: set[str],
    parent: Actor | None,
) -> None:
    """Read a sentence's deals into `deals`; `topic` is what `It` stands for, `recent` the companies of the
    last sentence that named any, `parent` the company the text was about before the sentence.

    The first cue with parties makes the sentence's deals; a later cue makes one only when it opens a
    clause of its own (`a joint venture with Y that is supplying ore`, `, while Z is in talks with W`)."""
    text = document.text
    matches = _cue_matches(sentence.text, sentence.start)
    symmetric = any(cue.frame == "pair" for _, _, cue in matches)
    made: list[Deal] = []
    first_cue_end = 0
    for cue_start, cue_end, cue in matches:
        if made:
            _read_later_clause(text, sentence, companies, deals, made, first_cue_end, (cue_start, cue_end, cue))
            continue
        if cue.frame == "compound":
            _read_compound(text, sentence, companies, deals, (cue_start, cue_end, cue))
            continue
        subjects = _subjects(text, companies, cue_start)
        pronoun = None if subjects or topic is None else PRONOUN_SUBJECT.match(text, sentence.start, cue_start)
        if pronoun:
            subjects = [Mention(pronoun.start(), pronoun.end(), topic, ("pronoun",))]
        verb = RELATIVE_CLAUSE.sub("", text[subjects[-1].end if subjects else sentence.start : cue_end])
        status = _status(sentence.text, verb, cue.status)
        around = _around(text, sentence, cue_start, cue_end)
        kind = "" if REFERENCE.search(text, sentence.start, cue_start) else _kind(around, cue)
        if subjects and kind == "joint_venture" and VENTURE_APPOSITION.fullmatch(text, subjects[-1].end, cue_start):
            subjects = _venture_parent(subjects[-1], parent)
        pairs = [d for d in deals if d.sentence is deals[-1].sentence] if deals else []
        others = recent - {actor.actor_id for d in pairs for actor in (d.supplier, d.buyer)}
        clause_end = _clause_end(text, cue_end, sentence.end)
        if not subjects and pairs and not others and not cue.near and ANAPHORA.search(text, sentence.start, cue_start):
            # `the two companies`, `they`: every pair of the last sentence that made a deal, when the last
            # sentence to name companies named no other
            product = _product(text, cue_start, None, clause_end)
            for last in pairs:
                deal = Deal(sentence, last.supplier, last.buyer, product, _volume(sentence.text), None, status, kind)
                _add(deals, deal, around)
            return
        counterparts = _counterparts(text, companies, cue, cue_end, subjects)
        if not counterparts and cue.frame in {"with", "pair"} and len(subjects) >= 2:
            subjects, counterparts = subjects[:1], subjects[1:2]
        if not subjects and cue.frame in {"with", "pair"} and len(counterparts) >= 2:
            subjects, counterparts = counterparts[:1], counterparts[1:]
        if not subjects or not counterparts:
            continue
        items = RESPECTIVELY.search(text, cue_start, sentence.end)
        products = LIST_SEPARATOR.split(items["items"]) if items else []
        for i, subject in enumerate(subjects):
            for counterpart in counterparts:
                supplier, buyer = _direction(cue, subject.actor, counterpart.actor, symmetric)
                product = products[i] if len(products) == len(subjects) else ""
                supplier_end = counterpart.end if cue.frame == "from" else None
                deal = Deal(
                    sentence,
                    supplier,
                    buyer,
                    _clean_product(product) or _product(text, cue_start, supplier_end, clause_end),
                    _volume(sentence.text),
                    _duration(sentence.text),
                    status,
                    kind,
                )
                made.append(deal)
                _add(deals, deal, around)
        first_cue_end = cue_end


def _read_compound(
    text: str, sentence: Sentence, companies: Sequence[Mention], deals: list[Deal], match: tuple[int, int, Cue]
) -> None:
    """The deal of the coordinated companies right before a compound cue (`X-Y's joint plant`): the first
    named is the supplier, each other a buyer."""
    cue_start, cue_end, cue = match
    before = [c for c in companies if c.end <= cue_start]
    if not before or not COMPOUND_GAP.fullmatch(text, before[-1].end, cue_start):
        return
    first = len(before) - 1
    while first and (link := COORDINATION.fullmatch(text, before[first - 1].end, before[first].start)) and link["and"]:
        first -= 1
    parties = list({c.actor.actor_id: c.actor for c in before[first:]}.values())
    status = _status(sentence.text, text[before[-1].end : cue_end], cue.status)
    around = _around(text, sentence, cue_start, cue_end)
    product = _product(text, cue_start, None, _clause_end(text, cue_end, sentence.end))
    for buyer in parties[1:]:
        _add(deals, Deal(sentence, parties[0], buyer, product, None, None, status, _kind(around, cue)), around)


def _clause_end(text: str, start: int, end: int) -> int:
    """Where the clause going on at `start` ends, at the latest at `end` (a sentence's end)."""
    match = CLAUSE_END.search(text, start, end)
    return match.start() if match else end


def _venture_parent(venture: Mention, parent: Actor | None) -> list[Mention]:
    """The party standing for a joint venture the text names (`Beijing Hyundai, a joint venture with Y`): the
    company the text was about, when the venture bears its name (`Hyundai Motor`); else none."""
    if parent is None or parent == venture.actor:
        return []
    if parent.name.split()[0].lower() not in venture.actor.name.lower().split():
        return []
    return [Mention(venture.start, venture.end, parent, ("venture_parent",))]


def _read_later_clause(
    text: str,
    sentence: Sentence,
    companies: Sequence[Mention],
    deals: list[Deal],
    made: list[Deal],
    first_cue_end: int,
    match: tuple[int, int, Cue],
) -> None:
    """The deal of a cue after the clause that made the sentence's first deals, when the cue opens a clause
    of its own: a relative clause about the company before it (`Y that is supplying ore`: that company and the
    company after the cue, else the other party of the first deal), or a clause with its own subject after a
    clause boundary (`..., while Z is in talks with W`). Its status is its own clause's."""
    cue_start, cue_end, cue = match
    before = [c for c in companies if c.end <= cue_start]
    if before and RELATIVE_LINK.fullmatch(text, before[-1].end, cue_start):
        subjects = before[-1:]
        others = [party for d in made for party in (d.supplier, d.buyer) if party != subjects[0].actor][:1]
    else:
        boundary = _last_boundary(text, first_cue_end, cue_start)
        subjects = _subjects(text, [c for c in before if c.start >= boundary], cue_start) if boundary else []
        others = []
    if not subjects:
        return
    counterparts = [c.actor for c in _counterparts(text, companies, cue, cue_end, subjects)] or others
    status = _status(sentence.text, text[subjects[-1].end : cue_end], cue.status)
    around = _around(text, sentence, cue_start, cue_end)
    product = _product(text, cue_start, None, _clause_end(text, cue_end, sentence.end))
    for subject in subjects:
        for counterpart in counterparts:
            supplier, buyer = _direction(cue, subject.actor, counterpart, symmetric=False)
            deal = Deal(sentence, supplier, buyer, product, None, None, status, _kind(around, cue))
            _add(deals, deal, around)


def _last_boundary(text: str, start: int, end: int) -> int:
    """Where the last clause opening between `start` and `end` starts (`; Z ...`, `, while Z ...`), else 0."""
    last = 0
    for match in CLAUSE_START.finditer(text, start, end):
        last = match.end()
    return last


def find_deals(document: Document, mentions: Sequence[Mention]) -> list[Deal]:
    """Every deal the document reports, in the order of the sentences that first name them.

    `topic` is the company the text is about: the first company of the last sentence that named one,
    kept through sentences that open with `It` or `The company`, forgotten at any other sentence."""
    deals: list[Deal] = []
    companies = [m for m in mentions if m.actor.type == "company"]
    starts = [c.start for c in companies]
    topic: Actor | None = None
    recent: set[str] = set()
    for sentence in document.sentences:
        first, last = bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)
        inside = [c for c in companies[first:last] if c.end <= sentence.end]
        pronoun = topic is not None and PRONOUN_SUBJECT.match(sentence.text) is not None
        if inside or pronoun or (deals and ANAPHORA.search(sentence.text)):
            _read_sentence(document, sentence, inside, deals, topic if pronoun else None, recent, topic)
        if not pronoun:
            topic = inside[0].actor if inside else None
        recent = {c.actor.actor_id for c in inside} or recent
    return deals


def deal_rows(document: Document, deals: Sequence[Deal]) -> list[dict[str, object]]:
    """Rows of the deals table."""
    return [
        {
            **document.provenance(deal.sentence, deal.sentence.start, deal.sentence.end),
            "supplier": deal.supplier.actor_id,
            "buyer": deal.buyer.actor_id,
            "product": deal.product,
            "volume_value": deal.volume[0] if deal.volume else None,
            "volume_unit": deal.volume[1] if deal.volume else "",
            "duration_years": deal.duration,
            "status": deal.status,
            "evidence": ";".join(map(str, deal.evidence)),
        }
        for deal in deals
    ]
