"""The number grammar: numbers as news text writes them, with their values.

Forms recognised by `find_numbers`:

- digits with thousands separators and decimals (`1,300.82`, `120,000`, `0.5`), ASCII or
  full-width (`１２０`, `１，２００．５`), with a free-standing minus sign (`-3.5`);
- words (`five`, `twenty-five`, `one hundred and twenty`), spoken decimals
  (`three-point-93`, `three point nine three`, also after digits: `41-point-seven`), digits
  after a spelled scale as broadcast transcripts write them (`two-thousand-557`), and
  `half a million`;
- a minus written out (`minus five`, `minus 5`) or glued after a currency (`$-3.52`);
- a scale after either: written out (`1.2 trillion`, `39.4 hundred million`, `five billion`,
  and chained as Korean amounts are translated word by word, `3 trillion 500 billion`),
  abbreviated (`5bn`, `5 bn`, `3mn`, `2tn`), or a letter glued to the digits (`5m`, `5k`;
  reported as scale kind `letter`, because only a currency makes it a scale);
- East Asian scales, alone or chained (`39.4亿`, `5万`, `1조 2천억`, `3억5천만`, `2,000억`).

The words and scales are data (`data/common/number_words.tsv`). Values are exact decimals, so
`55.8 billion` is 55800000000 and not 55799999999.99999. Whether a number touches a letter
on either side (`PV5`, `46mm`, `exports7%`) is recorded, not judged: that is the business of
the figure finder and the damage detector.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from .phrases import case_key, first_character_test, lowered_for_search, trie_pattern
from .resources import data_rows

DIGITS = r"(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:[.．]\d+)?"
FULL_WIDTH = str.maketrans({"，": "", ",": "", "．": "."})
MINUS_SIGNS = "-−"
# What may stand before a free-standing minus sign: a blank, an opening bracket, a currency (`$-3.52`).
BEFORE_MINUS = "($€₩£¥＄￦"
MINUS_WORD = "minus "
# The scale of a number written without one, made once (a Decimal is immutable).
ONE = Decimal(1)
# A word of a run of scale words (`billion`, `hundred-million`).
SCALE_WORD = re.compile(r"[^\s-]+")
# DIGITS written to open with a digit, which lets the regex engine skip to the digits of a text.
DIGITS_FROM_FIRST = r"\d(?:\d{0,2}(?:[,，]\d{3})+|\d*)(?:[.．]\d+)?"


class Number(NamedTuple):
    """A number in text: its span, its value (`base` times `scale`) and how it was written.

    `form` is `digits` or `words`; `scale_kind` is empty, `word`, `short`, `letter` or
    `east_asian`; `glued_before` / `glued_after` say a letter or digit touches the span
    (`glued_after` also for a hyphenated compound such as `four-day`). Only Latin letters glue:
    in Korean and Chinese text a number touching a Hangul or CJK character is ordinary.
    A named tuple, which is built quicker than a frozen dataclass: a text holds many numbers.
    """

    start: int
    end: int
    base: Decimal
    scale: Decimal
    form: str
    scale_kind: str
    glued_before: bool
    glued_after: bool
    decimal_point: bool

    @property
    def value(self) -> Decimal:
        """The number with its scale applied."""
        return self.base * self.scale


CARDINAL_ROLES = frozenset({"digit", "teen", "tens"})
SCALE_ROLES = frozenset({"hundred", "scale", "short", "letter", "small", "big"})


@cache
def small_cardinals() -> dict[str, int]:
    """Cardinal number words below a hundred (`one` … `ninety`) and their values, longest first,
    for the other modules that read counted phrases (`three days ago`, `two contracts`)."""
    words = {word: int(value) for word, (value, role) in _words().items() if role in CARDINAL_ROLES}
    return dict(sorted(words.items(), key=lambda item: (-len(item[0]), item[0])))


@cache
def _words() -> dict[str, tuple[Decimal, str]]:
    """Number word (lower case) -> (value, role)."""
    return {row["word"].lower(): (Decimal(row["value"]), row["role"]) for row in data_rows("common/number_words.tsv")}


def _first_letter_test() -> str:
    """A test of the letters a number word can start with (cheap, before the full pattern)."""
    return first_character_test(w for w, (_, role) in _words().items() if role in ("digit", "teen", "tens"))


def _alternation(roles: set[str]) -> str:
    words = sorted((w for w, (_, role) in _words().items() if role in roles), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


def _trie(roles: set[str]) -> str:
    """The words of these roles as a trie (`kortrade.common.phrases`): the same matches as `_alternation`, found faster."""
    return trie_pattern(w for w, (_, role) in _words().items() if role in roles)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    cardinal_start = _trie({"digit", "teen", "tens"})
    cardinal = _trie({"digit", "teen", "tens", "hundred", "scale"})
    digit_word = _trie({"digit"})
    scale = _trie({"scale"})
    after_scale = "|".join(f"(?<={w})" for w in ("hundred", *_alternation({"scale"}).split("|")))
    words = (
        rf"(?:{cardinal_start})\b"
        rf"(?:(?:[ \t]+|-)(?:{cardinal})\b|(?:{after_scale})[ \t]+and[ \t]+(?:{cardinal})\b)*"
        rf"(?:[ \t-]+point[ \t-]+(?:\d+|(?:{digit_word})\b(?:[ \t-]+(?:{digit_word})\b)*))?"
        rf"(?:[ \t]+(?:{scale})\b)*"
    )
    return {
        "digits": re.compile(DIGITS_FROM_FIRST),
        "words": re.compile(rf"{_first_letter_test()}(?<!\w){words}", re.IGNORECASE),
        # The same for lower-cased text, matching the character before the words, which is no word character:
        # a pattern that opens on a character class lets re skip to the ends of words.
        "words_after_break": re.compile(rf"\W{_first_letter_test()}{words}"),
        "word_token": re.compile(rf"point|and|{cardinal}|\d+", re.IGNORECASE),
        "scale_words": re.compile(rf"(?:(?:\s*|-)(?:hundred|{scale})\b)+", re.IGNORECASE),
        "scale_term": re.compile(rf"[ ](?P<num>{DIGITS})(?P<scale>(?:(?:\s*|-)(?:hundred|{scale})\b)+)", re.IGNORECASE),
        "scale_start": re.compile(
            r"(?:\s*|-)[" + "".join(re.escape(w[0]) for w, (_, role) in _words().items() if role in SCALE_ROLES) + "]",
            re.IGNORECASE,
        ),
        # A spoken decimal after digits (`41-point-seven`, `3 point 5`).
        "point_after_digits": re.compile(
            rf"[ \t-]+point[ \t-]+(?:(?P<digits>\d+)|(?P<words>(?:{digit_word})\b(?:[ \t-]+(?:{digit_word})\b)*))",
            re.IGNORECASE,
        ),
        # Digits after a spelled scale (`two-thousand-557`): up to three, touching no other digit or letter.
        "hyphen_digits": re.compile(r"-(?P<digits>\d{1,3})(?![\d,.]?\d|-?[^\W\d_])"),
        "half": re.compile(rf"\bhalf[ \t]+an?[ \t]+(?P<scale>{scale})\b", re.IGNORECASE),
        "short": re.compile(rf"[ ]?(?:{_alternation({'short'})})\b", re.IGNORECASE),
        "letter": re.compile(rf"(?:{_alternation({'letter'})})(?![^\W\d_])", re.IGNORECASE),
        "east_asian": re.compile(rf"[ ]?(?P<small>{_alternation({'small'})})?[ ]?(?P<big>{_alternation({'big'})})?"),
        "east_asian_next": re.compile(
            rf"[ ]?(?P<num>{DIGITS})[ ]?(?P<small>{_alternation({'small'})})?(?P<big>{_alternation({'big'})})?"
        ),
    }


def find_numbers(text: str) -> list[Number]:
    """Every number in the text, left to right, with scales attached.

    Digits and number words are searched apart, each pattern again only once the position
    passes its last match (a match at or after the position is the one a new search finds).
    """
    digits_pattern, search_words = _patterns()["digits"], _words_search(text)
    digits, words = digits_pattern.search(text), search_words(0)
    numbers: list[Number] = []
    while digits or words:
        if words is None or digits is not None and digits.start() < words[0]:
            start, number = digits.start(), _digits_number(text, digits)
        else:
            start, number = words[0], _words_number(text, *words)
        numbers.append(number)
        position = max(number.end, start + 1)
        if digits is not None and digits.start() < position:
            digits = digits_pattern.search(text, position)
        if words is not None and words[0] < position:
            words = search_words(position)
    if "alf a" in text or "ALF A" in text:  # a cheap test before the search for `half a million`
        numbers = _with_halves(text, numbers)
    return numbers


def _with_halves(text: str, numbers: list[Number]) -> list[Number]:
    """The numbers with each `half a million` (`half a billion`, ...) in its place, as 0.5 times the scale."""
    halves = [
        Number(
            m.start(),
            m.end(),
            Decimal("0.5"),
            _words()[case_key(m["scale"])][0],
            "words",
            "word",
            _touches_before(text, m.start()),
            _touches_after(text, m.end()),
            True,
        )
        for m in _patterns()["half"].finditer(text)
    ]
    return sorted([*numbers, *halves], key=lambda n: n.start) if halves else numbers


def _words_search(text: str) -> Callable[[int], tuple[int, int] | None]:
    """A search for the first number in words at or after a position of the text, giving its span.

    It searches a lower-cased copy after a space, with `words_after_break`, when that finds what
    `words` finds in the text (`phrases.lowered_for_search`): then the character a match opens
    on stands before the words, and the copy's offsets are those of the text plus one.
    """
    lowered = lowered_for_search(" " + text)
    if lowered is None:
        words = _patterns()["words"]

        def search(position: int) -> tuple[int, int] | None:
            match = words.search(text, position)
            return match.span() if match else None

        return search
    after_break = _patterns()["words_after_break"]

    def search_lowered(position: int) -> tuple[int, int] | None:
        match = after_break.search(lowered, position)
        return (match.start(), match.end() - 1) if match else None

    return search_lowered


def parse_digits(literal: str) -> Decimal:
    """The value of a digit string with separators (`1,300.82`, full-width `１，２００`)."""
    return Decimal(literal if literal.isdecimal() else literal.translate(FULL_WIDTH))


def _digits_number(text: str, match: re.Match[str]) -> Number:
    start, end = match.span()
    literal = match.group()
    base = parse_digits(literal)
    decimal_point = "." in literal or "．" in literal
    if not decimal_point and (spoken := _patterns()["point_after_digits"].match(text, end)):
        base += _spoken_fraction(spoken["digits"] or spoken["words"])
        end, decimal_point = spoken.end(), True
    if start >= 2 and text[start - 1] in MINUS_SIGNS and (text[start - 2].isspace() or text[start - 2] in BEFORE_MINUS):
        start, base = start - 1, -base
    elif start == 1 and text[0] in MINUS_SIGNS:
        start, base = 0, -base
    elif _minus_word_before(text, start):
        start, base = start - len(MINUS_WORD), -base
    end, base, scale, scale_kind = _scale_after(text, end, base)
    return Number(
        start=start,
        end=end,
        base=base,
        scale=scale,
        form="digits",
        scale_kind=scale_kind,
        glued_before=_touches_before(text, start),
        glued_after=_touches_after(text, end),
        decimal_point=decimal_point,
    )


def _spoken_fraction(digits: str) -> Decimal:
    """The value of the decimals after a spoken `point` (`93`, `nine three`): 0.93."""
    if not digits[0].isdigit():
        digits = "".join(str(_words()[case_key(word)][0]) for word in SCALE_WORD.findall(digits))
    return Decimal("0." + digits)


def _minus_word_before(text: str, start: int) -> bool:
    """Whether `minus ` stands right before `start`, as a word of its own."""
    head = start - len(MINUS_WORD)
    return (
        head >= 0
        and text[head:start].lower() == MINUS_WORD
        and not (head > 0 and (text[head - 1].isalnum() or text[head - 1] == "_"))
    )


def _scale_after(text: str, end: int, base: Decimal) -> tuple[int, Decimal, Decimal, str]:
    """The scale right after digits ending at `end`: (end, base, scale, scale kind), the scale 1 and kind empty without one.

    Every scale opens with its first letter, after blanks or a hyphen (`scale_start`); an East
    Asian one within three characters, so after three ASCII characters none is looked for.
    """
    patterns = _patterns()
    if not patterns["scale_start"].match(text, end):
        return end, base, ONE, ""
    if not text[end : end + 3].isascii() and (east_asian := _east_asian(text, end, base)):
        return (*east_asian, "east_asian")
    if scale_match := patterns["scale_words"].match(text, end):
        scale = _scale_product(scale_match.group())
        if chained := _chained_scales(text, scale_match.end(), base * scale, scale):
            return (*chained, "word")
        return scale_match.end(), base, scale, "word"
    if short := patterns["short"].match(text, end):
        return short.end(), base, _words()[case_key(short.group().strip())][0], "short"
    if letter := patterns["letter"].match(text, end):
        return letter.end(), base, _words()[case_key(letter.group())][0], "letter"
    return end, base, ONE, ""


def _east_asian(text: str, end: int, base: Decimal) -> tuple[int, Decimal, Decimal] | None:
    """A chain of East Asian scale terms right after a number (`3억5천만`): (end, base, scale).

    A single term keeps its scale apart (`39.4亿` is 39.4 times 10^8); a chain is summed
    group by group (`1조 2천억` is 10^12 + 2000 times 10^8) and has scale 1.
    """
    patterns = _patterns()
    first = patterns["east_asian"].match(text, end)
    if not first or not (first["small"] or first["big"]):
        return None
    words = _words()
    scale = (words[first["small"]][0] if first["small"] else 1) * (words[first["big"]][0] if first["big"] else 1)
    last_big = words[first["big"]][0] if first["big"] else None
    total, end, chained = base * scale, first.end(), False
    while last_big is not None and (following := patterns["east_asian_next"].match(text, end)):
        if not (following["small"] or following["big"]):
            break
        big = words[following["big"]][0] if following["big"] else Decimal(1)
        if big >= last_big:
            break
        small = words[following["small"]][0] if following["small"] else 1
        total += parse_digits(following["num"]) * small * big
        end, chained, last_big = following.end(), True, (big if following["big"] else None)
    return (end, total, Decimal(1)) if chained else (end, base, scale)


def _chained_scales(text: str, end: int, total: Decimal, last_scale: Decimal) -> tuple[int, Decimal, Decimal] | None:
    """`3 trillion 500 billion` (Korean 3조 5000억 translated word by word): terms of falling scale, summed."""
    patterns = _patterns()
    chained = False
    while (term := patterns["scale_term"].match(text, end)) and (scale := _scale_product(term["scale"])) < last_scale:
        total += parse_digits(term["num"]) * scale
        end, last_scale, chained = term.end(), scale, True
    return (end, total, Decimal(1)) if chained else None


def _scale_product(scales: str) -> Decimal:
    product = Decimal(1)
    for word in SCALE_WORD.findall(scales):
        product *= _words()[case_key(word)][0]
    return product


def _words_number(text: str, start: int, matched_end: int) -> Number:
    """A number written in words, matched in `text[start:matched_end]`; it stops where the words stop forming one number.

    Scale words at the end are kept apart as the scale (`five billion` is 5 times 10^9), so
    that a range can lend them to its first number (`between five and six billion`).
    """
    words = _words()
    integer: list[tuple[Decimal, str]] = []
    fraction, trailing_scale, after_point, end = "", Decimal(1), False, start
    for token in _patterns()["word_token"].finditer(text, start, matched_end):
        word = case_key(token.group())
        if word == "and":
            continue
        if word == "point":
            after_point = True
            continue
        if after_point and not fraction:
            fraction = word if word.isdigit() else str(words[word][0])
        elif after_point and words[word][1] == "digit" and trailing_scale == 1:
            fraction += str(words[word][0])
        elif after_point:
            trailing_scale *= words[word][0]
        elif integer and not _follows(integer[-1][1], words[word][1]):
            break
        else:
            integer.append(words[word])
        end = token.end()
    added = _digits_after_scale(text, end, integer) if not fraction and trailing_scale == 1 else None
    if added is not None:
        end, integer = added[0], [*integer, (added[1], "digit")]
    elif not fraction and integer and integer[-1][1] == "scale" and all(r != "scale" for _, r in integer[:-1]):
        trailing_scale = integer.pop()[0]
    base = _cardinal(integer) + (Decimal("0." + fraction) if fraction else 0)
    if _minus_word_before(text, start):
        start, base = start - len(MINUS_WORD), -base
    return Number(
        start=start,
        end=end,
        base=base,
        scale=trailing_scale,
        form="words",
        scale_kind="word" if trailing_scale != 1 else "",
        glued_before=_touches_before(text, start),
        glued_after=_touches_after(text, end),
        decimal_point=bool(fraction),
    )


def _digits_after_scale(text: str, end: int, integer: list[tuple[Decimal, str]]) -> tuple[int, Decimal] | None:
    """`-557` after `two-thousand`, as broadcast transcripts write 2,557: (end, value) when the digits
    are fewer than the scale word they follow counts (below 1,000 after `thousand`)."""
    if not integer or integer[-1][1] not in ("hundred", "scale") or text[end : end + 1] != "-":
        return None
    match = _patterns()["hyphen_digits"].match(text, end)
    if match is None or int(match["digits"]) >= min(integer[-1][0], 1000):
        return None
    return match.end(), Decimal(match["digits"])


def _cardinal(tokens: list[tuple[Decimal, str]]) -> Decimal:
    """The value of cardinal number words (`one hundred and twenty thousand`)."""
    total, current = Decimal(0), Decimal(0)
    for value, role in tokens:
        if role == "hundred":
            current = (current or 1) * value
        elif role == "scale":
            total, current = total + (current or 1) * value, Decimal(0)
        else:
            current += value
    return total + current


def _follows(previous: str, role: str) -> bool:
    """Whether a number word of `role` may follow one of role `previous` (`twenty five`, not `two three`)."""
    if previous in ("", "hundred", "scale"):
        return True
    return previous == "tens" and role in ("digit", "hundred", "scale") or role in ("hundred", "scale")


def _touches_before(text: str, start: int) -> bool:
    if start == 0:
        return False
    before = text[start - 1]
    if before.isdigit() or before.isascii() and (before.isalnum() or before == "_"):
        return True
    return before in ",.，．" and start >= 2 and text[start - 2].isdigit()


def _touches_after(text: str, end: int) -> bool:
    if end >= len(text):
        return False
    after = text[end]
    if after.isascii() and after.isalpha():
        return True
    return after == "-" and end + 1 < len(text) and text[end + 1].isascii() and text[end + 1].isalpha()
