"""Numeric facts: number grammar applied to find money, percent, energy and count figures, repair of
translation damage, and each figure's frame (metric, measure, reporter, partner, period,
direction, flags).

Enters: a segmented `Document`. Leaves: the rows of `figures.csv` (`rows.py`).
"""
