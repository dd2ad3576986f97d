"""Time of each stage on one large document, at 1x and 8x its size, in one run.

Every stage must stay linear in the size of a single document (PDF reports of 20 MB are
ordinary): the ratio of 8x to 1x should stay near 8. Two shapes are measured: articles (the
seeds, many sentences) and the same prose on one line without line breaks.

    python bench/single_document.py [--mb 1] [--scale 8]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from kortrade.entities.actors import find_mentions
from kortrade.entities.deals import find_deals
from kortrade.entities.sectors import sentence_sectors
from kortrade.figures.rows import figure_rows
from kortrade.ingest.clean import normalise, remove_boilerplate
from kortrade.ingest.document import Document, Sentence
from kortrade.relations.relation import label_relations
from kortrade.relations.sides import mark_document
from kortrade.relations.tone import sentence_tone
from kortrade.timeline.events import timeline_rows

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def document(text: str) -> Document:
    cleaned = remove_boilerplate(normalise(text))
    sentences = tuple(Sentence(i, s, e, cleaned.text[s:e]) for i, (s, e) in enumerate(cleaned.sentences))
    return Document("doc", cleaned.text, sentences, "", "", None)


def stages(doc: Document) -> dict[str, Callable[[], object]]:
    mentions = find_mentions(doc)
    return {
        "actor mentions": lambda: find_mentions(doc),
        "sectors": lambda: sentence_sectors(doc, [(m.start, m.end) for m in mentions]),
        "deals": lambda: find_deals(doc, mentions),
        "figures": lambda: figure_rows(doc),
        "timeline": lambda: timeline_rows(doc),
        "tone": lambda: [sentence_tone(s.text) for s in doc.sentences],
        "relations": lambda: label_relations(mark_document(s.text for s in doc.sentences)),
    }


def seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the 1x document in MB (default 1)")
    parser.add_argument("--scale", type=int, default=8, help="how many times larger the big one is (default 8)")
    args = parser.parse_args()
    articles = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()))
    one_line = " ".join(articles.split())
    document(articles[:2000])  # build models and automatons once
    for shape, unit in (("articles", articles + "\n\n"), ("one line", one_line + " ")):
        small = unit * max(1, int(args.mb * 2**20 / len(unit)))
        docs = {1: document(small), args.scale: document(small * args.scale)}
        print(f"{shape}: {len(small) / 2**20:.1f} MB and {args.scale}x")
        timed = {scale: {name: seconds(work) for name, work in stages(doc).items()} for scale, doc in docs.items()}
        for name in timed[1]:
            small_s, big_s = timed[1][name], timed[args.scale][name]
            print(f"  {name:15s} {small_s:7.2f} s {big_s:8.2f} s  ratio {big_s / max(small_s, 1e-3):5.1f}")


if __name__ == "__main__":
    main()
