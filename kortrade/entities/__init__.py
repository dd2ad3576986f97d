"""Who and what a document names, and the deals between them: the actor gazetteer and its matcher,
unlisted people and organisations, short forms, sectors, corporate deals.

Enters: a segmented `Document`. Leaves: actor mentions (rows of `actors.csv`), sentence
sectors, and deal rows (`deals.csv`).
"""
