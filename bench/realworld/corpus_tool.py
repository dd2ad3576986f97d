"""The development corpus of real articles: merge the per-document gold, write the index, check the gold.

usage:
  python bench/realworld/corpus_tool.py merge BATCH   a batch folder's texts, gold and index rows join the corpus
  python bench/realworld/corpus_tool.py check [DOCS]           every gold figure's surface occurs in its text

The texts are third-party and stay out of git (`docs/`); `INDEX.md` says where each one was found
and with which search words, so any machine can rebuild them. Standard library only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REFERENCE_DATE = "2026-11-23"
FIGURE_FIELDS = ("surface", "kind", "value", "unit", "metric", "measure", "reporter", "partner", "period", "direction", "flags")
DOCUMENT_FIELDS = ("title", "outlet", "authors", "published", "figures", "deals", "actors", "stance")
KINDS = {"money", "percent", "energy", "count"}
METRICS = {"exports", "imports", "trade_balance", "trade_volume", "investment", "supply_contract", "share_of_exports",
           "production", "other"}
MEASURES = {"level", "change", "share"}
STANCES = {"toward_china", "away_from_china", "mixed", None}
STATUSES = {"signed", "negotiating", "planned", "reported"}


def load_gold(path: Path = HERE / "gold.json") -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def problems(gold: dict, docs: Path) -> list[str]:
    """What is wrong with the gold: missing fields, values outside the contract, surfaces not in the text."""
    found = []
    for doc_id, doc in gold["docs"].items():
        found += [f"{doc_id}: no field {field}" for field in DOCUMENT_FIELDS if field not in doc]
        if doc.get("stance") not in STANCES:
            found.append(f"{doc_id}: stance {doc.get('stance')!r}")
        text_path = docs / f"{doc_id}.txt"
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else None
        for figure in doc.get("figures", []):
            found += [f"{doc_id}: figure without {field}: {figure}" for field in FIGURE_FIELDS if field not in figure]
            if figure.get("kind") not in KINDS or figure.get("metric") not in METRICS or figure.get("measure") not in MEASURES:
                found.append(f"{doc_id}: kind, metric or measure outside the contract: {figure.get('surface')!r}")
            if figure.get("direction") not in ("up", "down", None) or (figure.get("direction") and figure.get("measure") != "change"):
                found.append(f"{doc_id}: direction {figure.get('direction')!r} on a {figure.get('measure')} figure")
            if text is not None and figure.get("surface") not in text:
                found.append(f"{doc_id}: surface not in the text: {figure.get('surface')!r}")
        found += [f"{doc_id}: deal status {deal.get('status')!r}" for deal in doc.get("deals", []) if deal.get("status") not in STATUSES]
    return found


def merge(batch: Path) -> None:
    """Add a batch of annotated articles to the corpus: its texts (`BATCH/docs/*.txt`) move to `docs/`, its
    per-document gold (`BATCH/gold/*.json`) joins gold.json, its index rows (`BATCH/*.tsv`: doc_id, outlet,
    date, address, search words) join INDEX.md."""
    path = HERE / "gold.json"
    gold = load_gold(path) if path.exists() else {
        "about": "Hand-made gold for kortrade's development corpus of real articles (bench/realworld/ANNOTATION.md "
                 "gives the conventions; INDEX.md where each text was found).",
        "reference_date": REFERENCE_DATE,
        "docs": {},
    }
    for file in sorted((batch / "gold").glob("*.json")):
        gold["docs"][file.stem] = json.loads(file.read_text(encoding="utf-8"))
    gold["docs"] = dict(sorted(gold["docs"].items()))
    path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (HERE / "docs").mkdir(exist_ok=True)
    for text in sorted((batch / "docs").glob("*.txt")):
        text.replace(HERE / "docs" / text.name)
    index = HERE / "INDEX.md"
    rows = {line.split(" | ")[0].removeprefix("| "): line for line in index.read_text(encoding="utf-8").splitlines()
            if line.startswith("| rw")} if index.exists() else {}
    for file in sorted(batch.glob("*.tsv")):
        for line in file.read_text(encoding="utf-8").splitlines():
            doc_id, outlet, date, url, words = (line.split("\t") + [""] * 5)[:5]
            if doc_id in gold["docs"]:
                rows[doc_id] = f"| {doc_id} | {outlet} | {date} | {url} | {words} |"
    index.write_text("\n".join([*INDEX_HEAD, *(rows[key] for key in sorted(rows))]) + "\n", encoding="utf-8")
    print(f"{len(gold['docs'])} documents, {sum(len(d['figures']) for d in gold['docs'].values())} figures in gold.json")


INDEX_HEAD = (
    "# The development corpus: where each article was found",
    "",
    "The texts are third-party and are not in git. To rebuild `docs/<doc_id>.txt`, search the stored pages",
    "with the words given (the search tool's `pages` corpus), take the page text from its beginning (without",
    "the tool's ` date` prefix) and check it with `python3 ../shared/tools/heldout_guard.py`. Conventions:",
    "`ANNOTATION.md`. Gold: `gold.json`.",
    "",
    "| doc_id | outlet | date | address | search words |",
    "|---|---|---|---|---|",
)


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "merge":
        merge(Path(argv[2]))
        return 0
    if len(argv) >= 2 and argv[1] == "check":
        docs = Path(argv[2]) if len(argv) > 2 else HERE / "docs"
        found = problems(load_gold(), docs)
        print("\n".join(found) or "gold ok")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
