"""Incremental builds by content: a bulletin is parsed again only when its bytes or the parser change.

Each parsed bulletin's rows are cached in ``<out>/.dagster/cache/<bulletin_id>.pkl`` under a key
made of the sha256 of ``bulletin.txt``, the sha256 of ``bulletin.yaml`` and the parser's code
version (a digest of the source of every module that turns bytes into rows). A cache entry whose key
differs is ignored and rewritten.

The three tables of the last build are kept whole in ``<out>/.dagster/cache/tables.pickle`` with
each bulletin's key: the next build takes the rows of bulletins whose key is unchanged from it and
reads only new or changed bulletins from their own cache (``combine_tables``).

Which bulletins' rows passed each table's schema check, under which key and schema digest, is kept
in ``<out>/.dagster/cache/validated.json``: the check validates the other rows only.

What each valid ``bulletin.yaml`` declares (its bulletin_id and the sha256 of its text), by the
sha256 of the file, is kept in ``<out>/.dagster/cache/declared.json``: the check that no two
bulletins share an id or bytes parses only new or changed metadata files.

The corpus fingerprint (every bulletin's key, plus the code version of the whole pipeline) lets a
rebuild of an unchanged corpus stop before Dagster is even started.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from pipeline.paths import REPO_ROOT

CACHE_DIR = Path(".dagster") / "cache"
STATE_FILE = Path(".dagster") / "last_build.json"
PACKAGE = Path(__file__).resolve().parent
# NOTE: the modules whose code decides a bulletin's rows; an edit to any of them re-parses every
# bulletin (a digest, not a hand-kept number, so it can never be forgotten).
PARSER_MODULES = ("sources", "text", "geo", "figures", "tables", "parsing.py")


def _digest_sources(folders: list[Path]) -> str:
    h = hashlib.sha256()
    for folder in folders:
        files = sorted(folder.rglob("*.py")) if folder.is_dir() else [folder]
        for f in files:
            if f.is_file():
                h.update(f.relative_to(PACKAGE.parent).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


PARSE_CODE_VERSION = _digest_sources([PACKAGE / m for m in PARSER_MODULES])


# NOTE: what decides whether a bulletin's rows pass the published tables' checks: the Table Schemas
# and the code that turns them into checks. Rows validated under another digest are validated again.
SCHEMA_VERSION = _digest_sources([PACKAGE / "metadata", REPO_ROOT / "schemas"])
VALIDATED_FILE = "validated.json"
DECLARED_FILE = "declared.json"
# NOTE: not "*.pkl", so neither a bulletin's cache file nor swept by drop_stale_cache.
CORPUS_FILE = "tables.pickle"
CORPUS_FORMAT = 1
# Bulletins whose cached frames are joined into one before more are read (see combine_tables).
COMBINE_EVERY = 100
# The kept tables are written again once more than one bulletin in this many is not in them.
REWRITE_SHARE = 20
# Fewer bulletins than this are read one by one (some 4 ms each), and no combined copy is kept.
KEEP_MIN = 100


def pipeline_code_version() -> str:
    """A digest of all the pipeline's code and schemas: a change rebuilds past the fast path."""
    return _digest_sources([PACKAGE, REPO_ROOT / "schemas"]) + "-" + PARSE_CODE_VERSION


@dataclass(frozen=True)
class BulletinKey:
    """What a bulletin's parsed rows depend on."""

    bulletin_id: str
    text_sha256: str
    meta_sha256: str
    code_version: str

    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.bulletin_id, self.text_sha256, self.meta_sha256, self.code_version)


def _sha256_file(path: Path, limit: int) -> str:
    """sha256 of a raw file read the safe way (a regular file, no link, a FIFO never blocks).

    A file that cannot be read so hashes as empty: it is never reused, and the loader then names
    what is wrong with it.
    """
    from pipeline.sources.errors import RawSourceError
    from pipeline.sources.rawfiles import read_raw_file

    try:
        return hashlib.sha256(read_raw_file(path.parent, path.name, limit)).hexdigest()
    except (OSError, RawSourceError):
        return ""


def bulletin_key(raw_dir: Path, bulletin_id: str, code_version: str | None = None) -> BulletinKey:
    """The key of ``raw_dir/bulletin_id`` (a missing file hashes as empty: it is never reused)."""
    folder = Path(raw_dir) / bulletin_id
    from pipeline.sources.rawfiles import META_LIMIT, TEXT_LIMIT

    return BulletinKey(bulletin_id, _sha256_file(folder / "bulletin.txt", TEXT_LIMIT),
                       _sha256_file(folder / "bulletin.yaml", META_LIMIT),
                       PARSE_CODE_VERSION if code_version is None else code_version)


def _cache_path(out_dir: Path, bulletin_id: str) -> Path:
    return Path(out_dir) / CACHE_DIR / f"{bulletin_id}.pkl"


def _read_key(f) -> tuple | None:
    try:
        return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None


def is_cached(out_dir: Path, key: BulletinKey) -> bool:
    """Whether the cache holds the rows of this very key (reads only the key, not the rows)."""
    try:
        with open(_cache_path(out_dir, key.bulletin_id), "rb") as f:
            return _read_key(f) == key.as_tuple()
    except OSError:
        return False


def _load(out_dir: Path, key: BulletinKey, frames: bool) -> tuple[dict, dict] | None:
    path = _cache_path(out_dir, key.bulletin_id)
    try:
        with open(path, "rb") as f:
            if _read_key(f) != key.as_tuple():
                return None
            files = pickle.load(f)
            rows = pickle.load(f) if frames else {}
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None
    return (rows, files) if isinstance(rows, dict) and isinstance(files, dict) else None


def load_cached(out_dir: Path, key: BulletinKey) -> dict | None:
    """The cached frames of a bulletin whose key is unchanged, else None."""
    found = _load(out_dir, key, frames=True)
    return found[0] if found else None


def load_cached_files(out_dir: Path, key: BulletinKey) -> dict | None:
    """The files cached with a bulletin's frames (name → bytes; its hive Parquet), or None."""
    found = _load(out_dir, key, frames=False)
    return found[1] if found else None


def store_cached(out_dir: Path, key: BulletinKey, frames: dict, files: dict | None = None) -> None:
    """Cache a bulletin's frames and files made from them (written aside and renamed, so a killed
    build leaves no torn file).

    NOTE: the key, the files and the frames are three pickles, one after the other, so finding
    which bulletins must be parsed reads only the keys, and writing the hive partitions only the
    keys and the files.
    """
    path = _cache_path(out_dir, key.bulletin_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        pickle.dump(key.as_tuple(), f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(files or {}, f, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(frames, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def drop_cached(out_dir: Path, bulletin_id: str) -> None:
    """Forget one bulletin's cached rows."""
    _cache_path(out_dir, bulletin_id).unlink(missing_ok=True)


def drop_stale_cache(out_dir: Path, keep: set[str]) -> None:
    """Remove cache entries of bulletins no longer in the raw folder."""
    folder = Path(out_dir) / CACHE_DIR
    if folder.is_dir():
        for p in folder.glob("*.pkl"):
            if p.stem not in keep:
                p.unlink(missing_ok=True)


def corpus_fingerprint(raw_dir: Path, bulletin_ids: list[str], skip_invalid: bool,
                       keys: dict[str, BulletinKey] | None = None) -> str:
    """One digest of every bulletin's bytes, metadata, the pipeline's code and the build's options
    (``keys``: the bulletins' keys, when already computed)."""
    h = hashlib.sha256(pipeline_code_version().encode())
    h.update(b"skip" if skip_invalid else b"strict")
    for bid in bulletin_ids:
        key = keys[bid] if keys is not None else bulletin_key(raw_dir, bid)
        h.update("\0".join(key.as_tuple()).encode())
    return h.hexdigest()


def read_state(out_dir: Path) -> dict:
    try:
        return json.loads((Path(out_dir) / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_state(out_dir: Path, state: dict) -> None:
    path = Path(out_dir) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_declared(out_dir: Path) -> dict[str, tuple[str, str]]:
    """What each metadata file validated by the last check declared, by the file's sha256 (empty
    when the file is missing, unreadable or written by another version of the code that reads it)."""
    try:
        found = json.loads((Path(out_dir) / CACHE_DIR / DECLARED_FILE).read_text(encoding="utf-8"))
        if found["code_version"] != PARSE_CODE_VERSION:
            return {}
        return {str(d): (str(b), str(s)) for d, (b, s) in found["declared"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def write_declared(out_dir: Path, declared: dict[str, tuple[str, str]]) -> None:
    """Keep what ``check_unique_ids`` returned for the next check (written aside and renamed)."""
    path = Path(out_dir) / CACHE_DIR / DECLARED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    found = {"code_version": PARSE_CODE_VERSION, "declared": declared}
    tmp.write_text(json.dumps(found, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _validated_key(key: BulletinKey) -> str:
    return "\0".join([*key.as_tuple(), SCHEMA_VERSION])


def _read_validated(out_dir: Path) -> dict:
    try:
        found = json.loads((Path(out_dir) / CACHE_DIR / VALIDATED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def unvalidated(out_dir: Path, table: str, keys: dict[str, BulletinKey]) -> set[str]:
    """The bulletins whose rows of ``table`` have not passed its checks under their very key and
    the current schema (recorded by ``mark_validated``)."""
    done = _read_validated(out_dir).get(table, {})
    return {bid for bid, key in keys.items() if done.get(bid) != _validated_key(key)}


def mark_validated(out_dir: Path, table: str, keys: dict[str, BulletinKey]) -> None:
    """Record that the rows of ``table`` of every bulletin in ``keys`` passed its checks (the record
    of bulletins not in ``keys`` is dropped); written aside and renamed."""
    found = _read_validated(out_dir)
    found[table] = {bid: _validated_key(key) for bid, key in sorted(keys.items())}
    path = Path(out_dir) / CACHE_DIR / VALIDATED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(found, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def frame_signature(frame) -> tuple | None:
    """The columns and dtypes of a bulletin's frame (None when it has no rows: join_parts leaves
    empty frames out, so their types never count)."""
    return tuple(frame.dtypes.items()) if len(frame) else None


def _load_corpus(out_dir: Path) -> dict | None:
    """The consolidated tables of the last build, or None when missing, torn or not of this format."""
    import pandas as pd

    from pipeline.metadata.tables import TABLES

    try:
        with open(Path(out_dir) / CACHE_DIR / CORPUS_FILE, "rb") as f:
            found = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError,
            MemoryError):
        return None
    if not (isinstance(found, dict) and found.get("format") == CORPUS_FORMAT
            and isinstance(found.get("keys"), dict) and isinstance(found.get("signatures"), dict)
            and isinstance(found.get("frames"), dict)):
        return None
    for t in TABLES:
        frame, signatures = found["frames"].get(t), found["signatures"].get(t)
        if not (isinstance(frame, pd.DataFrame) and "bulletin_id" in frame and isinstance(signatures, dict)
                and set(signatures) == set(found["keys"])):
            return None
    return found


def _store_corpus(out_dir: Path, keys: dict[str, BulletinKey], signatures: dict, frames: dict) -> None:
    """Keep the combined tables and each bulletin's key (written aside and renamed)."""
    path = Path(out_dir) / CACHE_DIR / CORPUS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            pickle.dump({"format": CORPUS_FORMAT, "keys": {b: k.as_tuple() for b, k in keys.items()},
                         "signatures": signatures, "frames": frames}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class MissingRows(LookupError):
    """A bulletin's cached rows vanished or cannot be read (``bulletin_id`` names it)."""

    def __init__(self, bulletin_id: str):
        super().__init__(bulletin_id)
        self.bulletin_id = bulletin_id


def combine_tables(out_dir: Path, keys: dict[str, BulletinKey], parsed: list | None = None) -> dict:
    """The published tables of the bulletins in ``keys``: exactly ``combine_table`` of each
    bulletin's cached frames in bulletin order, dtypes included.

    ``parsed`` (``pipeline.parsing.ParsedRows``) holds rows of bulletins parsed in this build,
    joined in batches: a batch whose bulletins come one after the other in bulletin order, each
    under its key in ``keys``, is taken as it is instead of reading those bulletins' cache files.

    NOTE: the rows of a bulletin whose key is unchanged are taken from the last kept combined
    tables (one pickle), the others from their bulletin's cache; rows of bulletins no longer in
    ``keys`` are left out. Every table is sorted by bulletin_id first, so each bulletin's rows are
    one block already in its final order (the stable sort of combine_table keeps it): the blocks
    are put together in bulletin order. When the parts do not all share the same dtypes
    (concatenating them could then widen a column otherwise than from scratch), every bulletin is
    read from its own cache instead. Raises MissingRows when a bulletin's cache cannot be read.
    """
    corpus = _load_corpus(out_dir) if len(keys) >= KEEP_MIN else None
    reuse = set()
    if corpus is not None:
        reuse = {b for b, k in keys.items() if corpus["keys"].get(b) == k.as_tuple()}
    frames, signatures = _combine(out_dir, keys, corpus if reuse else None, reuse, parsed or [])
    if frames is None:  # the dtypes differ: from every bulletin's own cache
        corpus, reuse = None, set()
        frames, signatures = _combine(out_dir, keys, None, reuse, parsed or [])
    # NOTE: the kept tables are written again (some 0.5 s for 1,000 bulletins) only once one
    # bulletin in REWRITE_SHARE is read from its own cache or dropped; until then those few are
    # read one by one.
    stale = len(keys) - len(reuse) + (len(corpus["keys"]) - len(reuse) if corpus else 0)
    if len(keys) < KEEP_MIN:
        (Path(out_dir) / CACHE_DIR / CORPUS_FILE).unlink(missing_ok=True)
    elif corpus is None or stale * REWRITE_SHARE > len(keys):
        _store_corpus(out_dir, keys, signatures, frames)
    return frames


def _blocks(frame) -> dict[str, tuple[int, int]] | None:
    """Each bulletin's rows of a table sorted by bulletin_id: bulletin_id → (start, end), or None
    when some bulletin's rows are not one block."""
    import numpy as np

    if not len(frame):
        return {}
    ids = frame["bulletin_id"].to_numpy(dtype=object)
    cuts = [0, *(np.flatnonzero(ids[1:] != ids[:-1]) + 1).tolist(), len(ids)]
    blocks = {ids[a]: (a, b) for a, b in zip(cuts, cuts[1:], strict=False)}
    return blocks if len(blocks) == len(cuts) - 1 else None


def _merge(order: list[str], reuse: set[str], old, new):
    """The rows of each bulletin of ``order``, in that order: from ``old`` for those in ``reuse``,
    else from ``new`` (runs of neighbouring rows sliced at once); None when a block is torn."""
    from pipeline.tables.combine import join_parts

    old_blocks, new_blocks = _blocks(old), {} if new is None else _blocks(new)
    if old_blocks is None or new_blocks is None:
        return None
    runs: list[tuple[object, int, int]] = []
    for bid in order:
        source, blocks = (old, old_blocks) if bid in reuse else (new, new_blocks)
        if bid not in blocks:
            continue  # no rows of this bulletin in this table
        a, b = blocks[bid]
        if runs and runs[-1][0] is source and runs[-1][2] == a:
            runs[-1] = (source, runs[-1][1], b)
        else:
            runs.append((source, a, b))
    return join_parts([source.iloc[a:b] for source, a, b in runs]) if runs else None


def _batches(order: list[str], keys: dict[str, BulletinKey], parsed: list) -> dict[str, object]:
    """The batches of ``parsed`` usable for ``order``, by their first bulletin: each bulletin's key
    is the one in ``keys`` and the batch's bulletins are, in turn, the next ones of ``order``."""
    position = {b: i for i, b in enumerate(order)}
    usable = {}
    for batch in parsed:
        ids = batch.bulletin_ids
        first = position.get(ids[0]) if ids else None
        if (first is not None and order[first:first + len(ids)] == ids
                and all(keys[b].as_tuple() == k for b, k in zip(ids, batch.keys, strict=True))):
            usable[ids[0]] = batch
    return usable


def _combine(out_dir: Path, keys: dict[str, BulletinKey], corpus: dict | None,
             reuse: set[str], parsed: list) -> tuple[dict | None, dict]:
    from pipeline.metadata.tables import TABLES
    from pipeline.tables.combine import combine_table, join_parts

    signatures: dict[str, dict] = {t: {} for t in TABLES}
    parts: dict[str, list] = {t: [] for t in TABLES}
    # One object per distinct signature, so the pickle of the corpus holds each once.
    canonical: dict[tuple, tuple] = {}
    order = sorted(set(keys) - reuse)
    batches = _batches(order, keys, parsed)
    i = read = 0
    while i < len(order):
        bid = order[i]
        if bid in batches:
            batch = batches[bid]
            found_frames = batch.frames
            found = {t: batch.signatures[t] for t in TABLES}
            i += len(batch.keys)
        else:
            found_frames = load_cached(out_dir, keys[bid])
            if found_frames is None:
                raise MissingRows(bid)
            found = {t: {bid: frame_signature(found_frames[t])} for t in TABLES}
            i += 1
        for t in TABLES:
            parts[t].append(found_frames[t])
            for b, sig in found[t].items():
                signatures[t][b] = None if sig is None else canonical.setdefault(sig, sig)
        read += 1
        if read % COMBINE_EVERY == 0:
            # NOTE: thousands of one-bulletin frames cost far more memory than their rows (each
            # column its own arrays); they are joined as they come, the order kept.
            parts = {t: [join_parts(p)] for t, p in parts.items()}
    new = {t: combine_table(t, parts[t]) if parts[t] else None for t in TABLES}
    if corpus is None:
        return new, signatures
    for t in TABLES:
        signatures[t].update({b: corpus["signatures"][t][b] for b in reuse})
        kinds = {s for s in signatures[t].values() if s is not None}
        frame = corpus["frames"][t]
        if len(kinds) > 1 or (len(frame) and kinds != {frame_signature(frame)}):
            return None, signatures
    if len(reuse) == len(corpus["keys"]) == len(keys):
        return corpus["frames"], signatures  # the very tables combine_table made then
    order, out = sorted(keys), {}
    for t in TABLES:
        merged = _merge(order, reuse, corpus["frames"][t], new[t])
        if merged is None or not len(merged):
            return None, signatures  # no rows: from scratch, the first bulletin's empty frame decides
        out[t] = merged
    return out, signatures
