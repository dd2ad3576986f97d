"""Where the per-document function runs: in this process, a local process pool, or Dask.

Every engine yields results in corpus (doc_id) order, so the tables are the
same bytes whichever runs them. Work is submitted in a bounded window, so
memory holds a few batches of documents, not the corpus.

The units of work are corpus files (`SourceFile`, read where they are processed:
a local worker, or this process for Dask), documents already read (`RawDocument`: the
rows of an export, read here as the export streams) and results already known
(`Reused`, from a previous run's outputs), which pass through untouched.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from multiprocessing import Pool

from ..ingest.corpus import RawDocument, SourceFile, read
from .incremental import Reused

Item = SourceFile | RawDocument | Reused

ENGINES = ("local", "dask")
# Documents a Dask task batch holds, and batches in flight per worker.
DASK_BATCH = 32
DASK_BATCHES_PER_WORKER = 4
# Documents a local worker takes at a time (the corpus is listed as it goes, so its size is unknown).
LOCAL_CHUNK = 4
# Chunks per worker submitted ahead of the results read: the pool would otherwise take in the
# whole corpus at once (and every row of an export with its text).
LOCAL_CHUNKS_AHEAD = 16
# Seconds to wait for a Dask scheduler named with --scheduler.
CONNECT_TIMEOUT = "10s"
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class EngineUnavailable(RuntimeError):
    """The chosen engine cannot run here (e.g. Dask is not installed)."""


def available_processors() -> int:
    """The processors this process may run on: more workers than that only compete."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C to the main process (which ends the pool) and dies quietly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def local_results(
    sources: Iterable[Item],
    work: Callable[[RawDocument], object],
    jobs: int,
    prepare: Callable[[], None] | None = None,
) -> Iterator[object]:
    """Results of `work` over the items, in order, in `jobs` processes that read the files themselves.

    `prepare` runs here before the workers are forked (Linux's default start method), so
    that what it loads (models, automatons) is built once and shared by every worker.
    """
    read_and_work = partial(_read_then, work)
    jobs = min(jobs, available_processors())
    if jobs <= 1:
        yield from map(read_and_work, sources)
        return
    if prepare is not None:
        prepare()
    gc.freeze()  # inherited objects stay out of the workers' collections, so their pages stay shared
    # Workers are forked with Ctrl-C and SIGTERM held back until `_quiet_worker` has set their handlers.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        pool = Pool(processes=jobs, initializer=_quiet_worker)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        gc.unfreeze()
    slots = threading.Semaphore(jobs * LOCAL_CHUNK * LOCAL_CHUNKS_AHEAD)
    stop = threading.Event()
    with pool:
        try:
            for result in pool.imap(read_and_work, _window(sources, slots, stop), chunksize=LOCAL_CHUNK):
                slots.release()
                yield result
        finally:
            stop.set()  # frees the pool's feeding thread if it waits for a slot


def _window(items: Iterable[Item], slots: threading.Semaphore, stop: threading.Event) -> Iterator[Item]:
    """The items, each once a slot is free (a result was read), until the run stops."""
    for item in items:
        while not slots.acquire(timeout=0.1):
            if stop.is_set():
                return
        yield item


def _load(item: Item) -> RawDocument | Reused:
    return read(item) if isinstance(item, SourceFile) else item


def _read_then(work: Callable[[RawDocument], object], item: Item) -> object:
    loaded = _load(item)
    return loaded if isinstance(loaded, Reused) else work(loaded)


def dask_results(
    sources: Iterable[Item],
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
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except Exception as error:  # noqa: BLE001 -- a bad address raises ValueError, OSError or TimeoutError
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
            raise EngineUnavailable(f"cannot reach the Dask scheduler at {scheduler!r}: {reason}") from None
        cluster = None
    else:
        jobs = min(jobs, available_processors())
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        window: deque = deque()
        batches = _batches(sources, DASK_BATCH)
        for batch in batches:
            window.append(client.submit(_run_batch, work, [_load(s) for s in batch], pure=False))
            if len(window) >= workers * DASK_BATCHES_PER_WORKER:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_batch(work: Callable[[RawDocument], object], raws: list[RawDocument | Reused]) -> list[object]:
    return [raw if isinstance(raw, Reused) else work(raw) for raw in raws]


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def results(
    sources: Iterable[Item],
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
