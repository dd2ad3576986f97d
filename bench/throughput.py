"""Throughput of every stage and of the whole extraction at 1x, 10x and 100x corpus sizes.

usage: python bench/throughput.py [--base-mb 1.0] [--scales 1 10 100] [--jobs 2] [--quantulum-mb 0.1]

For each scale a corpus of `base-mb x scale` megabytes is generated with
`bench/make_corpus.py` (same seed, so a larger corpus starts with the smaller one's
documents). Then, in this process on one core, every document goes through
`kortrade.run.pipeline.process_raw` with the pipeline's stage functions wrapped in timers, so
the stages timed are exactly those a run executes (`clean` includes the segmentation
boilerplate removal is judged on; `segment` times `kortrade.ingest.segment.sentence_spans` on the
clean text for reference, outside the run). Last, `python -m kortrade extract --jobs N`
runs end to end into a temporary folder, timed from outside, with the peak resident memory
of its process tree (the sum of the proportional set sizes of the parent and its workers,
a page the processes share being split between them), sampled every `MEMORY_SAMPLE_SECONDS`.

Speeds are characters of raw text per second, the same numerator for every stage. The
figures stage is also compared with quantulum3 on the same clean text (the first
`--quantulum-mb` megabytes of the corpus, timed with `bench/figures_vs_quantulum3.py`'s
code). The last column is the speed at the largest scale over the speed at the smallest
(the issue's target: within 20 %). All numbers come from the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import make_corpus
from figures_vs_quantulum3 import kortrade_figures, quantulum_figures

from kortrade.ingest import corpus
from kortrade.ingest.document import Document
from kortrade.ingest.segment import sentence_spans
from kortrade.run import pipeline

REFERENCE_DATE = "2026-11-23"
# One memory sample reads the smaps of every process of the run (about 0.7 ms each): sampling
# every 50 ms took about 2 % of the machine from the run being timed. Memory grows slowly
# in a streaming run, so a sample every 200 ms still sees its peak.
MEMORY_SAMPLE_SECONDS = 0.2
# pipeline function -> the stage it belongs to
STAGES = {
    "source_text": "load",
    "normalise": "clean",
    "remove_boilerplate": "clean",
    "read_metadata": "metadata",
    "detect_language": "language",
    "find_mentions": "actors",
    "actor_rows": "actors",
    "sentence_sectors": "sectors",
    "find_deals": "deals",
    "deal_rows": "deals",
    "sentence_tone": "tone",
    "document_tone": "tone",
    "mark_document": "relation/stance",
    "label_relations": "relation/stance",
    "document_stance": "relation/stance",
    "figure_rows": "figures",
    "timeline_rows": "dates/timeline",
}
ORDER = (
    "load",
    "clean",
    "segment",
    "metadata",
    "language",
    "figures",
    "actors",
    "sectors",
    "deals",
    "tone",
    "relation/stance",
    "dates/timeline",
    "other",
    "in-process total",
)


class StageClock:
    """Seconds spent in each stage, accumulated by wrappers around the pipeline's functions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, stage: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - started

        return timed


def time_stages(folder: Path, quantulum_chars: int) -> tuple[int, dict[str, float], list[Document]]:
    """Characters of raw text, seconds per stage, and the first clean documents (for quantulum3)."""
    clock = StageClock()
    originals = {name: getattr(pipeline, name) for name in STAGES}
    reference = dt.date.fromisoformat(REFERENCE_DATE)
    chars, sample, sample_chars = 0, [], 0
    sources = list(corpus.discover(folder))  # the listing streams; the stages are timed over every file
    pipeline.process_raw(corpus.read(sources[0]), reference)  # models and automatons are built once, untimed
    for name, stage in STAGES.items():
        setattr(pipeline, name, clock.wrap(stage, originals[name]))
    try:
        for source in sources:
            started = time.perf_counter()
            raw = corpus.read(source)
            read = time.perf_counter()
            result = pipeline.process_raw(raw, reference)
            clock.seconds["load"] += read - started
            clock.seconds["in-process total"] += time.perf_counter() - started
            started = time.perf_counter()
            sentence_spans(result.clean_text)
            clock.seconds["segment"] += time.perf_counter() - started
            chars += len(raw.data.decode("utf-8"))
            if sample_chars < quantulum_chars:
                sample.append(Document(source.doc_id, result.clean_text, (), str(result.document["published"] or "")))
                sample_chars += len(result.clean_text)
    finally:
        for name, function in originals.items():
            setattr(pipeline, name, function)
    seconds = dict(clock.seconds)
    timed = sum(s for stage, s in seconds.items() if stage not in ("segment", "in-process total"))
    seconds["other"] = max(0.0, seconds["in-process total"] - timed)
    return chars, seconds, sample


def end_to_end(folder: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds of `python -m kortrade extract --jobs N` and the peak memory (PSS bytes) of its process tree."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "kortrade", "extract", str(folder), "--out", out]
        command += ["--jobs", str(jobs), "--reference-date", REFERENCE_DATE]
        started = time.perf_counter()
        process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(MEMORY_SAMPLE_SECONDS):
                try:
                    tree = [process, *process.children(recursive=True)]
                    peak[0] = max(peak[0], sum(_pss(p) for p in tree))
                except psutil.NoSuchProcess:
                    pass

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, stderr = process.communicate()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        if process.returncode:
            raise SystemExit(f"kortrade extract failed:\n{stderr.decode()}")
    return seconds, peak[0]


def _pss(process: psutil.Process) -> int:
    try:
        return process.memory_full_info().pss
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def figures_against_quantulum(sample: list[Document]) -> tuple[int, float, float]:
    """Characters of the sample, and kortrade's figures and quantulum3's seconds on it."""
    warnings.filterwarnings("ignore")
    _, kortrade_seconds, _ = kortrade_figures(sample, repeat=1)
    _, quantulum_seconds = quantulum_figures(sample, repeat=1)
    return sum(len(d.text) for d in sample), kortrade_seconds, quantulum_seconds


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--base-mb", type=float, default=1.0, help="size of the 1x corpus (default 1 MB)")
    arguments.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    arguments.add_argument("--jobs", type=int, default=2, help="processes of the end-to-end run (default 2)")
    arguments.add_argument("--quantulum-mb", type=float, default=0.1, help="text quantulum3 reads (default 0.1 MB)")
    arguments.add_argument("--seed", type=int, default=20240328)
    args = arguments.parse_args()

    columns: dict[int, dict[str, float]] = {}
    quantulum = None
    with tempfile.TemporaryDirectory() as work:
        for scale in args.scales:
            folder = Path(work) / f"corpus-{scale}x"
            make_corpus.generate(folder, None, args.base_mb * scale, args.seed, Path(work) / f"gold-{scale}x.json")
            chars, seconds, sample = time_stages(folder, int(args.quantulum_mb * 1e6))
            wall, peak = end_to_end(folder, args.jobs)
            raw_bytes = sum(p.stat().st_size for p in folder.iterdir())
            columns[scale] = {stage: chars / s for stage, s in seconds.items() if s > 0}
            columns[scale] |= {"end to end": chars / wall, "MB/s": raw_bytes / wall / 1e6, "peak": peak / 2**20}
            columns[scale]["chars"] = chars
            if quantulum is None:
                quantulum = figures_against_quantulum(sample)
            print(f"{scale}x: {chars:,} characters, {raw_bytes / 1e6:.1f} MB; end to end {wall:.1f} s", flush=True)
    print_table(args, columns, quantulum)


def print_table(args: argparse.Namespace, columns: dict[int, dict[str, float]], quantulum) -> None:
    scales = list(columns)
    first, last = scales[0], scales[-1]
    head = f"{'stage (chars/s, one core)':28s}" + "".join(f"{f'{s}x':>13s}" for s in scales)
    print(f"\n{head}{f'{last}x/{first}x':>10s}")
    rows = [*ORDER, f"end to end (--jobs {args.jobs})"]
    for row in rows:
        key = "end to end" if row.startswith("end to end") else row
        values = [columns[s].get(key, 0.0) for s in scales]
        ratio = values[-1] / values[0] if values[0] else 0.0
        print(f"{row:28s}" + "".join(f"{v:13,.0f}" for v in values) + f"{ratio:10.2f}")
    for key, label, fmt in (("MB/s", "end to end MB/s", "13.2f"), ("peak", "peak PSS of the tree (MiB)", "13.0f")):
        values = [columns[s][key] for s in scales]
        print(f"{label:28s}" + "".join(f"{v:{fmt}}" for v in values) + f"{values[-1] / values[0]:10.2f}")
    chars, ours, theirs = quantulum
    print(
        f"\nfigures on the first {chars:,} clean characters: kortrade {chars / ours:,.0f} chars/s, "
        f"quantulum3 {chars / theirs:,.0f} chars/s, ratio {theirs / ours:.0f}x"
    )


if __name__ == "__main__":
    main()
