"""From tables to the report: the notebooks' workspace (tables extracted only when stale), the
analyses and charts they present, and the papermill run that renders them.

Enters: a tables folder (or a corpus to extract). Leaves: executed notebooks, HTML pages,
charts and a manifest under `outputs/`.
"""
