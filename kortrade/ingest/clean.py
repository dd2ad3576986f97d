"""Raw text to clean text: the text every span in the tables refers to.

Two steps, kept apart because metadata is read between them:
`normalise` repairs mojibake (ftfy), unwraps markdown (links, bold,
escapes, headings) and normalises whitespace while keeping paragraphs;
`remove_boilerplate` drops the sentences that match the rules in
`data/ingest/boilerplate.tsv` and records each removal. A line is dropped only
when every sentence on it is boilerplate, so article sentences survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ftfy

from ..common.phrases import any_of, first_character_test, regex_first_characters
from ..common.resources import data_rows
from .segment import line_sentence_spans

MARKDOWN_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
# `**bold**` on one line: the opening `**` follows no word character and precedes one that is
# not a space, the closing `**` mirrors it. A lone `**` (`3**`, `global ** chain`) is a
# censored placeholder and stays.
MARKDOWN_BOLD = re.compile(r"(?<![\w*])\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*(?![\w*])")
MARKDOWN_UNDERSCORE_BOLD = re.compile(r"(?<![\w_])__(?=\S)([^_\n]+?)(?<=\S)__(?![\w_])")
MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.MULTILINE)
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$%&])")
CENSORED = re.compile(r"\*\*")
# A line ftfy leaves as it is: printable ASCII without `&` (no HTML entity), and tabs.
NOTHING_TO_FIX = re.compile(r"[\t\x20-\x25\x27-\x7e]*\n?")
BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Removal:
    """A piece of text the cleaner dropped, and the rule that dropped it."""

    line: int
    rule: str
    text: str


@dataclass(frozen=True)
class Cleaned:
    """Clean text, its sentence spans, what was removed, and the flags cleaning earned.

    The sentences are those found while judging boilerplate: removal drops whole
    sentences, so the spans of the kept ones are the clean text's segmentation.
    """

    text: str
    sentences: tuple[tuple[int, int], ...]
    removed: tuple[Removal, ...]
    flags: tuple[str, ...]


def normalise(raw: str) -> str:
    """Repair encoding damage and markdown, normalise whitespace; paragraphs are kept."""
    text = repair_encoding(raw)
    text = MARKDOWN_IMAGE.sub("", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    if "**" in text:  # the bold patterns open with a lookbehind, tried at every position
        text = MARKDOWN_BOLD.sub(r"\1", text)
    if "__" in text:
        text = MARKDOWN_UNDERSCORE_BOLD.sub(r"\1", text)
    if "#" in text:
        text = MARKDOWN_HEADING.sub("", text)
    text = MARKDOWN_ESCAPE.sub(r"\1", text)
    text = single_spaced(text)
    if "\n\n\n" in text:
        text = BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


def single_spaced(text: str) -> str:
    """Every run of whitespace within a line made one space, and every line stripped.

    `str.split()` splits at the characters `re` matches with `\\s`: this is `[^\\S\\n]+` replaced by
    a space and each line stripped, without a regular expression tried at every character.
    """
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def repair_encoding(text: str) -> str:
    """`ftfy.fix_text`, run only on the lines it could change.

    ftfy fixes a text line by line, and a line of plain ASCII without `&` (no HTML entity)
    has nothing for it to fix. The one state ftfy carries from line to line is HTML
    unescaping, which stops at the first line with a `<`; each line is fixed in that state.
    """
    lines = text.split("\n")
    pieces = [line + "\n" for line in lines[:-1]] + [lines[-1]]
    repaired = []
    unescape_html: str | bool = "auto"
    for piece in pieces:
        if "<" in piece:
            unescape_html = False
        repaired.append(piece if NOTHING_TO_FIX.fullmatch(piece) else ftfy.fix_text(piece, unescape_html=unescape_html))
    return "".join(repaired)


@cache
def boilerplate_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(rule name, compiled pattern) pairs from `data/ingest/boilerplate.tsv`."""
    return tuple(
        (row["rule"], re.compile(row["pattern"], re.IGNORECASE)) for row in data_rows("ingest/boilerplate.tsv")
    )


@cache
def boilerplate_screens() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two patterns that together match where any rule matches: the anchored rules, the others.

    A sentence neither matches is no boilerplate, found with one `match` and one `search`
    instead of a test per rule. Rules anchored at the sentence start are kept apart: `re`
    tries every alternative of a pattern at every position, and these can only match at the first.
    When every other rule opens with a word boundary and a letter, their screen first tests
    the character at a position against those letters (`screened_by_first_letter`).
    """
    rules = [pattern for _, pattern in boilerplate_rules()]
    anchored = [pattern for pattern in rules if anchored_at_start(pattern.pattern)]
    unanchored = [pattern for pattern in rules if pattern not in anchored]
    return any_of(anchored), screened_by_first_letter(any_of(unanchored), unanchored)


def screened_by_first_letter(screen: re.Pattern[str], patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """The screen of the patterns, preceded by a test for the letter each of them starts with.

    The screen is returned unchanged unless every pattern has a `leading_letter`. The letters
    are tested with the screen's flags, so with `re.IGNORECASE` they match as the patterns' do.
    """
    letters = [leading_letter(pattern.pattern) for pattern in patterns]
    if not letters or None in letters:
        return screen
    return re.compile(first_character_test(letters) + f"(?:{screen.pattern})", screen.flags)


def leading_letter(pattern: str) -> str | None:
    """The ASCII letter every match of the pattern starts with: it opens with `\\b` and a letter
    that no quantifier follows, and has no top-level `|`; else None."""
    opening = re.match(r"\\b([A-Za-z])(?![?*+{])", pattern)
    return opening[1] if opening and not has_top_level_alternative(pattern) else None


def anchored_at_start(pattern: str) -> bool:
    """Whether a pattern can only match at the start of the text: it opens with `^` and has no top-level `|`."""
    return pattern.startswith("^") and not has_top_level_alternative(pattern)


def has_top_level_alternative(pattern: str) -> bool:
    """Whether the pattern has a `|` outside every group and character class."""
    depth, in_class, escaped = 0, False, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or pattern[index - 1] == "[" or pattern[index - 2 : index] == "[^"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


@cache
def anchored_screens_by_first_character() -> dict[str, re.Pattern[str]]:
    """For each ASCII character, the screen of the anchored rules a sentence starting with it can match.

    A fast path for the anchored screen of `boilerplate_screens`, which `re` tries rule by rule at the
    sentence start: it keeps the rules whose first characters (`regex_first_characters`) are unknown or
    include one that matches the character under the rules' flags, so it matches every such sentence the
    full screen matches. A sentence starting with another character (or empty) uses the full screen.
    """
    rules = [pattern for _, pattern in boilerplate_rules() if anchored_at_start(pattern.pattern)]
    firsts = [regex_first_characters(pattern.pattern, pattern.flags) for pattern in rules]
    screens: dict[tuple[int, ...], re.Pattern[str]] = {}
    by_character = {}
    for char in map(chr, range(128)):
        kept = tuple(
            i
            for i, (pattern, chars) in enumerate(zip(rules, firsts, strict=True))
            if chars is None or any(re.fullmatch(re.escape(first), char, pattern.flags) for first in chars)
        )
        if kept not in screens:
            screens[kept] = any_of(rules[i] for i in kept)
        by_character[char] = screens[kept]
    return by_character


def boilerplate_rule(sentence: str) -> str | None:
    """The name of the first rule the sentence matches, or None."""
    anchored, unanchored = boilerplate_screens()
    anchored = anchored_screens_by_first_character().get(sentence[:1], anchored)
    if not (anchored.match(sentence) or unanchored.search(sentence)):
        return None
    for name, pattern in boilerplate_rules():
        if pattern.search(sentence):
            return name
    return None


def remove_boilerplate(text: str) -> Cleaned:
    """Drop boilerplate sentences from normalised text, recording each removal."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    removed: list[Removal] = []
    offset = 0
    blank_pending = False
    for number, line in enumerate(text.split("\n")):
        if not line:
            blank_pending = bool(pieces)
            continue
        line_spans = line_sentence_spans(line)
        kept = []
        for start, end in line_spans:
            rule = boilerplate_rule(line[start:end])
            if rule is None:
                kept.append(line[start:end])
            else:
                removed.append(Removal(number, rule, line[start:end]))
        if not kept:
            continue
        if pieces:
            separator = "\n\n" if blank_pending else "\n"
            pieces.append(separator)
            offset += len(separator)
        blank_pending = False
        kept_line = line
        if len(kept) < len(line_spans):
            # Punkt weighs the words around a boundary, so a line that lost a sentence is split anew.
            kept_line = " ".join(kept)
            line_spans = line_sentence_spans(kept_line)
        spans.extend((offset + start, offset + end) for start, end in line_spans)
        pieces.append(kept_line)
        offset += len(kept_line)
    clean = "".join(pieces)
    flags = []
    if removed:
        flags.append("boilerplate_removed")
    if CENSORED.search(clean):
        flags.append("censored_tokens")
    return Cleaned(clean, tuple(spans), tuple(removed), tuple(flags))


def clean_text(raw: str) -> Cleaned:
    """Normalise and remove boilerplate in one call."""
    return remove_boilerplate(normalise(raw))
