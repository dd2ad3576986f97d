"""kortrade: news about South Korea–China economic relations, turned into auditable tables.

`extract`, `load` and `Extraction` are imported on first use, so that reading
tables (as the notebooks do) does not load the extraction stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Extraction", "__version__", "extract", "load"]

if TYPE_CHECKING:
    from .run.pipeline import extract
    from .run.store import Extraction, load


def __getattr__(name: str):
    if name == "extract":
        from .run.pipeline import extract

        return extract
    if name in {"Extraction", "load"}:
        from .run import store

        return getattr(store, name)
    raise AttributeError(f"module 'kortrade' has no attribute {name!r}")
