"""Outputs change as a whole or not at all: runs killed at random points leave the previous
outputs or the new ones, never a mix; Ctrl-C and SIGTERM end a run cleanly."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import SEEDS, run_cli

from kortrade.run.tables import SCHEMAS


def make_corpus(root, copies, first=0):
    root.mkdir(parents=True, exist_ok=True)
    for i in range(first, first + copies):
        for seed in SEEDS.iterdir():
            shutil.copy(seed, root / f"{seed.stem}_{i:04d}.txt")


def snapshot(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def start(corpus, out, *options):
    return subprocess.Popen(
        [sys.executable, "-m", "kortrade", "extract", str(corpus), "--out", str(out), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches every process of a job
    )


def leftovers(out):
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_runs_killed_at_random_points_leave_the_old_or_the_new_outputs(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, 2)
    assert run_cli("extract", str(corpus), "--out", str(out)).returncode == 0
    old = snapshot(out)
    make_corpus(corpus, 3, first=2)
    reference = tmp_path / "reference"
    assert run_cli("extract", str(corpus), "--out", str(reference)).returncode == 0
    new = snapshot(reference)
    rng = random.Random(17)
    seen = set()
    for _ in range(6):
        process = start(corpus, out)
        time.sleep(rng.uniform(0.0, 3.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = snapshot(out)
        assert now in (old, new), "a killed run mixed two outputs"
        seen.add("new" if now == new else "old")
        if now == new:  # start again from the old outputs, so later kills can land in the commit too
            shutil.rmtree(out)
            shutil.copytree(tmp_path / "reference", out)
            for name in SCHEMAS:
                (out / f"{name}.csv").write_bytes(old[f"{name}.csv"])
            shutil.rmtree(out / "clean")
            for path, data in old.items():
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                (out / path).write_bytes(data)
            (out / "extract.json").write_bytes(old["extract.json"])
            assert snapshot(out) == old
    assert "old" in seen
    assert run_cli("extract", str(corpus), "--out", str(out)).returncode == 0
    assert snapshot(out) == new
    assert not leftovers(out), "the next run removes what killed runs left"


@pytest.mark.parametrize("signum, status, jobs", [(signal.SIGINT, 130, "2"), (signal.SIGTERM, 143, "1")])
def test_ctrl_c_and_sigterm_end_the_run_cleanly(tmp_path, signum, status, jobs):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, 2)
    assert run_cli("extract", str(corpus), "--out", str(out)).returncode == 0
    before = snapshot(out)
    make_corpus(corpus, 150, first=2)
    for delay in (0.3, 2.5):  # during start-up (imports, forking workers) and while documents are processed
        process = start(corpus, out, "--jobs", jobs)
        time.sleep(delay)
        os.killpg(process.pid, signum)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == status, stderr
        assert "Traceback" not in stderr
        assert stderr.strip().splitlines()[-1].startswith(("kortrade: interrupted", "kortrade: terminated"))
        assert snapshot(out) == before
        assert not leftovers(out), "no staging folder is left"


def test_a_stop_signal_inside_a_finaliser_is_recorded_not_raised():
    """An exception raised in `__del__` would be printed with a traceback and lost: the run checks the record."""
    from kortrade import cli

    class Finalised:
        def __del__(self):
            cli._stop(signal.SIGTERM, sys._getframe())

    cli.STOPPED.clear()
    try:
        Finalised()  # dropped at once: its __del__ runs here and must not raise
        assert cli.STOPPED == [signal.SIGTERM]
        with pytest.raises(KeyboardInterrupt):
            cli._stop(signal.SIGINT, sys._getframe())
    finally:
        cli.STOPPED.clear()
