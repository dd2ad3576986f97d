"""kortrade: news about South Korea–China economic relations, turned into auditable tables."""

from .pipeline import Extraction, extract, load

__version__ = "0.1.0"
__all__ = ["Extraction", "__version__", "extract", "load"]
