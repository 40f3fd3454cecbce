"""Parsing bulletins in worker processes, started as early as the build knows which are needed.

A bulletin is parsed in a forked worker, never in the build's own process: jieba's dictionary
(some 100 MB of Python objects) then never lives there, and that process goes on to hold the whole
tables while the release is written. Each bulletin's rows are cached (``pipeline.incremental``); a worker
also returns the rows of each batch of bulletins it parsed, joined into one frame per table
(``ParsedRows``), which the ``tables`` asset takes (``take_rows``) instead of reading every
bulletin's cache file again.

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
# Bulletins handed to a worker at a time (their rows come back joined, one frame per table).
CHUNK = 8


@dataclass
class ParsedRows:
    """The rows of a batch of bulletins parsed in a worker: their cache keys (as tuples, in the
    order their rows were joined), each table's frame (``join_parts`` of those bulletins' frames,
    as cached), and each bulletin's ``incremental.frame_signature`` of each table."""

    keys: list[tuple]
    frames: dict[str, pd.DataFrame]
    signatures: dict[str, dict[str, tuple | None]]

    @property
    def bulletin_ids(self) -> list[str]:
        return [k[0] for k in self.keys]


def parse_frames(raw_dir: Path, bulletin_id: str) -> dict[str, pd.DataFrame]:
    """One bulletin's rows of every table: layout repaired, segmented, figures found."""
    parsed = parse_bulletin(load_snapshot(raw_dir, bulletin_id))
    bulletins = bulletins_frame(parsed)
    cases = cases_frame(parsed)
    return {"bulletins": bulletins, "cases": cases, "figures": figures_frame(bulletins, cases)}


def _parse_and_cache(raw_dir: str, out_dir: str, key: incremental.BulletinKey
                     ) -> tuple[str | None, dict[str, pd.DataFrame] | None]:
    """Parse one bulletin and cache its frames; (the error line, or None; the frames, or None)."""
    try:
        frames = parse_frames(Path(raw_dir), key.bulletin_id)
    except BulletinFormatError as e:
        return str(e), None
    # NOTE: the bulletin's hive Parquet is made here, in the worker, and cached with its rows; it
    # is written out only once the checks passed.
    incremental.store_cached(Path(out_dir), key, frames, partition_files(frames))
    return None, frames


def _parse_chunk(raw_dir: str, out_dir: str, keys: list[incremental.BulletinKey]
                 ) -> tuple[list[tuple], ParsedRows]:
    """(key tuple, error line or None) of each bulletin of ``keys``, parsed and cached in turn, and
    the rows of those parsed, joined.

    NOTE: a thousand one-bulletin frames cost the build's process more to unpickle (some 1.3 s
    on 1,000 bulletins) than a hundred joined ones; the worker joins them, as combine_tables
    would (join_parts, bulletin order kept).
    """
    from pipeline.tables.combine import join_parts

    results, parsed = [], []
    for k in keys:
        error, frames = _parse_and_cache(raw_dir, out_dir, k)
        results.append((k.as_tuple(), error))
        if frames is not None:
            parsed.append((k, frames))
    names = list(parsed[0][1]) if parsed else []
    signatures = {t: {k.bulletin_id: incremental.frame_signature(f[t]) for k, f in parsed} for t in names}
    rows = ParsedRows([k.as_tuple() for k, _ in parsed],
                      {t: join_parts([f[t] for _, f in parsed]) for t in names}, signatures)
    return results, rows


@dataclass
class _Started:
    raw_dir: Path
    out_dir: Path
    pool: ProcessPoolExecutor
    chunks: list[Future]


_started: _Started | None = None
# The rows the last collected parse returned, by output folder, until ``take_rows`` takes them.
_rows: dict[Path, list[ParsedRows]] = {}


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
    """Each parsed key's error line or None, once every worker is done (the pool is shut down);
    the rows they returned are kept for ``take_rows``."""
    try:
        done = [chunk.result() for chunk in started.chunks]
    finally:
        started.pool.shutdown(wait=True, cancel_futures=True)
    _rows.setdefault(started.out_dir, []).extend(rows for _, rows in done if rows.keys)
    return {key: error for results, _ in done for key, error in results}


def start(raw_dir: Path, out_dir: Path, keys: list[incremental.BulletinKey]) -> None:
    """Begin parsing ``keys`` (bulletins not in the cache) in worker processes; returns at once.

    Call ``stop`` when the build ends, whatever happened (it waits for the workers to exit).
    """
    global _started
    stop()
    if keys:
        _started = _submit(raw_dir, out_dir, list(keys))


def stop() -> None:
    """Cancel what was started and not collected, wait for its workers to exit, and forget the
    rows not taken."""
    global _started
    _rows.clear()
    started, _started = _started, None
    if started is not None:
        started.pool.shutdown(wait=True, cancel_futures=True)


def parse_stale(raw_dir: Path, out_dir: Path, keys: dict[str, incremental.BulletinKey]
                ) -> tuple[list[incremental.BulletinKey], dict[str, str | None]]:
    """The keys that were not in the cache (in ``keys``' order) and, for each, its error line or
    None: the results of what ``start`` began for the same folders and keys, and the others parsed
    now."""
    global _started
    _rows.pop(Path(out_dir).resolve(), None)
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


def take_rows(out_dir: Path) -> list[ParsedRows]:
    """The rows of the bulletins parsed for ``out_dir`` since they were last taken (then forgotten)."""
    return _rows.pop(Path(out_dir).resolve(), [])
