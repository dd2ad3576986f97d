"""Regular expressions for long phrase lists, compiled as a trie so that matching stays fast.

Python's `re` tries the alternatives of `a|b|c|...` one by one at every position; a list
of a hundred cue phrases then costs a hundred attempts per character. Grouping the phrases
by shared prefixes (`trade(?: (?:balance|deficit|surplus))?`) lets the engine branch on one
character at a time, which on this project's cue lists is about twice as fast, and matches
the same phrases (longest first, because every optional tail is greedy).

For cues written as regular expressions, `regex_first_characters` reads from a pattern's
parse tree the characters its matches can start with, so that a `first_character_test`
in front of it rules out most positions with one character test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from re import _constants as sre_constants  # the parse tree of `re`, to read where a pattern can start
from re import _parser as sre_parser


def trie_pattern(phrases: Iterable[str], fold_case: bool = False, space: str = r"\ ") -> str:
    """A regular expression (no flags) matching exactly the phrases, longest first at each position.

    `space` is what a space in a phrase matches (`[ \t]+`: any run of blanks).
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in phrase.lower() if fold_case else phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie, space)


def by_first_character(phrases: Iterable[str], branch: Callable[[str, list[str]], str]) -> str:
    """An alternation of one branch per first character of the phrases (for a case-sensitive pattern):
    `branch(first, rests)` builds it from the character and the rest of each phrase starting with it,
    in the phrases' order.

    A pattern that opens on plain characters lets `re` skip to the positions holding one of
    them, where one that opens on a lookaround is tried at every position. Branches opening
    on different characters never match at the same position, so their order does not matter.
    """
    rests: dict[str, list[str]] = {}
    for phrase in phrases:
        rests.setdefault(phrase[0], []).append(phrase[1:])
    return "|".join(branch(first, rest) for first, rest in sorted(rests.items()))


def trie_opening_on_characters(phrases: Iterable[str], after_first: str) -> str:
    """What `trie_pattern(phrases)` matches, as one branch per first character with `after_first` (a test,
    such as a lookbehind of width two that reads the character before the phrase) right after it."""
    return by_first_character(phrases, lambda first, rests: f"{re.escape(first)}{after_first}(?:{trie_pattern(rests)})")


def first_character_test(phrases: Iterable[str], fold_case: bool = False) -> str:
    """A lookahead for the characters the phrases start with (lower-cased with `fold_case`).

    Put before a pattern that opens with a lookbehind or alternatives, it lets `re` rule out
    most positions with one character test instead of trying every branch there.
    """
    firsts = {phrase[0].lower() if fold_case else phrase[0] for phrase in phrases}
    return f"(?=[{re.escape(''.join(sorted(firsts)))}])"


def regex_first_characters(pattern: str, flags: int = 0, nonempty: bool = False) -> frozenset[str] | None:
    """The characters a match of the pattern can start with; None when unknown.

    Read from the pattern's parse tree: zero-width assertions are skipped (they only narrow the
    matches) and optional parts add their first characters to what follows. None when a match can
    start with a character outside a plain set of literals (`\\w`, `.`, `[^a]`), where a group of
    the pattern turns case-insensitivity on, or when a match can be empty; with `nonempty`, the
    characters the pattern's non-empty matches can start with, even if it can also match empty.
    Compiled with the pattern's own flags, their `first_character_test` accepts every character
    such a match can start with, case folding included.
    """
    firsts = _sequence_firsts(sre_parser.parse(pattern, flags).data)
    if firsts is None or (firsts[1] and not nonempty):
        return None
    return frozenset(map(chr, firsts[0]))


def behind_first_character_test(body: str, flags: int = 0, nonempty: bool = False) -> str:
    """`(?:body)` behind a `first_character_test` of the characters its matches can start with
    (`regex_first_characters` with these flags and `nonempty`); without a test when those are unknown."""
    firsts = regex_first_characters(body, flags, nonempty)
    return (first_character_test(firsts) if firsts else "") + f"(?:{body})"


def _sequence_firsts(items: list) -> tuple[set[int], bool] | None:
    """(first code points, whether the sequence can match empty) of parsed items; None when unknown."""
    firsts: set[int] = set()
    for op, value in items:
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        if op is sre_constants.LITERAL:
            return firsts | {value}, False
        if op is sre_constants.IN:
            chars = _set_firsts(value)
            return None if chars is None else (firsts | chars, False)
        found = _item_firsts(op, value)
        if found is None:
            return None
        firsts |= found[0]
        if not found[1]:
            return firsts, False
    return firsts, True


def _item_firsts(op: object, value: object) -> tuple[set[int], bool] | None:
    """(first code points, whether it can match empty) of a group, a branch or a repeat; None when unknown."""
    if op is sre_constants.SUBPATTERN:
        _, add_flags, _, items = value
        return None if add_flags & re.IGNORECASE else _sequence_firsts(items.data)
    if op is sre_constants.BRANCH:
        branches = [_sequence_firsts(items.data) for items in value[1]]
        if any(branch is None for branch in branches):
            return None
        return set().union(*(b[0] for b in branches)), any(b[1] for b in branches)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        least, _, items = value
        found = _sequence_firsts(items.data)
        return None if found is None else (found[0], found[1] or least == 0)
    return None


def _set_firsts(items: list) -> set[int] | None:
    """The code points of a character set of literals and small ranges; None for categories or negation."""
    chars: set[int] = set()
    for op, value in items:
        if op is sre_constants.LITERAL:
            chars.add(value)
        elif op is sre_constants.RANGE and value[1] - value[0] < 256:
            chars.update(range(value[0], value[1] + 1))
        else:
            return None
    return chars


def _branches(node: dict[str, dict], space: str) -> str:
    if list(node) == [""]:
        return ""
    branches = [
        (space if char == " " else re.escape(char)) + _branches(child, space)
        for char, child in sorted(node.items())
        if char
    ]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def any_of(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches where any of the patterns (which share their flags) matches.

    A cheap first test before many patterns are tried one by one: a text it does not
    match holds a match of none of them.
    """
    patterns = list(patterns)
    flags = patterns[0].flags if patterns else 0
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags)


def starts_of(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every position where the pattern matches, overlapping matches included, in order."""
    starts = []
    match = pattern.search(text)
    while match is not None:
        starts.append(match.start())
        match = pattern.search(text, match.start() + 1)
    return starts


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, trying the pattern only at `starts` (in order).

    `starts` must hold every position where a match can start (those of a pattern the
    pattern opens with, found once for several patterns), and the pattern must not match the empty string.
    """
    resume = 0
    for start in starts:
        if start >= resume and (match := pattern.match(text, start)):
            yield match
            resume = match.end()


# Letters that `re.IGNORECASE` matches to an ASCII letter although `str.lower` keeps them apart
# (dotted and dotless i, long s, the Kelvin sign).
IGNORECASE_ODDITIES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "K": "k"})


def case_key(text: str) -> str:
    """The lower-case key of text a case-insensitive pattern matched: `Sept`, `SEPT` and `ſept` give `sept`."""
    return text.translate(IGNORECASE_ODDITIES).lower()


def lowered_for_search(text: str) -> str | None:
    """`text.lower()` when a case-sensitive search of lower-case ASCII phrases in it finds what a
    case-insensitive search finds in `text` (same offsets), else None.

    Of `IGNORECASE_ODDITIES`, `İ` lowers to two characters (the length changes) and `ı` and `ſ`
    stay as they are; the Kelvin sign lowers to `k` like any `K`.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "ı" in text or "ſ" in text:
        return None
    return lowered


WEB_ADDRESS = re.compile(r"://|www\.")
# How far either side of a stretch its whitespace-delimited token is looked for.
ADDRESS_REACH = 200


def in_web_address(text: str, start: int, end: int) -> bool:
    """Whether the whitespace-delimited token around `text[start:end]` is a web address (`https://…/2015/03/`,
    `www.…/exports-up-5-percent`), looked for at most `ADDRESS_REACH` characters either side."""
    reach = max(0, start - ADDRESS_REACH)
    token_start = max(reach, text.rfind(" ", reach, start) + 1, text.rfind("\n", reach, start) + 1)
    stop = min(len(text), end + ADDRESS_REACH)
    token_end = min((i for i in (text.find(" ", end, stop), text.find("\n", end, stop)) if i >= 0), default=stop)
    return WEB_ADDRESS.search(text, token_start, token_end) is not None


def regex_prefixes(pattern: str, flags: int = 0, length: int = 2) -> frozenset[str] | None:
    """The strings of `length` characters a match of the pattern can start with; None when unknown.

    Read from the parse tree as `regex_first_characters` reads the first character: zero-width assertions
    are skipped, so the set holds the opening of every match; None where a match can start with something
    other than plain literals within its first `length` characters, or can be shorter than that.
    """
    found = _prefixes(list(sre_parser.parse(pattern, flags).data), length)
    return None if found is None or any(len(prefix) < length for prefix in found) else frozenset(found)


def _prefixes(items: list, length: int) -> set[str] | None:
    """The openings, up to `length` characters, of the matches of a sequence of parsed items; None when unknown."""
    if length == 0 or not items:
        return {""}
    (op, value), rest = items[0], items[1:]
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return _prefixes(rest, length)
    if op is sre_constants.LITERAL or op is sre_constants.IN:
        chars = {value} if op is sre_constants.LITERAL else _set_firsts(value)
        after = _prefixes(rest, length - 1)
        return None if chars is None or after is None else {chr(c) + a for c in chars for a in after}
    if op is sre_constants.SUBPATTERN:
        _, add_flags, _, sub = value
        return None if add_flags & re.IGNORECASE else _prefixes(list(sub.data) + rest, length)
    if op is sre_constants.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            sub_found = _prefixes(list(branch.data) + rest, length)
            if sub_found is None:
                return None
            found |= sub_found
        return found
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        least, most, sub = value
        firsts = _sequence_firsts(sub.data)
        if firsts is None or firsts[1] or most == 0:  # a repeated part that can match empty is not unrolled
            return None
        once = list(sub.data) + [(op, (max(least - 1, 0), most - 1 if most != sre_constants.MAXREPEAT else most, sub))]
        with_it = _prefixes(once + rest, length)
        without = _prefixes(rest, length) if least == 0 else set()
        return None if with_it is None or without is None else with_it | without
    return None
