"""Tone and Korea–China relations: VADER tone per sentence, the sides of the ties a mention stands
for, cooperation/conflict per sentence, and the document's stance.

Enters: a segmented `Document` (and its actor mentions). Leaves: sentence tone and relation,
document tone, stance and its evidence.
"""
