"""A run killed midway leaves the previous outputs intact; the next run cleans up after it."""

import shutil
import signal
import subprocess
import sys
import time

from conftest import SEEDS, run_cli

from kortrade.run.tables import SCHEMAS


def make_corpus(root, copies):
    root.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for seed in SEEDS.iterdir():
            shutil.copy(seed, root / f"{seed.stem}_{i:04d}.txt")


def snapshot(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_killed_run_leaves_previous_outputs_intact(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    make_corpus(corpus, 2)
    assert run_cli("extract", str(corpus), "--out", str(out)).returncode == 0
    before = snapshot(out)
    make_corpus(corpus, 400)
    process = subprocess.Popen(
        [sys.executable, "-m", "kortrade", "extract", str(corpus), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(out.glob(".extract-*.part/clean/*.txt")):
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert any(out.glob(".extract-*.part")), "the killed run's staging folder should be left behind"
    after = {k: v for k, v in snapshot(out).items() if not k.startswith(".extract-")}
    assert after == before
    assert run_cli("extract", str(corpus), "--out", str(out)).returncode == 0
    assert not any(out.glob(".extract-*.part"))
    assert sum(1 for _ in (out / "clean").iterdir()) == 400 * 5
    for name in SCHEMAS:
        assert (out / f"{name}.csv").exists()
