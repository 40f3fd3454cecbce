"""Parsing bulletins in worker processes, started as early as the build knows which are needed.

A bulletin is parsed in a forked worker, never in the build's own process: jieba's dictionary
(some 100 MB of Python objects) then never lives there, and that process goes on to hold the whole
tables while the release is written. A worker returns only a status; the rows travel through the
content cache (``pipeline.incremental``).

``acftu build`` knows which bulletins are new or changed before Dagster is even loaded: it calls
``start`` then, so the workers' start, jieba's dictionary and the parsing itself overlap the
start of Dagster and of its run. The ``parsed_bulletins`` asset calls ``parse_stale``, which
collects what was started (for the same keys) and parses whatever was not; a run started from the
UI simply parses there.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import incremental
from pipeline.sources import load_snapshot
from pipeline.store.hive import partition_files
from pipeline.tables import bulletins_frame, cases_frame, figures_frame, parse_bulletin
from pipeline.text.errors import BulletinFormatError

# Below this many bulletins to parse, a second worker process costs more than it saves.
POOL_MIN = 40
# Bulletins handed to a worker at a time.
CHUNK = 8


def parse_frames(raw_dir: Path, bulletin_id: str) -> dict[str, pd.DataFrame]:
    """One bulletin's rows of every table: layout repaired, segmented, figures found."""
    parsed = parse_bulletin(load_snapshot(raw_dir, bulletin_id))
    bulletins = bulletins_frame(parsed)
    cases = cases_frame(parsed)
    return {"bulletins": bulletins, "cases": cases, "figures": figures_frame(bulletins, cases)}


def _parse_and_cache(raw_dir: str, out_dir: str, key: incremental.BulletinKey) -> str | None:
    """Parse one bulletin and cache its frames; the error line, or None."""
    try:
        frames = parse_frames(Path(raw_dir), key.bulletin_id)
    except BulletinFormatError as e:
        return str(e)
    # NOTE: the bulletin's hive Parquet is made here, in the worker, and cached with its rows; it
    # is written out only once the checks passed.
    incremental.store_cached(Path(out_dir), key, frames, partition_files(frames))
    return None


def _parse_chunk(raw_dir: str, out_dir: str, keys: list[incremental.BulletinKey]) -> list[tuple]:
    """(key tuple, error line or None) of each bulletin of ``keys``, parsed and cached in turn."""
    return [(k.as_tuple(), _parse_and_cache(raw_dir, out_dir, k)) for k in keys]


@dataclass
class _Started:
    raw_dir: Path
    out_dir: Path
    pool: ProcessPoolExecutor
    chunks: list[Future]


_started: _Started | None = None


def _submit(raw_dir: Path, out_dir: Path, keys: list[incremental.BulletinKey]) -> _Started:
    workers = min(2, os.cpu_count() or 1) if len(keys) >= POOL_MIN else 1
    # NOTE: fork shares the loaded code and grammars with the workers.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        chunks = [pool.submit(_parse_chunk, str(raw_dir), str(out_dir), keys[i:i + CHUNK])
                  for i in range(0, len(keys), CHUNK)]
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return _Started(Path(raw_dir).resolve(), Path(out_dir).resolve(), pool, chunks)


def _collect(started: _Started) -> dict[tuple, str | None]:
    """Each parsed key's error line or None, once every worker is done (the pool is shut down)."""
    try:
        return {key: error for chunk in started.chunks for key, error in chunk.result()}
    finally:
        started.pool.shutdown(wait=True, cancel_futures=True)


def start(raw_dir: Path, out_dir: Path, keys: list[incremental.BulletinKey]) -> None:
    """Begin parsing ``keys`` (bulletins not in the cache) in worker processes; returns at once.

    Call ``stop`` when the build ends, whatever happened (it waits for the workers to exit).
    """
    global _started
    stop()
    if keys:
        _started = _submit(raw_dir, out_dir, list(keys))


def stop() -> None:
    """Cancel what was started and not collected, and wait for its workers to exit."""
    global _started
    started, _started = _started, None
    if started is not None:
        started.pool.shutdown(wait=True, cancel_futures=True)


def parse_stale(raw_dir: Path, out_dir: Path, keys: dict[str, incremental.BulletinKey]
                ) -> tuple[list[incremental.BulletinKey], dict[str, str | None]]:
    """The keys that were not in the cache (in ``keys``' order) and, for each, its error line or
    None: the results of what ``start`` began for the same folders and keys, and the others parsed
    now."""
    global _started
    done: dict[tuple, str | None] = {}
    started = _started
    if started is not None and (started.raw_dir, started.out_dir) == (Path(raw_dir).resolve(),
                                                                      Path(out_dir).resolve()):
        _started = None
        done = _collect(started)
    stale = [k for k in keys.values() if k.as_tuple() in done or not incremental.is_cached(out_dir, k)]
    todo = [k for k in stale if k.as_tuple() not in done]
    errors = {k.bulletin_id: done[k.as_tuple()] for k in stale if k.as_tuple() in done}
    if todo:
        found = _collect(_submit(raw_dir, out_dir, todo))
        errors.update((k.bulletin_id, found[k.as_tuple()]) for k in todo)
    return stale, errors
