"""How long `kortrade report` takes on the seeds against its floor: papermill running the
same number of empty notebooks with the same kernel (the kernel start-up cost).

usage: python bench/report_overhead.py [--runs 3]

Both are timed in the same run, alternating, and the ratio of the medians is printed
(target: at most 1.5). The report runs into a temporary folder, with fresh tables
each time (its extraction is part of the cost).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

from kortrade.report.runner import kernel_name, notebook_parts

ROOT = Path(__file__).resolve().parents[1]


def time_report(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kortrade",
            "report",
            "--corpus",
            str(ROOT / "seeds"),
            "--out",
            str(out),
            "--notebooks",
            str(ROOT / "notebooks"),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start


def time_empty_notebooks(folder: Path, count: int) -> float:
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    empty.metadata["kernelspec"] = {"name": kernel_name(), "display_name": kernel_name(), "language": "python"}
    paths = []
    for i in range(count):
        path = folder / f"empty_{i}.ipynb"
        nbformat.write(empty, path)
        paths.append(path)
    start = time.perf_counter()
    for path in paths:
        papermill.execute_notebook(
            str(path), str(path.with_suffix(".out.ipynb")), kernel_name=kernel_name(), progress_bar=False
        )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    count = len(notebook_parts(ROOT / "notebooks"))
    report_times, floor_times = [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            report_times.append(time_report(Path(tmp) / f"report{run}"))
            floor_times.append(time_empty_notebooks(Path(tmp), count))
    report, floor = statistics.median(report_times), statistics.median(floor_times)
    print(f"{'kortrade report (seeds)':40s} median {report:6.2f} s  runs {', '.join(f'{t:.2f}' for t in report_times)}")
    print(
        f"{f'papermill, {count} empty notebooks':40s} median {floor:6.2f} s  runs {', '.join(f'{t:.2f}' for t in floor_times)}"
    )
    print(f"{'ratio (target <= 1.5)':40s} {report / floor:6.2f}")


if __name__ == "__main__":
    main()
