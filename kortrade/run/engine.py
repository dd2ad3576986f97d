"""Where the per-document function runs: in this process, a local process pool, or Dask.

Every engine yields results in corpus (doc_id) order, so the tables are the
same bytes whichever runs them. Work is submitted in a bounded window, so
memory holds a few batches of documents, not the corpus.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from multiprocessing import Pool

from ..ingest.corpus import RawDocument, SourceFile, read

ENGINES = ("local", "dask")
# Documents a Dask task batch holds, and batches in flight per worker.
DASK_BATCH = 32
DASK_BATCHES_PER_WORKER = 4


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run here (e.g. Dask is not installed)."""


def local_results(
    sources: list[SourceFile],
    work: Callable[[RawDocument], object],
    jobs: int,
    prepare: Callable[[], None] | None = None,
) -> Iterator[object]:
    """Results of `work` over the sources, in order, in `jobs` processes that read the files themselves.

    `prepare` runs here before the workers are forked (Linux's default start method), so
    that what it loads (models, automatons) is built once and shared by every worker.
    """
    read_and_work = partial(_read_then, work)
    if jobs <= 1:
        yield from map(read_and_work, sources)
        return
    if prepare is not None:
        prepare()
    chunksize = max(1, min(32, len(sources) // (jobs * 8) or 1))
    gc.freeze()  # inherited objects stay out of the workers' collections, so their pages stay shared
    try:
        pool = Pool(processes=jobs)
    finally:
        gc.unfreeze()
    with pool:
        yield from pool.imap(read_and_work, sources, chunksize=chunksize)


def _read_then(work: Callable[[RawDocument], object], source: SourceFile) -> object:
    return work(read(source))


def dask_results(
    sources: list[SourceFile],
    work: Callable[[RawDocument], object],
    jobs: int,
    scheduler: str | None = None,
) -> Iterator[object]:
    """Results of `work` on Dask, in order; files are read here and their bytes shipped,
    so workers need no access to the corpus folder."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineUnavailable("the dask engine needs Dask: pip install 'kortrade[dask]'") from None
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        window: deque = deque()
        batches = _batches(sources, DASK_BATCH)
        for batch in batches:
            window.append(client.submit(_run_batch, work, [read(s) for s in batch], pure=False))
            if len(window) >= workers * DASK_BATCHES_PER_WORKER:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_batch(work: Callable[[RawDocument], object], raws: list[RawDocument]) -> list[object]:
    return [work(raw) for raw in raws]


def _batches(items: Iterable[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def results(
    sources: list[SourceFile],
    work: Callable[[RawDocument], object],
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    prepare: Callable[[], None] | None = None,
) -> Iterator[object]:
    """Run the per-document function over the sources with the chosen engine, in corpus order.

    `prepare` loads what the function needs once before local workers start (see `local_results`).
    """
    if engine == "dask":
        return dask_results(sources, work, jobs, scheduler)
    return local_results(sources, work, jobs, prepare)
