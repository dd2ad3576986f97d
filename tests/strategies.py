"""Hypothesis strategies the tests share."""

from collections.abc import Sequence

from hypothesis import strategies as st


def glued(pieces: Sequence[str], max_size: int) -> st.SearchStrategy[str]:
    """Texts made of up to `max_size` of the pieces, glued together in any order and number."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)
