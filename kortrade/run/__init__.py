"""Running the stages over a corpus: the per-document pipeline, the local and Dask engines, the
table schemas and the store that writes them.

Enters: a corpus folder and run parameters. Leaves: the tables of the data contract, in memory
(`Extraction`) or written to a folder.
"""
