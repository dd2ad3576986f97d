"""Files in, segmented documents out: finding files, decoding bytes, HTML main text, cleaning,
metadata, language and sentences.

Enters: a corpus folder (paths and bytes). Leaves: `Document`s (`document.py`): clean text,
metadata, flags, what cleaning removed, and sentence spans. Knows nothing of the extractors.
"""
