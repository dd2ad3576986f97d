"""Sentence segmentation with NLTK's Punkt, taught this domain's abbreviations.

No model is downloaded: Punkt runs on parameters built from
`data/ingest/abbreviations.txt`. Every line of the clean text (a headline, a
sub-head, a paragraph) ends any sentence it holds, and spans are offsets
into the text, so `text[start:end]` is always the sentence.

NLTK compiles Punkt's patterns with the third-party `regex` engine behind a
timeout wrapper (`nltk.redos`). Through Punkt's own hook, `PunktLanguageVars`,
the tokenizer here uses the same pattern sources compiled by the stdlib `re`,
which finds the same matches faster (`StdlibLanguageVars`); the patterns are
those NLTK made linear-time. Punkt's tokens (`UntimedToken`) test each word with NLTK's own patterns
on the `regex` engine, compiled again without the wrapper, whose timeout cost several times the match. A line with no candidate sentence end (`.`, `?` or
`!` followed by punctuation or by another token) is one sentence, found without
running Punkt (`punkt_line_spans`).

Scraped pages often lose the space after a sentence's full stop (`rose 5 percent.Exports
to China ...`), which Punkt never takes for a sentence end: a stop right after a lower-case
word or a percent sign and right before a capitalised word ends a sentence too (`GLUED_END`),
unless the word is part of an address (`www.Yonhap.com`).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import regex
from nltk.tokenize import punkt
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

from ..common.resources import data_lines

# `regex`'s \s leaves out the information separators U+001C-U+001F, which `re`'s includes.
REGEX_WHITESPACE = {"s": r"[^\S\x1c-\x1f]", "S": r"[\S\x1c-\x1f]"}
# `billion.By product`, `20.4%.Exports`, `said."The`: a stop, and its closing quote, glued to the next sentence.
GLUED_END = re.compile(r"(?<=[a-z%])[.!?][\"”’)]?(?=[A-Z][a-z])")
# A word with a slash or an at sign is an address (`news@Site.Com`), like one with another dot (`www.Yonhap.com`).
ADDRESS_MARK = re.compile(r"[/@]")
PORTABLE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


def stdlib_pattern(pattern: object) -> re.Pattern[str]:
    """An NLTK pattern (compiled by `regex`) compiled by `re`, with `\\s` and `\\S` as `regex` reads them.

    Escapes are rewritten left to right, so an escaped backslash before `s` stays as it is.
    """
    source = re.sub(r"\\(.)", lambda escape: REGEX_WHITESPACE.get(escape[1], escape[0]), pattern.pattern)
    return re.compile(source, pattern.flags & PORTABLE_FLAGS)


STOCK_VARS = PunktLanguageVars()
PERIOD_CONTEXT = stdlib_pattern(STOCK_VARS.period_context_re())
WORD_TOKENIZER = stdlib_pattern(STOCK_VARS._word_tokenizer_re())


class StdlibLanguageVars(PunktLanguageVars):
    """Punkt's English language variables, their patterns compiled by `re` from NLTK's sources."""

    re_boundary_realignment = stdlib_pattern(PunktLanguageVars.re_boundary_realignment)

    def period_context_re(self) -> re.Pattern[str]:
        """Where a sentence may end: a `.`, `?` or `!` and what follows it."""
        return PERIOD_CONTEXT

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        """Punkt's word tokens: punctuation other than periods split off."""
        return WORD_TOKENIZER


def untimed_pattern(pattern: object) -> regex.Pattern[str]:
    """An NLTK pattern (`nltk.redos`) compiled by the same `regex` engine, with its flags, and no timeout."""
    return regex.compile(pattern.pattern, pattern.flags)


NON_PUNCT = untimed_pattern(punkt._re_non_punct)


class UntimedToken(PunktToken):
    """Punkt's token, whose word tests run NLTK's patterns on the same engine without the timeout wrapper:
    the same matches, the patterns being NLTK's own and fixed, each tried on one word."""

    __slots__ = ()
    _RE_ELLIPSIS = untimed_pattern(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = untimed_pattern(PunktToken._RE_NUMERIC)
    _RE_INITIAL = untimed_pattern(PunktToken._RE_INITIAL)
    _RE_ALPHA = untimed_pattern(PunktToken._RE_ALPHA)

    @property
    def is_non_punct(self) -> regex.Match[str] | None:
        """Whether the token is a number or alphabetic (a letter in its type)."""
        return NON_PUNCT.search(self.type)


@cache
def tokenizer() -> PunktSentenceTokenizer:
    """The Punkt tokenizer with the project's abbreviation list."""
    params = PunktParameters()
    params.abbrev_types = set(data_lines("ingest/abbreviations.txt"))
    return PunktSentenceTokenizer(params, lang_vars=StdlibLanguageVars(), token_cls=UntimedToken)


def punkt_line_spans(line: str) -> list[tuple[int, int]]:
    """Punkt's sentence spans in one line; a line without a candidate sentence end is one sentence.

    With no candidate, Punkt's only slice runs from the start to the end of the
    right-stripped line, and is kept when not empty.
    """
    if PERIOD_CONTEXT.search(line):
        return list(tokenizer().span_tokenize(line))
    end = len(line.rstrip())
    return [(0, end)] if end else []


def line_sentence_spans(line: str) -> list[tuple[int, int]]:
    """The sentence spans of one line: Punkt's, cut at every stop glued to the next sentence."""
    spans = punkt_line_spans(line)
    if GLUED_END.search(line):
        spans = [piece for start, end in spans for piece in _split_glued(line, start, end)]
    return spans


def _in_address(line: str, stop: re.Match[str]) -> bool:
    """Whether a glued stop is inside an address: its word holds a slash or an at sign, or a dot follows it."""
    word_start = line.rfind(" ", 0, stop.start()) + 1
    word_end = line.find(" ", stop.end())
    word_end = len(line) if word_end < 0 else word_end
    after = line[stop.end() : word_end].rstrip(".!?,;:\"”’)")
    return bool(ADDRESS_MARK.search(line, word_start, word_end)) or "." in after


def _split_glued(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span `start:end` of `line` cut after every stop glued to a capitalised word."""
    cuts = [match.end() for match in GLUED_END.finditer(line, start, end) if not _in_address(line, match)]
    bounds = [start, *cuts, end]
    return [(left, right) for left, right in itertools.pairwise(bounds) if right > left]


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, stripped of surrounding whitespace."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        offset += len(line) + 1
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence: Punkt's, cut at glued stops; line breaks always end a sentence."""
    spans = []
    for line_start, line_end in line_spans(text):
        line = text[line_start:line_end]
        spans.extend((line_start + s, line_start + e) for s, e in line_sentence_spans(line))
    return spans
