"""Time an incremental run: a corpus gains 10 files, and only they are extracted again.

usage: python bench/incremental.py [--docs 5000] [--added 10] [--jobs 2] [--work DIR]

Generates a corpus of `--docs` articles (`make_corpus.py`), extracts it in full, adds
`--added` new articles (another seed, so they differ), then times the incremental run
(the previous outputs reused for unchanged documents) against a full run of the grown
corpus, checks that both wrote the same bytes, and prints the times and their ratio.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def extract(corpus: Path, out: Path, jobs: int, *options: str) -> float:
    """Seconds `kortrade extract` takes (one process tree, as a user runs it)."""
    command = [sys.executable, "-m", "kortrade", "extract", str(corpus), "--out", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    subprocess.run([*command, "--reference-date", "2026-11-23", *options], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def same_tree(first: Path, second: Path) -> bool:
    """Whether two output folders hold the same files with the same bytes."""
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file()):
        return False
    return all(filecmp.cmp(first / name, second / name, shallow=False) for name in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--added", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, help="folder for the corpora and outputs (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kortrade-incremental-"))
    corpus, added = work / "corpus", work / "added"
    for folder, count, seed in ((corpus, args.docs, "1"), (added, args.added, "2")):
        shutil.rmtree(folder, ignore_errors=True)
        make = [sys.executable, str(BENCH / "make_corpus.py"), "--docs", str(count), "--out", str(folder)]
        subprocess.run([*make, "--seed", seed, "--gold", str(work / f"{folder.name}-gold.json")], check=True)
    incremental, full = work / "out-incremental", work / "out-full"
    for out in (incremental, full):
        shutil.rmtree(out, ignore_errors=True)
    first = extract(corpus, incremental, args.jobs)
    for path in sorted(added.iterdir()):
        shutil.copy(path, corpus / f"added-{path.name}")
    second = extract(corpus, incremental, args.jobs)
    whole = extract(corpus, full, args.jobs, "--full")
    print(f"corpus: {args.docs} documents, then {args.added} added; --jobs {args.jobs}")
    print(f"first run (full):            {first:8.1f} s")
    print(f"second run (incremental):    {second:8.1f} s")
    print(f"second run, full (--full):   {whole:8.1f} s")
    print(f"incremental / full:          {second / whole:8.3f}")
    print(f"tables byte-identical:       {same_tree(incremental, full)}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
