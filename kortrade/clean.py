"""Raw text to clean text: the text every span in the tables refers to.

Two steps, kept apart because metadata is read between them:
`normalise` repairs mojibake (ftfy), unwraps markdown (links, bold,
escapes, headings) and normalises whitespace while keeping paragraphs;
`remove_boilerplate` drops the sentences that match the rules in
`data/boilerplate.tsv` and records each removal. A line is dropped only
when every sentence on it is boilerplate, so article sentences survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ftfy

from .resources import data_rows
from .segment import line_spans, tokenizer

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
HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Removal:
    """A piece of text the cleaner dropped, and the rule that dropped it."""

    line: int
    rule: str
    text: str


@dataclass(frozen=True)
class Cleaned:
    """Clean text, what was removed, and the flags cleaning earned."""

    text: str
    removed: tuple[Removal, ...]
    flags: tuple[str, ...]


def normalise(raw: str) -> str:
    """Repair encoding damage and markdown, normalise whitespace; paragraphs are kept."""
    text = ftfy.fix_text(raw)
    text = MARKDOWN_IMAGE.sub("", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = MARKDOWN_BOLD.sub(r"\1", text)
    text = MARKDOWN_UNDERSCORE_BOLD.sub(r"\1", text)
    text = MARKDOWN_HEADING.sub("", text)
    text = MARKDOWN_ESCAPE.sub(r"\1", text)
    lines = (HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


@cache
def boilerplate_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(rule name, compiled pattern) pairs from `data/boilerplate.tsv`."""
    return tuple((row["rule"], re.compile(row["pattern"], re.IGNORECASE)) for row in data_rows("boilerplate.tsv"))


def boilerplate_rule(sentence: str) -> str | None:
    """The name of the first rule the sentence matches, or None."""
    for name, pattern in boilerplate_rules():
        if pattern.search(sentence):
            return name
    return None


def remove_boilerplate(text: str) -> Cleaned:
    """Drop boilerplate sentences from normalised text, recording each removal."""
    punkt = tokenizer()
    kept_lines: list[str] = []
    removed: list[Removal] = []
    for number, line in enumerate(text.split("\n")):
        if not line:
            kept_lines.append(line)
            continue
        keep = []
        for start, end in punkt.span_tokenize(line):
            sentence = line[start:end]
            rule = boilerplate_rule(sentence)
            if rule is None:
                keep.append(sentence)
            else:
                removed.append(Removal(number, rule, sentence))
        if keep:
            kept_lines.append(" ".join(keep))
    clean = BLANK_LINES.sub("\n\n", "\n".join(kept_lines)).strip("\n")
    flags = []
    if removed:
        flags.append("boilerplate_removed")
    if CENSORED.search(clean):
        flags.append("censored_tokens")
    return Cleaned(clean, tuple(removed), tuple(flags))


def clean_text(raw: str) -> Cleaned:
    """Normalise and remove boilerplate in one call."""
    return remove_boilerplate(normalise(raw))


__all__ = ["Cleaned", "Removal", "clean_text", "line_spans", "normalise", "remove_boilerplate"]
