"""Time: dated statements in the text (absolute, year-less, relative, quarters, spans), resolved
against the document's date, with a short event phrase.

Enters: a segmented `Document` and an optional reference date. Leaves: the rows of
`timeline.csv`.
"""
