"""The tables a notebook reads: from `OUTPUT/data`, extracted anew only when missing or stale.

Stale means the corpus (by its hash over file names and bytes), the
reference date, or kortrade itself (its version, or a hash of its code and
vocabularies, so an edited gazetteer takes effect) differs from what
`extract.json` recorded. Relative paths resolve against the project root (the folder
holding `pyproject.toml`), so notebooks run the same from JupyterLab,
papermill and nbval.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .. import __version__
from ..ingest import corpus as corpus_files

VERSION_KEY = "kortrade_version"


def project_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the working folder) holding pyproject.toml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").exists():
            return folder
    return here


def resolve(path: str | Path) -> Path:
    """An absolute path; relative ones are taken from the project root."""
    path = Path(path)
    return path if path.is_absolute() else project_root() / path


def is_fresh(data_dir: Path, corpus: Path, reference_date: str) -> bool:
    """True when `data_dir` holds tables extracted from this corpus with these parameters."""
    info_path = data_dir / "extract.json"
    if not info_path.exists():
        return False
    info = json.loads(info_path.read_text(encoding="utf-8"))
    return (
        info.get("corpus_sha256") == corpus_files.corpus_hash(corpus)
        and info.get("reference_date", "") == (reference_date or "")
        and info.get(VERSION_KEY) == __version__
        and info.get("kortrade_sha256") == corpus_files.package_fingerprint()
    )


def tables(corpus_dir: str | Path = "seeds", output_dir: str | Path = "outputs", reference_date: str | None = None):
    """The extraction of `corpus_dir`, read from `output_dir/data` or made and written there."""
    from ..run.store import load

    corpus, data_dir = resolve(corpus_dir), resolve(output_dir) / "data"
    reference = reference_date or ""
    if reference:
        dt.date.fromisoformat(reference)
    if not is_fresh(data_dir, corpus, reference):
        from ..run.pipeline import extract_to  # the extraction stack is loaded only when needed

        extract_to(data_dir, corpus, reference_date=reference or None)
    return load(data_dir)
