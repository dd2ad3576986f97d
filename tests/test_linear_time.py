"""Time grows linearly with the size of a single file: 10× the text takes about 10× as long.

CPU time of the whole per-document function, in this process, so other load on the
machine matters less; a quadratic stage would show a ratio near 100.
"""

import time

import pytest
from conftest import SEEDS

from kortrade.ingest.corpus import RawDocument, SourceFile
from kortrade.run.pipeline import process_raw

SEED_TEXT = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir()))
RUN_ON = (
    "South Korea's exports to China rose 5 percent to $11 billion in November, officials in Seoul said on Tuesday; "
)


def cpu_seconds(text: str) -> float:
    raw = RawDocument(SourceFile("doc", "doc.txt", "doc.txt"), text.encode(), "0" * 64)
    process_raw(raw)  # warm caches: automatons, models
    start = time.process_time()
    process_raw(raw)
    return time.process_time() - start


@pytest.mark.parametrize(
    "unit, copies",
    [(SEED_TEXT, 1), (RUN_ON.replace("; ", " and "), 200)],
    ids=["articles", "run-on line without full stops"],
)
def test_ten_times_the_text_takes_about_ten_times_as_long(unit, copies):
    small = (unit + " ") * copies
    ratio = cpu_seconds(small * 10) / cpu_seconds(small)
    assert ratio < 20, f"10x the text took {ratio:.1f}x as long"
