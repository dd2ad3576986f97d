"""What a regular expression's matches can start with, read from its parse tree (for tests of the cue files)."""

import re
from re import _constants, _parser


def _first_characters(items) -> tuple[bool, bool]:
    """(every first character of a match is a word character, the pattern can match nothing), conservatively."""
    for op, av in items:
        if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue
        if op is _constants.LITERAL:
            return _is_word(chr(av)), False
        if op is _constants.IN:
            return all(_word_set_item(item_op, item) for item_op, item in av), False
        if op is _constants.SUBPATTERN:
            word, empty = _first_characters(av[-1])
        elif op is _constants.BRANCH:
            found = [_first_characters(branch) for branch in av[1]]
            word, empty = all(w for w, _ in found), any(e for _, e in found)
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
            word, empty = _first_characters(av[2])
            empty = empty or av[0] == 0
        else:
            return False, False
        if not word or not empty:
            return word, empty
    return True, True


def _is_word(char: str) -> bool:
    return re.fullmatch(r"\w", char) is not None


def _word_set_item(op, av) -> bool:
    if op is _constants.LITERAL:
        return _is_word(chr(av))
    if op is _constants.RANGE:
        return all(_is_word(chr(c)) for c in range(av[0], av[1] + 1))
    return op is _constants.CATEGORY and av in (_constants.CATEGORY_WORD, _constants.CATEGORY_DIGIT)


def opens_with_word_character(pattern: str) -> bool:
    word, empty = _first_characters(_parser.parse(pattern))
    return word and not empty


FIRST_CHARACTER_TEST = re.compile(r"^\(\?=\[[^\]]*\]\)")


def without_first_character_test(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without the `(?=[...])` test of the first character it opens with (it must have one)."""
    assert FIRST_CHARACTER_TEST.match(pattern.pattern), pattern.pattern
    return re.compile(FIRST_CHARACTER_TEST.sub("", pattern.pattern), pattern.flags)
