"""Streamed CSV records are the bytes pandas writes for the same rows."""

import io
import math

from hypothesis import given
from hypothesis import strategies as st

from kortrade.run.store import csv_writer, write_frame
from kortrade.run.tables import csv_records, frame

MISSING = st.sampled_from([None, math.nan])
FIGURE_ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "doc_id": st.sampled_from(["a", "b", "c"]),
            "sentence_id": st.integers(0, 5) | st.floats(0, 5).map(round).map(float) | MISSING,
            "start": st.integers(0, 9) | MISSING,
            "end": st.integers(0, 9),
            "value": st.floats(allow_infinity=False) | st.integers(-(10**6), 10**6) | MISSING,
            "unit": st.text(alphabet='ab,"\n ', max_size=5) | st.none(),
        }
    ),
    max_size=8,
)


def pandas_bytes(rows: list[dict]) -> str:
    buffer = io.StringIO()
    write_frame(frame("figures", rows), buffer, header=False)
    return buffer.getvalue()


def streamed_bytes(rows: list[dict]) -> str:
    buffer = io.StringIO()
    csv_writer(buffer).writerows(csv_records("figures", rows))
    return buffer.getvalue()


@given(FIGURE_ROWS)
def test_records_are_written_as_pandas_writes_the_frame(rows):
    assert streamed_bytes(rows) == pandas_bytes(rows)


def test_number_columns_are_typed_and_missing_values_empty():
    rows = [
        {"doc_id": "b", "sentence_id": 1.0, "start": 4, "end": 5, "value": 3},
        {"doc_id": "a", "sentence_id": 0, "start": None, "end": 2, "value": math.nan},
        {"doc_id": "a", "sentence_id": 0, "start": 1, "end": 2, "value": 2.5},
    ]
    lines = streamed_bytes(rows).splitlines()
    assert [line.split(",")[:3] for line in lines] == [["a", "0", "1"], ["a", "0", ""], ["b", "1", "4"]]
    assert [line.split(",")[6] for line in lines] == ["2.5", "", "3.0"]
