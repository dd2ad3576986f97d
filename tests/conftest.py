"""Shared fixtures: the project root, the seeds, and a hostile corpus built at test time."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_extraction():
    """The seeds extracted once per test session, with the gold's reference date."""
    import kortrade

    return kortrade.extract(SEEDS, reference_date="2026-11-23")


PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


@pytest.fixture
def messy_corpus(tmp_path: Path) -> Path:
    """A folder with the awkward files a scraped corpus holds."""
    return build_messy_corpus(tmp_path / "corpus")


def build_messy_corpus(root: Path) -> Path:
    """Write the messy corpus of the foundation's acceptance list into `root`."""
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"   \n\t\n")
    (root / "image.txt").write_bytes(PNG_BYTES + os.urandom(256))
    (root / "korean.txt").write_bytes(
        "한국의 대중국 수출이 11월에 증가했다. 산업통상자원부가 발표했다.".encode("cp949")
    )
    (root / "chinese.txt").write_bytes("中国商务部表示，韩国对华出口增长。两国经贸合作继续深化。".encode("gb18030"))
    (root / "page.html").write_text(
        "<html><head><title>Exports rise</title><script>var tracking = 1;</script></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Exports rise</h1>"
        "<p>South Korea's exports to China rose 7 percent in November, the trade ministry said on Friday.</p>"
        "<p>Semiconductor shipments led the recovery, officials in Seoul said.</p></article></body></html>",
        encoding="utf-8",
    )
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Trade with China grew in 2023.".encode("utf-16-le"))
    (root / "nul.txt").write_bytes(b"Exports rose\x00 in November.\x00\n")
    (root / "cp1252.txt").write_bytes(
        "He said \u201cexports recovered\u201d \u2014 caf\u00e9 owners agreed.".encode("cp1252")
    )
    (root / "a" / "same.txt").write_text("The first file named same.\n", encoding="utf-8")
    (root / "b" / "same.txt").write_text("The second file named same.\n", encoding="utf-8")
    (root / "noext").write_text("A file without an extension about Korea and China.\n", encoding="utf-8")
    os.symlink(root / "missing.txt", root / "dangling.txt")
    os.symlink(root / "loop2.txt", root / "loop1.txt")
    os.symlink(root / "loop1.txt", root / "loop2.txt")
    os.symlink(root / "a", root / "a" / "back_to_a")
    os.symlink(root / "noext", root / "link_to_noext.txt")
    return root


def run_report(*args: str, notebooks: Path = ROOT / "notebooks") -> subprocess.CompletedProcess:
    """`kortrade report` on the seeds (with the project's notebooks unless told), as a subprocess."""
    command = [
        sys.executable,
        "-m",
        "kortrade",
        "report",
        "--corpus",
        str(SEEDS),
        "--notebooks",
        str(notebooks),
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory) -> Path:
    """One report run on the seeds, shared by the report tests."""
    out = tmp_path_factory.mktemp("report")
    result = run_report("--out", str(out), "--reference-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    return out


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The kortrade command line as a subprocess."""
    return subprocess.run([sys.executable, "-m", "kortrade", *args], capture_output=True, text=True, check=False)
